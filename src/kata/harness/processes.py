"""Every learner program a check runs, forked from one warm Python.

Starting Python and importing pandas, scikit-learn or MLflow costs two to five seconds, and a stage
check runs the learner's code dozens of times (commands, test runs under mutants, single function
calls). `Processes` starts one helper interpreter (`kata.harness.zygote`) that imports the kata's
libraries once (`preload` in kata.toml) and forks each program from it: a child starts in
milliseconds, yet it is a separate process with its own folder, environment, output and session,
and nothing of the learner's code is ever imported into the helper or into the process that
records the verdicts (`kata.harness.learner_code` calls the learner's functions that way).
No bytecode is written, so nothing is left in the learner's folder and no stale bytecode is run.

Where `KATA_LEARNER_HELPER` names the socket of a helper that is already running (`kata watch` and
the repository's test suite keep one, see `kata.harness.helpers`), the service opens a session on
it instead of starting its own, and pays for no imports at all.

    with Processes(preload=["pandas"]) as processes:
        run = processes.run(folder, ["-m", "penguin_mass", "train"])
        run.code, run.stdout, run.stderr, run.timed_out
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kata.harness.failures import fail
from kata.helper_variables import CHECK_HELPER, LEARNER_HELPER

ZYGOTE = Path(__file__).with_name("zygote.py")
TIMEOUT = 120  # seconds for one program unless the caller says otherwise
# Run as a file, not `-m kata...`: the helper's sys.path[0] is then its empty scratch folder.
RUN_ZYGOTE = f"import runpy; runpy.run_path({str(ZYGOTE)!r}, run_name='__main__')"


@dataclass
class Run:
    """One program: how it was started and, once it has finished, what it left."""

    command: str
    folder: Path
    id: int = 0
    code: int | None = None  # None until it has finished
    stdout: str = ""
    stderr: str = ""
    timed_out: bool = False
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # processor time of the program and the children it waited for

    @property
    def ok(self) -> bool:
        return self.code == 0

    def lines(self) -> list[str]:
        """The non-blank lines on stderr."""
        return [line for line in self.stderr.splitlines() if line.strip()]

    def last_line(self) -> str:
        lines = self.lines()
        return lines[-1].strip() if lines else ""

    def last_words(self, count: int = 3) -> str:
        """The last lines on stderr (or stdout when stderr is empty), joined into one line."""
        lines = self.lines() or [line for line in self.stdout.splitlines() if line.strip()]
        shown = [line.strip()[:300] for line in lines[-count:]]
        return " | ".join(shown) if shown else "(nothing on stderr or stdout)"

    def said(self) -> str:
        return (
            f"`{self.command}` (in {self.folder.name}) exited with {self.code}: {self.last_words()}"
        )


def base_environment(drop: Sequence[str] = ()) -> dict[str, str]:
    """This process's environment for a learner program: without pytest's own variables (and any
    prefix in `drop`, such as a learner's PENGUIN_MASS_ settings), with plotting off screen and one
    thread per numerical library, so that programs side by side share the cores fairly."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "KATA_MUTANT", CHECK_HELPER, *drop))
    }
    env.update(MPLBACKEND="Agg", OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    return env


class Processes:
    """A warm helper Python and the programs forked from it; at most `workers` run at once."""

    def __init__(
        self,
        preload: Sequence[str] = (),
        environment: dict[str, str] | None = None,
        workers: int | None = None,
    ) -> None:
        self.environment = dict(environment if environment is not None else base_environment())
        self.scratch = Path(tempfile.mkdtemp(prefix="kata-processes-"))
        self.runs: dict[int, Run] = {}  # the runs started and not cancelled, by number
        self.started = 0
        address = os.environ.get(LEARNER_HELPER)
        self.channel = Session(address) if address else OwnHelper(self.environment, self.scratch)
        self._send({"preload": list(preload), "workers": workers or os.cpu_count() or 1})

    def start(
        self,
        folder: Path,
        argv: Sequence[str],
        env: dict[str, str] | None = None,
        timeout: float = TIMEOUT,
        shown: str | None = None,
        resident: bool = False,
        cpu_limit: float | None = None,
    ) -> Run:
        """Start `python ARGV` (`-m module ...` or `-c code ...`) in `folder` and return at once.

        The program's environment is the service's plus `env`. A `resident` program mostly waits
        (for calls from the check) and does not take one of the workers' places. A program that
        has used `cpu_limit` seconds of the processor is ended and counts as timed out: unlike
        `timeout`, that limit is the same on a busy machine as on an idle one."""
        number = self.started
        self.started += 1
        run = Run(shown or describe(argv, env or {}), Path(folder), number)
        self.runs[number] = run
        self._send({
            "id": number, "cwd": str(folder), "argv": list(argv),
            "env": {**self.environment, **(env or {})}, "timeout": timeout, "resident": resident,
            "cpu_limit": cpu_limit,
            "stdout": str(self._output(number, "out")), "stderr": str(self._output(number, "err")),
        })  # fmt: skip
        return run

    def wait(self, *runs: Run) -> list[Run]:
        """The runs, once every one of them has finished (a cancelled run is not waited for)."""
        cancelled = [run for run in runs if run.code is None and run.id not in self.runs]
        if cancelled:
            raise ValueError(f"run {cancelled[0].id} was cancelled; nothing will finish it")
        while any(run.code is None for run in runs):
            line = self.channel.readline()
            if not line:
                fail(
                    "The checks could not run your code: their helper Python stopped"
                    + (f" ({self.channel.last_words()})." if self.channel.last_words() else ".")
                )
            if line.strip() == "ready":
                continue
            reply = json.loads(line)
            finished = self.runs.get(reply["id"])
            if finished is None or "code" not in reply:  # a cancelled run, or one that started
                continue
            finished.code, finished.timed_out = reply["code"], reply["timed_out"]
            finished.seconds, finished.cpu_seconds = reply["seconds"], reply.get("cpu_seconds", 0.0)
            finished.stdout = self._output(finished.id, "out").read_text(errors="replace")
            finished.stderr = self._output(finished.id, "err").read_text(errors="replace")
        return list(runs)

    def cancel(self, run: Run) -> None:
        """End `run` now if it is running, or drop it if it has not started; nobody waits for it."""
        if run.code is None and self.channel.alive():
            self._send({"cancel": run.id})
        self.runs.pop(run.id, None)

    def run(self, folder: Path, argv: Sequence[str], **options) -> Run:
        """Start `python ARGV` in `folder` and wait for it; see `start`."""
        return self.wait(self.start(folder, argv, **options))[0]

    def close(self) -> None:
        """End the session and every program still running (wait for those you need first)."""
        self.channel.close()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _output(self, number: int, kind: str) -> Path:
        return self.scratch / f"{number}.{kind}"

    def _send(self, message: dict) -> None:
        self.channel.send(json.dumps(message) + "\n")


class OwnHelper:
    """A helper Python of this service's own, spoken to on its standard input and output."""

    def __init__(self, environment: dict[str, str], scratch: Path) -> None:
        self.log = scratch / "helper.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", RUN_ZYGOTE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                cwd=scratch,
                env=environment,
                text=True,
            )

    def send(self, line: str) -> None:
        self.process.stdin.write(line)
        self.process.stdin.flush()

    def readline(self) -> str:
        return self.process.stdout.readline()

    def alive(self) -> bool:
        return self.process.poll() is None

    def last_words(self) -> str:
        said = self.log.read_text(errors="replace").strip().splitlines()
        return said[-1] if said else ""

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()


