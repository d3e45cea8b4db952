"""Shared by all tests: MLflow sends no usage reports, and its chatter stays out of the output.

Set here, before any test module imports MLflow (python -m penguin_mass does the same in
penguin_mass/__main__.py).
"""

import os

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("MLFLOW_LOGGING_LEVEL", "WARNING")
