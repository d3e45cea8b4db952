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
# # New checkout: A/B test readout, per user
#
# Lena (product) asked whether we can ship the new checkout page. Users were split 50/50 between the
# old checkout (`control`) and the new one (`new_checkout`) from Monday 2 March; the export was pulled
# on Sunday 15 March. Users were randomised, so users are what this readout counts.

# %%
import pandas as pd

from checkout_analysis import (
    BOT_MARKERS,
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
log = load_events("../data/checkout_events.csv")
log.shape

# %% [markdown]
# ## What the log holds
#
# User agents that load the checkout dozens of times and never buy, and event ids stored twice.

# %%
log.pivot_table(index="user_agent", columns="event", values="event_id", aggfunc="count", fill_value=0)

# %%
log[log["event_id"].duplicated(keep=False)]["timestamp"].dt.date.value_counts()

# %% [markdown]
# ## Clean: no bots (markers: see `BOT_MARKERS`), every event once

# %%
clean = drop_duplicate_events(remove_bots(log))
BOT_MARKERS, len(log), len(clean)

# %% [markdown]
# ## Users

# %%
users = users_table(clean)
users["views"].describe()

# %%
per_variant = user_conversion_by_variant(users)
per_variant

# %%
uplift = relative_uplift(per_variant)
p_value = per_user_p_value(per_variant)
interval = bootstrap_uplift_interval(users, resamples=200, level=0.95, random_state=42)

# %% [markdown]
# ## Results for Lena

# %%
results = {
    "users": per_variant["users"].astype(int).to_dict(),
    "converters": per_variant["converters"].astype(int).to_dict(),
    "conversion": per_variant["conversion"].astype(float).to_dict(),
    "uplift": uplift,
    "p_value": p_value,
    "uplift_ci": [interval[0], interval[1]],
    "revenue_per_user_eur": per_variant["revenue_per_user_eur"].astype(float).to_dict(),
}
print(f"Uplift per user {uplift:+.1%}, 95% interval {interval[0]:+.1%} to {interval[1]:+.1%}, p = {p_value:.2f}")
results

# %% [markdown]
# **No evidence that the new checkout converts better.** Per user, on a log without bots and without
# the orders stored twice on 11 March, conversion is 15.7 % against 16.0 %, p = 0.72, and the
# interval runs from about -9 % to +12 %. The earlier +10.6 % was mostly the data collection.
