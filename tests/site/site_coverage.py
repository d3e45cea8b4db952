"""What the study site must cover, as a list of problems (empty when all is well).

Used by the site tests on the real repository and on broken copies of it.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import yaml

from kata.manifest import load_all

REPO = Path(__file__).resolve().parents[2]
INCLUDE = '--8<-- "{path}"'
COPIED_LINE_LENGTH = 40  # a README line this long found in a page was copied, not included
HOOKS = REPO / "docs" / "hooks"


def load_hook(name: str) -> ModuleType:
    """One of the site's mkdocs hooks, imported from docs/hooks/ as mkdocs imports it."""
    spec = importlib.util.spec_from_file_location(f"site_hook_{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as mkdocs does; dataclasses need it
    sys.path.insert(0, str(HOOKS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(HOOKS))
    return module


def page_problems(root: Path, commands: list[str]) -> list[str]:
    """Katas, stages and sub-commands without their page or section, and pages that copy READMEs."""
    docs = root / "docs"
    found = []
    for kata in load_all(root / "katas"):
        index = docs / "katas" / kata.name / "index.md"
        if not index.is_file():
            found.append(f"kata {kata.name} has no page {index.relative_to(root)}")
        else:
            text = index.read_text(encoding="utf-8")
            include = INCLUDE.format(path=f"katas/{kata.name}/README.md")
            if include not in text:
                found.append(
                    f"{index.relative_to(root)} does not include the kata README with {include}"
                )
            if f"<!-- stage-table: {kata.name} -->" not in text:
                found.append(
                    f"{index.relative_to(root)} has no <!-- stage-table: {kata.name} --> marker"
                )
        for stage in kata.stages:
            found += stage_page_problems(root, kata.name, stage.slug)
    found += cli_problems(root, commands)
    return found


def stage_page_problems(root: Path, kata: str, slug: str) -> list[str]:
    page = root / "docs" / "katas" / kata / f"{slug}.md"
    where = page.relative_to(root)
    if not page.is_file():
        return [f"stage {kata} {slug} has no page {where}"]
    include = INCLUDE.format(path=f"katas/{kata}/stages/{slug}/README.md")
    body = [
        line.strip()
        for line in _without_front_matter(page.read_text(encoding="utf-8"))
        if line.strip()
    ]
    found = []
    if include not in body:
        found.append(f"{where} does not include its README with the line {include}")
    extra = [line for line in body if line != include and not line.startswith("# ")]
    readme = root / "katas" / kata / "stages" / slug / "README.md"
    readme_lines = set()
    if readme.is_file():
        readme_lines = {
            line.strip()
            for line in readme.read_text(encoding="utf-8").splitlines()
            if len(line.strip()) > COPIED_LINE_LENGTH
        }
    if any(line in readme_lines for line in body):
        found.append(f"{where} copies lines of its README; include it instead")
    elif extra:
        found.append(
            f"{where} must hold only a title and the include line; it also has {extra[0]!r}"
        )
    return found


def cli_problems(root: Path, commands: list[str]) -> list[str]:
    page = root / "docs" / "reference" / "cli.md"
    if not page.is_file():
        return ["the site has no CLI reference docs/reference/cli.md"]
    text = page.read_text(encoding="utf-8")
    names = list(commands)
    if (root / "src" / "kata" / "commands" / "watch.py").is_file() and "watch" not in names:
        names.append("watch")
    found = []
    for name in names:
        if f"## kata {name}\n" not in text:
            found.append(f"docs/reference/cli.md has no section '## kata {name}'")
        elif f"<!-- kata-help: {name} -->" not in text:
            found.append(
                f"docs/reference/cli.md has no <!-- kata-help: {name} --> marker for its usage"
            )
    return found


def _without_front_matter(text: str) -> list[str]:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return lines[index + 1 :]
    return lines


# --- the nav -----------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_pages(mkdocs_yml: Path) -> list[str]:
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Loader)
    pages: list[str] = []

    def walk(item) -> None:
        if isinstance(item, str):
            pages.append(item)
        elif isinstance(item, list):
            for child in item:
                walk(child)
        elif isinstance(item, dict):
            for child in item.values():
                walk(child)

    walk(config.get("nav", []))
    return [page for page in pages if not re.match(r"^[a-z]+://", page)]


def doc_pages(docs: Path) -> list[str]:
    """Every Markdown page under docs/ (not the hooks, the appended snippets or vendored files)."""
    skip = ("hooks/", "includes/", "assets/")
    return sorted(
        path.relative_to(docs).as_posix()
        for path in docs.rglob("*.md")
        if not path.relative_to(docs).as_posix().startswith(skip)
    )
