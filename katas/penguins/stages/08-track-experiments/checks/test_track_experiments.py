"""Checks for penguins stage 8: every run tracked, a champion promoted through a gate, predictions
from the registry, with the default sqlite store and with an MLflow tracking server.

The checks run the learner's commands the way a user would, `python -m penguin_mass ...`, each in
its own process, in private copies of the workspace, and read the tracking stores with MLflow's
own client, also in processes of their own. MLFLOW_TRACKING_URI chooses the store, except for the
very first run, which must find the default sqlite:///mlflow.db by itself.

Every process imports pandas, scikit-learn and MLflow, which costs seconds of CPU each time, and
`mlflow server` takes longer still to start. So:

- the server starts first and boots while the sqlite runs go on;
- the commands are forked from the harness's warm helper Python (kata.harness.processes), which
  has imported those libraries once: each command is still a separate process, with its own
  folder, environment, arguments, stdout, stderr and exit code, running penguin_mass/__main__.py
  as `python -m` does, with nothing of the workspace imported before;
- the commands run in rounds, side by side within a round:

  1. train with the defaults (this creates mlflow.db; two processes creating one at once race);
  2. train with alpha=1000, twice; promote the first run through a gate it fails; predict before
     there is a champion; and, once the server answers, train against the server;
  3. promote the first run; promote the server's latest run;
  4. predict from a copy of the workspace that never trained, from each store;
  5. promote without --run-id (the best run, already the champion);
  6. promote a worse run (past a wide gate), with and without --replace-better;
  7. replace the better champion with --replace-better and a reason;
  8. promote without --run-id again: the best run beats that champion and takes its place.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from carried_checks import (  # noqa: F401 - collected here as this stage's checks
    test_every_module_sits_in_a_layer_of_your_contracts,
    test_the_domain_touches_no_file_while_train_runs,
    test_the_layer_rules_still_hold,
    test_train_writes_every_output_atomically,
)

from kata.harness import fail, notebook_pair_in_sync, processes, run_learner_tests, staging
from kata.harness.import_contracts import require_contracts_kept
from kata.harness.processes import Processes, Run

EXPERIMENT = "penguin-mass"
MODEL = "penguin-mass"
CHAMPION = "champion"
RAW_DATA = "../data/penguins_raw.csv"
DEFAULTS = {"alpha": 1.0, "test_fraction": 0.2, "seed": 42, "folds": 5, "max_cv_mae_g": 300.0}
# The README's table: one param per setting (tracking_uri may be left out), these as text.
TEXT_DEFAULTS = {"data_path": "../data/penguins_raw.csv", "output_dir": "outputs",
                 "experiment": "penguin-mass", "model_name": "penguin-mass"}  # fmt: skip
METRICS = ("ridge_mae_g", "ridge_rmse_g", "ridge_r2", "baseline_mae_g", "cv_mae_g")
WEAK_ALPHA = 1000.0  # a ridge that strong cannot pass the gate: cv_mae_g about 466 g
TIGHT_GATE = 100.0  # no model of this kata gets within 100 g
WIDE_GATE = 1000.0  # lets the weak run past the gate, so that only the comparison can stop it
REASON = "field trial: the strong ridge on next season's birds"
REASON_TAG = "promotion_reason"
PREDICTION = "predicted_body_mass_g"
BIRDS = 20
PICKLES = (".pkl", ".pickle", ".joblib", ".cloudpickle", ".dill")
TIMEOUT = 300  # seconds for one command
SERVER_TIMEOUT = 240  # seconds for `mlflow server` to answer /health on a busy 2-core machine


# What every command needs beyond the kata's libraries: MLflow's stores and its scikit-learn flavour.
MLFLOW_PRELOAD = (
    "mlflow", "mlflow.sklearn", "mlflow.artifacts", "mlflow.models",
    "mlflow.store.tracking.sqlalchemy_store", "mlflow.store.model_registry.sqlalchemy_store",
    "mlflow.store.tracking.rest_store", "mlflow.store.model_registry.rest_store",
)  # fmt: skip

# What a tracking store holds, read with MlflowClient, as JSON: the runs of the experiment, the
# champion, and (in full) each model version's files and the champion's estimates for some birds.
SURVEY = r"""
import json, sys
from pathlib import Path

