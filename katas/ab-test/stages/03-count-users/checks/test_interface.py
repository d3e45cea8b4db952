"""Checks for ab-test stage 3: the cleaning and per-user functions of checkout_analysis behave as
steps 2 to 4 of the README say, on event logs built by hand, and none changes what it is given."""

import numbers

import pandas as pd
import pytest
from event_logs import user_conversion, users, users_log, visits
from interval_checks import require_a_seeded_bootstrap
from scipy.stats import chi2_contingency

from kata.harness import call_learner, fail

BOTS = (
    "Mozilla/5.0 (compatible; Googlebot/2.1)",
    "bingbot/2.0 (+http://www.bing.com/bingbot.htm)",
    "AhrefsBot/7.0",
    "python-requests/2.31.0",
    "HeadlessChrome/126.0 (Linux)",
)
PEOPLE = ("Chrome/126.0 (Windows)", "ShopApp/5.2 (iOS)")
ADVICE = "Work on a copy or build a new frame; none of the functions may change its input."
VARIANTS = ("control", "new_checkout")
FOUR_USERS = ("ann", "bob", "cat", "dan")
USER_COLUMNS = {
    "variant": ("control", "control", "new_checkout", "new_checkout"),
    "views": (3, 1, 2, 1),
    "orders": (2, 0, 1, 0),
    "converted": (True, False, True, False),
    "revenue_eur": (80.0, 0.0, 20.0, 0.0),
}


def call(module, name, *args, given, **kwargs):
    return call_learner(module, name, *args, given=given, advice=ADVICE, **kwargs)


def four_users():
    """ann (control): 3 views, orders of 30 and 50 EUR; bob (control): 1 view; cat (new_checkout):
    2 views, an order of 20 EUR; dan (new_checkout): 1 view."""
    return users_log(
        *visits("ann", "control", 3, 30.0, 50.0),
        *visits("bob", "control", 1),
        *visits("cat", "new_checkout", 2, 20.0),
        *visits("dan", "new_checkout", 1),
    )


def test_remove_bots_drops_every_bot_of_the_log_by_default(module):
    """remove_bots, without markers, drops crawlers, scripts and headless browsers, and keeps people."""
    events = users_log(*visits("ann", "control", len(BOTS) + len(PEOPLE)))
    events["user_agent"] = [*BOTS, *PEOPLE]
    kept = call(module, "remove_bots", events, given="seven views, five of them by bots")
    assert sorted(kept["user_agent"]) == sorted(PEOPLE), (
        f"remove_bots(events) kept {sorted(kept['user_agent'])}; by default it should drop every "
        f"bot of the log and keep only {sorted(PEOPLE)}. Step 2: BOT_MARKERS = ('bot', "
        "'python-requests', 'headless') as the default, matched anywhere, ignoring case."
    )


def test_drop_duplicate_events_keeps_each_event_once(module):
    """drop_duplicate_events keeps one copy of a repeated event_id and every distinct event."""
    events = four_users()
    twice = events.iloc[[0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 8, 9]].reset_index(drop=True)
    # The collector stamps each copy when it receives it, so the copies differ in their time.
    resent = twice["event_id"].duplicated()
    twice.loc[resent, "timestamp"] += pd.Timedelta(seconds=2)
    kept = call(
        module,
        "drop_duplicate_events",
        twice,
        given="ann's and cat's orders stored twice, two seconds apart, and repeat views",
    )
    assert sorted(kept["event_id"]) == sorted(events["event_id"]), (
        f"Given events {sorted(twice['event_id'])}, where ids 4 and 9 are stored twice, "
        f"drop_duplicate_events kept {sorted(kept['event_id'])}; it should keep every id once: "
        f"{sorted(events['event_id'])}. The copies of an event share its event_id, whatever their "
        "other columns say, and a user's repeat views are different events (step 2)."
    )


