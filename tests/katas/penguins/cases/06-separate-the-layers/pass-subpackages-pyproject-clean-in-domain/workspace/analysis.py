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
# Can the field team estimate a penguin's body mass from bill and flipper measurements, to within
# about ±300 g? The LTER export `penguins_raw.csv` (2007-2009, 344 birds) says yes.
#
# All the code lives in `penguin_mass`; this report calls its public API.

# %%
from penguin_mass import (
    TARGET,
    coefficients,
    cross_validated_mae,
    evaluate,
    fit_model,
    measured_vs_predicted,
    read_penguins,
    size_vs_mass,
    species_baseline,
    split_train_test,
)

DATA = "../data/penguins_raw.csv"
TEST_FRACTION = 0.2
SEED = 42
ALPHA = 1.0
FOLDS = 5

# %%
penguins = read_penguins(DATA)
penguins["species"].value_counts()

# %% [markdown]
# ## What mass goes with

# %%
figure = size_vs_mass(penguins)

# %% [markdown]
# Flipper length nearly a straight line; Gentoos heavier; bill depth flips sign within species.

# %%
penguins.isna().sum()

# %% [markdown]
# ## Split, fit, predict

# %%
train, test = split_train_test(penguins, TEST_FRACTION, SEED)
model = fit_model(train, ALPHA)
ridge_pred = model.predict(test)
base_pred = species_baseline(train, test)
len(train), len(test)

# %%
figure = measured_vs_predicted(test[TARGET], ridge_pred)

# %%
coefficients(model)

# %% [markdown]
# ## Results

# %%
ridge_scores = evaluate(test[TARGET], ridge_pred)
results = {
    "rows": len(penguins),
    "train_rows": len(train),
    "test_rows": len(test),
    "ridge_mae_g": ridge_scores["mae"],
    "ridge_rmse_g": ridge_scores["rmse"],
    "ridge_r2": ridge_scores["r2"],
    "baseline_mae_g": evaluate(test[TARGET], base_pred)["mae"],
    "cv_mae_g": cross_validated_mae(penguins, ALPHA, FOLDS, SEED),
    "coefficients": coefficients(model),
}
results
