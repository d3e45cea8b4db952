"""How the stage 7 checks run the learner's commands: every run, once per check session.

About thirty runs of `python -m penguin_mass ...` (with the learner's tests, the notebook's paired
script and lint-imports) make up a check, each forked from the harness's warm helper Python
(kata.harness.processes): a separate process with its own working folder, environment, arguments,
stdout, stderr and exit code, started the way `python -m` starts a module, as many at a time as
there are cores, each in a private copy of the workspace with the kata's data beside it. The
notebook runs through its paired script once the pair is known to be in sync: a kernel would import
everything once more. `run_session`, behind the checks' `session` fixture, makes all the runs in two
rounds, snapshots the copies that bad input meets before and after, and yields the `Session` the
checks read.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from anywhere_inputs import (
    BAD_DATA,
    BAD_SETTINGS,
    CHECK_SETTINGS,
    ENV_PREFIX,
    SETTINGS_FILE,
    UNMEASURED_ROWS,
    write_bad_export,
    write_birds,
)

from kata.harness import staging
from kata.harness.processes import Processes, Run, base_environment

TIMEOUT = 120


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


# Everything runs once per check session, in two rounds, and the checks read the results.


@dataclass
class Session:
    workspace: Path
    runs: dict[str, Run] = field(default_factory=dict)
    before: dict[str, dict] = field(default_factory=dict)
    after: dict[str, dict] = field(default_factory=dict)


def run_session(workspace: Path, stage, skip: set[str] = frozenset()):
    """Make every run (but those named in `skip`: no check to run reads them), yield the Session
    the checks read, then remove every copy."""
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
        write_birds(own / "unmeasured.csv", UNMEASURED_ROWS, blank_last="Flipper Length (mm)")

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
        started = [("tests", tests, ["-m", "pytest", *PYTEST_ARGS], {}), *first, *later]
        runs.submit([run for run in started if run[0] not in skip])
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
            ("predict-unmeasured", own, cli("predict", "--input", "unmeasured.csv",
                                            "--output", "predictions/unmeasured.csv"), {}),
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
