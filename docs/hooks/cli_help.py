"""The CLI reference: `<!-- kata-help: COMMAND -->` becomes that command's own `--help` text.

The usage text comes from the argparse parser that `kata` itself runs (`kata.cli.build_parser`),
so the page cannot drift from the command. `<!-- kata-help -->` is the top-level help.
The page must also have a `## kata COMMAND` section for every command `kata.cli.command_names()`
lists; the build fails when one is missing.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import re
from contextlib import contextmanager

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.cli_help")

MARKER = re.compile(r"^<!-- kata-help(?:: ([a-z][a-z -]*?))? -->[ \t]*$", re.MULTILINE)
WIDTH = 78


def on_page_markdown(markdown, page, config, files):
    if not MARKER.search(markdown):
        return markdown
    from kata.cli import build_parser, command_names

    missing = [name for name in command_names() if f"## kata {name}\n" not in markdown]
    if missing:
        raise PluginError(
            f"cli_help: {page.file.src_uri} documents no "
            + ", ".join(f"'## kata {name}'" for name in missing)
            + "; add a section with a <!-- kata-help: NAME --> marker for each"
        )
    parser = build_parser()
    return MARKER.sub(lambda match: help_block(parser, match.group(1) or ""), markdown)


def help_block(parser: argparse.ArgumentParser, name: str) -> str:
    command = f"kata {name}".strip()
    target = find_parser(parser, name.split()) or _parser_from_module(name)
    if target is None:
        log.info(f"cli_help: `{command}` is not a command of this version")
        return f'!!! note "Not in this version"\n\n    `{command}` is not part of this version of `kata` yet.'
    with _columns(WIDTH):
        text = target.format_help().rstrip()
    return f"```text\n$ {command} --help\n{text}\n```"


def find_parser(
    parser: argparse.ArgumentParser, words: list[str]
) -> argparse.ArgumentParser | None:
    """The sub-parser for `words` (e.g. ["dev", "check"]), or None when there is no such command."""
    for word in words:
        choices = {}
        for action in parser._actions:  # argparse keeps sub-commands here, and nowhere public
            if isinstance(action, argparse._SubParsersAction):
                choices = action.choices
        if word not in choices:
            return None
        parser = choices[word]
    return parser


def _parser_from_module(name: str) -> argparse.ArgumentParser | None:
    """A command module that exists but is not wired into `kata` yet (e.g. kata/commands/watch.py)."""
    if not re.fullmatch(r"[a-z_]+", name):
        return None
    try:
        module = importlib.import_module(f"kata.commands.{name}")
    except ModuleNotFoundError:
        return None
    if not hasattr(module, "add_parser"):
        return None
    parser = argparse.ArgumentParser(prog="kata")
    module.add_parser(parser.add_subparsers())
    return find_parser(parser, [name])


@contextmanager
def _columns(width: int):
    """argparse wraps help text to the terminal's width; pin it so the page is the same everywhere."""
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
