"""per_user_p_value."""

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from checkout_analysis import per_user_p_value


def test_it_is_scipys_corrected_chi_squared_on_converters_and_the_others():
    table = pd.DataFrame({"users": [120, 130], "converters": [18, 31]}, index=["control", "new_checkout"])
    corrected = chi2_contingency([[18, 102], [31, 99]])[1]
    uncorrected = chi2_contingency([[18, 102], [31, 99]], correction=False)[1]
    assert corrected != pytest.approx(uncorrected)
    assert per_user_p_value(table) == pytest.approx(corrected)


def test_the_variant_names_can_be_given():
    table = pd.DataFrame({"users": [40, 40], "converters": [4, 12]}, index=["A", "B"])
    assert per_user_p_value(table, control="A", treatment="B") == pytest.approx(
        chi2_contingency([[4, 36], [12, 28]])[1]
    )
