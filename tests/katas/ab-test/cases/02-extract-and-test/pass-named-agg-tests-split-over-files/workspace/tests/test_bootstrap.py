import pandas as pd
import pytest

from checkout_analysis import bootstrap_uplift_interval


@pytest.fixture
def events(ab_log):
    return ab_log(100, 20, 100, 30)


def test_seed_makes_it_repeatable(events):
    a = bootstrap_uplift_interval(events, resamples=30, random_state=5)
    b = bootstrap_uplift_interval(events, resamples=30, random_state=5)
    assert a == b


def test_estimate_is_inside(events):
    low, high = bootstrap_uplift_interval(events, resamples=100)
    assert low < 0.5 < high


def test_half_level_is_narrower(events):
    wide = bootstrap_uplift_interval(events, resamples=100, level=0.95)
    narrow = bootstrap_uplift_interval(events, resamples=100, level=0.5)
    assert narrow[1] - narrow[0] < wide[1] - wide[0]


def test_events_untouched(events):
    before = events.copy()
    bootstrap_uplift_interval(events, resamples=5)
    pd.testing.assert_frame_equal(events, before)
