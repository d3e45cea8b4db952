"""`kata dev check [KATA]`: prove every stage learnable (for kata authors and CI)."""

from __future__ import annotations

import os

from kata import display
from kata.commands import dev_new
from kata.context import Context
from kata.errors import CHECK_FAILED, KataError
from kata.invariants import RepoReport, check_repo
from kata.manifest import kata_names


def add_parser(subparsers) -> None:
    dev = subparsers.add_parser(
        "dev", help="commands for kata authors", description="Commands for kata authors."
    )
    dev_commands = dev.add_subparsers(dest="dev_command", metavar="COMMAND", required=True)
    parser = dev_commands.add_parser(
        "check",
        help="check that every stage is learnable",
        description=(
            "Check the kata format's invariants: each stage's checks pass on its solution and fail on "
            "its start by readable assertions; manifests, READMEs, mutants, notebooks and site pages are "
            "complete."
        ),
    )
    parser.add_argument("katas", nargs="*", help="katas to check (default: all)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="check runs side by side"
    )
    dev_new.add_parser(dev_commands)


def main(args, context: Context, commands: list[str]) -> int:
    known = kata_names(context.repo.katas_dir)
    names = args.katas or known
    for name in names:
        if name not in known:  # an unknown kata is a usage error; a broken one is an invariant
            raise KataError(f"unknown kata '{name}'; the katas are: {', '.join(known) or 'none'}")
    report = check_repo(context.repo, names, commands, workers=max(1, args.workers))
    print(render(report))
    return 0 if report.ok else CHECK_FAILED


def render(report: RepoReport) -> str:
    lines = []
    for problem in report.problems:
        lines.append(f"{display.mark(False)} {problem}")
    for kata in report.katas:
        lines.append(display.paint(kata.name, "bold"))
        for problem in kata.problems:
            lines.append(f"  {display.mark(False)} {problem}")
        for stage in kata.stages:
            lines.append(f"  {display.mark(not stage.problems)} {stage.slug}{_timing(stage)}")
            for problem in stage.problems:
                lines.append(display.indent(problem, prefix="      "))
    verdict = "every stage is learnable" if report.ok else "some invariants do not hold"
    lines.append("")
    lines.append(display.paint(verdict.capitalize() + ".", "green" if report.ok else "red"))
    return "\n".join(lines)


def _timing(stage) -> str:
    parts = []
    if stage.solution_run:
        run = stage.solution_run
        passed = len(run.results) - len(run.failures)
        parts.append(
            f"solution passes {passed} of {len(run.results)} checks in {run.seconds:.1f} s"
        )
    if stage.start_run:
        failing = len(stage.start_run.failures)
        parts.append(f"start fails {failing} of {len(stage.start_run.results)}")
    return f"  ({'; '.join(parts)})" if parts else ""
