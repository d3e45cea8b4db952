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
# # New checkout: A/B test readout (per user)
#
# Users were assigned once, at random, to `control` or `new_checkout` from Monday 2 March; this is
# the export of Sunday 15 March. The unit of the test is therefore the user.

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
raw = load_events("../data/checkout_events.csv")
events = drop_duplicate_events(remove_bots(raw))
print(f"{len(raw)} rows, {len(events)} after removing bots and duplicated events")

# %%
users = users_table(events)
print(f"{len(users)} users, {(users['views'] > 1).mean():.0%} came back at least once")

# %%
table = user_conversion_by_variant(users)
table

# %%
uplift = relative_uplift(table)
p_value = per_user_p_value(table)
uplift_ci = bootstrap_uplift_interval(users, resamples=200, level=0.95, random_state=42)
uplift, p_value, uplift_ci

# %%
results = {
    "users": {name: int(table.loc[name, "users"]) for name in table.index},
    "converters": {name: int(table.loc[name, "converters"]) for name in table.index},
    "conversion": {name: float(table.loc[name, "conversion"]) for name in table.index},
    "uplift": uplift,
    "p_value": p_value,
    "uplift_ci": [uplift_ci[0], uplift_ci[1]],
    "revenue_per_user_eur": {name: float(table.loc[name, "revenue_per_user_eur"]) for name in table.index},
}
results

# %% [markdown]
# **Conclusion.** Counting users on a clean log, the new checkout's conversion is +2 % relative to the
# old one, with a 95 % bootstrap interval from about -9 % to +12 % and p = 0.72: no evidence either way.
# Most of the +10.6 % reported before came from bots and orders stored twice.
