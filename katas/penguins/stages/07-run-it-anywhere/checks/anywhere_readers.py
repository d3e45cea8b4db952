"""What the stage 7 checks read back from a finished run, or a failure that says what is wrong.

The workspace's settings file, its ci profile's sample (and the export beside it), the metrics.json
a training run writes (with the keys the README lists), the scores evaluate prints, the predictions
predict writes and the results dictionary the notebook leaves: each reader returns what it found,
or fails the check with a message naming what is missing, so that the checks compare only what is
there.
"""

from __future__ import annotations

import csv
import json
import math
import tomllib
from pathlib import Path

from anywhere_inputs import RAW_DATA, SETTINGS_FILE
from anywhere_runs import NOTEBOOK_RESULTS, TIMEOUT

from kata.harness import fail
from kata.harness.processes import Run

METRIC_KEYS = ("rows", "train_rows", "test_rows", "ridge_mae_g", "ridge_rmse_g", "ridge_r2",
               "baseline_mae_g", "cv_mae_g", "settings")  # fmt: skip
PREDICTION = "predicted_body_mass_g"


def read_settings(workspace: Path) -> dict:
    """The workspace's penguin_mass.toml, parsed, or a failure that says what went wrong."""
    path = workspace / SETTINGS_FILE
    if not path.is_file():
        fail(f"Expected {SETTINGS_FILE} in the workspace folder (step 2 of the README).")
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        fail(f"{SETTINGS_FILE} is not valid TOML: {error}.")
    return document


def ci_sample(workspace: Path) -> tuple[Path, Path]:
    """The ci profile's data_path as written and resolved, or a failure if it leaves the workspace."""
    path = workspace / SETTINGS_FILE
    try:
        ci = tomllib.loads(path.read_text(encoding="utf-8"))["profiles"]["ci"]
        sample = Path(ci["data_path"])
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError):
        fail(f"{SETTINGS_FILE} has no [profiles.ci] table with a data_path.")
    inside = (workspace / sample).resolve()
    if sample.is_absolute() or not inside.is_relative_to(workspace.resolve()):
        fail(
            f"[profiles.ci] data_path = {str(sample)!r} points outside the workspace; CI only has "
            "what is committed. Point it at a sample in the workspace, e.g. "
            "tests/data/penguins_sample.csv."
        )
    return sample, inside


def read_sample_and_export(inside: Path, workspace: Path) -> tuple[list, list, list, list]:
    """The header and rows of the ci profile's sample, then those of the kata's export."""
    with inside.open(newline="", encoding="utf-8", errors="replace") as file:
        header, *rows = list(csv.reader(file)) or [[]]
    with (workspace / RAW_DATA).open(newline="", encoding="utf-8") as file:
        export_header, *export_rows = list(csv.reader(file))
    return header, rows, export_header, export_rows


def read_metrics(run: Run, folder: str, why: str) -> dict:
    """metrics.json from a run's output folder, or a failure that says what went wrong."""
    path = run.folder / folder / "metrics.json"
    if run.timed_out:
        fail(f"`{run.command}` did not finish within {TIMEOUT} s. {why}")
    if run.code != 0:
        fail(
            f"`{run.command}` exited with {run.code}; expected 0. It said: {run.last_words()}. {why}"
        )
    if not path.is_file():
        found = sorted(str(p.relative_to(run.folder)) for p in run.folder.rglob("metrics.json"))
        fail(
            f"`{run.command}` exited with 0 but wrote no {folder}/metrics.json"
            + (f" (found: {', '.join(found)})" if found else "")
            + f". {why}"
        )
    try:
        metrics = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        fail(f"{folder}/metrics.json is not valid JSON ({error}).")
    if not isinstance(metrics, dict):
        fail(f"{folder}/metrics.json holds a {type(metrics).__name__}; expected an object.")
    missing = [key for key in METRIC_KEYS if key not in metrics]
    if missing:
        fail(
            f"{folder}/metrics.json has no {', '.join(missing)}; the README lists the keys: "
            f"{', '.join(METRIC_KEYS)}."
        )
    return metrics


def read_scores(run: Run) -> dict:
    """What evaluate printed as a JSON object with ridge_mae_g, or a failure that says why not."""
    if run.code != 0:
        fail(
            f"`{run.command}` (after train) exited with {run.code}; expected 0. It said: {run.last_words()}."
        )
    scores = None
    for text in (run.stdout, *reversed(run.stdout.splitlines())):
        try:
            scores = json.loads(text)
            break
        except json.JSONDecodeError:
            continue
    if not isinstance(scores, dict) or "ridge_mae_g" not in scores:
        fail(
            f"evaluate printed {run.stdout.strip()[:200]!r}; expected a JSON object with ridge_mae_g."
        )
    return scores


def read_predictions(run: Run, name: str = "birds") -> list[float | None]:
    """The predictions predict wrote to predictions/<name>.csv (None where a row has none), or a
    failure that says why there are none."""
    if run.code != 0:
        fail(
            f"`{run.command}` (after train) exited with {run.code}; expected 0. It said: {run.last_words()}."
        )
    output = run.folder / "predictions" / f"{name}.csv"
    if not output.is_file():
        fail(
            f"predict exited with 0 but wrote no predictions/{name}.csv (create the folder if needed)."
        )
    with output.open(newline="", encoding="utf-8", errors="replace") as file:
        rows = list(csv.DictReader(file))
    if not rows or PREDICTION not in rows[0]:
        fail(f"predictions/{name}.csv has no column {PREDICTION}.")
    try:
        found = [float(row[PREDICTION]) if row[PREDICTION].strip() else None for row in rows]
    except ValueError as error:
        fail(f"predictions/{name}.csv: {PREDICTION} holds a value that is not a number ({error}).")
    return [None if value is not None and math.isnan(value) else value for value in found]


def read_notebook_results(run: Run) -> dict:
    """The results dictionary analysis.py left, or a failure that says why there is none."""
    if run.code != 0:
        fail("analysis.py did not run; the check that the notebook still runs says why.")
    path = run.folder / NOTEBOOK_RESULTS
    results = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    if not isinstance(results, dict):
        fail("analysis.py leaves no results dictionary; stage 2 put the key results in one.")
    return results
