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
# This notebook is the report. Reading, cleaning, the model and the figures live in the `penguin_mass` package; the notebook calls its public API and shows what it finds.
#
# Its settings (data file, test fraction, seed, ridge alpha, folds) are those of `python -m penguin_mass train`: the `[defaults]` of `penguin_mass.toml`, overridden by any `PENGUIN_MASS_<FIELD>` environment variable. Run it with none set to get the numbers the golden master pins.

# %%
from penguin_mass import (
    TARGET,
    coefficients,
    cross_validated_mae,
    evaluate,
    fit_model,
    load_penguins,
    load_settings,
    mass_against_measurements,
    predicted_against_measured,
    species_baseline,
    split_train_test,
)

settings = load_settings()
settings

# %% [markdown]
# Culmen = bill (the ridge along the top). `load_penguins` keeps species, island, sex, the size measurements, mass and the two isotope ratios (δ15N tracks diet), with short names, and leaves out the two birds that were never measured.

# %%
penguins = load_penguins(settings.data_path)
penguins["species"].value_counts()

# %% [markdown]
# ## Look at it

# %%
figure = mass_against_measurements(penguins)

# %% [markdown]
# - Flipper length is the big one, nearly a straight line.
# - Gentoos are heavier across the board, so species has to go in.
# - Bill depth is the odd one: over all birds, deeper bill = *lighter* bird (the Gentoos have shallow bills), but within each species it goes up. Species in the model takes care of it.
# - Males heavier within every species, so sex goes in too.

# %% [markdown]
# ## Missing values, split, model
#
# Sex is missing for nine birds, the isotope ratios for about a dozen. `fit_model` fills them, standardises the measurements and encodes sex and species inside one pipeline fitted on the training birds only.

# %%
penguins.isna().sum()

# %%
train, test = split_train_test(penguins, settings.test_fraction, settings.seed)
model = fit_model(train, settings.alpha)
ridge_pred = model.predict(test)
base_pred = species_baseline(train, test)
len(train), len(test)

# %%
figure = predicted_against_measured(test[TARGET], ridge_pred)

# %%
coefficients(model)

# %% [markdown]
# ## Results for Marta

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
    "cv_mae_g": cross_validated_mae(penguins, settings.alpha, settings.folds, settings.seed),
    "coefficients": coefficients(model),
}
results

# %% [markdown]
# `cv_mae_g` is the error averaged over five folds, each judged by a pipeline fitted on the other four, and the figure to quote to Marta: about 230 g, inside her ±300 g, and half the error of guessing each species' average.
#
# `tests/test_golden_master.py` pins these numbers; the unit tests in `tests/` pin each piece of `penguin_mass`.

# %% [markdown]
# Since stage 8 every `python -m penguin_mass train` is recorded in `mlflow.db`, with these settings as params and these numbers as metrics: `mlflow ui --backend-store-uri sqlite:///mlflow.db` shows them side by side. The model the field team uses is the one promoted to `penguin-mass@champion`, not this notebook's.
