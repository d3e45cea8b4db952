"""Checks for ab-test stage 6: unit tests of the power calculation, with values you recorded and a
simulation of the promised power, catch every slip in it. They are judged on their own, without
tests/test_golden_master.py and without the data folder."""

from readout_checks import MODULE

from kata.harness.unit_tests import UnitTestChecks

CHECKS = UnitTestChecks(
    "tests/test_golden_master.py",
    module=MODULE,
    missing="Step 4 of the README tests the power calculation.",
    built_by_hand="recorded values and simulated tests",
    what_is_slow="Simulate the tests with numpy's binomial draws, a few thousand at once.",
    slip_advice=(
        "Pin exact values recorded from statsmodels or by hand (users are a whole number, "
        "rounded up), at more than one alpha and power, for both functions."
    ),
)

unit_run = CHECKS.unit_run()
test_your_unit_tests_pass_on_logs_built_by_hand = CHECKS.pass_alone()
test_your_unit_tests_run_in_seconds = CHECKS.run_in_seconds()
test_your_unit_tests_catch_every_slip_in_the_power_calculation = CHECKS.catch_every_slip(
    "Your unit tests fail on each deliberately broken power calculation."
)
test_your_unit_tests_survive_a_rewrite_that_changes_nothing = CHECKS.survive_rewrites()