uri, experiment, model, depth, scratch, birds_csv, target = sys.argv[1:]
import mlflow
from mlflow import MlflowClient
from mlflow.artifacts import download_artifacts

mlflow.set_tracking_uri(uri)
mlflow.set_registry_uri(uri)  # models:/ URIs resolve through the process-wide registry URI
client = MlflowClient(tracking_uri=uri, registry_uri=uri)
found = {"runs": [], "versions": [], "champion": None}
known = client.get_experiment_by_name(experiment)
if known is not None:
    for run in client.search_runs([known.experiment_id], max_results=1000):
        found["runs"].append({
            "id": run.info.run_id, "status": run.info.status, "start": run.info.start_time,
            "params": dict(run.data.params), "metrics": dict(run.data.metrics),
            "tags": {k: v for k, v in run.data.tags.items() if not k.startswith("mlflow.")},
        })
    found["runs"].sort(key=lambda run: run["start"])
try:
    champion = client.get_model_version_by_alias(model, "champion")
    found["champion"] = {"version": str(champion.version), "run_id": champion.run_id,
                         "tags": dict(champion.tags)}
except Exception:
    pass
if depth == "full":
    try:
        versions = list(client.search_model_versions(f"name = '{model}'"))
    except Exception:
        versions = []
    for version in versions:
        try:
            local = download_artifacts(artifact_uri=version.source, dst_path=f"{scratch}/v{version.version}")
            files = sorted(path.name for path in Path(local).rglob("*") if path.is_file())
        except Exception as error:
            files = [f"(could not be downloaded: {type(error).__name__}: {error})"]
        found["versions"].append(
            {"version": str(version.version), "run_id": version.run_id, "files": files}
        )
    if found["champion"]:
        try:
            import mlflow.sklearn
            import pandas as pd
            import penguin_mass

            local = download_artifacts(f"models:/{model}@champion", dst_path=f"{scratch}/champion")
            fitted = mlflow.sklearn.load_model(local)
            birds = penguin_mass.clean_penguins(pd.read_csv(birds_csv))
            estimates = fitted.predict(birds[list(penguin_mass.FEATURES)])
            found["estimates"] = [float(value) for value in estimates]
        except Exception as error:
            found["estimates_error"] = f"{type(error).__name__}: {error}"
