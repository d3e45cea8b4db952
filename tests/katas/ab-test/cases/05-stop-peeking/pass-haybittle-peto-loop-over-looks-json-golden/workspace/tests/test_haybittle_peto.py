"""The Haybittle-Peto stopping rule on hand-built counts, then on 2,000 simulated experiments."""

import numpy as np
import pytest

from checkout_analysis import stopping_look

LOOKS = 28


def arrays(*rows):
    """Cumulative counts as stopping_look takes them, from one list per experiment."""
    return np.array(rows)


def flat(rate, users=400, looks=LOOKS):
    """One variant converting at `rate`, `users` new users a look: (converters, users) rows."""
    n = [users * k for k in range(1, looks + 1)]
    return [round(rate * x) for x in n], n


def judge(control, treatment, planned=LOOKS, alpha=0.05):
    (c0, n0), (c1, n1) = control, treatment
    return stopping_look(arrays(c0), arrays(n0), arrays(c1), arrays(n1), planned, alpha)


def test_identical_variants_never_stop():
    for rate in (0.0, 0.157, 1.0):
        assert judge(flat(rate), flat(rate)).tolist() == [-1]


def test_a_look_without_users_yet_is_no_reason_to_stop():
    empty = ([0] + flat(0.2)[0][1:], [0] + flat(0.2)[1][1:])
    assert judge(empty, empty).tolist() == [-1]


@pytest.mark.parametrize("control, treatment", [(0.1, 0.5), (0.5, 0.1)])
def test_an_overwhelming_difference_stops_at_the_first_look(control, treatment):
    looks = judge(flat(control), flat(treatment))
    assert looks.tolist() == [0]
    assert looks.dtype == np.int64 or np.issubdtype(looks.dtype, np.integer)


def test_an_interim_z_of_2_75_does_not_stop_but_the_same_z_at_the_last_look_does():
    # 4,000 users each at every look, 628 against 720 converters: z = 2.75 (under 3.29, over 2.00)
    c0, c1, n = [628] * LOOKS, [720] * LOOKS, [4000] * LOOKS
    assert judge((c0, n), (c1, n)).tolist() == [LOOKS - 1]
    assert judge((c0[:13], n[:13]), (c1[:13], n[:13])).tolist() == [-1]


def test_the_last_look_at_1_percent_asks_more():
    # z = 2.16 at the last look: past about 2.00 at 5 %, short of about 2.62 at 1 %
    c0, c1, n = [628] * LOOKS, [700] * LOOKS, [4000] * LOOKS
    assert judge((c0, n), (c1, n), alpha=0.05).tolist() == [LOOKS - 1]
    assert judge((c0, n), (c1, n), alpha=0.01).tolist() == [-1]


def test_a_jump_at_look_9_is_reported_at_look_9():
    c1, n1 = flat(0.157)
    c1 = c1[:9] + [x + 900 for x in c1[9:]]
    assert judge(flat(0.157), (c1, n1)).tolist() == [9]


def experiments(count, uplift, seed):
    rng = np.random.default_rng(seed)
    new_users = rng.poisson(336, size=(count, LOOKS, 2))
    converted = rng.binomial(new_users, [0.157, 0.157 * (1 + uplift)])
    users, converters = new_users.cumsum(axis=1), converted.cumsum(axis=1)
    return converters[..., 0], users[..., 0], converters[..., 1], users[..., 1]


def test_aa_experiments_stop_at_about_alpha():
    # 2,000 A/A experiments; 3 binomial standard deviations of a 5 % share: 1.5 %
    stopped = stopping_look(*experiments(2000, 0.0, seed=31), LOOKS) >= 0
    assert 0.035 <= stopped.mean() <= 0.065


def test_1_96_at_every_look_would_stop_far_too_many():
    c0, n0, c1, n1 = experiments(2000, 0.0, seed=31)
    p = (c0 + c1) / (n0 + n1)
    z = (c1 / n1 - c0 / n0) / np.sqrt(p * (1 - p) * (1 / n0 + 1 / n1))
    assert (np.abs(z) >= 1.96).any(axis=1).mean() > 0.065


def test_a_ten_percent_uplift_is_found_in_most_experiments_and_more_often_at_5_than_at_1():
    counts = experiments(2000, 0.10, seed=32)
    at_5, at_1 = stopping_look(*counts, LOOKS, 0.05), stopping_look(*counts, LOOKS, 0.01)
    assert (at_5 >= 0).mean() >= 0.7
    assert (at_1 >= 0).mean() < (at_5 >= 0).mean()
    assert np.all((at_1 == -1) | ((at_5 >= 0) & (at_5 <= at_1)))
