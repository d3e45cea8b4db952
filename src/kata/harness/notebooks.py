"""Running notebooks in a fresh kernel and checking jupytext pairs."""

from __future__ import annotations

import ast
import asyncio
import hashlib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kata.harness.failures import fail

if TYPE_CHECKING:
    import nbformat

KERNEL = "python3"
KERNEL_START_TIMEOUT = 300  # seconds

# Runs inside the kernel after the notebook's own cells: every global that JSON can hold.
_DUMP_GLOBALS = """
def __kata_dump():
    import json, numbers
    def plain(value, depth=0):
        if depth > 4:
            raise TypeError("values nested more than four deep")
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, numbers.Integral):
            return int(value)
        if isinstance(value, numbers.Real):
            return float(value)
        if isinstance(value, (list, tuple)):
            return [plain(item, depth + 1) for item in value]
        if isinstance(value, dict):
            return {str(key): plain(item, depth + 1) for key, item in value.items()}
        if depth == 0 and hasattr(value, "index") and hasattr(value, "columns"):
            # A data frame: which rows it holds (its index labels), not its values.
            labels = [plain(label, depth + 1) for label in list(value.index)[:5000]]
            return {"__frame__": {"index": labels, "rows": len(value), "columns": [str(c) for c in value.columns]}}
        raise TypeError(f"a {type(value).__module__}.{type(value).__qualname__}")
    found = {}
    for name, value in list(globals().items()):
        if name.startswith("_"):
            continue
        try:
            found[name] = plain(value)
        except TypeError as error:
            if isinstance(value, (dict, list, tuple)):
                # A container meant as results, with something inside that is not plain Python.
                found[name] = {"__unplain__": str(error)}
    print(json.dumps(found, allow_nan=True))
__kata_dump()
"""


@dataclass
class ExecutedNotebook:
    path: Path
    cells: list = field(repr=False)
    _variables: dict = field(repr=False, default_factory=dict)

    def text_outputs(self) -> list[str]:
        """Each code cell's text output (streams and plain-text results), in order."""
        texts = []
        for cell in self.cells:
            if cell.cell_type != "code":
                continue
            parts = []
            for output in cell.get("outputs", []):
                if output.output_type == "stream":
                    parts.append(output.text)
                elif output.output_type in ("execute_result", "display_data"):
                    parts.append(output.get("data", {}).get("text/plain", ""))
            texts.append("".join(parts))
        return texts

    def frame_rows(self, name: str) -> list | None:
        """The index labels of the data frame the notebook left in `name`, or None if it has none."""
        value = self._variables.get(name)
        if isinstance(value, dict) and isinstance(value.get("__frame__"), dict):
            return value["__frame__"]["index"]
        return None

    def warnings(self) -> list[str]:
        """Each warning a cell printed (lines such as 'FutureWarning: ...' on stderr), in order."""
        found = []
        for cell in self.cells:
            for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
                if output.output_type == "stream" and output.name == "stderr":
                    found += [
                        line.strip() for line in output.text.splitlines()
                        if re.search(r"\b\w*Warning: ", line)
                    ]  # fmt: skip
        return found

    def variables(self, *names: str) -> dict:
        """Values of the notebook's global variables after the run (those JSON can hold)."""
        if not names:
            return dict(self._variables)
        missing = [name for name in names if name not in self._variables]
        if missing:
            fail(
                f"{self.path.name}: after running, the notebook has no variable "
                f"{', '.join(missing)} holding a plain value (number, text, list or dict)."
            )
        return {name: self._variables[name] for name in names}


_memo: dict[tuple[str, str], ExecutedNotebook] = {}
kernels_started = False  # once a kernel has run, this process holds ZeroMQ sockets and threads


def read_notebook(path: Path) -> nbformat.NotebookNode:
    if not path.is_file():
        fail(f"Expected the notebook {path.name}, but it is not there.")
    import nbformat  # imported when needed: it costs 0.2 s, and `kata` commands import this module

    try:
        return nbformat.read(path, as_version=4)
    except Exception as error:  # nbformat raises several kinds for broken files
        fail(
            f"{path.name}: not a valid notebook ({_one_line(error)}). Did a merge or an editor break it?"
        )


