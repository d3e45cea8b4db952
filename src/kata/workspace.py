"""Replacing a workspace safely: back up first, copy aside, then swap in one step.

A swap is journalled in `.kata/swap.json`, with paths relative to the repository (which may have
moved since); if kata is interrupted between the two renames that make the swap, the next kata
command finishes it. An interrupted copy leaves the workspace as it was and only a stray temporary
folder, which the next command removes. One swap at a time: `swapping` holds a lock that a second
`kata start`, `reset` or `restore` meets and refuses. A backup is written under a temporary name
and renamed when complete, so a backup with its normal name is always whole.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kata.errors import KataError
from kata.harness.staging import IGNORED, copy_tree
from kata.repo import Repo

NEW_PREFIX = ".workspace-new-"
OLD_PREFIX = ".workspace-old-"
INCOMPLETE = ".incomplete"  # the suffix of a backup still being written (or cut short)
KEEP_BACKUPS = 20  # per kata; older ones go when a new one is made, the newest never


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


@contextmanager
def swapping(repo: Repo):
    """Hold the repository's swap lock; KataError at once if another kata command holds it."""
    lock_file = repo.state_dir / "swap.lock"
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KataError(
                "another kata command (start, reset or restore) is replacing a workspace in this "
                "repository right now; wait for it to finish, then try again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def backup(repo: Repo, kata: str, reason: str) -> Path | None:
    """Copy the workspace to `.kata/backups/<kata>/<time>-<reason>/`; None if there is nothing to keep.

    The copy is made under a temporary name and renamed when complete."""
    workspace = repo.workspace(kata)
    if not workspace.is_dir():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = repo.backups_dir / kata / f"{stamp}-{reason}"
    partial = target.with_name(target.name + INCOMPLETE)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(workspace, partial, symlinks=True)
    partial.rename(target)
    return target


@dataclass(frozen=True)
class Backup:
    path: Path
    kata: str

    @property
    def id(self) -> str:
        return self.path.name.removesuffix(INCOMPLETE)

    @property
    def complete(self) -> bool:
        return not self.path.name.endswith(INCOMPLETE)

    @property
    def made(self) -> datetime | None:
        try:
            return datetime.strptime(self.id[:22], "%Y%m%d-%H%M%S-%f")
        except ValueError:
            return None

    @property
    def reason(self) -> str:
        return self.id[23:] if self.made else self.id

    def size(self) -> tuple[int, int]:
        """(files, bytes) in the backup."""
        files = [path for path in self.path.rglob("*") if path.is_file()]
        return len(files), sum(path.stat().st_size for path in files)


def backups(repo: Repo, kata: str) -> list[Backup]:
    """The kata's backups, oldest first; incomplete ones (cut short) included and marked."""
    folder = repo.backups_dir / kata
    if not folder.is_dir():
        return []
    found = [Backup(path, kata) for path in folder.iterdir() if path.is_dir()]
    return sorted(found, key=lambda backup: backup.id)


def prune_backups(repo: Repo, kata: str, keep: int | None = None) -> list[str]:
    """Remove the oldest complete backups beyond the newest `keep` (KEEP_BACKUPS); the ids removed."""
    keep = KEEP_BACKUPS if keep is None else keep
    complete = [backup for backup in backups(repo, kata) if backup.complete]
    removed = complete[: max(0, len(complete) - keep)]
    for old in removed:
        shutil.rmtree(old.path)
    return [old.id for old in removed]


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
    names = {"workspace": workspace, "new": new, "old": old}
    journal.write_text(json.dumps({key: repo.relative(path) for key, path in names.items()}))
    if workspace.exists():
        workspace.rename(old)
    new.rename(workspace)
    journal.unlink()
    shutil.rmtree(old, ignore_errors=True)


def recover(repo: Repo) -> str | None:
    """Finish or undo a swap that was interrupted; a sentence saying what was done, if anything.

    A journal that cannot be read, or names folders outside this repository, is left alone with
    every copy it might describe: nothing is deleted that recovery cannot account for."""
    journal = journal_path(repo)
    if journal.is_file():
        return _finish_swap(repo, journal)
    if repo.katas_dir.is_dir():
        # Without a journal, a new copy was never swapped in and an old one was swapped out.
        for kata_dir in repo.katas_dir.iterdir():
            for leftover in (*kata_dir.glob(f"{NEW_PREFIX}*"), *kata_dir.glob(f"{OLD_PREFIX}*")):
                shutil.rmtree(leftover, ignore_errors=True)
    return None


def _finish_swap(repo: Repo, journal: Path) -> str | None:
    advice = (
        "look at the workspace folders (and .workspace-new-*, .workspace-old-*), then delete it"
    )
    try:
        entries = json.loads(journal.read_text())
        paths = {key: Path(entries[key]) for key in ("workspace", "new", "old")}
    except (ValueError, KeyError, TypeError, OSError):
        raise KataError(f"{journal}: unreadable; {advice}") from None
    if any(path.is_absolute() or ".." in path.parts for path in paths.values()):
        raise KataError(f"{journal}: names folders outside this repository; {advice}")
    workspace, new, old = (repo.root / paths[key] for key in ("workspace", "new", "old"))
    said = None
    if not workspace.exists() and new.is_dir():
        new.rename(workspace)
        said = f"finished an interrupted swap of {workspace.parent.name}/workspace"
    elif not workspace.exists() and old.is_dir():
        old.rename(workspace)
        said = f"restored {workspace.parent.name}/workspace after an interrupted swap"
    journal.unlink()
    for leftover in (new, old):
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
