"""How a check fails: an AssertionError whose message is written for the learner."""

from __future__ import annotations

from typing import NoReturn


class CheckFailed(AssertionError):
    """A check's expectation is not met; the message says what, where and what to try."""


def fail(message: str) -> NoReturn:
    raise CheckFailed(message)


def tail(output: str, lines: int = 12) -> str:
    """The last `lines` lines of a program's output, to show under a failure message."""
    return "\n".join(output.strip().splitlines()[-lines:])
