"""`kata dev new KATA SLUG --title TITLE`: write a new stage's files from templates.

The stage is appended to the kata: its manifest entry, a README with every required section (its
Hints list is where a stage's hints are written, and only there), a checks file with one check that
fails until it is written, the previous stage's solution as a start for this one, a discrimination
case to replace, and the site page with its navigation line. Whatever still says TODO(author) makes
`kata dev check` fail, so a scaffold cannot pass for a stage.
"""

from __future__ import annotations

import re
from pathlib import Path

from kata.context import Context
from kata.errors import KataError
from kata.harness.staging import copy_tree
from kata.manifest import MANIFEST, SLUG, Kata, find_kata
from kata.stage_readme import AUDIENCES, PLACEHOLDER, REQUIRED_SECTIONS

HINTS = (
    f"{PLACEHOLDER}: the gentlest hint, where to look (kata hint shows the hints one at a time).",
    f"{PLACEHOLDER}: a more specific hint, what to change.",
    f"{PLACEHOLDER}: nearly the answer.",
)
GUIDANCE = {
    "Questions this stage answers": "the two or three questions a learner can answer afterwards.",
    "Objectives": "what the learner can do at the end, one verb each.",
    "For data scientists": "why this matters to a data scientist, told once.",
    "For developers": "why this matters to a developer, told once.",
    "Steps": "numbered steps with their minutes; name every file, function and command a check "
    "touches.",
    "Done when": "one bullet per check, in words; a bullet no check can verify is rewritten.",
    "Discussion prompts": "questions for the mob's retrospective.",
    "Takeaway": "one paragraph the learner keeps.",
    "What's next": "what the next stage builds on this one.",
    "Facilitation notes": "where mobs get stuck and what the facilitator watches for, one "
    "bullet each, from the wrong hand-ins in the stage's cases.",
}


def add_parser(dev_commands) -> None:
    parser = dev_commands.add_parser(
        "new",
        help="write a new stage of a kata from templates",
        description=(
            "Append a stage to a kata: its manifest entry, README, checks, solution (the previous "
            "stage's, to change), a discrimination case and its site page. Nothing is overwritten; "
            f"`kata dev check` fails until every {PLACEHOLDER} is replaced."
        ),
    )
    parser.add_argument("kata", help="the kata to extend, e.g. penguins")
    parser.add_argument("slug", help="NN-words: the next stage number and a name, e.g. 10-serve-it")
    parser.add_argument("--title", required=True, help="the stage's title, e.g. 'Serve it'")
    parser.add_argument("--minutes", type=int, default=60, help="the time box (default: 60)")


def main(args, context: Context) -> int:
    repo = context.repo
    kata = find_kata(repo.katas_dir, args.kata)
    number = _check_slug(kata, args.slug)
    if args.minutes <= 0:
        raise KataError(f"--minutes must be a positive number of minutes, not {args.minutes}")
    title = args.title.strip()
    if not title or '"' in title or "\n" in title:
        raise KataError("--title must be one line of text without double quotes")
    stage_dir = kata.kata_dir / "stages" / args.slug
    solution = repo.solution(kata.name, args.slug)
    page = repo.root / "docs" / "katas" / kata.name / f"{args.slug}.md"
    case = repo.root / "tests" / "katas" / kata.name / "cases" / args.slug / "fail-first-shortcut"
    existing = [p for p in (stage_dir, solution, page, case) if p.exists()]
    if existing:
        raise KataError(f"{repo.relative(existing[0])} exists already; nothing was written")
    navigation = _navigation(repo.root / "mkdocs.yml", kata, args.slug, number, title)

    previous = repo.solution(kata.name, kata.stages[-1].slug) if kata.stages else None
    base = previous if previous is not None and previous.is_dir() else kata.kata_dir / "start"
    written = [
        _append_stage(kata, args.slug, title, args.minutes),
        _write(stage_dir / "README.md", _readme(number, title, args.minutes)),
        _write(stage_dir / "checks" / f"test_{_words(args.slug)}.py", _checks(kata, number, title)),
        copy_tree(base, solution),
        _write(case / "case.toml", _case()),
        _write(page, _page(kata, args.slug, number, title)),
    ]
    if navigation is not None:
        written.append(navigation())
    print(f"Stage {kata.name} {number}, {title}, written:")
    for path in written:
        print(f"  {repo.relative(path)}")
    print(
        f"\nNext: replace every {PLACEHOLDER}; change {repo.relative(solution)} into this stage's "
        "answer; write the checks, then the cases (docs/reference/authoring-a-stage.md); update "
        f"the previous stage's What's next; run `kata dev check {kata.name}` until it is green."
    )
    return 0


