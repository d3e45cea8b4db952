"""Where a run came from: the commit of the code and the fingerprint of the data.

Kept apart from tracking.py so that their tests import no MLflow and run with the fast tests.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path


def code_version(folder: Path) -> str:
    """The commit checked out in `folder`'s git repository, "<sha>-dirty" if anything in `folder`
    has changed since (tracked or new files; changes elsewhere in the repository do not count),
    or "unknown" outside git or without git."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=True, timeout=30
        )
        return done.stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        changed = git("status", "--porcelain", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{commit}-dirty" if changed else commit


def fingerprint(path: Path) -> str:
    """The SHA-256 of the file's bytes: the same digest for the same data, whatever its name."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
