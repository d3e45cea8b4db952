"""The pytest plugin behind stage checks: `workspace` and `stage` fixtures, and a JSON report.

Loaded with `-p kata.harness.plugin` (the repository's pytest configuration does this).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kata.harness import staging
from kata.harness.context import Stage, stage_of_checks

_copies = pytest.StashKey[dict]()
_results = pytest.StashKey[list]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata", "stage checks")
    group.addoption("--workspace", dest="kata_workspace", help="the workspace to check")
    group.addoption(
        "--kata-report", dest="kata_report", help="write the check results as JSON here"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_copies] = {}
    config.stash[_results] = []
    config.pluginmanager.register(_Recorder(config), "kata-recorder")


def pytest_unconfigure(config: pytest.Config) -> None:
    for copy in config.stash.get(_copies, {}).values():
        staging.remove_stage(copy)


@pytest.fixture(scope="module")
def stage(request: pytest.FixtureRequest) -> Stage:
    return stage_of_checks(Path(request.path))


@pytest.fixture(scope="module")
def workspace(request: pytest.FixtureRequest, stage: Stage) -> Path:
    """A private copy of the workspace under check, beside a link to the kata's data."""
    option = request.config.getoption("kata_workspace")
    source = Path(option).resolve() if option else stage.kata_dir / "workspace"
    copies = request.config.stash[_copies]
    key = (source, stage.kata_dir)
    if key not in copies:
        if not source.is_dir():
            raise pytest.UsageError(f"--workspace {source}: no such folder")
        copies[key] = staging.stage_copy(source, stage.kata_dir)
    return copies[key]


class _Recorder:
    """Collects one result per check (and per file that cannot be loaded) for `--kata-report`."""

    def __init__(self, config: pytest.Config) -> None:
        self.results = config.stash[_results]
        self.target = config.getoption("kata_report", default=None)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        if report.when == "call" or (report.failed and report.when == "setup") or report.skipped:
            self.results.append(_result(item, call, report))
        return report

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            lines = str(report.longrepr).strip().splitlines()
            self.results.append(
                {
                    "id": report.nodeid,
                    "sentence": f"{Path(report.nodeid).name} can be loaded.",
                    "outcome": "error",
                    "kind": "collection",
                    "message": lines[-1] if lines else "could not be collected",
                    "seconds": 0.0,
                }
            )

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.target:
            Path(self.target).write_text(json.dumps(self.results, indent=1), "utf-8")


def _result(item: pytest.Item, call: pytest.CallInfo, report: pytest.TestReport) -> dict:
    result = {
        "id": item.nodeid,
        "sentence": sentence(item),
        "outcome": "skipped" if report.skipped else ("passed" if report.passed else "failed"),
        "kind": "",
        "message": "",
        "seconds": round(report.duration, 3),
    }
    if report.failed and call.excinfo is not None:
        result["kind"], result["message"] = classify(call.excinfo, item)
        if result["kind"] != "assertion":
            result["outcome"] = "error"
    return result


def sentence(item: pytest.Item) -> str:
    function = getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip()
    if doc:
        text = doc.splitlines()[0].strip()
    else:
        text = item.name.split("[")[0].removeprefix("test_").replace("_", " ")
        text = text[:1].upper() + text[1:] + "."
    callspec = getattr(item, "callspec", None)
    return f"{text} [{callspec.id}]" if callspec else text


def classify(excinfo: pytest.ExceptionInfo, item: pytest.Item) -> tuple[str, str]:
    """('assertion', message) for a readable failed expectation; else ('bare-assert' | 'error', text)."""
    error = excinfo.value
    if isinstance(error, AssertionError):
        text = str(error).strip()
        if not text or text.startswith("assert "):
            return "bare-assert", f"{_location(excinfo, item)}: {text or 'assert failed'}"
        return "assertion", text.split("\nassert ")[0].strip()
    return "error", f"{_location(excinfo, item)}: {type(error).__name__}: {error}"


def _location(excinfo: pytest.ExceptionInfo, item: pytest.Item) -> str:
    """The deepest place in the learner's workspace (or else in the check) where it went wrong."""
    workspaces = [Path(p) for p in item.config.stash[_copies].values()]
    check_file = Path(str(item.path))
    found = None
    for entry in excinfo.traceback:
        path = Path(str(entry.path))
        for root in workspaces:
            if path.is_relative_to(root):
                found = f"{path.relative_to(root)}:{entry.lineno + 1}"
        if found is None and path == check_file:
            found = f"{check_file.name}:{entry.lineno + 1}"
    return found or check_file.name
