"""`kata reset KATA`: back to the kata's pristine start (your workspace is backed up first)."""

from __future__ import annotations

from kata.commands.start import switch
from kata.context import Context


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "reset",
        help="put the kata's pristine start back in the workspace (backed up first)",
        description="Replace the workspace with the kata's pristine start, after backing it up.",
    )
    parser.add_argument("kata", help="kata name, e.g. penguins")
    parser.add_argument(
        "--force", action="store_true", help="replace even uncommitted changes (a backup is kept)"
    )


def main(args, context: Context) -> int:
    kata = context.kata(args.kata)
    print(switch(context, kata, kata.stages[0], force=args.force, reason="before-reset"))
    return 0