class Session:
    """A session on a helper that is already running (it ends this session's programs at close)."""

    def __init__(self, address: str, variable: str = LEARNER_HELPER) -> None:
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self.socket.connect(address)
        except OSError as error:
            self.socket.close()
            raise RuntimeError(
                f"{variable} names {address}, but no helper answers there ({error})"
            ) from None
        self.reader = self.socket.makefile("r", encoding="utf-8")
        self.ended = False

    def send(self, line: str) -> None:
        self.socket.sendall(line.encode())

    def readline(self) -> str:
        line = self.reader.readline()
        self.ended = self.ended or not line
        return line

    def alive(self) -> bool:
        return not self.ended

    def last_words(self) -> str:
        return ""

    def close(self) -> None:
        """Say that nothing more will come, and wait until the helper has ended what runs."""
        if not self.ended:
            with contextlib.suppress(OSError):
                self.socket.shutdown(socket.SHUT_WR)
                self.socket.settimeout(30)
                while self.reader.readline():
                    pass
        self.ended = True
        self.reader.close()
        self.socket.close()


def kill_group(process: subprocess.Popen) -> None:
    """End a program a check started with `start_new_session=True` (a server, a hook run) and
    everything in its process group, then reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def describe(argv: Sequence[str], env: dict[str, str]) -> str:
    """How a learner would type the command: `NAME=value python -m module args`."""
    variables = " ".join(f"{name}={value}" for name, value in env.items())
    shown = "python " + " ".join(argv if argv[0] == "-m" else ["-c", "...", *argv[2:]])
    return f"{variables} {shown}".strip()


class ForkedProcess:
    """`python ARGV` forked from a running helper, for a caller that would otherwise use Popen:
    it has a `pid` (leading its own session), `poll()` and `wait()`."""

    def __init__(
        self, address: str, variable: str, argv: Sequence[str], folder: Path,
        env: dict[str, str], stdout: Path, stderr: Path,
    ) -> None:  # fmt: skip
        self.session = Session(address, variable)
        self.returncode: int | None = None
        self.session.send(json.dumps({"preload": [], "workers": 1}) + "\n")
        self.session.send(json.dumps({
            "id": 0, "argv": list(argv), "cwd": str(folder), "env": env, "timeout": 10**9,
            "resident": True, "stdout": str(stdout), "stderr": str(stderr),
        }) + "\n")  # fmt: skip
        self.pid = 0
        try:
            while not self.pid:
                reply = self._reply()
                if reply is None:
                    raise RuntimeError(
                        f"the helper named by {variable} stopped before it started {argv}"
                    )
                self.pid = reply.get("pid", 0)
        except BaseException:  # interrupted while it starts: the helper ends what it forked
            self.session.close()
            raise
        self.finished = threading.Thread(target=self._wait_for_the_end, daemon=True)
        self.finished.start()

    def _reply(self) -> dict | None:
        while True:
            line = self.session.readline()
            if not line:
                return None
            if line.startswith("{"):
                return json.loads(line)

    def _wait_for_the_end(self) -> None:
        while self.returncode is None:
            reply = self._reply()
            if reply is None:
                self.returncode = -9  # the helper has gone, and took the program with it
            elif "code" in reply:
                self.returncode = reply["code"]
        self.session.close()

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        self.finished.join(timeout)
        if self.returncode is None:
            raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
        return self.returncode


_shared: dict[tuple[str, ...], Processes] = {}


def shared(preload: Sequence[str] = ()) -> Processes:
    """The process-wide service for this preload list, started at the first call, closed at exit."""
    key = tuple(preload)
    if key not in _shared or not _shared[key].channel.alive():
        _shared[key] = Processes(preload)
    return _shared[key]


@atexit.register
def close_shared() -> None:
    for service in _shared.values():
        service.close()
    _shared.clear()
