"""Users, their conversion per variant, and the comparison of two variants."""

import pandas as pd
from scipy.stats import chi2_contingency

CONTROL = "control"
TREATMENT = "new_checkout"


def users_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per user: variant, checkout views, orders, converted and revenue."""
    is_view = events["event"] == "checkout_view"
    is_order = events["event"] == "order"
    per_user = events.assign(
        views=is_view.astype(int),
        orders=is_order.astype(int),
        revenue_eur=events["order_value_eur"].where(is_order, 0.0).fillna(0.0),
    ).groupby("user_id")
    users = per_user.agg(
        variant=("variant", "first"),
        views=("views", "sum"),
        orders=("orders", "sum"),
        revenue_eur=("revenue_eur", "sum"),
    )
    users["converted"] = users["orders"] > 0
    return users[["variant", "views", "orders", "converted", "revenue_eur"]]


def user_conversion_by_variant(users: pd.DataFrame) -> pd.DataFrame:
    """Per variant: users, users who converted, converters per user, revenue and revenue per user."""
    table = users.groupby("variant").agg(
        users=("converted", "size"),
        converters=("converted", "sum"),
        revenue_eur=("revenue_eur", "sum"),
    )
    table["converters"] = table["converters"].astype(int)
    table["conversion"] = table["converters"] / table["users"]
    table["revenue_per_user_eur"] = table["revenue_eur"] / table["users"]
    return table


def relative_uplift(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """How much higher the treatment's conversion is than the control's, as a fraction."""
    return float(table.loc[treatment, "conversion"] / table.loc[control, "conversion"] - 1)


def per_user_p_value(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """The p-value of a chi-squared test of converters against the other users (scipy's default,
    with Yates' continuity correction)."""
    counts = [
        [table.loc[name, "converters"], table.loc[name, "users"] - table.loc[name, "converters"]]
        for name in (control, treatment)
    ]
    return float(chi2_contingency(counts)[1])
