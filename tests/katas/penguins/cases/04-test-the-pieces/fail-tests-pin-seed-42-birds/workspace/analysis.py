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
# Marta (field team lead) asked whether we could **estimate a penguin's body mass from the caliper measurements** the team takes anyway. Weighing means a bag, a spring scale and two people holding a bird that really does not want to be held. Bill and flipper take a minute.
#
# What she needs: an estimate per bird, good to roughly **±300 g**, that they can use in the field next season.
#
# Data: the LTER raw export `penguins_raw.csv` (2007-2009, three species, 344 birds).
#
# The steps live in `penguin_mass.py`; this notebook calls them and shows what they find.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.linear_model import Ridge

from penguin_mass import (
    build_features,
    clean_penguins,
    evaluate,
    impute_missing,
    read_raw,
    species_baseline,
    split_train_test,
)

DATA = "../data/penguins_raw.csv"
TEST_FRACTION = 0.2  # share of birds held out for testing
SEED = 42  # fixes the shuffle, so every run tests on the same birds
ALPHA = 1.0  # ridge regularisation strength

# %%
raw = read_raw(DATA)
raw.shape

# %% [markdown]
# Culmen = bill (the ridge along the top). Most raw columns are admin (study, sample number, nest IDs, egg dates). `clean_penguins` keeps species, island, sex, the size measurements, mass and the two isotope ratios (δ15N tracks diet), with short names, and leaves out the two birds that were never measured.

# %%
penguins = clean_penguins(raw)
penguins["species"].value_counts()

# %% [markdown]
# ## Look at it

# %%
for column, label in [
    ("flipper_length_mm", "flipper length (mm)"),
    ("bill_length_mm", "bill length (mm)"),
    ("bill_depth_mm", "bill depth (mm)"),
]:
    fig, ax = plt.subplots(figsize=(6, 4))
    for species, birds in penguins.groupby("species"):
        ax.scatter(birds[column], birds["body_mass_g"], label=species, alpha=0.6)
    ax.set_xlabel(label)
    ax.set_ylabel("body mass (g)")
    ax.legend()

# %% [markdown]
# - Flipper length is the big one, nearly a straight line.
# - Gentoos are heavier across the board, so species has to go in.
# - Bill length is the odd one: over all birds, longer bill = *lighter* bird (the Gentoos sit at the short end), but within each species it goes up. Species in the model should take care of it.
# - Males heavier within every species, so sex goes in too.

# %% [markdown]
# ## Missing values and features
#
# Sex is missing for nine birds (filled with the most common sex), the isotope ratios for about a dozen (filled with the median). The model gets standardised measurements, a 0/1 column for males and one 0/1 column per species.

# %%
penguins.isna().sum()

# %%
penguins = impute_missing(penguins)
X = build_features(penguins)
train, test = split_train_test(penguins, TEST_FRACTION, SEED)
len(train), len(test)

# %% [markdown]
# ## Ridge regression against a species-average baseline

# %%
ridge = Ridge(alpha=ALPHA).fit(X.loc[train.index], train["body_mass_g"])
ridge_pred = ridge.predict(X.loc[test.index])
base_pred = species_baseline(train, test)

# %%
fig, ax = plt.subplots(figsize=(5, 5))
ax.scatter(test["body_mass_g"], ridge_pred, alpha=0.6)
lims = [test["body_mass_g"].min(), test["body_mass_g"].max()]
ax.plot(lims, lims, "k--")
ax.set_xlabel("measured (g)")
ax.set_ylabel("predicted (g)")
ax.set_title("ridge, test birds")

# %%
pd.Series(ridge.coef_, index=X.columns).sort_values()

# %% [markdown]
# **Stage 4 note.** Until the unit tests of `clean_penguins`, bill length and bill depth were swapped: `bill_length_mm` held the Culmen Depth and `bill_depth_mm` the Culmen Length. The errors did not move, but the two bill coefficients swapped places, and any conclusion drawn earlier about "bill depth counting more than bill length" was about the other measurement.

# %% [markdown]
# ## Results for Marta

# %%
ridge_scores = evaluate(test["body_mass_g"], ridge_pred)
results = {
    "rows": len(penguins),
    "train_rows": len(train),
    "test_rows": len(test),
    "ridge_mae_g": ridge_scores["mae"],
    "ridge_rmse_g": ridge_scores["rmse"],
    "ridge_r2": ridge_scores["r2"],
    "baseline_mae_g": evaluate(test["body_mass_g"], base_pred)["mae"],
    "coefficients": {name: float(c) for name, c in zip(X.columns, ridge.coef_)},
}
results

# %% [markdown]
# The numbers above are the notebook's **key results**. `tests/test_golden_master.py` pins them: if any of them moves, a test fails. That does not make them right; it makes every change to them visible.
