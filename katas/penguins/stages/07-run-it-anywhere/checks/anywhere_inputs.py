"""What the stage 7 checks give the learner's commands: settings, birds and bad input.

The settings file's name and the `PENGUIN_MASS_` prefix, the README's [defaults] and profiles, the
settings file the checks put in copies of the workspace, the twelve birds sent to predict (and what
the defaults' model predicts for them), the table of bad settings and bad data (`BadInput`) each of
which must stop a run, and the writers of the CSV files made from the kata's export.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

SETTINGS_FILE = "penguin_mass.toml"
ENV_PREFIX = "PENGUIN_MASS_"
PROFILES = ("laptop", "ci", "production")
DEFAULTS = {
    "data_path": "../data/penguins_raw.csv",
    "output_dir": "outputs",
    "alpha": 1.0,
    "test_fraction": 0.2,
    "seed": 42,
    "folds": 5,
}
RAW_DATA = "../data/penguins_raw.csv"

# The settings file the checks put in a copy of the workspace to try profiles and precedence.
CHECK_SETTINGS = """\
[defaults]
data_path = "../data/penguins_raw.csv"
output_dir = "outputs"
alpha = 1.0
test_fraction = 0.2
seed = 42
folds = 5

[profiles.check]
alpha = 10.0
seed = 7
test_fraction = 0.25
folds = 4
output_dir = "outputs/profile"

