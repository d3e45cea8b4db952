"""Slips in the two intervals of checkout_analysis. Your unit tests must fail on every one.

Each mutant wraps your own function, found by name wherever you defined it, so it is the same slip
however you wrote the function. Your tests run without the golden master and without the data
folder: only tests on tables you built by hand can catch these.
"""

import functools
import inspect
import math

from kata.harness.mutants import Mutant
from kata.harness.slips import with_arguments


def level_ignored(interval):
    return with_arguments(interval, level=lambda asked: 0.95)


def one_sided_z(interval):
    # norm.ppf(level) is the two-sided z of level 2 * level - 1.
    return with_arguments(interval, level=lambda asked: 2 * asked - 1)


def _arguments(function, args, kwargs):
    bound = inspect.signature(function).bind(*args, **kwargs)
    bound.apply_defaults()
    table, level, control, treatment = list(bound.arguments.values())[:4]
    return table, level, control, treatment


def _rates(table, control, treatment):
    return [
        (float(table.loc[name, "converters"]), float(table.loc[name, "users"]))
        for name in (treatment, control)
    ]


def _z(level):
    from scipy.stats import norm

    return float(norm.ppf(1 - (1 - level) / 2))


def pooled_standard_error(difference_interval):
    @functools.wraps(difference_interval)
    def broken(*args, **kwargs):
        table, level, control, treatment = _arguments(difference_interval, args, kwargs)
        (c1, n1), (c0, n0) = _rates(table, control, treatment)
        pooled = (c1 + c0) / (n1 + n0)
        half = _z(level) * math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
        return c1 / n1 - c0 / n0 - half, c1 / n1 - c0 / n0 + half

    return broken


def difference_upside_down(difference_interval):
    @functools.wraps(difference_interval)
    def broken(*args, **kwargs):
        low, high = difference_interval(*args, **kwargs)
        return -high, -low

    return broken


def symmetric_uplift(uplift_interval):
    @functools.wraps(uplift_interval)
    def broken(*args, **kwargs):
        table, level, control, treatment = _arguments(uplift_interval, args, kwargs)
        (c1, n1), (c0, n0) = _rates(table, control, treatment)
        ratio = (c1 / n1) / (c0 / n0)
        half = _z(level) * ratio * math.sqrt((n1 - c1) / (n1 * c1) + (n0 - c0) / (n0 * c0))
        return ratio - 1 - half, ratio - 1 + half

    return broken


MUTANTS = [
    Mutant(
        "difference-level-ignored",
        "difference_interval always gives the 95 % interval, whatever level it is asked for.",
        function="difference_interval",
        wrap=level_ignored,
    ),
    Mutant(
        "uplift-level-ignored",
        "uplift_interval always gives the 95 % interval, whatever level it is asked for.",
        function="uplift_interval",
        wrap=level_ignored,
    ),
    Mutant(
        "one-sided-z",
        "difference_interval takes z = norm.ppf(level), the z of a one-sided bound: its 95 % "
        "interval is a 90 % one.",
        function="difference_interval",
        wrap=one_sided_z,
    ),
    Mutant(
        "pooled-standard-error",
        "difference_interval uses one conversion for both variants (pooled) in its standard error.",
        function="difference_interval",
        wrap=pooled_standard_error,
    ),
    Mutant(
        "difference-upside-down",
        "difference_interval is of the control's conversion minus the treatment's.",
        function="difference_interval",
        wrap=difference_upside_down,
    ),
    Mutant(
        "symmetric-uplift",
        "uplift_interval is the estimate ± z standard errors of the ratio, symmetric, instead of "
        "being built on the log scale.",
        function="uplift_interval",
        wrap=symmetric_uplift,
    ),
]
