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
# # Body mass from calipers
#
# Can the field team skip the spring scale? The logic lives in the `penguin_mass` package; this
# notebook is the report.

# %%
# ruff: noqa
import matplotlib.pyplot as plt
from sklearn.linear_model import Ridge

import penguin_mass as pm

SOURCE = "../data/penguins_raw.csv"
HOLD_OUT = 0.2
SHUFFLE_SEED = 42
RIDGE_ALPHA = 1.0

# %%
birds = pm.impute_missing(pm.clean_penguins(pm.read_raw(SOURCE)))
birds.groupby("species")["body_mass_g"].describe()

# %%
fig, axes = plt.subplots(1, 3, figsize=(12, 4), sharey=True)
for ax, column in zip(axes, ["flipper_length_mm", "bill_length_mm", "bill_depth_mm"]):
    for species, group in birds.groupby("species"):
        ax.scatter(group[column], group["body_mass_g"], s=12, label=species)
    ax.set_xlabel(column)
axes[0].set_ylabel("body_mass_g")
axes[0].legend()

# %%
X = pm.build_features(birds)
train, test = pm.split_train_test(birds, HOLD_OUT, SHUFFLE_SEED)
model = Ridge(alpha=RIDGE_ALPHA).fit(X.loc[train.index], train["body_mass_g"])
scores = pm.evaluate(test["body_mass_g"], model.predict(X.loc[test.index]))
baseline = pm.evaluate(test["body_mass_g"], pm.species_baseline(train, test))

# %% [markdown]
# Bill length and depth were swapped by the old positional selection; picking columns by name
# fixed it while extracting, and the golden master's coefficients were re-recorded on purpose.

# %%
results = {
    "rows": len(birds),
    "train_rows": len(train),
    "test_rows": len(test),
    "ridge_mae_g": scores["mae"],
    "ridge_rmse_g": scores["rmse"],
    "ridge_r2": scores["r2"],
    "baseline_mae_g": baseline["mae"],
    "coefficients": dict(zip(X.columns, model.coef_.tolist())),
}
results
