"""A team's MLflow tracking server: `mlflow server` on a PostgreSQL cluster of its own.

A cohort or a mob points every pair's commands at one server (`MLFLOW_TRACKING_URI`), so that at
the end of penguins stage 8 all their runs sit side by side in one store. The cluster lives in a
folder of the clone (`.kata/team-server/` for `kata team-server`, a temporary one for stage 8's
check), listens on 127.0.0.1 only and asks for a password, which is generated when the cluster is
made and kept in a pgpass file (mode 0600) that only the MLflow server reads: no secret ever
appears on a command line or in a tracking URI.

PostgreSQL refuses to run as root. Started by root (a container, a CI machine), the cluster's
folder is given to the `postgres` user that Debian's package creates, and its programs run as that
user; everything else still belongs to the caller.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kata.errors import KataError

DATABASE = "mlflow"
ROLE = "kata"
INSTALL = (
    "install it with `sudo apt install postgresql` (Debian, Ubuntu) or `brew install "
    "postgresql@17` (macOS), then run the command again"
)
HEALTH_TIMEOUT = 240  # seconds for `mlflow server` to answer /health on a busy 2-core machine
STOP_TIMEOUT = 20
# Where PostgreSQL's programs live when they are not on the PATH: Debian's /usr/lib/postgresql/N/bin
# and Homebrew's versioned kegs.
PROGRAM_FOLDERS = ("/usr/lib/postgresql/*/bin", "/opt/homebrew/opt/postgresql@*/bin",
                   "/usr/local/opt/postgresql@*/bin")  # fmt: skip


def postgres_programs(version: str = "") -> Path:
    """The folder holding initdb and pg_ctl, of `version` (a cluster's PG_VERSION) if given,
    else the newest: on the PATH first, then where the packages put them."""
    on_path = shutil.which("initdb")
    found = [Path(on_path).resolve().parent] if on_path else []
    found += sorted(installed_programs(), key=major_version, reverse=True)
    if version:
        found = [folder for folder in found if major_version(folder) == version]
        if not found:
            raise KataError(
                f"the team server's cluster was made by PostgreSQL {version}, which is no longer "
                f"installed; install it again, or move the cluster's folder aside to start anew"
            )
    if not found:
        raise KataError(postgres_missing())
    return found[0]


def installed_programs() -> list[Path]:
    return [
        initdb.parent
        for pattern in PROGRAM_FOLDERS
        for initdb in Path("/").glob(f"{pattern.lstrip('/')}/initdb")
    ]


def major_version(programs: Path) -> str:
    """ "15" for /usr/lib/postgresql/15/bin or .../postgresql@15/bin; for a folder on the PATH,
    what `pg_ctl --version` says."""
    name = programs.parent.name
    if name.isdigit() or name.startswith("postgresql@"):
        return name.removeprefix("postgresql@")
    said = subprocess.run([str(programs / "pg_ctl"), "--version"], capture_output=True, text=True)
    words = said.stdout.split()
    return words[-1].split(".")[0] if words else ""


def postgres_missing() -> str:
    """Why a team server cannot run on this machine, and what to install; "" when it can."""
    if not shutil.which("initdb") and not installed_programs():
        return f"PostgreSQL is not installed (no initdb found); {INSTALL}"
    if not importlib.util.find_spec("psycopg2"):
        return "the Python package psycopg2 is missing; run `make setup`"
    return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass(frozen=True)
class Database:
    """A PostgreSQL cluster in `folder`: made on first use, started, stopped."""

    folder: Path

    @property
    def data(self) -> Path:
        return self.folder / "postgres"

    @property
    def pgpass(self) -> Path:
        return self.folder / "pgpass"

    @property
    def settings(self) -> Path:
        return self.folder / "postgres.json"

    @property
    def log(self) -> Path:
        return self.data / "postgres.log"

    @property
    def port(self) -> int:
        return int(json.loads(self.settings.read_text())["port"])

    @property
    def uri(self) -> str:
        """The backend store for `mlflow server`; the password comes from the pgpass file."""
        return f"postgresql+psycopg2://{ROLE}@127.0.0.1:{self.port}/{DATABASE}"

    def client_environment(self) -> dict[str, str]:
        """What a client of the cluster (the MLflow server, createdb) needs in its environment."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["PGPASSFILE"] = str(self.pgpass)
        return env

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists() and self._ctl("status").returncode == 0

    def start(self) -> None:
        """Make the cluster if there is none, start it, and make the MLflow database if missing;
        a start that fails half-way stops what it started."""
        missing = postgres_missing()
        if missing:
            raise KataError(missing)
        if not (self.data / "PG_VERSION").exists():
            self._make()
        if self.running():
            return
        started = self._ctl("start", "-w", "-t", "60", "-l", str(self.log))
        if started.returncode != 0:
            raise KataError(f"PostgreSQL did not start: {last_words(self.log, started)}")
        created = self._client("createdb", DATABASE)
        if created.returncode != 0 and "already exists" not in created.stderr:
            self.stop()
            raise KataError(f"could not create the database {DATABASE!r}: {one_line(created)}")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._ctl("stop", "-m", "fast", "-w", "-t", str(STOP_TIMEOUT))

    def _make(self) -> None:
        programs = postgres_programs()  # refuse before anything is written
        self.folder.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.data, ignore_errors=True)  # an initdb that stopped half-way
        self.data.mkdir(mode=0o700)
        password = secrets.token_urlsafe(24)
        port = free_port()
        self.settings.write_text(json.dumps({"port": port}) + "\n")
        write_private(self.pgpass, f"127.0.0.1:{port}:*:{ROLE}:{password}\n")
        password_file = self.data.parent / ".initdb-password"
        write_private(password_file, password + "\n")
        self._hand_to_postgres(self.data, password_file)
        try:
            made = self._as_owner(
                [str(programs / "initdb"), "-D", str(self.data), "-U", ROLE,
                 "--pwfile", str(password_file), "--auth=scram-sha-256", "-E", "UTF8",
                 "--no-locale", "--no-instructions"],
            )  # fmt: skip
        finally:
            password_file.unlink(missing_ok=True)
        if made.returncode != 0:
            raise KataError(f"initdb could not make the cluster in {self.data}: {one_line(made)}")
        # TCP on 127.0.0.1 only, and no Unix socket: its path, inside a deep temporary folder,
        # can be longer than the 103 bytes macOS allows.
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                f"\n# kata team-server\nlisten_addresses = '127.0.0.1'\nport = {port}\n"
                "unix_socket_directories = ''\n"
            )

    def programs(self) -> Path:
        """The programs of the PostgreSQL version that made the cluster."""
        version = self.data / "PG_VERSION"
        return postgres_programs(version.read_text().strip() if version.exists() else "")

    def _ctl(self, *args: str) -> subprocess.CompletedProcess:
        return self._as_owner([str(self.programs() / "pg_ctl"), "-D", str(self.data), *args])

    def _client(self, program: str, *args: str) -> subprocess.CompletedProcess:
        argv = [str(self.programs() / program), "-h", "127.0.0.1", "-p", str(self.port)]
        return subprocess.run(
            [*argv, "-U", ROLE, *args],
            env=self.client_environment(),
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )

    def _as_owner(self, argv: list[str]) -> subprocess.CompletedProcess:
        """Run a PostgreSQL program as the cluster's owner: the caller, or `postgres` for root."""
        # (`pg_ctl start -l LOG` gives the server the log, not these pipes, so run() returns.)
        return subprocess.run(
            argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=self.folder,
            **as_postgres(),
        )  # fmt: skip

    def _hand_to_postgres(self, *paths: Path) -> None:
        if os.geteuid() != 0:
            return
        try:
            shutil.chown(self.folder, group="postgres")  # the owner may enter, not write
        except LookupError as missing:
            raise KataError(
                "PostgreSQL does not run as root, and this machine has no `postgres` user to run "
                "it as; run the command as an ordinary user"
            ) from missing
        for path in paths:
            shutil.chown(path, user="postgres", group="postgres")
        self.folder.chmod(0o750)
        reach = subprocess.run(["test", "-x", str(self.folder)], **as_postgres())
        if reach.returncode != 0:
            raise KataError(
                f"the postgres user cannot reach {self.folder} (a folder above it is private); "
                "run the command as an ordinary user, or from a clone the postgres user can reach"
            )


