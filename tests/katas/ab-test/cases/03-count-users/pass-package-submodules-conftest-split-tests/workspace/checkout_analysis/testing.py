"""Comparing the variants."""

import pandas as pd
from scipy.stats import chi2_contingency

CONTROL = "control"
TREATMENT = "new_checkout"


def relative_uplift(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """How much higher the treatment's conversion is than the control's, as a fraction."""
    return float(table.loc[treatment, "conversion"] / table.loc[control, "conversion"] - 1)


def per_user_p_value(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """scipy's chi-squared p-value, continuity-corrected, of converters against other users."""
    rows = table.loc[[control, treatment]]
    observed = [[int(row.converters), int(row.users - row.converters)] for row in rows.itertuples()]
    return float(chi2_contingency(observed, correction=True).pvalue)
