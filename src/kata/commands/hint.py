"""`kata hint`: reveal the next hint of the current stage (gentle first, specific last)."""

from __future__ import annotations

from kata import display
from kata.context import Context
from kata.progress import Progress


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "hint",
        help="show the next hint for the current stage",
        description="Each call reveals one more hint for the current stage, from gentle to specific.",
    )
    parser.add_argument("kata", nargs="?", help="kata name (defaults to the current stage)")
    parser.add_argument("stage", nargs="?", help="stage number or slug")


def main(args, context: Context) -> int:
    kata, stage = context.stage(args.kata, args.stage)

    def one_more(progress: Progress) -> None:
        shown = progress.of(kata.name).hints_shown
        shown[stage.slug] = min(shown.get(stage.slug, 0) + 1, len(stage.hints))
        progress.set_current(kata.name, stage.slug)

    context.change_progress(one_more)
    count = context.progress.of(kata.name).hints_shown[stage.slug]
    lines = [display.paint(f"Hints for {stage.label}", "bold")]
    for number, hint in enumerate(stage.hints[:count], start=1):
        lines.append(f"  {number}. " + display.indent(hint, prefix="     ").lstrip())
    if count < len(stage.hints):
        lines.append(f"\n{len(stage.hints) - count} more: run `kata hint` again.")
    else:
        lines.append(
            "\nThat was the last hint. The discussion prompts in the stage README are next."
        )
    print("\n".join(lines))
    return 0
