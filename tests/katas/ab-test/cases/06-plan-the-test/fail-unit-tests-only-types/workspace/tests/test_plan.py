import pytest

from checkout_analysis import detectable_uplift, users_per_variant


def test_users_per_variant_is_a_positive_int():
    users = users_per_variant(0.157, 0.10)
    assert isinstance(users, int)
    assert users > 0


def test_detectable_uplift_is_a_positive_float():
    uplift = detectable_uplift(0.157, 4330)
    assert isinstance(uplift, float)
    assert uplift > 0


def test_no_uplift_is_refused():
    with pytest.raises(ValueError):
        users_per_variant(0.157, 0)
