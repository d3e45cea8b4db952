import pytest

from checkout_analysis import detectable_uplift, users_per_variant


def test_ten_percent_needs_8767_users_per_variant():
    assert users_per_variant(0.157, 0.10) == 8767


def test_4330_users_find_fourteen_percent():
    assert detectable_uplift(0.157, 4330) == pytest.approx(0.14345, abs=1e-4)
