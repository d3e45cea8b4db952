"""The layer rules of the penguins kata, read from the package's source and watched at run time.

Stage 6 establishes them; every later stage carries them. Checks import this module by name
(`from layer_rules import ...`): pytest puts the kata folder on sys.path when it loads the kata's
conftest.py.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kata.harness import fail
from kata.harness.io_audit import AuditedRun, audited

PACKAGE = "penguin_mass"
LAYERS = ("data", "domain", "presentation")


# What the domain must not import, with the reason a learner reads. A dotted name also covers
# its submodules; a bare name covers the whole library.
PLOTTING_LIBRARIES = ("matplotlib", "seaborn", "plotly", "bokeh", "altair", "pandas.plotting")
FILE_LIBRARIES = ("os", "pathlib", "io", "shutil", "glob", "tempfile", "pickle", "shelve",
                  "sqlite3", "subprocess")  # fmt: skip
NETWORK_LIBRARIES = ("urllib", "http", "socket", "requests", "httpx", "urllib3", "aiohttp",
                     "ftplib", "smtplib")  # fmt: skip
FORBIDDEN_IN_DOMAIN = {
    **dict.fromkeys(
        PLOTTING_LIBRARIES, "a plotting library; figures belong in the presentation layer"
    ),
    **dict.fromkeys(
        FILE_LIBRARIES,
        "it reaches files or the operating system; reading and writing belong in the data layer",
    ),
    **dict.fromkeys(
        NETWORK_LIBRARIES, "it reaches the network; talking to services belongs in the data layer"
    ),
    "mlflow": "an experiment tracker, which writes runs to a store; the domain only computes",
}
PLOTTING = {name: FORBIDDEN_IN_DOMAIN[name] for name in PLOTTING_LIBRARIES}

# Calls that read or write files (or draw) without importing anything the rules above forbid.
FILE_CALLS = {
    # pandas readers and writers
    "read_csv", "read_table", "read_fwf", "read_excel", "read_json", "read_html", "read_xml",
    "read_parquet", "read_orc", "read_feather", "read_hdf", "read_pickle", "read_sql",
    "read_sql_query", "read_sql_table", "read_stata", "read_sas", "read_spss", "read_clipboard",
    "to_csv", "to_excel", "to_parquet", "to_orc", "to_feather", "to_hdf", "to_pickle", "to_sql",
    "to_stata", "to_clipboard",
    # numpy, and file objects or paths handed in by someone else
    "loadtxt", "genfromtxt", "fromfile", "savetxt", "savez", "savez_compressed", "tofile",
    "open", "read_text", "write_text", "read_bytes", "write_bytes",
    # numpy, joblib, pickle, json, skops and friends: np.save(path, ...), joblib.dump(model, path)
    "save", "load", "dump",
}  # fmt: skip
# Writers that return text when called bare and write a file when given one.
WRITERS_GIVEN_A_TARGET = {"to_json", "to_html", "to_latex", "to_markdown", "to_xml", "to_string"}
PLOT_CALLS = {"plot", "hist", "boxplot", "savefig"}  # pandas draws with .plot() and friends


@dataclass
class Import:
    line: int
    text: str  # the statement as written, for messages
    target: str  # the absolute module name it imports (or imports from)


@dataclass
class Module:
    name: str
    path: str  # relative to the workspace, for messages
    tree: ast.Module
    is_package: bool
    imports: list[Import] = field(default_factory=list)

    @property
    def layer(self) -> str | None:
        parts = self.name.split(".")
        return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


@dataclass
class Package:
    modules: dict[str, Module]
    layer_files: dict[str, str]  # layer -> its module file, relative to the workspace

    def in_layer(self, layer: str) -> list[Module]:
        return [module for module in self.modules.values() if module.layer == layer]


def read_package(workspace: Path) -> Package:
    root = workspace / PACKAGE
    if (workspace / f"{PACKAGE}.py").is_file() and not root.is_dir():
        fail(
            f"{PACKAGE} is still one module, {PACKAGE}.py. Make it a package: a folder {PACKAGE}/ "
            "with an __init__.py (the public API) and the layers data, domain and presentation, "
            "each a module (data.py) or a subpackage (data/ with an __init__.py). Step 2 of the "
            "README."
        )
    if not (root / "__init__.py").is_file():
        fail(
            f"Expected a package folder {PACKAGE}/ with an __init__.py beside analysis.ipynb, but "
            "there is none. Step 2 of the README creates it."
        )
    layer_files, problems = {}, []
    for layer in LAYERS:
        module, folder = root / f"{layer}.py", root / layer
        if module.is_file() and folder.is_dir():
            problems.append(
                f"both {PACKAGE}/{layer}.py and a folder {PACKAGE}/{layer}/; keep one of them"
            )
        elif module.is_file():
            layer_files[layer] = f"{PACKAGE}/{layer}.py"
        elif (folder / "__init__.py").is_file():
            layer_files[layer] = f"{PACKAGE}/{layer}/__init__.py"
        elif folder.is_dir():
            problems.append(f"{PACKAGE}/{layer}/ has no __init__.py; add one")
        else:
            problems.append(f"no {layer} layer ({PACKAGE}/{layer}.py or {PACKAGE}/{layer}/)")
    if problems:
        fail(
            f"{PACKAGE} needs three layers, each a module or a subpackage: "
            + "; ".join(problems)
            + "."
        )
    modules = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(workspace)
        if "__pycache__" in relative.parts:
            continue
        parts = list(relative.with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        try:
            tree = ast.parse(path.read_bytes(), filename=str(relative))
        except SyntaxError as error:
            fail(f"{relative}:{error.lineno}: SyntaxError: {error.msg}. Fix it, then check again.")
        modules[".".join(parts)] = Module(".".join(parts), str(relative), tree, is_package)
    for module in modules.values():
        module.imports = list(_imports(module, modules))
    return Package(modules, layer_files)


def _imports(module: Module, known: dict[str, Module]):
    """Every import statement of the module (at any depth), resolved to absolute module names."""
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node.lineno, ast.unparse(node), _nearest(alias.name, known))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.name if module.is_package else module.name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                target = candidate if candidate in known else _nearest(base, known)
                yield Import(node.lineno, ast.unparse(node), target)


def _nearest(name: str, known: dict[str, Module]) -> str:
    """The module itself if it is one of the package's, else the closest enclosing one of ours."""
    if name.split(".")[0] != PACKAGE:
        return name
    parts = name.split(".")
    while parts and ".".join(parts) not in known:
        parts.pop()
    return ".".join(parts) or name


