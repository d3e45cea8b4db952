"""The presentation layer: the report's figures, drawn with pyplot so that a notebook shows them."""

from __future__ import annotations

import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from penguin_mass.domain import TARGET
from penguin_mass.labels import COLUMN_LABELS

LABELS = {
    column: COLUMN_LABELS[column]
    for column in ["flipper_length_mm", "bill_length_mm", "bill_depth_mm"]
}


def mass_against_measurements(penguins: pd.DataFrame) -> Figure:
    """Body mass against flipper length, bill length and bill depth, one colour per species."""
    figure, axes = plt.subplots(1, len(LABELS), figsize=(12, 4), layout="constrained")
    for ax, (column, label) in zip(axes, LABELS.items(), strict=True):
        for species, birds in penguins.groupby("species"):
            ax.scatter(birds[column], birds[TARGET], label=species, alpha=0.6)
        ax.set_xlabel(label)
        ax.set_ylabel("body mass (g)")
    ax.legend()
    return figure


def predicted_against_measured(measured, predicted, title: str = "ridge, test birds") -> Figure:
    """Each test bird's predicted mass against its measured mass; the dashed line is perfect."""
    figure, ax = plt.subplots(figsize=(5, 5), layout="constrained")
    ax.scatter(measured, predicted, alpha=0.6)
    limits = [min(measured), max(measured)]
    ax.plot(limits, limits, "k--")
    ax.set_xlabel("measured (g)")
    ax.set_ylabel("predicted (g)")
    ax.set_title(title)
    return figure
