"""Checks for ab-test stage 6: users_per_variant and detectable_uplift agree with statsmodels, are
each other's inverse, refuse plans no test can keep, and the users they ask for keep the promised
power in simulated experiments."""

import math
import numbers

import numpy as np
import pytest
from experiment_plans import uplift_found, users_needed
from plan_probes import outcome_of
from simulated_experiments import z_statistics

from kata.harness import call_learner, fail

USERS = "users_per_variant"
UPLIFT = "detectable_uplift"
PLANS = [  # baseline, relative uplift, alpha, power: where the usual formulas agree within 1 %
    (0.157, 0.10, 0.05, 0.8),
    (0.157, 0.05, 0.01, 0.9),
    (0.30, 0.15, 0.05, 0.8),
    (0.04, 0.20, 0.10, 0.8),
    (0.157, -0.10, 0.05, 0.8),
]
AGREEMENT = 0.01  # the normal formula, pooled or not, and the arcsine differ by under 0.2 % here


def users(module, baseline, uplift, alpha=0.05, power=0.8):
    found = call_learner(
        module, USERS, baseline_conversion=baseline, uplift=uplift, alpha=alpha, power=power,
        given=f"a baseline of {baseline}, an uplift of {uplift}, alpha {alpha}, power {power}",
    )  # fmt: skip
    if isinstance(found, bool) or not isinstance(found, numbers.Integral):
        fail(
            f"{USERS} gave {found!r}; it should give a whole number of users per variant, "
            "rounded up (math.ceil), as an int."
        )
    return int(found)


def uplift(module, baseline, count, alpha=0.05, power=0.8):
    found = call_learner(
        module, UPLIFT, baseline_conversion=baseline, users=count, alpha=alpha, power=power,
        given=f"a baseline of {baseline}, {count} users, alpha {alpha}, power {power}",
    )  # fmt: skip
    if isinstance(found, bool) or not isinstance(found, numbers.Real):
        fail(f"{UPLIFT} gave {found!r}; it should give the relative uplift as a float.")
    return float(found)


@pytest.mark.parametrize("plan", PLANS, ids=lambda plan: "-".join(map(str, plan)))
def test_the_users_per_variant_agree_with_statsmodels(module, plan):
    """users_per_variant gives what statsmodels' power calculation gives, within 1 %."""
    expected = users_needed(*plan)
    found = users(module, *plan)
    assert abs(found - expected) <= AGREEMENT * expected + 1, (
        f"{USERS}{plan} gave {found:,} users per variant; a two-sided test at alpha {plan[2]} "
        f"with power {plan[3]} needs about {math.ceil(expected):,}. " + advice_on(found / expected)
    )


def advice_on(ratio: float) -> str:
    if 0.45 < ratio < 0.55:
        return "About half: is the power term (norm.ppf(power)) left out?"
    if 1.8 < ratio < 2.2:
        return "About twice: users per variant, not both variants together."
    if 0.7 < ratio < 0.85:
        return "About a fifth too few: is alpha used one-sided (norm.ppf(1 - alpha))?"
    if ratio < 0.2:
        return "Far too few: the uplift is relative (0.10 is +10 % of the baseline, not 10 points)."
    return "The README's formula, or statsmodels' NormalIndPower, gives it."


@pytest.mark.parametrize("plan", PLANS[:4], ids=lambda plan: "-".join(map(str, plan[::2])))
def test_the_detectable_uplift_agrees_with_statsmodels(module, plan):
    """detectable_uplift gives the uplift statsmodels finds for that many users, within 0.5 %."""
    baseline, _, alpha, power = plan
    count = 5_000
    expected = uplift_found(baseline, count, alpha, power)
    found = uplift(module, baseline, count, alpha, power)
    assert found == pytest.approx(expected, rel=0.005), (
        f"{UPLIFT}({baseline}, {count:,} users, alpha {alpha}, power {power}) gave {found:.4f}; "
        f"that many users find a relative uplift of about {expected:.4f} (+{expected:.1%}). It "
        "is relative (the treatment converts baseline * (1 + uplift)) and two-sided."
    )


def test_the_two_are_each_others_inverse(module):
    """The users asked for an uplift find back that uplift with detectable_uplift."""
    for target in (0.03, 0.10, 0.25):
        count = users(module, 0.157, target)
        back = uplift(module, 0.157, count)
        assert back == pytest.approx(target, rel=0.01), (
            f"{USERS}(0.157, {target}) asks for {count:,} users, but {UPLIFT}(0.157, {count:,}) "
            f"gives {back:.4f}, not {target}: the two should undo each other."
        )


@pytest.mark.parametrize(
    ("function", "arguments"),
    [
        (USERS, {"baseline_conversion": 0.157, "uplift": 0.0}),
        (USERS, {"baseline_conversion": 1.57, "uplift": 0.10}),
        (USERS, {"baseline_conversion": 0.157, "uplift": 6.0}),
        (UPLIFT, {"baseline_conversion": 0.157, "users": 0}),
    ],
    ids=["no-uplift", "baseline-over-one", "conversion-over-one", "no-users"],
)
def test_a_plan_no_test_can_keep_is_refused(module, function, arguments):
    """A plan no test can keep raises ValueError, with a message, instead of giving a number."""
    call = f"{function}({', '.join(f'{k}={v}' for k, v in arguments.items())})"
    if not module.has_function(function):
        fail(f"{module.module} has no function {function}; step 3's table gives its signature.")
    kind, detail = module.probe(outcome_of, function, arguments)
    if kind == "returned":
        fail(f"{call} gave {detail}; no test can keep that plan, so it should raise ValueError.")
    assert kind == "ValueError", (
        f"{call} raised {detail}; it should raise ValueError with a message saying why."
    )


def simulated_power(count, baseline, uplift, seed, experiments=8_000):
    rng = np.random.default_rng(seed)
    control = rng.binomial(count, baseline, size=experiments)
    treatment = rng.binomial(count, baseline * (1 + uplift), size=experiments)
    z = z_statistics(control, count, treatment, count)
    return float(np.mean(np.abs(z) >= 1.959964))


@pytest.mark.parametrize("power", [0.8, 0.9])
def test_the_users_asked_for_find_the_uplift_as_often_as_promised(module, power):
    """In 8,000 simulated tests of that many users, a true +10 % is found as often as promised."""
    count = users(module, 0.157, 0.10, 0.05, power)
    found = simulated_power(count, 0.157, 0.10, seed=int(power * 100))
    assert abs(found - power) <= 0.02, (  # 3 standard deviations of 8,000 tests is 0.013
        f"With the {count:,} users per variant {USERS} asks for power {power}, 8,000 simulated "
        f"tests with a true +10 % uplift found it in {found:.1%} of them, not {power:.0%}."
    )
