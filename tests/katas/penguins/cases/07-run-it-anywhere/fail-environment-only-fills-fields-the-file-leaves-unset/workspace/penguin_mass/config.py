"""Settings: what a run may vary, where each value comes from, and a check on every value.

Lowest to highest precedence:

1. the `[defaults]` table of `penguin_mass.toml` (committed: the build-time settings);
2. the chosen `[profiles.<name>]` table (`--profile NAME`, else `PENGUIN_MASS_PROFILE`);
3. environment variables `PENGUIN_MASS_<FIELD>`, e.g. `PENGUIN_MASS_ALPHA=3`;
4. `--set FIELD=VALUE` flags.

A field set nowhere keeps the default written in `Settings`. Every value, wherever it comes from,
is checked by `Settings` before anything runs; a bad one is a `ConfigError` whose message names
the field and where the value came from.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

CONFIG_FILE = Path("penguin_mass.toml")
ENV_PREFIX = "PENGUIN_MASS_"
PROFILE_VARIABLE = "PENGUIN_MASS_PROFILE"


class ConfigError(Exception):
    """A setting, profile, flag or settings file that cannot be used; the message is one line."""


class Settings(BaseModel):
    """Everything a run of train, evaluate or predict may vary."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    data_path: Path = Path("../data/penguins_raw.csv")
    output_dir: Path = Path("outputs")
    alpha: float = Field(1.0, gt=0, allow_inf_nan=False)
    test_fraction: float = Field(0.2, gt=0, lt=1, allow_inf_nan=False)
    seed: int = Field(42, ge=0)
    folds: int = Field(5, ge=2)


FIELDS = tuple(Settings.model_fields)


def load_settings(
    profile: str | None = None,
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] = os.environ,
    config_file: Path = CONFIG_FILE,
) -> Settings:
    """The settings for this run: file defaults < profile < environment < overrides (--set)."""
    tables = _read_config_file(Path(config_file))
    profile = profile or environ.get(PROFILE_VARIABLE) or None
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}

    def take(source: Mapping[str, Any], origin: str) -> None:
        for field, value in source.items():
            values[field] = value
            origins[field] = origin

    take(tables["defaults"], f"{config_file.name} [defaults]")
    if profile is not None:
        if profile not in tables["profiles"]:
            known = ", ".join(tables["profiles"]) or "none"
            raise ConfigError(
                f"unknown profile {profile!r} (profiles in {config_file.name}: {known})"
            )
        take(tables["profiles"][profile], f"{config_file.name} [profiles.{profile}]")
    # The machine fills in what the committed file leaves open; the reviewed file has the last say.
    take(
        {field: value for field, value in _from_environment(environ).items() if field not in values},
        "the environment",
    )
    for field, value in (overrides or {}).items():
        take({field: value}, f"--set {field}={value}")
    try:
        return Settings(**values)
    except ValidationError as error:
        raise ConfigError(_one_line(error, origins)) from None


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """{"alpha": "3"} for ["alpha=3"]; a pair without "=" or without a field name is an error."""
    overrides = {}
    for pair in pairs:
        field, equals, value = pair.partition("=")
        if not equals or not field.strip():
            raise ConfigError(f"--set {pair}: expected FIELD=VALUE, for example --set alpha=3")
        overrides[field.strip()] = value.strip()
    return overrides


def _read_config_file(path: Path) -> dict[str, dict[str, Any]]:
    """{"defaults": {...}, "profiles": {name: {...}}} from the TOML file; empty if there is none."""
    if not path.is_file():
        return {"defaults": {}, "profiles": {}}
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path.name}: not valid TOML ({error})") from None
    unknown = sorted(set(document) - {"defaults", "profiles"})
    if unknown:
        raise ConfigError(
            f"{path.name}: unknown table [{unknown[0]}]; expected [defaults] and [profiles.<name>]"
        )
    defaults = document.get("defaults", {})
    profiles = document.get("profiles", {})
    if not isinstance(defaults, dict) or not isinstance(profiles, dict):
        raise ConfigError(f"{path.name}: defaults and profiles must be tables")
    for name, table in profiles.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path.name}: profiles.{name} must be a table, [profiles.{name}]")
    return {"defaults": defaults, "profiles": profiles}


def _from_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The fields set by PENGUIN_MASS_<FIELD> variables; an unknown PENGUIN_MASS_ name is an error."""
    found = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or name == PROFILE_VARIABLE:
            continue
        field = name.removeprefix(ENV_PREFIX).lower()
        if field not in FIELDS:
            known = ", ".join(ENV_PREFIX + known.upper() for known in FIELDS)
            raise ConfigError(f"unknown setting {name} in the environment (known: {known})")
        found[field] = value
    return found


def _one_line(error: ValidationError, origins: Mapping[str, str]) -> str:
    """The first problem pydantic found, as: field: what is wrong (got value from where)."""
    problem = error.errors()[0]
    field = str(problem["loc"][0]) if problem["loc"] else "settings"
    origin = origins.get(field, "?")
    if origin == "the environment":
        origin = f"environment variable {ENV_PREFIX}{field.upper()}"
    if problem["type"] == "extra_forbidden":
        return f"{field}: unknown setting, from {origin} (known: {', '.join(FIELDS)})"
    message = problem["msg"][:1].lower() + problem["msg"][1:]
    return f"{field}: {message} (got {problem['input']!r} from {origin})"
