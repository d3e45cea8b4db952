"""A seeded train/test split that keeps every column and index label."""

import numpy as np


def split_train_test(penguins, test_fraction=0.2, seed=42):
    """Shuffle with default_rng(seed); the first int(n * test_fraction) rows are the test set."""
    shuffled = np.random.default_rng(seed).permutation(len(penguins))
    n_test = int(len(penguins) * test_fraction)
    return penguins.iloc[shuffled[n_test:]], penguins.iloc[shuffled[:n_test]]
