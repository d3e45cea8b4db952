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
# Lena (product) asked whether we can ship the new checkout page. The test started on Monday 2 March,
# users split 50/50 between the old checkout (`control`) and the new one (`new_checkout`). Export of
# `checkout_events` from the warehouse, pulled Sunday 15 March.
#
# Users were randomised once each, so the readout counts users: one row per user, then a test of
# converters against the other users.

# %%
import matplotlib.pyplot as plt

import checkout_analysis as ca

# %%
events = ca.load_events("../data/checkout_events.csv")
events.shape

# %% [markdown]
# ## Cleaning
#
# Crawlers, scripts and headless browsers view the checkout dozens of times and never order; and the
# order confirmations of the new checkout on 11 March were stored twice (same `event_id`).

# %%
without_bots = ca.remove_bots(events)
clean = ca.drop_duplicate_events(without_bots)
print(len(events) - len(without_bots), "bot events,", len(without_bots) - len(clean), "copies")

# %% [markdown]
# ## Users

# %%
users = ca.users_table(clean)
users["views"].value_counts().sort_index().plot.bar(title="checkout views per user")
plt.show()

# %%
table = ca.user_conversion_by_variant(users)
table

# %%
uplift = ca.relative_uplift(table)
p = ca.per_user_p_value(table)
ci = ca.bootstrap_uplift_interval(users, resamples=200, level=0.95, random_state=42)
uplift, p, ci

# %% [markdown]
# ## Results for Lena

# %%
results = {
    "users": {v: int(n) for v, n in table["users"].items()},
    "converters": {v: int(n) for v, n in table["converters"].items()},
    "conversion": {v: float(c) for v, c in table["conversion"].items()},
    "uplift": uplift,
    "p_value": p,
    "uplift_ci": [float(ci[0]), float(ci[1])],
    "revenue_per_user_eur": {v: float(r) for v, r in table["revenue_per_user_eur"].items()},
}
results

# %% [markdown]
# **Don't ship on this evidence.** Per user, the new checkout converts 16.0 % against 15.7 %
# (+2.0 %, 95 % interval about -9 % to +12 %, p = 0.72). The +10.6 % of the first readout came from
# counting bots and duplicated orders, and from treating every view as independent.
