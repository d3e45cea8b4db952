"""`kata team-server start|stop|status`: one MLflow server on PostgreSQL for a whole team."""

from __future__ import annotations

from kata.context import Context
from kata.errors import KataError
from kata.team_server import TeamServer

DEFAULT_PORT = 5000


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "team-server",
        help="start or stop a team's MLflow tracking server on PostgreSQL (127.0.0.1 only)",
        description=(
            "A shared MLflow tracking server for a cohort or a mob, backed by a PostgreSQL cluster "
            "in .kata/team-server/ and listening on 127.0.0.1 only. Point a workspace at it with "
            "MLFLOW_TRACKING_URI. Needs PostgreSQL (Debian: `sudo apt install postgresql`)."
        ),
    )
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"the server's port (default {DEFAULT_PORT})"
    )


def main(args, context: Context) -> int:
    if not 1024 <= args.port <= 65535:
        raise KataError(f"--port {args.port}: choose a port from 1024 to 65535")
    folder = context.repo.team_server_dir
    server = TeamServer(folder)
    shown = context.repo.relative(folder)
    if args.action == "start":
        uri = server.start(args.port)
        print(f"The team's MLflow server is running at {uri} (PostgreSQL, runs kept in {shown}/).")
        print(f"  point a workspace at it:  export MLFLOW_TRACKING_URI={uri}")
        print("  tell pairs apart:         export PENGUIN_MASS_EXPERIMENT=penguin-mass-<pair>")
        print("  stop it:                  make team-server-stop")
    elif args.action == "stop":
        if server.stop():
            print(f"Stopped the team's MLflow server and its database (the runs stay in {shown}/).")
        else:
            print("No team server was running.")
    else:
        uri = server.address()
        print(
            f"The team's MLflow server is running at {uri}."
            if uri
            else "No team server is running."
        )
    return 0
