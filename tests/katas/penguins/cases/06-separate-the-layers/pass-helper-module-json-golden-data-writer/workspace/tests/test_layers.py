import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from penguin_mass import prediction_figure, save_results, scatter_figure  # noqa: E402


def birds():
    return pd.DataFrame(
        {
            "species": ["Adelie", "Chinstrap", "Gentoo"],
            "bill_length_mm": [39.0, 49.0, 47.0],
            "bill_depth_mm": [18.0, 18.5, 14.0],
            "flipper_length_mm": [185.0, 196.0, 215.0],
            "body_mass_g": [3700.0, 3800.0, 5000.0],
        }
    )


def test_scatter_figure_has_three_labelled_panels():
    fig = scatter_figure(birds())
    assert len(fig.axes) == 3
    assert fig.axes[2].get_xlabel() == "bill depth (mm)"
    assert all(ax.get_ylabel() == "body mass (g)" for ax in fig.axes)
    plt.close(fig)


def test_prediction_figure_labels_its_axes():
    fig = prediction_figure([3000.0, 4000.0], [3100.0, 3900.0])
    (ax,) = fig.axes
    assert ax.get_xlabel() == "measured (g)"
    assert ax.get_ylabel() == "predicted (g)"
    plt.close(fig)


def test_results_are_saved_as_json(tmp_path):
    target = tmp_path / "results.json"
    save_results({"cv_mae_g": 229.8, "rows": 342}, target)
    assert json.loads(target.read_text()) == {"cv_mae_g": 229.8, "rows": 342}
