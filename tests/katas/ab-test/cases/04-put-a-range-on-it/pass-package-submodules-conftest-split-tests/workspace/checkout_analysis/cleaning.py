"""Cleaning the log: bots out, each event once."""

import pandas as pd

BOT_MARKERS = ("bot", "python-requests", "headless")


def remove_bots(events: pd.DataFrame, markers=BOT_MARKERS) -> pd.DataFrame:
    """The events whose user agent contains none of `markers`, ignoring case."""
    agents = events["user_agent"].str.lower()
    is_bot = pd.Series(False, index=events.index)
    for marker in markers:
        is_bot |= agents.str.contains(marker.lower(), regex=False)
    return events[~is_bot]


def drop_duplicate_events(events: pd.DataFrame) -> pd.DataFrame:
    """The log with each event_id once: the collector sometimes sends an event twice."""
    return events.drop_duplicates(subset="event_id", keep="first")
