"""Presentation layer: the report's figures. Every function returns a matplotlib Figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from penguin_mass.domain import TARGET

_AXIS_LABELS = {
    "flipper_length_mm": "flipper length (mm)",
    "bill_length_mm": "bill length (mm)",
    "bill_depth_mm": "bill depth (mm)",
}


def plot_mass_by_measurement(penguins):
    """Body mass against each size measurement, species in colour."""
    fig, axs = plt.subplots(1, 3, figsize=(14, 4))
    for ax, column in zip(axs, _AXIS_LABELS):
        for species in sorted(penguins["species"].unique()):
            birds = penguins[penguins["species"] == species]
            ax.scatter(birds[column], birds[TARGET], label=species, alpha=0.6)
        ax.set_xlabel(_AXIS_LABELS[column])
        ax.set_ylabel("body mass (g)")
        ax.legend()
    fig.tight_layout()
    return fig


def plot_predictions(measured, predicted):
    """Predicted against measured mass of the test birds; on the dashed line they agree."""
    measured = np.asarray(measured, dtype=float)
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.scatter(measured, predicted, alpha=0.6)
    ax.plot([measured.min(), measured.max()], [measured.min(), measured.max()], "k--")
    ax.set_xlabel("measured (g)")
    ax.set_ylabel("predicted (g)")
    ax.set_title("ridge, test birds")
    return fig
