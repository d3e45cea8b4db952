"""Unit tests for the plots: each figure, drawn from a few birds, shows what it says."""

import pandas as pd
import pytest
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from penguin_mass import mass_against_measurements, predicted_against_measured


@pytest.fixture(autouse=True)
def close_figures():
    """Each test's figures are closed afterwards, so that none piles up in memory."""
    yield
    plt.close("all")


@pytest.fixture
def birds():
    return pd.DataFrame(
        {
            "species": ["Adelie", "Gentoo", "Gentoo", "Chinstrap"],
            "bill_length_mm": [39.1, 46.1, 50.0, 49.5],
            "bill_depth_mm": [18.7, 13.2, 15.5, 19.0],
            "flipper_length_mm": [181.0, 211.0, 225.0, 200.0],
            "body_mass_g": [3750.0, 4500.0, 5600.0, 3800.0],
        }
    )


def test_mass_is_drawn_against_three_measurements(birds):
    figure = mass_against_measurements(birds)
    assert isinstance(figure, Figure)
    assert [ax.get_xlabel() for ax in figure.axes] == [
        "flipper length (mm)",
        "bill length (mm)",
        "bill depth (mm)",
    ]
    assert {ax.get_ylabel() for ax in figure.axes} == {"body mass (g)"}


def test_each_species_gets_its_own_colour_and_a_legend_entry(birds):
    figure = mass_against_measurements(birds)
    assert all(len(ax.collections) == 3 for ax in figure.axes)
    legend = figure.axes[-1].get_legend()
    assert sorted(text.get_text() for text in legend.get_texts()) == [
        "Adelie",
        "Chinstrap",
        "Gentoo",
    ]


def test_predictions_are_drawn_against_the_measured_masses(birds):
    measured, predicted = birds["body_mass_g"], birds["body_mass_g"] + 100
    figure = predicted_against_measured(measured, predicted)
    (ax,) = figure.axes
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("measured (g)", "predicted (g)")
    points = ax.collections[0].get_offsets()
    assert list(points[:, 0]) == list(measured)
    assert list(points[:, 1]) == list(predicted)


def test_the_dashed_line_marks_a_perfect_prediction(birds):
    figure = predicted_against_measured(birds["body_mass_g"], birds["body_mass_g"])
    (line,) = figure.axes[0].get_lines()
    assert list(line.get_xdata()) == list(line.get_ydata()) == [3750.0, 5600.0]