Path(target).write_text(json.dumps(found))
"""


class Commands:
    """The learner's commands and the store surveys, each forked from the harness's warm helper."""

    def __init__(self, scratch: Path, preload: list[str]) -> None:
        self.scratch = scratch
        # A round's commands all start at once (they wait on sqlite and the server as much as
        # they compute), as many as a round has.
        self.processes = Processes(preload, commands_environment(), workers=8)
        self.surveys: dict[int, Path] = {}  # where each survey writes what it found

    def command(self, folder: Path, *args: str, store: str | None = None) -> Run:
        """Start `python -m penguin_mass ARGS` in `folder`, with MLFLOW_TRACKING_URI=store if given."""
        shown = ("MLFLOW_TRACKING_URI=... " if store else "") + "python -m penguin_mass "
        env = {"MLFLOW_TRACKING_URI": store} if store else {}
        return self.processes.start(
            folder,
            ["-m", "penguin_mass", *args],
            env=env,
            timeout=TIMEOUT,
            shown=shown + " ".join(args),
        )

    def survey(self, folder: Path, store: str, depth: str = "runs") -> Run:
        """Start reading the store at `store`; `result` then gives what it holds."""
        number = len(self.surveys)
        target = self.scratch / f"survey-{number}.json"
        args = [store, EXPERIMENT, MODEL, depth, str(self.scratch / f"survey-{number}"),
                str(folder / "birds.csv"), str(target)]  # fmt: skip
        run = self.processes.start(
            folder, ["-c", SURVEY, *args], timeout=TIMEOUT, shown=f"(a survey of {store})"
        )
        self.surveys[run.id] = target
        return run

    def wait(self, *runs: Run) -> list[Run]:
        return self.processes.wait(*runs)

    def result(self, survey: Run) -> dict:
        """What a finished survey found; a dict with "error" if it could not read the store."""
        (run,) = self.wait(survey)
        found = self.surveys[run.id]
        if run.ok and found.is_file():
            return json.loads(found.read_text())
        return {"error": run.last_words(), "runs": [], "versions": [], "champion": None}

    def close(self) -> None:
        self.processes.close()


def commands_environment() -> dict[str, str]:
    """The harness's environment for learner programs, without the variables a learner's shell may
    have set for their own runs. Telemetry stays off whatever the workspace does (checks reach no
    network), warnings stay off stderr, and MLflow gives up on a dead server soon."""
    env = processes.base_environment(drop=("MLFLOW_", "PENGUIN_MASS_", "GIT_"))
    env.update(
        MLFLOW_DISABLE_TELEMETRY="true",
        MLFLOW_HTTP_REQUEST_MAX_RETRIES="2",
        MLFLOW_HTTP_REQUEST_TIMEOUT="60",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONWARNINGS="ignore",
    )
    return env


def kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


# The tracking server: one per check session, started first, killed with its workers at the end.


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


@pytest.fixture(scope="module", autouse=True)
def server():
    folder = Path(tempfile.mkdtemp(prefix="kata-mlflow-server-"))
    started = Server(folder)
    yield started
    started.stop()
    shutil.rmtree(folder, ignore_errors=True)


# Everything runs once, in rounds; the checks below read the results.


@dataclass
class Story:
    local: Path  # a git repository: the workspace as committed
    fresh: Path  # a copy that never trained: no outputs, no store, no model file
    remote: Path  # a copy outside git, for the server
    store: str = ""
    head: str = ""
    runs: dict[str, Run] = field(default_factory=dict)
    default_store_made: bool = False
    after_train: dict = field(default_factory=dict)
    after_gate: dict = field(default_factory=dict)
    local_store: dict = field(default_factory=dict)
    server_store: dict = field(default_factory=dict)
    early_output_left: bool = False
    after_refusals: dict = field(default_factory=dict)  # the store after rounds 5 and 6
    after_replacing: dict = field(default_factory=dict)  # the store after round 7
    after_restoring: dict = field(default_factory=dict)  # the store after round 8
    weak_id: str = ""
    stopped: str = ""  # why the later rounds did not run


@pytest.fixture(scope="module")
def story(workspace, stage, server):
    scratch = Path(tempfile.mkdtemp(prefix="kata-runs-"))
    copies = [staging.stage_copy(workspace, stage.kata_dir) for _ in range(3)]
    for copy in copies:
        for leftover in ("mlflow.db", "mlruns", "mlartifacts", "outputs"):
            remove(copy / leftover)
    told = Story(*copies)
    told.store = f"sqlite:///{told.local / 'mlflow.db'}"
    told.head = commit_everything(told.local)
    commands = Commands(scratch, [*stage.preload, *MLFLOW_PRELOAD])
    try:
        play(told, commands, server)
    finally:
        commands.close()
        shutil.rmtree(scratch, ignore_errors=True)
    yield told
    for copy in copies:
        staging.remove_stage(copy)


def play(story: Story, commands: Commands, server: Server) -> None:
    local, fresh, remote, store = story.local, story.fresh, story.remote, story.store
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
    started = {
        "weak": commands.command(local, *weak, store=store),
        "weak again": commands.command(local, *weak, store=store),
        "tight gate": commands.command(local, *gate, store=store),
        "predict early": commands.command(fresh, *early, store=store),
    }
    if server.wait_until_healthy():
        started["server train"] = commands.command(remote, "train", store=server.uri)
    runs.update(zip(started, commands.wait(*started.values()), strict=True))
    story.after_gate = commands.result(commands.survey(local, store))
    story.early_output_left = (fresh / "early.csv").exists()

    # Round 3: promote.
    started = {"promote": commands.command(local, "promote", "--run-id", first_id, store=store)}
    if server.healthy:
        started["server promote"] = commands.command(remote, "promote", store=server.uri)
    runs.update(zip(started, commands.wait(*started.values()), strict=True))

    # Round 4: predict in fresh processes, from a copy that never trained; read both stores.
    predict = ("predict", "--input", "birds.csv", "--output")
    started = {"predict": commands.command(fresh, *predict, "local.csv", store=store)}
    surveys = {"local": commands.survey(fresh, store, "full")}
    if server.healthy:
        started["server predict"] = commands.command(
            fresh, *predict, "server.csv", store=server.uri
        )
        surveys["server"] = commands.survey(fresh, server.uri, "full")
    runs.update(zip(started, commands.wait(*started.values()), strict=True))
    story.local_store = commands.result(surveys["local"])
    story.server_store = commands.result(surveys["server"]) if server.healthy else {}
    compare(story, commands)


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


def write_birds(path: Path) -> None:
    """The first weighed birds of the export, with all its columns, body mass included."""
    with (path.parent / RAW_DATA).open(newline="", encoding="utf-8") as export:
        rows = list(csv.reader(export))
    mass = rows[0].index("Body Mass (g)")
    weighed = [row for row in rows[1:] if row[mass] not in ("", "NA")][:BIRDS]
    with path.open("w", newline="", encoding="utf-8") as birds:
        csv.writer(birds).writerows([rows[0], *weighed])


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


# Reading the results.


def require(story: Story, *names: str) -> list[Run]:
    """The named runs, or a failure that says why they never ran."""
    if story.stopped:
        fail(f"Not checked, because {story.stopped} (see the first check).")
    return [story.runs[name] for name in names]


def surveyed(found: dict, where: str) -> dict:
    if "error" in found:
        fail(f"The checks could not read {where}: {found['error']}")
    return found


def param_is(run: dict, name: str, expected: float) -> bool:
    try:
        return float(run["params"][name]) == pytest.approx(expected)
    except (KeyError, ValueError):
        return False


def said_one_error_line(run: Run) -> bool:
    """Its stderr ends with a line starting "error:", with no traceback before it."""
    return run.last_line().startswith("error:") and "Traceback" not in run.stderr


def isfinite(value) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_predictions(path: Path) -> list[float]:
    if not path.is_file():
        fail(f"predict exited with 0 but wrote no {path.name}.")
    with path.open(newline="", encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    if not rows or PREDICTION not in rows[0]:
        fail(f"{path.name} has no column {PREDICTION!r}: {list(rows[0]) if rows else 'no rows'}.")
    try:
        return [float(row[PREDICTION]) for row in rows]
    except ValueError as error:
        fail(f"{path.name}: a {PREDICTION} that is not a number ({error}).")


def estimates(found: dict, where: str) -> list[float]:
    if "estimates" not in found:
        fail(
            f"The checks could not load the champion of {where} to compare with your predictions: "
            + found.get("estimates_error", "there is no champion")
        )
    return found["estimates"]


def rounded(values: list[float]) -> str:
    return "[" + ", ".join(f"{value:.0f}" for value in values[:4]) + ", ...] g"


# The checks.


@pytest.mark.expensive
def test_train_records_a_run_in_the_default_sqlite_store(story):
    """python -m penguin_mass train records its run in sqlite:///mlflow.db, in experiment penguin-mass."""
    run = story.runs["train"]
    assert run.ok, f"train failed. {run.said()}"
    assert story.default_store_made, (
        "After `python -m penguin_mass train` with no MLFLOW_TRACKING_URI set, there is no "
        "mlflow.db in the folder it ran from. The default tracking_uri is sqlite:///mlflow.db "
        "(README, The interface)."
    )
    found = surveyed(story.after_train, "mlflow.db")["runs"]
    assert len(found) == 1, (
        f"After one `train`, experiment {EXPERIMENT!r} in mlflow.db holds {len(found)} runs; "
        "expected exactly one. Is the experiment named penguin-mass (mlflow.set_experiment), and "
        "does each train start one run?"
    )


