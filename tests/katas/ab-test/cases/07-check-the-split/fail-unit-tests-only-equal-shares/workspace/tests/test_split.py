"""Tests of the split check against a 50/50 design (the only design we run)."""

import pytest

from checkout_analysis import SampleRatioMismatch, check_split, split_p_value


def test_an_even_split_has_a_p_value_of_one():
    assert split_p_value({"control": 5000, "new_checkout": 5000}) == pytest.approx(1.0)


def test_the_p_value_is_the_chi_squared_of_the_counts():
    # chi2 = 5.0 on one degree of freedom: p = 0.025347 (scipy.stats.chisquare).
    assert split_p_value({"control": 1050, "new_checkout": 950}) == pytest.approx(
        0.025347, rel=1e-4
    )
    assert split_p_value({"control": 9026, "new_checkout": 8418}) == pytest.approx(
        4.1561e-06, rel=1e-3
    )


def test_three_variants_have_two_degrees_of_freedom():
    assert split_p_value({"a": 110, "b": 90, "c": 100}) == pytest.approx(0.36788, rel=1e-4)


def test_half_a_point_off_in_200000_users_is_refused():
    with pytest.raises(SampleRatioMismatch):
        check_split({"control": 101_000, "new_checkout": 99_000})


def test_a_split_that_passes_gives_its_p_value():
    assert check_split({"control": 1050, "new_checkout": 950}) == pytest.approx(0.025347, rel=1e-4)


@pytest.mark.parametrize(
    "users", [{"control": 9026, "new_checkout": 8418}, {"control": 8418, "new_checkout": 9026}]
)
def test_the_check_refuses_either_variant_short(users):
    with pytest.raises(SampleRatioMismatch, match="9,026|9026"):
        check_split(users)


def test_the_check_uses_its_alpha():
    with pytest.raises(SampleRatioMismatch):
        check_split({"control": 1050, "new_checkout": 950}, alpha=0.05)
    assert check_split({"control": 1050, "new_checkout": 950}, alpha=0.01) == pytest.approx(
        0.025347, rel=1e-4
    )
