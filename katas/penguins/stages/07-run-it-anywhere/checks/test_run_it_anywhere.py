"""Checks for penguins stage 7: one command, many settings, and bad input stopped at the door.

Every check runs the learner's `python -m penguin_mass ...` as its own process, in a private copy
of the workspace with the kata's data beside it, and judges it only by what the README specifies:
exit code, the lines on stderr, and the files left behind. The `session` fixture makes the runs
once (anywhere_runs.py); the checks read (anywhere_readers.py) and judge (anywhere_verdicts.py).
"""

from __future__ import annotations

import re

import pytest
from anywhere_inputs import BAD_DATA, BAD_SETTINGS, DEFAULTS, PREDICTIONS, PROFILES, SETTINGS_FILE
from anywhere_readers import (
    ci_sample,
    read_metrics,
    read_notebook_results,
    read_predictions,
    read_sample_and_export,
    read_scores,
    read_settings,
)
from anywhere_runs import run_session
from anywhere_verdicts import (
    AS_DEFAULTS,
    AS_FLAGS,
    AS_MIXED,
    AS_PROFILE,
    _same,
    compare,
    is_skops_file,
    left_the_unmeasured_bird_empty,
    refused_untrusted_model,
    stopped_cleanly,
)
from carried_checks import (  # noqa: F401 - collected here as this stage's checks
    test_every_module_sits_in_a_layer_of_your_contracts,
    test_the_domain_touches_no_file_while_train_runs,
    test_the_layer_rules_still_hold,
    test_train_writes_every_output_atomically,
)

from kata.harness import fail, notebook_pair_in_sync, tail


@pytest.fixture(scope="module")
def session(workspace, stage, checks_to_run):
    """Every run of the learner's commands that the checks read, made once per check session; the
    learner's tests, the notebook and lint-imports only when a check to run reads them."""
    readers = {
        "tests": [test_your_tests_pass],
        "lint": [test_the_import_contracts_still_hold],
        "notebook": [
            test_the_notebook_still_runs,
            test_the_notebook_still_reports_stage_6_s_numbers,
        ],
    }
    read = {run for run, tests in readers.items() if {t.__name__ for t in tests} & checks_to_run}
    yield from run_session(workspace, stage, set(readers) - read)


def test_the_settings_file_has_defaults_and_three_profiles(workspace):
    """penguin_mass.toml holds the README's [defaults] and the laptop, ci and production profiles."""
    document = read_settings(workspace)
    defaults = document.get("defaults")
    if not isinstance(defaults, dict):
        fail(f"{SETTINGS_FILE} has no [defaults] table.")
    differ = [
        f"{name} = {defaults.get(name)!r} (expected {want!r})"
        for name, want in DEFAULTS.items()
        if name in defaults and str(defaults[name]) != str(want) and not _same(defaults[name], want)
    ]
    assert not differ, (
        f"{SETTINGS_FILE} [defaults] differs from the README's defaults: {'; '.join(differ)}. "
        "Keep the defaults that reproduce the golden master; put other values in a profile."
    )
    profiles = document.get("profiles") if isinstance(document.get("profiles"), dict) else {}
    missing = [name for name in PROFILES if not isinstance(profiles.get(name), dict)]
    assert not missing, (
        f"{SETTINGS_FILE} has no {', '.join(f'[profiles.{name}]' for name in missing)} table; "
        "the README asks for laptop, ci and production (a table may be empty)."
    )


@pytest.mark.expensive
def test_the_ci_profile_trains_on_a_small_committed_sample(workspace, session):
    """--profile ci trains on a sample of 30 to 120 birds, all three species, kept in the workspace."""
    sample, inside = ci_sample(workspace)
    assert inside.is_file(), (
        f"[profiles.ci] data_path = {str(sample)!r}: no such file in the workspace."
    )
    header, rows, export_header, export_rows = read_sample_and_export(inside, workspace)
    if header != export_header:
        fail(
            f"{sample} does not have the export's header (its columns: {', '.join(header[:6])}"
            f"{', ...' if len(header) > 6 else ''}). The ci profile trains on raw rows of the "
            "export, header included and unchanged, so it exercises the same reading and "
            "validation as a real run."
        )
    strangers = [number for number, row in enumerate(rows, 2) if row not in export_rows]
    if strangers:
        fail(
            f"{sample}, line {strangers[0]}: not a row of the export ({len(strangers)} such rows). "
            "Copy rows of ../data/penguins_raw.csv as they are."
        )
    birds = [dict(zip(header, row, strict=False)) for row in rows]
    species = {(bird.get("Species") or "").split(" ")[0] for bird in birds}
    if not 30 <= len(birds) <= 120 or not {"Adelie", "Chinstrap", "Gentoo"} <= species:
        fail(
            f"{sample} holds {len(birds)} birds of the species {sorted(species - {''})}; expected "
            "30 to 120 raw rows of the export with all three species."
        )
    metrics = read_metrics(session.runs["ci"], "check-ci", "Step 2 adds the ci profile.")
    rows = metrics["rows"]
    if not isinstance(rows, int | float) or not 30 <= rows <= 120:
        fail(f"train --profile ci trained on {rows} birds; expected the sample's 30 to 120.")


