"""What the checks of several ab-test stages share.

Loaded for every stage's checks (`kata check` makes the kata folder pytest's conftest boundary), which
also puts this folder on the checks' import path (`from noor_readout import readout`, `from event_logs import log`).
"""

from pathlib import Path

import pandas as pd
import pytest
from readout_checks import MODULE, NOTEBOOK

from kata.harness import run_notebooks
from kata.harness.learner_code import workspace_module
from kata.harness.mutants import Mutant, load_mutants
from kata.harness.slips import csv_value_nudged

KATA = Path(__file__).resolve().parent
EVENTS = KATA / "data" / "checkout_events.csv"
RERUN = KATA / "data" / "rerun_events.csv"


@pytest.fixture(scope="session")
def checkout_events() -> pd.DataFrame:
    """The kata's event log, as the learner's notebook reads it."""
    return pd.read_csv(EVENTS)


@pytest.fixture(scope="session")
def rerun_events() -> pd.DataFrame:
    """The re-run's event log (from stage 7 on)."""
    return pd.read_csv(RERUN)


@pytest.fixture(scope="module")
def module(workspace):
    """checkout_analysis, imported from the workspace in a process of its own (from stage 2 on)."""
    learner = workspace_module(
        workspace, MODULE, NOTEBOOK, "Step 2 of stage 2's README creates it."
    )
    yield learner
    learner.close()


@pytest.fixture(scope="module")
def notebook_runs(workspace, start_workspace):
    """The learner's notebook and the notebook the stage started from, each in a fresh kernel."""
    return run_notebooks([workspace / NOTEBOOK, start_workspace / NOTEBOOK])


@pytest.fixture(scope="module")
def notebook_run(workspace):
    """The learner's notebook in a fresh kernel, or why it did not run to the end (from stage 3 on,
    the results are compared with the readout computed from the data, not with the start's)."""
    return run_notebooks([workspace / NOTEBOOK])[0]


@pytest.fixture(scope="session")
def readout_slips():
    """The slips stage 1 planted; every later stage's golden master must still catch them."""
    return load_mutants(KATA / "stages" / "01-pin-the-readout")


@pytest.fixture(scope="session")
def per_user_slips(readout_slips):
    """Stage 1's slips that reach a per-user readout (from stage 3 on). The lost last row is one
    view of a user who stays: a per-user readout does not move, so no golden master can notice."""
    return [slip for slip in readout_slips if slip.name != "an-event-lost-on-reading"]


@pytest.fixture(scope="session")
def rerun_slips(per_user_slips):
    """Stage 1's slips on the re-run's log (from stage 7 on). Its typo moves to row 1024, an
    order of a user outside the iOS app: row 1022 of the re-run's log is a checkout view."""
    typo = Mutant(
        "one-order-value-typo",
        "One order in the log is worth 1 euro more: only the revenue per user moves, by a few "
        "cents in a thousand.",
        patch=csv_value_nudged("order_value_eur", row=1024, by=1.0),
    )
    return [typo if slip.name == typo.name else slip for slip in per_user_slips]
