"""Reading the notebook's `results` after a run, for the checks of every ab-test stage."""

from __future__ import annotations

from kata.harness import fail


def results_of(run, keys: tuple[str, ...], step: str) -> dict:
    """The run's `results`, a plain dictionary with every key of `keys`; else a check failure
    that says what to change (`step` names the README step that lists the keys)."""
    if isinstance(run, str):
        fail("The results cannot be read until the notebook runs top to bottom (see above).")
    results = run.variables().get("results")
    if isinstance(results, dict) and "__unplain__" in results:
        fail(
            f"results holds {results['__unplain__']}, which does not compare or print cleanly. "
            f"Convert each value to plain Python, as {step} says: int(...), float(...), a dict "
            "comprehension for a Series, [float(ci[0]), float(ci[1])] for the interval."
        )
    if not isinstance(results, dict):
        fail(
            "After a run, the notebook has no dictionary named results. Build it in the "
            f"'Results for Lena' cell, with the keys of {step}."
        )
    missing = [key for key in keys if key not in results]
    assert not missing, f"results has no key {', '.join(missing)}; {step} lists the keys."
    return results


def require_interval_around_the_uplift(results: dict) -> None:
    low_high = results["uplift_ci"]
    around = (
        isinstance(low_high, list)
        and len(low_high) == 2
        and all(isinstance(end, float) for end in low_high)
        and low_high[0] < results["uplift"] < low_high[1]
    )
    if not around:
        fail(
            f"results['uplift_ci'] is {low_high!r}; it should be the bootstrap interval as a list "
            "of two floats, [low, high], around the uplift: [float(ci[0]), float(ci[1])]."
        )
