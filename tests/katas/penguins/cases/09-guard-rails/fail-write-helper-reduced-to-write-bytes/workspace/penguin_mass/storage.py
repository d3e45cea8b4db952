"""The data layer's outputs: files written whole or not at all, and models saved without pickle."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from sklearn.pipeline import Pipeline

# The types a saved penguin_mass model may hold beyond those skops trusts by default. Loading
# refuses any other: a model file is code, and we only run what we expect to find in it.
TRUSTED_TYPES = ["numpy.dtype"]


class ModelFileError(Exception):
    """A model file that is missing or holds types outside TRUSTED_TYPES; the message is one line."""


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` to `path`, making its folder if needed (pathlib does the rest)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def save_json(data: dict, path: Path) -> None:
    write_atomically(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))


def save_csv(frame: pd.DataFrame, path: Path) -> None:
    write_atomically(path, frame.to_csv(index=False).encode("utf-8"))


def save_model(model: Pipeline, path: Path) -> None:
    """The fitted pipeline in skops format (no pickle), written atomically."""
    import skops.io  # imports every scikit-learn estimator: only pay for it when saving or loading

    write_atomically(path, skops.io.dumps(model))


def load_model(path: Path) -> Pipeline:
    """The pipeline saved at `path`, if it holds only types skops trusts or TRUSTED_TYPES lists."""
    import skops.io

    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"no model at {path}; run train first")
    try:
        untrusted = skops.io.get_untrusted_types(file=path)
    except Exception as error:  # a truncated or foreign file: zipfile, json and skops errors
        raise ModelFileError(f"{path}: not a skops model file ({error})") from None
    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unexpected:
        raise ModelFileError(
            f"{path}: refusing to load types that are not on the allow-list: {', '.join(unexpected)}"
        )
    return skops.io.load(path, trusted=untrusted)
