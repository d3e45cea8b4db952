from __future__ import annotations

from pathlib import Path

from penguin_mass.commands.common import MODEL, birds_and_split, scores
from penguin_mass.outputs import get_model
from penguin_mass.settings import Settings


def run(settings: Settings) -> dict:
    model = get_model(Path(settings.output_dir) / MODEL)
    _, train, test = birds_and_split(settings)
    return {"test_rows": len(test), **scores(model, train, test)}
