"""The learner's progress, kept in `.kata/progress.toml` (written by kata, readable by people)."""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

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


def load(path: Path) -> Progress:
    if not path.is_file():
        return Progress()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return (
            Progress()
        )  # an unreadable file is replaced on the next save; progress is a convenience
    progress = Progress(str(data.get("current_kata", "")), str(data.get("current_stage", "")))
    for name, table in data.get("katas", {}).items():
        progress.katas[name] = KataProgress(
            passed=[str(slug) for slug in table.get("passed", [])],
            hints_shown={str(k): int(v) for k, v in table.get("hints_shown", {}).items()},
        )
    return progress


def save(progress: Progress, path: Path) -> None:
    lines = [HEADER]
    lines.append(f"current_kata = {_quote(progress.current_kata)}")
    lines.append(f"current_stage = {_quote(progress.current_stage)}")
    for name in sorted(progress.katas):
        kata = progress.katas[name]
        lines.append(f"\n[katas.{_quote(name)}]")
        lines.append("passed = [" + ", ".join(_quote(slug) for slug in kata.passed) + "]")
        shown = ", ".join(f"{_quote(k)} = {v}" for k, v in sorted(kata.hints_shown.items()))
        lines.append("hints_shown = {" + (f" {shown} " if shown else "") + "}")
    write_atomically(path, "\n".join(lines) + "\n")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    Path(temporary).replace(path)
