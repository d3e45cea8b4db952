"""What a check knows about the stage it belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kata.harness.mutants import Mutant, load_mutants
from kata.manifest import load_kata


@dataclass(frozen=True)
class Stage:
    kata: str
    slug: str
    number: int
    stage_dir: Path
    solution_dir: Path
    kata_dir: Path
    start_dir: Path  # the previous stage's reference solution, or the kata's pristine start
    mutants: list[Mutant] = field(default_factory=list)
    preload: tuple[str, ...] = ()  # the libraries kata.toml says the learners' code imports


def stage_of_checks(checks_file: Path) -> Stage:
    """The stage that owns a check file at katas/<kata>/stages/<slug>/checks/test_*.py."""
    stage_dir = checks_file.resolve().parent.parent
    kata_dir = stage_dir.parent.parent
    kata = load_kata(kata_dir)
    stage = kata.stage(stage_dir.name)
    return Stage(
        kata=kata.name,
        slug=stage.slug,
        number=stage.number,
        stage_dir=stage_dir,
        solution_dir=kata.solution_of(stage),
        kata_dir=kata_dir,
        start_dir=kata.start_of(stage),
        mutants=load_mutants(stage_dir),
        preload=kata.preload,
    )
