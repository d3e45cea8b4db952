import pytest

from checkout_analysis import bootstrap_uplift_interval, relative_uplift, user_conversion_by_variant


@pytest.fixture
def sixty(make_users):
    return make_users(control=(60, 12), new_checkout=(60, 15))


def test_the_bootstrap_is_repeatable_and_holds_the_estimate(sixty):
    low, high = bootstrap_uplift_interval(sixty, resamples=100, random_state=7)
    assert (low, high) == bootstrap_uplift_interval(sixty, resamples=100, random_state=7)
    assert low < relative_uplift(user_conversion_by_variant(sixty)) < high


def test_a_lower_level_gives_a_narrower_bootstrap_interval(sixty):
    low, high = bootstrap_uplift_interval(sixty, resamples=100, level=0.95, random_state=7)
    low50, high50 = bootstrap_uplift_interval(sixty, resamples=100, level=0.5, random_state=7)
    assert low < low50 < high50 < high
