"""`kata backups [KATA]`: the backups kata made of a workspace before replacing it."""

from __future__ import annotations

from kata import workspace as ws
from kata.context import Context


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "backups",
        help="list the backups of a kata's workspace (made before start, reset and restore)",
        description=(
            "List the backups kata made before it replaced the workspace, oldest first: their id "
            "(for `kata restore`), when and why they were made, and their size. The newest "
            f"{ws.KEEP_BACKUPS} per kata are kept; older ones go when a new one is made."
        ),
    )
    parser.add_argument("kata", nargs="?", help="kata name (defaults to the current kata)")


def main(args, context: Context) -> int:
    kata = context.kata(args.kata) if args.kata else context.current()[0]
    found = ws.backups(context.repo, kata.name)
    if not found:
        print(f"No backups of {kata.name}/workspace yet: kata makes one before it replaces it.")
        return 0
    print(f"Backups of {kata.name}/workspace, oldest first (restore one with `kata restore ID`):")
    for backup in found:
        files, size = backup.size()
        made = backup.made.strftime("%Y-%m-%d %H:%M:%S") if backup.made else "?"
        state = "" if backup.complete else "  INCOMPLETE (cut short; do not restore)"
        print(f"  {backup.id}  {made}  {backup.reason}  {files} files, {_size(size)}{state}")
    return 0


def _size(count: int) -> str:
    for unit in ("B", "KB", "MB"):
        if count < 1024:
            return f"{count:.0f} {unit}"
        count /= 1024
    return f"{count:.1f} GB"
