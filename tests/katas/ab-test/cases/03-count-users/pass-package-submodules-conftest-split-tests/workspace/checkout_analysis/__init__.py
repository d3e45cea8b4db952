"""The checkout test's readout per user, as functions. None changes the frame it is given."""

from checkout_analysis.cleaning import BOT_MARKERS, drop_duplicate_events, remove_bots
from checkout_analysis.loading import load_events
from checkout_analysis.resampling import bootstrap_uplift_interval
from checkout_analysis.testing import per_user_p_value, relative_uplift
from checkout_analysis.users import user_conversion_by_variant, users_table

__all__ = [
    "BOT_MARKERS",
    "bootstrap_uplift_interval",
    "drop_duplicate_events",
    "load_events",
    "per_user_p_value",
    "relative_uplift",
    "remove_bots",
    "user_conversion_by_variant",
    "users_table",
]
