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
# # Penguin body mass from calipers
#
# Marta (field team lead) asked whether we could **estimate a penguin's body mass from the caliper measurements** the team takes anyway, to roughly **±300 g**. Data: the LTER raw export `penguins_raw.csv` (2007-2009, three species, 344 birds).
#
# The steps live in `penguin_mass.py`; this notebook is the report.

# %%
# %load_ext autoreload
# %autoreload 2

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.linear_model import Ridge

import penguin_mass as pm

# Settings: the only numbers this notebook chooses
DATA = "../data/penguins_raw.csv"  # raw export, relative to this notebook
TEST_FRACTION = 0.2  # 20% of the birds are held out for the error estimate
SEED = 42  # fixes which birds are held out
ALPHA = 1.0  # ridge penalty

# %%
penguins = pm.impute_missing(pm.clean_penguins(pm.read_raw(DATA)))
penguins["species"].value_counts()

# %% [markdown]
# ## Look at it

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 4), sharey=True)
for ax, x in zip(axes, ["flipper_length_mm", "bill_length_mm", "bill_depth_mm"]):
    for species, birds in penguins.groupby("species"):
        ax.scatter(birds[x], birds["body_mass_g"], label=species, alpha=0.6)
    ax.set_xlabel(x)
axes[0].set_ylabel("body mass (g)")
axes[0].legend()

# %% [markdown]
# Flipper length is the big one; Gentoos are heavier; males heavier within every species. Bill length shows Simpson's paradox across species, which the species columns take care of.

# %% [markdown]
# ## Model and baseline

# %%
X = pm.build_features(penguins)
train, test = pm.split_train_test(penguins, TEST_FRACTION, SEED)

ridge = Ridge(alpha=ALPHA).fit(X.loc[train.index], train["body_mass_g"])
ridge_pred = ridge.predict(X.loc[test.index])
ridge_metrics = pm.evaluate(test["body_mass_g"], ridge_pred)

baseline_pred = pm.species_baseline(train, test)
baseline_metrics = pm.evaluate(test["body_mass_g"], baseline_pred)
pd.DataFrame({"ridge": ridge_metrics, "species mean": baseline_metrics})

# %%
coefficients = pd.Series(ridge.coef_, index=X.columns)
coefficients.sort_values()

# %% [markdown]
# ## Results for Marta (pinned by `tests/test_golden_master.py`)

# %%
results = {
    "rows": len(penguins),
    "train_rows": len(train),
    "test_rows": len(test),
    "ridge_mae_g": ridge_metrics["mae"],
    "ridge_rmse_g": ridge_metrics["rmse"],
    "ridge_r2": ridge_metrics["r2"],
    "baseline_mae_g": baseline_metrics["mae"],
    "coefficients": coefficients.astype(float).to_dict(),
}
results

# %% [markdown]
# About 240 g mean absolute error on birds the model never saw, against about 450 g for the species average.
