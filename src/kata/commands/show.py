"""`kata show KATA [STAGE]`: a kata's story and stages, or a stage's instructions."""

from __future__ import annotations

from kata import display
from kata.context import Context
from kata.manifest import Kata, Stage


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="show a kata or a stage",
        description="Show a kata's stages, or a stage's README.",
    )
    parser.add_argument("kata", help="kata name, e.g. penguins")
    parser.add_argument("stage", nargs="?", help="stage number or slug")


def main(args, context: Context) -> int:
    kata = context.kata(args.kata)
    if args.stage:
        print(render_stage(kata, kata.stage(args.stage)))
    else:
        print(render_kata(kata, context))
    return 0


def render_kata(kata: Kata, context: Context) -> str:
    lines = [
        display.paint(kata.title, "bold"),
        "",
        display.indent(" ".join(kata.summary.split()), prefix=""),
        "",
    ]
    for stage in kata.stages:
        passed = context.progress.is_passed(kata.name, stage.slug)
        mark = display.mark(True) if passed else display.TODO
        lines.append(
            f" {mark} {stage.number}. {stage.title:<40} {display.minutes(stage.minutes):>8}"
        )
    lines += ["", f"Story: {context.repo.relative(kata.kata_dir / 'README.md')}"]
    lines.append(f"Show a stage: kata show {kata.name} 1")
    return "\n".join(lines)


def render_stage(kata: Kata, stage: Stage) -> str:
    text = stage.readme.read_text(encoding="utf-8") if stage.readme.is_file() else "(no README yet)"
    text = without_hints(text, len(stage.hints))
    footer = (
        f"\nCheck your work with `kata check {kata.name} {stage.number}`; "
        f"a hint at a time with `kata hint`."
    )
    return text.rstrip() + "\n" + display.paint(footer, "dim")


def without_hints(readme: str, count: int) -> str:
    """The README with its hints folded away: `kata hint` hands them out one at a time (and
    counts them), so showing them all here would make that count meaningless. The facilitator's
    notes, which name the usual slips, are left to the README too."""
    folded = {
        "## hints": f"{count} hints, gentle to specific: `kata hint` shows the next one.",
        "## facilitation notes": "For the facilitator: where mobs get stuck (in README.md).",
    }
    lines, kept, folding = readme.splitlines(), [], False
    for line in lines:
        if line.startswith("## "):
            instead = folded.get(line.strip().lower())
            folding = instead is not None
            kept.append(line)
            if folding:
                kept += ["", instead, ""]
            continue
        if not folding:
            kept.append(line)
    return "\n".join(kept)
