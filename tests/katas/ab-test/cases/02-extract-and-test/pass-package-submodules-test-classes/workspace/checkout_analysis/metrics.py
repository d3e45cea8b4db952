import pandas as pd
from scipy.stats import chi2_contingency


def conversion_by_variant(events):
    """Per variant: checkout views, orders, orders per view, revenue and revenue per view."""
    is_view = events["event"].eq("checkout_view")
    is_order = events["event"].eq("order")
    grouped = pd.DataFrame(
        {
            "variant": events["variant"],
            "views": is_view.astype(int),
            "orders": is_order.astype(int),
            "revenue_eur": events["order_value_eur"].where(is_order, 0.0).fillna(0.0),
        }
    ).groupby("variant")[["views", "orders", "revenue_eur"]].sum()
    return pd.DataFrame(
        {
            "views": grouped["views"],
            "orders": grouped["orders"],
            "conversion": grouped["orders"] / grouped["views"],
            "revenue_eur": grouped["revenue_eur"],
            "revenue_per_view_eur": grouped["revenue_eur"] / grouped["views"],
        }
    )


def relative_uplift(table, control="control", treatment="new_checkout"):
    rates = table["conversion"]
    return float(rates[treatment] / rates[control] - 1)


def chi_squared_p_value(table, control="control", treatment="new_checkout"):
    rows = table.loc[[control, treatment]]
    contingency = [[o, v - o] for o, v in zip(rows["orders"], rows["views"])]
    _, p_value, _, _ = chi2_contingency(contingency)
    return float(p_value)
