"""Broken stopping rules. Your unit tests must fail on every one.

Each mutant wraps your own stopping_look, found by name wherever you defined it. Noor's rule
replaces your boundary by 1.96 at every look: only a test of the rate over many simulated A/A
experiments can tell it from a correct rule.
"""

import functools

import numpy as np

from kata.harness.mutants import Mutant
from kata.harness.slips import with_arguments


def _z(c0, n0, c1, n1):
    c0, n0, c1, n1 = (np.asarray(part, dtype=float) for part in (c0, n0, c1, n1))
    pooled = (c0 + c1) / (n0 + n1)
    return (c1 / n1 - c0 / n0) / np.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1))


def noors_rule(stopping_look):
    @functools.wraps(stopping_look)
    def broken(c0, n0, c1, n1, *args, **kwargs):
        crossed = np.abs(_z(c0, n0, c1, n1)) >= 1.96
        return np.where(crossed.any(axis=1), crossed.argmax(axis=1), -1)

    return broken


def one_look_late(stopping_look):
    @functools.wraps(stopping_look)
    def broken(*args, **kwargs):
        looks = np.asarray(stopping_look(*args, **kwargs))
        return np.where(looks >= 0, looks + 1, looks)

    return broken


def only_when_the_new_checkout_wins(stopping_look):
    @functools.wraps(stopping_look)
    def broken(c0, n0, c1, n1, *args, **kwargs):
        looks = np.asarray(stopping_look(c0, n0, c1, n1, *args, **kwargs))
        z = _z(c0, n0, c1, n1)
        at_stop = z[np.arange(len(looks)), np.maximum(looks, 0)]
        return np.where((looks >= 0) & (at_stop > 0), looks, -1)

    return broken


def alpha_ignored(stopping_look):
    return with_arguments(stopping_look, alpha=lambda asked: 0.05)


def never_stops(stopping_look):
    @functools.wraps(stopping_look)
    def broken(c0, *args, **kwargs):
        return np.full(len(c0), -1)

    return broken


MUTANTS = [
    Mutant(
        "noors-rule",
        "stopping_look stops at the first look with |z| >= 1.96, whatever the number of looks: "
        "about 28 % of A/A experiments stop.",
        function="stopping_look",
        wrap=noors_rule,
    ),
    Mutant(
        "one-look-late",
        "stopping_look reports the look after the one at which the boundary was crossed.",
        function="stopping_look",
        wrap=one_look_late,
    ),
    Mutant(
        "only-when-the-new-checkout-wins",
        "stopping_look stops only when the new checkout is ahead; a control that wins clearly "
        "never stops the test.",
        function="stopping_look",
        wrap=only_when_the_new_checkout_wins,
    ),
    Mutant(
        "alpha-ignored",
        "stopping_look always uses alpha = 0.05, whatever alpha it is given.",
        function="stopping_look",
        wrap=alpha_ignored,
    ),
    Mutant(
        "never-stops",
        "stopping_look never stops any experiment (-1 for every row).",
        function="stopping_look",
        wrap=never_stops,
    ),
]
