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
# users split 50/50 between the old checkout (`control`) and the new one (`new_checkout`), planned for
# four weeks; export of `checkout_events` pulled Sunday 15 March.

# %%
import checkout_analysis as ca

# %%
df = ca.load_events("../data/checkout_events.csv")
df.shape

# %% [markdown]
# ## Look at the log

# %%
by_agent = df.groupby("user_agent")["event"].value_counts().unstack(fill_value=0)
by_agent.sort_values("checkout_view", ascending=False)

# %%
copies = df[df["event_id"].duplicated(keep=False)]
copies.groupby([copies["timestamp"].dt.date, "variant", "event"]).size()

# %% [markdown]
# Every user agent with `bot` (any case), `python-requests` or `Headless` views the checkout dozens of
# times and never buys; 65 order rows of 11 March are stored twice. Clean both.

# %%
df = ca.drop_duplicate_events(ca.remove_bots(df, markers=ca.BOT_MARKERS))
len(df)

# %% [markdown]
# ## Per user (the unit that was randomised)

# %%
users = ca.users_table(df)
(users["views"] > 1).mean()

# %%
table = ca.user_conversion_by_variant(users)
table

# %%
uplift = ca.relative_uplift(table)
p = ca.per_user_p_value(table)
ci = ca.bootstrap_uplift_interval(users, resamples=200, level=0.95, random_state=42)
print(f"per user: uplift {uplift:+.1%}, 95% CI {ci[0]:+.1%} to {ci[1]:+.1%}, p {p:.2f}")

# %% [markdown]
# For comparison, the same clean log counted per checkout view (the old readout's unit):

# %%
per_view = ca.conversion_by_variant(df)
uplift_per_view = ca.relative_uplift(per_view)
print(f"per view: uplift {uplift_per_view:+.1%}, p {ca.chi_squared_p_value(per_view):.2f}")

# %% [markdown]
# ## Results for Lena

# %%
results = {
    key: {variant: kind(value) for variant, value in table[key].items()}
    for key, kind in (("users", int), ("converters", int), ("conversion", float))
}
results["uplift"] = uplift
results["p_value"] = p
results["uplift_ci"] = list(ci)
results["revenue_per_user_eur"] = {variant: float(value) for variant, value in table["revenue_per_user_eur"].items()}
results["uplift_per_view"] = uplift_per_view
results

# %% [markdown]
# **The test shows no effect we can distinguish from noise.** Per user the new checkout converts
# +2.0 % better (95 % interval about -9 % to +12 %, p = 0.72). The per-view readout on the clean log
# says much the same; the +10.6 % we reported was bots and orders stored twice.