@pytest.mark.expensive
def test_each_run_logs_its_settings_and_its_metrics(story):
    """Each run logs the settings as params and the scores as metrics, under the README's names."""
    require(story)
    found = surveyed(story.local_store, "mlflow.db")["runs"]
    for run in found:
        missing = [name for name in (*DEFAULTS, *TEXT_DEFAULTS) if name not in run["params"]]
        assert not missing, (
            f"Run {run['id']} logged no param {', '.join(missing)}. Log every setting under its "
            f"Settings field name; it logged: {sorted(run['params']) or 'no params'}."
        )
        absent = [name for name in METRICS if not isfinite(run["metrics"].get(name))]
        assert not absent, (
            f"Run {run['id']} logged no metric {', '.join(absent)}; it logged: "
            f"{sorted(run['metrics']) or 'no metrics'}."
        )
    first = found[0]
    wrong = {name: first["params"][name] for name, value in DEFAULTS.items()
             if not param_is(first, name, value)}  # fmt: skip
    assert not wrong, (
        f"The run of plain `train` logged {wrong}; the defaults are {DEFAULTS}. Log the values "
        "the run actually used, from Settings."
    )
    text = {name: first["params"][name] for name, value in TEXT_DEFAULTS.items()
            if Path(first["params"][name]) != Path(value)}  # fmt: skip
    assert not text, (
        f"The run of plain `train` logged {text}; the defaults are {TEXT_DEFAULTS}. Log the "
        "values the run actually used, from Settings."
    )
    cv_mae = first["metrics"]["cv_mae_g"]
    assert 200 < cv_mae < 260, (
        f"The default run logged cv_mae_g = {cv_mae:.1f}; stage 7 computes about 229.8 g for the "
        "defaults. Log the cross-validated error from the same computation."
    )


