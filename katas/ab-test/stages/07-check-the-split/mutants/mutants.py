"""Slips in the split check. Your unit tests must fail on every one.

Each mutant wraps your own function, found by name wherever you defined it, so it is the same slip
however you wrote the function: scipy's chisquare inside, or the statistic by hand.
"""

import functools
import inspect

from kata.harness.mutants import Mutant
from kata.harness.slips import with_arguments

NEVER = 1e-300  # an alpha no p-value falls below: a check that never refuses


def halved(split_p_value):
    @functools.wraps(split_p_value)
    def broken(*args, **kwargs):
        return split_p_value(*args, **kwargs) / 2

    return broken


def statistic_returned(split_p_value):
    """The chi-squared statistic returned where the p-value should be."""
    from scipy.stats import chi2

    signature = inspect.signature(split_p_value)

    @functools.wraps(split_p_value)
    def broken(*args, **kwargs):
        users = next(iter(signature.bind(*args, **kwargs).arguments.values()))
        return float(chi2.isf(split_p_value(*args, **kwargs), len(users) - 1))

    return broken


def by_rule_of_thumb(check_split):
    """Refuses when a variant's share of the users is more than one point off its designed share,
    and lets anything closer through, whatever the number of users."""
    signature = inspect.signature(check_split)

    @functools.wraps(check_split)
    def broken(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        users, shares = list(bound.arguments.values())[:2]
        counts = {variant: float(users[variant]) for variant in dict(users)}
        designed = {variant: 1.0 for variant in counts} if shares is None else dict(shares)
        off = max(
            abs(counts[v] / sum(counts.values()) - designed[v] / sum(designed.values()))
            for v in counts
        )
        if off > 0.01:
            raise _refusal_of(check_split)(f"{off:.1%} off the designed share")
        bound.arguments[list(bound.arguments)[2]] = NEVER
        return check_split(*bound.args, **bound.kwargs)

    return broken


def _refusal_of(check_split) -> type:
    """The learner's SampleRatioMismatch, as check_split's module sees it."""
    import sys

    found = check_split.__globals__.get("SampleRatioMismatch")
    return found or sys.modules[check_split.__module__].SampleRatioMismatch


MUTANTS = [
    Mutant(
        "split-shares-ignored",
        "split_p_value tests every split against equal shares, whatever design it is given.",
        function="split_p_value",
        wrap=lambda function: with_arguments(function, shares=lambda asked: None),
    ),
    Mutant(
        "split-p-value-halved",
        "split_p_value gives half the p-value, as a one-sided test in the direction the counts "
        "lean would.",
        function="split_p_value",
        wrap=halved,
    ),
    Mutant(
        "split-statistic-not-p-value",
        "split_p_value returns the chi-squared statistic instead of its p-value.",
        function="split_p_value",
        wrap=statistic_returned,
    ),
    Mutant(
        "check-never-refuses",
        "check_split returns the p-value of every split, however small: a check that never fails.",
        function="check_split",
        wrap=lambda function: with_arguments(function, alpha=lambda asked: NEVER),
    ),
    Mutant(
        "check-alpha-ignored",
        "check_split always refuses at 0.001, whatever alpha it is given.",
        function="check_split",
        wrap=lambda function: with_arguments(function, alpha=lambda asked: 0.001),
    ),
    Mutant(
        "check-by-rule-of-thumb",
        "check_split refuses a split whose shares are more than one point off the design, and "
        "passes any closer one: a rule of thumb instead of a test.",
        function="check_split",
        wrap=by_rule_of_thumb,
    ),
]
