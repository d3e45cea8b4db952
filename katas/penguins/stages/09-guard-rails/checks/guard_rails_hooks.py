"""What the learner's configuration says, for the penguins stage 9 checks: the pre-commit hooks
and the ruff settings. The file names the stage uses, the guard rails a hook can serve (PURPOSES:
what each is for, which commands count, what the planted-mistake run gives it to catch), the
hooks read from .pre-commit-config.yaml (with the text of any workspace script they run), which of
them would reach the network, and the settings ruff reads (ruff.toml, .ruff.toml, [tool.ruff]).
"""

from __future__ import annotations

import contextlib
import re
import shlex
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kata.harness import fail

CONFIG = ".pre-commit-config.yaml"
NOTEBOOK, SCRIPT = "analysis.ipynb", "analysis.py"
PACKAGE = "penguin_mass"

# Hook languages that run a tool already installed, without building an environment. `system`
# and `script` are the names pre-commit used before 4.4 for `unsupported` and `unsupported_script`.
RUNS_INSTALLED_TOOLS = {"unsupported", "system", "unsupported_script", "script", "pygrep", "fail"}


@dataclass(frozen=True)
class Purpose:
    label: str  # what the learner reads
    example: str  # an entry that would do
    pattern: re.Pattern[str]  # searched in the hook's command (entry and args, scripts it runs)
    probe: str  # what the second run gives this guard rail to catch


PURPOSES = {
    "lint": Purpose(
        "lint with ruff check",
        "ruff check --fix",
        re.compile(r"\bruff\b[^&|;\n]*?(?<![\w-])check\b"),
        f"{PACKAGE}/guard_rail_probe_lint.py, which compares with None and uses an undefined name",
    ),
    "format": Purpose(
        "format with ruff format",
        "ruff format",
        re.compile(r"\bruff\b[^&|;\n]*?(?<![\w-])format\b"),
        f"{PACKAGE}/guard_rail_probe_format.py, which ruff format would rewrite",
    ),
    "pairing": Purpose(
        "keep analysis.ipynb and analysis.py in sync with jupytext",
        "jupytext --sync",
        re.compile(r"\bjupytext\b"),
        f"a cell added to {SCRIPT} but not to {NOTEBOOK}",
    ),
    "outputs": Purpose(
        "strip notebook outputs with nbstripout",
        "nbstripout",
        re.compile(r"\bnbstripout\b|clear[-_]output|ClearOutput", re.IGNORECASE),
        f"an output left in {NOTEBOOK}",
    ),
    "tests": Purpose(
        "run the fast tests",
        'pytest -m "not slow"',
        re.compile(r"\bpy\.?test\b|\bunittest\b|\btox\b|\bnox\b|\bmake\s+test"),
        "a test file that fails, planted beside your tests",
    ),
}


@dataclass
class Hook:
    repo: str
    id: str
    name: str
    entry: str
    language: str
    args: list[str]
    additional_dependencies: list[str]
    command: str = ""  # entry and args, and the text of any workspace script they run
    purposes: set[str] = field(default_factory=set)

    def describe(self) -> str:
        return f"{self.id} ({' '.join([self.entry, *self.args]).strip() or 'no entry'})"


def read_config(workspace: Path) -> tuple[list[str], list[Hook]]:
    """The repos (by their `repo:` value) and the hooks of the learner's pre-commit config."""
    path = workspace / CONFIG
    if not path.is_file():
        fail(
            f"Expected {CONFIG} in your workspace, beside {SCRIPT}, but it is not there. Step 4 of "
            "the README starts it."
        )
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        fail(f"{CONFIG} is not valid YAML: {one_line(str(error))}")
    repos = document.get("repos") if isinstance(document, dict) else None
    if not isinstance(repos, list):
        fail(f"{CONFIG} needs a top-level list `repos:`; found {type(repos).__name__}.")
    names, found = [], []
    for repo in repos:
        if not isinstance(repo, dict):
            continue
        names.append(str(repo.get("repo", "")))
        for hook in repo.get("hooks") or []:
            if isinstance(hook, dict):
                found.append(_hook(workspace, names[-1], hook))
    return names, found


def network_problems(repos: list[str], hooks: list[Hook]) -> list[str]:
    problems = [
        f"repo: {repo} would be cloned, and these machines reach package registries only; "
        "move its hooks into the `repo: local` block"
        for repo in dict.fromkeys(repos)
        if repo not in ("local", "meta")
    ]
    for hook in hooks:
        if hook.repo != "local":
            continue
        if hook.additional_dependencies:
            problems.append(
                f"{hook.id} has additional_dependencies, which pre-commit downloads into an "
                "environment of its own; pin the tool in requirements.txt instead"
            )
        elif hook.language not in RUNS_INSTALLED_TOOLS | {"python"}:
            problems.append(
                f"{hook.id} has language: {hook.language}, for which pre-commit builds (and "
                "downloads) an environment"
            )
    return problems


def _hook(workspace: Path, repo: str, raw: dict) -> Hook:
    args = [str(arg) for arg in raw.get("args") or []]
    hook = Hook(
        repo=repo,
        id=str(raw.get("id", "")),
        name=str(raw.get("name", "")),
        entry=str(raw.get("entry", "")),
        language=str(raw.get("language", "")),
        args=args,
        additional_dependencies=[str(d) for d in raw.get("additional_dependencies") or []],
    )
    command = " ".join([hook.entry, *args])
    scripts = []
    with contextlib.suppress(ValueError):
        for word in shlex.split(command):
            path = workspace / word
            if (
                word
                and not word.startswith("-")
                and path.is_file()
                and path.stat().st_size < 100_000
            ):
                scripts.append(path.read_text(encoding="utf-8", errors="replace"))
    hook.command = "\n".join([command, *scripts])
    hook.purposes = {
        key for key, purpose in PURPOSES.items() if purpose.pattern.search(hook.command)
    }
    return hook


def ruff_settings(workspace: Path) -> tuple[dict, str | None]:
    """The settings ruff reads in the workspace folder, and the file they come from."""
    for name in (".ruff.toml", "ruff.toml", "pyproject.toml"):
        path = workspace / name
        if not path.is_file():
            continue
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            fail(f"{name} is not valid TOML: {one_line(str(error))}")
        if name != "pyproject.toml":
            return document, name
        tool = document.get("tool") or {}
        if isinstance(tool, dict) and isinstance(tool.get("ruff"), dict):
            return tool["ruff"], "[tool.ruff] in pyproject.toml"
    return {}, None


def one_line(text: str) -> str:
    return " ".join(text.split())
