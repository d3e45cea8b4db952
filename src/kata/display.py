"""Small helpers for output meant for people: marks, colour when a terminal wants it, wrapping."""

from __future__ import annotations

import os
import sys
import textwrap

_CODES = {"green": "32", "red": "31", "yellow": "33", "bold": "1", "dim": "2"}


def _colour_enabled() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def paint(text: str, style: str) -> str:
    return f"\033[{_CODES[style]}m{text}\033[0m" if _colour_enabled() else text


def _can_encode(text: str) -> bool:
    try:
        text.encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


PASS = "✓" if _can_encode("✓") else "+"
FAIL = "✗" if _can_encode("✗") else "x"
TODO = "·" if _can_encode("·") else "-"


def mark(ok: bool) -> str:
    return paint(PASS, "green") if ok else paint(FAIL, "red")


def indent(text: str, prefix: str = "    ", width: int = 96) -> str:
    lines = []
    for paragraph in text.splitlines() or [""]:
        wrapped = textwrap.wrap(paragraph, width - len(prefix)) or [""]
        lines.extend(prefix + line for line in wrapped)
    return "\n".join(lines)


def minutes(total: int) -> str:
    hours, rest = divmod(total, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"
