"""What the checks know of a test's plan (from stage 6 on): the settings file and its keys, the
users and uplifts statsmodels computes for a plan, and a way to rewrite a plan's settings."""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path

from kata.harness import fail

PLAN = "plan.toml"
KEYS = ("baseline_conversion", "minimum_detectable_uplift", "alpha", "power", "users_per_day")


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
