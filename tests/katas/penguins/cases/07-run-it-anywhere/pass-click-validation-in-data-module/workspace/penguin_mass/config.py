"""Typed settings and where they come from (file defaults < profile < environment < --set)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator


class ConfigError(Exception):
    """Bad settings or usage."""


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    data_path: Path = Path("../data/penguins_raw.csv")
    output_dir: Path = Path("outputs")
    alpha: float = 1.0
    test_fraction: float = 0.2
    seed: int = 42
    folds: int = 5

    @field_validator("alpha")
    @classmethod
    def _alpha(cls, value: float) -> float:
        if not value > 0 or value == float("inf"):
            raise ValueError("must be a finite number greater than 0")
        return value

    @field_validator("test_fraction")
    @classmethod
    def _fraction(cls, value: float) -> float:
        if not 0 < value < 1:
            raise ValueError("must be greater than 0 and less than 1")
        return value

    @field_validator("seed")
    @classmethod
    def _seed(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must be 0 or more")
        return value

    @field_validator("folds")
    @classmethod
    def _folds(cls, value: int) -> int:
        if value < 2:
            raise ValueError("must be 2 or more")
        return value


def read_set_flags(flags: Sequence[str]) -> dict[str, str]:
    result = {}
    for flag in flags:
        if "=" not in flag:
            raise ConfigError(f"--set {flag!r} has no '=': use --set {flag}=VALUE")
        name, value = flag.split("=", 1)
        result[name.strip()] = value
    return result


def load_settings(
    profile: str | None = None,
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
    toml_path: str | os.PathLike = "penguin_mass.toml",
) -> Settings:
    env = os.environ if environ is None else environ
    toml_path = Path(toml_path)
    content = {}
    if toml_path.is_file():
        try:
            with open(toml_path, "rb") as handle:
                content = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{toml_path}: {error}") from None
    values = dict(content.get("defaults", {}))
    chosen = profile if profile is not None else env.get("PENGUIN_MASS_PROFILE")
    where = "defaults"
    if chosen:
        profiles = content.get("profiles", {})
        if chosen not in profiles:
            raise ConfigError(f"no profile {chosen!r} in {toml_path} (have: {', '.join(sorted(profiles))})")
        values.update(profiles[chosen])
        where = f"profile {chosen}"
    for variable, value in env.items():
        if variable.startswith("PENGUIN_MASS_") and variable != "PENGUIN_MASS_PROFILE":
            values[variable.removeprefix("PENGUIN_MASS_").lower()] = value
    values.update(overrides or {})
    try:
        return Settings(**values)
    except ValidationError as error:
        problem = error.errors()[0]
        name = problem["loc"][0] if problem["loc"] else "?"
        hint = f" (PENGUIN_MASS_{str(name).upper()} in the environment)" if f"PENGUIN_MASS_{str(name).upper()}" in env else ""
        raise ConfigError(f"{name}: {problem['msg']}{hint} [{where}]") from None
