"""Checks for ab-test stage 5: unit tests on counts built by hand and on simulated experiments catch
every slip in the stopping rule. They are judged on their own, without tests/test_golden_master.py
and without the data folder."""

from readout_checks import MODULE

from kata.harness.unit_tests import UnitTestChecks

CHECKS = UnitTestChecks(
    "tests/test_golden_master.py",
    module=MODULE,
    missing="Step 4 of the README tests the rule.",
    built_by_hand="counts built by hand and simulated",
    what_is_slow=(
        "Simulate with numpy arrays, not a loop over experiments; 2,000 experiments are enough."
    ),
    slip_advice=(
        "Noor's rule needs a simulation test of the A/A rate; the others need a look you know, "
        "a control that wins, another alpha, or an effect no rule can miss."
    ),
)

unit_run = CHECKS.unit_run()
test_your_unit_tests_pass_on_logs_built_by_hand = CHECKS.pass_alone()
test_your_unit_tests_run_in_seconds = CHECKS.run_in_seconds()
test_your_unit_tests_catch_every_slip_in_the_rule = CHECKS.catch_every_slip(
    "Your unit tests fail on each deliberately broken stopping rule."
)
test_your_unit_tests_survive_a_rewrite_that_changes_nothing = CHECKS.survive_rewrites()
