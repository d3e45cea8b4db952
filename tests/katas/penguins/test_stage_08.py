"""Stage 8 checks tell a tracked pipeline from one that only looks tracked.

Each case runs the stage's checks the way `kata check` does (see test_penguins_checks.py for
`build`): on an independently written alternative, all of them, which must pass; on the reference
solution with realistic slips, only the checks that name the slip and a neighbour that must still
pass. A full check run starts an MLflow server and trains eight models, so the slips share two
workspaces, each slip caught by a different check.
"""

from __future__ import annotations

import pytest
from test_penguins_checks import assert_fails_readably, assert_passes, build, passed_checks

STAGE_7 = "07-run-it-anywhere"
STAGE_8 = "08-track-experiments"
SETTINGS = "test_each_run_logs_its_settings_and_its_metrics"
TWO_RUNS = "test_two_runs_with_different_alpha_are_both_stored"
REPRODUCED = "test_the_same_settings_reproduce_the_same_metrics"
FINGERPRINT = "test_each_run_records_the_fingerprint_of_its_data"
COMMIT = "test_each_run_records_its_commit_and_whether_the_tree_was_dirty"
SKOPS = "test_each_run_registers_a_model_saved_with_skops_not_pickle"
GATE = "test_promote_refuses_a_model_that_fails_the_gate"
PROMOTE = "test_promote_makes_the_chosen_run_the_champion"
PREDICT = "test_predict_in_a_fresh_process_uses_the_champion"
SERVER = "test_the_same_commands_work_against_a_tracking_server"

pytestmark = [pytest.mark.slow, pytest.mark.extended]  # see the extended marker


def failure(run, check):
    return next(result.message for result in run.failures if check in result.id)


def test_stage_8_passes_another_team_s_tracking(tmp_path, check_stage):
    """The stage 7 solution plus another team's stage 8: the command line in __main__.py, the
    MLflow calls in penguin_mass/experiments.py, params logged from the settings' JSON (the
    tracking URI included), `git describe --dirty` for the commit, the trusted types worked out
    from the model, an input example instead of a signature, MLflow's own model loader, and
    MLFLOW_TRACKING_URI read straight from the environment."""
    workspace = build(
        tmp_path,
        STAGE_7,
        overlays=["08-fluent-logging"],
        remove=["tests/test_cli.py"],
        edits=[
            (
                "penguin_mass/config.py",
                "    folds: int = Field(5, ge=2)\n",
                "    folds: int = Field(5, ge=2)\n"
                '    tracking_uri: str = "sqlite:///mlflow.db"\n'
                '    experiment: str = "penguin-mass"\n'
                '    model_name: str = "penguin-mass"\n'
                "    max_cv_mae_g: float = Field(300.0, gt=0)\n",
            )
        ],
    )
    assert_passes(check_stage("penguins", 8, workspace))


def test_stage_8_fails_a_run_without_its_fingerprint_a_predict_from_the_latest_and_no_gate(
    tmp_path, check_stage
):
    """No data_sha256 tag; predict loads the latest version, whatever the champion is; promote
    ignores the gate. Three slips in one workspace, each caught by its own check."""
    workspace = build(
        tmp_path,
        STAGE_8,
        edits=[
            ("penguin_mass/workflow.py", '            "data_sha256": tracking.fingerprint(settings.data_path),\n', ""),
            ("penguin_mass/tracking.py", 'artifact_uri=f"models:/{model_name}@{CHAMPION}"', 'artifact_uri=f"models:/{model_name}/latest"'),
            ("penguin_mass/tracking.py", "        if not score <= max_cv_mae_g:\n", "        if False:\n"),
        ],
    )  # fmt: skip
    run = check_stage(
        "penguins", 8, workspace, only=(FINGERPRINT, PREDICT, GATE, SETTINGS, PROMOTE)
    )
    assert_fails_readably(run, FINGERPRINT, PREDICT, GATE)
    assert "data_sha256 = None" in failure(run, FINGERPRINT)
    assert "does predict load" in failure(run, PREDICT)
    assert "exited with 0" in failure(run, GATE)
    assert {SETTINGS, PROMOTE} <= passed_checks(run)


def test_stage_8_fails_a_pickled_model_and_a_predict_that_loads_a_local_file(tmp_path, check_stage):
    """The model is logged with cloudpickle (and loaded with MLflow's loader, which accepts it);
    train also saves outputs/model.skops, and predict loads that file instead of the champion."""
    workspace = build(
        tmp_path,
        STAGE_8,
        edits=[
            ("penguin_mass/tracking.py", 'serialization_format="skops",', 'serialization_format="cloudpickle",'),
            ("penguin_mass/tracking.py", 'return load_model(Path(local) / "model.skops")', "return mlflow.sklearn.load_model(local)"),
            ("penguin_mass/workflow.py", "from penguin_mass.storage import save_csv, save_json\n",
             "from penguin_mass.storage import load_model, save_csv, save_json, save_model\n"),
            ("penguin_mass/workflow.py", "    save_json(receipt, settings.output_dir / METRICS_FILE)",
             '    save_model(model, settings.output_dir / "model.skops")\n'
             "    save_json(receipt, settings.output_dir / METRICS_FILE)"),
            ("penguin_mass/workflow.py",
             "    raw, birds = load_birds_to_predict(input_csv)\n"
             "    model = tracking.load_champion(settings.tracking_uri, settings.model_name)\n",
             "    raw, birds = load_birds_to_predict(input_csv)\n"
             '    model = load_model(settings.output_dir / "model.skops")\n'),
        ],
    )  # fmt: skip
    run = check_stage("penguins", 8, workspace, only=(SKOPS, PREDICT, GATE))
    assert_fails_readably(run, SKOPS, PREDICT)
    assert "model.pkl" in failure(run, SKOPS)
    assert "fresh copy" in failure(run, PREDICT)
    assert GATE in passed_checks(run)
