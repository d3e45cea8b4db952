"""Problems that stop checks from running at all, reported as 'file:line: what is wrong'."""

from __future__ import annotations

import ast
import json
from pathlib import Path

SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".venv", "mlruns"}


def problems(workspace: Path) -> list[str]:
    found = []
    for path in sorted(workspace.rglob("*")):
        relative = path.relative_to(workspace)
        if SKIPPED_PARTS & set(relative.parts) or not path.is_file():
            continue
        if path.suffix == ".py":
            found.extend(_python_problem(path, relative))
        elif path.suffix == ".ipynb":
            found.extend(_notebook_problem(path, relative))
    return found


def _python_problem(path: Path, relative: Path) -> list[str]:
    try:
        ast.parse(path.read_bytes(), filename=str(relative))
    except SyntaxError as error:
        return [f"{relative}:{error.lineno}: SyntaxError: {error.msg}"]
    except ValueError as error:  # e.g. null bytes
        return [f"{relative}:1: cannot be read as Python: {error}"]
    return []


def _notebook_problem(path: Path, relative: Path) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [f"{relative}:1: not UTF-8 text, so not a notebook"]
    except json.JSONDecodeError as error:
        return [
            f"{relative}:{error.lineno}: not valid notebook JSON ({error.msg}, column {error.colno})"
        ]
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return [f"{relative}:1: JSON, but not a notebook (no list of cells)"]
    if data.get("nbformat") != 4:
        return [f"{relative}:1: notebook format {data.get('nbformat')!r}; kata reads format 4"]
    return []