[profiles.other]
test_fraction = 0.3
output_dir = "outputs/other"
"""
TYPO_PROFILE = "\n[profiles.typo]\naplha = 3.0\n"

# Row 3 of the export is a bird with no measurement at all ("Adult not sampled"): among two measured
# birds it must get no mass; row 40's bird, sent with its flipper length blanked, must get one (see
# the README's rule for birds to predict for).
UNMEASURED_ROWS = [0, 3, 8, 40]
# Twelve birds of the export (their row numbers there), sent to predict without their body mass,
# and what the model trained with the defaults predicts for each.
PREDICT_ROWS = [0, 8, 40, 100, 151, 152, 160, 200, 250, 275, 280, 330]
PREDICTIONS = [3741.14, 3771.544, 3248.546, 3430.045, 4106.569, 4674.921, 4561.38, 4579.323,
               4635.373, 5234.173, 4151.308, 3156.159]  # fmt: skip

EMPEROR = "Emperor penguin (Aptenodytes forsteri)"


@dataclass(frozen=True)
class BadInput:
    """A run that must stop: its arguments, environment, exit code and what its line must name."""

    id: str
    what: str
    args: tuple[str, ...]
    code: int
    names: tuple[str, ...]
    env: dict = field(default_factory=dict)
    settings: str = CHECK_SETTINGS
    data: tuple | None = None  # (rows of the export or None for all, column, row, new value)


BAD_SETTINGS = [
    BadInput("unknown-field", "a misspelled field in --set", ("train", "--set", "alhpa=3"), 2,
             ("alhpa",)),
    BadInput("wrong-type", "a seed that is not a number", ("train", "--set", "seed=seven"), 2,
             ("seed",)),
    BadInput("out-of-range", "a test fraction above 1", ("train", "--set", "test_fraction=1.5"),
             2, ("test_fraction",)),
    BadInput("unknown-profile", "a profile the settings file does not define",
             ("train", "--profile", "mars"), 2, ("mars",)),
    BadInput("malformed-set", "--set without =VALUE", ("train", "--set", "alpha"), 2, ("alpha",)),
    BadInput("bad-environment", "PENGUIN_MASS_ALPHA=lots", ("train",), 2, ("alpha",),
             env={"PENGUIN_MASS_ALPHA": "lots"}),
    BadInput("typo-in-settings-file", "a misspelled field in a profile of penguin_mass.toml",
             ("train", "--profile", "typo"), 2, ("aplha",), settings=CHECK_SETTINGS + TYPO_PROFILE),
    BadInput("unknown-command", "a command that does not exist", ("fit",), 2, ("fit",)),
    BadInput("missing-data-path", "a data_path with no file there",
             ("train", "--set", "data_path=nowhere/export.csv"), 2, ("data_path",)),
    BadInput("environment-data-path", "PENGUIN_MASS_DATA_PATH naming no file", ("train",), 2,
             ("data_path",), env={"PENGUIN_MASS_DATA_PATH": "nowhere/export.csv"}),
    BadInput("unknown-environment", "PENGUIN_MASS_ALHPA, a variable for no field", ("train",),
             2, ("alhpa",), env={"PENGUIN_MASS_ALHPA": "3"}),
]  # fmt: skip
FLIPPER = ("Flipper Length (mm)", "flipper_length_mm", "flipper length")
BAD_DATA = [
    BadInput("missing-column", "an export without its Flipper Length (mm) column",
             ("train", "--set", "data_path=field/export.csv"), 3, FLIPPER,
             data=(None, "Flipper Length (mm)", None, None)),
    BadInput("not-a-number", "'eighteen' in Culmen Depth (mm), row 41",
             ("train", "--set", "data_path=field/export.csv"), 3,
             ("Culmen Depth (mm)", "bill_depth_mm", "culmen depth", "bill depth"),
             data=(None, "Culmen Depth (mm)", 40, "eighteen")),
    BadInput("out-of-range-value", "a body mass of 45000 g, row 101",
             ("train", "--set", "data_path=field/export.csv"), 3,
             ("Body Mass (g)", "body_mass_g", "body mass"),
             data=(None, "Body Mass (g)", 100, "45000")),
    BadInput("unknown-species", f"an {EMPEROR}, row 201",
             ("train", "--set", "data_path=field/export.csv"), 3, ("species",),
             data=(None, "Species", 200, EMPEROR)),
    BadInput("unknown-island", "an island called Atlantis, row 61",
             ("train", "--set", "data_path=field/export.csv"), 3, ("island",),
             data=(None, "Island", 60, "Atlantis")),
    BadInput("unknown-sex", "a sex of UNKNOWN, row 71",
             ("train", "--set", "data_path=field/export.csv"), 3, ("sex",),
             data=(None, "Sex", 70, "UNKNOWN")),
    BadInput("isotope-out-of-range", "a Delta 15 N of 50, row 81",
             ("train", "--set", "data_path=field/export.csv"), 3,
             ("Delta 15 N", "delta_15n", "15 N", "15n"),
             data=(None, "Delta 15 N (o/oo)", 80, "50")),
    BadInput("predict-out-of-range", "a flipper of 2100 mm among the birds to predict",
             ("predict", "--input", "field/export.csv", "--output", "predictions/field.csv"), 3,
             FLIPPER, data=(PREDICT_ROWS, "Flipper Length (mm)", 5, "2100")),
]  # fmt: skip


def export_rows() -> tuple[list[str], list[list[str]]]:
    data = Path(__file__).resolve().parents[3] / "data" / "penguins_raw.csv"
    with data.open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    return rows[0], rows[1:]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


def write_birds(path: Path, which: list[int] = PREDICT_ROWS, blank_last: str = "") -> None:
    """The birds of the export in rows `which` (PREDICT_ROWS by default), without the body mass,
    and with the last bird's `blank_last` column left empty when one is named."""
    header, rows = export_rows()
    keep = [i for i, name in enumerate(header) if name != "Body Mass (g)"]
    birds = [[rows[r][i] for i in keep] for r in which]
    if blank_last:
        birds[-1][[header[i] for i in keep].index(blank_last)] = ""
    write_csv(path, [header[i] for i in keep], birds)


def write_bad_export(path: Path, which, column, row, value) -> None:
    """The export (or the PREDICT_ROWS birds, body mass left out) with one thing wrong."""
    header, rows = export_rows()
    if which is not None:
        rows = [rows[r] for r in which]
        drop = header.index("Body Mass (g)")
        header, rows = (
            [*header[:drop], *header[drop + 1 :]],
            [[*r[:drop], *r[drop + 1 :]] for r in rows],
        )
    index = header.index(column)
    if value is None:
        header, rows = (
            [*header[:index], *header[index + 1 :]],
            [[*r[:index], *r[index + 1 :]] for r in rows],
        )
    else:
        rows[row][index] = value
    write_csv(path, header, rows)
