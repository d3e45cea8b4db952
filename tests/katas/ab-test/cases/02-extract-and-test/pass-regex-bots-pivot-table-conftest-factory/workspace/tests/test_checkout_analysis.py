import numpy as np
import pytest
from scipy.stats import chi2_contingency

import checkout_analysis as ca

BROWSER = "Firefox/127.0 (Windows)"


def test_load_events_gives_utc_timestamps(tmp_path, make_log):
    path = tmp_path / "events.csv"
    make_log(control=(2, 1), new_checkout=(2, 0)).to_csv(path, index=False)
    events = ca.load_events(path)
    assert str(events["timestamp"].dt.tz) == "UTC"
    assert events["timestamp"].iloc[0].hour == 9


@pytest.mark.parametrize(
    "agent, markers",
    [
        ("Googlebot/2.1 (+http://www.google.com/bot.html)", ("Googlebot",)),
        ("Mozilla/5.0 (compatible; Googlebot/2.1)", ("Googlebot",)),
        ("googlebot-image/1.0", ("Googlebot",)),
        ("GOOGLEBOT", ("googlebot",)),
        ("bingbot/2.0", ("Googlebot", "bingbot")),
        ("python-requests/2.31.0", ("Googlebot", "Python-Requests")),
        ("some (weird+bot)", ("(weird+bot)",)),
    ],
    ids=["start", "middle", "lower", "upper", "second-marker", "third-marker", "regex-chars"],
)
def test_remove_bots_drops_the_bot(make_log, agent, markers):
    log = make_log(control=(0, 0), new_checkout=(1, 0), agents=[agent])
    kept = ca.remove_bots(log, markers=markers)
    assert kept["user_agent"].tolist() == [BROWSER]


def test_remove_bots_keeps_humans_and_the_given_log(make_log):
    log = make_log(agents=["Googlebot/2.1"])
    before = log.copy()
    assert len(ca.remove_bots(log)) == len(log) - 1
    assert log.equals(before)


@pytest.mark.parametrize(
    "column, control, new_checkout",
    [
        ("views", 10, 10),
        ("orders", 2, 3),
        ("conversion", 0.2, 0.3),
        ("revenue_eur", 20.0, 30.0),
        ("revenue_per_view_eur", 2.0, 3.0),
    ],
)
def test_conversion_by_variant(make_log, column, control, new_checkout):
    table = ca.conversion_by_variant(make_log(control=(10, 2), new_checkout=(10, 3), value=10.0))
    assert table.loc["control", column] == pytest.approx(control)
    assert table.loc["new_checkout", column] == pytest.approx(new_checkout)


def test_conversion_by_variant_leaves_the_log_alone(make_log):
    log = make_log()
    before = log.copy()
    ca.conversion_by_variant(log)
    assert log.equals(before)


@pytest.mark.parametrize(
    "control, new_checkout, uplift",
    [((10, 2), (10, 3), 0.5), ((10, 4), (10, 2), -0.5), ((20, 5), (10, 5), 1.0)],
)
def test_relative_uplift(make_log, control, new_checkout, uplift):
    table = ca.conversion_by_variant(make_log(control=control, new_checkout=new_checkout))
    assert ca.relative_uplift(table) == pytest.approx(uplift)


@pytest.mark.parametrize("control, new_checkout", [((40, 4), (40, 12)), ((200, 20), (200, 35))])
def test_chi_squared_p_value_is_scipys_corrected(make_log, control, new_checkout):
    table = ca.conversion_by_variant(make_log(control=control, new_checkout=new_checkout))
    observed = np.array([[control[1], control[0] - control[1]],
                         [new_checkout[1], new_checkout[0] - new_checkout[1]]])
    corrected = chi2_contingency(observed)[1]
    assert chi2_contingency(observed, correction=False)[1] != pytest.approx(corrected)
    assert ca.chi_squared_p_value(table) == pytest.approx(corrected)


@pytest.fixture
def big(make_log):
    return make_log(control=(100, 20), new_checkout=(100, 30))


def test_bootstrap_same_seed_same_interval(big):
    assert ca.bootstrap_uplift_interval(big, resamples=40, random_state=1) == \
        ca.bootstrap_uplift_interval(big, resamples=40, random_state=1)


def test_bootstrap_holds_the_estimate_and_narrows_with_level(big):
    low, high = ca.bootstrap_uplift_interval(big, resamples=80, level=0.95)
    mid_low, mid_high = ca.bootstrap_uplift_interval(big, resamples=80, level=0.5)
    assert low < mid_low <= 0.5 <= mid_high < high


def test_bootstrap_leaves_the_log_alone(big):
    before = big.copy()
    ca.bootstrap_uplift_interval(big, resamples=5)
    assert big.equals(before)