def _forbidden(target: str, rules: dict[str, str]) -> tuple[str, str] | None:
    for name, why in rules.items():
        if target == name or target.startswith(f"{name}."):
            return name, why
    return None


def layer_violations(package: Package, layer: str, external: dict[str, str], layers: set[str]):
    """Imports of `layer`'s modules that break its rules, directly or through a module that
    belongs to no layer (such as the package's __init__.py, which imports every layer)."""
    found = []
    for module in package.in_layer(layer):
        for statement in module.imports:
            for chain, (what, why) in _reaches(package, statement.target, external, layers, set()):
                where = f"{module.path}, line {statement.line}: `{short(statement.text)}`"
                if chain:
                    through = "".join(f", and {step}" for step in chain)
                    found.append(
                        f"{where}{through}: so the {layer} layer depends on {what} ({why})."
                    )
                else:
                    found.append(f"{where}: the {layer} layer imports {what} ({why}).")
    return list(dict.fromkeys(found))  # `from x import a, b` gives one line, not two


def _reaches(package, target, external, layers, seen, chain=()):
    """(chain, (what, why)) for each forbidden thing `target` is, or leads to through modules
    that belong to no layer; `chain` says which import of which module leads on."""
    bad = _forbidden(target, external)
    if bad:
        yield list(chain), bad
        return
    module = package.modules.get(target)
    if module is None:
        return
    if module.layer in layers:
        yield list(chain), (f"{PACKAGE}.{module.layer}", _why_not(module.layer))
    elif module.layer is None and target not in seen:  # not a layer: look at what it imports
        seen.add(target)
        for statement in module.imports:
            step = f"{module.path} imports {statement.target} at line {statement.line}"
            yield from _reaches(package, statement.target, external, layers, seen, (*chain, step))


def _why_not(layer: str) -> str:
    return {
        "data": "the domain is the bottom layer: data may use the domain, not the other way round",
        "presentation": "the presentation sits on top: it uses the other layers, none uses it",
    }[layer]


def domain_calls_that_do_io(package: Package) -> list[str]:
    found = []
    for module in package.in_layer("domain"):
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Call):
                continue
            names = _call_names(node.func)
            writes_to_a_target = (
                names[-1:]
                and names[-1] in WRITERS_GIVEN_A_TARGET
                and (
                    node.args or any(k.arg in ("path_or_buf", "buf", "path") for k in node.keywords)
                )
            )
            io = [name for name in names[-1:] if name in FILE_CALLS] or writes_to_a_target
            plot = [name for name in names if name in PLOT_CALLS]
            if io or plot:
                doing = (
                    "reads or writes a file; that belongs in the data layer"
                    if io
                    else "draws a figure; that belongs in the presentation layer"
                )
                found.append(
                    f"{module.path}, line {node.lineno}: `{short(ast.unparse(node))}` {doing}."
                )
    return found


def _call_names(func: ast.expr) -> list[str]:
    """The names along a call's target: df.plot.scatter -> ['df', 'plot', 'scatter']."""
    names = []
    while isinstance(func, ast.Attribute):
        names.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        names.append(func.id)
    return names[::-1]


