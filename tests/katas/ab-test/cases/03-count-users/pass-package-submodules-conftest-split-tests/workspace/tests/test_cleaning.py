"""remove_bots and drop_duplicate_events."""

import pandas as pd
import pytest

from checkout_analysis import BOT_MARKERS, drop_duplicate_events, remove_bots


@pytest.mark.parametrize(
    "bot",
    ["AhrefsBot/7.0 (+http://ahrefs.com/robot/)", "python-requests/2.31.0", "HeadlessChrome/126.0 (Linux)"],
    ids=["crawler", "script", "headless"],
)
def test_by_default_a_bot_goes_and_people_stay(make_log, view, order, bot):
    log = make_log([view("bot", agent=bot), view("p1", agent="Safari/17.5 (Mac)"), view("p2", agent="ShopApp/5.2 (iOS)")])
    assert remove_bots(log)["user_id"].tolist() == ["p1", "p2"]


def test_the_default_is_the_module_constant():
    assert BOT_MARKERS == ("bot", "python-requests", "headless")


def test_given_markers_are_used_instead(make_log, view, order):
    log = make_log([view("x", agent="AhrefsBot/7.0"), view("y", agent="Safari/17.5 (Mac)")])
    assert remove_bots(log, markers=("safari",))["user_id"].tolist() == ["x"]


def test_two_copies_of_one_event_count_once(make_log, view, order):
    log = make_log([view("u"), order("u", 19.0, event_id="dup"), order("u", 19.0, event_id="dup")])
    kept = drop_duplicate_events(log)
    assert kept["event_id"].tolist() == ["e1", "dup"]
    assert kept.index.tolist() == [0, 1]


def test_distinct_events_of_one_user_all_stay(make_log, view, order):
    log = make_log([view("u"), view("u"), order("u", 5.0), order("u", 5.0)])
    pd.testing.assert_frame_equal(drop_duplicate_events(log), log)


def test_cleaning_leaves_the_log_as_it_was(make_log, view, order):
    log = make_log([view("b", agent="bingbot/2.0"), order("u", 1.0, event_id="x"), order("u", 1.0, event_id="x")])
    before = log.copy()
    remove_bots(log)
    drop_duplicate_events(log)
    pd.testing.assert_frame_equal(log, before)
