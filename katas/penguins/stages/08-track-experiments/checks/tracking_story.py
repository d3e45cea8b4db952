"""How the penguins stage 8 checks run the learner's commands: all of them once per check session,
before the first check reads them, in rounds (`played_story`, behind the test file's `story`
fixture; `Story` holds what the checks read). Each runs in one of five private copies of the
workspace: a git repository, a copy that never trains, and three copies outside git for the
servers: one for the plain server, and two pairs of learners sharing the team's server.
MLFLOW_TRACKING_URI chooses the store, except for the very first run, which must find the default
sqlite:///mlflow.db by itself. Every process imports pandas, scikit-learn and MLflow, which costs
seconds of CPU each time, and `mlflow server` takes longer still to start. So the server starts
first and boots while the sqlite runs go on (tracking_server); the commands are forked from the
harness's warm helper Python (tracking_commands); and the commands run in rounds, side by side
within a round:

  1. train with the defaults (this creates mlflow.db; two processes creating one at once race);
  2. train with alpha=1000, twice; train in another experiment, on birds that give it a better
     score than any run of penguin-mass; promote the first run through a gate it fails; predict
     before there is a champion; once the server answers, train against the server; and once the
     team's server answers, two pairs train against it at once, each in an experiment of its own
     (the other pair's run the better one);
  3. promote the first run; promote the server's latest run; promote on the team's server;
  4. predict from a copy of the workspace that never trained, from each store;
  5. promote without --run-id (the best run, already the champion);
  6. promote a worse run (past a wide gate), with and without --replace-better;
  7. replace the better champion with --replace-better and a reason;
  8. promote without --run-id again: the best run beats that champion and takes its place.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tracking_commands import MLFLOW_PRELOAD, Commands
from tracking_results import param_is
from tracking_server import NoServer, Server
from tracking_terms import RAW_DATA

from kata.harness import staging
from kata.harness.processes import Run
from kata.manifest import Stage

WEAK_ALPHA = 1000.0  # a ridge that strong cannot pass the gate: cv_mae_g about 466 g
TIGHT_GATE = 100.0  # no model of this kata gets within 100 g
WIDE_GATE = 1000.0  # lets the weak run past the gate, so that only the comparison can stop it
REASON = "field trial: the strong ridge on next season's birds"
BIRDS = 20
TEAM_ALPHA = 10.0  # our pair's run on the team server: cv_mae_g about 234 g
OTHER_PAIR = "penguin-mass-other-pair"  # another experiment: the other pair's, on the team server
NARROW = "narrow.csv"  # the weighed birds of 3,500 to 4,500 g: cv_mae_g about 177 g, not 230 g


@dataclass
class Servers:
    plain: Server | NoServer  # on a sqlite store
    team: Server | NoServer  # on PostgreSQL, as `kata team-server` runs it


@dataclass
class Story:
    local: Path  # a git repository: the workspace as committed
    fresh: Path  # a copy that never trained: no outputs, no store, no model file
    remote: Path  # a copy outside git, for the plain server
    ours: Path  # our pair's copy outside git, for the team's server
    pair: Path  # the other pair's copy, for the team's server
    store: str = ""
    head: str = ""
    runs: dict[str, Run] = field(default_factory=dict)
    default_store_made: bool = False
    after_train: dict = field(default_factory=dict)
    after_gate: dict = field(default_factory=dict)
    local_store: dict = field(default_factory=dict)
    other_experiment: dict = field(default_factory=dict)  # experiment OTHER_PAIR in mlflow.db
    server_store: dict = field(default_factory=dict)
    team_store: dict = field(default_factory=dict)  # our experiment, on the team's server
    other_pair_store: dict = field(default_factory=dict)  # the other pair's experiment there
    early_output_left: bool = False
    after_refusals: dict = field(default_factory=dict)  # the store after rounds 5 and 6
    after_replacing: dict = field(default_factory=dict)  # the store after round 7
    after_restoring: dict = field(default_factory=dict)  # the store after round 8
    weak_id: str = ""
    stopped: str = ""  # why the later rounds did not run

    @property
    def first_id(self) -> str:
        """The run of round 1 (alpha 1, the best): read once `require` says round 1 recorded it."""
        return self.after_train["runs"][0]["id"]


def played_story(
    workspace: Path, stage: Stage, servers: Servers, compare_rounds: bool = True
) -> Iterator[Story]:
    """The generator behind the test file's `story` fixture: every round played (rounds 5 to 8
    only with `compare_rounds`), then cleaned up."""
    scratch = Path(tempfile.mkdtemp(prefix="kata-runs-"))
    copies = [staging.stage_copy(workspace, stage.kata_dir) for _ in range(5)]
    for copy in copies:
        for leftover in ("mlflow.db", "mlruns", "mlartifacts", "outputs"):
            remove(copy / leftover)
    told = Story(*copies)
    told.store = f"sqlite:///{told.local / 'mlflow.db'}"
    told.head = commit_everything(told.local)
    commands = Commands(scratch, [*stage.preload, *MLFLOW_PRELOAD])
    try:
        play(told, commands, servers)
        if compare_rounds and not told.stopped:
            compare(told, commands)
    finally:
        commands.close()
        shutil.rmtree(scratch, ignore_errors=True)
    yield told
    for copy in copies:
        staging.remove_stage(copy)


def play(story: Story, commands: Commands, servers: Servers) -> None:
    local, fresh, remote, store = story.local, story.fresh, story.remote, story.store
    server, team = servers.plain, servers.team
    runs = story.runs
    write_birds(fresh / "birds.csv")

    # Round 1: the default store, found without MLFLOW_TRACKING_URI.
    (runs["train"],) = commands.wait(commands.command(local, "train"))
    story.default_store_made = (local / "mlflow.db").is_file()
    if story.default_store_made:  # (MLflow's client would create the file if it were not there)
        story.after_train = commands.result(commands.survey(local, store))
    first = story.after_train.get("runs", [])
    if not runs["train"].ok or len(first) != 1:
        story.stopped = "the first `python -m penguin_mass train` did not record one run"
        return
    first_id = first[0]["id"]
    with (local / "analysis.py").open("a", encoding="utf-8") as script:
        script.write("\n# changed after the last commit, so the next runs are on a dirty tree\n")

    # Round 2: other settings, the same settings again, a gate that fails, no champion yet.
    weak = ("train", "--set", f"alpha={WEAK_ALPHA:g}")
    gate = ("promote", "--run-id", first_id, "--set", f"max_cv_mae_g={TIGHT_GATE:g}")
    early = ("predict", "--input", "birds.csv", "--output", "early.csv")
    write_narrow_export(local / NARROW)  # its run scores better than any run of penguin-mass
    other = ("train", "--set", f"experiment={OTHER_PAIR}", "--set", f"data_path={NARROW}")
    started = {
        "weak": commands.command(local, *weak, store=store),
        "weak again": commands.command(local, *weak, store=store),
        "tight gate": commands.command(local, *gate, store=store),
        "predict early": commands.command(fresh, *early, store=store),
        "other experiment": commands.command(local, *other, store=store),
    }
    if server.wait_until_healthy():
        started["server train"] = commands.command(remote, "train", store=server.uri)
    if team.wait_until_healthy():
        ours = ("train", "--set", f"alpha={TEAM_ALPHA:g}")
        started["team train"] = commands.command(story.ours, *ours, store=team.uri)
        theirs = ("train", "--set", f"experiment={OTHER_PAIR}")
        started["other pair train"] = commands.command(story.pair, *theirs, store=team.uri)
    runs.update(zip(started, commands.wait(*started.values()), strict=True))
    story.after_gate = commands.result(commands.survey(local, store))
    story.early_output_left = (fresh / "early.csv").exists()

    # Round 3: promote.
    started = {"promote": commands.command(local, "promote", "--run-id", first_id, store=store)}
    if server.healthy:
        started["server promote"] = commands.command(remote, "promote", store=server.uri)
    if team.healthy:
        started["team promote"] = commands.command(story.ours, "promote", store=team.uri)
    runs.update(zip(started, commands.wait(*started.values()), strict=True))

    # Round 4: predict in fresh processes, from a copy that never trained; read both stores.
    predict = ("predict", "--input", "birds.csv", "--output")
    started = {"predict": commands.command(fresh, *predict, "local.csv", store=store)}
    surveys = {
        "local": commands.survey(fresh, store, "full"),
        "other experiment": commands.survey(fresh, store, experiment=OTHER_PAIR),
    }
    if server.healthy:
        started["server predict"] = commands.command(
            fresh, *predict, "server.csv", store=server.uri
        )
        surveys["server"] = commands.survey(fresh, server.uri, "full")
    if team.healthy:
        started["team predict"] = commands.command(fresh, *predict, "team.csv", store=team.uri)
        surveys["team"] = commands.survey(fresh, team.uri, "full")
        surveys["other pair"] = commands.survey(fresh, team.uri, experiment=OTHER_PAIR)
    runs.update(zip(started, commands.wait(*started.values()), strict=True))
    story.local_store = commands.result(surveys["local"])
    story.other_experiment = commands.result(surveys["other experiment"])
    story.server_store = commands.result(surveys["server"]) if server.healthy else {}
    if team.healthy:
        story.team_store = commands.result(surveys["team"])
        story.other_pair_store = commands.result(surveys["other pair"])


def compare(story: Story, commands: Commands) -> None:
    """Rounds 5 to 8: promote must compare with the champion, and an override must say why."""
    local, store, runs = story.local, story.store, story.runs
    weak = [r for r in story.local_store.get("runs", []) if param_is(r, "alpha", WEAK_ALPHA)]
    if not weak or not runs["promote"].ok:
        return  # the checks of rounds 5 to 8 say what was missing
    story.weak_id = weak[0]["id"]
    (runs["promote best"],) = commands.wait(commands.command(local, "promote", store=store))
    worse = ("promote", "--run-id", story.weak_id, "--set", f"max_cv_mae_g={WIDE_GATE:g}")
    started = {
        "promote worse": commands.command(local, *worse, store=store),
        "replace without reason": commands.command(local, *worse, "--replace-better", store=store),
    }
    runs.update(zip(started, commands.wait(*started.values()), strict=True))
    story.after_refusals = commands.result(commands.survey(local, store))
    replace = (*worse, "--replace-better", "--reason", REASON)
    (runs["replace"],) = commands.wait(commands.command(local, *replace, store=store))
    story.after_replacing = commands.result(commands.survey(local, store))
    (runs["promote best again"],) = commands.wait(commands.command(local, "promote", store=store))
    story.after_restoring = commands.result(commands.survey(local, store))


def commit_everything(folder: Path) -> str:
    """Make `folder` a git repository with one commit of everything in it; return the commit."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-c", "user.name=kata", "-c", "user.email=kata@example.org",
             "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
            cwd=folder, capture_output=True, text=True, check=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
        )  # fmt: skip
        return done.stdout.strip()

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "the workspace as the check found it", "--no-verify")
    return git("rev-parse", "HEAD")


def write_narrow_export(path: Path) -> None:
    """The export's birds that weigh 3,500 to 4,500 g, all columns: a narrower spread of masses,
    so a smaller error (about 177 g) than on every bird."""
    header, weighed, mass = weighed_birds(path.parent)
    write_rows(path, header, [row for row in weighed if 3500 <= float(row[mass]) <= 4500])


def write_birds(path: Path) -> None:
    """The first weighed birds of the export, with all its columns, body mass included."""
    header, weighed, _ = weighed_birds(path.parent)
    write_rows(path, header, weighed[:BIRDS])


def weighed_birds(folder: Path) -> tuple[list[str], list[list[str]], int]:
    """The export's header, its rows with a body mass, and the body mass's column."""
    with (folder / RAW_DATA).open(newline="", encoding="utf-8") as export:
        header, *rows = list(csv.reader(export))
    mass = header.index("Body Mass (g)")
    return header, [row for row in rows if row[mass] not in ("", "NA")], mass


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as birds:
        csv.writer(birds).writerows([header, *rows])


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
