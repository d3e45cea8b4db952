"""Slips in the power calculation. Your unit tests must fail on every one.

Each mutant wraps your own function, found by name wherever you defined it, so it is the same slip
however you wrote the function: statsmodels inside, or the formula by hand.
"""

import functools
import inspect

from kata.harness.mutants import Mutant
from kata.harness.slips import with_arguments


def one_sided(function):
    # A one-sided test at alpha has the z of a two-sided test at 2 * alpha.
    return with_arguments(function, alpha=lambda asked: 2 * asked)


def power_ignored(function):
    # At power 0.5, norm.ppf(power) is 0: the power term of the formula is gone.
    return with_arguments(function, power=lambda asked: 0.5)


def settings_ignored(function):
    return with_arguments(function, alpha=lambda asked: 0.05, power=lambda asked: 0.8)


def rounded_down(users_per_variant):
    @functools.wraps(users_per_variant)
    def broken(*args, **kwargs):
        return users_per_variant(*args, **kwargs) - 1

    return broken


def uplift_in_points(users_per_variant):
    """The uplift read as a difference of conversion (0.10 as ten points, not +10 %)."""
    signature = inspect.signature(users_per_variant)

    @functools.wraps(users_per_variant)
    def broken(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        baseline, uplift = list(bound.arguments.values())[:2]
        names = list(bound.arguments)
        bound.arguments[names[1]] = uplift / baseline
        return users_per_variant(*bound.args, **bound.kwargs)

    return broken


def uplift_returned_in_points(detectable_uplift):
    """The detectable difference in conversion returned, not the relative uplift."""
    signature = inspect.signature(detectable_uplift)

    @functools.wraps(detectable_uplift)
    def broken(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        baseline = next(iter(bound.arguments.values()))
        return detectable_uplift(*args, **kwargs) * baseline

    return broken


MUTANTS = [
    Mutant(
        "users-one-sided",
        "users_per_variant plans a one-sided test: norm.ppf(1 - alpha) instead of "
        "norm.ppf(1 - alpha / 2), about a fifth too few users.",
        function="users_per_variant",
        wrap=one_sided,
    ),
    Mutant(
        "users-power-ignored",
        "users_per_variant leaves out the power term: about half the users, for a test that "
        "finds the uplift only half the time.",
        function="users_per_variant",
        wrap=power_ignored,
    ),
    Mutant(
        "users-alpha-and-power-ignored",
        "users_per_variant always plans for alpha 0.05 and power 0.8, whatever it is given.",
        function="users_per_variant",
        wrap=settings_ignored,
    ),
    Mutant(
        "users-rounded-down",
        "users_per_variant gives one user fewer than the smallest number that keeps the power.",
        function="users_per_variant",
        wrap=rounded_down,
    ),
    Mutant(
        "users-uplift-in-points",
        "users_per_variant reads the uplift as points of conversion (0.10 as 15.7 % to 25.7 %).",
        function="users_per_variant",
        wrap=uplift_in_points,
    ),
    Mutant(
        "detectable-power-ignored",
        "detectable_uplift leaves out the power term: the uplift found half the time.",
        function="detectable_uplift",
        wrap=power_ignored,
    ),
    Mutant(
        "detectable-in-points",
        "detectable_uplift returns the difference in conversion, not the relative uplift.",
        function="detectable_uplift",
        wrap=uplift_returned_in_points,
    ),
]
