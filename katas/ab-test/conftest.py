"""What the checks of several ab-test stages share.

Loaded for every stage's checks (`kata check` makes the kata folder pytest's conftest boundary), which
also puts this folder on the checks' import path (`from noor_readout import readout`).
"""

from pathlib import Path

import pandas as pd
import pytest

KATA = Path(__file__).resolve().parent
EVENTS = KATA / "data" / "checkout_events.csv"
NOTEBOOK = "analysis.ipynb"


@pytest.fixture(scope="session")
def checkout_events() -> pd.DataFrame:
    """The kata's event log, as the learner's notebook reads it."""
    return pd.read_csv(EVENTS)
