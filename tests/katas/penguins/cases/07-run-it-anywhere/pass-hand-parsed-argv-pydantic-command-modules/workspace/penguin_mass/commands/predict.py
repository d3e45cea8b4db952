from __future__ import annotations

from pathlib import Path

import pandas as pd

from penguin_mass.commands.common import MODEL
from penguin_mass.data import load_field_birds
from penguin_mass.domain import FEATURES
from penguin_mass.outputs import get_model, put
from penguin_mass.settings import ConfigError, Settings


def run(settings: Settings, input_csv: str, output_csv: str) -> int:
    """Write one predicted_body_mass_g per input row, in the input's order."""
    if not Path(input_csv).is_file():
        raise ConfigError(f"--input {input_csv}: no such file")
    model = get_model(Path(settings.output_dir) / MODEL)
    birds = load_field_birds(input_csv)
    table = pd.DataFrame({"predicted_body_mass_g": model.predict(birds[FEATURES])})
    put(output_csv, table.to_csv(index=False).encode("utf-8"))
    return len(table)
