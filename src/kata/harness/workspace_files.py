"""Finding and importing what the learner wrote."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from kata.harness.failures import fail


def require_file(workspace: Path, relative: str, why: str = "") -> Path:
    path = workspace / relative
    if not path.exists():
        reason = f" {why}" if why else ""
        fail(f"Expected the file {relative} in your workspace, but it is not there.{reason}")
    return path


def forget_workspace_modules(workspace: Path) -> None:
    """Drop modules imported from the workspace so that the next import reads the files again."""
    root = str(workspace.resolve())
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None) or ""
        if file.startswith(root):
            del sys.modules[name]
    importlib.invalidate_caches()


def import_from_workspace(workspace: Path, module_name: str) -> ModuleType:
    """Import `module_name` fresh from the workspace, turning every failure into a readable one."""
    forget_workspace_modules(workspace)
    root = str(workspace.resolve())
    if root not in sys.path:
        sys.path.insert(0, root)
    try:
        return importlib.import_module(module_name)
    except SyntaxError as error:
        where = _relative(workspace, error.filename)
        fail(f"{where}:{error.lineno}: SyntaxError: {error.msg}. Fix it, then check again.")
    except ModuleNotFoundError as error:
        if error.name == module_name.split(".")[0]:
            fail(
                f"Expected a module named {module_name} in your workspace "
                f"({module_name.replace('.', '/')}.py or a package folder), but Python cannot find it."
            )
        fail(
            f"Importing {module_name} failed: {error}. Is the module it imports installed or named right?"
        )
    except Exception as error:  # the learner's module raised while being imported
        fail(
            f"Importing {module_name} raised {type(error).__name__}: {error}. "
            "A module should only define things when imported; move work into functions."
        )
    finally:
        if root in sys.path:
            sys.path.remove(root)


def _relative(workspace: Path, filename: str | None) -> str:
    if not filename:
        return "?"
    try:
        return str(Path(filename).resolve().relative_to(workspace.resolve()))
    except ValueError:
        return filename
