"""Checks for ab-test stage 2: unit tests on event logs built by hand, which catch every slip in the
functions. They are judged on their own, without tests/test_golden_master.py and without the data
folder, so that only tests on logs built by hand can pass and catch the slips."""

from readout_checks import MODULE

from kata.harness.unit_tests import UnitTestChecks

CHECKS = UnitTestChecks(
    "tests/test_golden_master.py",
    module=MODULE,
    missing="Steps 4 and 5 of the README start tests/test_checkout_analysis.py.",
    built_by_hand="a few rows of a log",
    what_is_slow=(
        "Look for a bootstrap with thousands of resamples or a big log; a few rows and a few "
        "dozen resamples are enough."
    ),
    slip_advice=(
        "For each, which function is broken, and which value would a test of it on a few rows "
        "built by hand see change?"
    ),
)

unit_run = CHECKS.unit_run()
test_your_unit_tests_pass_on_logs_built_by_hand = CHECKS.pass_alone()
test_your_unit_tests_run_in_seconds = CHECKS.run_in_seconds()
test_your_unit_tests_catch_every_slip_in_the_functions = CHECKS.catch_every_slip(
    "Your unit tests fail on each deliberately broken function of checkout_analysis."
)
test_your_unit_tests_survive_a_rewrite_that_changes_nothing = CHECKS.survive_rewrites()
