"""Files: the LTER export goes in here and nowhere else."""

from pathlib import Path

import pandas as pd

from .domain import clean_penguins


def read_raw(path: str | Path) -> pd.DataFrame:
    return pd.read_csv(Path(path))


def load(path: str | Path) -> pd.DataFrame:
    """Read the export and clean it, in one go."""
    return clean_penguins(read_raw(path))
