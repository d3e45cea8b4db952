"""What the checks of several penguins stages share.

Loaded for every stage's checks (`kata check` makes the kata folder pytest's conftest boundary).
"""

from pathlib import Path

import pytest

from kata.harness.mutants import load_mutants

KATA = Path(__file__).resolve().parent
GOLDEN_MASTER = "tests/test_golden_master.py"


@pytest.fixture(scope="session")
def golden_master_slips():
    """The slips stage 2 planted; every later stage's golden master must still catch them."""
    return load_mutants(KATA / "stages" / "02-pin-the-behaviour")
