"""`kata` with no arguments: where you are and what to do next."""

from __future__ import annotations

from kata import display
from kata.context import Context


def main(args, context: Context) -> int:
    print(render(context))
    return 0


def render(context: Context) -> str:
    kata, stage = context.current()
    done = context.progress.of(kata.name).passed
    lines = [display.paint("notebook katas", "bold"), ""]
    for other in context.katas:
        passed = len(context.progress.of(other.name).passed)
        here = "▸" if other.name == kata.name and display.PASS == "✓" else " "
        lines.append(f" {here} {other.name:<10} {passed}/{len(other.stages)} stages  {other.title}")
    lines += ["", display.paint(f"Current stage: {stage.label}", "bold")]
    lines.append(
        f"  time box {display.minutes(stage.minutes)}; instructions: {context.repo.relative(stage.readme)}"
    )
    lines.append(f"  workspace: {context.repo.relative(kata.workspace)}")
    lines.append("")
    if stage.slug in done:
        lines.append(f"You have passed this stage. `kata show {kata.name}` lists what comes next.")
    else:
        lines.append(f"Read the stage:   kata show {kata.name} {stage.number}")
        lines.append("Check your work:  kata check   (or `kata watch` to re-check on every save)")
        lines.append("Need a nudge:     kata hint")
    lines.append("All commands:     kata --help")
    return "\n".join(lines)