def _check_slug(kata: Kata, slug: str) -> int:
    match = SLUG.match(slug)
    if not match:
        raise KataError(f"'{slug}' is not a stage slug: two digits, a dash, lowercase words")
    number = int(match.group(1))
    if number != len(kata.stages) + 1:
        raise KataError(
            f"{kata.name} has {len(kata.stages)} stages; a new one is number "
            f"{len(kata.stages) + 1:02d} (e.g. {len(kata.stages) + 1:02d}{slug[2:]})"
        )
    return number


def _words(slug: str) -> str:
    return slug[3:].replace("-", "_")


def _append_stage(kata: Kata, slug: str, title: str, minutes: int) -> Path:
    manifest = kata.kata_dir / MANIFEST
    entry = f'\n[[stages]]\nslug = "{slug}"\ntitle = "{title}"\nminutes = {minutes}\n'
    with manifest.open("a", encoding="utf-8") as out:
        out.write(entry)
    return manifest


def _readme(number: int, title: str, minutes: int) -> str:
    lines = [f"# Stage {number}: {title}", "", f"**Time box:** {minutes} min", ""]
    for name in REQUIRED_SECTIONS:
        lines += [f"## {name}", ""]
        if name == "Why it matters":
            for audience in AUDIENCES:
                lines += [f"### {audience}", "", f"{PLACEHOLDER}: {GUIDANCE[audience]}", ""]
        elif name == "Hints":
            lines += [f"- {hint}" for hint in HINTS] + [""]
        elif name == "Steps":  # the session plans take each step's bold title as a checkpoint
            lines += [f"1. **{PLACEHOLDER}: a step's title.** {GUIDANCE[name]}", ""]
        elif name in ("Discussion prompts", "Facilitation notes"):  # lists in the session plans
            lines += [f"- {PLACEHOLDER}: {GUIDANCE[name]}", ""]
        else:
            lines += [f"{PLACEHOLDER}: {GUIDANCE[name]}", ""]
    return "\n".join(lines)


def _checks(kata: Kata, number: int, title: str) -> str:
    return f'''"""Checks for {kata.name} stage {number}: {title}.

One test function per "Done when" item; see docs/reference/authoring-a-stage.md. Keep this file
under 300 lines: support code goes in a module of its own beside it, fixtures several stages share
in katas/{kata.name}/conftest.py.
"""

from kata.harness import fail


def test_the_first_done_when_item_holds(workspace):
    """{PLACEHOLDER}: the first "Done when" item, as one sentence kata check prints."""
    fail("{PLACEHOLDER}: write this stage's first check (it fails on the start and the solution).")
'''


def _page(kata: Kata, slug: str, number: int, title: str) -> str:
    short = kata.title.split(":")[0]  # "Penguins" of "Penguins: from a notebook ..."
    readme = f"katas/{kata.name}/stages/{slug}/README.md"
    return f'---\ntitle: "{short} {number}: {title}"\n---\n\n--8<-- "{readme}"\n'


def _case() -> str:
    return f'''base = "solution"
expect = "fail"
fails = ["test_the_first_done_when_item_holds"]
why = "{PLACEHOLDER}: the shortcut a lazy or literal learner would take, and the Done when item it skips. Rename the folder fail-<what-it-does>, put the files that learner changed under workspace/, and name the check that catches it."
'''


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _navigation(mkdocs: Path, kata: Kata, slug: str, number: int, title: str):
    """A function that adds the stage's line to mkdocs.yml's nav after the kata's last stage, or
    None when the site has no such line to follow (checked before anything is written)."""
    if not mkdocs.is_file() or not kata.stages:
        return None
    text = mkdocs.read_text(encoding="utf-8")
    last = kata.stages[-1].slug
    found = re.search(rf'^(\s*)- "[^"\n]*": katas/{kata.name}/{last}\.md[ \t]*$', text, re.M)
    if found is None:
        raise KataError(f"mkdocs.yml has no nav line for katas/{kata.name}/{last}.md to follow")

    def add() -> Path:
        line = f'\n{found.group(1)}- "{number}. {title}": katas/{kata.name}/{slug}.md'
        mkdocs.write_text(text[: found.end()] + line + text[found.end() :], encoding="utf-8")
        return mkdocs

    return add
