"""The stage 8 checks' MLflow server starts again on another port when its first was taken.

Several checks start servers at once on one machine; a port chosen free can be bound by another
program before the server binds it, and the server then exits with "address already in use"
(stop 28's CI lost a right case to this).
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kata import team_server
from kata.team_server import postgres_missing

CHECKS = Path(__file__).parents[3] / "katas/penguins/stages/08-track-experiments/checks"

pytestmark = pytest.mark.slow


@pytest.fixture
def tracking_server(monkeypatch):
    monkeypatch.syspath_prepend(str(CHECKS))
    import tracking_server

    return tracking_server


@contextmanager
def first_port_taken(module, monkeypatch) -> Iterator[int]:
    """`module.free_port` first gives a port another program listens on, then free ones."""
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        ports = iter([taken])
        chosen = module.free_port
        monkeypatch.setattr(module, "free_port", lambda: next(ports, None) or chosen())
        yield taken


def test_a_server_whose_port_was_taken_starts_on_another(tracking_server, monkeypatch, tmp_path):
    with first_port_taken(tracking_server, monkeypatch) as taken:
        server = tracking_server.Server(tmp_path)
        try:
            assert server.wait_until_healthy(), server.explain()
        finally:
            server.stop()
    assert server.starts == 2
    assert server.port != taken


def test_a_server_that_fails_for_another_reason_is_not_started_again(tracking_server, tmp_path):
    server = tracking_server.Server(tmp_path, backend="nosuchscheme://nowhere")
    try:
        assert not server.wait_until_healthy()
    finally:
        server.stop()
    assert server.starts == 1
    assert "stopped with exit code" in server.explain()


@pytest.mark.skipif(bool(postgres_missing()), reason="PostgreSQL is not installed")
def test_a_cluster_whose_port_was_taken_is_made_again_on_another(tracking_server, monkeypatch):
    with first_port_taken(team_server, monkeypatch) as taken:
        folder, database, problem = tracking_server.started_database()
        try:
            assert not problem, problem
            assert database.port != taken
        finally:
            database.stop()
            shutil.rmtree(folder, ignore_errors=True)
