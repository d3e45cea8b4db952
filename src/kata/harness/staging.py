"""Copies of a workspace in a temporary folder, laid out as the kata expects.

Checks never run in the learner's own folder: notebook execution, pytest caches and mutants
would leave traces there. A staged copy sits at `<tmp>/<kata>/workspace`, beside a private copy of
the kata's `data/`, so relative paths such as `../data/penguins_raw.csv` work for a solution
snapshot exactly as they do for the real workspace. The data is copied, not linked: a notebook
cell that writes to `../data/` while it is checked changes the copy, never the kata's own data.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

# Caches and tool droppings: never copied, backed up or watched (kata watch adds editor files).
CACHE_FOLDERS = ("__pycache__", ".pytest_cache", ".ipynb_checkpoints", ".ruff_cache", ".mypy_cache")
CACHE_FILES = ("*.pyc", "*.pyo", ".DS_Store")
IGNORED = shutil.ignore_patterns(*CACHE_FOLDERS, *CACHE_FILES)
SOURCE_MARK = ".kata-source"  # beside the staged workspace: the kata folder it came from


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=IGNORED, symlinks=True)
    return target


def stage_copy(source: Path, kata_dir: Path | None, parent: Path | None = None) -> Path:
    """Copy `source` to a fresh temporary `<kata>/workspace`, with a copy of the kata's data beside it."""
    base = Path(tempfile.mkdtemp(prefix="kata-", dir=parent))
    kata_name = kata_dir.name if kata_dir else "kata"
    target = copy_tree(source, base / kata_name / "workspace")
    if kata_dir is not None:
        (base / kata_name / SOURCE_MARK).write_text(str(kata_dir.resolve()), encoding="utf-8")
        if (kata_dir / "data").is_dir():
            copy_tree((kata_dir / "data").resolve(), base / kata_name / "data")
    return target


def kata_dir_of(staged_workspace: Path) -> Path | None:
    """The real kata folder behind a staged copy, if there is one."""
    mark = staged_workspace.parent / SOURCE_MARK
    return Path(mark.read_text(encoding="utf-8")) if mark.is_file() else None


def remove_stage(staged_workspace: Path) -> None:
    shutil.rmtree(staged_workspace.parent.parent, ignore_errors=True)
