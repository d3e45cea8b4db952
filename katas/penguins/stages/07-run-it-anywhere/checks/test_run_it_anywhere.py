"""Checks for penguins stage 7: one command, many settings, and bad input stopped at the door.

Every check runs the learner's `python -m penguin_mass ...` as its own process, in a private copy
of the workspace with the kata's data beside it, and judges it only by what the README specifies:
exit code, the lines on stderr, and the files left behind.

About thirty such runs make up a check, each forked from the harness's warm helper Python
(kata.harness.processes): a separate process with its own working folder, environment, arguments,
stdout, stderr and exit code, started the way `python -m` starts a module, as many at a time as
there are cores. The learner's tests run the same way, and so does the notebook, through its paired
script once the pair is known to be in sync: a kernel would import everything once more.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from carried_checks import (  # noqa: F401 - collected here as this stage's checks
    test_every_module_sits_in_a_layer_of_your_contracts,
    test_the_domain_touches_no_file_while_train_runs,
    test_the_layer_rules_still_hold,
    test_train_writes_every_output_atomically,
)

from kata.harness import fail, notebook_pair_in_sync, staging
from kata.harness.processes import Processes, Run, base_environment

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
METRIC_KEYS = ("rows", "train_rows", "test_rows", "ridge_mae_g", "ridge_rmse_g", "ridge_r2",
               "baseline_mae_g", "cv_mae_g", "settings")  # fmt: skip
PREDICTION = "predicted_body_mass_g"
RAW_DATA = "../data/penguins_raw.csv"
TIMEOUT = 120

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


@dataclass(frozen=True)
class Expected:
    """What a training run on the full export gives with these settings (stage 5's pipeline)."""

    alpha: float
    seed: int
    test_fraction: float
    folds: int
    train_rows: int
    test_rows: int
    ridge_mae_g: float
    cv_mae_g: float
    more: dict = field(default_factory=dict)


AS_DEFAULTS = Expected(1.0, 42, 0.2, 5, 274, 68, 238.25214393676032, 229.84949397510672,
                       {"rows": 342, "ridge_rmse_g": 310.71603920741984,
                        "ridge_r2": 0.8796295919170664, "baseline_mae_g": 451.358852853404})  # fmt: skip
AS_PROFILE = Expected(10.0, 7, 0.25, 4, 257, 85, 264.098483319333, 234.68311496144665)
AS_FLAGS = Expected(0.1, 3, 0.2, 5, 274, 68, 197.0891848487811, 229.74289154992522)
AS_MIXED = Expected(0.1, 3, 0.25, 4, 257, 85, 218.20020945138938, 233.32075280953202)

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


# Every run of the learner's code: one warm helper Python per check (kata.harness.processes).
class Runs:
    """The learner's commands by name, each forked from the harness's warm helper Python."""

    def __init__(self, preload: list[str]) -> None:
        self.processes = Processes(preload, base_environment(drop=(ENV_PREFIX,)))
        self.runs: dict[str, Run] = {}

    def submit(self, jobs: list[tuple[str, Path, list[str], dict]]) -> None:
        """Start (name, folder, argv, extra environment) jobs; they run as workers come free."""
        for name, cwd, argv, env in jobs:
            timeout = TIMEOUT * 2 if "pytest" in argv else TIMEOUT
            self.runs[name] = self.processes.start(Path(cwd), argv, env=env, timeout=timeout)

    def wait(self, names) -> dict[str, Run]:
        """The named runs, once all of them have finished."""
        self.processes.wait(*(self.runs[name] for name in names))
        return {name: self.runs[name] for name in names}

    def close(self) -> None:
        self.processes.close()


def cli(*args: str) -> list[str]:
    return ["-m", "penguin_mass", *args]


# Everything runs once per check session, in two rounds, and the checks below read the results.


@dataclass
class Session:
    workspace: Path
    runs: dict[str, Run] = field(default_factory=dict)
    before: dict[str, dict] = field(default_factory=dict)
    after: dict[str, dict] = field(default_factory=dict)


@pytest.fixture(scope="module")
def session(workspace, stage):
    scratch = Path(tempfile.mkdtemp(prefix="kata-runs-"))
    copies: list[Path] = []

    def copy_of(source: Path) -> Path:
        copies.append(staging.stage_copy(source, stage.kata_dir))
        return copies[-1]

    runs = Runs([*stage.preload, "pytest", "importlinter.cli"])
    result = Session(workspace)
    try:
        own, conf, tests, other = (copy_of(workspace) for _ in range(4))
        (conf / SETTINGS_FILE).write_text(CHECK_SETTINGS, encoding="utf-8")
        bad_settings = {}
        for case in BAD_SETTINGS:
            bad_settings[case.id] = copy_of(conf)
            (bad_settings[case.id] / SETTINGS_FILE).write_text(case.settings, encoding="utf-8")
            result.before[case.id] = snapshot(bad_settings[case.id])
        write_birds(own / "birds.csv")

        env_all = {"PENGUIN_MASS_ALPHA": "10", "PENGUIN_MASS_SEED": "7",
                   "PENGUIN_MASS_TEST_FRACTION": "0.25", "PENGUIN_MASS_FOLDS": "4",
                   "PENGUIN_MASS_OUTPUT_DIR": "outputs/env"}  # fmt: skip
        first = [
            ("defaults", own, cli("train"), {}),
            ("tampered-model", scratch, ["-c", TAMPER, str(scratch / "tampered.skops")], {}),
            ("ci", own, cli("train", "--profile", "ci", "--set", "output_dir=check-ci"), {}),
            ("profile", conf, cli("train", "--profile", "check"), {}),
            ("flags", conf, cli("train", "--set", "alpha=0.1", "--set", "seed=3",
                                "--set", "output_dir=outputs/flags"), {}),
            ("environment", conf, cli("train"), env_all),
            ("mixed", conf, cli("train", "--set", "seed=3", "--set", "output_dir=outputs/mixed"),
             {"PENGUIN_MASS_PROFILE": "check", "PENGUIN_MASS_ALPHA": "0.1",
              "PENGUIN_MASS_SEED": "99"}),
            ("profile-flag", conf, cli("train", "--profile", "check",
                                       "--set", "output_dir=outputs/profile-flag"),
             {"PENGUIN_MASS_PROFILE": "other"}),
            *((case.id, bad_settings[case.id], cli(*case.args), case.env) for case in BAD_SETTINGS),
        ]  # fmt: skip
        later = [
            ("notebook", other, ["-c", RUN_SCRIPT], {}),
            *(
                [("lint", other, ["-c", LINT_IMPORTS], {})]
                if has_import_contracts(workspace)
                else []
            ),
        ]
        # The learner's tests take longest: they start first and end last, beside everything else.
        runs.submit([("tests", tests, ["-m", "pytest", *PYTEST_ARGS], {}), *first, *later])
        runs.wait([name for name, *_ in first])
        for case in BAD_SETTINGS:
            result.after[case.id] = snapshot(bad_settings[case.id])

        # Bad data and a tampered model meet copies that hold the outputs of a good run.
        bad_data = {}
        for case in BAD_DATA:
            bad_data[case.id] = copy_of(own)
            write_bad_export(bad_data[case.id] / "field" / "export.csv", *case.data)
            result.before[case.id] = snapshot(bad_data[case.id])
        tampered = copy_of(own)
        if (scratch / "tampered.skops").is_file() and (tampered / "outputs").is_dir():
            (tampered / "outputs" / "model.skops").write_bytes(
                (scratch / "tampered.skops").read_bytes()
            )
        second = [
            ("evaluate", own, cli("evaluate"), {}),
            ("predict", own, cli("predict", "--input", "birds.csv",
                                 "--output", "predictions/birds.csv"), {}),
            ("untrusted", tampered, cli("evaluate"), {}),
            *((case.id, bad_data[case.id], cli(*case.args), case.env) for case in BAD_DATA),
        ]  # fmt: skip
        runs.submit(second)
        runs.wait([name for name, *_ in second])
        for case in BAD_DATA:
            result.after[case.id] = snapshot(bad_data[case.id])
        result.runs = runs.wait(list(runs.runs))
        yield result
    finally:
        runs.close()
        for copy in copies:
            staging.remove_stage(copy)
        shutil.rmtree(scratch, ignore_errors=True)


PYTEST_ARGS = ("-q", "-p", "no:cacheprovider", "-p", "no:randomly")
NOTEBOOK_RESULTS = ".kata-notebook-results.json"
RUN_SCRIPT = f"""
import json, runpy
space = runpy.run_path("analysis.py", run_name="__main__")
results = space.get("results")
with open({NOTEBOOK_RESULTS!r}, "w") as out:
    json.dump(results if isinstance(results, dict) else None, out, default=str)
"""
TAMPER = """
import json, sys
import skops.io
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
with open(sys.argv[1], "wb") as file:
    file.write(skops.io.dumps(make_pipeline(FunctionTransformer(json.dumps))))
"""
LINT_IMPORTS = """
import sys
from importlinter.cli import lint_imports_command
sys.argv = ["lint-imports", "--no-cache"]
lint_imports_command()
"""


def has_import_contracts(workspace: Path) -> bool:
    """Whether the workspace configures import-linter (stage 6 leaves the choice of file)."""
    if (workspace / ".importlinter").is_file():
        return True
    return any(
        (workspace / name).is_file() and marker in (workspace / name).read_text(errors="replace")
        for name, marker in (
            ("pyproject.toml", "[tool.importlinter]"),
            ("setup.cfg", "[importlinter]"),
        )
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (caches aside) and a fingerprint of its content."""
    files = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if "__pycache__" in relative.parts or path.suffix == ".pyc" or not path.is_file():
            continue
        files[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


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


def write_birds(path: Path) -> None:
    """The twelve PREDICT_ROWS birds, with the export's columns but no body mass."""
    header, rows = export_rows()
    keep = [i for i, name in enumerate(header) if name != "Body Mass (g)"]
    write_csv(path, [header[i] for i in keep], [[rows[r][i] for i in keep] for r in PREDICT_ROWS])


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


def compare(metrics: dict, expected: Expected, folder: str, how: str) -> None:
    """The settings a run recorded and the numbers it got, against what `how` should give."""
    used = metrics.get("settings") if isinstance(metrics.get("settings"), dict) else {}
    wrong = [
        f"{name} {used.get(name)!r} (expected {want!r})"
        for name, want in (("alpha", expected.alpha), ("seed", expected.seed),
                           ("test_fraction", expected.test_fraction), ("folds", expected.folds))
        if not _same(used.get(name), want)
    ]  # fmt: skip
    numbers = {"train_rows": expected.train_rows, "test_rows": expected.test_rows,
               "ridge_mae_g": expected.ridge_mae_g, "cv_mae_g": expected.cv_mae_g,
               **expected.more}  # fmt: skip
    off = [
        f"{key} {metrics.get(key)!r} (expected {want!r})"
        for key, want in numbers.items()
        if not _same(metrics.get(key), want)
    ]
    if wrong:
        fail(
            f"With {how}, {folder}/metrics.json records the settings {'; '.join(wrong)}. "
            "Which source won? The README's precedence, lowest first: [defaults], the profile, "
            "PENGUIN_MASS_ variables, --set flags."
        )
    if off:
        fail(
            f"With {how}, {folder}/metrics.json records the right settings but {'; '.join(off)}. "
            "Do the settings reach split_train_test, fit_model and cross_validated_mae?"
        )


def is_skops_file(path: Path) -> bool:
    """A skops file is a zip archive with a schema.json."""
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return "schema.json" in archive.namelist()


def _same(found, want) -> bool:
    try:
        return abs(float(found) - float(want)) <= 1e-6 * max(1.0, abs(float(want)))
    except (TypeError, ValueError):
        return False


def stopped_cleanly(session: Session, case: BadInput) -> None:
    """The run for `case` exited with its code, said one line naming the problem, wrote nothing."""
    run = session.runs[case.id]
    problems = []
    if run.timed_out:
        fail(f"`{run.command}` ({case.what}) did not finish within {TIMEOUT} s.")
    if run.code != case.code:
        meaning = "bad settings or usage" if case.code == 2 else "bad data"
        problems.append(f"exited with {run.code}, expected {case.code} ({meaning})")
    if "Traceback (most recent call last)" in run.stderr:
        problems.append(f"printed a traceback ending in: {run.last_words(1)}")
    elif len(run.lines()) != 1:
        problems.append(
            f"printed {len(run.lines())} lines on stderr, expected one: {run.last_words()}"
        )
    elif not any(name.lower() in run.lines()[0].lower() for name in case.names):
        problems.append(f"said {run.lines()[0].strip()!r}, which does not name {case.names[0]!r}")
    before, after = session.before[case.id], session.after[case.id]
    added = sorted(set(after) - set(before))
    changed = sorted(name for name in before if name in after and before[name] != after[name])
    removed = sorted(set(before) - set(after))
    for label, names in (("created", added), ("changed", changed), ("removed", removed)):
        if names:
            problems.append(f"{label} {', '.join(names)}")
    if problems:
        fail(f"`{run.command}` ({case.what}): " + "; ".join(problems) + ".")


# The checks


def test_the_settings_file_has_defaults_and_three_profiles(workspace):
    """penguin_mass.toml holds the README's [defaults] and the laptop, ci and production profiles."""
    path = workspace / SETTINGS_FILE
    if not path.is_file():
        fail(f"Expected {SETTINGS_FILE} in the workspace folder (step 2 of the README).")
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        fail(f"{SETTINGS_FILE} is not valid TOML: {error}.")
    defaults = document.get("defaults")
    if not isinstance(defaults, dict):
        fail(f"{SETTINGS_FILE} has no [defaults] table.")
    differ = [
        f"{name} = {defaults.get(name)!r} (expected {want!r})"
        for name, want in DEFAULTS.items()
        if name in defaults and str(defaults[name]) != str(want) and not _same(defaults[name], want)
    ]
    assert not differ, (
        f"{SETTINGS_FILE} [defaults] differs from the README's defaults: {'; '.join(differ)}. "
        "Keep the defaults that reproduce the golden master; put other values in a profile."
    )
    profiles = document.get("profiles") if isinstance(document.get("profiles"), dict) else {}
    missing = [name for name in PROFILES if not isinstance(profiles.get(name), dict)]
    assert not missing, (
        f"{SETTINGS_FILE} has no {', '.join(f'[profiles.{name}]' for name in missing)} table; "
        "the README asks for laptop, ci and production (a table may be empty)."
    )


@pytest.mark.expensive
def test_the_ci_profile_trains_on_a_small_committed_sample(workspace, session):
    """--profile ci trains on a sample of 30 to 120 birds, all three species, kept in the workspace."""
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
    assert inside.is_file(), (
        f"[profiles.ci] data_path = {str(sample)!r}: no such file in the workspace."
    )
    with inside.open(newline="", encoding="utf-8", errors="replace") as file:
        header, *rows = list(csv.reader(file)) or [[]]
    with (workspace / RAW_DATA).open(newline="", encoding="utf-8") as file:
        export_header, *export_rows = list(csv.reader(file))
    if header != export_header:
        fail(
            f"{sample} does not have the export's header (its columns: {', '.join(header[:6])}"
            f"{', ...' if len(header) > 6 else ''}). The ci profile trains on raw rows of the "
            "export, header included and unchanged, so it exercises the same reading and "
            "validation as a real run."
        )
    strangers = [number for number, row in enumerate(rows, 2) if row not in export_rows]
    if strangers:
        fail(
            f"{sample}, line {strangers[0]}: not a row of the export ({len(strangers)} such rows). "
            "Copy rows of ../data/penguins_raw.csv as they are."
        )
    birds = [dict(zip(header, row, strict=False)) for row in rows]
    species = {(bird.get("Species") or "").split(" ")[0] for bird in birds}
    if not 30 <= len(birds) <= 120 or not {"Adelie", "Chinstrap", "Gentoo"} <= species:
        fail(
            f"{sample} holds {len(birds)} birds of the species {sorted(species - {''})}; expected "
            "30 to 120 raw rows of the export with all three species."
        )
    metrics = read_metrics(session.runs["ci"], "check-ci", "Step 2 adds the ci profile.")
    rows = metrics["rows"]
    if not isinstance(rows, int | float) or not 30 <= rows <= 120:
        fail(f"train --profile ci trained on {rows} birds; expected the sample's 30 to 120.")


@pytest.mark.expensive
def test_train_with_the_defaults_writes_the_golden_numbers_and_a_skops_model(session):
    """train with the defaults writes outputs/metrics.json with stage 6's numbers, and outputs/model.skops."""
    run = session.runs["defaults"]
    metrics = read_metrics(run, "outputs", "Steps 3 and 4 of the README build train.")
    compare(metrics, AS_DEFAULTS, "outputs", "the defaults")
    model = run.folder / "outputs" / "model.skops"
    assert model.is_file(), "train wrote outputs/metrics.json but no outputs/model.skops."
    if not is_skops_file(model):
        fail(
            "outputs/model.skops is not a skops file. Save the fitted pipeline with "
            "skops.io.dump(model, path) or skops.io.dumps(model), never with pickle or joblib."
        )


@pytest.mark.expensive
def test_a_profile_and_set_flags_give_their_own_correct_metrics(session):
    """train --profile check and train --set ... write their own, different, correct metrics."""
    profile = read_metrics(session.runs["profile"], "outputs/profile", "")
    compare(
        profile,
        AS_PROFILE,
        "outputs/profile",
        "--profile check (alpha 10, seed 7, test_fraction 0.25, folds 4)",
    )
    flags = read_metrics(session.runs["flags"], "outputs/flags", "")
    compare(flags, AS_FLAGS, "outputs/flags", "--set alpha=0.1 --set seed=3")


@pytest.mark.expensive
def test_environment_variables_override_the_settings_file(session):
    """PENGUIN_MASS_ALPHA, _SEED, _TEST_FRACTION, _FOLDS and _OUTPUT_DIR reach the run."""
    run = session.runs["environment"]
    metrics = read_metrics(run, "outputs/env", "Is PENGUIN_MASS_OUTPUT_DIR read at all?")
    compare(
        metrics,
        AS_PROFILE,
        "outputs/env",
        "PENGUIN_MASS_ALPHA=10, _SEED=7, _TEST_FRACTION=0.25 and _FOLDS=4",
    )


@pytest.mark.expensive
def test_flags_beat_the_environment_and_the_environment_beats_the_profile(session):
    """--set beats PENGUIN_MASS_SEED, which beats the profile; --profile beats PENGUIN_MASS_PROFILE."""
    mixed = read_metrics(session.runs["mixed"], "outputs/mixed", "")
    compare(
        mixed, AS_MIXED, "outputs/mixed",
        "PENGUIN_MASS_PROFILE=check (alpha 10, seed 7, test_fraction 0.25, folds 4), "
        "PENGUIN_MASS_ALPHA=0.1, PENGUIN_MASS_SEED=99 and --set seed=3",
    )  # fmt: skip
    chosen = read_metrics(session.runs["profile-flag"], "outputs/profile-flag", "")
    compare(
        chosen, AS_PROFILE, "outputs/profile-flag", "PENGUIN_MASS_PROFILE=other and --profile check"
    )


@pytest.mark.parametrize("case", BAD_SETTINGS, ids=lambda case: case.id)
@pytest.mark.expensive
def test_bad_settings_stop_with_one_line_exit_2_and_no_output(session, case):
    """Bad settings or usage: exit 2, one line naming the field, no traceback, no file written."""
    stopped_cleanly(session, case)


@pytest.mark.parametrize("case", BAD_DATA, ids=lambda case: case.id)
@pytest.mark.expensive
def test_bad_data_stops_with_one_line_exit_3_and_the_last_outputs_left_as_they_were(session, case):
    """Bad data: exit 3, one line naming the column, no traceback, every file as it was before."""
    stopped_cleanly(session, case)


@pytest.mark.expensive
def test_evaluate_prints_the_scores_of_the_saved_model(session):
    """evaluate prints, as JSON, the saved model's scores on the held-out birds."""
    run = session.runs["evaluate"]
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
    expected = {"ridge_mae_g": AS_DEFAULTS.ridge_mae_g, **AS_DEFAULTS.more}
    off = [
        f"{key} {scores[key]!r} (expected {want!r})"
        for key, want in expected.items()
        if key in scores and not _same(scores[key], want)
    ]
    assert not off, (
        f"evaluate with the defaults printed {'; '.join(off)}: not the scores train recorded. Does "
        "it load outputs/model.skops and score the same held-out birds (same seed and fraction)?"
    )


@pytest.mark.expensive
def test_predict_writes_a_prediction_for_every_bird_in_order(session):
    """predict --input CSV --output CSV writes predicted_body_mass_g for each input row, in order."""
    run = session.runs["predict"]
    if run.code != 0:
        fail(
            f"`{run.command}` (after train) exited with {run.code}; expected 0. It said: {run.last_words()}."
        )
    output = run.folder / "predictions" / "birds.csv"
    if not output.is_file():
        fail(
            "predict exited with 0 but wrote no predictions/birds.csv (create the folder if needed)."
        )
    with output.open(newline="", encoding="utf-8", errors="replace") as file:
        rows = list(csv.DictReader(file))
    if not rows or PREDICTION not in rows[0]:
        fail(f"predictions/birds.csv has no column {PREDICTION}.")
    try:
        found = [float(row[PREDICTION]) for row in rows]
    except ValueError as error:
        fail(f"predictions/birds.csv: {PREDICTION} holds a value that is not a number ({error}).")
    assert len(found) == len(PREDICTIONS), (
        f"predict got {len(PREDICTIONS)} birds (the export's columns, no body mass) and wrote "
        f"{len(found)} rows; expected one row per bird. Birds without a body mass are the ones to predict."
    )
    assert found == pytest.approx(PREDICTIONS, abs=1.0), (
        f"predict wrote {[round(value) for value in found]} g; the model trained with the defaults "
        f"gives {[round(value) for value in PREDICTIONS]} g for these birds, in this order."
    )


@pytest.mark.expensive
def test_a_model_file_with_unexpected_types_is_refused(session):
    """evaluate refuses a model.skops holding a type outside your allow-list, in one line naming it."""
    run = session.runs["untrusted"]
    if session.runs["tampered-model"].code != 0:
        fail(
            f"The checks could not build a model file to try: {session.runs['tampered-model'].last_words()}"
        )
    problems = []
    if run.code == 0:
        problems.append("exited with 0: it loaded and used the file")
    if "Traceback (most recent call last)" in run.stderr:
        problems.append(f"printed a traceback ending in: {run.last_words(1)}")
    elif len(run.lines()) != 1 or "json.dumps" not in run.lines()[0]:
        problems.append(f"said {run.last_words()!r}, expected one line naming json.dumps")
    assert not problems, (
        "With outputs/model.skops replaced by a skops file holding json.dumps (a function skops does "
        f"not trust), `{run.command}` " + "; ".join(problems) + ". Compare "
        "skops.io.get_untrusted_types(file=path) with your own allow-list before skops.io.load."
    )


@pytest.mark.expensive
def test_the_import_contracts_still_hold(session):
    """lint-imports keeps every contract of your import-linter configuration."""
    if "lint" not in session.runs:
        fail(
            "No import-linter configuration was found (stage 6 put its contracts in .importlinter "
            "or pyproject.toml); the layers need their contracts at every later stage."
        )
    run = session.runs["lint"]
    assert run.code == 0, (
        "lint-imports breaks a contract. Run it in the workspace folder; where do the new modules "
        f"(settings, validation, workflow, entry point) sit in your layers?\n{_tail(run.stdout)}"
    )


@pytest.mark.expensive
def test_your_tests_pass(session):
    """Your tests, golden master included, pass."""
    run = session.runs["tests"]
    assert run.code == 0, (
        "Your tests did not all pass"
        + (" (no tests ran)" if run.code == 5 else "")
        + ". Run pytest in the workspace and read the first failure.\n"
        + _tail(run.stdout + run.stderr)
    )
    # pytest's summary counts "N skipped" and the expected failures (spelt in two parts here, so that the
    # scan for checks that skip does not take this line for one).
    skipped = re.search(r"\b(\d+) (skipped|x" r"failed)\b", _tail(run.stdout, 3))
    assert not skipped, (
        f"Your tests pass, but {skipped.group(1)} {skipped.group(2)}: here the data and every "
        "library are present, so a skipped test proves nothing. Run pytest -rs in the workspace "
        "to see why each one skips.\n" + _tail(run.stdout, 3)
    )


@pytest.mark.expensive
def test_the_notebook_still_runs(workspace, session):
    """The notebook is in sync with analysis.py, and analysis.py runs top to bottom."""
    problem = notebook_pair_in_sync(workspace / "analysis.ipynb")
    if problem:
        fail(problem)
    run = session.runs["notebook"]
    assert run.code == 0, (
        f"analysis.py (the notebook's paired script) stopped: {run.last_words()}. Restart the "
        "kernel and run all cells to see where."
    )


@pytest.mark.expensive
def test_the_notebook_still_reports_stage_6_s_numbers(session):
    """With no PENGUIN_MASS_* variable set, the notebook's results are stage 6's numbers."""
    run = session.runs["notebook"]
    if run.code != 0:
        fail("analysis.py did not run; the check that the notebook still runs says why.")
    path = run.folder / NOTEBOOK_RESULTS
    results = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    if not isinstance(results, dict):
        fail("analysis.py leaves no results dictionary; stage 2 put the key results in one.")
    expected = {"train_rows": AS_DEFAULTS.train_rows, "test_rows": AS_DEFAULTS.test_rows,
                "ridge_mae_g": AS_DEFAULTS.ridge_mae_g, "cv_mae_g": AS_DEFAULTS.cv_mae_g,
                **AS_DEFAULTS.more}  # fmt: skip
    wrong = {
        key: results.get(key)
        for key, value in expected.items()
        if not isinstance(results.get(key), int | float)
        or results[key] != pytest.approx(value, rel=1e-9)
    }
    assert not wrong, (
        f"The notebook now reports {wrong}; with the defaults it must report stage 6's numbers "
        f"({ {key: round(value, 2) for key, value in expected.items()} }). Does it read a profile "
        "other than the defaults? Step 7: with no PENGUIN_MASS_* variable set, the same numbers; "
        "and the golden master must keep pinning them, not be re-recorded."
    )


def _tail(output: str, lines: int = 12) -> str:
    return "\n".join(output.strip().splitlines()[-lines:])
