"""Pure functions behind the penguin body-mass notebook: read, clean, fill, featurise, split, score."""

import numpy as np
import pandas as pd

# Raw export column -> short name, in the order of the clean frame.
# FOUND WHILE EXTRACTING: the notebook took "Culmen Depth" for bill_length_mm and "Culmen Length" for
# bill_depth_mm. Kept as it was so the golden master stays green; stage 4 fixes it with a test first.
RAW_TO_CLEAN = {
    "Species": "species",
    "Island": "island",
    "Sex": "sex",
    "Culmen Depth (mm)": "bill_length_mm",
    "Culmen Length (mm)": "bill_depth_mm",
    "Flipper Length (mm)": "flipper_length_mm",
    "Body Mass (g)": "body_mass_g",
    "Delta 15 N (o/oo)": "delta_15n",
    "Delta 13 C (o/oo)": "delta_13c",
}
MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]


def read_raw(path):
    return pd.read_csv(path)


def clean_penguins(raw):
    return (
        raw[list(RAW_TO_CLEAN)]
        .rename(columns=RAW_TO_CLEAN)
        .assign(
            species=lambda d: d["species"].str.split().str[0],
            sex=lambda d: d["sex"].str.lower(),
        )
        .dropna(subset=["body_mass_g"])
    )


def impute_missing(penguins):
    fills = {
        "sex": penguins["sex"].value_counts().idxmax(),
        "delta_15n": penguins["delta_15n"].median(),
        "delta_13c": penguins["delta_13c"].median(),
    }
    return penguins.fillna(value=fills)


def _zscores(frame):
    return (frame - frame.mean()) / frame.std(ddof=0)


def build_features(penguins):
    dummies = pd.get_dummies(penguins["species"], prefix="species").astype(int)
    return (
        penguins[MEASUREMENTS]
        .pipe(_zscores)
        .assign(male=np.where(penguins["sex"] == "male", 1, 0))
        .join(dummies)
    )


def split_train_test(penguins, test_fraction=0.2, seed=42):
    order = np.random.default_rng(seed).permutation(len(penguins))
    cut = int(len(penguins) * test_fraction)
    test_rows, train_rows = np.split(order, [cut])
    return penguins.take(train_rows), penguins.take(test_rows)


def species_baseline(train, test):
    return test["species"].map(train.groupby("species")["body_mass_g"].mean())


def evaluate(y_true, y_pred):
    residuals = np.subtract(y_pred, y_true)
    total = np.sum(np.square(np.subtract(y_true, np.mean(y_true))))
    return {
        "mae": float(np.abs(residuals).mean()),
        "rmse": float(np.sqrt(np.square(residuals).mean())),
        "r2": float(1 - np.square(residuals).sum() / total),
    }
