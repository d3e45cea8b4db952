"""Checks for ab-test stage 8: record_decision records one run in the experiment checkout-tests of
the store it is given, with the decision, the commit and the data's fingerprint as tags, the plan
as params, every number of the readout as a metric and the results as results.json."""

import hashlib
import json
import shutil
import subprocess

import pytest
from decision_probes import record_with_environment

from kata.harness import call_learner, fail
from kata.harness.learner_code import learner_module, workspace_module

RECORD = "record_decision"
MODULE = "decision_record"
EXPERIMENT = "checkout-tests"
PLAN = {
    "baseline_conversion": 0.157,
    "minimum_detectable_uplift": 0.1,
    "alpha": 0.05,
    "power": 0.8,
    "users_per_day": 336,
    "split_alpha": 0.001,
}
RESULTS = {
    "users": {"control": 8100, "new_checkout": 8105},
    "uplift": 0.0205,
    "p_value": 0.571,
    "uplift_ci_normal": [-0.0464, 0.0922],
    "stopped_on": None,
    "readout_split_p_value": 0.9687,
    "decision": "do not ship",
}
IGNORED = shutil.ignore_patterns(".git", "__pycache__", "*.db", "mlruns", "mlartifacts")
METRICS = {
    "users_control": 8100,
    "users_new_checkout": 8105,
    "uplift": 0.0205,
    "p_value": 0.571,
    "uplift_ci_normal_low": -0.0464,
    "uplift_ci_normal_high": 0.0922,
    "readout_split_p_value": 0.9687,
}


@pytest.fixture(scope="module")
def recorded(workspace, tmp_path_factory):
    """The run record_decision made in a store of the check's own, and the store's client."""
    from mlflow import MlflowClient

    folder = tmp_path_factory.mktemp("tracking")
    data = folder / "events.csv"
    data.write_text("event_id,user_id,variant\n1,u00001,control\n", encoding="utf-8")
    uri = f"sqlite:///{folder / 'mlflow.db'}"
    learner = workspace_module(
        workspace, MODULE, "checkout_analysis.py", "Step 4 of the README creates it."
    )
    try:
        run_id = call_learner(
            learner, RECORD, RESULTS, PLAN, str(data), tracking_uri=uri,
            given="a readout, the plan and a data file, with a tracking_uri",
        )  # fmt: skip
    finally:
        learner.close()
    client = MlflowClient(uri)
    experiment = client.get_experiment_by_name(EXPERIMENT)
    if experiment is None:
        fail(f"{RECORD}(..., tracking_uri=...) made no experiment {EXPERIMENT!r} in that store.")
    runs = client.search_runs([experiment.experiment_id])
    if len(runs) != 1:
        fail(f"{RECORD} made {len(runs)} runs in {EXPERIMENT!r}, not one.")
    if run_id != runs[0].info.run_id:
        fail(f"{RECORD} returned {run_id!r}, not the id of the run it made.")
    return client, runs[0], data


def test_the_decision_and_the_data_are_tags(recorded):
    """The run's tags: decision, as in the results, and data_sha256, the SHA-256 of the data file."""
    _, run, data = recorded
    tags = run.data.tags
    assert tags.get("decision") == RESULTS["decision"], (
        f"The run's tag decision is {tags.get('decision')!r}, not results['decision'] "
        f"({RESULTS['decision']!r})."
    )
    digest = hashlib.sha256(data.read_bytes()).hexdigest()
    assert tags.get("data_sha256") == digest, (
        f"The run's tag data_sha256 is {tags.get('data_sha256')!r}, not the SHA-256 of the file "
        "at data_path: hashlib.sha256(Path(data_path).read_bytes()).hexdigest()."
    )


def record_in(folder, uri: str, data) -> str:
    """The run id of record_decision called from `folder` (its own Python) into the store `uri`."""
    learner = learner_module(folder, MODULE)
    try:
        return call_learner(
            learner, RECORD, RESULTS, PLAN, str(data), tracking_uri=uri,
            given="a readout, the plan and a data file, from a folder in git",
        )  # fmt: skip
    finally:
        learner.close()


