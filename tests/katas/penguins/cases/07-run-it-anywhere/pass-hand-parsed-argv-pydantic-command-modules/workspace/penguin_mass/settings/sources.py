"""Where settings come from: penguin_mass.toml [defaults] < [profiles.X] < PENGUIN_MASS_* < --set."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from penguin_mass.settings.model import ConfigError, Settings

FILE = "penguin_mass.toml"
ENV = "PENGUIN_MASS_"


def split_set_flag(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise ConfigError(f"--set {text}: missing '=' (write --set {text}=VALUE)")
    key, value = text.split("=", 1)
    if not key:
        raise ConfigError(f"--set {text}: no field name before '='")
    return key, value


def load_settings(
    profile: str | None = None,
    overrides: Mapping[str, str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    path: str | Path = FILE,
) -> Settings:
    environ = dict(os.environ if environ is None else environ)
    path = Path(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path.name}: {error}") from None
    merged: dict[str, object] = {}
    source: dict[str, str] = {}

    def layer(values: Mapping[str, object], where: str) -> None:
        for key, value in values.items():
            merged[key] = value
            source[key] = where

    layer(document.get("defaults", {}), f"[defaults] in {path.name}")
    name = profile or environ.get(ENV + "PROFILE")
    if name:
        profiles = document.get("profiles", {})
        if name not in profiles:
            raise ConfigError(f"profile {name!r} not found in {path.name}")
        layer(profiles[name], f"[profiles.{name}] in {path.name}")
    layer(
        {k[len(ENV):].lower(): v for k, v in environ.items() if k.startswith(ENV) and k != ENV + "PROFILE"},
        "the environment",
    )
    layer(dict(overrides or {}), "--set")
    try:
        return Settings.model_validate(merged)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        where = source.get(field, "?")
        if where == "the environment":
            where = f"environment variable {ENV}{field.upper()}"
        raise ConfigError(f"setting {field} ({where}): {first['msg']}, got {first['input']!r}") from None
