"""Tests of the split check, on the re-run's own log and on splits built by hand."""

import pytest

from checkout_analysis import (
    SampleRatioMismatch,
    check_split,
    drop_duplicate_events,
    load_events,
    remove_bots,
    split_p_value,
    users_table,
    without_ios_app,
)


@pytest.fixture(scope="module")
def rerun():
    return drop_duplicate_events(remove_bots(load_events("../data/rerun_events.csv")))


def test_the_re_run_is_refused(rerun):
    users = users_table(rerun)["variant"].value_counts()
    assert split_p_value(users) == pytest.approx(4.1561e-06, rel=1e-3)
    with pytest.raises(SampleRatioMismatch, match="9,026|9026"):
        check_split(users)
    with pytest.raises(SampleRatioMismatch, match="9,026|9026"):
        check_split(users.iloc[::-1])


def test_the_re_run_without_the_ios_app_passes(rerun):
    users = users_table(without_ios_app(rerun))["variant"].value_counts()
    assert check_split(users) == pytest.approx(0.96867, rel=1e-4)


def test_the_p_value_is_the_chi_squared_of_the_counts():
    assert split_p_value({"control": 1050, "new_checkout": 950}) == pytest.approx(
        0.025347, rel=1e-4
    )
    assert split_p_value({"a": 110, "b": 90, "c": 100}) == pytest.approx(0.36788, rel=1e-4)


def test_half_a_point_off_in_200000_users_is_refused():
    with pytest.raises(SampleRatioMismatch):
        check_split({"control": 101_000, "new_checkout": 99_000})


def test_a_ramp_and_alpha():
    ramp = {"control": 0.9, "new_checkout": 0.1}
    assert split_p_value({"control": 9000, "new_checkout": 1050}, ramp) == pytest.approx(
        0.13458, rel=1e-3
    )
    assert check_split({"control": 9000, "new_checkout": 1000}, ramp) == pytest.approx(1.0)
    with pytest.raises(SampleRatioMismatch):
        check_split({"control": 1050, "new_checkout": 950}, alpha=0.05)
    assert check_split({"control": 1050, "new_checkout": 950}) == pytest.approx(0.025347, rel=1e-4)
