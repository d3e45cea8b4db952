"""Files written whole or not at all; models stored with skops and opened behind an allow-list."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pandas as pd
import skops.io

EXPECTED_TYPES = {"numpy.dtype"}


class UntrustedModel(Exception):
    pass


def write_whole(path: Path, data: bytes) -> None:
    """A temporary file beside `path`, then os.replace: readers see old or new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    finally:
        if part.exists():
            part.unlink()


def save_metrics(path: Path, metrics: dict) -> None:
    write_whole(path, json.dumps(metrics, indent=2, sort_keys=True).encode())


def save_predictions(path: Path, frame: pd.DataFrame) -> None:
    write_whole(path, frame.to_csv(index=False).encode())


def save_model(path: Path, model) -> None:
    write_whole(path, skops.io.dumps(model))


def open_model(path: Path):
    path = Path(path)
    if not path.exists():
        raise UntrustedModel(f"{path} not found: train a model first")
    try:
        found = set(skops.io.get_untrusted_types(file=path))
    except Exception as error:
        raise UntrustedModel(f"{path} cannot be read as a skops file ({type(error).__name__})") from None
    if found - EXPECTED_TYPES:
        raise UntrustedModel(f"{path} holds {', '.join(sorted(found - EXPECTED_TYPES))}: not loaded")
    return skops.io.load(path, trusted=sorted(found))
