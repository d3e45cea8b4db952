import pandas as pd
import pytest


@pytest.fixture
def build_log():
    """build_log("user variant event [value] [agent=...] [id=...]", ...): one line per event."""

    def build(*lines):
        rows = []
        for number, line in enumerate(lines, start=1):
            words = line.split()
            options = dict(word.split("=", 1) for word in words if "=" in word)
            plain = [word for word in words if "=" not in word]
            user, variant, event = plain[:3]
            rows.append(
                {
                    "event_id": int(options.get("id", number)),
                    "timestamp": pd.Timestamp("2026-03-06", tz="UTC") + pd.Timedelta(hours=number),
                    "user_id": user,
                    "session_id": f"{user}-{number}",
                    "variant": {"C": "control", "N": "new_checkout"}[variant],
                    "event": {"view": "checkout_view", "order": "order"}[event],
                    "order_value_eur": float(plain[3]) if len(plain) > 3 else float("nan"),
                    "user_agent": options.get("agent", "Chrome/126.0_(Windows)").replace("_", " "),
                }
            )
        return pd.DataFrame(rows)

    return build
