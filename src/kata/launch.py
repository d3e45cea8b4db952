"""The `kata` entry point: quiet about an interrupt even while the command is still loading."""

from __future__ import annotations

import signal
import sys


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a closed terminal): end like Ctrl-C, cleaning up what the command started."""

    def __init__(self, number: int) -> None:
        super().__init__(signal.Signals(number).name)
        self.number = number


def _stop(number: int, frame) -> None:
    raise Stopped(number)


def main() -> int:
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _stop)
    try:
        from kata.cli import main as run
    except KeyboardInterrupt as stop:  # Ctrl-C in the first moments, while Python loads kata
        print("kata: interrupted", file=sys.stderr)
        return 128 + getattr(stop, "number", signal.SIGINT)
    return run()
