"""The notebook's key results, compared with those of the notebook a stage started from.

Stage 2 collects the key results in a dictionary; every later stage that only moves code (3, and
6) must leave each of them where it was: re-recording the golden master cannot hide a moved gram,
because the comparison is with the start's notebook, run by the check. The check that the notebook
runs at all is here too, collected by those stages' check files by import.
"""

from __future__ import annotations

import pytest

from kata.harness import ExecutedNotebook, fail


def require_same_key_results(
    mine: ExecutedNotebook | str, before: ExecutedNotebook | str, advice: str
) -> None:
    """Every dictionary of numbers the start's notebook left holds the same values in `mine`."""
    if isinstance(mine, str):
        fail("The results cannot be compared until the notebook runs top to bottom (see above).")
    if isinstance(before, str):
        fail(
            f"The notebook this stage started from does not run, so nothing can be compared: {before}"
        )
    dictionaries = {
        name: value for name, value in before.variables().items() if _numbers_in(value) >= 3
    }
    if not dictionaries:
        fail(
            "The notebook this stage started from keeps its key results in no dictionary (stage 2 "
            "collects them in one, `results` in the README), so nothing can be compared."
        )
    # The largest dictionary holds the key results and must keep its name; a smaller one (an
    # intermediate such as the scores of one model) is compared where the notebook still has it.
    main = max(dictionaries, key=lambda name: _numbers_in(dictionaries[name]))
    moved = []
    for name, expected in dictionaries.items():
        found = mine.variables().get(name)
        if isinstance(found, dict) and "__unplain__" in found:
            fail(
                f"`{name}` now holds {found['__unplain__']}; keep its values plain Python numbers "
                "(float(...), int(...)) so that they compare with the start's."
            )
        if not isinstance(found, dict):
            if name != main:
                continue
            fail(f"The notebook no longer leaves its key results in `{name}`; keep that name.")
        moved += [
            f"{key}: {found.get(key)!r} (was {value!r})"
            for key, value in expected.items()
            if found.get(key) != pytest.approx(value)
        ]
    assert not moved, f"These key results moved: {'; '.join(moved[:4])}. {advice}"


def _numbers_in(value) -> int:
    """How many plain numbers a dictionary holds, nested ones included (0 for anything else)."""
    if not isinstance(value, dict) or "__frame__" in value:
        return 0
    return sum(
        _numbers_in(item) if isinstance(item, dict) else isinstance(item, int | float)
        for item in value.values()
    )


@pytest.mark.expensive  # it waits for the notebooks to run; the cheap checks report first
def test_the_notebook_still_runs_top_to_bottom(notebook_runs):
    """The notebook runs from the first cell to the last in a fresh kernel."""
    mine, _ = notebook_runs
    if isinstance(mine, str):
        fail(mine)
