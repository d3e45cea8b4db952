"""The MLflow tracking server of the penguins stage 8 checks: one `mlflow server` per check
session, on a free port of 127.0.0.1, with a sqlite store and an artifact folder of its own in a
temporary folder. The test file's `server` fixture (autouse, through `running_server`) starts it
before the first check, so that it boots while the sqlite runs go on, and kills it with its
workers (its whole process group, `kill_group`) at the end. `wait_until_healthy` waits up to
SERVER_TIMEOUT for its /health to answer; `explain` says why it did not, with its log's last lines.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tracking_commands import commands_environment

from kata.harness.processes import kill_group

SERVER_TIMEOUT = 240  # seconds for `mlflow server` to answer /health on a busy 2-core machine


class Server:
    def __init__(self, folder: Path) -> None:
        self.artifacts = folder / "artifacts"
        self.log = folder / "server.log"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.uri = f"http://127.0.0.1:{self.port}"
        env = commands_environment()
        env["MLFLOW_SERVER_ENABLE_JOB_EXECUTION"] = "false"  # no background job runner
        command = [
            str(Path(sys.executable).with_name("mlflow")), "server",
            "--host", "127.0.0.1", "--port", str(self.port), "--workers", "1",
            "--backend-store-uri", f"sqlite:///{folder / 'server.db'}",
            "--artifacts-destination", str(self.artifacts),
        ]  # fmt: skip
        self.began = time.monotonic()
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command,
                cwd=folder,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.problem = ""
        self.healthy = False

    def wait_until_healthy(self) -> bool:
        """True once /health answers; False (and `problem` says why) if the server died or hung."""
        while not self.healthy and not self.problem:
            if self.process.poll() is not None:
                self.problem = f"`mlflow server` stopped with exit code {self.process.returncode}"
            elif time.monotonic() - self.began > SERVER_TIMEOUT:
                self.problem = f"`mlflow server` did not answer /health within {SERVER_TIMEOUT} s"
            else:
                try:
                    with urllib.request.urlopen(f"{self.uri}/health", timeout=2) as answer:
                        self.healthy = answer.status == 200
                except OSError:
                    time.sleep(0.2)
        return self.healthy

    def explain(self) -> str:
        lines = (
            self.log.read_text(errors="replace").strip().splitlines() if self.log.exists() else []
        )
        tail = " | ".join(line.strip()[:200] for line in lines[-3:]) or "no output"
        return f"{self.problem} (its last words: {tail})"

    def stop(self) -> None:
        if self.process.poll() is None:
            kill_group(self.process)


class NoServer:
    """Stands in for the server when no check of the session reads it: the story then plays its
    sqlite rounds only, and a case that names other checks does not pay for a server's start."""

    healthy = False

    def wait_until_healthy(self) -> bool:
        return False

    def explain(self) -> str:
        return "no check of this session asked for it"


def running_server(wanted: bool = True) -> Iterator[Server | NoServer]:
    """The generator behind the test file's `server` fixture: a started server, then its end."""
    if not wanted:
        yield NoServer()
        return
    folder = Path(tempfile.mkdtemp(prefix="kata-mlflow-server-"))
    started = Server(folder)
    yield started
    started.stop()
    shutil.rmtree(folder, ignore_errors=True)
