"""`kata list`: the katas and their stages at a glance."""

from __future__ import annotations

from kata import display
from kata.context import Context


def add_parser(subparsers) -> None:
    subparsers.add_parser(
        "list", help="list the katas", description="List the katas and their stages."
    )


def main(args, context: Context) -> int:
    print(render(context))
    return 0


def render(context: Context) -> str:
    lines = []
    for kata in context.katas:
        total = sum(stage.minutes for stage in kata.stages)
        lines.append(display.paint(f"{kata.name}", "bold") + f"  {kata.title}")
        stages = f"{len(kata.stages)} stage{'s' if len(kata.stages) != 1 else ''}"
        lines.append(f"  {stages}, {display.minutes(total)}; for {', '.join(kata.audience)}")
        for stage in kata.stages:
            passed = context.progress.is_passed(kata.name, stage.slug)
            mark = display.mark(True) if passed else display.TODO
            lines.append(
                f"   {mark} {stage.number}. {stage.title} ({display.minutes(stage.minutes)})"
            )
        lines.append("")
    lines.append("Read one with `kata show KATA [STAGE]`; start one with `kata start KATA STAGE`.")
    return "\n".join(lines)
