"""Rendered notebooks: a kata's start notebook and its final report, as pages of the site.

Nothing is copied into docs/. For each kata in NOTEBOOKS the hook writes two notebooks to a
temporary folder and adds them as pages (mkdocs-jupyter renders them):

- `katas/<kata>/start-notebook.ipynb`: the notebook the kata starts from (katas/<kata>/start/, or
  the committed workspace), with the stale outputs it carries on purpose;
- `katas/<kata>/final-report.ipynb`: the notebook of the last stage's solution, executed in a
  fresh kernel while the site is built, in a temporary copy laid out like a workspace (so
  `../data/...` resolves and whatever the notebook writes is thrown away).

The execution runs in a background thread while the other pages render (the kernel is a separate
process, so it uses the second core); the final report's page waits for it.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from kata.errors import KataError
from kata.harness import staging
from kata.manifest import load_kata

log = logging.getLogger("mkdocs.hooks.notebooks")

# kata -> the notebook's file name in its workspace
NOTEBOOKS = {"penguins": "analysis.ipynb", "ab-test": "analysis.ipynb"}
START_PAGE = "katas/{kata}/start-notebook.ipynb"
FINAL_PAGE = "katas/{kata}/final-report.ipynb"
KERNEL = "python3"
CELL_TIMEOUT = 120

_scratch: list[Path] = []
_pending: dict[str, Future] = {}  # page -> its notebook being written
_executed: dict[str, nbformat.NotebookNode] = {}  # memo for `mkdocs serve` rebuilds
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kata-notebooks")


@event_priority(100)  # before mkdocs-jupyter looks for notebook files
def on_files(files, config):
    root = Path(config.config_file_path).resolve().parent
    scratch = Path(tempfile.mkdtemp(prefix="kata-site-notebooks-"))
    _scratch.append(scratch)
    for kata, name in NOTEBOOKS.items():
        kata_dir = root / "katas" / kata
        start = start_notebook(kata_dir, name)
        solution, stage_title = final_solution(root, kata_dir, name)
        start_page, final_page = START_PAGE.format(kata=kata), FINAL_PAGE.format(kata=kata)
        _write(scratch / start_page, _read(start), _start_preface(root, start))
        preface = _final_preface(root, solution, stage_title)
        _pending[final_page] = _pool.submit(
            _execute_and_write, solution / name, kata_dir, scratch / final_page, preface
        )
        for src_uri in (start_page, final_page):
            # A File with a real src_dir, not File.generated(): mkdocs-jupyter needs src_dir.
            files.append(File(src_uri, str(scratch), config.site_dir, config.use_directory_urls))
    return files


@event_priority(100)  # before the page's source is read
def on_pre_page(page, config, files):
    future = _pending.pop(page.file.src_uri, None)
    if future is not None:
        future.result()  # the notebook is written, or its PluginError is raised here
    return page


def on_page_content(html, page, config, files):
    """Notebook pages must load nothing from the internet: drop nbconvert's CDN scripts."""
    if page.file.src_uri.endswith(".ipynb"):
        html = _drop_remote_scripts(html)
    return html


def on_post_build(config):
    _clean()


def on_build_error(error):
    _clean()


def on_shutdown():
    _clean()


def _clean() -> None:
    while _pending:
        _pending.popitem()[1].exception()  # wait: never delete a folder a kernel is writing to
    while _scratch:
        shutil.rmtree(_scratch.pop(), ignore_errors=True)


def start_notebook(kata_dir: Path, name: str) -> Path:
    for folder in ("start", "workspace"):
        if (kata_dir / folder / name).is_file():
            return kata_dir / folder / name
    raise PluginError(
        f"notebooks: no {name} in {kata_dir.name}/start/ or {kata_dir.name}/workspace/"
    )


def final_solution(root: Path, kata_dir: Path, name: str) -> tuple[Path, str]:
    """The solution folder of the last stage that has the notebook, and that stage's title."""
    solutions = root / "solutions" / kata_dir.name
    try:
        stages = [
            (stage.slug, f"stage {stage.number}, {stage.title}")
            for stage in load_kata(kata_dir).stages
        ]
    except KataError:  # no manifest yet: the solution folders in name order
        stages = [(p.name, f"stage {p.name}") for p in sorted(solutions.glob("*")) if p.is_dir()]
    for slug, title in reversed(stages):
        if (solutions / slug / name).is_file():
            return solutions / slug, title
    raise PluginError(f"notebooks: no solution of {kata_dir.name} has {name} (under {solutions})")


def _execute_and_write(notebook: Path, kata_dir: Path, target: Path, preface: str) -> None:
    _write(target, execute(notebook, kata_dir), preface)


def execute(notebook: Path, kata_dir: Path) -> nbformat.NotebookNode:
    """The notebook run top to bottom in a fresh kernel, in a throw-away copy of its folder."""
    key = _fingerprint(notebook.parent, kata_dir / "data")
    if key in _executed:
        return _executed[key]
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    copy = staging.stage_copy(notebook.parent, kata_dir)
    try:
        nb = _read(copy / notebook.name)
        client = NotebookClient(
            nb,
            kernel_name=KERNEL,
            timeout=CELL_TIMEOUT,
            resources={"metadata": {"path": str(copy)}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            last = str(error).strip().splitlines()[-1:] or ["?"]
            raise PluginError(f"notebooks: {notebook} fails when run: {last[0]}") from None
    finally:
        staging.remove_stage(copy)
    log.info(f"executed {notebook}")
    _executed.clear()
    _executed[key] = nb
    return nb


def _fingerprint(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if (
                path.is_file()
                and "__pycache__" not in path.parts
                and ".ipynb_checkpoints" not in path.parts
            ):
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _read(path: Path) -> nbformat.NotebookNode:
    try:
        return nbformat.read(path, as_version=4)
    except Exception as error:  # nbformat raises several kinds for a broken file
        raise PluginError(f"notebooks: {path} is not a readable notebook ({error})") from None


def _write(target: Path, nb: nbformat.NotebookNode, preface: str) -> None:
    nb = nbformat.from_dict(nb)  # a copy: the memoised run stays untouched
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(preface))
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)


def _relative(root: Path, path: Path) -> str:
    return path.resolve().relative_to(root).as_posix()


def _start_preface(root: Path, start: Path) -> str:
    return (
        f"*This is `{_relative(root, start)}` as the kata starts: the exploratory notebook as its author "
        "left it. Its outputs are the ones saved with it, stale on purpose: they come from a run in "
        "an order, and on a machine, that nobody can repeat. Stage 1 starts here.*"
    )


def _final_preface(root: Path, solution: Path, stage_title: str) -> str:
    return (
        f"*This is the notebook at the end of {stage_title} "
        f"(`{_relative(root, solution)}/`). It was run top to bottom in a fresh kernel when this site "
        "was built, so every output below is current.*"
    )


SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def _drop_remote_scripts(html: str) -> str:
    """Remove nbconvert's MathJax and Mermaid loaders: they fetch from a CDN (or from src="")."""

    def keep(match: re.Match) -> str:
        attributes, body = match.groups()
        loads_remote = (
            re.search(r"""\bsrc=["'](https?:|//|["'])""", attributes) or "https://" in body
        )
        return "" if loads_remote or "text/x-mathjax-config" in attributes else match.group(0)

    return SCRIPT.sub(keep, html)
