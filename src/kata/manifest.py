"""Load and validate a kata's manifest, `katas/<kata>/kata.toml`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kata.errors import KataError
from kata.stage_readme import bullets, section

FORMAT_VERSION = 1
SLUG = re.compile(r"^(\d\d)-[a-z0-9]+(-[a-z0-9]+)*$")
MANIFEST = "kata.toml"


class ManifestError(KataError):
    """The manifest is missing, malformed or incomplete."""


@dataclass(frozen=True)
class Stage:
    """A stage of a kata, as the CLI, `kata dev check` and the checks themselves all see it."""

    kata: str
    slug: str
    title: str
    minutes: int
    number: int
    stage_dir: Path
    previous_slug: str | None = None  # None for a kata's first stage
    preload: tuple[str, ...] = ()  # the kata's libraries (see Kata.preload)

    @property
    def kata_dir(self) -> Path:
        return self.stage_dir.parent.parent

    @property
    def solution_dir(self) -> Path:
        """The stage's reference solution: solutions/<kata>/<slug> beside katas/."""
        return self._solutions / self.slug

    @property
    def start_dir(self) -> Path:
        """Where the stage starts: the previous stage's reference solution, or the kata's start."""
        if self.previous_slug is None:
            return self.kata_dir / "start"
        return self._solutions / self.previous_slug

    @property
    def _solutions(self) -> Path:
        return self.kata_dir.parent.parent / "solutions" / self.kata

    @property
    def checks_dir(self) -> Path:
        return self.stage_dir / "checks"

    @property
    def readme(self) -> Path:
        return self.stage_dir / "README.md"

    @property
    def hints(self) -> tuple[str, ...]:
        """The items of the README's `## Hints` list, gentle first: the one place a stage's hints
        are written. Empty without a README or that section (`kata dev check` reports it)."""
        if not self.readme.is_file():
            return ()
        return tuple(bullets(section(self.readme.read_text(encoding="utf-8"), "Hints")))

    @property
    def label(self) -> str:
        return f"{self.kata} {self.number}: {self.title}"


@dataclass(frozen=True)
class Kata:
    name: str
    title: str
    summary: str
    audience: tuple[str, ...]
    order: int
    stages: tuple[Stage, ...]
    kata_dir: Path
    # Libraries the learners' code imports, for the checks' warm helper Python to import once.
    preload: tuple[str, ...] = ()

    @property
    def workspace(self) -> Path:
        return self.kata_dir / "workspace"

    def stage(self, ref: str | int) -> Stage:
        """A stage by number ("1", 1) or by slug ("01-run-it-again")."""
        text = str(ref).strip()
        for stage in self.stages:
            if text in (stage.slug, str(stage.number), f"{stage.number:02d}"):
                return stage
        known = ", ".join(f"{s.number} ({s.slug})" for s in self.stages)
        raise KataError(f"kata '{self.name}' has no stage '{text}'; its stages are {known}")

    def previous(self, stage: Stage) -> Stage | None:
        index = self.stages.index(stage)
        return self.stages[index - 1] if index else None

    def next(self, stage: Stage) -> Stage | None:
        index = self.stages.index(stage)
        return self.stages[index + 1] if index + 1 < len(self.stages) else None


def load_kata(kata_dir: Path) -> Kata:
    path = kata_dir / MANIFEST
    where = f"{path.parent.name}/{MANIFEST}"
    if not path.is_file():
        raise ManifestError(f"{where}: missing; every kata needs a manifest")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(f"{where}: not valid TOML ({error})") from None
    except UnicodeDecodeError:
        raise ManifestError(f"{where}: not UTF-8 text") from None
    return _parse(data, kata_dir, where)


def _parse(data: dict, kata_dir: Path, where: str) -> Kata:
    fields = _Fields(data, where)
    version = fields.integer("format")
    if version != FORMAT_VERSION:
        raise ManifestError(
            f"{where}: format: {version} is not supported; use format = {FORMAT_VERSION}"
        )
    title = fields.text("title")
    summary = fields.text("summary")
    audience = fields.texts("audience")
    order = fields.integer("order", default=100)
    preload = fields.texts("preload") if "preload" in data else ()
    raw_stages = data.get("stages")
    if not isinstance(raw_stages, list) or not raw_stages:
        raise ManifestError(f"{where}: stages: missing; add at least one [[stages]] table")
    stages = []
    for index, raw in enumerate(raw_stages):
        previous = stages[-1].slug if stages else None
        stages.append(_parse_stage(raw, index, kata_dir, where, previous, preload))
    slugs = [stage.slug for stage in stages]
    for slug in slugs:
        if slugs.count(slug) > 1:
            raise ManifestError(f"{where}: stages: slug '{slug}' is listed twice")
    return Kata(kata_dir.name, title, summary, audience, order, tuple(stages), kata_dir, preload)


