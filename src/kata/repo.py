"""Where things live in a katas repository."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kata.errors import KataError

ROOT_ENV = "KATA_ROOT"


@dataclass(frozen=True)
class Repo:
    root: Path

    @property
    def katas_dir(self) -> Path:
        return self.root / "katas"

    @property
    def solutions_dir(self) -> Path:
        return self.root / "solutions"

    @property
    def state_dir(self) -> Path:
        """Per-clone state that is not committed: progress and backups."""
        return self.root / ".kata"

    @property
    def backups_dir(self) -> Path:
        return self.state_dir / "backups"

    @property
    def team_server_dir(self) -> Path:
        """The team's tracking server: its PostgreSQL cluster, artifacts and logs."""
        return self.state_dir / "team-server"

    def kata_dir(self, kata: str) -> Path:
        return self.katas_dir / kata

    def workspace(self, kata: str) -> Path:
        return self.katas_dir / kata / "workspace"

    def solution(self, kata: str, slug: str) -> Path:
        return self.solutions_dir / kata / slug

    def relative(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


def find_repo(start: Path | None = None) -> Repo:
    """The repository that holds `katas/`: $KATA_ROOT, or the nearest parent of `start` (the cwd)."""
    if os.environ.get(ROOT_ENV):
        root = Path(os.environ[ROOT_ENV]).resolve()
        if not (root / "katas").is_dir():
            raise KataError(
                f"{ROOT_ENV}={root} has no katas/ folder; point it at a katas repository"
            )
        return Repo(root)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "katas").is_dir() and (folder / "pyproject.toml").is_file():
            return Repo(folder)
    raise KataError(
        f"no katas repository around {here}; run kata inside your clone (it has a katas/ folder)"
    )
