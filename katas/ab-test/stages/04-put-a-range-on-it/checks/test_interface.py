"""Checks for ab-test stage 4: difference_interval and uplift_interval give the normal-approximation
intervals of step 2, at any level and for either order of the variants, and change nothing."""

import pytest
from event_logs import user_conversion
from interval_checks import require_two_numbers
from statsmodels.stats.proportion import confint_proportions_2indep

from kata.harness import call_learner

# Variants of different sizes and rates, so that a pooled variance or swapped sizes show.
TABLE = {"control": (300, 60), "new_checkout": (100, 30)}
GIVEN = "60 of 300 control users converted against 30 of 100 new_checkout users"
ADVICE = "Read the table's numbers; never write into the table."


def statsmodels_interval(compare: str, level: float, treatment="new_checkout", control="control"):
    (u1, c1), (u0, c0) = TABLE[treatment], TABLE[control]
    method = "wald" if compare == "diff" else "log"
    low, high = confint_proportions_2indep(
        c1, u1, c0, u0, method=method, compare=compare, alpha=1 - level
    )
    shift = 1 if compare == "ratio" else 0
    return float(low) - shift, float(high) - shift


def interval(module, name, **kwargs):
    found = call_learner(module, name, user_conversion(TABLE), given=GIVEN, advice=ADVICE, **kwargs)
    return require_two_numbers(name, found)


FUNCTIONS = {
    "difference_interval": (
        "diff",
        "the difference +/- z * sqrt(p1 (1 - p1) / n1 + p0 (1 - p0) / n0)",
    ),
    "uplift_interval": (
        "ratio",
        ("exp(log(p1 / p0) +/- z * sqrt((1 - p1) / (n1 p1) + (1 - p0) / (n0 p0))) - 1"),
    ),
}


@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_interval_is_the_normal_approximation_of_step_2(module, name):
    """The interval at level 0.95 is step 2's formula, as statsmodels computes it."""
    compare, formula = FUNCTIONS[name]
    found = interval(module, name)
    expected = statsmodels_interval(compare, 0.95)
    assert found == pytest.approx(expected), (
        f"For {GIVEN}, {name} gave {found}; step 2's interval, {formula} with each variant's own "
        f"numbers, is {expected} (statsmodels' confint_proportions_2indep agrees)."
    )


@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_interval_follows_its_level(module, name):
    """At level 0.8 the interval is the 80 % one, z = norm.ppf(0.9), narrower than at 0.95."""
    compare, _ = FUNCTIONS[name]
    found = interval(module, name, level=0.8)
    expected = statsmodels_interval(compare, 0.8)
    assert found == pytest.approx(expected), (
        f"{name}(table, level=0.8) gave {found}; the 80 % interval is {expected}. z comes from "
        "the level: norm.ppf(1 - (1 - level) / 2), 1.28 at 0.8 and 1.96 at 0.95."
    )


@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_interval_follows_the_variants_it_is_told(module, name):
    """With control and treatment named the other way round, the interval is of the other comparison."""
    compare, _ = FUNCTIONS[name]
    found = interval(module, name, control="new_checkout", treatment="control")
    expected = statsmodels_interval(compare, 0.95, treatment="control", control="new_checkout")
    assert found == pytest.approx(expected), (
        f"{name}(table, control='new_checkout', treatment='control') gave {found}; comparing "
        f"control with new_checkout gives {expected}. Use the variants the arguments name."
    )


def test_neither_interval_changes_the_table(module):
    """difference_interval and uplift_interval leave the table they are given as it was."""
    for name in FUNCTIONS:
        interval(module, name)  # call_learner compares the table before and after the call
