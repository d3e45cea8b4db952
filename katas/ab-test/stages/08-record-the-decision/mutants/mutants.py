"""Slips in the decision rule. Your unit tests must fail on every one.

Each mutant wraps your own `decide`, found by name wherever you defined it, and changes what it
is given or what it answers, so it is the same slip however you wrote the rule.
"""

import functools

from kata.harness.mutants import Mutant

INTERVAL = "uplift_ci_normal"


def given(change_results=None, change_plan=None):
    """A wrap that calls decide with changed results and plan (copies; the caller's stay)."""

    def wrap(decide):
        @functools.wraps(decide)
        def broken(results, plan, *args, **kwargs):
            results = change_results(dict(results)) if change_results else results
            plan = change_plan(dict(plan)) if change_plan else plan
            return decide(results, plan, *args, **kwargs)

        return broken

    return wrap


def middle_only(results):
    low, high = results[INTERVAL]
    results[INTERVAL] = [(low + high) / 2] * 2
    return results


def touching_counts(results):
    low, high = results[INTERVAL]
    results[INTERVAL] = [low + 1e-12, high - 1e-12]
    return results


def ship_first(decide):
    @functools.wraps(decide)
    def broken(results, plan, *args, **kwargs):
        decided = decide(results, plan, *args, **kwargs)
        return "ship" if results[INTERVAL][0] > 0 else decided

    return broken


MUTANTS = [
    Mutant(
        "bar-fixed-at-ten-percent",
        "decide compares the interval with +10 %, whatever minimum_detectable_uplift the plan says.",
        function="decide",
        wrap=given(change_plan=lambda plan: plan | {"minimum_detectable_uplift": 0.10}),
    ),
    Mutant(
        "middle-of-the-interval",
        "decide judges the middle of the interval, as if it were certain, instead of its ends.",
        function="decide",
        wrap=given(change_results=middle_only),
    ),
    Mutant(
        "split-ignored",
        "decide decides on a readout whose split failed, whatever the plan's split_alpha.",
        function="decide",
        wrap=given(change_plan=lambda plan: plan | {"split_alpha": 0.0}),
    ),
    Mutant(
        "ship-before-do-not-ship",
        "decide says ship for any interval above 0, even one wholly below the plan's bar.",
        function="decide",
        wrap=ship_first,
    ),
    Mutant(
        "touching-counts-as-past",
        "decide counts an interval that touches 0 or the bar as past it (>= instead of >).",
        function="decide",
        wrap=given(change_results=touching_counts),
    ),
]