@pytest.mark.expensive
def test_two_runs_with_different_alpha_are_both_stored(story):
    """Runs with alpha 1 and alpha 1000 are both in the store, each with its own alpha and error."""
    (weak,) = require(story, "weak")
    assert weak.ok, f"`train --set alpha={WEAK_ALPHA:g}` failed. {weak.said()}"
    found = surveyed(story.local_store, "mlflow.db")["runs"]
    alphas = sorted(float(run["params"].get("alpha", "nan")) for run in found)
    assert alphas == [1.0, WEAK_ALPHA, WEAK_ALPHA], (
        f"After train, then train --set alpha={WEAK_ALPHA:g} twice (with MLFLOW_TRACKING_URI "
        f"naming the same mlflow.db), the store holds runs with alpha {alphas}; expected "
        f"[1.0, {WEAK_ALPHA}, {WEAK_ALPHA}]. Does a --set flag reach the logged params, and does "
        "train honour MLFLOW_TRACKING_URI?"
    )
    error = {float(run["params"]["alpha"]): run["metrics"]["cv_mae_g"] for run in found}
    assert error[WEAK_ALPHA] > error[1.0] + 100, (
        f"cv_mae_g is {error[1.0]:.1f} g for alpha 1 and {error[WEAK_ALPHA]:.1f} g for alpha "
        f"{WEAK_ALPHA:g}; a ridge that strong should be far worse. Is alpha passed to the model?"
    )


@pytest.mark.expensive
def test_the_same_settings_reproduce_the_same_metrics(story):
    """Two runs with the same settings log the same metrics, cv_mae_g included."""
    require(story)
    found = surveyed(story.local_store, "mlflow.db")["runs"]
    twins = [run["metrics"] for run in found if param_is(run, "alpha", WEAK_ALPHA)]
    if len(twins) != 2:
        fail(f"Expected two runs with alpha={WEAK_ALPHA:g} in mlflow.db, found {len(twins)}.")
    first, second = twins
    absent = [
        name for name in METRICS if not (isfinite(first.get(name)) and isfinite(second.get(name)))
    ]
    if absent:
        fail(f"The two runs with alpha={WEAK_ALPHA:g} did not both log {', '.join(absent)}.")
    differ = {
        name: (first[name], second[name])
        for name in METRICS
        if first[name] != pytest.approx(second[name], rel=1e-9, abs=1e-9)
    }
    assert not differ, (
        f"Two runs with the same settings logged different metrics: {differ}. Something is not "
        "seeded: the split, the cross-validation folds (KFold shuffle with random_state)?"
    )


@pytest.mark.expensive
def test_each_run_records_the_fingerprint_of_its_data(story):
    """Each run has a tag data_sha256: the SHA-256 of the data file it trained on."""
    require(story)
    expected = sha256_of(story.local / RAW_DATA)
    for run in surveyed(story.local_store, "mlflow.db")["runs"]:
        found = run["tags"].get("data_sha256")
        assert found == expected, (
            f"Run {run['id']} has data_sha256 = {found!r}; the SHA-256 of {RAW_DATA} is "
            f"{expected}. Tag each run with hashlib.sha256 of the data file's bytes."
        )


