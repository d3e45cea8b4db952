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

# %%
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
df.shape

# %% [markdown]
# Bots (crawlers, scripts, headless browsers) out; the orders stored twice on 11 March counted once.

# %%
df = remove_bots(df)
df = drop_duplicate_events(df)
df.shape

# %% [markdown]
# ## Conversion per user
#
# conversion = users who ordered at least once / users who reached the checkout

# %%
users = users_table(df)
table = user_conversion_by_variant(users)
table

# %%
uplift = relative_uplift(table)
p = per_user_p_value(table)
ci = bootstrap_uplift_interval(users, resamples=200, level=0.95, random_state=42)
print(f"uplift {uplift:.1%}, p {p:.2f}, 95% CI {ci[0]:.1%} to {ci[1]:.1%}")

# %% [markdown]
# ## Results for Lena

# %%
results = {
    "users": {variant: int(n) for variant, n in table["users"].items()},
    "converters": {variant: int(n) for variant, n in table["converters"].items()},
    "conversion": {variant: float(c) for variant, c in table["conversion"].items()},
    "uplift": uplift,
    "p_value": p,
    "uplift_ci": list(ci),
    "revenue_per_user_eur": {variant: float(r) for variant, r in table["revenue_per_user_eur"].items()},
}
results

# %% [markdown]
# **Not significant.** Per user the new checkout converts 16.0 % against 15.7 % (+2 %, 95 % CI about
# -9 % to +12 %, p = 0.72). Revenue per user is about the same. The "winner" of the first readout was
# bots, duplicated orders and views counted as independent users.
