"""The LTER export as a file: read it, and read it cleaned."""

from __future__ import annotations

import os

import pandas as pd

from penguin_mass.domain.cleaning import clean_penguins


def read_raw(path: str | os.PathLike) -> pd.DataFrame:
    """Every row and column of the export, as written."""
    return pd.read_csv(path)


def read_penguins(path: str | os.PathLike) -> pd.DataFrame:
    """The export at path, cleaned by the domain's rules."""
    return clean_penguins(read_raw(path))
