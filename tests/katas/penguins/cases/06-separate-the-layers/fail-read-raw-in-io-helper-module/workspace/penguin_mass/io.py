"""Every file the package touches, in one place."""

from __future__ import annotations

from os import PathLike

import pandas as pd


def read_raw(path: str | PathLike) -> pd.DataFrame:
    """The LTER export as it is on disk."""
    return pd.read_csv(path)
