"""The model's inputs."""

import pandas as pd

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]


def _standardise(column):
    """Centre on the mean and divide by the population standard deviation, like StandardScaler."""
    return (column - column.mean()) / column.std(ddof=0)


def build_features(penguins):
    """Standardised measurements, a 0/1 male column and one 0/1 column per species present."""
    scaled = penguins[MEASUREMENTS].apply(_standardise)
    male = (penguins["sex"] == "male").astype(int).rename("male")
    species = pd.get_dummies(penguins["species"], prefix="species", dtype=int)
    return pd.concat([scaled, male, species], axis=1)
