"""The README's model worked out in numpy, for stage 5's checks to compare the learner's with.

Medians of the training birds for gaps, z-scores, the most common sex, one 0/1 column per species,
then a ridge regression solved in closed form; and its cross-validated error over seeded KFold
folds. `differences` names the coefficients that differ most between two fitted models.
"""

import numpy as np
import pytest
from bird_frames import MEASUREMENTS, SPECIES

INPUTS = [*MEASUREMENTS, *(f"species_{name}" for name in SPECIES), "sex_male"]


class HandRidge:
    """The README's model, fitted in numpy: medians, most common sex, z-scores, 0/1 columns, ridge."""

    def __init__(self, train, alpha):
        self.medians = train[MEASUREMENTS].median()
        self.sex = train["sex"].value_counts().idxmax()
        self.species = sorted(train["species"].dropna().unique())
        filled = train[MEASUREMENTS].fillna(self.medians)
        self.means, self.stds = filled.mean(), filled.std(ddof=0)
        x, y = self.design(train), train["body_mass_g"].to_numpy(dtype=float)
        centred = x - x.mean(axis=0)
        self.coef = np.linalg.solve(
            centred.T @ centred + alpha * np.eye(x.shape[1]), centred.T @ (y - y.mean())
        )
        self.intercept = y.mean() - x.mean(axis=0) @ self.coef

    def design(self, frame):
        scaled = (frame[MEASUREMENTS].fillna(self.medians) - self.means) / self.stds
        columns = [scaled[column].to_numpy(dtype=float) for column in MEASUREMENTS]
        columns += [(frame["species"] == name).to_numpy(dtype=float) for name in self.species]
        columns.append((frame["sex"].fillna(self.sex) == "male").to_numpy(dtype=float))
        return np.column_stack(columns)

    def coefficients(self):
        names = [*MEASUREMENTS, *(f"species_{name}" for name in self.species), "sex_male"]
        return dict(zip(names, self.coef.tolist(), strict=True))

    def predict(self, frame):
        return self.design(frame) @ self.coef + self.intercept


def hand_cross_validated_mae(frame, alpha, folds, seed):
    from sklearn.model_selection import KFold

    errors = []
    for train_rows, test_rows in KFold(folds, shuffle=True, random_state=seed).split(frame):
        train, test = frame.iloc[train_rows], frame.iloc[test_rows]
        predicted = HandRidge(train, alpha).predict(test)
        errors.append(np.mean(np.abs(predicted - test["body_mass_g"].to_numpy())))
    return float(np.mean(errors))


def differences(expected, found, limit=3):
    """The inputs whose coefficients differ most, as 'name expected -> found' phrases."""
    keys = sorted(
        set(expected) | set(found),
        key=lambda k: -abs(expected.get(k, 0.0) - found.get(k, 0.0)),
    )
    parts = [
        f"{key} {_number(expected.get(key))} -> {_number(found.get(key))}"
        for key in keys
        if expected.get(key) != pytest.approx(found.get(key), rel=1e-6, abs=1e-9)
    ]
    more = f" (and {len(parts) - limit} more)" if len(parts) > limit else ""
    return ", ".join(parts[:limit]) + more


def _number(value):
    return "missing" if value is None else f"{value:.3f}"
