"""Errors that end a `kata` command with a one-line message instead of a traceback."""

USAGE = 2
CHECK_FAILED = 1


class KataError(Exception):
    """A problem the user can fix; shown as one line, exit code 2 unless given."""

    def __init__(self, message: str, exit_code: int = USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code
