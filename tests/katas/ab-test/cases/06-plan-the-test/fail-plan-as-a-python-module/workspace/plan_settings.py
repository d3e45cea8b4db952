"""The plan of the checkout test's re-run, agreed with Lena on 20 March 2026."""

BASELINE_CONVERSION = 0.157  # February, per user
MINIMUM_DETECTABLE_UPLIFT = 0.10  # below +10 % the page does not pay
ALPHA = 0.05
POWER = 0.8
USERS_PER_DAY = 336  # per variant
