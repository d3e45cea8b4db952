"""python -m penguin_mass: see penguin_mass.cli."""

import os
import sys

# Before MLflow is imported: no usage reports sent anywhere, no progress chatter on stderr (errors
# stay one line), and an unreachable tracking server reported in seconds rather than minutes.
for name, value in {
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "MLFLOW_LOGGING_LEVEL": "WARNING",
    "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "2",
    "MLFLOW_HTTP_REQUEST_TIMEOUT": "30",
}.items():
    os.environ.setdefault(name, value)

from penguin_mass.cli import main

sys.exit(main())
