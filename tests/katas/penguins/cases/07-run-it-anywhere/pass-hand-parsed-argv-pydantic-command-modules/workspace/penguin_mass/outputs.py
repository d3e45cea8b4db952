"""Outputs replaced in one step, and models stored with skops behind an allow-list."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ALLOW_LIST = ["numpy.dtype"]


class ModelError(Exception):
    """No model file, or one that holds types we do not trust."""


def put(path: str | os.PathLike, content: bytes) -> None:
    """Write `content` to `path` atomically: temporary file beside it, then os.replace."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with open(descriptor, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def put_model(path: str | os.PathLike, model) -> None:
    import skops.io as sio

    put(path, sio.dumps(model))


def get_model(path: str | os.PathLike):
    import skops.io as sio

    path = Path(path)
    if not path.is_file():
        raise ModelError(f"model file {path} not found (train first)")
    try:
        types = sio.get_untrusted_types(file=path)
    except Exception:
        raise ModelError(f"model file {path} is not a skops file") from None
    unexpected = [name for name in types if name not in ALLOW_LIST]
    if unexpected:
        raise ModelError(f"model file {path} refused: untrusted types {unexpected}")
    return sio.load(path, trusted=ALLOW_LIST)
