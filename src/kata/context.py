"""What every command needs: the repository, the katas and the learner's progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from kata import progress as progress_file
from kata.errors import KataError
from kata.manifest import Kata, Stage, find_kata, load_all
from kata.progress import Progress
from kata.repo import Repo


@dataclass
class Context:
    repo: Repo
    progress: Progress = field(init=False)

    def __post_init__(self) -> None:
        self.progress = progress_file.load(self.progress_path)

    @property
    def progress_path(self):
        return self.repo.state_dir / "progress.toml"

    def change_progress(self, change: Callable[[Progress], None]) -> None:
        """Apply `change` to the progress file (read afresh, changed and written under its lock,
        so a command running beside this one loses nothing) and keep the result."""
        self.progress = progress_file.update(self.progress_path, change)

    @cached_property
    def katas(self) -> list[Kata]:
        return load_all(self.repo.katas_dir)

    def kata(self, name: str) -> Kata:
        return find_kata(self.repo.katas_dir, name)

    def stage(self, kata_name: str | None, stage_ref: str | None) -> tuple[Kata, Stage]:
        """The named stage; with neither name given, the current one (or the very first)."""
        if kata_name and stage_ref:
            kata = self.kata(kata_name)
            return kata, kata.stage(stage_ref)
        if kata_name or stage_ref:
            raise KataError(
                f"name both the kata and the stage ({kata_name or 'penguins'} 1), or neither"
            )
        return self.current()

    def current(self) -> tuple[Kata, Stage]:
        current = self.progress
        if current.current_kata:
            try:
                kata = self.kata(current.current_kata)
                return kata, kata.stage(current.current_stage or "1")
            except KataError:
                pass  # a kata or stage that has gone away: fall back to the first one
        if not self.katas:
            raise KataError(f"no katas in {self.repo.katas_dir}")
        kata = self.katas[0]
        return kata, kata.stages[0]

    def kata_after(self, kata: Kata) -> Kata | None:
        """The kata that follows `kata` by the manifests' `order`, if any."""
        later = [other for other in self.katas if other.order > kata.order]
        return min(later, key=lambda other: other.order) if later else None

    def move_to_next_kata(self, kata: Kata, progress: Progress) -> None:
        """After a kata's last stage, point `progress` at the first stage the learner has not
        passed of the next kata (by `order`); stay put when there is none."""
        after = self.kata_after(kata)
        if after is None:
            return
        passed = progress.of(after.name).passed
        stage = next((s for s in after.stages if s.slug not in passed), after.stages[0])
        progress.set_current(after.name, stage.slug)
