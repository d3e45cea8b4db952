"""What the checks know of a test's plan (from stage 6 on): the settings file and its keys, the
users and uplifts statsmodels computes for a plan, a way to rewrite a plan's settings and to run the
notebook under the rewritten plan, and what in a notebook's results does not follow its plan."""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path

import pytest
from readout_checks import NOTEBOOK

from kata.harness import fail, run_notebooks
from kata.harness.staging import remove_stage, stage_copy

PLAN = "plan.toml"
KEYS = ("baseline_conversion", "minimum_detectable_uplift", "alpha", "power", "users_per_day")
PLANNED_KEYS = ("users_needed", "days_needed", "detectable_uplift")  # results of a plan


def read_plan(folder: Path) -> dict:
    """The plan's settings, or a check failure that says what is missing."""
    path = folder / PLAN
    if not path.is_file():
        fail(f"There is no {PLAN} in the workspace; step 2 of the README writes it.")
    try:
        plan = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        fail(f"{PLAN} is not valid TOML: {error}")
    missing = [key for key in KEYS if key not in plan]
    if missing:
        fail(f"{PLAN} has no {', '.join(missing)}; step 2 lists the five settings.")
    wrong = [
        key for key in KEYS if isinstance(plan[key], bool) or not isinstance(plan[key], int | float)
    ]
    if wrong:
        fail(f"In {PLAN}, {', '.join(wrong)} should be a number, like `alpha = 0.05`.")
    return plan


def with_settings(folder: Path, **settings: float) -> None:
    """Rewrite `key = value` lines of the plan in `folder`, keeping every other line as it is; a
    plan or a key that is not there is left alone (the check of the plan's keys says so)."""
    path = folder / PLAN
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    for key, value in settings.items():
        text = re.sub(rf"(?m)^(\s*{key}\s*=\s*)[^#\n]*", rf"\g<1>{value!r} ", text)
    path.write_text(text, encoding="utf-8")


def runs_as_planned_and_replanned(workspace: Path, stage, **settings: float):
    """The fixture body of a stage whose notebook must follow its plan: the notebook as it is,
    and a copy of the workspace run with these settings in its plan, side by side."""
    copy = stage_copy(workspace, stage.kata_dir)
    try:
        with_settings(copy, **settings)
        yield run_notebooks([workspace / NOTEBOOK, copy / NOTEBOOK])
    finally:
        remove_stage(copy)


def users_needed(baseline: float, uplift: float, alpha: float, power: float) -> float:
    """Users per variant for a two-sided test (statsmodels' arcsine approximation, not rounded)."""
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    effect = proportion_effectsize(baseline * (1 + uplift), baseline)
    return float(NormalIndPower().solve_power(effect_size=effect, alpha=alpha, power=power))


def uplift_found(baseline: float, users: float, alpha: float, power: float) -> float:
    """The relative uplift that `users` per variant find with `power` (statsmodels, inverted)."""
    from statsmodels.stats.power import NormalIndPower

    effect = NormalIndPower().solve_power(nobs1=users, alpha=alpha, power=power)
    treated = math.sin(math.asin(math.sqrt(baseline)) + effect / 2) ** 2
    return treated / baseline - 1


def expected_from(plan: dict, fewest_users: int) -> dict:
    if not all(0 < plan[key] < 1 for key in ("baseline_conversion", "alpha", "power")):
        fail(f"The plan's settings are out of range (see the check on {PLAN}).")
    needed = users_needed(
        plan["baseline_conversion"], plan["minimum_detectable_uplift"], plan["alpha"], plan["power"]
    )
    found = uplift_found(plan["baseline_conversion"], fewest_users, plan["alpha"], plan["power"])
    return {"users_needed": needed, "detectable_uplift": found}


def plan_mismatches(results: dict, plan: dict, fewest_users: int) -> list[str]:
    """What in `results` does not follow `plan`: the users needed within 1 % of statsmodels, the
    days from those users, the detectable uplift within 0.5 %."""
    expected = expected_from(plan, fewest_users)
    problems = []
    users, days, uplift = (results[key] for key in PLANNED_KEYS)
    if isinstance(users, bool) or not isinstance(users, int):
        return [f"users_needed is {users!r}, not a whole number (int)"]
    if abs(users - expected["users_needed"]) > 0.01 * expected["users_needed"] + 1:
        problems.append(f"users_needed is {users:,}, not about {expected['users_needed']:,.0f}")
    if isinstance(days, bool) or not isinstance(days, int):
        problems.append(f"days_needed is {days!r}, not a whole number (int)")
    elif days != math.ceil(users / plan["users_per_day"]):
        problems.append(
            f"days_needed is {days!r}, not {users:,} users / {plan['users_per_day']} a day, "
            f"rounded up ({math.ceil(users / plan['users_per_day'])})"
        )
    if not isinstance(uplift, float) or uplift != pytest.approx(
        expected["detectable_uplift"], rel=0.005
    ):
        problems.append(
            f"detectable_uplift is {uplift!r}, not about {expected['detectable_uplift']:.4f} "
            f"(the smaller variant's {fewest_users:,} users, with the plan's alpha and power)"
        )
    return problems
