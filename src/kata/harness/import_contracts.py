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
