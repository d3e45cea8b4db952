import pandas as pd
import pytest

from checkout_analysis import drop_duplicate_events, load_events, remove_bots

PERSON = "Chrome/126.0 (Windows)"


def test_load_events_parses_timestamps_as_utc(tmp_path, make_log):
    path = tmp_path / "events.csv"
    make_log(("ann", "control", 2)).to_csv(path, index=False)
    events = load_events(path)
    assert str(events["timestamp"].dt.tz) == "UTC"
    assert events["timestamp"].iloc[0] == pd.Timestamp("2026-03-02 10:01", tz="UTC")


@pytest.mark.parametrize(
    "agent",
    ["Mozilla/5.0 (compatible; Googlebot/2.1)", "bingbot/2.0", "python-requests/2.31.0",
     "HeadlessChrome/126.0 (Linux)"],
)
def test_remove_bots_drops_every_kind_of_bot(agent, make_log):
    events = make_log(("ann", "control", 2)).assign(user_agent=[agent, PERSON])
    assert list(remove_bots(events)["user_agent"]) == [PERSON]


def test_remove_bots_takes_other_markers_in_any_case(make_log):
    events = make_log(("ann", "control", 2)).assign(user_agent=["Mozilla (SpecialCrawler)", PERSON])
    assert list(remove_bots(events, markers=("specialcrawler",))["user_agent"]) == [PERSON]


def test_an_event_stored_twice_counts_once(make_log):
    events = make_log(("ann", "control", 1, 30.0))
    twice = pd.concat([events, events.iloc[[1]]], ignore_index=True)
    assert sorted(drop_duplicate_events(twice)["event_id"]) == [1, 2]


def test_cleaning_leaves_the_log_alone(four_users):
    before = four_users.copy()
    remove_bots(four_users)
    drop_duplicate_events(four_users)
    pd.testing.assert_frame_equal(four_users, before)
