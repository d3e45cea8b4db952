"""The learner's import-linter contracts: where they are, and whether `lint-imports` keeps them.

Stage 6 asks for them and every later stage carries them, so they live here once.
"""

from __future__ import annotations

import configparser
import json
import subprocess
import sys
import tomllib
from pathlib import Path

from kata.harness import staging
from kata.harness.failures import fail

# lint-imports in each folder given, one interpreter for all: importing import-linter costs more
# than a run. Prints [exit code, output] per folder, as JSON.
LINT_IMPORTS = """
import contextlib, io, json, os, sys
from importlinter.cli import lint_imports
runs = []
for folder in sys.argv[1:]:
    os.chdir(folder)  # lint_imports reads the configuration here and puts it first on sys.path
    with contextlib.redirect_stdout(io.StringIO()) as output:
        code = lint_imports(no_cache=True, no_logo=True)
    runs.append([code, output.getvalue()])
print(json.dumps(runs))
"""


def import_linter_config(workspace: Path) -> tuple[str, int] | None:
    """(where the config is, how many contracts it has), as lint-imports looks for it."""
    for name in ("setup.cfg", ".importlinter"):
        path = workspace / name
        if path.is_file():
            config = configparser.ConfigParser()
            try:
                config.read(path, encoding="utf-8")
            except configparser.Error as error:
                fail(f"{name} cannot be read as an INI file: {str(error).splitlines()[-1]}")
            if config.has_section("importlinter"):
                contracts = [s for s in config.sections() if s.startswith("importlinter:")]
                return name, len(contracts)
    path = workspace / "pyproject.toml"
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            fail(f"pyproject.toml is not valid TOML: {error}.")
        section = data.get("tool", {}).get("importlinter")
        if isinstance(section, dict):
            return "pyproject.toml [tool.importlinter]", len(section.get("contracts", []))
    return None


def lint_imports(*folders: Path) -> list[tuple[int, str]]:
    """(exit code, output) of lint-imports run in each folder."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", LINT_IMPORTS, *map(str, folders)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        fail("lint-imports did not finish within 120 s.")
    try:
        return [(code, output) for code, output in json.loads(done.stdout.strip().splitlines()[-1])]
    except (IndexError, ValueError):
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-8:])
        fail(f"lint-imports could not run:\n{tail}")


def lint_imports_with_slips(
    workspace: Path, slips: list[tuple[str, str]]
) -> tuple[tuple[int, str], list[int]]:
    """lint-imports on the workspace, and its exit code on one copy per slip: (file relative to
    the workspace, a line appended to it), to show whether the learner's contracts catch each."""
    copies = []
    try:
        for relative, line in slips:
            copy = staging.stage_copy(workspace, None)
            copies.append(copy)
            with (copy / relative).open("a", encoding="utf-8") as module:
                module.write(f"\n{line}  # a slip the contracts should catch\n")
        own, *caught = lint_imports(workspace, *copies)
    finally:
        for copy in copies:
            staging.remove_stage(copy)
    return own, [code for code, _ in caught]


def require_contracts_kept(workspace: Path) -> None:
    """The workspace still has import-linter contracts, and lint-imports keeps every one."""
    found = import_linter_config(workspace)
    if found is None or found[1] == 0:
        fail(
            "No import-linter contracts were found (stage 6 put them in .importlinter, setup.cfg "
            "or pyproject.toml); the layers keep their contracts at every later stage."
        )
    ((code, output),) = lint_imports(workspace)
    tail = "\n".join(output.strip().splitlines()[-12:])
    assert code == 0, (
        f"lint-imports breaks a contract of {found[0]}. Run it in the workspace folder; where do "
        f"your new modules sit in your layers?\n{tail}"
    )


def _contracts(workspace: Path) -> list[dict[str, list[str]]]:
    """The learner's contracts as {option: list of values}, from whichever file holds them."""
    for name in ("setup.cfg", ".importlinter"):
        path = workspace / name
        if path.is_file():
            config = configparser.ConfigParser()
            config.read(path, encoding="utf-8")
            if config.has_section("importlinter"):
                return [
                    {key: value.split() if "\n" not in value.strip() else
                     [line.strip() for line in value.strip().splitlines() if line.strip()]
                     for key, value in config[section].items()}
                    for section in config.sections()
                    if section.startswith("importlinter:contract:")
                ]  # fmt: skip
    path = workspace / "pyproject.toml"
    if path.is_file():
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
        contracts = section.get("importlinter", {}).get("contracts", [])
        return [
            {key: value if isinstance(value, list) else [str(value)] for key, value in c.items()}
            for c in contracts
            if isinstance(c, dict)
        ]
    return []


def layered_modules(workspace: Path) -> set[str]:
    """Every module named as a layer (or part of one) by a layers contract of the workspace."""
    named = set()
    for contract in _contracts(workspace):
        if contract.get("type") != ["layers"]:
            continue
        containers = contract.get("containers") or [""]
        for line in contract.get("layers", []):
            for part in line.replace("|", " ").replace(":", " ").split():
                layer = part.strip("()")
                named.update(f"{c}.{layer}" if c else layer for c in containers)
    return named


def modules_outside_the_layers(workspace: Path, package: str) -> list[str]:
    """The package's modules (its __init__ and __main__ aside) that no layers contract covers."""
    named = layered_modules(workspace)
    outside = []
    for path in sorted((workspace / package).rglob("*.py")):
        parts = list(path.relative_to(workspace).with_suffix("").parts)
        if "__pycache__" in parts or parts[-1] in ("__main__",):
            continue
        if parts[-1] == "__init__":
            parts.pop()
        if len(parts) < 2:
            continue
        names = {".".join(parts[:end]) for end in range(2, len(parts) + 1)}
        if not names & named:
            outside.append(".".join(parts))
    return outside


def require_every_module_layered(workspace: Path, package: str) -> None:
    """Each module of the package sits in a layer of the learner's layers contract."""
    if import_linter_config(workspace) is None:
        fail("No import-linter configuration: the layers keep their contracts at every stage.")
    outside = modules_outside_the_layers(workspace, package)
    assert not outside, (
        f"No layers contract names {', '.join(outside)}: lint-imports cannot see what these "
        "modules import, so a rule they break goes unnoticed. Put each in a layer of your layers "
        "contract (a new line, a `|` beside another layer, or as a module inside one)."
    )
