"""The anatomy every stage README follows (BRIEF section 4), checked by `kata dev check`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kata.manifest reads a stage's hints with section() and bullets() below
    from kata.manifest import Stage

REQUIRED_SECTIONS = (
    "Questions this stage answers",
    "Objectives",
    "Why it matters",
    "Steps",
    "Done when",
    "Hints",
    "Discussion prompts",
    "Takeaway",
    "What's next",
    "Facilitation notes",
)
AUDIENCES = ("For data scientists", "For developers")
PLACEHOLDER = "TODO(author)"  # what `kata dev new` writes where the author has yet to write
TIME_BOX = re.compile(r"^\*\*Time box:\*\*.*?(\d+)\s*min", re.MULTILINE)
NUMBERED = re.compile(r"^\d+\.\s")
STEP_TITLE = re.compile(r"^\d+\.\s+\*\*(.+?)(?:\s*\(\d+ min\))?[.:]?\*\*")  # "(5 min)." left out


def problems(stage: Stage) -> list[str]:
    if not stage.readme.is_file():
        return ["has no README.md"]
    text = stage.readme.read_text(encoding="utf-8")
    found = []
    headings = re.findall(r"^## (.+?)\s*$", text, re.MULTILINE)
    missing = [name for name in REQUIRED_SECTIONS if name not in headings]
    if missing:
        found.append(
            "README.md lacks the section(s) " + ", ".join(f"'## {name}'" for name in missing)
        )
    present = [name for name in headings if name in REQUIRED_SECTIONS]
    if not missing and present != list(REQUIRED_SECTIONS):
        found.append("README.md sections are out of order; follow " + " / ".join(REQUIRED_SECTIONS))
    for audience in AUDIENCES:
        if f"### {audience}" not in text:
            found.append(f"README.md lacks '### {audience}' under '## Why it matters'")
    box = TIME_BOX.search(text)
    if not box:
        found.append("README.md has no '**Time box:** N min' line")
    elif int(box.group(1)) != stage.minutes:
        found.append(
            f"README.md's time box says {box.group(1)} min; the manifest says {stage.minutes}"
        )
    if not stage.hints:
        found.append(
            "README.md's Hints section has no hints; list them as '- ' items, gentle first"
        )
    return found


def section(text: str, name: str) -> str:
    match = re.search(rf"^## {re.escape(name)}\s*$(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else ""


def bullets(text: str) -> list[str]:
    """The items of the top-level bullet list in a section's text, each joined onto one line."""
    items: list[str] = []
    for line in text.splitlines():
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif items and line.startswith(" ") and line.strip():
            items[-1] += " " + line.strip()
    return items


def step_titles(text: str) -> list[str]:
    """The bold words that open each item of the last top-level numbered list under '## Steps'
    ("1. **Pair it.** In a terminal ..." gives "Pair it"); an item without them gives ""."""
    lists: list[list[str]] = []
    in_list = False
    for line in section(text, "Steps").splitlines():
        if NUMBERED.match(line):
            if not in_list:
                lists.append([])
            lists[-1].append(line)
            in_list = True
        elif line.strip() and not line[0].isspace():
            in_list = False  # a paragraph ends the list
    return [_title(item) for item in lists[-1]] if lists else []


def _title(item: str) -> str:
    bold = STEP_TITLE.match(item)
    return bold.group(1) if bold else ""
