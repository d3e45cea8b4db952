"""`kata restore ID`: put a backup back in the workspace (the workspace is backed up first)."""

from __future__ import annotations

from kata import workspace as ws
from kata.commands.start import pruned_note
from kata.context import Context
from kata.errors import KataError


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="put a backup back in the workspace (yours is backed up first)",
        description=(
            "Replace the kata's workspace with a backup listed by `kata backups`. The workspace "
            "is backed up first, so a restore can itself be undone."
        ),
    )
    parser.add_argument("id", help="the backup's id, as `kata backups` lists it")
    parser.add_argument("--kata", help="kata name (defaults to the current kata)")


def main(args, context: Context) -> int:
    kata = context.kata(args.kata) if args.kata else context.current()[0]
    found = {backup.id: backup for backup in ws.backups(context.repo, kata.name)}
    chosen = found.get(args.id)
    if chosen is None:
        known = ", ".join(list(found)[-3:]) or "none yet"
        raise KataError(
            f"{kata.name} has no backup {args.id!r}; `kata backups {kata.name}` lists them "
            f"(the newest: {known})"
        )
    if not chosen.complete:
        raise KataError(
            f"backup {chosen.id} is incomplete (its copy was cut short); choose another one"
        )
    with ws.swapping(context.repo):
        before = ws.backup(context.repo, kata.name, "before-restore")
        ws.replace_workspace(context.repo, kata.name, chosen.path)
        pruned = ws.prune_backups(context.repo, kata.name)
    kept = f" The workspace it replaced is in {context.repo.relative(before)}." if before else ""
    print(f"{kata.name}/workspace now holds backup {chosen.id}.{kept}{pruned_note(pruned)}")
    return 0
