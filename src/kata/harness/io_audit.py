"""What a learner's program touches outside Python while it runs: files, renames, the network.

Reading source can only check a rule against a list ("no open(), no to_csv ..."); a writer that
is not on the list slips through. This module watches the program instead. It runs the program
in a child interpreter with an audit hook (PEP 578), which sees every file opened, renamed or
deleted and every socket or process started, by any library, and records each event with the
learner's own code that was running when it happened. A check then asks, deny by default,
"did code of this layer touch anything?" or "was this file ever opened for writing under its
own name?".

Usage from a check:

    run = audited(workspace, ["analysis.py"])              # or ["-m", "penguin_mass", "train"]
    touched = run.touched_by(["penguin_mass/domain.py"], layers=LAYER_PATHS)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kata.harness.failures import fail

# The events that reach outside the interpreter. Reading Python's own files (imports, a library's
# data) is not I/O a rule is about, and is left out by path below.
EVENTS = {
    "open": "opens",
    "os.rename": "renames",
    "os.remove": "deletes",
    "os.rmdir": "deletes",
    "os.mkdir": "creates the folder",
    "shutil.copyfile": "copies",
    "shutil.rmtree": "deletes",
    "socket.connect": "connects to",
    "socket.getaddrinfo": "looks up",
    "subprocess.Popen": "starts",
    "os.system": "runs",
    "sqlite3.connect": "opens the database",
}


@dataclass(frozen=True)
class Event:
    name: str  # the audit event: "open", "os.rename", ...
    target: str  # the path, address or program it is about
    writes: bool  # whether it writes (an open for writing, a rename, a delete)
    learner_frames: tuple[tuple[str, int], ...]  # (workspace-relative file, line), innermost first
    source: str = ""  # what a rename or copy moved onto the target

    def describe(self) -> str:
        where = ", ".join(f"{path}:{line}" for path, line in self.learner_frames[:3])
        mode = " for writing" if self.name == "open" and self.writes else ""
        return f"{EVENTS.get(self.name, self.name)} {self.target}{mode} (from {where})"


@dataclass
class AuditedRun:
    folder: Path  # where it ran
    returncode: int
    stdout: str
    stderr: str
    events: list[Event] = field(default_factory=list)

    def touched_by(self, guarded: list[str], layers: list[str]) -> list[Event]:
        """Events whose nearest learner frame inside any of `layers` lies in one of `guarded`.

        Paths are workspace-relative files or folders. A helper module outside the layers that the
        domain calls counts as the domain's, because the nearest layer frame is the domain's."""
        found = []
        for event in self.events:
            for path, _line in event.learner_frames:
                if _inside(path, layers):
                    if _inside(path, guarded):
                        found.append(event)
                    break
        return found

    def writes_to(self, path: str) -> list[Event]:
        """Opens of `path` itself for writing (a non-atomic write) and renames onto it."""
        return [e for e in self.events if e.writes and e.target == path]


def _inside(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def audited(workspace: Path, args: list[str], timeout: int = 180, env: dict | None = None):
    """Run `python <args>` in `workspace` (with `env` as its whole environment, if given) under
    the audit hook; the events it caused."""
    log = workspace / ".kata-io-audit.jsonl"
    log.unlink(missing_ok=True)
    environment = {**(os.environ if env is None else env), "MPLBACKEND": "Agg"}
    environment["KATA_IO_AUDIT_LOG"] = str(log)
    environment["KATA_IO_AUDIT_ROOT"] = str(workspace.resolve())
    command = [sys.executable, "-m", "kata.harness.io_audit", *args]
    try:
        done = subprocess.run(
            command, cwd=workspace, env=environment, capture_output=True, text=True,
            timeout=timeout, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        fail(f"`python {' '.join(args)}` did not finish within {timeout} s.")
    events = []
    if log.is_file():
        for line in log.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            record["learner_frames"] = tuple(tuple(frame) for frame in record["learner_frames"])
            events.append(Event(**record))
        log.unlink()
    return AuditedRun(workspace, done.returncode, done.stdout, done.stderr, events)


# The child side: install the hook, then run the program as `python` would.


def _not_about_the_program(target: str, root: str, prefixes: tuple[str, ...]) -> bool:
    if target.startswith(("/proc/", "/sys/", "/dev/")):
        return True
    return any(target.startswith(prefix) for prefix in prefixes) and not target.startswith(root)


def _install(log_path: str, root: str) -> None:
    # Python's own files and the installed libraries' (sys.path holds the editable installs too).
    installed = [sys.prefix, sys.base_prefix, *(p for p in sys.path if p and p != root)]
    prefixes = tuple({os.path.realpath(p).rstrip("/") + "/" for p in installed})
    log = open(log_path, "a", encoding="utf-8", buffering=1)  # noqa: PTH123, SIM115 - open for the whole run
    root_slash = root.rstrip("/") + "/"
    busy = False

    def hook(name: str, args: tuple) -> None:
        nonlocal busy
        if busy or name not in EVENTS:
            return
        busy = True
        try:
            _record(name, args)
        finally:
            busy = False

    def _record(name: str, args: tuple) -> None:
        target, writes = _target(name, args)
        if target is None:
            return
        if isinstance(target, str) and target.startswith("/"):
            target = os.path.realpath(target)
            if _not_about_the_program(target, root_slash, prefixes):
                return
            target = _relative(target, root_slash)
        source = ""
        if name in ("os.rename", "shutil.copyfile"):
            source = _relative(os.path.realpath(_absolute(args[0])), root_slash)
        frames, frame = [], sys._getframe(2)
        while frame is not None:
            filename = frame.f_code.co_filename
            if filename.startswith("<frozen importlib"):
                if not frames:  # an import's own reading (a module, a library's data files)
                    return
            elif filename.startswith(root_slash) or not filename.startswith(("/", "<")):
                relative = filename[len(root_slash) :] if filename.startswith("/") else filename
                frames.append((relative, frame.f_lineno))
            frame = frame.f_back
        if not frames or target == log_path:
            return
        record = {
            "name": name, "target": str(target), "writes": writes, "learner_frames": frames,
            "source": source,
        }  # fmt: skip
        log.write(json.dumps(record) + "\n")

    sys.addaudithook(hook)


def _relative(path: str, root_slash: str) -> str:
    return path[len(root_slash) :] if path.startswith(root_slash) else path


def _absolute(path) -> str:
    # Plain os.path in the hook: pathlib would raise audit events of its own.
    return os.path.abspath(os.fsdecode(path))  # noqa: PTH100


def _target(name: str, args: tuple) -> tuple[str | None, bool]:
    if name == "open":
        path, mode, flags = [*args, None, None, None][:3]
        if isinstance(path, int) or path is None:
            return None, False
        writing = bool(mode and any(c in str(mode) for c in "wax+")) or bool(
            flags and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        )
        return _absolute(path), writing
    if name == "os.rename":
        return _absolute(args[1]), True
    if name in ("os.remove", "os.rmdir", "shutil.rmtree", "os.mkdir"):
        return _absolute(args[0]), True
    if name == "shutil.copyfile":
        return _absolute(args[1]), True
    if name in ("socket.connect", "socket.getaddrinfo"):
        return str(args[1] if name == "socket.connect" else args[0]), False
    if name == "subprocess.Popen":
        return str(args[0]), False
    if name == "os.system":
        return str(args[0]), False
    if name == "sqlite3.connect":
        return str(args[0]), True
    return None, False


def main() -> None:
    import runpy

    log_path, root = os.environ["KATA_IO_AUDIT_LOG"], os.environ["KATA_IO_AUDIT_ROOT"]
    args = sys.argv[1:]
    sys.path[0] = root
    _install(log_path, root)
    if args[:1] == ["-m"]:
        sys.argv = [args[1], *args[2:]]
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = args
        runpy.run_path(args[0], run_name="__main__")


if __name__ == "__main__":
    main()
