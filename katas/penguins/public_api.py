"""How the report notebook reaches the package: only through its public API.

The notebook of stages 6 to 9 is a thin report. It imports from the top of penguin_mass, only the
names penguin_mass/__init__.py lists in __all__, no layer directly and no other library, so that
the layers behind the API can change without touching it.
"""

import ast
from pathlib import Path

from layer_rules import PACKAGE, library_names

from kata.harness import notebook_code


def reaches_past_the_public_api(workspace: Path, notebook: str) -> list[str]:
    """Each import or attribute of the notebook that reaches past the package's public API, as
    'cell N, line L: `code`: why'."""
    submodules, public = package_surface(workspace)
    found = []

    handed_out = {}

    def check_name(name, where):
        handed_out.setdefault(name, where)
        if name.startswith("_"):
            found.append(f"{where}: {name} is private (its name starts with _)")
        elif name in submodules:
            found.append(f"{where}: {PACKAGE}.{name} is a layer; use the names it exports instead")
        elif public is not None and name not in public:
            found.append(f"{where}: {name} is not in {PACKAGE}.__all__")

    aliases = set()  # names of the package itself (`import penguin_mass as pm`), in every cell
    for number, tree in notebook_code(workspace / notebook):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                where = f"cell {number}, line {node.lineno}: `{ast.unparse(node)}`"
                module = "." * getattr(node, "level", 0) + (getattr(node, "module", "") or "")
                if isinstance(node, ast.ImportFrom) and module == PACKAGE:
                    for alias in node.names:
                        check_name(alias.name, where)
                elif isinstance(node, ast.Import) and all(a.name == PACKAGE for a in node.names):
                    aliases.update(alias.asname or alias.name for alias in node.names)
                elif module.startswith(f"{PACKAGE}.") or any(
                    a.name.startswith(f"{PACKAGE}.") for a in getattr(node, "names", [])
                ):
                    found.append(f"{where}: imports a layer directly; import from {PACKAGE} itself")
                else:
                    found.append(
                        f"{where}: the report imports nothing but {PACKAGE}; code that needs this "
                        "library belongs in the package"
                    )
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                check_name(node.attr, f"cell {number}, line {node.lineno}: `{ast.unparse(node)}`")
    for name, library in library_names(workspace, list(handed_out)).items():
        found.append(
            f"{handed_out[name]}: {name} is {library}'s, handed on by {PACKAGE}; a library "
            "re-exported through the package is still a library in the report"
        )
    return found


def package_surface(workspace: Path) -> tuple[set[str], set[str] | None]:
    """(the package's own modules and subpackages, the names in its __all__ or None)."""
    root = workspace / PACKAGE
    if not root.is_dir():
        return set(), None
    submodules = {path.stem for path in root.glob("*.py") if path.stem != "__init__"}
    submodules |= {
        path.name for path in root.iterdir() if path.is_dir() and any(path.rglob("*.py"))
    }
    init = root / "__init__.py"
    try:
        tree = ast.parse(init.read_bytes()) if init.is_file() else ast.Module([], [])
    except SyntaxError:
        return submodules, None
    return submodules, public_names(tree)


def public_names(tree: ast.Module) -> set[str] | None:
    """The names in __all__, when the module lists them plainly; None otherwise."""
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
        elif isinstance(node, ast.AugAssign):  # __all__ += [...]: not a plain list
            targets, value = [node.target], None
        else:
            continue
        if any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets):
            try:
                return {str(name) for name in ast.literal_eval(value)} if value else None
            except (ValueError, TypeError, SyntaxError):
                return None
    return None