def test_users_table_has_one_row_per_user(module):
    """users_table gives each user's variant, views, orders, converted and revenue."""
    found = call(module, "users_table", four_users(), given="four users' views and orders")
    if "user_id" in found.columns:
        found = found.set_index("user_id")
    absent = [column for column in USER_COLUMNS if column not in found.columns]
    assert not absent, f"users_table gave no column {', '.join(absent)} (step 3)."
    if sorted(map(str, found.index)) != sorted(FOUR_USERS):
        fail(f"users_table's index is {list(found.index)}; it should be the four users' ids.")
    wrong = [
        f"{column} {got} (expected {want})"
        for column, want in USER_COLUMNS.items()
        if (got := tuple(found.loc[list(FOUR_USERS), column])) != want
        and not (column != "variant" and [float(x) for x in got] == pytest.approx(want))
    ]
    assert not wrong, (
        "For ann (3 views, orders of 30 and 50 EUR), bob (1 view), cat (2 views, an order of "
        f"20 EUR) and dan (1 view), users_table gave (ann, bob, cat, dan): {'; '.join(wrong)}."
    )


def test_user_conversion_by_variant_counts_converters_per_user(module):
    """user_conversion_by_variant gives users, converters, conversion and revenue per user."""
    given = users({"control": (10, 2), "new_checkout": (8, 4)})
    found = call(
        module, "user_conversion_by_variant", given, given="18 users, 2 and 4 of them converted"
    )
    expected = {
        "users": (10, 8),
        "converters": (2, 4),
        "conversion": (0.2, 0.5),
        "revenue_eur": (80.0, 160.0),
        "revenue_per_user_eur": (8.0, 20.0),
    }
    absent = [column for column in expected if column not in found.columns]
    assert not absent, f"user_conversion_by_variant gave no column {', '.join(absent)} (step 3)."
    if set(found.index) != set(VARIANTS):
        fail(
            f"user_conversion_by_variant's index is {list(found.index)}; it should be the variants."
        )
    wrong = [
        f"{column} {got} (expected {want})"
        for column, want in expected.items()
        if (got := tuple(float(found.loc[v, column]) for v in VARIANTS)) != pytest.approx(want)
    ]
    assert not wrong, (
        "On 10 control users (2 converted, 40 EUR each) and 8 new_checkout users (4 converted), "
        f"user_conversion_by_variant gave (control, new_checkout): {'; '.join(wrong)}."
    )


@pytest.mark.parametrize("counts", [(10, 2, 10, 3), (400, 40, 420, 61)], ids=["tens", "hundreds"])
def test_per_user_p_value_is_scipys_on_users(module, counts):
    """per_user_p_value is scipy's chi-squared p-value of converters against the other users."""
    u1, c1, u2, c2 = counts
    table = user_conversion({"control": (u1, c1), "new_checkout": (u2, c2)})
    found = call(module, "per_user_p_value", table, given=f"{c1}/{u1} against {c2}/{u2} users")
    expected = chi2_contingency([[c1, u1 - c1], [c2, u2 - c2]])[1]
    if not isinstance(found, numbers.Real) or found != pytest.approx(expected):
        fail(
            f"For {c1} converters in {u1} users against {c2} in {u2}, per_user_p_value gave "
            f"{found!r}; scipy.stats.chi2_contingency([[{c1}, {u1 - c1}], [{c2}, {u2 - c2}]]) "
            f"gives {expected} (with its default continuity correction)."
        )


def test_bootstrap_uplift_interval_draws_from_the_users_table(module):
    """bootstrap_uplift_interval, given a users table, is seeded, holds the estimate, follows level."""
    require_a_seeded_bootstrap(
        module,
        users({"control": (60, 12), "new_checkout": (60, 15)}),
        "a users table of sixty users per variant, 12 and 15 converted",
        0.25,
        "15/60 over 12/60 minus 1",
    )


def test_no_function_changes_what_it_is_given(module):
    """The cleaning, the users table, the conversion and the bootstrap leave their input as it was."""
    # call() compares each argument in the learner's process before and after the call.
    events = four_users()
    events.loc[len(events)] = events.loc[0]  # a row stored twice
    events.loc[1, "user_agent"] = "bingbot/2.0"
    given = "four users' events, one row stored twice, one view by a bot"
    for name in ("remove_bots", "drop_duplicate_events", "users_table"):
        call(module, name, events, given=given)
    table = users({"control": (6, 2), "new_checkout": (6, 3)})
    call(module, "user_conversion_by_variant", table, given="a users table of twelve users")
    call(module, "bootstrap_uplift_interval", table, resamples=3, given="a users table")
