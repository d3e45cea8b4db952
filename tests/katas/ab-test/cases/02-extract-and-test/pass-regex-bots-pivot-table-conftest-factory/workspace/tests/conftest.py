import itertools

import pandas as pd
import pytest

BROWSER = "Firefox/127.0 (Windows)"


@pytest.fixture
def make_log():
    """make_log(control=(views, orders), new_checkout=(views, orders), value=..., agents=[...])."""

    def make(control=(10, 2), new_checkout=(10, 3), value=10.0, agents=()):
        rows = []
        for variant, (views, orders) in (("control", control), ("new_checkout", new_checkout)):
            rows += [dict(variant=variant, event="checkout_view", order_value_eur=None,
                          user_agent=BROWSER)] * views
            rows += [dict(variant=variant, event="order", order_value_eur=value,
                          user_agent=BROWSER)] * orders
        rows += [dict(variant="control", event="checkout_view", order_value_eur=None,
                      user_agent=agent) for agent in agents]
        log = pd.DataFrame(rows)
        ids = itertools.count(1)
        log.insert(0, "event_id", [next(ids) for _ in range(len(log))])
        log.insert(1, "timestamp", pd.Timestamp("2026-03-02T09:00Z")
                   + pd.to_timedelta(log["event_id"], unit="s"))
        log.insert(2, "user_id", "u" + log["event_id"].astype(str))
        log.insert(3, "session_id", "s" + log["event_id"].astype(str))
        return log

    return make
