"""The typed, validated settings of one run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt


class ConfigError(Exception):
    """Bad settings or usage: one line naming the field, profile or command."""


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    data_path: Path = Path("../data/penguins_raw.csv")
    output_dir: Path = Path("outputs")
    alpha: Annotated[float, Field(gt=0)] = 1.0
    test_fraction: Annotated[float, Field(gt=0, lt=1)] = 0.2
    seed: NonNegativeInt = 42
    folds: Annotated[int, Field(ge=2)] = 5