@pytest.mark.expensive
def test_each_run_records_its_commit_and_whether_the_tree_was_dirty(story):
    """Each run has a tag git_commit: the commit, with -dirty when files had changed since."""
    require(story)
    for run in surveyed(story.local_store, "mlflow.db")["runs"]:
        found = run["tags"].get("git_commit")
        dirty = param_is(run, "alpha", WEAK_ALPHA)
        expected = f"{story.head}-dirty" if dirty else story.head
        situation = (
            "after a tracked file (analysis.py) was changed"
            if dirty
            else "from a clean checkout (are mlflow.db, mlruns/ and outputs/ in .gitignore?)"
        )
        assert found == expected, (
            f"A run made {situation} has git_commit = {found!r}; expected {expected!r}: git "
            "rev-parse HEAD, plus -dirty when git status --porcelain lists anything."
        )


@pytest.mark.expensive
def test_each_run_registers_a_model_saved_with_skops_not_pickle(story):
    """Each run registers a version of penguin-mass; its files hold model.skops and no pickle."""
    require(story)
    found = surveyed(story.local_store, "mlflow.db")
    run_ids = {run["id"] for run in found["runs"]}
    registered = {version["run_id"] for version in found["versions"]}
    assert run_ids <= registered, (
        f"{len(run_ids - registered)} of {len(run_ids)} runs registered no version of model "
        f"{MODEL!r}. Log the model with mlflow.sklearn.log_model(..., registered_model_name="
        f"{MODEL!r})."
    )
    for version in found["versions"]:
        pickled = [name for name in version["files"] if name.endswith(PICKLES)]
        saved_with_skops = "model.skops" in version["files"] and not pickled
        assert saved_with_skops, (
            f"Version {version['version']} of {MODEL!r} holds {version['files']}: expected "
            "model.skops and no pickle. Pass serialization_format='skops' (and "
            "skops_trusted_types) to mlflow.sklearn.log_model."
        )


@pytest.mark.expensive
def test_promote_refuses_a_model_that_fails_the_gate(story):
    """promote with max_cv_mae_g=100 refuses, in one line with a non-zero exit, and names no champion."""
    (run,) = require(story, "tight gate")
    assert run.code != 0, (
        f"`promote --run-id <the alpha=1 run> --set max_cv_mae_g={TIGHT_GATE:g}` exited with 0, "
        "but that run's cv_mae_g is about 230 g. promote must refuse a run above the gate, with "
        "exit code 1."
    )
    assert said_one_error_line(run), (
        "A refused promote should end with one line on stderr starting with 'error:'; found: "
        f"{run.last_words()}"
    )
    champion = surveyed(story.after_gate, "mlflow.db")["champion"]
    assert champion is None, (
        f"After the refused promote, {MODEL}@{CHAMPION} points at version {champion['version']}. "
        "Check the gate before setting the alias."
    )


@pytest.mark.expensive
def test_promote_makes_the_chosen_run_the_champion(story):
    """promote --run-id ID points the alias champion at that run's model version."""
    (run,) = require(story, "promote")
    assert run.ok, f"promote failed. {run.said()}"
    first_id = story.after_train["runs"][0]["id"]
    champion = surveyed(story.local_store, "mlflow.db")["champion"]
    assert champion is not None, (
        f"After `promote --run-id {first_id}` exited with 0, {MODEL} has no alias {CHAMPION!r}. "
        "Set it with MlflowClient().set_registered_model_alias."
    )
    assert champion["run_id"] == first_id, (
        f"{MODEL}@{CHAMPION} points at version {champion['version']}, from run "
        f"{champion['run_id']}; expected the version of the run asked for, {first_id}."
    )


def compared(story: Story, *names: str) -> list[Run]:
    """The runs of rounds 5 to 8, or a failure saying why they did not run."""
    require(story)
    if not story.weak_id:
        fail(
            "Not checked: rounds 5 to 8 promote the alpha=1000 run over the champion, and they "
            "need both a stored alpha=1000 run and a successful `promote --run-id` (see above)."
        )
    return [story.runs[name] for name in names]


def champion_of(found: dict, where: str) -> dict:
    champion = surveyed(found, where)["champion"]
    if champion is None:
        fail(f"{MODEL} has no alias {CHAMPION!r} in {where} any more.")
    return champion


