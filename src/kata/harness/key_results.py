"""The notebook's key results, compared with those of the notebook a stage started from.

A stage that only moves code must leave each key result where it was: re-recording the golden
master cannot hide a moved number, because the comparison is with the start's notebook, run by
the check. Both katas' refactoring stages use it.
"""

from __future__ import annotations

import pytest

from kata.harness.failures import fail
from kata.harness.notebooks import ExecutedNotebook


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
            "The notebook this stage started from keeps its key results in no dictionary of "
            "numbers (an earlier stage collected them in one, `results`), so nothing can be "
            "compared."
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
