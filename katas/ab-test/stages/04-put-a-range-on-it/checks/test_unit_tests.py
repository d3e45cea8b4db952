"""Checks for ab-test stage 4: unit tests on tables built by hand catch every slip in the two
intervals. They are judged on their own, without tests/test_golden_master.py and without the
data folder."""

from readout_checks import MODULE

from kata.harness.unit_tests import UnitTestChecks

CHECKS = UnitTestChecks(
    "tests/test_golden_master.py",
    module=MODULE,
    missing="Step 3 of the README tests both intervals.",
    built_by_hand="small tables",
    what_is_slow=(
        "Look for a bootstrap with thousands of resamples or a big log; small tables and a few "
        "dozen resamples are enough."
    ),
    slip_advice=(
        "For each, which input shows it: another level, variants of different sizes, the "
        "variants swapped, or how far each end lies from the estimate?"
    ),
)

unit_run = CHECKS.unit_run()
test_your_unit_tests_pass_on_logs_built_by_hand = CHECKS.pass_alone()
test_your_unit_tests_run_in_seconds = CHECKS.run_in_seconds()
test_your_unit_tests_catch_every_slip_in_the_intervals = CHECKS.catch_every_slip(
    "Your unit tests fail on each deliberately broken interval."
)
test_your_unit_tests_survive_a_rewrite_that_changes_nothing = CHECKS.survive_rewrites()