def as_postgres() -> dict:
    """subprocess.run's arguments that run a program as the `postgres` user when we are root
    (PostgreSQL refuses to run as root), and as ourselves otherwise."""
    if os.geteuid() != 0:
        return {}
    return {"user": "postgres", "group": "postgres", "extra_groups": []}


def mlflow_server_environment(env: dict[str, str]) -> dict[str, str]:
    """`env` with what every `mlflow server` of kata runs with: no telemetry, no job runner."""
    return {**env, "MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "1",
            "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}  # fmt: skip


def mlflow_server_command(port: int, backend: str, artifacts: Path, workers: int) -> list[str]:
    """`mlflow server` from this Python's environment, on 127.0.0.1 only."""
    return [
        str(Path(sys.executable).with_name("mlflow")), "server",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--backend-store-uri", backend, "--artifacts-destination", str(artifacts),
    ]  # fmt: skip


def healthy(uri: str) -> bool:
    try:
        with urllib.request.urlopen(f"{uri}/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


@dataclass(frozen=True)
class TeamServer:
    """`kata team-server`: the cluster and the MLflow server in front of it, in `folder`."""

    folder: Path

    @property
    def database(self) -> Database:
        return Database(self.folder)

    @property
    def state(self) -> Path:
        return self.folder / "server.json"

    @property
    def log(self) -> Path:
        return self.folder / "mlflow.log"

    def address(self) -> str | None:
        """The running server's address, or None (a record left by a reboot or a kill is removed)."""
        known = self._known()
        return f"http://127.0.0.1:{known['port']}" if known else None

    def _known(self) -> dict | None:
        """What server.json records, if its server still runs: its leader is alive and is this
        folder's `mlflow server`, or the leader has gone and its workers remain (a group id cannot
        be given to a new process while the group lives, so they are ours)."""
        if not self.state.exists():
            return None
        known = json.loads(self.state.read_text())
        pid = known["pid"]
        leader = command_of(pid)
        ours = leader is not None and str(self.folder / "artifacts") in leader
        orphans = leader is None and group_alive(pid)
        if ours or orphans:
            return known
        self.state.unlink()
        return None

    def start(self, port: int) -> str:
        missing = postgres_missing()
        if missing:
            raise KataError(missing)
        running = self.address()
        if running:
            raise KataError(f"the team server is already running at {running}")
        if port_in_use(port):
            raise KataError(
                f"port {port} on 127.0.0.1 is taken by another program; choose another with "
                f"`make team-server TEAM_SERVER_PORT={port + 1}`"
            )
        self.database.start()
        env = mlflow_server_environment(self.database.client_environment())
        command = mlflow_server_command(port, self.database.uri, self.folder / "artifacts", 2)
        try:
            pid = spawn_detached(command, env, self.log)  # it outlives this command and a Ctrl-C
        except OSError:
            self.database.stop()
            raise
        self.state.write_text(json.dumps({"pid": pid, "port": port}) + "\n")
        uri = f"http://127.0.0.1:{port}"
        began = time.monotonic()
        while not healthy(uri):
            ended = os.waitpid(pid, os.WNOHANG)[0] == pid
            if ended or time.monotonic() - began > HEALTH_TIMEOUT:
                self.stop()
                raise KataError(f"`mlflow server` did not start: {last_words(self.log)}")
            time.sleep(0.3)
        return uri

    def stop(self) -> bool:
        """Stop the MLflow server and the cluster; False if neither was running."""
        known = self._known()
        if known:
            end_group(known["pid"])
            self.state.unlink()
        cluster = self.database.data.joinpath("postmaster.pid").exists()
        if cluster:
            self.database.stop()
        return bool(known) or cluster


def spawn_detached(argv: list[str], env: dict[str, str], log: Path) -> int:
    """Start a program in a session of its own, its output going to `log`, and return its pid."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(log), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    return os.posix_spawn(argv[0], argv, env, file_actions=actions, setsid=True)


def command_of(pid: int) -> str | None:
    """The whole command line of a running process (`ps -ww`, on Linux and macOS alike: without
    -ww, ps cuts it to the COLUMNS it is given), or None."""
    said = subprocess.run(
        ["ps", "-ww", "-o", "command=", "-p", str(pid)], capture_output=True, text=True
    )
    return said.stdout.strip() or None if said.returncode == 0 else None


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def end_group(pid: int) -> None:
    """End a process group politely, then for good after STOP_TIMEOUT seconds."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        try:
            os.killpg(pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def write_private(path: Path, text: str) -> None:
    """A file only its owner may read, created so from the start."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)


def one_line(done: subprocess.CompletedProcess) -> str:
    lines = [line.strip() for line in (done.stderr or done.stdout or "").splitlines()]
    return next((line for line in reversed(lines) if line), f"exit code {done.returncode}")


def last_words(log: Path, done: subprocess.CompletedProcess | None = None) -> str:
    lines = log.read_text(errors="replace").strip().splitlines() if log.exists() else []
    shown = " | ".join(line.strip()[:200] for line in lines[-3:])
    return shown or (one_line(done) if done else "no output")
