"""Every learner program a check runs, forked from one warm Python.

Starting Python and importing pandas, scikit-learn or MLflow costs two to five seconds, and a stage
check runs the learner's code dozens of times (commands, test runs under mutants, single function
calls). `Processes` starts one helper interpreter (`kata.harness.zygote`) that imports the kata's
libraries once (`preload` in kata.toml) and forks each program from it: a child starts in
milliseconds, yet it is a separate process with its own folder, environment, output and session,
and nothing of the learner's code is ever imported into the helper or into the process that
records the verdicts (`kata.harness.learner_code` calls the learner's functions that way).
Bytecode goes to the service's own folder, never the learner's, and is gone when it closes.

    with Processes(preload=["pandas"]) as processes:
        run = processes.run(folder, ["-m", "penguin_mass", "train"])
        run.code, run.stdout, run.stderr, run.timed_out
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kata.harness.failures import fail

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
        if not name.startswith(("PYTEST_", "KATA_MUTANT", *drop))
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
        self.log = self.scratch / "helper.log"
        self.runs: dict[int, Run] = {}  # the runs started and not cancelled, by number
        self.started = 0
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", RUN_ZYGOTE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                cwd=self.scratch,
                env=self.environment,
                text=True,
            )
        self._send({
            "preload": list(preload), "workers": workers or os.cpu_count() or 1,
            "pycache": str(self.scratch / "pycache"),
        })  # fmt: skip

    def start(
        self,
        folder: Path,
        argv: Sequence[str],
        env: dict[str, str] | None = None,
        timeout: float = TIMEOUT,
        shown: str | None = None,
        resident: bool = False,
    ) -> Run:
        """Start `python ARGV` (`-m module ...` or `-c code ...`) in `folder` and return at once.

        The program's environment is the service's plus `env`. A `resident` program mostly waits
        (for calls from the check) and does not take one of the workers' places."""
        number = self.started
        self.started += 1
        run = Run(shown or describe(argv, env or {}), Path(folder), number)
        self.runs[number] = run
        self._send({
            "id": number, "cwd": str(folder), "argv": list(argv),
            "env": {**self.environment, **(env or {})}, "timeout": timeout, "resident": resident,
            "stdout": str(self._output(number, "out")), "stderr": str(self._output(number, "err")),
        })  # fmt: skip
        return run

    def wait(self, *runs: Run) -> list[Run]:
        """The runs, once every one of them has finished (a cancelled run is not waited for)."""
        cancelled = [run for run in runs if run.code is None and run.id not in self.runs]
        if cancelled:
            raise ValueError(f"run {cancelled[0].id} was cancelled; nothing will finish it")
        while any(run.code is None for run in runs):
            line = self.process.stdout.readline()
            if not line:
                said = self.log.read_text(errors="replace").strip().splitlines()
                fail(
                    "The checks could not run your code: their helper Python stopped"
                    + (f" ({said[-1]})." if said else ".")
                )
            if line.strip() == "ready":
                continue
            reply = json.loads(line)
            finished = self.runs.get(reply["id"])
            if finished is None:  # a cancelled run
                continue
            finished.code, finished.timed_out = reply["code"], reply["timed_out"]
            finished.seconds = reply["seconds"]
            finished.stdout = self._output(finished.id, "out").read_text(errors="replace")
            finished.stderr = self._output(finished.id, "err").read_text(errors="replace")
        return list(runs)

    def cancel(self, run: Run) -> None:
        """End `run` now if it is running, or drop it if it has not started; nobody waits for it."""
        if run.code is None and self.process.poll() is None:
            self._send({"cancel": run.id})
        self.runs.pop(run.id, None)

    def run(self, folder: Path, argv: Sequence[str], **options) -> Run:
        """Start `python ARGV` in `folder` and wait for it; see `start`."""
        return self.wait(self.start(folder, argv, **options))[0]

    def close(self) -> None:
        """End the helper and every program still running (wait for those you need first)."""
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _output(self, number: int, kind: str) -> Path:
        return self.scratch / f"{number}.{kind}"

    def _send(self, message: dict) -> None:
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()


def describe(argv: Sequence[str], env: dict[str, str]) -> str:
    """How a learner would type the command: `NAME=value python -m module args`."""
    variables = " ".join(f"{name}={value}" for name, value in env.items())
    shown = "python " + " ".join(argv if argv[0] == "-m" else ["-c", "...", *argv[2:]])
    return f"{variables} {shown}".strip()


_shared: dict[tuple[str, ...], Processes] = {}


def shared(preload: Sequence[str] = ()) -> Processes:
    """The process-wide service for this preload list, started at the first call, closed at exit."""
    key = tuple(preload)
    if key not in _shared or _shared[key].process.poll() is not None:
        _shared[key] = Processes(preload)
    return _shared[key]


@atexit.register
def close_shared() -> None:
    for service in _shared.values():
        service.close()
    _shared.clear()
