"""The repository keeps its promises: one way to set up, the same test command everywhere, pinned versions."""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent


def test_the_readme_quick_start_gives_exactly_the_two_commands():
    readme = (REPO / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)```", quick_start, re.DOTALL)
    assert [c.split("#")[0].strip() for c in commands] == ["make practice", "make test"]


def test_ci_runs_the_readme_test_command():
    script = (REPO / ".ci" / "run").read_text()
    last_command = [
        line for line in script.splitlines() if line.strip() and not line.startswith("#")
    ][-1]
    assert last_command.strip() == "make test"
    # what the browser tests and stage 8's team server need, from Debian, when it is missing
    assert "missing+=(chromium)" in script
    assert "missing+=(postgresql)" in script
    assert 'apt-get install -y -qq "${missing[@]}"' in script


def test_make_test_sets_up_then_runs_pytest():
    makefile = (REPO / "Makefile").read_text()
    # two workers, each kata's discrimination file and the site tests kept on one (tests/conftest.py),
    # and the slowest tests listed in every log
    assert re.search(
        r'^test: setup\n\t\$\(BIN\)/pytest -n 3 --dist loadgroup --durations=25 -m "not extended"$',
        makefile,
        re.MULTILINE,
    )
    assert re.search(r"^practice: setup\n\t\$\(BIN\)/kata$", makefile, re.MULTILINE)
    assert "uv sync --frozen" in makefile


def test_the_lock_file_matches_the_project_and_pins_every_package():
    done = subprocess.run(
        [str(BIN / "uv"), "lock", "--check", "--offline"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    lock = tomllib.loads((REPO / "uv.lock").read_text())
    assert all(package.get("version") for package in lock["package"])


def test_the_pre_commit_config_is_valid_and_uses_local_hooks_only():
    done = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    repos = re.findall(
        r"^\s*- repo: (\S+)", (REPO / ".pre-commit-config.yaml").read_text(), re.MULTILINE
    )
    assert repos == ["local"]


def test_the_devcontainer_runs_the_same_setup():
    config = json.loads((REPO / ".devcontainer" / "devcontainer.json").read_text())
    assert config["postCreateCommand"] == "make setup"


def test_the_committed_workspace_is_the_pristine_start_of_each_kata():
    for kata in (REPO / "katas").iterdir():
        if not (kata / "kata.toml").is_file():
            continue
        trees = [
            subprocess.run(
                ["git", "rev-parse", f"HEAD:katas/{kata.name}/{folder}"],
                cwd=REPO,
                capture_output=True,
                text=True,
            ).stdout.strip()
            for folder in ("workspace", "start")
        ]
        assert trees[0], f"katas/{kata.name}/workspace is not committed"
        assert trees[0] == trees[1], f"katas/{kata.name}: workspace/ differs from start/"


def test_jupytext_pairs_notebooks_with_percent_scripts():
    config = tomllib.loads((REPO / "jupytext.toml").read_text())
    assert config["formats"] == "ipynb,py:percent"


def test_kata_keeps_its_own_import_contracts():
    """The layers of src/kata (pyproject.toml's [tool.importlinter]) hold, as stage 6 asks of
    learners: the CLI on top, the harness below the engine, the format at the bottom."""
    done = subprocess.run(
        [str(BIN / "lint-imports")], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_make_lab_opens_paired_scripts_as_notebooks_and_asks_no_news():
    """`make lab` points JupyterLab at the repository's overrides: a paired .py opens as a Jupytext
    Notebook, and no news pop-up asks for a network call on first launch; each setting exists in
    the installed JupyterLab's schemas with that value allowed."""
    makefile = (REPO / "Makefile").read_text()
    assert "--LabApp.app_settings_dir=$(CURDIR)/.jupyter/lab/settings" in makefile
    overrides = json.loads((REPO / ".jupyter/lab/settings/overrides.json").read_text())
    schemas = BIN.parent / "share/jupyter/lab/schemas/@jupyterlab"
    for plugin, settings in overrides.items():
        package, name = plugin.removeprefix("@jupyterlab/").split(":")
        properties = json.loads((schemas / package / f"{name}.json").read_text())["properties"]
        for key, value in settings.items():
            assert key in properties, f"{plugin} has no setting {key}"
            allowed = [choice["const"] for choice in properties[key].get("oneOf", [])]
            assert not allowed or value in allowed, f"{plugin} {key}: {value!r} not in {allowed}"
    assert overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"] == {
        "python": "Jupytext Notebook"
    }
