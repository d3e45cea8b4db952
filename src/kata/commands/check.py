"""`kata check [KATA STAGE]`: run a stage's checks on the workspace and say what to do next."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kata import display
from kata import workspace as ws
from kata.context import Context
from kata.errors import CHECK_FAILED, KataError, os_error_line
from kata.manifest import Kata, Stage
from kata.progress import Progress
from kata.results import CheckResult, CheckRun, FailureKind
from kata.runner import run_checks


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
    start = ws.recorded_start(context.repo, kata.name, stage.slug) if own_workspace else None
    if args.json:
        run = run_checks(stage, workspace, start=start)
    else:
        print(header(stage, context, workspace, own_workspace), flush=True)
        run = run_checks(
            stage,
            workspace,
            start=start,
            on_result=lambda r: print(line(r), flush=True),
            gate=True,
        )
    unsaved = None
    if own_workspace:
        try:
            record(context, kata, stage, run, workspace)
        except KataError as error:
            unsaved = str(error)
        except OSError as error:
            unsaved = os_error_line(error)
    if args.json:
        print(json.dumps(run.to_json(), indent=2))
    else:
        print("\n".join([*not_run_lines(run), summary(kata, stage, run, context, own_workspace)]))
    if unsaved:  # the verdict above stands; only its record is missing
        print(f"kata: your result could not be saved in your progress: {unsaved}", file=sys.stderr)
    return 0 if run.passed else CHECK_FAILED


def record(context: Context, kata: Kata, stage: Stage, run: CheckRun, workspace: Path) -> None:
    """Save the verdict; a pass makes the next stage current and the learner's work its start."""
    following = kata.next(stage) if run.passed else None
    if following is not None:
        ws.record_start(context.repo, kata.name, following.slug, workspace)

    def change(progress: Progress) -> None:
        progress.set_current(kata.name, (following or stage).slug)
        if run.passed:
            progress.mark_passed(kata.name, stage.slug)
            if kata.next(stage) is None:
                context.move_to_next_kata(kata, progress)

    context.change_progress(change)


def header(stage: Stage, context: Context, workspace: Path, own_workspace: bool) -> str:
    lines = [display.paint(stage.label, "bold")]
    if not own_workspace:
        lines.append(display.paint(f"workspace: {context.repo.relative(workspace)}", "dim"))
    return "\n".join(lines)


def line(result: CheckResult) -> str:
    if result.kind is FailureKind.WAITING:
        waiting = "(runs once the checks above pass)"
        return f"  {display.paint(display.TODO, 'dim')} {result.sentence} {waiting}"
    text = f"  {display.mark(result.passed)} {result.sentence}"
    if not result.passed and result.message:
        text += "\n" + display.indent(result.message, prefix="      ")
    return text


def not_run_lines(run: CheckRun) -> list[str]:
    """The checks this machine cannot run, each with what it lacks: they neither pass nor fail."""
    return [
        f"  {display.paint('-', 'dim')} {check.sentence} "
        + display.paint(f"(not run on this machine: {check.why})", "dim")
        for check in run.not_run
    ]


def render(
    kata: Kata,
    stage: Stage,
    run: CheckRun,
    context: Context,
    own_workspace: bool,
    hint_how: str = "`kata hint`",
) -> str:
    """The whole report at once: header, one line per check, summary (for `kata watch`)."""
    lines = [header(stage, context, Path(run.workspace), own_workspace)]
    lines += [line(result) for result in run.results]
    lines += not_run_lines(run)
    lines.append(summary(kata, stage, run, context, own_workspace, hint_how))
    return "\n".join(lines)


def summary(
    kata: Kata,
    stage: Stage,
    run: CheckRun,
    context: Context,
    own_workspace: bool,
    hint_how: str = "`kata hint`",
) -> str:
    passed = sum(result.passed for result in run.results)
    waiting = sum(result.kind is FailureKind.WAITING for result in run.results)
    lines = ["", f"{passed} of {len(run.results)} checks pass ({run.seconds:.1f} s)."]
    if run.not_run:
        lines[-1] = lines[-1][:-1] + f"; {len(run.not_run)} could not run on this machine."
    if waiting:
        lines[-1] = lines[-1][:-1] + f"; {waiting} slower ones wait until the others pass."
    if run.passed and not own_workspace:
        lines.append(
            display.paint("That folder passes the stage.", "green")
            + " Your progress is unchanged: only a check of your own workspace counts."
        )
    elif run.passed:
        lines.append(display.paint("Stage done.", "green") + " " + _next_step(kata, stage, context))
    elif own_workspace:
        shown = context.progress.of(kata.name).hints_shown.get(stage.slug, 0)
        if shown < len(stage.hints):
            lines.append(f"Stuck? {hint_how} shows hint {shown + 1} of {len(stage.hints)}.")
        else:
            lines.append("All hints are shown; the stage README's hints say more.")
    return "\n".join(lines)


def _next_step(kata: Kata, stage: Stage, context: Context) -> str:
    """What comes next, once this run has recorded the stage as passed."""
    following = kata.next(stage)
    if following is None:
        after = context.kata_after(kata)
        then = (
            f" Next kata: {after.name} (`kata show {after.name}`); `kata` now points to it."
            if after
            else ""
        )
        return (
            f"That was the last stage of {kata.name}. Talk it over: see the discussion prompts."
            + then
        )
    return (
        f"Next: stage {following.number}, {following.title} ({display.minutes(following.minutes)})"
        f", now your current stage. Read it with `kata show {kata.name} {following.number}`; keep "
        "working in your workspace, or start from the reference with "
        f"`kata start {kata.name} {following.number}`."
    )