def git(folder, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_commit_is_a_tag(recorded, workspace, tmp_path):
    """git_commit is the commit where the analysis runs, then with -dirty once that has changed."""
    _, _, data = recorded
    folder = tmp_path / "in-git"
    shutil.copytree(workspace, folder, ignore=IGNORED)
    (folder / ".gitignore").write_text("__pycache__/\n*.db\nmlruns/\nmlartifacts/\n")
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "-c", "user.name=kata", "-c", "user.email=kata@example.org", "commit", "-qm", "x")
    head = git(folder, "rev-parse", "HEAD")
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    clean = client_run(uri, record_in(folder, uri, data))
    (folder / "notes.md").write_text("a change nobody committed\n")
    dirty = client_run(uri, record_in(folder, uri, data))
    found = (clean.data.tags.get("git_commit"), dirty.data.tags.get("git_commit"))
    assert found == (head, f"{head}-dirty"), (
        f"Recorded from a folder at commit {head[:12]}..., git_commit was {found[0]!r}; after a "
        f"new file appeared, {found[1]!r}. It should be the whole commit, `git rev-parse HEAD` "
        "where the analysis runs, then the same with -dirty once that folder has changes "
        "(`git status --porcelain -- .` lists any)."
    )


def client_run(uri: str, run_id: str):
    from mlflow import MlflowClient

    return MlflowClient(uri).get_run(run_id)


def test_without_a_tracking_uri_the_environment_chooses_the_store(workspace, tmp_path, recorded):
    """Given no tracking_uri, record_decision records into the store MLFLOW_TRACKING_URI names."""
    _, _, data = recorded
    uri = f"sqlite:///{tmp_path / 'team.db'}"
    learner = workspace_module(workspace, MODULE, "checkout_analysis.py", "Step 4 creates it.")
    try:
        kind, detail = learner.probe(record_with_environment, uri, RESULTS, PLAN, str(data))
    finally:
        learner.close()
    if kind == "other":
        fail(f"With MLFLOW_TRACKING_URI set and no tracking_uri, {RECORD} raised {detail}.")
    from mlflow import MlflowClient

    found = MlflowClient(uri).get_experiment_by_name(EXPERIMENT)
    assert found is not None, (
        f"With MLFLOW_TRACKING_URI={uri} and no tracking_uri, {RECORD} recorded nothing in that "
        "store: read os.environ.get('MLFLOW_TRACKING_URI') when no tracking_uri is given."
    )


def test_the_plan_is_the_params(recorded):
    """Each setting of the plan is a param of the run, under its own name."""
    _, run, _ = recorded
    wrong = {
        key: run.data.params.get(key)
        for key, value in PLAN.items()
        if run.data.params.get(key) != str(value)
    }
    assert not wrong, (
        f"These settings of the plan are not the run's params: {wrong} (found). Log each "
        "setting under its name: mlflow.log_params(plan)."
    )


def test_every_number_of_the_readout_is_a_metric(recorded):
    """Numbers under their keys, a pair as _low and _high, a mapping per variant."""
    _, run, _ = recorded
    metrics = run.data.metrics
    wrong = [
        f"{name} ({metrics.get(name)!r}, expected {value})"
        for name, value in METRICS.items()
        if metrics.get(name) != pytest.approx(value)
    ]
    assert not wrong, (
        f"These metrics are missing or wrong: {', '.join(wrong)}. Step 4's table names them: "
        "users_control, uplift, uplift_ci_normal_low and _high."
    )


def test_the_results_are_kept_as_they_were(recorded, tmp_path):
    """The run's artifact results.json holds the results, every key, as they were given."""
    client, run, _ = recorded
    try:
        path = client.download_artifacts(run.info.run_id, "results.json", str(tmp_path))
    except Exception as error:  # MLflow raises several kinds for a missing artifact
        fail(f"The run has no artifact results.json ({type(error).__name__}): log it with "
             'mlflow.log_dict(results, "results.json").')  # fmt: skip
    with open(path, encoding="utf-8") as file:
        kept = json.load(file)
    assert kept == RESULTS, f"results.json holds {kept!r}, not the results given: {RESULTS!r}."
