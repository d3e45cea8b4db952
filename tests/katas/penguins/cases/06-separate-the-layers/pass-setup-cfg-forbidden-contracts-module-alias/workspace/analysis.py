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
# Marta's question: can a bird's body mass be estimated from the caliper measurements, to about
# ±300 g? This is the report; the code is in the `penguin_mass` package (`pm` below).

# %%
import penguin_mass as pm

DATA = "../data/penguins_raw.csv"
TEST_FRACTION = 0.2  # share of birds held out
SEED = 42  # the shuffle
ALPHA = 1.0  # ridge strength
FOLDS = 5  # cross-validation folds

# %%
penguins = pm.load_clean(DATA)
penguins["species"].value_counts()

# %%
figure = pm.plot_mass_by_measurement(penguins)

# %% [markdown]
# Flipper length is close to a straight line; species and sex both matter.

# %%
penguins.isna().sum()

# %%
train, test = pm.split_train_test(penguins, TEST_FRACTION, SEED)
model = pm.fit_model(train, ALPHA)
ridge_pred = model.predict(test)
base_pred = pm.species_baseline(train, test)
len(train), len(test)

# %%
figure = pm.plot_predictions(test[pm.TARGET], ridge_pred)

# %%
pm.coefficients(model)

# %%
ridge_scores = pm.evaluate(test[pm.TARGET], ridge_pred)
results = {
    "rows": len(penguins),
    "train_rows": len(train),
    "test_rows": len(test),
    "ridge_mae_g": ridge_scores["mae"],
    "ridge_rmse_g": ridge_scores["rmse"],
    "ridge_r2": ridge_scores["r2"],
    "baseline_mae_g": pm.evaluate(test[pm.TARGET], base_pred)["mae"],
    "cv_mae_g": pm.cross_validated_mae(penguins, ALPHA, FOLDS, SEED),
    "coefficients": pm.coefficients(model),
}
results

# %% [markdown]
# `cv_mae_g`, about 230 g, is the figure for Marta: inside ±300 g.
