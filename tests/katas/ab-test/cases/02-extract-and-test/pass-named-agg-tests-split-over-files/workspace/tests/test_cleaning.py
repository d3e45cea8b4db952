import pandas as pd

from checkout_analysis import load_events, remove_bots

PHONE = "Safari/17.5 (iPhone)"


def agents_log(log, *agents):
    return log([("control", "checkout_view", None, agent) for agent in agents])


def test_load_events_reads_utc_datetimes(tmp_path, ab_log):
    ab_log(2, 1, 2, 1).to_csv(tmp_path / "e.csv", index=False)
    events = load_events(tmp_path / "e.csv")
    assert events["timestamp"].dt.tz is not None
    assert str(events["timestamp"].dt.tz) == "UTC"
    assert len(events) == 6


def test_googlebot_inside_a_mozilla_agent_is_removed(log):
    kept = remove_bots(agents_log(log, "Mozilla/5.0 (compatible; Googlebot/2.1)", PHONE))
    assert kept["user_agent"].tolist() == [PHONE]


def test_lower_case_googlebot_is_removed(log):
    kept = remove_bots(agents_log(log, "googlebot-image/1.0", PHONE))
    assert kept["user_agent"].tolist() == [PHONE]


def test_every_marker_is_used(log):
    kept = remove_bots(agents_log(log, "bingbot/2.0", "AhrefsBot/7.0", "Googlebot", PHONE),
                       markers=("BINGBOT", "ahrefsbot"))
    assert kept["user_agent"].tolist() == ["Googlebot", PHONE]


def test_remove_bots_copies(log):
    events = agents_log(log, "Googlebot/2.1", PHONE)
    before = events.copy()
    remove_bots(events)
    pd.testing.assert_frame_equal(events, before)
