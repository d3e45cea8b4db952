"""Checks for penguins stage 8: every run tracked, a champion promoted through a gate, predictions
from the registry, with the default sqlite store and with an MLflow tracking server.

The checks run the learner's commands the way a user would, `python -m penguin_mass ...`, each in
its own process, in private copies of the workspace, and read the tracking stores with MLflow's
own client, also in processes of their own. Everything runs once, in rounds, before a check reads
it: the `story` fixture plays the rounds (tracking_story.py lists them; tracking_commands.py starts
the commands and surveys the stores) while the `server` and `team_server` fixtures' servers boot
(tracking_server.py); the checks read the results with tracking_results.py. The first eight
checks, on what each run records, are in tracking_run_checks.py and are collected here.
"""

from __future__ import annotations

import pytest
from carried_checks import (  # noqa: F401 - collected here as this stage's checks
    test_every_module_sits_in_a_layer_of_your_contracts,
    test_the_domain_touches_no_file_while_train_runs,
    test_the_layer_rules_still_hold,
    test_train_writes_every_output_atomically,
)
from tracking_results import (
    champion_of,
    compared,
    estimates,
    read_predictions,
    require,
    rounded,
    said_one_error_line,
    surveyed,
)
from tracking_server import running_server, running_team_server
from tracking_story import (
    OTHER_PAIR,
    REASON,
    TIGHT_GATE,
    WEAK_ALPHA,
    WIDE_GATE,
    Servers,
    played_story,
)
from tracking_terms import CHAMPION, MODEL, REASON_TAG

from kata.harness import notebook_pair_in_sync, run_learner_tests
from kata.harness.import_contracts import require_contracts_kept

# The first eight checks, collected here: pytest runs them in the order they are imported (after
# the carried checks, before the checks below), so this list keeps their order, not isort's.
from tracking_run_checks import (  # noqa: F401  # isort: skip
    test_train_records_a_run_in_the_default_sqlite_store,
    test_each_run_logs_its_settings_and_its_metrics,
    test_two_runs_with_different_alpha_are_both_stored,
    test_the_same_settings_reproduce_the_same_metrics,
    test_each_run_records_the_fingerprint_of_its_data,
    test_each_run_records_its_commit_and_whether_the_tree_was_dirty,
    test_each_run_registers_a_model_saved_with_skops_not_pickle,
    test_train_records_its_run_in_the_experiment_its_settings_name,
)


@pytest.fixture(scope="module", autouse=True)
def server(checks_to_run):
    """One MLflow tracking server per check session, started first so that it boots meanwhile
    (when the server's check is among those to run)."""
    yield from running_server(
        test_the_same_commands_work_against_a_tracking_server.__name__ in checks_to_run
    )


@pytest.fixture(scope="module", autouse=True)
def team_server(checks_to_run):
    """A team's server on PostgreSQL, also started first (when its check is to run)."""
    yield from running_team_server(
        test_two_pairs_share_a_team_server_on_postgresql.__name__ in checks_to_run
    )


@pytest.fixture(scope="module")
def story(workspace, stage, server, team_server, checks_to_run):
    """Every round of the learner's commands, played once; the checks read what they left.
    Rounds 5 to 8 are played when one of their checks is to run."""
    later = (
        test_promote_without_a_run_id_chooses_the_best_run_not_the_latest,
        test_promote_refuses_a_run_that_does_not_beat_the_champion,
        test_replacing_a_better_champion_needs_the_flag_and_a_reason,
        test_replacing_a_better_champion_with_a_reason_keeps_the_reason,
        test_promote_without_a_run_id_replaces_a_worse_champion,
    )
    compare_rounds = any(check.__name__ in checks_to_run for check in later)
    yield from played_story(workspace, stage, Servers(server, team_server), compare_rounds)


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
    champion = surveyed(story.local_store, "mlflow.db")["champion"]
    assert champion is not None, (
        f"After `promote --run-id {story.first_id}` exited with 0, {MODEL} has no alias "
        f"{CHAMPION!r}. Set it with MlflowClient().set_registered_model_alias."
    )
    assert champion["run_id"] == story.first_id, (
        f"{MODEL}@{CHAMPION} points at version {champion['version']}, from run "
        f"{champion['run_id']}; expected the version of the run asked for, {story.first_id}."
    )


@pytest.mark.expensive
def test_promote_without_a_run_id_chooses_the_best_run_not_the_latest(story):
    """promote without --run-id chooses the run with the lowest cv_mae_g, not the latest run."""
    (run,) = compared(story, "promote best")
    champion = champion_of(story.after_refusals, "mlflow.db")
    elsewhere = {found["id"] for found in story.other_experiment.get("runs", [])}
    assert champion["run_id"] not in elsewhere, (
        f"`promote` without --run-id made run {champion['run_id']} the champion: a run of "
        f"experiment {OTHER_PAIR!r} (trained with --set experiment={OTHER_PAIR} on other birds, "
        "and a lower cv_mae_g). promote chooses among the runs of the experiment its settings "
        "name, not of every experiment in the store."
    )
    stayed = run.ok and champion["run_id"] == story.first_id
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
    refused = run.code != 0 and said_one_error_line(run)
    assert refused, (
        f"`promote --run-id <an alpha={WEAK_ALPHA:g} run> --set max_cv_mae_g={WIDE_GATE:g}` "
        "passes the gate but is about 236 g worse than the champion: promote must refuse it "
        f"with one 'error:' line and exit 1. It exited with {run.code}: {run.last_words()}"
    )
    champion = champion_of(story.after_refusals, "mlflow.db")
    assert champion["run_id"] == story.first_id, (
        f"After promoting a worse run (refused) and the same with --replace-better but no reason "
        f"(refused), the champion is run {champion['run_id']}; it should still be the better run "
        f"{story.first_id}. Compare, and check the reason, before you move the alias."
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
    assert champion["run_id"] == story.first_id, (
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
    champion = champion_of(story.after_restoring, "mlflow.db")
    restored = run.ok and champion["run_id"] == story.first_id
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


# The checks on the servers, collected last (after the checks above, in this order).
from tracking_server_checks import (  # noqa: E402  # isort: skip
    test_the_same_commands_work_against_a_tracking_server,
    test_two_pairs_share_a_team_server_on_postgresql,
)