@pytest.mark.expensive
def test_train_with_the_defaults_writes_the_golden_numbers_and_a_skops_model(session):
    """train with the defaults writes outputs/metrics.json with stage 6's numbers, and outputs/model.skops."""
    run = session.runs["defaults"]
    metrics = read_metrics(run, "outputs", "Steps 3 and 4 of the README build train.")
    compare(metrics, AS_DEFAULTS, "outputs", "the defaults")
    model = run.folder / "outputs" / "model.skops"
    assert model.is_file(), "train wrote outputs/metrics.json but no outputs/model.skops."
    if not is_skops_file(model):
        fail(
            "outputs/model.skops is not a skops file. Save the fitted pipeline with "
            "skops.io.dump(model, path) or skops.io.dumps(model), never with pickle or joblib."
        )


@pytest.mark.expensive
def test_a_profile_and_set_flags_give_their_own_correct_metrics(session):
    """train --profile check and train --set ... write their own, different, correct metrics."""
    profile = read_metrics(session.runs["profile"], "outputs/profile", "")
    compare(
        profile,
        AS_PROFILE,
        "outputs/profile",
        "--profile check (alpha 10, seed 7, test_fraction 0.25, folds 4)",
    )
    flags = read_metrics(session.runs["flags"], "outputs/flags", "")
    compare(flags, AS_FLAGS, "outputs/flags", "--set alpha=0.1 --set seed=3")


@pytest.mark.expensive
def test_environment_variables_override_the_settings_file(session):
    """PENGUIN_MASS_ALPHA, _SEED, _TEST_FRACTION, _FOLDS and _OUTPUT_DIR reach the run."""
    run = session.runs["environment"]
    metrics = read_metrics(run, "outputs/env", "Is PENGUIN_MASS_OUTPUT_DIR read at all?")
    compare(
        metrics,
        AS_PROFILE,
        "outputs/env",
        "PENGUIN_MASS_ALPHA=10, _SEED=7, _TEST_FRACTION=0.25 and _FOLDS=4",
    )


@pytest.mark.expensive
def test_flags_beat_the_environment_and_the_environment_beats_the_profile(session):
    """--set beats PENGUIN_MASS_SEED, which beats the profile; --profile beats PENGUIN_MASS_PROFILE."""
    mixed = read_metrics(session.runs["mixed"], "outputs/mixed", "")
    compare(
        mixed, AS_MIXED, "outputs/mixed",
        "PENGUIN_MASS_PROFILE=check (alpha 10, seed 7, test_fraction 0.25, folds 4), "
        "PENGUIN_MASS_ALPHA=0.1, PENGUIN_MASS_SEED=99 and --set seed=3",
    )  # fmt: skip
    chosen = read_metrics(session.runs["profile-flag"], "outputs/profile-flag", "")
    compare(
        chosen, AS_PROFILE, "outputs/profile-flag", "PENGUIN_MASS_PROFILE=other and --profile check"
    )


@pytest.mark.parametrize("case", BAD_SETTINGS, ids=lambda case: case.id)
@pytest.mark.expensive
def test_bad_settings_stop_with_one_line_exit_2_and_no_output(session, case):
    """Bad settings or usage: exit 2, one line naming the field, no traceback, no file written."""
    stopped_cleanly(session, case)


@pytest.mark.parametrize("case", BAD_DATA, ids=lambda case: case.id)
@pytest.mark.expensive
def test_bad_data_stops_with_one_line_exit_3_and_the_last_outputs_left_as_they_were(session, case):
    """Bad data: exit 3, one line naming the column, no traceback, every file as it was before."""
    stopped_cleanly(session, case)


@pytest.mark.expensive
def test_evaluate_prints_the_scores_of_the_saved_model(session):
    """evaluate prints, as JSON, the saved model's scores on the held-out birds."""
    scores = read_scores(session.runs["evaluate"])
    expected = {"ridge_mae_g": AS_DEFAULTS.ridge_mae_g, **AS_DEFAULTS.more}
    off = [
        f"{key} {scores[key]!r} (expected {want!r})"
        for key, want in expected.items()
        if key in scores and not _same(scores[key], want)
    ]
    assert not off, (
        f"evaluate with the defaults printed {'; '.join(off)}: not the scores train recorded. Does "
        "it load outputs/model.skops and score the same held-out birds (same seed and fraction)?"
    )