def short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def listed(found: list[str], limit: int = 10) -> str:
    shown = found if len(found) <= limit + 1 else found[:limit]
    more = f"\n  ... and {len(found) - len(shown)} more" if len(found) > len(shown) else ""
    return "\n  " + "\n  ".join(shown) + more


def layer_paths(package: Package) -> dict[str, str]:
    """Each layer's file or folder, relative to the workspace."""
    return {layer: path.removesuffix("/__init__.py") for layer, path in package.layer_files.items()}


def domain_io_while_running(workspace: Path, package: Package, args: list[str]) -> list[str]:
    """What the domain (or a helper it calls) touched outside Python while `python <args>` ran.

    Deny by default: any file opened, renamed or deleted, socket or process started, whichever
    library did it, counts when the nearest layer on the call stack is the domain."""
    run = audited(workspace, args)
    if run.returncode != 0:
        return []  # the checks that run the program say why it failed
    return touched_by_the_domain(package, run)


def touched_by_the_domain(package: Package, run: AuditedRun) -> list[str]:
    """The events of `run` whose nearest layer on the call stack is the domain, each told once."""
    paths = layer_paths(package)
    touched = run.touched_by([paths["domain"]], list(paths.values()))
    return list(dict.fromkeys(event.describe() for event in touched))


_ORIGINS = """
import importlib, inspect, json, sys
package = importlib.import_module(sys.argv[1])
origins = {}
for name in sys.argv[2:]:
    value = getattr(package, name, None)
    if inspect.ismodule(value):
        origins[name] = value.__name__
    elif inspect.isclass(value) or inspect.isroutine(value):
        origins[name] = getattr(value, "__module__", None) or "?"
print(json.dumps(origins))
"""


def library_names(workspace: Path, names: list[str]) -> dict[str, str]:
    """Those of `names` that the package hands out but a library defines: {name: the library}."""
    if not names:
        return {}
    done = subprocess.run(
        [sys.executable, "-c", _ORIGINS, PACKAGE, *names],
        cwd=workspace, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )  # fmt: skip
    if done.returncode != 0:
        return {}  # an import error: the checks that import the package report it
    origins = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        name: origin
        for name, origin in origins.items()
        if origin != PACKAGE and not origin.startswith(f"{PACKAGE}.")
    }


# Carried by every stage after 6: the rules still hold, whatever was added since.


def require_layer_rules(workspace: Path) -> None:
    """Reading the source: the domain and the data layer keep stage 6's rules."""
    package = read_package(workspace)
    found = (
        layer_violations(package, "domain", FORBIDDEN_IN_DOMAIN, {"data", "presentation"})
        + domain_calls_that_do_io(package)
        + layer_violations(package, "data", PLOTTING, {"presentation"})
    )
    assert not found, (
        "Stage 6's layer rules no longer hold:"
        + listed(found)
        + "\nThe domain only computes and the data layer never reaches up to the presentation; "
        "new code goes in the layer whose job it does."
    )


def require_domain_untouched_by_io(workspace: Path, run: AuditedRun, command: str) -> None:
    """While `run` ran, nothing of the domain (or what it called) touched a file or the network."""
    found = touched_by_the_domain(read_package(workspace), run)
    assert not found, (
        f"While `{command}` ran, the domain (or a module it called) reached outside Python:"
        + listed(found)
        + "\nThe domain only computes; reading, writing and tracking happen around it."
    )


def require_atomic_outputs(run: AuditedRun, command: str, required: tuple[str, ...] = ()) -> None:
    """Each file the run left in outputs/ (and each `required` one) was moved into place whole
    with os.replace, never opened for writing under its own name."""
    if run.returncode != 0:
        fail(f"`{command}` failed, so how it writes cannot be seen: {run.stderr.strip()[-300:]}")
    left = {
        path.relative_to(run.folder).as_posix()
        for path in (run.folder / "outputs").rglob("*")
        if path.is_file()
    }
    problems = [f"{output} was not written" for output in required if output not in left]
    for output in sorted(left):
        writes = run.writes_to(output)
        in_place = [event for event in writes if event.name == "open"]
        if in_place:
            problems.append(f"{in_place[0].describe()}: written in place")
        elif not any(event.name == "os.rename" for event in writes):
            problems.append(f"{output} was never moved into place with os.replace")
        else:
            moves = [event for event in writes if event.name == "os.rename"]
            folder = output.rpartition("/")[0]
            strangers = [e for e in moves if e.source.rpartition("/")[0] != folder]
            if strangers:
                problems.append(
                    f"{output} was moved from {strangers[0].source}, outside its folder: across "
                    "file systems a move is a copy, and a copy can be cut off half-way"
                )
    assert not problems, (
        f"`{command}` does not write its outputs atomically:"
        + listed(problems)
        + "\nA reader (or a crash) in the middle sees half a file. Write to "
        "tempfile.mkstemp(dir=path.parent), close it, then os.replace(temporary, path)."
    )
