"""The names and numbers that the penguins stage 8 checks share with the README and with each
other: the experiment, the registered model and its alias, the data file, the settings a run
logs (with their defaults) and its metrics, the tag that keeps a replacement's reason, the
predictions' column, the file endings that mean a pickle, and how long one command may take.
"""

EXPERIMENT = "penguin-mass"
MODEL = "penguin-mass"
CHAMPION = "champion"
RAW_DATA = "../data/penguins_raw.csv"
DEFAULTS = {"alpha": 1.0, "test_fraction": 0.2, "seed": 42, "folds": 5, "max_cv_mae_g": 300.0}
# The README's table: one param per setting (tracking_uri may be left out), these as text.
TEXT_DEFAULTS = {"data_path": "../data/penguins_raw.csv", "output_dir": "outputs",
                 "experiment": "penguin-mass", "model_name": "penguin-mass"}  # fmt: skip
METRICS = ("ridge_mae_g", "ridge_rmse_g", "ridge_r2", "baseline_mae_g", "cv_mae_g")
REASON_TAG = "promotion_reason"
PREDICTION = "predicted_body_mass_g"
PICKLES = (".pkl", ".pickle", ".joblib", ".cloudpickle", ".dill")
TIMEOUT = 300  # seconds for one command
