import pandas as pd


def load_events(path):
    """Read the checkout event log; timestamps become UTC datetimes."""
    return pd.read_csv(path).assign(timestamp=lambda d: pd.to_datetime(d["timestamp"], utc=True))
