"""Copies of a workspace in a temporary folder, laid out as the kata expects.

Checks never run in the learner's own folder: notebook execution, pytest caches and mutants
would leave traces there. A staged copy sits at `<tmp>/<kata>/workspace`, beside a link to the
kata's `data/`, so relative paths such as `../data/penguins_raw.csv` work for a solution snapshot
exactly as they do for the real workspace.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

IGNORED = shutil.ignore_patterns(
    "__pycache__", ".pytest_cache", ".ipynb_checkpoints", ".ruff_cache", "*.pyc", ".DS_Store"
)


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=IGNORED, symlinks=True)
    return target


def stage_copy(source: Path, kata_dir: Path | None, parent: Path | None = None) -> Path:
    """Copy `source` to a fresh temporary `<kata>/workspace`, linking the kata's data beside it."""
    base = Path(tempfile.mkdtemp(prefix="kata-", dir=parent))
    kata_name = kata_dir.name if kata_dir else "kata"
    target = copy_tree(source, base / kata_name / "workspace")
    if kata_dir is not None and (kata_dir / "data").is_dir():
        (base / kata_name / "data").symlink_to(
            (kata_dir / "data").resolve(), target_is_directory=True
        )
    return target


def kata_dir_of(staged_workspace: Path) -> Path | None:
    """The real kata folder behind a staged copy (through its data link), if there is one."""
    data = staged_workspace.parent / "data"
    return data.resolve().parent if data.is_symlink() else None


def remove_stage(staged_workspace: Path) -> None:
    shutil.rmtree(staged_workspace.parent.parent, ignore_errors=True)
