"""The pytest plugin behind stage checks: `workspace` and `stage` fixtures, and a streamed report.

Loaded with `-p kata.harness.plugin`. With `--kata-report FILE`, it writes one JSON line naming
every collected check, then one line per check as soon as it is decided, so that `kata check` and
`kata watch` can print each verdict as it comes. A check that is skipped or marked xfail fails (it
proved nothing), and a collected check that never reports (the run ended early) fails in the
runner as missing.

Checks marked `expensive` run after the others (pytest's order otherwise). With `--kata-gate`, an
expensive check runs only if every cheaper one passed; otherwise it is reported as waiting, so
the learner reads the first useful failure in seconds (`kata check`, `kata watch`).

A check marked `needs(missing=WHY)` with a non-empty WHY (a program it drives is not installed
here) is not run: the report lists it apart, with WHY, as neither passed nor failed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kata.harness import staging
from kata.harness.mutants import Mutant, load_mutants, try_only
from kata.manifest import Stage, load_kata
from kata.results import CheckResult, FailureKind, NotRun, Outcome

_copies = pytest.StashKey[dict]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata", "stage checks")
    group.addoption("--workspace", dest="kata_workspace", help="the workspace to check")
    group.addoption(
        "--kata-report", dest="kata_report", help="stream the check results as JSON lines here"
    )
    group.addoption(
        "--kata-gate",
        dest="kata_gate",
        action="store_true",
        help="run the expensive checks only if every cheaper one passed",
    )
    group.addoption(
        "--kata-mutants",
        dest="kata_mutants",
        help="try only the mutants of these comma-separated names (the repository's case runner)",
    )
    group.addoption(
        "--kata-start",
        dest="kata_start",
        help="the workspace this stage started from (the learner's own passing previous stage)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_copies] = {}
    chosen = config.getoption("kata_mutants", default=None)
    if chosen:
        try_only(chosen.split(","))
    config.pluginmanager.register(_Recorder(config), "kata-recorder")


def pytest_unconfigure(config: pytest.Config) -> None:
    for copy in config.stash.get(_copies, {}).values():
        staging.remove_stage(copy)


@pytest.fixture(scope="module")
def stage(request: pytest.FixtureRequest) -> Stage:
    """The stage that owns the check file (katas/<kata>/stages/<slug>/checks/test_*.py)."""
    stage_dir = Path(request.path).resolve().parent.parent
    return load_kata(stage_dir.parent.parent).stage(stage_dir.name)


@pytest.fixture(scope="module")
def mutants(stage: Stage) -> list[Mutant]:
    """The stage's mutants, from its mutants/mutants.py (none when it has no such file)."""
    return load_mutants(stage.stage_dir)


@pytest.fixture(scope="module")
def checks_to_run(request: pytest.FixtureRequest) -> frozenset[str]:
    """The function names of the checks this session runs (all of them for `kata check`; the few a
    discrimination case names): a fixture that makes runs for many checks makes only those read."""
    return frozenset(getattr(item, "originalname", item.name) for item in request.session.items)


@pytest.fixture(scope="module")
def workspace(request: pytest.FixtureRequest, stage: Stage) -> Path:
    """A private copy of the workspace under check, beside a private copy of the kata's data."""
    option = request.config.getoption("kata_workspace")
    source = Path(option).resolve() if option else stage.kata_dir / "workspace"
    return _staged(request.config, source, stage)


@pytest.fixture(scope="module")
def start_workspace(request: pytest.FixtureRequest, stage: Stage) -> Path:
    """A private copy of this stage's start: the learner's own passing previous stage when `kata`
    kept one, otherwise the previous stage's reference solution (or the kata's pristine start)."""
    option = request.config.getoption("kata_start")
    source = Path(option).resolve() if option else stage.start_dir
    return _staged(request.config, source, stage)


def _staged(config: pytest.Config, source: Path, stage: Stage) -> Path:
    copies = config.stash[_copies]
    key = (source, stage.kata_dir)
    if key not in copies:
        if not source.is_dir():
            raise pytest.UsageError(f"{source}: no such folder")
        copies[key] = staging.stage_copy(source, stage.kata_dir)
    return copies[key]