@pytest.mark.expensive
def test_promote_without_a_run_id_chooses_the_best_run_not_the_latest(story):
    """promote without --run-id chooses the run with the lowest cv_mae_g, not the latest run."""
    (run,) = compared(story, "promote best")
    first_id = story.after_train["runs"][0]["id"]
    champion = champion_of(story.after_refusals, "mlflow.db")
    stayed = run.ok and champion["run_id"] == first_id
    assert stayed, (
        f"With the alpha=1 run (cv_mae_g about 230 g) as champion and two later alpha="
        f"{WEAK_ALPHA:g} runs (about 466 g), `promote` without --run-id should pick the best run "
        f"by cv_mae_g, the champion itself, and leave it there (exit 0). It exited with "
        f"{run.code} and the champion is now run {champion['run_id']}. {run.said()}"
    )


@pytest.mark.expensive
def test_promote_refuses_a_run_that_does_not_beat_the_champion(story):
    """promote --run-id of a worse run refuses in one line and leaves the better champion."""
    (run,) = compared(story, "promote worse")
    first_id = story.after_train["runs"][0]["id"]
    refused = run.code != 0 and said_one_error_line(run)
    assert refused, (
        f"`promote --run-id <an alpha={WEAK_ALPHA:g} run> --set max_cv_mae_g={WIDE_GATE:g}` "
        "passes the gate but is about 236 g worse than the champion: promote must refuse it "
        f"with one 'error:' line and exit 1. It exited with {run.code}: {run.last_words()}"
    )
    champion = champion_of(story.after_refusals, "mlflow.db")
    assert champion["run_id"] == first_id, (
        f"After promoting a worse run (refused) and the same with --replace-better but no reason "
        f"(refused), the champion is run {champion['run_id']}; it should still be the better run "
        f"{first_id}. Compare, and check the reason, before you move the alias."
    )


@pytest.mark.expensive
def test_replacing_a_better_champion_needs_the_flag_and_a_reason(story):
    """--replace-better without --reason is refused (exit 2) and moves nothing."""
    (run,) = compared(story, "replace without reason")
    refused = run.code == 2 and said_one_error_line(run)
    assert refused, (
        "`promote --run-id <a worse run> --replace-better` without --reason should be refused as "
        f"a usage error (exit 2, one 'error:' line). It exited with {run.code}: {run.last_words()}"
    )
    champion = champion_of(story.after_refusals, "mlflow.db")
    assert champion["run_id"] == story.after_train["runs"][0]["id"], (
        f"After --replace-better without a reason, the champion moved to run "
        f"{champion['run_id']}: a replacement needs its reason first."
    )


@pytest.mark.expensive
def test_replacing_a_better_champion_with_a_reason_keeps_the_reason(story):
    """--replace-better --reason TEXT makes the worse run champion and tags its version with TEXT."""
    (run,) = compared(story, "replace")
    assert run.ok, f"`promote ... --replace-better --reason '{REASON}'` failed. {run.said()}"
    champion = champion_of(story.after_replacing, "mlflow.db")
    assert champion["run_id"] == story.weak_id, (
        f"After --replace-better with a reason, the champion is run {champion['run_id']}; "
        f"expected the run asked for, {story.weak_id}."
    )
    kept = champion["tags"].get(REASON_TAG)
    assert kept == REASON, (
        f"The new champion's model version has {REASON_TAG} = {kept!r}; expected the reason "
        f"given, {REASON!r} (MlflowClient().set_model_version_tag), so that whoever looks at the "
        "registry later sees why a worse model was chosen."
    )


@pytest.mark.expensive
def test_promote_without_a_run_id_replaces_a_worse_champion(story):
    """promote without --run-id makes the best run champion when it beats the champion."""
    (run,) = compared(story, "promote best again")
    first_id = story.after_train["runs"][0]["id"]
    champion = champion_of(story.after_restoring, "mlflow.db")
    restored = run.ok and champion["run_id"] == first_id
    assert restored, (
        f"With an alpha={WEAK_ALPHA:g} run as champion (about 466 g, put there with "
        "--replace-better), `promote` without --run-id should make the best run, alpha=1 (about "
        f"230 g), the champion: it beats the champion, so no flag is needed. It exited with "
        f"{run.code} and the champion is run {champion['run_id']}. {run.said()}"
    )


