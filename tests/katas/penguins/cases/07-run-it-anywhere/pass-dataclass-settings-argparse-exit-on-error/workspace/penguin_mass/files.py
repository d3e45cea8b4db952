"""Outputs written whole or not at all, and models kept in skops files."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

ALLOWED_TYPES = ("numpy.dtype",)


class ModelRefused(Exception):
    """The model file is missing or holds something we did not allow."""


def replace_atomically(target: Path, payload: bytes) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = tempfile.NamedTemporaryFile(dir=target.parent, prefix=".tmp-", delete=False)
    try:
        with temporary:
            temporary.write(payload)
        os.replace(temporary.name, target)
    except BaseException:
        if os.path.exists(temporary.name):
            os.remove(temporary.name)
        raise


def write_json(target: Path, data: dict) -> None:
    replace_atomically(target, json.dumps(data, indent=2).encode())


def write_table(target: Path, table: pd.DataFrame) -> None:
    replace_atomically(target, table.to_csv(index=False).encode())


def write_model(target: Path, model) -> None:
    from skops.io import dumps

    replace_atomically(target, dumps(model))


def read_model(source: Path):
    from skops.io import get_untrusted_types, load

    source = Path(source)
    if not source.exists():
        raise ModelRefused(f"{source} does not exist; run `python -m penguin_mass train` first")
    try:
        found = get_untrusted_types(file=source)
    except Exception as error:
        raise ModelRefused(f"{source} is not a skops file: {type(error).__name__}") from None
    refused = [name for name in found if name not in ALLOWED_TYPES]
    if refused:
        raise ModelRefused(f"{source} refused: it holds {', '.join(refused)}, not on the allow-list")
    return load(source, trusted=list(found))
