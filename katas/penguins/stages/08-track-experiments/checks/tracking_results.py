"""What the penguins stage 8 checks read from the story, each reader returning what it found or
failing the check with a message that says what is missing: the runs of a round (`require`, and
`compared` for rounds 5 to 8), a store's survey (`surveyed`) and its champion (`champion_of`), the
champion's estimates and the predictions the learner's predict wrote. Beside them, the small
tests the checks apply to what they read (a param's value, a clean one-line error, a finite
number) and the fingerprint and rounding their messages show.
"""

from __future__ import annotations

import csv
import hashlib
import math
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tracking_terms import CHAMPION, MODEL, PREDICTION

from kata.harness import fail
from kata.harness.processes import Run

if TYPE_CHECKING:
    from tracking_story import Story  # which imports this module


def require(story: Story, *names: str) -> list[Run]:
    """The named runs, or a failure that says why they never ran."""
    if story.stopped:
        fail(f"Not checked, because {story.stopped} (see the first check).")
    return [story.runs[name] for name in names]


def surveyed(found: dict, where: str) -> dict:
    if "error" in found:
        fail(f"The checks could not read {where}: {found['error']}")
    return found


def param_is(run: dict, name: str, expected: float) -> bool:
    try:
        return float(run["params"][name]) == pytest.approx(expected)
    except (KeyError, ValueError):
        return False


def said_one_error_line(run: Run) -> bool:
    """Its stderr ends with a line starting "error:", with no traceback before it."""
    return run.last_line().startswith("error:") and "Traceback" not in run.stderr


def isfinite(value) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_predictions(path: Path) -> list[float]:
    if not path.is_file():
        fail(f"predict exited with 0 but wrote no {path.name}.")
    with path.open(newline="", encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    if not rows or PREDICTION not in rows[0]:
        fail(f"{path.name} has no column {PREDICTION!r}: {list(rows[0]) if rows else 'no rows'}.")
    try:
        return [float(row[PREDICTION]) for row in rows]
    except ValueError as error:
        fail(f"{path.name}: a {PREDICTION} that is not a number ({error}).")


def estimates(found: dict, where: str) -> list[float]:
    if "estimates" not in found:
        fail(
            f"The checks could not load the champion of {where} to compare with your predictions: "
            + found.get("estimates_error", "there is no champion")
        )
    return found["estimates"]


def rounded(values: list[float]) -> str:
    return "[" + ", ".join(f"{value:.0f}" for value in values[:4]) + ", ...] g"


def compared(story: Story, *names: str) -> list[Run]:
    """The runs of rounds 5 to 8, or a failure saying why they did not run."""
    require(story)
    if not story.weak_id:
        fail(
            "Not checked: rounds 5 to 8 promote the alpha=1000 run over the champion, and they "
            "need both a stored alpha=1000 run and a successful `promote --run-id` (see above)."
        )
    return [story.runs[name] for name in names]


def champion_of(found: dict, where: str) -> dict:
    champion = surveyed(found, where)["champion"]
    if champion is None:
        fail(f"{MODEL} has no alias {CHAMPION!r} in {where} any more.")
    return champion
