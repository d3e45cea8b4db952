"""The plan of a test, read from a TOML file agreed before the test starts."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Plan:
    baseline_conversion: float
    minimum_detectable_uplift: float
    alpha: float
    power: float
    users_per_day: float

    @classmethod
    def read(cls, path) -> Plan:
        with open(path, "rb") as file:
            settings = tomllib.load(file)
        missing = [field.name for field in fields(cls) if field.name not in settings]
        if missing:
            raise KeyError(f"{path} lacks {', '.join(missing)}")
        return cls(**{field.name: settings[field.name] for field in fields(cls)})

    def days_for(self, users: int) -> int:
        """Days for `users` per variant to arrive at this plan's traffic, rounded up."""
        return math.ceil(users / self.users_per_day)
