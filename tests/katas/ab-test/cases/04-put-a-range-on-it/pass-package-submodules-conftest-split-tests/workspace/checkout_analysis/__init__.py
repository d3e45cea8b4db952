"""The checkout test's readout, as functions: read the log, clean it, count users, compare.

Each function takes a data frame and returns a new value; none changes the frame it is given.
"""

from checkout_analysis.cleaning import BOT_MARKERS, drop_duplicate_events, remove_bots
from checkout_analysis.intervals import difference_interval, uplift_interval
from checkout_analysis.loading import load_events
from checkout_analysis.resampling import bootstrap_uplift_interval
from checkout_analysis.users import (
    CONTROL,
    TREATMENT,
    per_user_p_value,
    relative_uplift,
    user_conversion_by_variant,
    users_table,
)

__all__ = [
    "BOT_MARKERS",
    "CONTROL",
    "TREATMENT",
    "bootstrap_uplift_interval",
    "difference_interval",
    "drop_duplicate_events",
    "load_events",
    "per_user_p_value",
    "relative_uplift",
    "remove_bots",
    "uplift_interval",
    "user_conversion_by_variant",
    "users_table",
]
