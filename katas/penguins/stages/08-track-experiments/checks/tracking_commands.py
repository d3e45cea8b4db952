"""The learner's commands and the surveys of their tracking stores, for the penguins stage 8
checks (`Commands`). Each is forked from the harness's warm helper Python (kata.harness.processes),
which has imported pandas, scikit-learn and MLflow (MLFLOW_PRELOAD) once: each command is still a
separate process, with its own folder, environment, arguments, stdout, stderr and exit code,
running penguin_mass/__main__.py as `python -m` does, with nothing of the workspace imported
before. A survey runs SURVEY with `python -c`: it reads a store with MLflow's own client and
writes what the store holds as JSON. `commands_environment` is the environment of every command
and of the tracking server.
"""

from __future__ import annotations

import json
from pathlib import Path

from tracking_terms import EXPERIMENT, MODEL, TIMEOUT

from kata.harness import processes
from kata.harness.processes import Processes, Run

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

    def survey(
        self, folder: Path, store: str, depth: str = "runs", experiment: str = EXPERIMENT
    ) -> Run:
        """Start reading the store at `store`; `result` then gives what it holds."""
        number = len(self.surveys)
        target = self.scratch / f"survey-{number}.json"
        args = [store, experiment, MODEL, depth, str(self.scratch / f"survey-{number}"),
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
