"""Run settings, as a frozen dataclass checked field by field.

Sources, later ones winning: the [defaults] table of penguin_mass.toml, one [profiles.NAME]
table (--profile NAME, else PENGUIN_MASS_PROFILE), PENGUIN_MASS_<FIELD> variables, --set flags.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SETTINGS_FILE = Path("penguin_mass.toml")
PREFIX = "PENGUIN_MASS_"


class SettingsError(Exception):
    """A bad setting, profile or flag; its message is one line."""


@dataclass(frozen=True)
class Settings:
    data_path: Path = Path("../data/penguins_raw.csv")
    output_dir: Path = Path("outputs")
    alpha: float = 1.0
    test_fraction: float = 0.2
    seed: int = 42
    folds: int = 5

    def to_json(self) -> dict[str, Any]:
        return {key: str(value) if isinstance(value, Path) else value
                for key, value in asdict(self).items()}


def _path(value: Any) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a path")
    return Path(value)


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("expected a number")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError("expected a finite number")
    return number


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("expected a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value.strip())
    raise ValueError("expected a whole number")


# field -> (converter, test of the converted value, what the test demands)
RULES: dict[str, tuple[Callable[[Any], Any], Callable[[Any], bool], str]] = {
    "data_path": (_path, lambda v: True, ""),
    "output_dir": (_path, lambda v: True, ""),
    "alpha": (_float, lambda v: v > 0, "greater than 0"),
    "test_fraction": (_float, lambda v: 0 < v < 1, "between 0 and 1 (exclusive)"),
    "seed": (_int, lambda v: v >= 0, "0 or more"),
    "folds": (_int, lambda v: v >= 2, "2 or more"),
}


def parse_assignment(text: str) -> tuple[str, str]:
    """("alpha", "3") from "alpha=3"."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise SettingsError(f"--set {text!r}: expected FIELD=VALUE, e.g. --set alpha=3")
    return name.strip(), value


def load_settings(
    profile: str | None = None,
    assignments: Iterable[str] | Mapping[str, str] = (),
    environ: Mapping[str, str] | None = None,
    settings_file: str | os.PathLike = SETTINGS_FILE,
) -> Settings:
    environ = os.environ if environ is None else environ
    settings_file = Path(settings_file)
    document = _read(settings_file)
    layers: list[tuple[str, Mapping[str, Any]]] = [
        (f"{settings_file.name} [defaults]", document.get("defaults", {}))
    ]
    chosen = profile if profile else environ.get(PREFIX + "PROFILE") or None
    if chosen is not None:
        profiles = document.get("profiles", {})
        if chosen not in profiles:
            raise SettingsError(
                f"profile {chosen!r} is not in {settings_file.name} "
                f"(there: {', '.join(profiles) or 'no profiles'})"
            )
        layers.append((f"{settings_file.name} [profiles.{chosen}]", profiles[chosen]))
    from_env = {}
    for key, value in environ.items():
        if key.startswith(PREFIX) and key != PREFIX + "PROFILE":
            from_env[key[len(PREFIX):].lower()] = (value, f"environment variable {key}")
    if isinstance(assignments, Mapping):
        pairs = list(assignments.items())
    else:
        pairs = [parse_assignment(text) for text in assignments]

    merged: dict[str, tuple[Any, str]] = {}
    for origin, table in layers:
        for key, value in table.items():
            merged[key] = (value, origin)
    merged.update(from_env)
    for key, value in pairs:
        merged[key] = (value, f"--set {key}={value}")

    converted = {}
    for key, (value, origin) in merged.items():
        if key not in RULES:
            raise SettingsError(f"unknown setting {key!r} (from {origin}); known: {', '.join(RULES)}")
        convert, test, demand = RULES[key]
        try:
            converted[key] = convert(value)
        except (TypeError, ValueError) as error:
            raise SettingsError(f"{key}: {value!r} from {origin}: {error}") from None
        if not test(converted[key]):
            raise SettingsError(f"{key}: {value!r} from {origin} must be {demand}")
    return Settings(**converted)


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as file:
            document = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path.name} is not valid TOML: {error}") from None
    extra = set(document) - {"defaults", "profiles"}
    if extra:
        raise SettingsError(f"{path.name}: unexpected table {sorted(extra)[0]!r}")
    return document
