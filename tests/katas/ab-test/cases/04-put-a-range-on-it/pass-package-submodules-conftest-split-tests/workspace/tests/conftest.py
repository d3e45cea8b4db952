"""Logs and tables built by hand, shared by the unit tests."""

import pandas as pd
import pytest

from checkout_analysis import user_conversion_by_variant, users_table

PERSON = "Chrome/126.0 (Windows)"


def build_log(rows):
    """An event log from (user, variant, event, order value) rows, one event id per row."""
    return pd.DataFrame(
        [
            {
                "event_id": number,
                "timestamp": f"2026-03-02T10:{number % 60:02d}:00Z",
                "user_id": user,
                "session_id": f"s{number:06d}",
                "variant": variant,
                "event": event,
                "order_value_eur": value,
                "user_agent": PERSON,
            }
            for number, (user, variant, event, value) in enumerate(rows, start=1)
        ]
    )


def visits(user, variant, views, *order_values):
    return [(user, variant, "checkout_view", float("nan"))] * views + [
        (user, variant, "order", value) for value in order_values
    ]


@pytest.fixture
def make_log():
    """make_log(("ann", "control", 3, 30.0, 50.0), ...): a log of users' views and orders."""

    def make(*users):
        rows = []
        for user in users:
            rows += visits(*user)
        return build_log(rows)

    return make


@pytest.fixture
def make_users(make_log):
    """make_users(control=(users, converters), new_checkout=(...)): a users table."""

    def make(**conversions):
        specs = []
        for variant, (count, converters) in conversions.items():
            for number in range(count):
                orders = (40.0,) if number < converters else ()
                specs.append((f"{variant}-{number}", variant, 1, *orders))
        return users_table(make_log(*specs))

    return make


@pytest.fixture
def make_table(make_users):
    """make_table(control=(users, converters), new_checkout=(...)): a per-variant table."""

    def make(**conversions):
        return user_conversion_by_variant(make_users(**conversions))

    return make


@pytest.fixture
def four_users(make_log):
    return make_log(
        ("ann", "control", 3, 30.0, 50.0),
        ("bob", "control", 1),
        ("cat", "new_checkout", 2, 20.0),
        ("dan", "new_checkout", 1),
    )