@pytest.mark.expensive
def test_predict_writes_a_prediction_for_every_bird_in_order(session):
    """predict --input CSV --output CSV writes predicted_body_mass_g for each input row, in order."""
    found = read_predictions(session.runs["predict"])
    assert len(found) == len(PREDICTIONS), (
        f"predict got {len(PREDICTIONS)} birds (the export's columns, no body mass) and wrote "
        f"{len(found)} rows; expected one row per bird. Birds without a body mass are the ones to predict."
    )
    assert found == pytest.approx(PREDICTIONS, abs=1.0), (
        f"predict wrote {[round(value) for value in found]} g; the model trained with the defaults "
        f"gives {[round(value) for value in PREDICTIONS]} g for these birds, in this order."
    )


@pytest.mark.expensive
def test_predict_gives_no_mass_to_a_bird_with_no_body_measurement(session):
    """predict leaves the mass empty for a bird without culmen or flipper measurements."""
    left_the_unmeasured_bird_empty(session)


@pytest.mark.expensive
def test_a_model_file_with_unexpected_types_is_refused(session):
    """evaluate refuses a model.skops holding a type outside your allow-list, in one line naming it."""
    refused_untrusted_model(session)


@pytest.mark.expensive
def test_the_import_contracts_still_hold(session):
    """lint-imports keeps every contract of your import-linter configuration."""
    if "lint" not in session.runs:
        fail(
            "No import-linter configuration was found (stage 6 put its contracts in .importlinter "
            "or pyproject.toml); the layers need their contracts at every later stage."
        )
    run = session.runs["lint"]
    assert run.code == 0, (
        "lint-imports breaks a contract. Run it in the workspace folder; where do the new modules "
        f"(settings, validation, workflow, entry point) sit in your layers?\n{tail(run.stdout)}"
    )


@pytest.mark.expensive
def test_your_tests_pass(session):
    """Your tests, golden master included, pass."""
    run = session.runs["tests"]
    assert run.code == 0, (
        "Your tests did not all pass"
        + (" (no tests ran)" if run.code == 5 else "")
        + ". Run pytest in the workspace and read the first failure.\n"
        + tail(run.stdout + run.stderr)
    )
    # pytest's summary counts "N skipped" and the expected failures (spelt in two parts here, so that the
    # scan for checks that skip does not take this line for one).
    skipped = re.search(r"\b(\d+) (skipped|x" r"failed)\b", tail(run.stdout, 3))
    assert not skipped, (
        f"Your tests pass, but {skipped.group(1)} {skipped.group(2)}: here the data and every "
        "library are present, so a skipped test proves nothing. Run pytest -rs in the workspace "
        "to see why each one skips.\n" + tail(run.stdout, 3)
    )


@pytest.mark.expensive
def test_the_notebook_still_runs(workspace, session):
    """The notebook is in sync with analysis.py, and analysis.py runs top to bottom."""
    problem = notebook_pair_in_sync(workspace / "analysis.ipynb")
    if problem:
        fail(problem)
    run = session.runs["notebook"]
    assert run.code == 0, (
        f"analysis.py (the notebook's paired script) stopped: {run.last_words()}. Restart the "
        "kernel and run all cells to see where."
    )


@pytest.mark.expensive
def test_the_notebook_still_reports_stage_6_s_numbers(session):
    """With no PENGUIN_MASS_* variable set, the notebook's results are stage 6's numbers."""
    results = read_notebook_results(session.runs["notebook"])
    expected = {"train_rows": AS_DEFAULTS.train_rows, "test_rows": AS_DEFAULTS.test_rows,
                "ridge_mae_g": AS_DEFAULTS.ridge_mae_g, "cv_mae_g": AS_DEFAULTS.cv_mae_g,
                **AS_DEFAULTS.more}  # fmt: skip
    wrong = {
        key: results.get(key)
        for key, value in expected.items()
        if not isinstance(results.get(key), int | float)
        or results[key] != pytest.approx(value, rel=1e-9)
    }
    assert not wrong, (
        f"The notebook now reports {wrong}; with the defaults it must report stage 6's numbers "
        f"({ {key: round(value, 2) for key, value in expected.items()} }). Does it read a profile "
        "other than the defaults? Step 7: with no PENGUIN_MASS_* variable set, the same numbers; "
        "and the golden master must keep pinning them, not be re-recorded."
    )
