"""The team's tracking server (`kata team-server`, kata.team_server)."""

from __future__ import annotations

import json
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest

from conftest import alive, wait_until
from kata import cli, team_server
from kata.team_server import TeamServer, free_port, postgres_missing


def test_team_server_refuses_in_one_line_without_postgresql(monkeypatch, capsys):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(team_server, "PROGRAM_FOLDERS", ("/nonexistent/*/bin",))
    assert "PostgreSQL is not installed" in postgres_missing()
    assert cli.main(["team-server", "start"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("kata: PostgreSQL is not installed")
    assert "sudo apt install postgresql" in error
    assert len(error.splitlines()) == 1


def test_team_server_refuses_a_port_it_cannot_use(capsys):
    assert cli.main(["team-server", "start", "--port", "80"]) == 2
    assert "choose a port from 1024 to 65535" in capsys.readouterr().err


def test_a_record_left_by_a_reboot_names_no_server_and_stops_nothing(tmp_path):
    """After a reboot, server.json's pid may belong to another program: it is not the server."""
    stranger = subprocess.Popen(["sleep", "60"], start_new_session=True)
    try:
        server = TeamServer(tmp_path / "team-server")
        server.folder.mkdir()
        server.state.write_text(json.dumps({"pid": stranger.pid, "port": 5000}))
        assert server.address() is None
        assert not server.state.exists()
        server.state.write_text(json.dumps({"pid": stranger.pid, "port": 5000}))
        assert not server.stop()
        assert stranger.poll() is None, "stop killed a process that was not the team's server"
    finally:
        stranger.kill()
        stranger.wait()


@pytest.mark.slow
@pytest.mark.skipif(bool(postgres_missing()), reason="PostgreSQL is not installed")
def test_team_server_keeps_runs_across_a_restart_and_leaves_no_process():
    # Not under pytest's own temporary folder: as root the cluster runs as the postgres user,
    # who cannot pass through pytest-of-root (mode 0700).
    folder = Path(tempfile.mkdtemp(prefix="kata-team-server-test-"))
    folder.chmod(0o755)
    server = TeamServer(folder / "team-server")
    port = free_port()
    try:
        uri = server.start(port)
        assert uri == f"http://127.0.0.1:{port}"
        listening = json.loads(server.database.settings.read_text())["port"]
        assert oct(server.database.pgpass.stat().st_mode & 0o777) == "0o600"
        password = server.database.pgpass.read_text().strip().rsplit(":", 1)[1]
        pids = [json.loads(server.state.read_text())["pid"], postmaster(server)]
        command_line = Path(f"/proc/{pids[0]}/cmdline").read_bytes().decode()
        assert f"127.0.0.1:{listening}/mlflow" in command_line
        assert password not in command_line, "the database's password is on a command line"
        created = post(uri, "experiments/create", {"name": "penguin-mass-ada-grace"})
        with pytest.raises(Exception, match="already running"):
            server.start(port)
        assert server.stop()
        gone = all(wait_until(lambda pid=pid: not alive(pid), 10) for pid in pids)
        assert gone, "a process of the team's server outlived stop"
        assert not server.stop()
        server.start(port)  # the same cluster, the same port for PostgreSQL
        assert json.loads(server.database.settings.read_text())["port"] == listening
        found = get(uri, f"experiments/get?experiment_id={created['experiment_id']}")
        assert found["experiment"]["name"] == "penguin-mass-ada-grace"
    finally:
        server.stop()
        team_server.shutil.rmtree(folder, ignore_errors=True)


def post(uri: str, endpoint: str, body: dict) -> dict:
    request = urllib.request.Request(
        f"{uri}/api/2.0/mlflow/{endpoint}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def get(uri: str, endpoint: str) -> dict:
    with urllib.request.urlopen(f"{uri}/api/2.0/mlflow/{endpoint}", timeout=30) as answer:
        return json.loads(answer.read())


def postmaster(server: TeamServer) -> int:
    return int((server.database.data / "postmaster.pid").read_text().split()[0])
