"""Presentation layer: figures. Takes frames and values, returns matplotlib Figures."""

from __future__ import annotations

from matplotlib import pyplot

from penguin_mass.domain import TARGET
from penguin_mass.palette import LABELS, SPECIES_COLOURS


def scatter_figure(penguins):
    """Mass against each measurement, coloured by species."""
    fig = pyplot.figure(figsize=(12, 4))
    axes = fig.subplots(1, len(LABELS))
    for ax, (column, label) in zip(axes, LABELS.items()):
        for species, colour in SPECIES_COLOURS.items():
            birds = penguins.loc[penguins["species"] == species]
            ax.scatter(birds[column], birds[TARGET], c=colour, label=species, alpha=0.6)
        ax.set_xlabel(label)
        ax.set_ylabel("body mass (g)")
    axes[-1].legend()
    return fig


def prediction_figure(measured, predicted):
    fig = pyplot.figure(figsize=(5, 5))
    ax = fig.add_subplot()
    ax.scatter(measured, predicted, alpha=0.6)
    ax.axline((min(measured), min(measured)), slope=1, color="k", linestyle="--")
    ax.set_xlabel("measured (g)")
    ax.set_ylabel("predicted (g)")
    ax.set_title("ridge, test birds")
    return fig
