# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---


# %% [markdown]
# # New checkout: A/B test readout
#
# Lena (product) asked on Friday whether we can ship the new checkout page. The test started on Monday
# 2 March, users split 50/50 between the old checkout (`control`) and the new one (`new_checkout`),
# planned for four weeks. Export of `checkout_events` from the warehouse, pulled Sunday 15 March.
#
# Users were randomised, so users are counted: a user who comes back is one user, an event sent twice
# is one event.

# %%
import pandas as pd
import matplotlib.pyplot as plt

from checkout_analysis import (
    bootstrap_uplift_interval,
    drop_duplicate_events,
    load_events,
    per_user_p_value,
    relative_uplift,
    remove_bots,
    user_conversion_by_variant,
    users_table,
)

# %%
df = load_events("../data/checkout_events.csv")
df = remove_bots(df)
df = drop_duplicate_events(df)
df["day"] = df["timestamp"].dt.date
len(df)

# %%
users = users_table(df)
table = user_conversion_by_variant(users)
table

# %%
uplift = relative_uplift(table)
p = per_user_p_value(table)
print(f"uplift per user {uplift:.1%}, p {p:.3f}")

# %% [markdown]
# ## Daily check, per user
#
# What the evening check would have said had it counted users (cumulative since the start).

# %%
daily = pd.DataFrame(
    [
        {"day": d, "p": per_user_p_value(user_conversion_by_variant(users_table(df[df["day"] <= d])))}
        for d in sorted(df["day"].unique())
    ]
)
fig, ax = plt.subplots(figsize=(7, 3))
ax.plot(daily["day"], daily["p"], marker="o")
ax.axhline(0.05, color="red", linestyle="--")
ax.set_ylabel("p-value per user")
fig.autofmt_xdate()

# %% [markdown]
# ## Bootstrap interval, drawing users

# %%
ci = bootstrap_uplift_interval(users, resamples=200, level=0.95, random_state=42)
ci

# %% [markdown]
# ## Results for Lena

# %%
columns = table.to_dict()
results = {
    "users": columns["users"],
    "converters": columns["converters"],
    "conversion": columns["conversion"],
    "uplift": uplift,
    "p_value": p,
    "uplift_ci": list(ci),
    "revenue_per_user_eur": columns["revenue_per_user_eur"],
}
results

# %% [markdown]
# **Not a winner.** Counting users on the clean log: conversion 16.0 % vs 15.7 %, uplift +2 % with a
# 95 % interval of about -9 % to +12 %, p = 0.72, and the per-user p-value was never below 0.05 on any
# evening. Keep the test running (or decide on another basis); there is no evidence of an effect yet.
