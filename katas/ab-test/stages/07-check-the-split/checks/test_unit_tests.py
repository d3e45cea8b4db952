"""Checks for ab-test stage 7: unit tests of the split check, on counts built by hand, catch every
slip in it. They are judged on their own, without tests/test_golden_master.py and without the data
folder."""

from readout_checks import MODULE

from kata.harness.unit_tests import UnitTestChecks

CHECKS = UnitTestChecks(
    "tests/test_golden_master.py",
    module=MODULE,
    missing="Step 4 of the README tests the split check.",
    built_by_hand="users per variant",
    what_is_slow="A split check is one chi-squared test: counts typed in the test are enough.",
    slip_advice=(
        "Pin p-values recorded from scipy.stats.chisquare (two variants and three, a ramp), a "
        "refusal in each direction, alpha honoured, and a split half a point off with 200,000 users."
    ),
)

unit_run = CHECKS.unit_run()
test_your_unit_tests_pass_on_counts_built_by_hand = CHECKS.pass_alone()
test_your_unit_tests_run_in_seconds = CHECKS.run_in_seconds()
test_your_unit_tests_catch_every_slip_in_the_split_check = CHECKS.catch_every_slip(
    "Your unit tests fail on each deliberately broken split check."
)
test_your_unit_tests_survive_a_rewrite_that_changes_nothing = CHECKS.survive_rewrites()
