"""Each function draws one figure of the report and returns it."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from penguin_mass.domain.columns import TARGET

SIZES = [
    ("flipper_length_mm", "flipper length (mm)"),
    ("bill_length_mm", "bill length (mm)"),
    ("bill_depth_mm", "bill depth (mm)"),
]


def size_vs_mass(penguins: pd.DataFrame) -> Figure:
    """One panel per size measurement, body mass upwards, one colour per species."""
    figure, axes = plt.subplots(ncols=len(SIZES), figsize=(13, 4), sharey=True)
    for ax, (column, label) in zip(axes, SIZES):
        for species, group in penguins.groupby("species"):
            ax.scatter(group[column], group[TARGET], alpha=0.6, label=species)
        ax.set_xlabel(label)
    axes[0].set_ylabel("body mass (g)")
    axes[-1].legend(title="species")
    return figure


def measured_vs_predicted(measured, predicted) -> Figure:
    """Predicted against measured mass, with the diagonal a perfect model would sit on."""
    figure, ax = plt.subplots(figsize=(5, 5))
    ax.scatter(measured, predicted, alpha=0.6)
    low, high = min(measured), max(measured)
    ax.plot([low, high], [low, high], linestyle="--", color="black")
    ax.set(xlabel="measured (g)", ylabel="predicted (g)", title="ridge on the test birds")
    return figure
