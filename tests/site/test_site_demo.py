"""The kata README's end-to-end demo, run as written, ends with the better run as champion, and
MLflow's own UI shows it there (issue 13: a reader who follows the demo sees what it promises)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from site_coverage import REPO

from kata.harness.processes import kill_group

pytest_plugins = ["site_fixtures"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEMO = REPO / "katas" / "penguins" / "README.md"
START_OF_9 = REPO / "solutions" / "penguins" / "08-track-experiments"
RUN_ID = re.compile(r"\brun ([0-9a-f]{32})\b")


def demo_commands() -> list[list[str]]:
    """The `python -m penguin_mass ...` lines of the README's demo block, without their comments."""
    text = DEMO.read_text(encoding="utf-8")
    block = text.split("## The finished pipeline, end to end", 1)[1].split("```bash", 1)[1]
    lines = block.split("```", 1)[0].splitlines()
    return [
        line.split("#")[0].split() for line in lines if line.startswith("python -m penguin_mass")
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, list[subprocess.CompletedProcess]]:
    """The demo's commands, run in a copy of stage 9's start beside the kata's data, in git."""
    kata = tmp_path_factory.mktemp("demo") / "penguins"
    workspace = kata / "workspace"
    shutil.copytree(START_OF_9, workspace, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "katas" / "penguins" / "data", kata / "data")
    env = {**os.environ, "MLFLOW_DISABLE_TELEMETRY": "true", "GIT_AUTHOR_NAME": "demo",
           "GIT_AUTHOR_EMAIL": "demo@example.org", "GIT_COMMITTER_NAME": "demo",
           "GIT_COMMITTER_EMAIL": "demo@example.org"}  # fmt: skip
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start of stage 9"]):
        subprocess.run(["git", *args], cwd=workspace, env=env, check=True)
    done, run_ids = [], []
    for command in demo_commands():
        argv = [run_ids[1] if word == "RUN_ID" else word for word in command[1:]]
        result = subprocess.run(
            [sys.executable, *argv], cwd=workspace, env=env, capture_output=True, text=True,
            timeout=300, check=False,
        )  # fmt: skip
        run_ids += RUN_ID.findall(result.stdout) if argv[2] == "train" else []
        done.append(result)
    return workspace, done


def test_the_demo_keeps_the_better_run_as_champion_and_refuses_the_worse(demo):
    _, done = demo
    said = [(result.args[3], result.returncode, result.stdout + result.stderr) for result in done]
    assert [(name, code) for name, code, _ in said] == [
        ("train", 0), ("train", 0), ("promote", 0), ("promote", 1), ("predict", 0),
    ], said  # fmt: skip
    assert "version 1 " in said[2][2], said[2][2]
    assert "is the champion" in said[2][2], said[2][2]
    assert "does not beat the champion" in said[3][2], said[3][2]
    assert "none for 1 bird with no body measurement (line 2)" in said[4][2], said[4][2]


def test_mlflow_s_ui_shows_the_champion_on_the_first_version(demo, browser):
    workspace, _ = demo
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mlflow", "ui", "--backend-store-uri", "sqlite:///mlflow.db",
         "--workers", "1", "--host", "127.0.0.1", "--port", str(port)],
        cwd=workspace, env={**os.environ, "MLFLOW_DISABLE_TELEMETRY": "true"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "health", timeout=2)
                break
            except OSError:
                assert server.poll() is None, "mlflow ui stopped before it answered"
                assert time.monotonic() < deadline, "mlflow ui did not answer within 120 s"
                time.sleep(0.5)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(base + "#/models/penguin-mass")
            new_registry = page.get_by_text("Try it now")  # a one-time pop-up of MLflow 3
            page.wait_for_selector("text=champion", timeout=60_000)
            if new_registry.count():
                new_registry.first.click()
            row = page.get_by_role("row").filter(has_text="champion")
            assert row.count() == 1, page.inner_text("body")[:2000]
            assert "Version 1" in row.first.inner_text(), row.first.inner_text()
        finally:
            context.close()
    finally:
        kill_group(server)
