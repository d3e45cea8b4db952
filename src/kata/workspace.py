"""Replacing a workspace safely: back up first, copy aside, then swap in one step.

A swap is journalled in `.kata/swap.json`; if kata is interrupted between the two renames that
make the swap, the next kata command finishes it. An interrupted copy leaves the workspace as it
was and only a stray temporary folder, which the next command removes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from kata.errors import KataError
from kata.harness.staging import IGNORED, copy_tree
from kata.repo import Repo

NEW_PREFIX = ".workspace-new-"
OLD_PREFIX = ".workspace-old-"


def journal_path(repo: Repo) -> Path:
    return repo.state_dir / "swap.json"


def unsaved_changes(repo: Repo, kata: str) -> list[str]:
    """Files in the workspace that git has not committed (or, outside git, differ from the start)."""
    workspace = repo.workspace(kata)
    if not workspace.is_dir():
        return []
    try:
        output = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all", "--", str(workspace)],
            cwd=repo.root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return _differences(workspace, repo.kata_dir(kata) / "start")
    return [line[3:] for line in output.splitlines() if line.strip()]


def _differences(left: Path, right: Path) -> list[str]:
    def files(root: Path) -> dict[str, bytes]:
        if not root.is_dir():
            return {}
        return {
            str(path.relative_to(root)): path.read_bytes()
            for path in root.rglob("*")
            if path.is_file() and not IGNORED(str(path.parent), [path.name])
        }

    mine, theirs = files(left), files(right)
    return sorted(
        name for name in mine.keys() | theirs.keys() if mine.get(name) != theirs.get(name)
    )


def backup(repo: Repo, kata: str, reason: str) -> Path | None:
    """Copy the workspace to `.kata/backups/<kata>/<time>-<reason>/`; None if there is nothing to keep."""
    workspace = repo.workspace(kata)
    if not workspace.is_dir():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = repo.backups_dir / kata / f"{stamp}-{reason}"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(workspace, target, symlinks=True)
    return target


def replace_workspace(repo: Repo, kata: str, source: Path) -> None:
    """Make the workspace an exact copy of `source`, never leaving a half-copied workspace."""
    workspace = repo.workspace(kata)
    new = workspace.with_name(f"{NEW_PREFIX}{kata}")
    old = workspace.with_name(f"{OLD_PREFIX}{kata}")
    for leftover in (new, old):
        shutil.rmtree(leftover, ignore_errors=True)
    copy_tree(source, new)
    journal = journal_path(repo)
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text(json.dumps({"workspace": str(workspace), "new": str(new), "old": str(old)}))
    if workspace.exists():
        workspace.rename(old)
    new.rename(workspace)
    journal.unlink()
    shutil.rmtree(old, ignore_errors=True)


def recover(repo: Repo) -> str | None:
    """Finish or undo a swap that was interrupted; a sentence saying what was done, if anything."""
    said = None
    journal = journal_path(repo)
    if journal.is_file():
        try:
            paths = {key: Path(value) for key, value in json.loads(journal.read_text()).items()}
        except (ValueError, KeyError, TypeError):
            raise KataError(
                f"{journal}: unreadable; look at the workspace folders, then delete it"
            ) from None
        workspace, new, old = paths["workspace"], paths["new"], paths["old"]
        if not workspace.exists() and new.is_dir():
            new.rename(workspace)
            said = f"finished an interrupted swap of {workspace.parent.name}/workspace"
        elif not workspace.exists() and old.is_dir():
            old.rename(workspace)
            said = f"restored {workspace.parent.name}/workspace after an interrupted swap"
        journal.unlink()
    if repo.katas_dir.is_dir():
        for kata_dir in repo.katas_dir.iterdir():
            for leftover in (*kata_dir.glob(f"{NEW_PREFIX}*"), *kata_dir.glob(f"{OLD_PREFIX}*")):
                shutil.rmtree(leftover, ignore_errors=True)
    return said


def start_record(repo: Repo, kata: str, slug: str) -> Path:
    """Where `kata` keeps the workspace a stage started from: `.kata/starts/<kata>/<slug>/`."""
    return repo.state_dir / "starts" / kata / slug


def record_start(repo: Repo, kata: str, slug: str, source: Path) -> None:
    """Keep a copy of `source` as the start of stage `slug`, for checks that compare before and after.

    Written when `kata start` installs a stage's start, and when a learner passes the stage before
    it with their own workspace: then the next stage starts from the learner's own work.
    """
    target = start_record(repo, kata, slug)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{slug}.incoming")
    shutil.rmtree(temporary, ignore_errors=True)
    copy_tree(source, temporary)
    retired = target.with_name(f".{slug}.retired")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    temporary.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def recorded_start(repo: Repo, kata: str, slug: str) -> Path | None:
    target = start_record(repo, kata, slug)
    return target if target.is_dir() else None
