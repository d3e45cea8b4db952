"""Checks for ab-test stage 3: unit tests on logs built by hand catch every slip in the cleaning and
per-user functions. They are judged on their own, without tests/test_golden_master.py and without the
data folder."""

from readout_checks import MODULE

from kata.harness.unit_tests import UnitTestChecks

CHECKS = UnitTestChecks(
    "tests/test_golden_master.py",
    module=MODULE,
    missing="Step 7 of the README tests each new function.",
    built_by_hand="a few users' events",
    what_is_slow=(
        "Look for a bootstrap with thousands of resamples or a big log; a few users and a few "
        "dozen resamples are enough."
    ),
    slip_advice=(
        "For each, build the smallest log that shows the difference: a bot of that kind, an "
        "event stored twice, a user who comes back or orders twice."
    ),
)

unit_run = CHECKS.unit_run()
test_your_unit_tests_pass_on_logs_built_by_hand = CHECKS.pass_alone()
test_your_unit_tests_run_in_seconds = CHECKS.run_in_seconds()
test_your_unit_tests_catch_every_slip_in_counting_users = CHECKS.catch_every_slip(
    "Your unit tests fail on each deliberately broken cleaning or per-user function."
)
test_your_unit_tests_survive_a_rewrite_that_changes_nothing = CHECKS.survive_rewrites()
