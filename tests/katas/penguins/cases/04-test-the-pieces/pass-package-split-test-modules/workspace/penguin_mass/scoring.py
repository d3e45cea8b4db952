"""The species-average baseline and the error measures."""

import numpy as np


def species_baseline(train, test):
    """Predict each test bird's mass as the mean mass of the training birds of its species."""
    species_means = train.groupby("species")["body_mass_g"].mean()
    return test["species"].map(species_means)


def evaluate(y_true, y_pred):
    """Mean absolute error and root mean squared error in grams, and R squared."""
    truth = np.asarray(y_true, dtype=float)
    errors = np.asarray(y_pred, dtype=float) - truth
    return {
        "mae": float(np.mean(np.abs(errors))),
        "rmse": float(np.sqrt(np.mean(errors**2))),
        "r2": float(1.0 - np.sum(errors**2) / np.sum((truth - truth.mean()) ** 2)),
    }
