"""Tests of the split check: p-values recorded from scipy's chisquare and by hand, designed shares
other than 50/50, and a check that refuses a mismatch at the alpha it is given."""

import pytest

from checkout_analysis import SampleRatioMismatch, check_split, split_p_value


def test_an_even_split_has_a_p_value_of_one():
    assert split_p_value({"control": 5000, "new_checkout": 5000}) == pytest.approx(1.0)


def test_the_p_value_is_the_chi_squared_of_the_counts():
    # chi2 = 2 * 50**2 / 1000 = 5.0 on one degree of freedom: p = 0.025347 (scipy.stats.chisquare).
    assert split_p_value({"control": 1050, "new_checkout": 950}) == pytest.approx(
        0.025347, rel=1e-4
    )
    # The re-run: 9,026 against 8,418.
    assert split_p_value({"control": 9026, "new_checkout": 8418}) == pytest.approx(
        4.1561e-06, rel=1e-3
    )


def test_the_designed_shares_are_what_the_counts_are_tested_against():
    ramp = {"control": 0.9, "new_checkout": 0.1}
    # 9,000 against 1,050 of 10,050: expected 9,045 and 1,005; chi2 = 2.2388, p = 0.13458.
    assert split_p_value({"control": 9000, "new_checkout": 1050}, ramp) == pytest.approx(
        0.13458, rel=1e-3
    )
    assert split_p_value({"control": 9000, "new_checkout": 1000}, ramp) == pytest.approx(1.0)
    # The same counts are a gross mismatch for a 50/50 design.
    assert split_p_value({"control": 9000, "new_checkout": 1000}) < 1e-100


def test_three_variants_have_two_degrees_of_freedom():
    # chi2 = (10**2 + 10**2 + 0) / 100 = 2.0 on two degrees of freedom: p = exp(-1) = 0.36788.
    counts = {"a": 110, "b": 90, "c": 100}
    assert split_p_value(counts) == pytest.approx(0.36788, rel=1e-4)


def test_a_mismatch_too_small_to_see_in_the_shares_is_still_refused():
    # 50.5 % against 49.5 %: half a point off, and p = 7.7e-6 with 200,000 users.
    with pytest.raises(SampleRatioMismatch):
        check_split({"control": 101_000, "new_checkout": 99_000})


def test_a_split_that_passes_gives_its_p_value():
    assert check_split({"control": 1050, "new_checkout": 950}) == pytest.approx(0.025347, rel=1e-4)


def test_the_check_refuses_a_mismatch_in_either_direction():
    for counts in (
        {"control": 9026, "new_checkout": 8418},
        {"control": 8418, "new_checkout": 9026},
    ):
        with pytest.raises(SampleRatioMismatch, match="9,026|9026"):
            check_split(counts)


def test_the_check_uses_the_alpha_it_is_given():
    counts = {"control": 1050, "new_checkout": 950}  # p = 0.025
    with pytest.raises(SampleRatioMismatch):
        check_split(counts, alpha=0.05)
    assert check_split(counts, alpha=0.01) == pytest.approx(0.025347, rel=1e-4)


def test_the_check_uses_the_designed_shares():
    ramp = {"control": 0.9, "new_checkout": 0.1}
    assert check_split({"control": 9000, "new_checkout": 1000}, ramp) == pytest.approx(1.0)
    with pytest.raises(SampleRatioMismatch):
        check_split({"control": 9000, "new_checkout": 1000})
