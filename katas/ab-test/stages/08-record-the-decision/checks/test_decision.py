"""Checks for ab-test stage 8: decide gives the plan's rule's decision for intervals on every side
of 0 and of the plan's bar, and refuses a readout whose split failed."""

import pytest
from refusal_probes import outcome_of

from kata.harness import fail

DECIDE = "decide"
PLAN = {"minimum_detectable_uplift": 0.10, "split_alpha": 0.001}
DECISIONS = [  # low, high, the bar, the rule's decision, why
    (0.02, 0.25, 0.10, "ship", "wholly above 0, and reaching past the bar"),
    (-0.046, 0.092, 0.10, "do not ship", "wholly below the bar: the re-run's interval"),
    (-0.15, -0.01, 0.10, "do not ship", "wholly below 0, so below the bar too"),
    (-0.07, 0.12, 0.10, "inconclusive", "across 0 and across the bar"),
    (0.01, 0.08, 0.10, "do not ship", "above 0 but wholly below the bar: better, not enough"),
    (-0.046, 0.092, 0.05, "inconclusive", "the re-run's interval against a bar of +5 %"),
    (0.01, 0.08, 0.05, "ship", "above 0 and across a bar of +5 %"),
    (0.0, 0.30, 0.10, "inconclusive", "touching 0 is not wholly above it"),
    (-0.10, 0.10, 0.10, "inconclusive", "touching the bar is not wholly below it"),
]


def readout(low: float, high: float, split_p: float = 0.5) -> dict:
    return {"uplift_ci_normal": [low, high], "readout_split_p_value": split_p}


def decided(module, results: dict, plan: dict) -> tuple[str, object, str]:
    given = f"{DECIDE}({results}, {plan})"
    if not module.has_function(DECIDE):
        fail(f"{module.module} has no function {DECIDE}; step 2's table gives its signature.")
    kind, detail = module.probe(outcome_of, DECIDE, [results, plan], {})
    if kind == "no-class":
        fail(
            f"{module.module}.SampleRatioMismatch is {detail}; stage 7 made it an exception class."
        )
    if kind == "other":
        fail(f"{given} raised {detail}.")
    return kind, detail, given


@pytest.mark.parametrize(
    ("low", "high", "bar", "decision", "why"),
    DECISIONS,
    ids=[f"{low}-{high}-bar-{bar}" for low, high, bar, *_ in DECISIONS],
)
def test_the_interval_and_the_plans_bar_decide(module, low, high, bar, decision, why):
    """decide gives the rule's decision: below the bar, do not ship; above 0, ship; else neither."""
    plan = PLAN | {"minimum_detectable_uplift": bar}
    kind, found, given = decided(module, readout(low, high), plan)
    if kind == "refused":
        fail(f"{given} raised SampleRatioMismatch ({found}); its split's p-value, 0.5, passes.")
    assert found == decision, (
        f"{given} gave {found!r}, not {decision!r}: the interval is {why}. The rule: "
        '"do not ship" if the interval lies wholly below the plan\'s minimum_detectable_uplift, '
        'else "ship" if it lies wholly above 0, else "inconclusive".'
    )


def test_no_decision_rests_on_a_failed_split(module):
    """A split below the plan's split_alpha raises SampleRatioMismatch; a stricter one decides.

    The same readout, with a split's p-value of 0.0004, is refused at split_alpha 0.001 and
    decided at 0.0001."""
    results = readout(0.02, 0.25, split_p=0.0004)
    kind, found, given = decided(module, results, PLAN)
    assert kind == "refused", (
        f"{given} gave {found!r}; the split's p-value, 0.0004, is below the plan's split_alpha "
        "(0.001), so it should raise SampleRatioMismatch."
    )
    kind, found, given = decided(module, results, PLAN | {"split_alpha": 0.0001})
    assert (kind, found) == ("returned", "ship"), (
        f"{given} {'raised' if kind == 'refused' else 'gave'} {found!r}; with a split_alpha of "
        "0.0001 the split passes, and the interval says ship. Compare with the plan's split_alpha."
    )
