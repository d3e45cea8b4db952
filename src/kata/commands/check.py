"""`kata check [KATA STAGE]`: run a stage's checks on the workspace and say what to do next."""

from __future__ import annotations

import json
from pathlib import Path

from kata import display
from kata.context import Context
from kata.errors import CHECK_FAILED
from kata.manifest import Kata, Stage
from kata.runner import CheckRun, run_checks


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="run a stage's checks on your workspace",
        description="Run the checks of a stage (the current one if none is named) on your workspace.",
    )
    parser.add_argument("kata", nargs="?", help="kata name, e.g. penguins")
    parser.add_argument(
        "stage", nargs="?", help="stage number or slug, e.g. 2 or 02-pin-the-behaviour"
    )
    parser.add_argument(
        "--workspace", type=Path, help="check this folder instead of the kata's workspace"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results")


def main(args, context: Context) -> int:
    kata, stage = context.stage(args.kata, args.stage)
    own_workspace = args.workspace is None
    workspace = (args.workspace or kata.workspace).resolve()
    run = run_checks(stage, workspace)
    if own_workspace:
        record(context, kata, stage, run)
    if args.json:
        print(json.dumps(run.to_json(), indent=2))
    else:
        print(render(kata, stage, run, context, own_workspace))
    return 0 if run.passed else CHECK_FAILED


def record(context: Context, kata: Kata, stage: Stage, run: CheckRun) -> None:
    context.set_current(kata, stage)
    if run.passed:
        context.progress.mark_passed(kata.name, stage.slug)
    context.save_progress()


def render(
    kata: Kata,
    stage: Stage,
    run: CheckRun,
    context: Context,
    own_workspace: bool,
    hint_how: str = "`kata hint`",
) -> str:
    lines = [display.paint(f"{stage.label}", "bold")]
    if not own_workspace:
        lines.append(
            display.paint(f"workspace: {context.repo.relative(Path(run.workspace))}", "dim")
        )
    for result in run.results:
        lines.append(f"  {display.mark(result.passed)} {result.sentence}")
        if not result.passed and result.message:
            lines.append(display.indent(result.message, prefix="      "))
    passed = sum(result.passed for result in run.results)
    lines.append("")
    lines.append(f"{passed} of {len(run.results)} checks pass ({run.seconds:.1f} s).")
    if run.passed:
        lines.append(display.paint("Stage done.", "green") + " " + _next_step(kata, stage))
    elif own_workspace:
        shown = context.progress.of(kata.name).hints_shown.get(stage.slug, 0)
        if shown < len(stage.hints):
            lines.append(f"Stuck? {hint_how} shows hint {shown + 1} of {len(stage.hints)}.")
        else:
            lines.append("All hints are shown; the stage README's hints say more.")
    return "\n".join(lines)


def _next_step(kata: Kata, stage: Stage) -> str:
    following = kata.next(stage)
    if following is None:
        return f"That was the last stage of {kata.name}. Talk it over: see the discussion prompts."
    return (
        f"Next: stage {following.number}, {following.title} ({display.minutes(following.minutes)}). "
        f"Read it with `kata show {kata.name} {following.number}`; keep working in your workspace, "
        f"or start from the reference with `kata start {kata.name} {following.number}`."
    )
