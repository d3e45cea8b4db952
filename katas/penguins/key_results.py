"""The check that the notebook still runs, shared by the penguins stages that only move code (3
and 6), which collect it by import beside kata.harness.key_results.require_same_key_results."""

from __future__ import annotations

import pytest

from kata.harness import fail


@pytest.mark.expensive  # it waits for the notebooks to run; the cheap checks report first
def test_the_notebook_still_runs_top_to_bottom(notebook_runs):
    """The notebook runs from the first cell to the last in a fresh kernel."""
    mine, _ = notebook_runs
    if isinstance(mine, str):
        fail(mine)