def run_notebook(path: Path, timeout: int = 120, fresh: bool = False) -> ExecutedNotebook:
    """Execute the notebook top to bottom in a new kernel, with its folder as working directory.

    Runs of the same content are shared within one check run unless `fresh` is set.
    """
    path = Path(path)
    key = (
        str(path.resolve()),
        hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "",
    )
    if not fresh and key in _memo:
        return _memo[key]
    (executed,) = _execute_side_by_side([path], timeout)
    _memo[key] = executed
    return executed


def run_notebook_many(path: Path, runs: int = 2, timeout: int = 120) -> list[ExecutedNotebook]:
    """Execute the notebook several times, each in its own fresh kernel, side by side."""
    return _execute_side_by_side([Path(path)] * runs, timeout)


def run_notebooks(paths: list[Path], timeout: int = 120) -> list[ExecutedNotebook | str]:
    """Execute several notebooks side by side, each in a fresh kernel; for each, the executed
    notebook or, when it did not run to the end, the learner-facing reason why."""
    return _execute_side_by_side([Path(path) for path in paths], timeout, reasons=True)


def _execute_side_by_side(
    paths: list[Path], timeout: int, reasons: bool = False
) -> list[ExecutedNotebook | str]:
    """Run the notebooks at once; with `reasons`, a failed run gives its message instead of failing."""
    global kernels_started
    kernels_started = True

    async def one(path: Path) -> ExecutedNotebook | str:
        try:
            return await _execute(path, timeout)
        except AssertionError as error:
            if not reasons:
                raise
            return str(error)

    async def all_runs() -> list[ExecutedNotebook | str]:
        return list(await asyncio.gather(*(one(path) for path in paths)))

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the usual case: no event loop runs in this thread
        return asyncio.run(all_runs())
    # A caller inside an event loop (a test next to Playwright's): a thread of its own has none.
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(lambda: asyncio.run(all_runs())).result()


async def _execute(path: Path, timeout: int) -> ExecutedNotebook:
    # A kernel can die before it answers at all when several start at once on a loaded machine
    # (two kernels drawing the same free port); nothing of the notebook has run then, so that
    # start is tried once more before it counts against the learner.
    try:
        return await _execute_once(path, timeout)
    except RuntimeError as error:
        if "before replying to kernel_info" not in str(error):
            raise
    return await _execute_once(path, timeout)


async def _execute_once(path: Path, timeout: int) -> ExecutedNotebook:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    notebook = read_notebook(path)
    own_cells = len(notebook.cells)
    notebook.cells.append(nbformat.v4.new_code_cell(_DUMP_GLOBALS))
    client = NotebookClient(
        notebook,
        kernel_name=KERNEL,
        timeout=timeout,
        # nbclient gives a kernel 60 s to start; on a loaded 2-core machine (the suite's workers,
        # a stage's servers) a start has taken longer, and how long it takes says nothing of the
        # learner's notebook.
        startup_timeout=KERNEL_START_TIMEOUT,
        resources={"metadata": {"path": str(path.parent)}},
    )
    running = {"index": -1}  # the cell being executed, for a kernel that dies in it
    execute_cell = client.async_execute_cell

    async def tracked(cell, cell_index, *args, **kwargs):
        running["index"] = cell_index
        return await execute_cell(cell, cell_index, *args, **kwargs)

    client.async_execute_cell = tracked
    try:
        # Agg: checks read values, not pictures, and rendering every figure to PNG costs seconds.
        await client.async_execute(env={**os.environ, "MPLBACKEND": "Agg"})
    except CellExecutionError as error:
        index = _failing_cell(notebook)
        fail(f"{path.name}: cell {index} raised {error.ename}: {_one_line(error.evalue)}")
    except CellTimeoutError:
        fail(
            f"{path.name}: a cell did not finish within {timeout} s; is something waiting for input?"
        )
    except DeadKernelError:
        index = _cell_named(notebook, running["index"])
        fail(
            f"{path.name}: the kernel stopped while running cell {index} (does it call exit(), "
            "quit() or os._exit, or run out of memory?). A notebook must run to its last cell."
        )
    dump = notebook.cells.pop()
    # The kernel may flush the dump in several stream outputs (under load, the newline can come on
    # its own), so join them before reading the JSON.
    printed = "".join(
        output.text
        for output in dump.get("outputs", [])
        if output.output_type == "stream" and output.name == "stdout"
    )
    lines = printed.strip().splitlines()
    variables = json.loads(lines[-1]) if lines else {}
    return ExecutedNotebook(path, notebook.cells[:own_cells], variables)


