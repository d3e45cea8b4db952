"""The MLflow tracking servers of the penguins stage 8 checks, one of each per check session, on
free ports of 127.0.0.1, each with an artifact folder of its own in a temporary folder: a plain
server on a sqlite store (`running_server`), and a team's server on a PostgreSQL cluster of its own
(`running_team_server`, made as `kata team-server` makes one, kata.team_server). The test file's
fixtures start them before the first check, so that they boot while the sqlite runs go on, and
kill each with its workers (its whole process group, `kill_group`) at the end, the cluster too.
`wait_until_healthy` waits up to SERVER_TIMEOUT for /health to answer; `explain` says why it did
not, with the server's last lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tracking_commands import commands_environment

from kata.errors import KataError
from kata.harness.processes import kill_group
from kata.team_server import (
    Database,
    free_port,
    healthy,
    last_words,
    mlflow_server_command,
    mlflow_server_environment,
)

SERVER_TIMEOUT = 240  # seconds for `mlflow server` to answer /health on a busy 2-core machine
PORT_TRIES = 3  # starts, each on a newly chosen free port, when the last one was taken


class Server:
    def __init__(self, folder: Path, backend: str = "", extra_env: dict | None = None) -> None:
        self.folder = folder
        self.artifacts = folder / "artifacts"
        self.log = folder / "server.log"
        self.env = mlflow_server_environment({**commands_environment(), **(extra_env or {})})
        self.backend = backend or f"sqlite:///{folder / 'server.db'}"
        self.began = time.monotonic()
        self.starts = 0
        self._launch()
        self.problem = ""
        self.healthy = False

    def _launch(self) -> None:
        self.port = free_port()
        self.uri = f"http://127.0.0.1:{self.port}"
        command = mlflow_server_command(self.port, self.backend, self.artifacts, workers=1)
        self.starts += 1
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command,
                cwd=self.folder,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_healthy(self) -> bool:
        """True once /health answers; False (and `problem` says why) if the server died or hung.
        A free port can be taken by another program between its choice and the server's bind
        (several checks start servers at once); the server then starts again on another port."""
        while not self.healthy and not self.problem:
            if self.process.poll() is not None:
                if port_was_taken(self.log) and self.starts < PORT_TRIES:
                    kill_group(self.process)  # stop() ends only the last start's group
                    self._launch()
                    continue
                self.problem = f"`mlflow server` stopped with exit code {self.process.returncode}"
            elif time.monotonic() - self.began > SERVER_TIMEOUT:
                self.problem = f"`mlflow server` did not answer /health within {SERVER_TIMEOUT} s"
            else:
                self.healthy = healthy(self.uri)
                time.sleep(0 if self.healthy else 0.2)
        return self.healthy

    def explain(self) -> str:
        return f"{self.problem} (its last words: {last_words(self.log)})"

    def stop(self) -> None:
        if self.process.poll() is None:
            kill_group(self.process)


class NoServer:
    """Stands in for a server when no check of the session reads it (the story then leaves out
    its rounds, and a case that names other checks does not pay for its start), or when it could
    not be made (`problem`)."""

    healthy = False

    def __init__(self, problem: str = "no check of this session asked for it") -> None:
        self.problem = problem

    def wait_until_healthy(self) -> bool:
        return False

    def explain(self) -> str:
        return self.problem


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


def running_team_server(wanted: bool = True) -> Iterator[Server | NoServer]:
    """The generator behind the test file's `team_server` fixture: a PostgreSQL cluster and a
    server in front of it, started, then both ended."""
    if not wanted:
        yield NoServer()
        return
    folder, database, problem = started_database()
    if problem:
        yield NoServer(f"its PostgreSQL cluster could not be started: {problem}")
    else:
        started = Server(folder, database.uri, {"PGPASSFILE": str(database.pgpass)})
        yield started
        started.stop()
        database.stop()
    shutil.rmtree(folder, ignore_errors=True)


def started_database(tries: int = PORT_TRIES) -> tuple[Path, Database, str]:
    """A started cluster in a new temporary folder, or why none could be started. A cluster's
    port is chosen free when it is made; if another program binds it first, a new cluster is
    made (a few seconds), up to `tries` times."""
    folder = Path(tempfile.mkdtemp(prefix="kata-team-server-"))
    if os.geteuid() == 0:
        let_postgres_through(folder)
    database = Database(folder)
    try:
        database.start()  # a few seconds: initdb, the cluster's start, the database
    except KataError as error:
        database.stop()
        if tries > 1 and port_was_taken(database.log):
            shutil.rmtree(folder, ignore_errors=True)
            return started_database(tries - 1)
        return folder, database, str(error)
    return folder, database, ""


def port_was_taken(log: Path) -> bool:
    return log.exists() and "already in use" in log.read_text(errors="replace").lower()


def let_postgres_through(folder: Path) -> None:
    """As root, the cluster runs as the `postgres` user, who must pass through the private
    temporary folders of `kata check` (kata-check-*) to reach it: let anyone through those (not
    list them), and nothing above them. The cluster then goes with the check's scratch folder,
    and one left by a cancelled check stops by itself within a minute of its folder's removal
    (PostgreSQL rechecks its lock file every minute)."""
    scratch = next(
        (above for above in folder.parents if above.name.startswith("kata-check-")), None
    )
    if scratch is None:
        return
    for above in [folder, *folder.parents]:
        above.chmod(above.stat().st_mode | 0o001)
        if above == scratch:
            return
