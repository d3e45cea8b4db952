import pandas as pd
import pytest

PHONE = "Safari/17.5 (iPhone)"


def _log(entries):
    """entries: list of (variant, event, order value, user agent)."""
    frame = pd.DataFrame(entries, columns=["variant", "event", "order_value_eur", "user_agent"])
    frame["event_id"] = range(1, len(frame) + 1)
    frame["timestamp"] = pd.to_datetime("2026-03-05T12:00:00Z") + pd.to_timedelta(
        frame["event_id"], unit="min")
    frame["user_id"] = "u" + frame["event_id"].astype(str).str.zfill(4)
    frame["session_id"] = "s" + frame["event_id"].astype(str).str.zfill(6)
    return frame[["event_id", "timestamp", "user_id", "session_id", "variant", "event",
                  "order_value_eur", "user_agent"]]


@pytest.fixture
def log():
    return _log


@pytest.fixture
def ab_log():
    """ab_log(control_views, control_orders, new_views, new_orders, value)."""
    def build(cv, co, nv, no, value=20.0):
        return _log(
            [("control", "checkout_view", None, PHONE)] * cv
            + [("control", "order", value, PHONE)] * co
            + [("new_checkout", "checkout_view", None, PHONE)] * nv
            + [("new_checkout", "order", value, PHONE)] * no
        )
    return build
