"""Warm helpers (kata.harness.helpers): forked processes that are still fresh ones, and nothing left
behind when a session or the helper's owner goes.

The suite itself runs with a pair of helpers per worker (see conftest.py), so these tests use them
as every check run of the suite does; the cold path is tested by clearing the variables."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jupytext
import pytest

from conftest import alive, wait_until
from kata.harness import processes, run_notebooks
from kata.harness.helpers import Helper
from kata.helper_variables import CHECK_HELPER, LEARNER_HELPER

pytestmark = pytest.mark.slow


def notebook(folder: Path, name: str, *cells: str) -> Path:
    script = folder / f"{name}.py"
    script.write_text("".join(f"# %%\n{textwrap.dedent(cell).strip()}\n\n" for cell in cells))
    path = folder / f"{name}.ipynb"
    jupytext.write(jupytext.read(script), path)
    return path


def test_the_suite_runs_with_warm_helpers():
    assert os.environ.get(CHECK_HELPER)
    assert os.environ.get(LEARNER_HELPER)


def test_a_warm_kernel_is_a_fresh_kernel(tmp_path):
    uses_pd = notebook(tmp_path, "uses_pd", "frame = pd.DataFrame({'a': [1]})")
    changes = notebook(
        tmp_path,
        "changes",
        "import sys\nwarm = 'pandas' in sys.modules",
        "import pandas as pd\npd.set_option('display.max_rows', 3)\npd.secret = 'left behind'",
    )
    reads = notebook(
        tmp_path,
        "reads",
        """
        import os, sys
        import numpy as np
        import pandas as pd
        rows = pd.get_option('display.max_rows')
        secret = getattr(pd, 'secret', None)
        folder = os.getcwd()
        draw = float(np.random.rand())
        names = sorted(name for name in globals() if not name.startswith('_'))
        """,
    )
    missing, changed, first, second = run_notebooks([uses_pd, changes, reads, reads])
    assert "raised NameError: name 'pd' is not defined" in missing, missing
    assert changed.variables("warm") == {"warm": True}, "the kernel was not forked from a helper"
    values = first.variables("rows", "secret", "folder")
    assert values == {"rows": 60, "secret": None, "folder": str(tmp_path)}
    assert first.variables("draw") != second.variables("draw"), "two kernels drew the same seed"
    ipython = {"In", "Out", "get_ipython", "exit", "quit", "open"}
    assert set(first.variables("names")["names"]) - ipython == {
        "os",
        "sys",
        "np",
        "pd",
        "rows",
        "secret",
        "folder",
        "draw",
    }, "the kernel's namespace holds more than the notebook defined"


@pytest.fixture(params=["warm", "cold"])
def service_path(request, monkeypatch):
    if request.param == "cold":
        monkeypatch.delenv(LEARNER_HELPER)
    return request.param


def test_a_program_sees_its_own_environment_on_either_path(tmp_path, service_path):
    code = "import os, sys; print(os.environ.get('WHO'), 'numpy' in sys.modules)"
    with processes.Processes(preload=["numpy"]) as service:
        run = service.run(tmp_path, ["-c", code], env={"WHO": service_path})
    assert run.stdout.split() == [service_path, "True"], run.said()


def test_closing_a_session_ends_the_programs_it_started(tmp_path, service_path):
    pid_file = tmp_path / "pid"
    code = f"import os, pathlib, time; pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid())); time.sleep(60)"
    service = processes.Processes()
    service.start(tmp_path, ["-c", code])
    assert wait_until(lambda: pid_file.exists() and pid_file.read_text().strip(), timeout=20), (
        "the program never started"
    )
    pid = int(pid_file.read_text())
    service.close()
    assert wait_until(lambda: not alive(pid), timeout=20), "the program outlived its session"


def test_a_helper_whose_owner_is_killed_ends_with_what_it_forked(tmp_path, monkeypatch):
    owner = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent("""
            import sys, time
            from kata.harness.helpers import Helper
            helper = Helper([], {})
            print(helper.process.pid, helper.address, flush=True)
            time.sleep(120)
        """)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        pid, address = owner.stdout.readline().split()
        pid_file = tmp_path / "pid"
        code = f"import os, pathlib, time; pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid())); time.sleep(60)"
        monkeypatch.setenv(LEARNER_HELPER, address)
        service = processes.Processes()
        service.start(tmp_path, ["-c", code])
        assert wait_until(lambda: pid_file.exists() and pid_file.read_text().strip(), timeout=20), (
            "the program never started"
        )
        forked = int(pid_file.read_text())
        owner.send_signal(signal.SIGKILL)
        owner.wait()
        assert wait_until(lambda: not alive(int(pid)), timeout=20), "the helper outlived its owner"
        assert wait_until(lambda: not alive(forked), timeout=20), (
            "a forked program outlived the helper"
        )
        service.close()
    finally:
        owner.kill()
        owner.wait()
        owner.stdout.close()


def test_a_helper_that_cannot_start_says_why(tmp_path):
    with pytest.raises(RuntimeError, match="did not start"):
        Helper([], {"PATH": os.environ["PATH"], "PYTHONSAFEPATH": "1", "PYTHONHOME": str(tmp_path)})


def test_notebooks_run_from_inside_an_event_loop(tmp_path):
    """A caller with an event loop running (a test beside Playwright's sync API) still gets its runs."""
    path = notebook(tmp_path, "plain", "x = 1")

    async def inside():
        return run_notebooks([path])

    # In a thread of its own: this pytest worker may hold a running loop already (Playwright's).
    with ThreadPoolExecutor(max_workers=1) as thread:
        (executed,) = thread.submit(lambda: asyncio.run(inside())).result()
    assert executed.variables("x") == {"x": 1}
