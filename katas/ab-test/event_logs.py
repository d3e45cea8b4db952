"""Event logs built by hand, a few rows each, for the checks of several ab-test stages.

Each has the columns of the kata's log, so a learner's function sees what it would see in the
real file, and numbers small enough to work out on paper.
"""

from __future__ import annotations

import pandas as pd

PERSON = "Chrome/126.0 (Windows)"


def log(*rows: tuple) -> pd.DataFrame:
    """A log from (variant, event, order value or None, user agent) rows, one user per row."""
    return _frame([(f"u{number:05d}", *row) for number, row in enumerate(rows, start=1)])


def users_log(*rows: tuple) -> pd.DataFrame:
    """A log from (user, variant, event, order value or None, user agent) rows: see `visits`."""
    return _frame(list(rows))


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "event_id": number,
                "timestamp": pd.Timestamp("2026-03-02 10:00", tz="UTC")
                + pd.Timedelta(minutes=number),
                "user_id": user,
                "session_id": f"s{number:06d}",
                "variant": variant,
                "event": event,
                "order_value_eur": float("nan") if value is None else float(value),
                "user_agent": agent,
            }
            for number, (user, variant, event, value, agent) in enumerate(rows, start=1)
        ]
    )


def visits(user: str, variant: str, views: int, *order_values: float) -> list[tuple]:
    """One user's checkout views, then their orders, for `users_log`."""
    return [(user, variant, "checkout_view", None, PERSON)] * views + [
        (user, variant, "order", value, PERSON) for value in order_values
    ]


def users(conversions: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """A users table as stage 3's README describes it, from {variant: (users, converters)}: one
    view each, and one order of 40 EUR for each converter."""
    rows = [
        {
            "user_id": f"{variant}-{number}",
            "variant": variant,
            "views": 1,
            "orders": int(number < converters),
            "converted": number < converters,
            "revenue_eur": 40.0 if number < converters else 0.0,
        }
        for variant, (count, converters) in conversions.items()
        for number in range(count)
    ]
    return pd.DataFrame(rows).set_index("user_id")


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


def user_conversion(conversions: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """A per-user conversion table as stage 3's README describes it, from {variant: (users,
    converters)}, each converter's revenue 40 EUR."""
    frame = pd.DataFrame(
        [{"users": u, "converters": c, "revenue_eur": 40.0 * c} for u, c in conversions.values()],
        index=pd.Index(list(conversions), name="variant"),
    )
    frame["conversion"] = frame["converters"] / frame["users"]
    frame["revenue_per_user_eur"] = frame["revenue_eur"] / frame["users"]
    return frame
