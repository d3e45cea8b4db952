"""`kata progress`: every stage you have passed and the hints you used."""

from __future__ import annotations

from kata import display
from kata.context import Context


def add_parser(subparsers) -> None:
    subparsers.add_parser(
        "progress",
        help="show your progress",
        description="Show passed stages and hints used, per kata.",
    )


def main(args, context: Context) -> int:
    print(render(context))
    return 0


def render(context: Context) -> str:
    lines = []
    for kata in context.katas:
        mine = context.progress.of(kata.name)
        lines.append(
            display.paint(f"{kata.name}: {len(mine.passed)} of {len(kata.stages)} stages", "bold")
        )
        for stage in kata.stages:
            hints = mine.hints_shown.get(stage.slug, 0)
            used = f"  ({hints} of {len(stage.hints)} hints)" if hints else ""
            mark = display.mark(True) if stage.slug in mine.passed else display.TODO
            lines.append(f"  {mark} {stage.number}. {stage.title}{used}")
    lines.append(f"\nKept in {context.repo.relative(context.progress_path)}.")
    return "\n".join(lines)
