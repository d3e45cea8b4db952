"""What a check run decides: one result per check, in one JSON form for `--json`, the report and watch."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"  # a readable expectation was not met
    ERROR = "error"  # the check could not decide: a crash, a bare assert, a file that does not load


class FailureKind(StrEnum):
    NONE = ""
    ASSERTION = "assertion"  # a learner-facing message
    BARE_ASSERT = "bare-assert"  # an assert without a message (a bug in the check)
    ERROR = "error"  # an exception
    COLLECTION = "collection"  # a check file that cannot be loaded
    SKIPPED = "skipped"  # a skip or an xfail: it proves nothing, so it fails
    MISSING = "missing"  # collected, but the run ended before it was decided
    WAITING = "waiting"  # an expensive check, not run because a cheaper one failed first


@dataclass
class CheckResult:
    id: str
    name: str  # the check function's name, without parameters: what `only=` selects
    sentence: str
    outcome: Outcome
    kind: FailureKind = FailureKind.NONE
    message: str = ""
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED

    def to_json(self) -> dict:
        return {**asdict(self), "outcome": str(self.outcome), "kind": str(self.kind)}

    @classmethod
    def from_json(cls, data: dict) -> CheckResult:
        return cls(
            **{
                **data,
                "outcome": Outcome(data["outcome"]),
                "kind": FailureKind(data.get("kind", "")),
            }
        )


@dataclass
class NotRun:
    """A check this machine cannot run (a program it needs is not installed): neither passed nor
    failed, and shown with what to install."""

    id: str
    name: str
    sentence: str
    why: str


@dataclass
class CheckRun:
    kata: str
    stage: str
    workspace: str
    results: list[CheckResult] = field(default_factory=list)
    seconds: float = 0.0
    not_run: list[NotRun] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(result.passed for result in self.results)

    @property
    def failures(self) -> list[CheckResult]:
        return [result for result in self.results if not result.passed]

    def failed(self, name: str) -> CheckResult | None:
        return next((result for result in self.failures if result.name == name), None)

    def to_json(self) -> dict:
        return {
            "kata": self.kata,
            "stage": self.stage,
            "workspace": self.workspace,
            "results": [result.to_json() for result in self.results],
            "seconds": self.seconds,
            "passed": self.passed,
            "not_run": [asdict(check) for check in self.not_run],
        }
