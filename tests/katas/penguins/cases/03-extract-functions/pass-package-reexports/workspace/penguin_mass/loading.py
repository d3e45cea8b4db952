"""Reading the LTER export."""

import pandas as pd


def read_raw(path):
    """Return the raw CSV export at `path`, untouched."""
    return pd.read_csv(path)
