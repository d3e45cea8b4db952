"""Body mass from calipers: the steps of analysis.ipynb as small functions that leave their inputs alone."""

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

SHORT_NAMES = [
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
# where each short-named column sits in the raw export (as in the original notebook)
RAW_COLUMN_POSITIONS = [2, 4, 13, 10, 9, 11, 12, 14, 15]
NUMERIC_INPUTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]


def read_raw(path: str | Path) -> pd.DataFrame:
    """The LTER export as it is."""
    return pd.read_csv(Path(path))


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """Short names, short species, lower-case sex; birds that were never weighed are dropped."""
    picked = raw.iloc[:, RAW_COLUMN_POSITIONS].set_axis(SHORT_NAMES, axis="columns")
    weighed = picked.loc[picked["body_mass_g"].notna()]
    return weighed.assign(
        species=weighed["species"].map(lambda name: name.split(" ")[0]),
        sex=weighed["sex"].str.lower(),
    )


def impute_missing(penguins: pd.DataFrame) -> pd.DataFrame:
    """Gaps in sex get the commonest sex; gaps in the isotope ratios get the column median."""
    commonest_sex = penguins["sex"].mode()[0]
    return penguins.assign(
        sex=penguins["sex"].fillna(commonest_sex),
        delta_15n=penguins["delta_15n"].fillna(penguins["delta_15n"].median()),
        delta_13c=penguins["delta_13c"].fillna(penguins["delta_13c"].median()),
    )


def build_features(penguins: pd.DataFrame) -> pd.DataFrame:
    """Feature matrix: z-scored measurements (population sd), male 0/1, species one-hot 0/1."""
    features = pd.DataFrame(index=penguins.index)
    for column in NUMERIC_INPUTS:
        values = penguins[column]
        features[column] = (values - values.mean()) / values.std(ddof=0)
    features["male"] = penguins["sex"].eq("male").astype(int)
    for species in sorted(penguins["species"].unique()):
        features[f"species_{species}"] = penguins["species"].eq(species).astype(int)
    return features


def split_train_test(
    penguins: pd.DataFrame, test_fraction: float = 0.2, seed: int = 42
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(train, test): a seeded shuffle, the first int(n * test_fraction) shuffled rows held out."""
    positions = np.random.default_rng(seed).permutation(len(penguins))
    n_test = int(len(penguins) * test_fraction)
    test = penguins.iloc[positions[:n_test]]
    train = penguins.iloc[positions[n_test:]]
    return train, test


def species_baseline(train: pd.DataFrame, test: pd.DataFrame) -> pd.Series:
    """Each test bird's predicted mass: its species' mean mass among the training birds."""
    mean_mass = train.groupby("species")["body_mass_g"].mean().to_dict()
    return pd.Series(
        [mean_mass.get(species, np.nan) for species in test["species"]],
        index=test.index,
        name="body_mass_g",
    )


def evaluate(y_true, y_pred) -> dict[str, float]:
    """MAE and RMSE in grams, and R squared."""
    return {
        "mae": float(mean_absolute_error(y_true, y_pred)),
        "rmse": float(np.sqrt(mean_squared_error(y_true, y_pred))),
        "r2": float(r2_score(y_true, y_pred)),
    }