@pytest.mark.expensive
def test_predict_without_a_champion_stops_cleanly(story):
    """Before any promote, predict exits non-zero with one 'error:' line and writes no output."""
    (run,) = require(story, "predict early")
    assert run.code != 0, (
        "predict succeeded before any model was the champion. Where did its model come from? "
        f"predict must load models:/{MODEL}@{CHAMPION}."
    )
    assert said_one_error_line(run), (
        f"predict without a champion should say so in one 'error:' line; found: {run.last_words()}"
    )
    assert not story.early_output_left, "predict failed but left early.csv behind."


@pytest.mark.expensive
def test_predict_in_a_fresh_process_uses_the_champion(story):
    """predict, run from a copy that never trained, writes the champion's estimates for each bird."""
    (run,) = require(story, "predict")
    assert run.ok, (
        "predict failed in a fresh copy of your workspace (no outputs/, no model file, only "
        f"MLFLOW_TRACKING_URI naming the store). {run.said()}"
    )
    found = read_predictions(story.fresh / "local.csv")
    expected = estimates(surveyed(story.local_store, "mlflow.db"), "mlflow.db")
    assert found == pytest.approx(expected, rel=1e-6), (
        f"predict wrote {rounded(found)} but the champion ({MODEL}@{CHAMPION}, alpha 1) "
        f"estimates {rounded(expected)}. The latest versions have alpha {WEAK_ALPHA:g}: does "
        f"predict load models:/{MODEL}@{CHAMPION}?"
    )


@pytest.mark.expensive
def test_the_same_commands_work_against_a_tracking_server(story, server):
    """train, promote and predict work the same against an MLflow server on 127.0.0.1."""
    require(story)
    if not server.wait_until_healthy():
        fail(
            f"The check could not start its MLflow server, so this was not checked: {server.explain()}"
        )
    for name in ("server train", "server promote", "server predict"):
        run = story.runs[name]
        assert run.ok, f"With MLFLOW_TRACKING_URI={server.uri}: {run.said()}"
    found = surveyed(story.server_store, "the server's store")
    runs = found["runs"]
    assert [param_is(run, "alpha", 1.0) for run in runs] == [True], (
        f"After one train, the server's experiment {EXPERIMENT!r} holds {len(runs)} runs; "
        "expected one, with alpha 1."
    )
    tags = runs[0]["tags"]
    assert tags.get("git_commit") == "unknown", (
        f"A run from a folder outside any git repository has git_commit = "
        f"{tags.get('git_commit')!r}; expected 'unknown'."
    )
    assert tags.get("data_sha256") == sha256_of(story.remote / RAW_DATA), (
        f"The server's run has data_sha256 = {tags.get('data_sha256')!r}, not the data's SHA-256."
    )
    assert list(server.artifacts.rglob("model.skops")), (
        "No model.skops arrived in the server's artifact store: log the model while "
        "MLFLOW_TRACKING_URI names the server, and it is uploaded through the server."
    )
    predicted = read_predictions(story.fresh / "server.csv")
    expected = estimates(found, "the server's store")
    assert predicted == pytest.approx(expected, rel=1e-6), (
        f"predict against the server wrote {rounded(predicted)}; its champion estimates "
        f"{rounded(expected)}."
    )


# What earlier stages established, carried: the learner's suite, the layers' contracts, the pair.


def test_your_tests_still_pass(workspace):
    """Your tests, the golden master and stage 7's tests included, all pass."""
    run = run_learner_tests(workspace, timeout=300)
    assert run.ok, (
        f"Your tests do not all pass ({run.summary()}). Tracking is added beside the pipeline; "
        "what it changed should not break what stage 7 tested.\n"
        + "\n".join(run.output.strip().splitlines()[-12:])
    )


def test_the_import_contracts_still_hold(workspace):
    """lint-imports keeps every contract of your import-linter configuration, new modules included."""
    require_contracts_kept(workspace)


def test_the_notebook_and_its_script_are_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells."""
    problem = notebook_pair_in_sync(workspace / "analysis.ipynb")
    assert problem is None, problem
