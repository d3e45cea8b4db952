"""Checks for ab-test stage 8: unit tests of the decision rule, on readouts built by hand, catch
every slip in it. They are judged on their own, without tests/test_golden_master.py and without
the data folder."""

from readout_checks import MODULE

from kata.harness.unit_tests import UnitTestChecks

CHECKS = UnitTestChecks(
    "tests/test_golden_master.py",
    module=MODULE,
    missing="Step 3 of the README tests the decision rule.",
    built_by_hand="readouts",
    what_is_slow="A readout for decide is a dictionary of two keys, typed in the test.",
    slip_advice=(
        "Decide each of the three outcomes, an interval above 0 and below the bar, the same "
        "interval with two plans, intervals touching 0 and the bar, and a failed split."
    ),
)

unit_run = CHECKS.unit_run()
test_your_unit_tests_pass_on_readouts_built_by_hand = CHECKS.pass_alone()
test_your_unit_tests_run_in_seconds = CHECKS.run_in_seconds()
test_your_unit_tests_catch_every_slip_in_the_decision_rule = CHECKS.catch_every_slip(
    "Your unit tests fail on each deliberately broken decision rule."
)
test_your_unit_tests_survive_a_rewrite_that_changes_nothing = CHECKS.survive_rewrites()