class _Recorder:
    """Streams one result per check (and per file that cannot be loaded) to `--kata-report`."""

    def __init__(self, config: pytest.Config) -> None:
        target = config.getoption("kata_report", default=None)
        # Opened now, before any check (or any code of the learner's) runs.
        self.stream = Path(target).open("a", encoding="utf-8") if target else None  # noqa: SIM115
        self.gate = bool(config.getoption("kata_gate", default=False))
        self.cheap_failed = False
        self.not_run: list[NotRun] = []

    def _write(self, record: dict) -> None:
        if self.stream is not None:
            self.stream.write(json.dumps(record) + "\n")
            self.stream.flush()

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        items.sort(key=is_expensive)  # stable: the file's order within each group
        runnable = [item for item in items if not missing_here(item)]
        self.not_run = [
            NotRun(item.nodeid, name_of(item), sentence(item), missing_here(item))
            for item in items
            if missing_here(item)
        ]
        items[:] = runnable

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> bool | None:
        if not (self.gate and self.cheap_failed and is_expensive(item)):
            return None
        result = CheckResult(
            id=item.nodeid,
            name=name_of(item),
            sentence=sentence(item),
            outcome=Outcome.FAILED,
            kind=FailureKind.WAITING,
            message="Not run yet: this slower check runs once the checks above it pass.",
        )
        self._write({"result": result.to_json()})
        return True  # handled: the check does not run

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        checks = [
            {"id": item.nodeid, "name": name_of(item), "sentence": sentence(item)}
            for item in session.items
        ]
        not_run = [vars(check) for check in self.not_run]
        self._write({"collected": checks, "not_run": not_run})

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        decided = report.when == "call" or report.failed or report.skipped
        if decided and not getattr(item, "_kata_decided", False):
            item._kata_decided = True  # one verdict per check: a teardown error cannot add a second
            result = _result(item, call, report)
            self.cheap_failed |= not result.passed and not is_expensive(item)
            self._write({"result": result.to_json()})
        return report

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.cheap_failed = True  # a check file that does not load: nothing expensive yet
            lines = str(report.longrepr).strip().splitlines()
            result = CheckResult(
                id=report.nodeid,
                name=Path(report.nodeid).name,
                sentence=f"{Path(report.nodeid).name} can be loaded.",
                outcome=Outcome.ERROR,
                kind=FailureKind.COLLECTION,
                message=lines[-1] if lines else "could not be collected",
            )
            self._write({"result": result.to_json()})

    def pytest_unconfigure(self) -> None:
        if self.stream is not None:
            self.stream.close()


def _result(item: pytest.Item, call: pytest.CallInfo, report: pytest.TestReport) -> CheckResult:
    result = CheckResult(
        id=item.nodeid,
        name=name_of(item),
        sentence=sentence(item),
        outcome=Outcome.PASSED if report.passed else Outcome.FAILED,
        seconds=round(report.duration, 3),
    )
    if report.skipped:
        reason = getattr(report, "wasxfail", "") or _skip_reason(report)
        result.outcome, result.kind = Outcome.FAILED, FailureKind.SKIPPED
        result.message = (
            f"This check was skipped ({reason or 'no reason given'}), so it proved nothing; "
            "every check has to run to pass. Does your code call pytest.skip or pytest.xfail?"
        )
    elif report.failed and call.excinfo is not None:
        result.kind, result.message = classify(call.excinfo, item)
        if result.kind is not FailureKind.ASSERTION:
            result.outcome = Outcome.ERROR
    return result


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return ""


def missing_here(item: pytest.Item) -> str:
    """Why this machine cannot run the check (`@pytest.mark.needs(missing=...)`), or ""."""
    marker = item.get_closest_marker("needs")
    return marker.kwargs.get("missing", "") if marker else ""


def is_expensive(item: pytest.Item) -> bool:
    return item.get_closest_marker("expensive") is not None


def name_of(item: pytest.Item) -> str:
    function = getattr(item, "originalname", None) or item.name
    return function.split("[")[0]


def sentence(item: pytest.Item) -> str:
    function = getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip()
    if doc:
        text = doc.splitlines()[0].strip()
    else:
        text = name_of(item).removeprefix("test_").replace("_", " ")
        text = text[:1].upper() + text[1:] + "."
    callspec = getattr(item, "callspec", None)
    return f"{text} [{callspec.id}]" if callspec else text


def classify(excinfo: pytest.ExceptionInfo, item: pytest.Item) -> tuple[FailureKind, str]:
    """(ASSERTION, message) for a readable failed expectation; else BARE_ASSERT or ERROR, with text."""
    error = excinfo.value
    if isinstance(error, AssertionError):
        text = str(error).strip()
        if not text or text.startswith("assert "):
            return FailureKind.BARE_ASSERT, f"{_location(excinfo, item)}: {text or 'assert failed'}"
        return FailureKind.ASSERTION, text.split("\nassert ")[0].strip()
    return FailureKind.ERROR, f"{_location(excinfo, item)}: {type(error).__name__}: {error}"


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
