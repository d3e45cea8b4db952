"""`kata watch [KATA STAGE]`: re-run a stage's checks on every save, with keys for hints and more.

Three sources feed one loop through a queue: the file watcher (saves), the keyboard (keys) and
the run under way (its results). The loop knows nothing of files, terminals or processes, so
tests drive it with their own runs and events.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import hashlib
import os
import queue
import select
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kata import display
from kata import progress as progress_file
from kata import workspace as ws
from kata.commands import check, hint, list_katas
from kata.context import Context
from kata.errors import KataError
from kata.harness.helpers import warm_helpers
from kata.harness.staging import CACHE_FILES, CACHE_FOLDERS
from kata.results import CheckRun
from kata.runner import Cancelled, CheckProcess

# A run starts once the saves have paused for QUIET seconds, so a burst of saves (an editor's
# temporary files, jupytext writing both sides of a pair) gives one run; saves that never pause
# still get a run after LONGEST_WAIT. File events arrive STEP_MS after the save at most.
QUIET = 0.1
LONGEST_WAIT = 1.0
STEP_MS = 20
POLL_MS = 100

IGNORED_FOLDERS = {*CACHE_FOLDERS, ".git", ".virtual_documents", "mlruns", "mlartifacts"}
IGNORED_FILES = (
    *CACHE_FILES,
    "*.swp", "*.swo", "*.swx", "4913",  # vim
    "*~", ".#*", "#*#",  # emacs and many others
    "*.tmp", "*.crswap",
    "mlflow.db", "mlflow.db-*",
)  # fmt: skip


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="re-run a stage's checks on every save",
        description=(
            "Run the checks of a stage (the current one if none is named) on your workspace, then "
            "again every time you save a file there. Keys: h next hint, l stage list, r re-run now, "
            "q quit (when input is not a terminal, type the letter and Enter). Your progress is "
            "recorded as with `kata check`."
        ),
    )
    parser.add_argument("kata", nargs="?", help="kata name, e.g. penguins")
    parser.add_argument(
        "stage", nargs="?", help="stage number or slug, e.g. 2 or 02-pin-the-behaviour"
    )
    parser.add_argument(
        "--poll",
        action="store_true",
        help="look for changes every 0.1 s instead of waiting for the file system to report them, "
        "for network drives, containers and VMs where saves go unnoticed (polling sees times in "
        "whole seconds, so a second save within the same second can be missed: press r)",
    )


def main(args, context: Context) -> int:
    kata, stage = context.stage(args.kata, args.stage)
    workspace = kata.workspace.resolve()
    screen = Screen(context, kata, stage, workspace, poll=args.poll)
    loop = WatchLoop(
        start_run=screen.start_run,
        screen=screen,
        actions={"h": screen.hint, "l": screen.stages, "?": screen.keys},
        fingerprint=lambda: fingerprint(workspace),
    )
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_files,
        args=(workspace, loop.post, stop),
        kwargs={"poll": args.poll},
        daemon=True,
    )
    watcher.start()
    keys = _stdin_fd()
    if keys is not None:
        single = os.isatty(keys)
        threading.Thread(
            target=read_keys, args=(keys, single, loop.post, stop), daemon=True
        ).start()
    try:
        with cbreak(keys), warm_helpers(kata.preload):
            return loop.run()
    except KeyboardInterrupt:
        return 0  # Ctrl-C is a normal way to stop watching
    finally:
        stop.set()
        watcher.join(timeout=2)
        print("Stopped watching.", flush=True)


@dataclass
class Event:
    kind: str  # "saved" (value: paths) | "key" (value: one character) | "done" | "problem"
    value: object = None
    run: object = None  # for "done": the run that finished


class Run(Protocol):
    """What `start_run` returns (CheckProcess is one): a run that can be waited for or cancelled."""

    def wait(self) -> CheckRun: ...  # raises Cancelled once cancel() was called

    def cancel(self) -> None: ...


class StreamingRun:
    """A check run whose results are shown one by one, as soon as each is decided."""

    def __init__(self, process: CheckProcess, say: Callable[[str], None]) -> None:
        self.process, self.say = process, say

    def wait(self) -> CheckRun:
        return self.process.wait(on_result=lambda result: self.say(check.line(result)))

    def cancel(self) -> None:
        self.process.cancel()


class WatchLoop:
    """Saves, keys and finished runs arrive as events; at most one run is under way at a time.

    A save during a run cancels that run and starts a new one, so the results on screen always
    belong to the files as they are.
    """

    def __init__(
        self,
        start_run: Callable[[], Run],
        screen,
        actions: dict[str, Callable[[], None]],
        quiet: float = QUIET,
        longest_wait: float = LONGEST_WAIT,
        fingerprint: Callable[[], str] | None = None,
    ) -> None:
        self.events: queue.Queue[Event] = queue.Queue()
        self.start_run, self.screen, self.actions = start_run, screen, actions
        self.quiet, self.longest_wait = quiet, longest_wait
        # What the checks would read, as of the run on screen: saves that leave it as it was
        # (an autosave, a save without an edit, an edit undone) start no run.
        self.fingerprint, self.checked = fingerprint, None
        self.current: Run | None = None
        self.saved: set[str] = set()
        self.first_save: float | None = None
        self.due: float | None = None

    def post(self, event: Event) -> None:
        """Thread-safe: the sources call this."""
        self.events.put(event)

    def run(self) -> int:
        self._start("first run")
        try:
            while True:
                timeout = None if self.due is None else max(0.0, self.due - time.monotonic())
                try:
                    event = self.events.get(timeout=timeout)
                except queue.Empty:
                    if self._unchanged():
                        self.screen.unchanged(_saved_reason(self.saved))
                        self.saved, self.first_save, self.due = set(), None, None
                    else:
                        self._start(_saved_reason(self.saved))
                    continue
                if event.kind == "saved":
                    self._saved(event.value)
                elif event.kind == "key":
                    if event.value == "q":
                        return 0
                    if event.value == "r":
                        self._start("r pressed")
                    elif event.value in self.actions:
                        self.actions[event.value]()
                elif event.kind == "done" and event.run is self.current:
                    self.current = None
                    self.screen.finished(event.value)
                elif event.kind == "problem":
                    self.screen.problem(str(event.value))
        finally:
            self._cancel()

    def _saved(self, paths) -> None:
        now = time.monotonic()
        self.saved.update(paths)
        self.first_save = self.first_save or now
        self.due = min(now + self.quiet, self.first_save + self.longest_wait)

    def _unchanged(self) -> bool:
        return self.fingerprint is not None and self.checked == self.fingerprint()

    def _start(self, reason: str) -> None:
        self._cancel()
        self.saved, self.first_save, self.due = set(), None, None
        self.checked = self.fingerprint() if self.fingerprint is not None else None
        try:
            run, problem = self.start_run(), None
        except KataError as error:  # e.g. a syntax error in the workspace: show it, keep watching
            run, problem = None, error
        self.screen.started(reason)
        if run is None:
            self.screen.finished(problem)
            return
        self.current = run
        threading.Thread(target=self._wait, args=(run,), daemon=True).start()

    def _wait(self, run: Run) -> None:
        try:
            outcome = run.wait()
        except Cancelled:
            return
        except Exception as error:  # shown on screen; the loop goes on
            outcome = error
        self.post(Event("done", outcome, run))

    def _cancel(self) -> None:
        if self.current is not None:
            self.current.cancel()
            self.current = None


def _saved_reason(paths: set[str]) -> str:
    names = sorted(Path(path).name for path in paths)
    if not names:
        return "saved"
    if len(names) == 1:
        return f"{names[0]} saved"
    return f"{names[0]} and {len(names) - 1} more saved"


def ignored(path: Path, workspace: Path) -> bool:
    """True for paths outside the workspace, and for editor temporaries, caches and outputs."""
    if not path.is_relative_to(workspace):
        return True
    relative = path.relative_to(workspace)
    if IGNORED_FOLDERS.intersection(relative.parts):
        return True
    return any(fnmatch.fnmatchcase(path.name, pattern) for pattern in IGNORED_FILES)


def fingerprint(workspace: Path) -> str:
    """A digest of every file of the workspace a check could read (what `ignored` leaves)."""
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(workspace):
        folders[:] = sorted(name for name in folders if name not in IGNORED_FOLDERS)
        for name in sorted(files):
            path = Path(folder, name)
            if ignored(path, workspace):
                continue
            digest.update(f"{path.relative_to(workspace)}\0".encode())
            with contextlib.suppress(OSError):  # gone since the walk: the digest differs anyway
                digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def watch_files(
    workspace: Path,
    post: Callable[[Event], None],
    stop: threading.Event,
    ready: threading.Event | None = None,
    poll: bool = False,
) -> None:
    """Post an Event("saved", paths) for each batch of relevant changes until `stop` is set.

    Watches the kata's folder rather than the workspace itself, so that a workspace replaced by
    `kata start` (a rename) is still watched.
    """
    from watchfiles import watch  # imported here: only this command needs it

    workspace = workspace.resolve()
    try:
        for changes in watch(
            workspace.parent,
            watch_filter=lambda _change, path: not ignored(Path(path), workspace),
            stop_event=stop,
            debounce=int(LONGEST_WAIT * 1000),
            step=STEP_MS,
            rust_timeout=200,
            yield_on_timeout=True,  # a first empty batch tells that the watcher is in place
            force_polling=poll,
            poll_delay_ms=POLL_MS,
            raise_interrupt=False,
        ):
            if ready is not None:
                ready.set()
            if changes:
                post(Event("saved", sorted(path for _change, path in changes)))
    except Exception as error:  # e.g. too many inotify watches; `r` still works
        advice = "press r to re-run, or restart with `kata watch --poll`"
        post(Event("problem", f"saves are no longer noticed ({error}); {advice}"))


def read_keys(fd: int, single: bool, post: Callable[[Event], None], stop: threading.Event) -> None:
    """Post an Event("key", letter) per key (`single`: a terminal in cbreak mode) or per line."""
    pending = ""
    while not stop.is_set():
        try:
            readable, _, _ = select.select([fd], [], [], 0.2)
            data = os.read(fd, 1024) if readable else None
        except (OSError, ValueError):  # stdin closed under us
            return
        if data is None:
            continue
        if not data:
            return  # end of input: keep watching without keys; Ctrl-C still stops
        text = data.decode(errors="ignore")
        if single:
            for char in text:
                post(Event("key", char.lower()))
            continue
        pending += text
        *lines, pending = pending.split("\n")
        for line in lines:
            if line.strip():
                post(Event("key", line.strip()[0].lower()))


def _stdin_fd() -> int | None:
    try:
        fd = sys.stdin.fileno()
        select.select([fd], [], [], 0)  # not every platform can wait on stdin
    except (AttributeError, OSError, ValueError):
        return None
    return fd


@contextlib.contextmanager
def cbreak(fd: int | None):
    """Single keys without Enter and without echo, while watching; the terminal is restored after."""
    if fd is None or not os.isatty(fd):
        yield
        return
    import termios
    import tty

    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class Screen:
    """What the learner sees; each run starts on a clean screen when output goes to a terminal."""

    def __init__(self, context: Context, kata, stage, workspace: Path, poll: bool = False) -> None:
        self.context, self.kata, self.stage, self.workspace = context, kata, stage, workspace
        self.poll = poll
        self.clear = sys.stdout.isatty()

    def started(self, reason: str) -> None:
        if self.clear:
            print("\033[H\033[2J", end="")
        stamp = time.strftime("%H:%M:%S")
        self._say(
            display.paint(f"{stamp} Running the checks of {self.stage.label} ({reason})", "dim")
        )

    def start_run(self) -> StreamingRun:
        start = ws.recorded_start(self.context.repo, self.kata.name, self.stage.slug)
        return StreamingRun(
            CheckProcess(self.stage, self.workspace, start=start, gate=True), self._say
        )

    def unchanged(self, reason: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        self._say(
            display.paint(f"{stamp} {reason}, but no file changed: the results above hold", "dim")
        )

    def finished(self, outcome) -> None:
        if isinstance(outcome, CheckRun):
            self._reload_progress()
            check.record(self.context, self.kata, self.stage, outcome, self.workspace)
            for line in check.not_run_lines(outcome):
                self._say(line)
            self._say(
                check.summary(
                    self.kata,
                    self.stage,
                    outcome,
                    self.context,
                    own_workspace=True,
                    hint_how="Pressing h",
                )
            )
            following = self.kata.next(self.stage)
            if outcome.passed and following is not None:
                self.stage = following  # follow the learner to the next stage
                self._say(
                    display.paint(f"Now watching {following.label}; save to check it.", "bold")
                )
        else:
            self._say(display.paint(f"kata: {outcome}", "red"))
        self.keys()

    def problem(self, text: str) -> None:
        self._say(display.paint(f"kata: {text}", "yellow"))

    def keys(self) -> None:
        how = "polling every 0.1 s" if self.poll else "on every save"
        where = self.context.repo.relative(self.workspace)
        letters = "h next hint · l stages · r re-run · q quit"
        if not sys.stdin.isatty():
            letters += " (letter, then Enter)"
        self._say(display.paint(f"\nWatching {where} ({how}). Keys: {letters}", "dim"))

    def hint(self) -> None:
        self._reload_progress()
        hint.main(argparse.Namespace(kata=self.kata.name, stage=self.stage.slug), self.context)
        sys.stdout.flush()

    def stages(self) -> None:
        self._reload_progress()
        self._say(list_katas.render(self.context))

    def _reload_progress(self) -> None:
        # `kata hint` or `kata check` may have run in another terminal since.
        self.context.progress = progress_file.load(self.context.progress_path)

    @staticmethod
    def _say(text: str) -> None:
        print(text, flush=True)
