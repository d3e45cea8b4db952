"""Checks for ab-test stage 7: split_p_value agrees with scipy's chi-squared goodness-of-fit test
for any design, and check_split returns the p-value of a split that passes and refuses, with its
own exception, one that does not, at the alpha and for the shares it is given."""

import re

import pytest
from refusal_probes import outcome_of
from scipy.stats import chisquare

from kata.harness import fail

P_VALUE = "split_p_value"
CHECK = "check_split"
RERUN = {"control": 9026, "new_checkout": 8418}  # the re-run's users, bots out: p = 4e-6
SPLITS = {  # name: (users, shares), each a design the README names
    "even-and-close": ({"control": 1050, "new_checkout": 950}, None),
    "the-rerun": (RERUN, None),
    "a-ramp-of-90-10": ({"control": 9000, "new_checkout": 1050}, {"control": 0.9, "new_checkout": 0.1}),
    "shares-in-another-order": ({"control": 9000, "new_checkout": 1050}, {"new_checkout": 0.1, "control": 0.9}),
    "a-ramp-as-weights": ({"control": 9000, "new_checkout": 1050}, {"control": 90, "new_checkout": 10}),
    "three-variants": ({"control": 110, "new_checkout": 90, "one_click": 100}, None),
    "three-uneven": ({"control": 520, "new_checkout": 240, "one_click": 240}, {"control": 2, "new_checkout": 1, "one_click": 1}),
}  # fmt: skip


def expected_p(users: dict, shares: dict | None) -> float:
    weights = shares or dict.fromkeys(users, 1)
    total = sum(users.values())
    expected = [total * weights[variant] / sum(weights.values()) for variant in users]
    return float(chisquare(list(users.values()), expected).pvalue)


def called(module, function: str, users: dict, as_series=False, **options) -> tuple:
    """What `function(users, **options)` did, ("returned", value) or ("refused", message), and the
    call as the learner would write it."""
    given = f"{function}({'a Series of ' if as_series else ''}{users}"
    given += "".join(f", {key}={value!r}" for key, value in options.items()) + ")"
    if not module.has_function(function):
        fail(f"{module.module} has no function {function}; step 3's table gives its signature.")
    kind, detail = module.probe(outcome_of, function, [users], options, as_series)
    if kind == "no-class":
        fail(
            f"{module.module}.SampleRatioMismatch is {detail}; step 3 asks for an exception "
            "class: class SampleRatioMismatch(Exception): ..."
        )
    if kind == "other":
        fail(f"{given} raised {detail}.")
    return kind, detail, given


def p_value_of(module, users: dict, shares=None, as_series=False) -> float:
    options = {} if shares is None else {"shares": shares}
    kind, value, given = called(module, P_VALUE, users, as_series, **options)
    if kind == "refused" or isinstance(value, bool) or not isinstance(value, float | int):
        fail(f"{given} gave {value!r}; it should return the p-value as a float.")
    return value


@pytest.mark.parametrize("name", SPLITS)
def test_the_p_value_agrees_with_scipys_chisquare(module, name):
    """split_p_value gives scipy.stats.chisquare's p-value against the design's expected users."""
    users, shares = SPLITS[name]
    expected = expected_p(users, shares)
    found = p_value_of(module, users, shares)
    assert found == pytest.approx(expected, rel=1e-6, abs=1e-300), (
        f"{P_VALUE}({users}{'' if shares is None else f', shares={shares}'}) gave {found:.6g}; "
        f"a chi-squared goodness-of-fit test against the design gives {expected:.6g}. "
        + advice_on(found, expected, users, shares)
    )


def advice_on(found: float, expected: float, users: dict, shares) -> str:
    if found == pytest.approx(expected / 2, rel=1e-6):
        return "It is half: the test is two-sided, a split can be off in either direction."
    if found > 1:
        return "It is above 1: is it the chi-squared statistic? Return its p-value."
    if shares is not None and found == pytest.approx(expected_p(users, None), rel=1e-6):
        return "That is the p-value of an equal split: the expected users come from `shares`."
    return "The expected users of a variant are total * share / sum of the shares."