def _failing_cell(notebook: nbformat.NotebookNode) -> str:
    for index, cell in enumerate(notebook.cells):
        if any(out.output_type == "error" for out in cell.get("outputs", [])):
            return _cell_named(notebook, index)
    return "?"


def _cell_named(notebook: nbformat.NotebookNode, index: int) -> str:
    """Cell `index` (from 0) as '<number> (<its first line>)', or '?'."""
    if not 0 <= index < len(notebook.cells):
        return "?"
    source = notebook.cells[index].source.strip()
    first_line = source.splitlines()[0] if source else ""
    return f"{index + 1} ({first_line[:60]!r})"


def _one_line(text: object) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[-1] if lines else type(text).__name__


def run_script(path: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run a Python file in a fresh interpreter with its folder as working directory."""
    path = Path(path)
    if not path.is_file():
        fail(f"Expected the script {path.name}, but it is not there.")
    try:
        return subprocess.run(
            [sys.executable, path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        fail(f"{path.name} did not finish within {timeout} s; is something waiting for input?")


def notebook_pair_in_sync(ipynb: Path) -> str | None:
    """None when `ipynb` has a py:percent twin with the same cells; otherwise what is wrong."""
    import jupytext

    script = ipynb.with_suffix(".py")
    if not script.is_file():
        return (
            f"{ipynb.name} is not paired: there is no {script.name} beside it. "
            f"Pair it with: jupytext --set-formats ipynb,py:percent {ipynb.name}"
        )
    notebook = read_notebook(ipynb)
    text = script.read_text(encoding="utf-8")
    if "# %%" not in text:
        return f"{script.name} is not in the py:percent format (no '# %%' cell markers)."
    try:
        twin = jupytext.reads(text, fmt="py:percent")
    except Exception as error:
        return f"{script.name} cannot be read by jupytext: {_one_line(error)}"
    if _cell_sources(notebook) != _cell_sources(twin):
        newer = script.name if script.stat().st_mtime > ipynb.stat().st_mtime else ipynb.name
        return (
            f"{ipynb.name} and {script.name} hold different cells (the newer one is {newer}). "
            f"Bring them back in sync with: jupytext --sync {ipynb.name}"
        )
    return None


def _cell_sources(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [
        (cell.cell_type, cell.source.strip())
        for cell in notebook.cells
        if cell.cell_type in ("code", "markdown") and cell.source.strip()
    ]


def code_cells(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def without_magics(source: str) -> str:
    """A cell's code with its IPython magics and shell lines (%..., !...) blanked, line numbers kept."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
    )


def notebook_code(path: Path):
    """(cell number, parsed code) for each code cell of the notebook at `path`, magics left out;
    a cell that is not Python fails as '<notebook>, cell N, line L: SyntaxError: ...'."""
    for number, cell in enumerate(read_notebook(path).cells, start=1):
        if cell.cell_type != "code":
            continue
        try:
            yield number, ast.parse(without_magics(cell.source))
        except SyntaxError as error:
            fail(f"{path.name}, cell {number}, line {error.lineno}: SyntaxError: {error.msg}.")


def notebook_definitions(path: Path) -> list[str]:
    """Each function and class the notebook at `path` defines, as 'name (cell N, line L)'."""
    return [
        f"{node.name} (cell {number}, line {node.lineno})"
        for number, tree in notebook_code(path)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]


def notebook_imports(path: Path, module: str) -> bool:
    """Whether a code cell of the notebook at `path` imports `module` (or one of its submodules)."""
    for _, tree in notebook_code(path):
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == module:
                return True
            if isinstance(node, ast.Import) and any(
                alias.name.split(".")[0] == module for alias in node.names
            ):
                return True
    return False


def notebook_calls(path: Path) -> set[str]:
    """The name of every function or method the notebook's code cells call (`f(...)`, `x.f(...)`)."""
    return set().union(*(calls for _, calls in notebook_calls_by_cell(path)))


def notebook_calls_by_cell(path: Path):
    """(cell number, the names its code calls) for each code cell, in order."""
    for number, tree in notebook_code(path):
        yield (
            number,
            {
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
                for node in ast.walk(tree)
                if isinstance(node, ast.Call)
            },
        )
