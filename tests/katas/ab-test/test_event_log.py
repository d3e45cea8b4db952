"""The ab-test kata's event log: the generator writes the committed bytes, and the log has the
properties its README and the kata's story claim."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

KATA = Path(__file__).resolve().parents[3] / "katas" / "ab-test"
LOG = KATA / "data" / "checkout_events.csv"
BOT = r"bot|python-requests|headless"


@pytest.fixture(scope="module")
def events():
    return pd.read_csv(LOG)


def test_the_generator_writes_the_committed_log_byte_for_byte(tmp_path):
    written = tmp_path / "events.csv"
    subprocess.run(
        [sys.executable, str(KATA / "generate_events.py"), "--out", str(written)],
        check=True,
        capture_output=True,
    )
    assert written.read_bytes() == LOG.read_bytes()


def test_noors_readout_is_the_one_the_story_quotes(events):
    sys.path.insert(0, str(KATA))
    try:
        from noor_readout import readout
    finally:
        sys.path.remove(str(KATA))
    found = readout(events)
    assert round(found["uplift"], 3) == 0.106
    assert round(found["p_value"], 2) == 0.03


def test_the_log_ends_on_the_evening_the_test_was_stopped(events):
    days = pd.to_datetime(events["timestamp"]).dt.strftime("%Y-%m-%d")
    assert (days.min(), days.max()) == ("2026-03-02", "2026-03-14")


def test_the_only_repeated_event_ids_are_the_new_checkouts_orders_of_11_march(events):
    repeated = events[events.duplicated("event_id", keep=False)]
    assert len(repeated) > 0
    assert repeated.duplicated(keep=False).all(), "a repeated event_id is an exact copy"
    assert set(repeated["variant"]) == {"new_checkout"}
    assert set(repeated["event"]) == {"order"}
    assert set(repeated["timestamp"].str[:10]) == {"2026-03-11"}


def test_bots_are_named_by_the_documented_rule_and_never_order(events):
    bots = events["user_agent"].str.contains(BOT, case=False)
    assert set(events.loc[bots, "user_id"].str[0]) == {"b"}
    assert set(events.loc[~bots, "user_id"].str[0]) == {"u"}
    assert (events.loc[bots, "event"] == "checkout_view").all()
    assert events.loc[bots, "user_agent"].str.contains("Googlebot").any()
    assert (
        events.loc[bots & ~events["user_agent"].str.contains("Googlebot"), "user_id"].nunique() > 1
    )


def test_each_user_stays_in_one_variant(events):
    assert (events.groupby("user_id")["variant"].nunique() == 1).all()


def test_the_per_user_readout_is_the_one_stage_3_quotes(events):
    sys.path.insert(0, str(KATA))
    try:
        from noor_readout import readout as noors_readout
        from user_readout import clean, readout
    finally:
        sys.path.remove(str(KATA))
    found = readout(events)
    assert found["users"] == {"control": 4330, "new_checkout": 4416}
    assert found["converters"] == {"control": 678, "new_checkout": 705}
    assert round(found["uplift"], 3) == 0.020
    assert round(found["p_value"], 2) == 0.72
    assert len(events) - len(events.drop_duplicates("event_id")) == 65
    assert round(noors_readout(events.drop_duplicates("event_id"))["uplift"], 3) == 0.027
    kept = clean(events)
    per_view = kept.groupby("variant")["event"].value_counts().unstack()
    conversion = per_view["order"] / per_view["checkout_view"]
    assert round(conversion["new_checkout"] / conversion["control"] - 1, 3) == 0.022


RERUN = KATA / "data" / "rerun_events.csv"


@pytest.fixture(scope="module")
def rerun():
    return pd.read_csv(RERUN)


def test_the_rerun_generator_writes_the_committed_log_byte_for_byte(tmp_path):
    written = tmp_path / "rerun.csv"
    subprocess.run(
        [sys.executable, str(KATA / "generate_rerun.py"), "--out", str(written)],
        check=True,
        capture_output=True,
    )
    assert written.read_bytes() == RERUN.read_bytes()


def test_the_rerun_ran_the_27_days_of_the_plan_with_each_event_once(rerun):
    days = pd.to_datetime(rerun["timestamp"]).dt.strftime("%Y-%m-%d")
    assert (days.min(), days.max()) == ("2026-04-06", "2026-05-02")
    assert not rerun["event_id"].duplicated().any()
    assert rerun["event_id"].tolist() == list(range(1, len(rerun) + 1))
    assert (rerun.groupby("user_id")["variant"].nunique() == 1).all()


def test_the_rerun_lost_the_new_checkouts_ios_app_users_from_the_release(rerun):
    app = rerun["user_agent"].str.startswith("ShopApp/") & rerun["user_agent"].str.endswith("(iOS)")
    updated = rerun["user_agent"] == "ShopApp/5.3 (iOS)"
    assert (rerun.loc[updated, "timestamp"] >= "2026-04-15").all()
    assert (rerun.loc[app & ~updated, "timestamp"] < "2026-04-15").all()
    assert set(rerun.loc[updated, "variant"]) == {"control"}
    assert set(rerun.loc[app & ~updated, "variant"]) == {"control", "new_checkout"}


def test_the_rerun_split_is_the_one_stage_7_quotes(rerun):
    sys.path.insert(0, str(KATA))
    try:
        from user_readout import clean
    finally:
        sys.path.remove(str(KATA))
    kept = clean(rerun)
    users = kept.groupby("variant")["user_id"].nunique().to_dict()
    assert users == {"control": 9026, "new_checkout": 8418}
    app = kept["user_agent"].str.startswith("ShopApp/") & kept["user_agent"].str.endswith("(iOS)")
    outside = kept[~kept["user_id"].isin(kept.loc[app, "user_id"])]
    assert outside.groupby("variant")["user_id"].nunique().to_dict() == {
        "control": 8100,
        "new_checkout": 8105,
    }
