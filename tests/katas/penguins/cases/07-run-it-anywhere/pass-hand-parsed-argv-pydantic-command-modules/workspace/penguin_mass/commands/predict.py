from __future__ import annotations

from pathlib import Path

import pandas as pd

from penguin_mass.commands.common import MODEL
from penguin_mass.data import load_field_birds
from penguin_mass.domain import FEATURES
from penguin_mass.outputs import get_model, put
from penguin_mass.settings import ConfigError, Settings

BODY_MEASUREMENTS = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm")


def run(settings: Settings, input_csv: str, output_csv: str) -> int:
    """Write one predicted_body_mass_g per input row, in the input's order."""
    if not Path(input_csv).is_file():
        raise ConfigError(f"--input {input_csv}: no such file")
    model = get_model(Path(settings.output_dir) / MODEL)
    birds = load_field_birds(input_csv)
    masses = []
    for (_, bird), mass in zip(birds.iterrows(), model.predict(birds[FEATURES]), strict=True):
        measured = any(pd.notna(bird[name]) for name in BODY_MEASUREMENTS)
        masses.append(mass if measured else None)
    table = pd.DataFrame({"predicted_body_mass_g": masses})
    put(output_csv, table.to_csv(index=False).encode("utf-8"))
    return len(table)
