"""Event logs built by hand, a few rows each, for the checks of several ab-test stages.

Each has the columns of the kata's log, so a learner's function sees what it would see in the
real file, and numbers small enough to work out on paper.
"""

from __future__ import annotations

import pandas as pd

PERSON = "Chrome/126.0 (Windows)"


def log(*rows: tuple) -> pd.DataFrame:
    """A log from (variant, event, order value or None, user agent) rows, one user per row."""
    return pd.DataFrame(
        [
            {
                "event_id": number,
                "timestamp": pd.Timestamp("2026-03-02 10:00", tz="UTC")
                + pd.Timedelta(minutes=number),
                "user_id": f"u{number:05d}",
                "session_id": f"s{number:06d}",
                "variant": variant,
                "event": event,
                "order_value_eur": float("nan") if value is None else float(value),
                "user_agent": agent,
            }
            for number, (variant, event, value, agent) in enumerate(rows, start=1)
        ]
    )


def views(variant: str, count: int, agent: str = PERSON) -> list[tuple]:
    return [(variant, "checkout_view", None, agent)] * count


def orders(variant: str, *values: float) -> list[tuple]:
    return [(variant, "order", value, PERSON) for value in values]


def ten_and_ten() -> pd.DataFrame:
    """Ten views per variant; control: 2 orders of 30 and 50 EUR; new_checkout: 3 of 20 EUR."""
    return log(
        *views("control", 10),
        *orders("control", 30, 50),
        *views("new_checkout", 10),
        *orders("new_checkout", 20, 20, 20),
    )


def sixty_and_sixty() -> pd.DataFrame:
    """Sixty views per variant: 12 orders in control, 15 in new_checkout, all of 40 EUR."""
    return log(
        *views("control", 60),
        *orders("control", *[40] * 12),
        *views("new_checkout", 60),
        *orders("new_checkout", *[40] * 15),
    )


def table(conversions: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """A conversion table as the README describes it, from {variant: (views, orders)}."""
    frame = pd.DataFrame(
        [{"views": v, "orders": o, "revenue_eur": 0.0} for v, o in conversions.values()],
        index=pd.Index(list(conversions), name="variant"),
    )
    frame["conversion"] = frame["orders"] / frame["views"]
    frame["revenue_per_view_eur"] = 0.0
    return frame
