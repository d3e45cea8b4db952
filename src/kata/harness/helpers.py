"""Warm helpers that outlive one check run: `kata watch` and the repository's test suite keep them.

A check run starts three kinds of Python: the pytest process that runs the checks, the learner's
programs (commands, test runs, mutants, function calls), and notebook kernels. Each imports pandas
and scikit-learn, which costs seconds. A helper (`kata.harness.zygote --socket`) imports them once
and forks each of those processes from itself, so that only the first run pays.

- `KATA_CHECK_HELPER` names the helper that forks check processes (`kata.runner`); it holds the
  harness and the libraries the checks use, never learner code.
- `KATA_LEARNER_HELPER` names the helper that forks learner programs (`kata.harness.processes`)
  and notebook kernels: `JUPYTER_PATH` then leads to a `python3` kernel whose launcher
  (`kernel_launcher.py`) asks that helper for a fork. Neither holds any `kata` module, so learner
  code finds none of the harness in `sys.modules`.

A forked kernel is still a fresh kernel: the libraries are in `sys.modules`, never in the user's
namespace, so a notebook that uses `pd` without importing pandas fails as it would anywhere.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from kata.harness.processes import RUN_ZYGOTE, base_environment
from kata.helper_variables import CHECK_HELPER, LEARNER_HELPER

KERNEL_LAUNCHER = Path(__file__).with_name("kernel_launcher.py")
# What a check process imports beyond the kata's libraries (never `kata.harness.plugin`: pytest
# must import that itself, to rewrite its asserts).
CHECK_MODULES = ("pytest", "kata.harness", "kata.results", "nbclient", "nbformat", "jupytext")
KERNEL_MODULES = ("ipykernel.kernelapp",)


class Helper:
    """One helper Python listening on a Unix socket; `close` ends it and all it forked."""

    def __init__(self, modules: Sequence[str], environment: dict[str, str]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kata-helper-"))
        self.address = str(self.folder / "socket")
        with (self.folder / "helper.log").open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", RUN_ZYGOTE, "--socket", self.address, *modules],
                stdin=subprocess.PIPE,  # its end tells the helper that its owner has gone
                stdout=subprocess.DEVNULL,
                stderr=log,
                cwd=self.folder,
                env=environment,
            )
        deadline = time.monotonic() + 30
        while not Path(self.address).exists():  # it listens before it imports
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"a warm helper Python did not start: {self.last_words()}")
            time.sleep(0.01)

    def last_words(self) -> str:
        log = self.folder / "helper.log"
        lines = log.read_text(errors="replace").strip().splitlines() if log.is_file() else []
        return lines[-1] if lines else "(it said nothing)"

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()  # it ends whatever it forked, then itself
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        elif self.process.stdin is not None:
            self.process.stdin.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def kernel_folder(parent: Path) -> Path:
    """A Jupyter data folder whose `python3` kernel is launched by the learner helper."""
    spec = parent / "kernels" / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    kernel = {
        "argv": [sys.executable, "-I", str(KERNEL_LAUNCHER), "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "interrupt_mode": "signal",
        "metadata": {"debugger": False},
    }
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    return parent


@contextlib.contextmanager
def warm_helpers(modules: Sequence[str]) -> Iterator[None]:
    """Start both helpers with `modules` (the katas' libraries) and point this process and its
    children at them; on leaving, end them and restore the environment. Where helpers are named
    already (a test suite that runs `kata watch`), those are used and none is started."""
    if os.environ.get(CHECK_HELPER) and os.environ.get(LEARNER_HELPER):
        yield
        return
    saved = {name: os.environ.get(name) for name in (CHECK_HELPER, LEARNER_HELPER, "JUPYTER_PATH")}
    learner = Helper([*modules, *KERNEL_MODULES], base_environment())
    checks = None
    try:
        checks = Helper([*modules, *CHECK_MODULES], dict(os.environ))
        jupyter = kernel_folder(learner.folder / "jupyter")
        os.environ[LEARNER_HELPER] = learner.address
        os.environ[CHECK_HELPER] = checks.address
        os.environ["JUPYTER_PATH"] = os.pathsep.join(
            [str(jupyter), *filter(None, [saved["JUPYTER_PATH"]])]
        )
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        for helper in (checks, learner):
            if helper is not None:
                helper.close()
