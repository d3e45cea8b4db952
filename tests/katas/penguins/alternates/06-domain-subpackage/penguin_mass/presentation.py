"""Figures for the report. Each function returns its figure; the notebook shows it."""

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .domain import TARGET

AXES = [("flipper_length_mm", "flipper (mm)"), ("bill_length_mm", "bill length (mm)"),
        ("bill_depth_mm", "bill depth (mm)")]  # fmt: skip


def species_scatter(penguins) -> Figure:
    fig = plt.figure(figsize=(13, 4))
    for ax, (column, label) in zip(fig.subplots(1, 3, sharey=True), AXES, strict=True):
        for name, group in penguins.groupby("species"):
            ax.scatter(group[column], group[TARGET], s=12, label=name)
        ax.set(xlabel=label, ylabel="mass (g)")
    fig.legend(*ax.get_legend_handles_labels(), loc="upper center", ncols=3)
    return fig


def prediction_scatter(measured, predicted) -> Figure:
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.scatter(measured, predicted, s=12)
    ends = [min(measured), max(measured)]
    ax.plot(ends, ends, color="grey", linestyle=":")
    ax.set(xlabel="measured mass (g)", ylabel="estimated mass (g)", title="test birds")
    return fig
