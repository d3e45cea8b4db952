"""A small disk cache: cross-validation is slow, and its inputs rarely change."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

CACHE = Path(".penguin_cache")


def cached(key_parts, compute):
    """compute(), or the value stored for key_parts by an earlier call."""
    key = hashlib.sha256(repr(key_parts).encode()).hexdigest()[:16]
    path = CACHE / f"{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    value = compute()
    CACHE.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps(value))
    return value
