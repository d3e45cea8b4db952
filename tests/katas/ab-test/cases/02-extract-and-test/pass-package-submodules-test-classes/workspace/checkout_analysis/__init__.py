"""The checkout A/B readout's logic, in four small modules."""

from checkout_analysis.cleaning import remove_bots
from checkout_analysis.loading import load_events
from checkout_analysis.metrics import chi_squared_p_value, conversion_by_variant, relative_uplift
from checkout_analysis.resampling import bootstrap_uplift_interval

__all__ = [
    "load_events",
    "remove_bots",
    "conversion_by_variant",
    "relative_uplift",
    "chi_squared_p_value",
    "bootstrap_uplift_interval",
]
