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
# planned for four weeks. I checked it every evening; it came out significant on Saturday the 14th, so
# I stopped it there. Export of `checkout_events` from the warehouse, pulled Sunday 15 March.

# %%
import pandas as pd
import numpy as np
import matplotlib.pyplot as plt
from scipy import stats

from checkout_analysis import (
    bootstrap_uplift_interval,
    chi_squared_p_value,
    conversion_by_variant,
    load_events,
    relative_uplift,
    remove_bots,
)

# %%
df = load_events("../data/checkout_events.csv")
df.head()

# %%
df.shape

# %%
df["event"].value_counts()

# %%
df["variant"].value_counts()

# %% [markdown]
# Roughly even split, good. Google crawls the checkout page too (the SEO team says it's harmless),
# filter it out.

# %%
df = remove_bots(df)
len(df)

# %%
df["day"] = df["timestamp"].dt.date

# %% [markdown]
# ## Conversion
#
# conversion = orders / checkout views

# %%
table = conversion_by_variant(df)
views, orders, conv = table["views"], table["orders"], table["conversion"]
conv

# %%
uplift = relative_uplift(table)
print(f"uplift {uplift:.1%}")

# %%
p = chi_squared_p_value(table)
print("p", p)

# %% [markdown]
# ## Daily check
#
# What I looked at every evening (cumulative since the start).

# %%
rows = []
for d in sorted(df["day"].unique()):
    sofar = df[df["day"] <= d]
    t = conversion_by_variant(sofar)
    rows.append({"day": d, "p": chi_squared_p_value(t), "uplift": relative_uplift(t)})
daily = pd.DataFrame(rows)
daily

# %%
fig, ax = plt.subplots(figsize=(7, 3))
ax.plot(daily["day"], daily["p"], marker="o")
ax.axhline(0.05, color="red", linestyle="--")
ax.set_ylabel("p-value")
ax.set_title("p-value so far, by day")
fig.autofmt_xdate()

# %% [markdown]
# ## Revenue

# %%
rev_per_view = table["revenue_per_view_eur"]
rev_per_view

# %%
aov = df[df["event"] == "order"].groupby("variant")["order_value_eur"].mean()
print(aov)
print("AOV uplift", aov["new_checkout"] / aov["control"] - 1)

# %%
# order values: any difference? (not really)
a = df[(df["event"] == "order") & (df["variant"] == "control")]["order_value_eur"]
b = df[(df["event"] == "order") & (df["variant"] == "new_checkout")]["order_value_eur"]
stats.ttest_ind(a, b)

# %% [markdown]
# ### Bootstrap interval (Lena wants a range, not just a p-value)
#
# Resample the events, recompute the uplift. Takes a few seconds.

# %%
ci = bootstrap_uplift_interval(df, resamples=200, level=0.95, random_state=42)
ci

# %% [markdown]
# ## Results for Lena

# %%
results = {
    "views": {variant: int(n) for variant, n in views.items()},
    "orders": {variant: int(n) for variant, n in orders.items()},
    "conversion": {variant: float(c) for variant, c in conv.items()},
    "uplift": float(uplift),
    "p_value": float(p),
    "uplift_ci": [float(ci[0]), float(ci[1])],
    "significant_since": str(daily.loc[daily["p"] < 0.05, "day"].min()),
    "revenue_per_view_eur": {variant: float(r) for variant, r in rev_per_view.items()},
}
print(f"Conversion: new checkout {conv['new_checkout']:.2%}, control {conv['control']:.2%}")
print(f"Uplift: +{uplift:.1%} (95% CI {ci[0]:.1%} to {ci[1]:.1%}), p = {p:.3f}")
print(f"Significant since: {daily.loc[daily['p'] < 0.05, 'day'].min()}")
print(f"Revenue per checkout view: {rev_per_view['new_checkout']:.2f} EUR vs {rev_per_view['control']:.2f} EUR")
results

# %% [markdown]
# **Ship it.** The new checkout converts about 10% better than the old one (p = 0.03, significant
# since Saturday), and revenue per checkout view is up as well.

# %% [markdown]
# ## Scratch

# %%
# app users convert better?
df["app"] = df["user_agent"].str.startswith("ShopApp")
df.groupby(["app", "variant"])["event"].apply(lambda e: (e == "order").sum() / (e == "checkout_view").sum())

# %%
# per session instead? same thing really
# df.groupby(["variant", "session_id"])["event"].apply(lambda e: (e == "order").any()).groupby("variant").mean()

# %%
