"""Errors that end a `kata` command with a one-line message instead of a traceback."""

USAGE = 2
CHECK_FAILED = 1


class KataError(Exception):
    """A problem the user can fix; shown as one line, exit code 2 unless given."""

    def __init__(self, message: str, exit_code: int = USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def os_error_line(error: OSError) -> str:
    """One line for a failed file operation: what, where, and what to do."""
    import errno

    where = error.filename or "a file"
    advice = {
        errno.ENOSPC: "the disk is full; free some space and run the command again",
        errno.EDQUOT: "your disk quota is used up; free some space and run the command again",
        errno.EACCES: "permission denied; check who owns it (ls -ld) and that you may write there",
        errno.EPERM: "permission denied; check who owns it (ls -ld) and that you may write there",
        errno.EROFS: "it is on a read-only file system; work in a writable clone",
        errno.ENOTDIR: "a file stands where a folder is expected; move that file aside",
        errno.EEXIST: "a file stands where a folder is expected; move that file aside",
        errno.EISDIR: "a folder stands where a file is expected; move that folder aside",
        errno.ENAMETOOLONG: "the name is too long",
    }.get(error.errno, error.strerror or "the operation failed")
    return f"could not use {where}: {advice}"
