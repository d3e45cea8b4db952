"""Stage 7 checks tell a pipeline that runs anywhere from one that only runs on a good day.

Each case runs the stage's checks the way `kata check` does (see test_penguins_checks.py for
`build` and `check_only`): all of them on an independently written alternative, which must pass;
and on the reference solution with realistic slips, only the checks the tests read, which must fail
on the checks that name the slips and pass the others.
"""

from __future__ import annotations

import pytest
from test_penguins_checks import (
    assert_fails_readably,
    assert_passes,
    build,
    check_only,
    passed_checks,
)

STAGE_6 = "06-separate-the-layers"
STAGE_7 = "07-run-it-anywhere"
BAD_SETTINGS = "test_bad_settings_stop_with_one_line_exit_2_and_no_output"
BAD_DATA = "test_bad_data_stops_with_one_line_exit_3_and_the_last_outputs_left_as_they_were"
UNTRUSTED = "test_a_model_file_with_unexpected_types_is_refused"
ENVIRONMENT = "test_environment_variables_override_the_settings_file"
PRECEDENCE = "test_flags_beat_the_environment_and_the_environment_beats_the_profile"
TRAIN_DEFAULTS = "test_train_with_the_defaults_writes_the_golden_numbers_and_a_skops_model"
EVALUATE = "test_evaluate_prints_the_scores_of_the_saved_model"
PROFILE_AND_FLAGS = "test_a_profile_and_set_flags_give_their_own_correct_metrics"
STILL_PASS = (TRAIN_DEFAULTS, EVALUATE, PROFILE_AND_FLAGS)

pytestmark = [pytest.mark.slow, pytest.mark.extended]  # see the extended marker


def outcomes(run, check):
    """{case id: (passed, message)} for each parametrized case of `check`."""
    found = {}
    for result in run.results:
        name, _, case = result.id.split("::")[-1].partition("[")
        if name == check:
            found[case.rstrip("]")] = (result.passed, result.message)
    return found


def test_stage_7_passes_argparse_in_main_with_hand_checked_dataclass_settings(
    tmp_path, check_stage
):
    """The stage 6 solution plus another team's stage 7: the whole command line in __main__.py
    (argparse with exit_on_error=False), a frozen dataclass checked by hand instead of pydantic,
    validation messages with the clean column names, other bounds, a sample of 50 birds elsewhere,
    NamedTemporaryFile for atomic writes, skops.io.load with the allow-list as `trusted`, a
    predictions file with two columns, and the notebook left with its own constants."""
    workspace = build(tmp_path, STAGE_6, overlays=["07-argparse-dataclass"])
    assert_passes(check_stage("penguins", 7, workspace))


@pytest.fixture(scope="module")
def four_slips(tmp_path_factory):
    """The reference solution with four slips, each caught by a check of its own, checked once.

    train opens metrics.json for writing before it reads the data, so bad data leaves it empty
    (the bad-data check); the model is loaded with every type it holds trusted (the untrusted-model
    check); ConfigError escapes to the interpreter (the bad-settings check); and PENGUIN_MASS_
    variables are never read (the environment and precedence checks). These were two workspaces of
    two slips each; merged, they cost one run of the stage's checks instead of two. What the second
    workspace showed by the bad-data check passing there (that neither the traceback nor the ignored
    environment spills into it) each bad-data message now shows by naming only the emptied file.
    """
    workspace = build(
        tmp_path_factory.mktemp("four-slips"),
        STAGE_7,
        edits=[
            ("penguin_mass/workflow.py", "from pathlib import Path\n", "import json\nfrom pathlib import Path\n"),
            (
                "penguin_mass/workflow.py",
                "    penguins = _load(settings)\n",
                "    settings.output_dir.mkdir(parents=True, exist_ok=True)\n"
                "    report = (settings.output_dir / METRICS_FILE).open('w')  # filled in at the end\n"
                "    penguins = _load(settings)\n",
            ),
            (
                "penguin_mass/workflow.py",
                "    save_json(metrics, settings.output_dir / METRICS_FILE)  # last: it describes the model\n",
                "    report.write(json.dumps(metrics))\n    report.close()\n",
            ),
            (
                "penguin_mass/storage.py",
                "    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))\n",
                "    unexpected = []  # whatever the file holds\n",
            ),
            ("penguin_mass/cli.py", "    except ConfigError as error:\n        return _error(error, EXIT_USAGE)\n", ""),
            ("penguin_mass/config.py", '    take(_from_environment(environ), "the environment")\n', ""),
        ],
    )  # fmt: skip
    return check_only(
        7, workspace, BAD_DATA, UNTRUSTED, BAD_SETTINGS, ENVIRONMENT, PRECEDENCE, *STILL_PASS
    )


def test_stage_7_fails_an_output_opened_before_the_work(four_slips):
    assert_fails_readably(four_slips, BAD_DATA)
    bad_data = outcomes(four_slips, BAD_DATA)
    for case in ("missing-column", "not-a-number", "out-of-range-value", "unknown-species"):
        passed, message = bad_data[case]
        assert not passed, f"{case} passed"
        # the one problem found: right exit code, one line naming the column, no traceback
        assert message.endswith("): changed outputs/metrics.json."), message
    assert bad_data["predict-out-of-range"][0], "predict writes atomically in this variant"


def test_stage_7_fails_a_blindly_trusted_model(four_slips):
    assert_fails_readably(four_slips, UNTRUSTED)
    assert "printed a traceback" in next(
        r.message for r in four_slips.failures if UNTRUSTED in r.id
    )


def test_stage_7_fails_tracebacks_on_bad_settings_and_an_ignored_environment(four_slips):
    assert_fails_readably(four_slips, BAD_SETTINGS, ENVIRONMENT, PRECEDENCE)
    bad_settings = outcomes(four_slips, BAD_SETTINGS)
    assert all(not passed for passed, _ in bad_settings.values()), bad_settings
    assert "printed a traceback" in bad_settings["unknown-field"][1]
    assert "exited with 0" in bad_settings["bad-environment"][1]  # the variable was not read
    environment = next(r.message for r in four_slips.failures if ENVIRONMENT in r.id)
    assert "outputs/env/metrics.json" in environment, environment


def test_stage_7_slips_leave_training_evaluating_and_profiles_passing(four_slips):
    assert set(STILL_PASS) <= passed_checks(four_slips)
