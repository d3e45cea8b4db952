"""Small things the whole package shares: the target column and writing a file safely."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TARGET = "body_mass_g"


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` to a temporary file beside `path`, then os.replace it over `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
