"""Cleaning decisions: which user agents are bots, which column says "the same event"."""

import pandas as pd

#: Every crawler, script and headless browser of the log contains one of these (any case).
BOT_MARKERS = ("bot", "python-requests", "headless")


def remove_bots(events: pd.DataFrame, markers=BOT_MARKERS) -> pd.DataFrame:
    """The events whose user agent contains none of `markers`, ignoring case."""
    lowered = [marker.lower() for marker in markers]
    is_bot = events["user_agent"].map(lambda agent: any(m in str(agent).lower() for m in lowered))
    return events[~is_bot.astype(bool)]


def drop_duplicate_events(events: pd.DataFrame) -> pd.DataFrame:
    """The log with each event_id once (its first copy); distinct events of a user all stay."""
    return events.drop_duplicates(subset=["event_id"])
