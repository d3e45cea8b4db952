"""bootstrap_uplift_interval on a users table."""

import pandas as pd

from checkout_analysis import bootstrap_uplift_interval, relative_uplift, user_conversion_by_variant


def test_the_interval_is_repeatable_and_holds_the_estimate(crowd):
    interval = bootstrap_uplift_interval(crowd, resamples=60, random_state=11)
    assert interval == bootstrap_uplift_interval(crowd, resamples=60, random_state=11)
    assert interval[0] < relative_uplift(user_conversion_by_variant(crowd)) < interval[1]


def test_a_lower_level_gives_a_narrower_interval(crowd):
    wide = bootstrap_uplift_interval(crowd, resamples=60, level=0.9, random_state=11)
    narrow = bootstrap_uplift_interval(crowd, resamples=60, level=0.5, random_state=11)
    assert wide[0] < narrow[0] < narrow[1] < wide[1]


def test_the_bootstrap_leaves_the_users_as_they_were(crowd):
    before = crowd.copy()
    bootstrap_uplift_interval(crowd, resamples=3)
    pd.testing.assert_frame_equal(crowd, before)
