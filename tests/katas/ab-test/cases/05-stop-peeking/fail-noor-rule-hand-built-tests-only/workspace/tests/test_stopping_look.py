"""The stopping rule: counts built by hand, then simulated experiments."""

import numpy as np
import pytest

from checkout_analysis import stopping_look

PLANNED = 28


def steady(rate, looks=PLANNED, per_look=400):
    """Cumulative (converters, users) of one experiment's variant, 1 x looks."""
    users = per_look * np.arange(1, looks + 1)
    return np.round(rate * users)[np.newaxis, :], users[np.newaxis, :]


def test_identical_variants_never_stop():
    for rate in (0.0, 0.157, 1.0):
        same = steady(rate)
        assert stopping_look(*same, *same, PLANNED).tolist() == [-1]


@pytest.mark.parametrize("control, treatment", [(0.1, 0.5), (0.5, 0.1)])
def test_an_overwhelming_difference_stops_at_the_first_look(control, treatment):
    assert stopping_look(*steady(control), *steady(treatment), PLANNED).tolist() == [0]


def test_a_difference_from_look_5_on_stops_at_look_5():
    converters, users = steady(0.157)
    converters[0, 5:] += 600
    assert stopping_look(*steady(0.157), converters, users, PLANNED).tolist() == [5]


def test_z_of_2_3_stops_at_5_percent_and_not_at_1_percent():
    # 10,000 users each at every look, 1,570 against 1,690 converters: z = 2.3, between the
    # two-sided bars at 5 % (1.96) and at 1 % (2.58)
    c0, c1, n = (np.full((1, PLANNED), value) for value in (1570, 1690, 10000))
    assert stopping_look(c0, n, c1, n, PLANNED, alpha=0.05).tolist() == [0]
    assert stopping_look(c0, n, c1, n, PLANNED, alpha=0.01).tolist() == [-1]


def test_a_test_still_running_is_judged_on_its_looks_so_far():
    assert stopping_look(*steady(0.1, 13), *steady(0.5, 13), PLANNED).tolist() == [0]
    assert stopping_look(*steady(0.2, 13), *steady(0.2, 13), PLANNED).tolist() == [-1]