def _parse_stage(
    raw: object, index: int, kata_dir: Path, where: str, previous: str | None, preload: tuple
) -> Stage:
    field_prefix = f"stages[{index}]"
    if not isinstance(raw, dict):
        raise ManifestError(f"{where}: {field_prefix}: must be a [[stages]] table")
    fields = _Fields(raw, where, prefix=field_prefix + ".")
    slug = fields.text("slug")
    match = SLUG.match(slug)
    if not match:
        raise ManifestError(
            f"{where}: {field_prefix}.slug: '{slug}' must look like '01-lower-case-words'"
        )
    number = index + 1
    if int(match.group(1)) != number:
        raise ManifestError(
            f"{where}: {field_prefix}.slug: '{slug}' is stage {number}; "
            f"its slug must start with {number:02d}-"
        )
    title = fields.text("title")
    minutes = fields.integer("minutes")
    if minutes <= 0:
        raise ManifestError(f"{where}: {field_prefix}.minutes: must be positive, got {minutes}")
    if "hints" in raw:
        raise ManifestError(
            f"{where}: {field_prefix}.hints: a stage's hints are the list under '## Hints' in its "
            "README.md; move them there and remove this key"
        )
    return Stage(
        kata=kata_dir.name,
        slug=slug,
        title=title,
        minutes=minutes,
        number=number,
        stage_dir=kata_dir / "stages" / slug,
        previous_slug=previous,
        preload=preload,
    )


class _Fields:
    """Typed access to a TOML table; each error names the file, the field and the problem."""

    def __init__(self, data: dict, where: str, prefix: str = "") -> None:
        self.data, self.where, self.prefix = data, where, prefix

    def _missing(self, name: str, kind: str) -> ManifestError:
        return ManifestError(f"{self.where}: {self.prefix}{name}: missing; add {kind}")

    def _wrong(self, name: str, kind: str, value: object) -> ManifestError:
        return ManifestError(f"{self.where}: {self.prefix}{name}: must be {kind}, got {value!r}")

    def text(self, name: str) -> str:
        if name not in self.data:
            raise self._missing(name, "a text")
        value = self.data[name]
        if not isinstance(value, str) or not value.strip():
            raise self._wrong(name, "a non-empty text", value)
        return value.strip()

    def integer(self, name: str, default: int | None = None) -> int:
        if name not in self.data:
            if default is not None:
                return default
            raise self._missing(name, "a whole number")
        value = self.data[name]
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._wrong(name, "a whole number", value)
        return value

    def texts(self, name: str) -> tuple[str, ...]:
        if name not in self.data:
            raise self._missing(name, "a list of texts")
        value = self.data[name]
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(item, str) and item.strip() for item in value)
        ):
            raise self._wrong(name, "a non-empty list of non-empty texts", value)
        return tuple(item.strip() for item in value)


def load_all(katas_dir: Path) -> list[Kata]:
    """Every kata under `katas/`, in their manifest order."""
    katas = [load_kata(path) for path in sorted(katas_dir.iterdir()) if _is_kata(path)]
    return sorted(katas, key=lambda kata: (kata.order, kata.name))


def kata_names(katas_dir: Path) -> list[str]:
    return sorted(path.name for path in katas_dir.iterdir() if _is_kata(path))


def _is_kata(path: Path) -> bool:
    return path.is_dir() and not path.name.startswith((".", "_"))


def find_kata(katas_dir: Path, name: str) -> Kata:
    """The kata called `name`: only a folder name in `katas/` is one (no paths, no separators)."""
    names = kata_names(katas_dir)
    if name not in names:
        shown = name if len(name) <= 40 else name[:37] + "..."
        raise KataError(f"unknown kata '{shown}'; the katas are: {', '.join(names) or 'none'}")
    return load_kata(katas_dir / name)
