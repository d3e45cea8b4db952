"""The `kata` command: parse the arguments, run one sub-command, turn errors into one line."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from pathlib import Path

from kata import __version__, workspace
from kata.commands import (
    backups,
    check,
    dev_check,
    dev_new,
    doctor,
    hint,
    list_katas,
    progress,
    reset,
    restore,
    show,
    start,
    status,
    team_server,
    watch,
)
from kata.context import Context
from kata.errors import USAGE, KataError, os_error_line
from kata.repo import find_repo

# Sub-commands in the order `kata --help` lists them; the name is how the user types it.
COMMANDS = {
    "list": list_katas,
    "show": show,
    "check": check,
    "hint": hint,
    "watch": watch,
    "start": start,
    "reset": reset,
    "backups": backups,
    "restore": restore,
    "progress": progress,
    "doctor": doctor,
    "team-server": team_server,
}
DEV_COMMANDS = ["dev check", "dev new"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not argparse's usage block
        raise KataError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kata",
        description=(
            "Practise the notebook katas. With no command: your progress and the current stage."
        ),
        epilog="Exit codes: 0 all checks pass, 1 a check failed, 2 a usage error or nothing to check.",
    )
    parser.add_argument("--version", action="version", version=f"kata {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        module.add_parser(subparsers)
    dev_check.add_parser(subparsers)
    return parser


def command_names() -> list[str]:
    """Every sub-command as typed, for the documentation checks."""
    return [*COMMANDS, *DEV_COMMANDS]


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        context = Context(find_repo())
        recovered = workspace.recover(context.repo)
        if recovered:
            print(f"kata: {recovered}", file=sys.stderr)
        if args.command is None:
            return status.main(args, context)
        if args.command == "dev" and args.dev_command == "new":
            return dev_new.main(args, context)
        if args.command == "dev":
            return dev_check.main(args, context, command_names())
        return COMMANDS[args.command].main(args, context)
    except KataError as error:
        print(f"kata: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM/SIGHUP through kata.launch
        print("kata: interrupted", file=sys.stderr)
        return 128 + getattr(stop, "number", signal.SIGINT)
    except BrokenPipeError:
        # The reader went away (`kata check | head`, a closed terminal): nothing left to say.
        with contextlib.suppress(OSError):
            sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 (kept open until exit)
        return 1
    except OSError as error:  # a full disk, a read-only folder, a file where a folder should be
        if os.environ.get("KATA_DEBUG"):
            raise
        print(f"kata: {os_error_line(error)}", file=sys.stderr)
        return USAGE
    except Exception as error:
        if os.environ.get("KATA_DEBUG"):
            raise
        print(
            f"kata: internal error: {type(error).__name__}: {error} "
            "(run again with KATA_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        return USAGE + 1
