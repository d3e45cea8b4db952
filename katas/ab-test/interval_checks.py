"""What every stage asks of `bootstrap_uplift_interval`, whatever it resamples (events in stage 2,
users from stage 3 on): two numbers, repeatable with a seed, moved by another seed, around the
estimate, narrower at a lower level, and exactly `resamples` draws."""

from __future__ import annotations

import math
import numbers

from kata.harness import call_learner, fail

NAME = "bootstrap_uplift_interval"


def require_two_numbers(name: str, found) -> tuple[float, float]:
    """`found`, an interval function's answer, as (low, high); or a check failure."""
    if not (
        len(found) == 2
        and all(isinstance(end, numbers.Real) and math.isfinite(end) for end in found)
    ):
        fail(f"{name} gave {found!r}; it should return (low, high), two numbers.")
    return float(found[0]), float(found[1])


def require_a_seeded_bootstrap(module, data, given: str, estimate: float, worked: str) -> None:
    """`worked` says how `estimate`, the uplift of `data` itself, is worked out."""

    def interval(**kwargs):
        return call_learner(module, NAME, data, given=given, **kwargs)

    first = require_two_numbers(NAME, interval(resamples=60, random_state=7))
    again = interval(resamples=60, random_state=7)
    assert tuple(first) == tuple(again), (
        f"Two calls with random_state=7 gave {tuple(first)} and {tuple(again)}: seed "
        "np.random.default_rng(random_state) once and draw every resample from it."
    )
    other = interval(resamples=60, random_state=8)
    assert tuple(other) != tuple(first), (
        f"random_state=7 and random_state=8 gave the same interval {tuple(first)}: the function "
        "must draw from np.random.default_rng(random_state), not from a seed of its own."
    )
    assert first[0] < estimate < first[1], (
        f"The interval {tuple(first)} does not hold the uplift of the data itself, {worked} = "
        f"{estimate:g}."
    )
    narrow = interval(resamples=60, level=0.5, random_state=7)
    assert first[0] < narrow[0] <= narrow[1] < first[1], (
        f"With level=0.5 the interval is {tuple(narrow)}, not inside the 95 % one {tuple(first)}: "
        "the percentiles must come from level, (1 - level) / 2 on each side."
    )
    single = interval(resamples=1)
    assert single[0] == single[1], (
        f"With resamples=1 the interval should be one uplift twice, but it is {tuple(single)}: "
        "draw exactly `resamples` resamples."
    )
