"""Logs built by hand, shared by the unit tests."""

import pandas as pd
import pytest

COLUMNS = ["event_id", "timestamp", "user_id", "session_id", "variant", "event", "order_value_eur", "user_agent"]


@pytest.fixture
def make_log():
    """make_log(rows): a log from dicts with user and event (and variant, value, agent, event_id)."""

    def build(rows):
        records = []
        for number, row in enumerate(rows, start=1):
            records.append(
                {
                    "event_id": row.get("event_id", f"e{number}"),
                    "timestamp": pd.Timestamp("2026-03-04 12:00", tz="UTC") + pd.Timedelta(seconds=number),
                    "user_id": row["user"],
                    "session_id": f"s-{row['user']}",
                    "variant": row.get("variant", "control"),
                    "event": row.get("event", "checkout_view"),
                    "order_value_eur": row.get("value", float("nan")),
                    "user_agent": row.get("agent", "Chrome/126.0 (Android)"),
                }
            )
        return pd.DataFrame(records, columns=COLUMNS)

    return build


def V(user, variant="control", **extra):
    return {"user": user, "variant": variant, "event": "checkout_view", **extra}


def O(user, value, variant="control", **extra):
    return {"user": user, "variant": variant, "event": "order", "value": value, **extra}


@pytest.fixture
def view():
    """view(user, variant="control", agent=..., event_id=...): one checkout view row."""
    return V


@pytest.fixture
def order():
    """order(user, value, variant="control", event_id=...): one order row."""
    return O


@pytest.fixture
def shoppers(make_log):
    """Control: a (3 views, orders 12.5 and 27.5), b (1 view), c (1 view, order 60).
    New checkout: d (2 views), e (1 view), f (1 view), g (1 view, order 40)."""
    return make_log(
        [
            V("a"), O("a", 12.5), V("a"), V("a"), O("a", 27.5), V("b"), V("c"), O("c", 60.0),
            V("d", "new_checkout"), V("d", "new_checkout"), V("e", "new_checkout"),
            V("f", "new_checkout"), V("g", "new_checkout"), O("g", 40.0, "new_checkout"),
        ]
    )


@pytest.fixture
def crowd(make_log):
    """50 users per variant, one or two views each; 10 control and 15 new-checkout converters."""
    from checkout_analysis import users_table

    rows = []
    for variant, converters in (("control", 10), ("new_checkout", 15)):
        for i in range(50):
            user = f"{variant}-{i}"
            rows += [V(user, variant)] * (1 + i % 2)
            if i < converters:
                rows.append(O(user, 30.0, variant))
    return users_table(make_log(rows))
