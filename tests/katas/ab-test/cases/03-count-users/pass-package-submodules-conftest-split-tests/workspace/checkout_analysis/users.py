"""One row per user, and the users per variant."""

import pandas as pd


def users_table(events: pd.DataFrame) -> pd.DataFrame:
    """Per user (index user_id): variant, views, orders, converted and revenue_eur (0.0 for none)."""
    is_order = events["event"].eq("order")
    flags = pd.DataFrame(
        {
            "user_id": events["user_id"].to_numpy(),
            "variant": events["variant"].to_numpy(),
            "is_view": events["event"].eq("checkout_view").to_numpy(),
            "is_order": is_order.to_numpy(),
            "value": events["order_value_eur"].where(is_order).fillna(0.0).to_numpy(dtype=float),
        }
    )
    users = flags.groupby("user_id", sort=True).agg(
        variant=("variant", "first"),
        views=("is_view", "sum"),
        orders=("is_order", "sum"),
        revenue_eur=("value", "sum"),
    )
    return users.assign(
        views=users["views"].astype(int),
        orders=users["orders"].astype(int),
        converted=users["orders"] >= 1,
        revenue_eur=users["revenue_eur"].astype(float),
    )[["variant", "views", "orders", "converted", "revenue_eur"]]


def user_conversion_by_variant(users: pd.DataFrame) -> pd.DataFrame:
    """Per variant: users, converters, conversion, revenue_eur and revenue_per_user_eur."""
    grouped = users.groupby("variant")
    return pd.DataFrame(
        {
            "users": grouped.size(),
            "converters": grouped["converted"].sum().astype(int),
            "revenue_eur": grouped["revenue_eur"].sum(),
        }
    ).assign(
        conversion=lambda t: t["converters"] / t["users"],
        revenue_per_user_eur=lambda t: t["revenue_eur"] / t["users"],
    )
