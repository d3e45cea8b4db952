"""Session plans: `<!-- session-plans -->` becomes a timed plan for every stage of every kata.

The timings come from each stage's `minutes` in its manifest, so a plan cannot disagree with the
stage's time box. A session has a fixed shape, scaled to the stage's length:
opening, context (the kata's story or a recap), reading the stage together, the work in rotations
(with a break when it is long), and the retrospective. A stage longer than two hours is planned
as two sessions, each with its own clock; the second carries on from the workspace the first left.

What is said comes from the stage's README: the titles of its numbered Steps are the work's
checkpoints, each due at a clock time that shares the work minutes evenly among them; its
Facilitation notes are what to watch for; its Discussion prompts are the retrospective's prompts.
A README without them stops the build.
"""

from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.exceptions import PluginError

from kata.errors import KataError
from kata.manifest import Kata, Stage, load_all
from kata.stage_readme import bullets, section, step_titles

MARKER = re.compile(r"^<!-- session-plans -->[ \t]*$", re.MULTILINE)
TURN = 7  # minutes a driver keeps the keyboard (see Roles and rotation)
BREAK_AFTER = 50  # work blocks longer than this get a five-minute break in the middle
LONGEST_SESSION = 120  # a longer stage is planned as two sessions
FINISHED = "until `kata check` passes"
CONTINUED = "to the checkpoints of this session; the rest is for the second"


@dataclass(frozen=True)
class Block:
    minutes: int
    what: str
    how: str
    checkpoints: tuple[str, ...] = ()  # for Work: the steps to reach in it, each with its time
    session: int = 1  # which session of the stage (a long stage has two)


@dataclass(frozen=True)
class ReadmeNotes:
    """What a stage's README gives its plan."""

    steps: list[str]
    watch_for: list[str]
    prompts: list[str]


def on_page_markdown(markdown, page, config, files):
    if not MARKER.search(markdown):
        return markdown
    root = Path(config.config_file_path).resolve().parent
    try:
        katas = load_all(root / "katas")
    except KataError as error:
        raise PluginError(f"session_plans: cannot read the manifests: {error}") from None
    src = page.file.src_uri
    return MARKER.sub(lambda _: "\n\n".join(kata_plans(kata, src) for kata in katas), markdown)


def blocks(kata: Kata, stage: Stage) -> list[Block]:
    """The session, or two, for one stage; the minutes add up to the stage's time box."""
    if stage.minutes <= LONGEST_SESSION:
        return session_blocks(kata, stage, stage.minutes)
    first = 5 * round(stage.minutes / 10)  # half, in whole five minutes
    second = [
        replace(block, session=2)
        for block in second_session_blocks(kata, stage, stage.minutes - first)
    ]
    return [*session_blocks(kata, stage, first, goal=CONTINUED), *second]


def session_blocks(kata: Kata, stage: Stage, total: int, goal: str = "") -> list[Block]:
    """A session of `total` minutes that starts the stage."""
    opening = 5 if total >= 45 else 3
    context = 5 if total >= 45 else 2
    reading = max(3, round(total * 0.1))
    retro = 10 if total >= 60 else 5
    work = total - opening - context - reading - retro
    if work < 10:
        raise PluginError(
            f"session_plans: {kata.name} stage {stage.number} has {total} min, too few for a session"
        )
    previous = kata.previous(stage)
    start = f"`kata start {kata.name} {stage.number}`"
    plan = [
        Block(
            opening,
            "Opening",
            f"Check-in, roles and rotation order, start the timer. {start} on the shared machine"
            + (" and `kata doctor` once." if stage.number == 1 else "."),
        ),
        Block(
            context,
            "The story" if previous is None else "Recap",
            "Read the kata's story together: who wants what, and why the notebook is not enough."
            if previous is None
            else f"What stage {previous.number} ({previous.title}) left behind, and its takeaway, "
            "in the words of someone who was there.",
        ),
        Block(
            reading,
            "Read the stage",
            "Questions, Objectives and Done when, aloud. Run `kata check` once and read what fails.",
        ),
    ]
    return plan + work_and_retrospective(stage, work, retro, goal or FINISHED)


def second_session_blocks(kata: Kata, stage: Stage, total: int) -> list[Block]:
    """A session of `total` minutes that carries on with the stage where the first one stopped."""
    opening, recap, retro = 5, 5, 10
    work = total - opening - recap - retro
    plan = [
        Block(
            opening,
            "Opening",
            "Check-in, roles and rotation order, start the timer. Not `kata start`: it would put "
            "back the stage's start. `kata check` on the workspace the first session left.",
        ),
        Block(
            recap,
            "Recap",
            "What the first session did and decided, and which checks still fail: the plan for "
            "today, in the words of someone who was there.",
        ),
    ]
    return plan + work_and_retrospective(stage, work, retro, FINISHED)