def test_a_series_of_users_is_accepted(module):
    """split_p_value takes the users as a pandas Series too (table["users"]), indexed by variant."""
    found = p_value_of(module, RERUN, as_series=True)
    assert found == pytest.approx(expected_p(RERUN, None), rel=1e-6), (
        f"{P_VALUE} of the re-run's users as a Series gave {found:.6g}, not "
        f"{expected_p(RERUN, None):.6g} as for the same users in a dict."
    )


def test_a_split_that_passes_gives_its_p_value(module):
    """check_split returns the split's p-value when it is at least alpha (0.001 by default)."""
    users = {"control": 1050, "new_checkout": 950}
    kind, value, given = called(module, CHECK, users)
    assert kind == "returned", (
        f"{given} refused the split ({value}), whose p-value is 0.025: that is above the default "
        "alpha of 0.001, so it should return the p-value."
    )
    assert value == pytest.approx(expected_p(users, None), rel=1e-6), (
        f"{given} returned {value!r}; it should return the split's p-value, 0.02535."
    )


@pytest.mark.parametrize("short", ["new_checkout", "control"])
def test_a_mismatch_is_refused_whichever_variant_is_short(module, short):
    """check_split raises SampleRatioMismatch, with the users in its message, either way round."""
    users = RERUN if short == "new_checkout" else {"control": 8418, "new_checkout": 9026}
    kind, detail, given = called(module, CHECK, users)
    assert kind == "refused", (
        f"{given} returned {detail!r}; its p-value is 4e-6, below alpha, so it should raise "
        "SampleRatioMismatch."
    )
    shown = [count for count in RERUN.values() if not re.search(number_pattern(count), detail)]
    assert not shown, (
        f"{given} raised SampleRatioMismatch('{detail}'); say in the message how many users each "
        "variant has, so whoever reads it sees the mismatch."
    )


def number_pattern(count: int) -> str:
    """9026 written as 9026, 9,026, 9 026 or 9_026."""
    text = str(count)
    return rf"{text[:-3]}[,\s_\u202f]?{text[-3:]}(?!\d)"


def test_the_check_refuses_at_the_alpha_it_is_given(module):
    """A split with p = 0.025 is refused at alpha 0.05 and passes at alpha 0.01."""
    users = {"control": 1050, "new_checkout": 950}
    strict, _, given_strict = called(module, CHECK, users, alpha=0.05)
    lenient, _, given_lenient = called(module, CHECK, users, alpha=0.01)
    assert (strict, lenient) == ("refused", "returned"), (
        f"{given_strict} {'raised' if strict == 'refused' else 'returned'}, and {given_lenient} "
        f"{'raised' if lenient == 'refused' else 'returned'}; the split's p-value is 0.025, so "
        "the first should raise SampleRatioMismatch and the second return the p-value."
    )


def test_the_check_tests_against_the_shares_it_is_given(module):
    """9,000 against 1,000 is a perfect 90/10 ramp and a gross mismatch of a 50/50 design."""
    users = {"control": 9000, "new_checkout": 1000}
    ramp = {"control": 0.9, "new_checkout": 0.1}
    as_ramp, _, given_ramp = called(module, CHECK, users, shares=ramp)
    as_even, _, given_even = called(module, CHECK, users)
    assert (as_ramp, as_even) == ("returned", "refused"), (
        f"{given_ramp} {'raised' if as_ramp == 'refused' else 'returned'}, and {given_even} "
        f"{'raised' if as_even == 'refused' else 'returned'}; the first split is exactly the "
        "design, the second is nowhere near it."
    )


def test_a_mismatch_too_small_to_see_in_the_shares_is_refused(module):
    """101,000 against 99,000 is half a point off 50 %, and p = 8e-6: the check refuses it."""
    kind, detail, given = called(module, CHECK, {"control": 101_000, "new_checkout": 99_000})
    assert kind == "refused", (
        f"{given} returned {detail!r}. The shares are only half a point off, but with 200,000 "
        "users a fair split is never that far (p = 8e-6): refuse by the test, not by eye."
    )
