"""Checks for ab-test stage 5: stopping_look, on counts built by hand and on thousands of simulated
experiments of the checks' own, keeps its false-positive rate near 5 % over 28 looks and still finds
a real effect, whatever boundary it uses."""

import time

import numpy as np
import pytest
from simulated_experiments import (
    PLANNED_LOOKS,
    experiments,
    first_crossing,
    stopped_share,
    z_statistics,
)

from kata.harness import call_learner, fail

NAME = "stopping_look"
MOST_FALSE_POSITIVES = 0.065  # 5 % plus 4 standard deviations of 4,000 experiments
LEAST_POWER = 0.45  # Bonferroni over 28 looks finds +10 % in about 52 % of them
SECONDS = 5.0


def looks(module, counts, given, **kwargs):
    found = call_learner(module, NAME, *counts, given=given, **kwargs)
    rows = len(counts[0])
    if (
        not isinstance(found, np.ndarray)
        or found.shape != (rows,)
        or not np.issubdtype(found.dtype, np.integer)
    ):
        fail(
            f"{NAME} gave {found!r} for {rows} experiments; it should give a numpy array of "
            f"{rows} ints, one per experiment (row): a look index or -1 (step 3)."
        )
    return found


def grown(control, treatment, count=4):
    """One experiment whose counts grow by (converters, users) at each of `count` looks."""
    step = np.arange(1, count + 1)
    return [np.array([value * step]) for value in (*control, *treatment)]


def test_identical_variants_never_stop(module):
    """Two variants with exactly the same counts at every look never stop."""
    found = looks(module, grown((50, 300), (50, 300)), "identical variants", planned_looks=4)
    assert found.tolist() == [-1], (
        f"{NAME} stopped an experiment whose variants are identical at every look (it gave "
        f"{found.tolist()}); -1 means the rule did not stop it."
    )


@pytest.mark.parametrize("better", ["new_checkout", "control"])
def test_an_overwhelming_difference_stops_in_either_direction(module, better):
    """Half the users converting against a tenth stops the test, whichever variant is better."""
    strong, weak = (150, 300), (30, 300)
    counts = grown(weak, strong) if better == "new_checkout" else grown(strong, weak)
    found = looks(module, counts, f"{better} at 50 % against 10 %", planned_looks=4)
    assert 0 <= found[0] <= 3, (
        f"With {better} converting 50 % of its users against 10 % at all 4 planned looks, "
        f"{NAME} gave {found.tolist()}; any rule must stop at one of the looks 0 to 3. A rule "
        "compares |z| with its boundary, so a large difference in either direction stops it."
    )


def test_the_look_is_counted_from_zero(module):
    """A difference that appears only at the last of 4 planned looks stops the test at look 3."""
    counts = [
        np.array([[50, 100, 150, 200]]),
        np.array([[300, 600, 900, 1200]]),
        np.array([[50, 100, 150, 800]]),
        np.array([[300, 600, 900, 1200]]),
    ]
    found = looks(module, counts, "a difference that appears at the fourth look", planned_looks=4)
    assert found.tolist() == [3], (
        f"The variants are identical at looks 0, 1 and 2 and far apart at look 3, the last of 4 "
        f"planned; {NAME} gave {found.tolist()}. Every rule stops there, at index 3: looks are "
        "counted from 0, as the columns are (step 3)."
    )


def test_a_running_test_gets_the_verdict_of_its_evening(module):
    """13 looks of 28 planned give the stops the whole 28 would give up to look 12, and -1 after."""
    counts = experiments(0.10, 400, seed=7)
    whole = looks(module, counts, "400 experiments of 28 looks", planned_looks=PLANNED_LOOKS)
    running = looks(
        module,
        [part[:, :13] for part in counts],
        "the same 400 experiments at 13 of 28 looks",
        planned_looks=PLANNED_LOOKS,
    )
    expected = np.where((whole >= 0) & (whole < 13), whole, -1)
    differ = np.flatnonzero(running != expected)
    assert differ.size == 0, (
        f"After 13 of 28 planned evenings, {NAME} gave other verdicts than the whole test gives "
        f"up to that evening, for {differ.size} of 400 experiments (the first: {running[differ[0]]} "
        f"instead of {expected[differ[0]]}). The boundary at a look may depend on planned_looks, "
        "not on how many looks have been made so far (step 3)."
    )