def work_and_retrospective(stage: Stage, work: int, retro: int, goal: str) -> list[Block]:
    plan: list[Block] = []
    hints = f"`kata hint` when the mob is stuck for a whole turn ({len(stage.hints)} hints, gentle first)"
    if work > BREAK_AFTER:
        first = (work - 5) // 2
        second = work - 5 - first
        plan += [
            Block(
                first,
                "Work",
                f"Rotate every {TURN} min (about {first // TURN} turns). `kata watch` in a corner.",
            ),
            Block(5, "Break", "Away from the screen. The timer keeps the rotation order."),
            Block(
                second,
                "Work",
                f"About {second // TURN} more turns, {goal}. {hints}.",
            ),
        ]
    else:
        plan.append(
            Block(
                work,
                "Work",
                f"Rotate every {TURN} min (about {work // TURN} turns), `kata watch` in a corner, "
                f"{goal}. {hints}.",
            )
        )
    plan.append(
        Block(
            retro,
            "Retrospective",
            "One or two of the prompts below, and the takeaway; then commit and push.",
        )
    )
    return plan


def short_name(kata: Kata) -> str:
    """The kata's title up to its colon ("Warm-up", "Penguins")."""
    return kata.title.split(":")[0].strip()


def clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


def readme_notes(kata: Kata, stage: Stage) -> ReadmeNotes:
    """The steps, facilitation notes and discussion prompts of the stage's README."""
    readme = f"katas/{kata.name}/stages/{stage.slug}/README.md"
    where = f"session_plans: {kata.name} stage {stage.number} ({readme})"
    if not stage.readme.is_file():
        raise PluginError(f"{where}: no README, so no plan")
    text = stage.readme.read_text(encoding="utf-8")
    steps = step_titles(text)
    if not steps:
        raise PluginError(f"{where}: no numbered list under '## Steps' to take checkpoints from")
    if "" in steps:
        number = steps.index("") + 1
        raise PluginError(
            f"{where}: step {number} does not open with a bold title (1. **Title.** ...)"
        )
    return ReadmeNotes(
        steps,
        _listed(text, "Facilitation notes", where),
        _listed(text, "Discussion prompts", where),
    )


def _listed(text: str, name: str, where: str) -> list[str]:
    found = bullets(section(text, name))
    if not found:
        raise PluginError(f"{where}: no bullet list under '## {name}'")
    return found


def with_checkpoints(plan: list[Block], steps: list[str]) -> list[Block]:
    """The plan with each step placed in the Work block where it is due: the work minutes are
    shared evenly among the steps, so the last one is due when the work ends."""
    work = sum(block.minutes for block in plan if block.what == "Work")
    placed, at, done = [], 0, 0  # the clock, and the work minutes before this block
    for block in plan:
        if placed and block.session != placed[-1].session:
            at = 0  # each session has its own clock
        if block.what == "Work":
            mine = []
            for number, title in enumerate(steps, start=1):
                minute = math.ceil(number * work / len(steps))  # of work, when the step is due
                if done < minute <= done + block.minutes:
                    mine.append(f"{number}. {title}, by about {clock(at + minute - done)}")
            block = replace(block, checkpoints=tuple(mine))
            done += block.minutes
        placed.append(block)
        at += block.minutes
    return placed


def stage_plan(kata: Kata, stage: Stage, src_uri: str) -> str:
    page = _relative(src_uri, f"katas/{kata.name}/{stage.slug}.md")
    notes = readme_notes(kata, stage)
    plan = with_checkpoints(blocks(kata, stage), notes.steps)
    sessions = sorted({block.session for block in plan})
    length = (
        ""
        if len(sessions) == 1
        else ", in two sessions: "
        + " and ".join(f"{sum(b.minutes for b in plan if b.session == n)} min" for n in sessions)
    )
    lines = [
        f"### {short_name(kata)} {stage.number}: {stage.title} ({stage.minutes} min{length})",
        "",
        f"Stage page: [{stage.title}]({page}).",
        "",
        "| Clock | Min | Block | What happens |",
        "|---|---:|---|---|",
    ]
    at = 0
    for index, block in enumerate(plan):
        if index and block.session != plan[index - 1].session:
            lines.append(
                f"| | | **Session {block.session}** | Another day; the clock starts again. |"
            )
            at = 0
        how = block.how
        if block.checkpoints:
            how += "<br>Checkpoints:<br>" + "<br>".join(block.checkpoints)
        lines.append(
            f"| {clock(at)} to {clock(at + block.minutes)} | {block.minutes} | {block.what} | {how} |"
        )
        at += block.minutes
    lines += ["", "**Watch for:**", "", *(f"- {note}" for note in notes.watch_for)]
    lines += ["", "**Retrospective prompts:**", "", *(f"- {prompt}" for prompt in notes.prompts)]
    return "\n".join(lines)


def kata_plans(kata: Kata, src_uri: str) -> str:
    total = sum(stage.minutes for stage in kata.stages)
    sessions = len(kata.stages)
    intro = (
        f"## {kata.title}\n\n"
        f"{sessions} session{'s' if sessions > 1 else ''}, {total} minutes of stages in all. "
        f"[The kata's page]({_relative(src_uri, f'katas/{kata.name}/index.md')})."
    )
    return "\n\n".join([intro, *(stage_plan(kata, stage, src_uri) for stage in kata.stages)])


def _relative(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
