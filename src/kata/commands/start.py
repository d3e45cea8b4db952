"""`kata start KATA STAGE`: put the start of a stage in the workspace, after backing yours up."""

from __future__ import annotations

from pathlib import Path

from kata import workspace as ws
from kata.context import Context
from kata.errors import KataError
from kata.manifest import Kata, Stage


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "start",
        help="replace the workspace with the start of a stage (backed up first)",
        description=(
            "Replace the kata's workspace with the start of STAGE: the reference solution of the "
            "stage before it, or the kata's pristine start for stage 1. Your workspace is backed up "
            "to .kata/backups/ first. Refuses when the workspace has uncommitted changes, unless --force."
        ),
    )
    parser.add_argument("kata", help="kata name, e.g. penguins")
    parser.add_argument("stage", help="stage number or slug")
    parser.add_argument(
        "--force", action="store_true", help="replace even uncommitted changes (a backup is kept)"
    )


def main(args, context: Context) -> int:
    kata = context.kata(args.kata)
    stage = kata.stage(args.stage)
    print(switch(context, kata, stage, force=args.force, reason=f"before-start-{stage.number:02d}"))
    return 0


def start_of(context: Context, kata: Kata, stage: Stage) -> Path:
    source = stage.start_dir
    if not source.is_dir():
        raise KataError(f"the start of {stage.label} is missing: {context.repo.relative(source)}")
    return source


def switch(context: Context, kata: Kata, stage: Stage, force: bool, reason: str) -> str:
    """Back up, then swap in the stage's start; a sentence saying what happened."""
    source = start_of(context, kata, stage)
    changes = ws.unsaved_changes(context.repo, kata.name)
    if changes and not force:
        listed = ", ".join(changes[:3]) + (
            f" and {len(changes) - 3} more" if len(changes) > 3 else ""
        )
        raise KataError(
            f"{kata.name}/workspace has uncommitted changes ({listed}); commit them, "
            f"or add --force to replace them (a backup is kept)"
        )
    with ws.swapping(context.repo):
        backup = ws.backup(context.repo, kata.name, reason)
        ws.replace_workspace(context.repo, kata.name, source)
        ws.record_start(context.repo, kata.name, stage.slug, source)
        pruned = ws.prune_backups(context.repo, kata.name)
    context.change_progress(lambda progress: progress.set_current(kata.name, stage.slug))
    kept = f" Your previous workspace is in {context.repo.relative(backup)}." if backup else ""
    return (
        f"The workspace now holds the start of {stage.label}.{kept}{pruned_note(pruned)}\n"
        f"Read the stage with `kata show {kata.name} {stage.number}`."
    )


def pruned_note(removed: list[str]) -> str:
    """What the retention policy removed, in a sentence ("" if nothing)."""
    if not removed:
        return ""
    return (
        f" Removed the {len(removed)} oldest backup{'s' if len(removed) > 1 else ''} "
        f"({', '.join(removed)}); the newest {ws.KEEP_BACKUPS} are kept."
    )