@pytest.fixture(scope="module")
def simulated(module):
    """The rule's verdicts on 4,000 A/A and 4,000 +10 % experiments, at alpha 0.05 and 0.01."""
    runs = {}
    for label, uplift, seed in (("A/A", 0.0, 2026), ("+10 %", 0.10, 2027)):
        counts = experiments(uplift, 4000, seed=seed)
        for alpha in (0.05, 0.01):
            started = time.perf_counter()
            found = looks(
                module,
                counts,
                f"4,000 simulated {label} experiments of 28 looks",
                planned_looks=PLANNED_LOOKS,
                alpha=alpha,
            )
            runs[label, alpha] = found, time.perf_counter() - started, counts
    return runs


def test_aa_experiments_stop_at_most_6_5_percent_of_the_time(simulated):
    """In 4,000 simulated A/A experiments of 28 looks, the rule stops at most 6.5 % of them."""
    found, _, counts = simulated["A/A", 0.05]
    share = stopped_share(found)
    noor = stopped_share(first_crossing(z_statistics(*counts), 1.96))
    assert share <= MOST_FALSE_POSITIVES, (
        f"Your rule stopped {share:.1%} of 4,000 experiments in which nothing changed; Noor's "
        f"rule (1.96 at every look) stops {noor:.1%} of the same ones. A rule for 28 looks needs "
        "a stricter boundary than 1.96 at each look, or a single test at the last one (step 2)."
    )


def test_a_real_effect_is_still_found(simulated):
    """In 4,000 simulated experiments with a true +10 % uplift, the rule stops at least 45 %."""
    found, _, counts = simulated["+10 %", 0.05]
    share = stopped_share(found)
    once = np.r_[np.full(PLANNED_LOOKS - 1, np.inf), 1.96]
    at_the_end = stopped_share(first_crossing(z_statistics(*counts), once))
    assert share >= LEAST_POWER, (
        f"Your rule stopped only {share:.1%} of 4,000 experiments with a real +10 % uplift; "
        f"testing once at the end stops {at_the_end:.1%}. A rule that rarely or never stops "
        "keeps its false positives low by never deciding anything."
    )


def test_the_rule_uses_the_alpha_it_is_given(simulated):
    """At alpha 0.01 the rule stops fewer experiments, and none earlier, than at 0.05."""
    for label in ("A/A", "+10 %"):
        at_5, at_1 = simulated[label, 0.05][0], simulated[label, 0.01][0]
        both = (at_5 >= 0) & (at_1 >= 0)
        fewer = stopped_share(at_1) < stopped_share(at_5) or stopped_share(at_5) == 0
        if not (fewer and (at_1[both] >= at_5[both]).all()):
            fail(
                f"On the {label} experiments, alpha=0.01 stopped {stopped_share(at_1):.1%} and "
                f"alpha=0.05 {stopped_share(at_5):.1%}; a smaller alpha must stop fewer, and never "
                "earlier. The boundary must come from alpha."
            )


def test_the_rule_judges_thousands_of_experiments_in_seconds(simulated):
    """stopping_look judges 4,000 experiments of 28 looks in a few seconds: no loop over them."""
    slowest = max(seconds for _, seconds, _ in simulated.values())
    assert slowest <= SECONDS, (
        f"{NAME} took {slowest:.1f} s for 4,000 experiments (at most {SECONDS:.0f} s). Compute z "
        "and the boundary on whole arrays of shape (experiments, looks); no Python loop over "
        "experiments or looks calling scipy."
    )
