"""Reading the warehouse's export."""

import pandas as pd


def load_events(path) -> pd.DataFrame:
    """The event log at `path`, with `timestamp` parsed as UTC datetimes."""
    events = pd.read_csv(path)
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
    return events
