"""Run settings as a frozen dataclass, checked by hand, layered from four sources."""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from pathlib import Path


class BadSettings(ValueError):
    pass


@dataclasses.dataclass(frozen=True)
class RunSettings:
    data_path: Path = Path("../data/penguins_raw.csv")
    output_dir: Path = Path("outputs")
    alpha: float = 1.0
    test_fraction: float = 0.2
    seed: int = 42
    folds: int = 5

    def __post_init__(self):
        if not (self.alpha > 0 and math.isfinite(self.alpha)):
            raise BadSettings(f"alpha must be a positive number, not {self.alpha}")
        if not 0 < self.test_fraction < 1:
            raise BadSettings(f"test_fraction must lie between 0 and 1, not {self.test_fraction}")
        if self.seed < 0:
            raise BadSettings(f"seed must be 0 or more, not {self.seed}")
        if self.folds < 2:
            raise BadSettings(f"folds must be 2 or more, not {self.folds}")


KINDS = {f.name: f.type for f in dataclasses.fields(RunSettings)}
CONVERT = {"Path": Path, "float": float, "int": int}


def _convert(name, value, where):
    if name not in KINDS:
        raise BadSettings(f"{where}: there is no setting called {name!r}")
    kind = KINDS[name]
    try:
        if kind == "int" and isinstance(value, float | bool):
            raise ValueError
        if kind == "float" and isinstance(value, bool):
            raise ValueError
        return CONVERT[kind](value)
    except (TypeError, ValueError):
        raise BadSettings(f"{where}: {name} must be {kind}, got {value!r}") from None


def read_settings(profile=None, assignments=(), env=None, path="penguin_mass.toml"):
    env = os.environ if env is None else env
    document = {}
    if Path(path).exists():
        try:
            document = tomllib.loads(Path(path).read_text())
        except tomllib.TOMLDecodeError as problem:
            raise BadSettings(f"{path} cannot be read: {problem}") from None
    chosen = {}
    for name, value in document.get("defaults", {}).items():
        chosen[name] = _convert(name, value, f"{path} [defaults]")
    profile = profile or env.get("PENGUIN_MASS_PROFILE")
    if profile:
        profiles = document.get("profiles", {})
        if profile not in profiles:
            raise BadSettings(f"profile {profile!r} is not in {path} ({', '.join(profiles)})")
        for name, value in profiles[profile].items():
            chosen[name] = _convert(name, value, f"{path} [profiles.{profile}]")
    for variable, value in env.items():
        if variable.startswith("PENGUIN_MASS_") and variable != "PENGUIN_MASS_PROFILE":
            name = variable.removeprefix("PENGUIN_MASS_").lower()
            chosen[name] = _convert(name, value, variable)
    for text in assignments:
        if "=" not in text:
            raise BadSettings(f"--set {text!r} needs the form FIELD=VALUE")
        name, value = text.split("=", 1)
        chosen[name] = _convert(name, value, "--set")
    return RunSettings(**chosen)
