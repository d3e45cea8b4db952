"""Stage pages keep their answers folded: the hints, and what the reference solution changed.

- The included README's `## Hints` list becomes one folded block per hint ("Hint 1 of 3"), so a
  reader opens them one at a time, as `kata hint` hands them out; its `## Facilitation notes`
  (the usual slips) become one folded block.
- A stage page gets a last section, "The reference solution", with one folded block per file the
  solution changed from the stage's start (a diff), so the site shows the answer without showing
  it by accident. The paired notebooks are left out: their `.py` twin shows the same cells.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from kata.harness.staging import IGNORED
from kata.manifest import load_kata
from kata.stage_readme import bullets

STAGE_INCLUDE = re.compile(r"""--8<--\s+["']katas/([\w-]+)/stages/([\w-]+)/README\.md["']""")
HINTS = "## Hints"
GENTLENESS = {1: "gentle", 2: "more specific"}
TEXT_SUFFIXES = {".py", ".toml", ".ini", ".cfg", ".yaml", ".yml", ".txt", ".csv", ""}


class _State:
    root: Path = Path()


state = _State()


def on_config(config):
    state.root = Path(config.config_file_path).resolve().parent
    config.markdown_extensions.append(FoldedHintsExtension())
    return config


def on_page_markdown(markdown, page, config, files):
    found = STAGE_INCLUDE.search(markdown)
    if not found:
        return markdown
    section = solution_section(*found.groups(), repo_url=config.repo_url)
    return markdown.rstrip("\n") + "\n\n" + section + "\n"


# --- hints ------------------------------------------------------------------------------------


class FoldedHintsExtension(Extension):
    def extendMarkdown(self, md):
        # After the README is included (pymdownx.snippets, 32) and its links rewritten (31.9).
        md.preprocessors.register(FoldedHintsPreprocessor(md), "kata_folded_hints", 31.8)


class FoldedHintsPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out, index = [], 0
        while index < len(lines):
            fold = FOLDS.get(lines[index].strip())
            if fold is None:
                out.append(lines[index])
                index += 1
                continue
            end = index + 1
            while end < len(lines) and not lines[end].startswith("## "):
                end += 1
            out += [lines[index], "", *fold(lines[index + 1 : end])]
            index = end
        return out


def fold_hints(lines: list[str]) -> list[str]:
    """`- hint` items (one line each, or continued by indented lines) as folded blocks; any other
    line of the section stays in the open, above them."""
    hints = bullets("\n".join(lines))
    others = [line for line in lines if line.strip() and not line.startswith(("- ", " "))]
    folded = [*others, ""] if others else []
    for number, hint in enumerate(hints, start=1):
        label = "nearly the answer" if number == len(hints) > 1 else GENTLENESS.get(number, "")
        title = f"Hint {number} of {len(hints)}" + (f": {label}" if label else "")
        folded += [f'??? tip "{title}"', "", f"    {hint}", ""]
    return folded


def fold_facilitation_notes(lines: list[str]) -> list[str]:
    """The facilitator's notes name the usual slips, so a learner opens them on purpose."""
    body = [f"    {line}" if line.strip() else "" for line in lines]
    return ['??? note "For the facilitator: where mobs get stuck"', "", *body, ""]


FOLDS = {HINTS: fold_hints, "## Facilitation notes": fold_facilitation_notes}


# --- the reference solution -------------------------------------------------------------------


def solution_section(kata_name: str, slug: str, repo_url: str | None = None) -> str:
    stage = load_kata(state.root / "katas" / kata_name).stage(slug)
    start, solution = stage.start_dir, stage.solution_dir
    folder = f"`solutions/{kata_name}/{slug}/`"
    if repo_url:
        folder = f"[{folder}]({repo_url.rstrip('/')}/tree/main/solutions/{kata_name}/{slug})"
    lines = [
        "## The reference solution",
        "",
        f"What the reference solution changed from the stage's start, file by file ({folder} in "
        "the repository). It is one way to pass, not the way: open it after you have tried, or "
        "to compare approaches in the retrospective.",
        "",
    ]
    for name, diff in changed_files(start, solution):
        lines += [f'??? example "{name}"', "", "    ````diff"]
        lines += [f"    {line}" for line in diff]
        lines += ["    ````", ""]
    return "\n".join(lines)


def changed_files(start: Path, solution: Path) -> list[tuple[str, list[str]]]:
    """(file, unified diff lines) for each text file that differs, notebooks left out."""
    names = sorted(_text_files(start) | _text_files(solution))
    changes = []
    for name in names:
        before, after = _lines(start / name), _lines(solution / name)
        if before == after:
            continue
        diff = difflib.unified_diff(
            before, after, f"start/{name}", f"solution/{name}", n=2, lineterm=""
        )
        changes.append((name, list(diff)))
    return changes


def _text_files(root: Path) -> set[str]:
    if not root.is_dir():
        return set()
    found = set()
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        ignored = any(IGNORED(str(root / parent), [part]) for parent, part in _steps(relative))
        if path.is_file() and not ignored and path.suffix in TEXT_SUFFIXES:
            found.add(relative.as_posix())
    return found


def _steps(relative: Path):
    parents = [Path(*relative.parts[:i]) for i in range(len(relative.parts))]
    return zip(parents, relative.parts, strict=True)


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return path.read_text(encoding="utf-8", errors="replace").splitlines()
