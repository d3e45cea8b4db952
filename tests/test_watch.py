"""`kata watch`: one run per save or burst of saves, keys, and nothing left behind on quitting."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import alive, wait_until
from kata.commands.watch import Event, WatchLoop, fingerprint, ignored, read_keys, watch_files
from kata.helper_variables import CHECK_HELPER, LEARNER_HELPER
from kata.runner import Cancelled, descendants, kill_tree

QUIET = 0.3  # longer than the command's default, so that a busy test machine cannot split a burst


class FakeRun:
    """A run that finishes at once, or (blocking) only when released or cancelled."""

    def __init__(self, blocking: bool = False) -> None:
        self.released = threading.Event()
        self.cancelled = False
        if not blocking:
            self.released.set()

    def wait(self):
        self.released.wait()
        if self.cancelled:
            raise Cancelled
        return "results"

    def cancel(self) -> None:
        self.cancelled = True
        self.released.set()


class Recorder:
    """The screen: what each run was for, and what came of it."""

    def __init__(self) -> None:
        self.reasons: list[str] = []
        self.outcomes: list[object] = []

    def started(self, reason: str) -> None:
        self.reasons.append(reason)

    def finished(self, outcome) -> None:
        self.outcomes.append(outcome)

    def problem(self, text: str) -> None:
        self.outcomes.append(text)

    def unchanged(self, reason: str) -> None:
        self.reasons.append(f"unchanged: {reason}")


class Session:
    """A WatchLoop on a real folder with the real file watcher, and fake runs."""

    def __init__(
        self, root: Path, poll: bool = False, blocking: bool = False, compare: bool = False
    ) -> None:
        self.workspace = root / "kata" / "workspace"
        self.workspace.mkdir(parents=True)
        (self.workspace / "explore.py").write_text("x = 1\n")
        # Polling compares modification times in whole seconds: the file was saved a while ago.
        an_hour_ago = time.time() - 3600
        os.utime(self.workspace / "explore.py", (an_hour_ago, an_hour_ago))
        self.runs: list[FakeRun] = []
        self.blocking = blocking
        self.screen = Recorder()
        self.pressed: list[str] = []
        actions = {"h": lambda: self.pressed.append("h"), "l": lambda: self.pressed.append("l")}
        compared = (lambda: fingerprint(self.workspace)) if compare else None
        self.loop = WatchLoop(self._start, self.screen, actions, quiet=QUIET, fingerprint=compared)
        self.stop, self.ready = threading.Event(), threading.Event()
        self.watcher = threading.Thread(
            target=watch_files,
            args=(self.workspace, self.loop.post, self.stop),
            kwargs={"ready": self.ready, "poll": poll},
        )
        self.exit_code: int | None = None
        self.thread = threading.Thread(target=self._run)

    def _start(self) -> FakeRun:
        run = FakeRun(self.blocking)
        self.runs.append(run)
        return run

    def _run(self) -> None:
        self.exit_code = self.loop.run()

    def __enter__(self) -> Session:
        self.watcher.start()
        self.thread.start()
        assert self.ready.wait(5), "the file watcher did not start"
        assert wait_until(lambda: len(self.runs) == 1), "no first run"
        return self

    def __exit__(self, *exc) -> None:
        self.press("q")
        self.thread.join(5)
        self.stop.set()
        self.watcher.join(5)

    def press(self, key: str) -> None:
        self.loop.post(Event("key", key))

    def save(self, name: str = "explore.py", text: str = "x = 2\n") -> None:
        path = self.workspace / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def settled_runs(self, expected: int) -> int:
        """The number of runs, once `expected` were seen (or 5 s passed) and then a quiet while."""
        wait_until(lambda: len(self.runs) >= expected)
        time.sleep(QUIET + 0.5)
        return len(self.runs)


@pytest.mark.parametrize("poll", [False, True], ids=["events", "polling"])
def test_one_save_gives_exactly_one_rerun(tmp_path, poll):
    with Session(tmp_path, poll=poll) as session:
        session.save()
        assert session.settled_runs(2) == 2
        assert session.screen.reasons == ["first run", "explore.py saved"]
        assert session.screen.outcomes == ["results", "results"]


def test_a_save_that_changes_no_file_starts_no_run(tmp_path):
    with Session(tmp_path, compare=True) as session:
        session.save(text="x = 1\n")  # saved as it was, as an autosave does
        wait_until(lambda: len(session.screen.reasons) > 1)
        assert session.settled_runs(1) == 1
        assert session.screen.reasons[-1] == "unchanged: explore.py saved"
        session.save(text="x = 2\n")
        session.save(text="x = 1\n")  # an edit undone before the run was due
        assert session.settled_runs(1) == 1
        session.save(text="x = 3\n")
        assert session.settled_runs(2) == 2
        session.save("notes/new.py", "y = 1\n")  # a new file is a change too
        assert session.settled_runs(3) == 3


def test_the_fingerprint_sees_content_and_names_but_not_ignored_files(tmp_path):
    (tmp_path / "analysis.py").write_text("x = 1\n")
    first = fingerprint(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "analysis.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "analysis.py.swp").write_text("editor")
    assert fingerprint(tmp_path) == first
    (tmp_path / "analysis.py").rename(tmp_path / "other.py")
    assert fingerprint(tmp_path) != first


def test_a_burst_of_saves_gives_one_rerun(tmp_path):
    with Session(tmp_path) as session:
        for number in range(5):
            session.save(text=f"x = {number}\n")
            session.save("field_notes.py", f"y = {number}\n")
            time.sleep(0.01)
        assert session.settled_runs(2) == 2
        assert session.screen.reasons[-1] == "explore.py and 1 more saved"


def test_an_editor_save_with_its_temporary_files_gives_one_rerun(tmp_path):
    """What vim does: a swap file, a probe file named 4913, a backup~, then the file itself."""
    with Session(tmp_path) as session:
        session.save(".explore.py.swp", "swap")
        probe = session.workspace / "4913"
        probe.write_text("")
        probe.unlink()
        session.save("explore.py~", "x = 1\n")
        session.save()
        (session.workspace / "explore.py~").unlink()
        assert session.settled_runs(2) == 2
        assert session.screen.reasons[-1] == "explore.py saved"


def test_ignored_files_trigger_nothing(tmp_path):
    with Session(tmp_path) as session:
        for name in [
            ".explore.py.swp", "4913", "explore.py~", ".#explore.py", "#explore.py#",
            "__pycache__/field_notes.cpython-311.pyc", ".pytest_cache/v/cache/lastfailed",
            ".ipynb_checkpoints/explore-checkpoint.ipynb", "mlruns/0/meta.yaml", "mlflow.db",
            "stray.pyc",
        ]:  # fmt: skip
            session.save(name, "noise")
        (session.workspace.parent / "elsewhere.py").write_text("outside the workspace")
        time.sleep(QUIET + 0.5)
        assert len(session.runs) == 1
        session.save()  # and the watcher was listening all along
        assert session.settled_runs(2) == 2
        assert session.screen.reasons[-1] == "explore.py saved"


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("explore.py", False),
        ("tests/test_field_notes.py", False),
        ("explore.ipynb", False),
        ("tests/.test_field_notes.py.swp", True),
        ("4913", True),
        ("explore.py~", True),
        (".#explore.py", True),
        ("src/__pycache__/a.cpython-311.pyc", True),
        (".ipynb_checkpoints/explore-checkpoint.ipynb", True),
        ("mlruns/1/abc/metrics/rmse", True),
        ("mlflow.db", True),
        ("mlflow.db-journal", True),
        ("../data/penguins_raw.csv", True),
    ],
)
def test_ignored_tells_editor_files_caches_and_outputs_from_work(tmp_path, relative, expected):
    workspace = tmp_path / "kata" / "workspace"
    assert ignored(Path(os.path.normpath(workspace / relative)), workspace) is expected


def test_a_save_during_a_run_cancels_it_and_starts_one_new_run(tmp_path):
    with Session(tmp_path, blocking=True) as session:
        first = session.runs[0]
        session.save()
        assert session.settled_runs(2) == 2
        assert first.cancelled
        session.runs[1].released.set()
        assert wait_until(lambda: session.screen.outcomes == ["results"])


def test_keys_rerun_show_hints_and_stages_and_quit(tmp_path):
    with Session(tmp_path) as session:
        session.press("r")
        assert session.settled_runs(2) == 2
        session.press("h")
        session.press("l")
        session.press("x")  # unknown keys do nothing
        assert wait_until(lambda: session.pressed == ["h", "l"])
        assert len(session.runs) == 2
    assert session.exit_code == 0
    assert not session.thread.is_alive()


def test_quitting_cancels_the_run_under_way(tmp_path):
    with Session(tmp_path, blocking=True) as session:
        run = session.runs[0]
    assert session.exit_code == 0
    assert run.cancelled


def test_keys_come_one_per_line_when_input_is_not_a_terminal():
    reader, writer = os.pipe()
    events: queue.Queue[Event] = queue.Queue()
    os.write(writer, b"h\n\nl\nquit\n")
    os.close(writer)
    try:
        read_keys(reader, False, events.put, threading.Event())  # returns at end of input
    finally:
        os.close(reader)
    assert [events.get_nowait().value for _ in range(events.qsize())] == ["h", "l", "q"]


def test_kill_tree_ends_every_descendant_even_one_in_its_own_session():
    """A notebook kernel starts a session of its own; killing the process group misses it."""
    grandchild = (
        "import subprocess, sys, time; "
        "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], "
        "start_new_session=True); time.sleep(60)"
    )
    child = subprocess.Popen([sys.executable, "-c", grandchild], start_new_session=True)
    try:
        assert wait_until(lambda: len(descendants(child.pid)) == 1), "the grandchild did not start"
        family = [child.pid, *descendants(child.pid)]
        kill_tree(child.pid)
        child.wait(5)
        assert wait_until(lambda: not any(alive(pid) for pid in family))
    finally:
        if child.poll() is None:
            child.kill()


@pytest.mark.slow
def test_kata_watch_reruns_on_a_save_and_q_leaves_no_process_or_file_behind(mini_repo, tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "KATA_ROOT": str(mini_repo), "NO_COLOR": "1", "TMPDIR": str(scratch)}
    for helper in (CHECK_HELPER, LEARNER_HELPER):  # so that watch starts (and ends) its own
        env.pop(helper)
    lines: queue.Queue[str] = queue.Queue()
    seen: list[str] = []

    def expect(text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                seen.append(lines.get(timeout=0.1))
            except queue.Empty:
                continue
            if text in seen[-1]:
                return
        pytest.fail(f"no line with {text!r} in:\n" + "".join(seen))

    with subprocess.Popen(
        [sys.executable, "-m", "kata", "watch", "warmup", "1"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env=env, text=True, bufsize=1,
    ) as watch:  # fmt: skip
        reader = threading.Thread(target=lambda: [lines.put(line) for line in watch.stdout])
        reader.start()
        try:
            expect("(first run)")
            expect("checks pass")
            expect("Stuck? Pressing h shows hint 1")
            expect("Watching katas/warmup/workspace")
            (mini_repo / "katas/warmup/workspace/explore.py").write_text("# saved\n")
            expect("(explore.py saved)", timeout=10)
            # Beyond its two warm helpers (kata.harness.helpers), a check process and its children
            assert wait_until(lambda: len(descendants(watch.pid)) > 2), "no check process started"
            time.sleep(0.5)  # let the checks get going, possibly into a notebook kernel
            family = descendants(watch.pid)
            watch.stdin.write("q\n")
            watch.stdin.flush()
            assert watch.wait(10) == 0
        finally:
            if watch.poll() is None:
                watch.kill()
            reader.join(10)
    expect("Stopped watching.", timeout=1)
    assert wait_until(lambda: not any(alive(pid) for pid in family)), "a check process survived"
    assert list(scratch.iterdir()) == [], "a cancelled run left temporary files"
    assert 'current_kata = "warmup"' in (mini_repo / ".kata" / "progress.toml").read_text()
