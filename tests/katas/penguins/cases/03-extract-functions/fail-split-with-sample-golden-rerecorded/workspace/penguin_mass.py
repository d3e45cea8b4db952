"""Functions extracted from analysis.ipynb: estimate a penguin's body mass from caliper measurements."""

import numpy as np
import pandas as pd

COLUMNS = [
    "species",
    "island",
    "sex",
    "bill_length_mm",
    "bill_depth_mm",
    "flipper_length_mm",
    "body_mass_g",
    "delta_15n",
    "delta_13c",
]
NUM_COLS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]


def read_raw(path):
    """Read the raw LTER export."""
    return pd.read_csv(path)


def clean_penguins(raw):
    """Keep and rename nine columns, shorten species, lower-case sex, drop unweighed birds."""
    df = raw.iloc[:, [2, 4, 13, 10, 9, 11, 12, 14, 15]].copy()
    df.columns = COLUMNS
    df["species"] = df["species"].str.split(" ").str[0]
    df["sex"] = df["sex"].str.lower()
    df = df.dropna(subset=["body_mass_g"])
    return df


def impute_missing(penguins):
    """Fill sex with the most common value and the isotopes with their medians."""
    df = penguins.copy()
    df["sex"] = df["sex"].fillna(df["sex"].mode()[0])
    df["delta_15n"] = df["delta_15n"].fillna(df["delta_15n"].median())
    df["delta_13c"] = df["delta_13c"].fillna(df["delta_13c"].median())
    return df


def build_features(penguins):
    """Standardised measurements, male 0/1 and one-hot species."""
    X = penguins[NUM_COLS].copy()
    X = (X - X.mean()) / X.std(ddof=0)
    X["male"] = (penguins["sex"] == "male").astype(int)
    X = X.join(pd.get_dummies(penguins["species"], prefix="species", dtype=int))
    return X


def split_train_test(penguins, test_fraction=0.2, seed=42):
    """Seeded shuffle; the first int(n * test_fraction) rows are the test set."""
    shuffled = penguins.sample(frac=1, random_state=seed)
    n_test = int(len(penguins) * test_fraction)
    return shuffled.iloc[n_test:], shuffled.iloc[:n_test]


def species_baseline(train, test):
    """Predict each test bird's mass as its species' mean mass in train."""
    means = train.groupby("species")["body_mass_g"].mean()
    return test["species"].map(means)


def evaluate(y_true, y_pred):
    """MAE, RMSE (grams) and R2."""
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    err = y_pred - y_true
    return {
        "mae": float(np.mean(np.abs(err))),
        "rmse": float(np.sqrt(np.mean(err**2))),
        "r2": float(1 - np.sum(err**2) / np.sum((y_true - y_true.mean()) ** 2)),
    }
