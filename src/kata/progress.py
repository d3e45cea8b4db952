"""The learner's progress, kept in `.kata/progress.toml` (written by kata, readable by people).

Several `kata` commands may run at once (a mob keeps `kata watch` in one terminal and asks
`kata hint` in another), so every change is read-modify-write under a lock: `update` reads the
file afresh, applies the change and writes it back before the next command may. A file that cannot
be read is never overwritten: `load` refuses it with the line to repair.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
import tomllib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from kata.errors import KataError

HEADER = "# Your progress through the katas. Written by `kata`; there is no need to edit it.\n"


@dataclass
class KataProgress:
    passed: list[str] = field(default_factory=list)
    hints_shown: dict[str, int] = field(default_factory=dict)


@dataclass
class Progress:
    current_kata: str = ""
    current_stage: str = ""
    katas: dict[str, KataProgress] = field(default_factory=dict)

    def of(self, kata: str) -> KataProgress:
        return self.katas.setdefault(kata, KataProgress())

    def mark_passed(self, kata: str, slug: str) -> None:
        passed = self.of(kata).passed
        if slug not in passed:
            passed.append(slug)
            passed.sort()

    def is_passed(self, kata: str, slug: str) -> bool:
        return slug in self.of(kata).passed

    def set_current(self, kata: str, slug: str) -> None:
        self.current_kata, self.current_stage = kata, slug


def load(path: Path) -> Progress:
    """The progress in `path` (empty if there is none); KataError naming the problem if unreadable."""
    if not path.is_file():
        return Progress()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise _unreadable(path, f"not valid TOML: {error}") from None
    except (UnicodeDecodeError, OSError) as error:
        raise _unreadable(path, f"cannot be read ({error})") from None
    try:
        return _parse(data)
    except (TypeError, ValueError, AttributeError) as error:
        raise _unreadable(path, f"holds something unexpected ({error})") from None


def _parse(data: dict) -> Progress:
    progress = Progress(_text(data, "current_kata"), _text(data, "current_stage"))
    katas = data.get("katas", {})
    if not isinstance(katas, dict):
        raise TypeError("katas should be a table")
    for name, table in katas.items():
        passed, shown = table.get("passed", []), table.get("hints_shown", {})
        if not isinstance(passed, list) or not isinstance(shown, dict):
            raise TypeError(f"katas.{name}: passed should be a list and hints_shown a table")
        counts = {}
        for slug, count in shown.items():
            if not isinstance(count, int) or isinstance(count, bool):
                raise TypeError(f"katas.{name}.hints_shown.{slug} should be a whole number")
            counts[str(slug)] = count
        progress.katas[str(name)] = KataProgress([str(slug) for slug in passed], counts)
    return progress


def _text(data: dict, key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise TypeError(f"{key} should be a text")
    return value


def _unreadable(path: Path, problem: str) -> KataError:
    shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
    return KataError(
        f"{shown}: {problem}. Nothing was changed: repair the file, or move it aside to start "
        f"your progress afresh (mv {shown} {shown}.broken)"
    )


def save(progress: Progress, path: Path) -> None:
    """Write `progress` to `path` in one step (prefer `update`, which also locks)."""
    data = {"current_kata": progress.current_kata, "current_stage": progress.current_stage}
    data["katas"] = {
        name: {
            "passed": progress.katas[name].passed,
            "hints_shown": dict(sorted(progress.katas[name].hints_shown.items())),
        }
        for name in sorted(progress.katas)
    }
    write_atomically(path, HEADER + tomli_w.dumps(data))


def update(path: Path, change: Callable[[Progress], None]) -> Progress:
    """Read the progress afresh, apply `change`, write it back: all under the progress lock."""
    with locked(path.with_name(path.name + ".lock")):
        progress = load(path)
        change(progress)
        save(progress, path)
    return progress


@contextmanager
def locked(lock_file: Path):
    """Hold an exclusive lock on `lock_file` (waiting for whoever holds it) while inside."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
