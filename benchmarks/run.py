"""The learner-loop and site benchmark (`make bench`): BRIEF section 10's targets, measured here.

Rows, each picked with --only:
  check  `kata check` against plain pytest on the same checks and solution, per stage (ratio)
  stage  each stage's check time and peak memory on its solution, against a plain run of its script
  watch  `kata watch`: from a save to the start of the re-run (with file events, and with --poll)
  first  `kata watch` on each stage's start (a failing workspace): from a save to the first check line
  site   `mkdocs build --strict`
  suite  the whole test suite (`pytest -q`; --no-with-suite leaves it out)
  setup  `make setup` in a fresh `git clone` of this repository

Prints a table and writes it to benchmarks/results/latest.md. Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import queue
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "benchmarks" / "results" / "latest.md"
ROWS = ("check", "stage", "watch", "first", "site", "suite", "setup")
COPY_IGNORED = shutil.ignore_patterns(
    "__pycache__", ".pytest_cache", ".ipynb_checkpoints", "mlruns", "mlflow.db"
)

RATIO_TARGET = 1.2
FLOOR_FACTOR, SERVICE_FACTOR, FLOOR_SLACK = 1.5, 3.0, 1.0
WATCH_TARGET = 0.3
FIRST_LINE_TARGET = 2.0
SITE_TARGET = 30.0
SUITE_TARGET = 600.0
SETUP_TARGET = 180.0


@dataclass
class Row:
    what: str
    figure: str
    target: str
    result: str  # pass | fail | info | skipped
    note: str = ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help=f"comma-separated rows to measure: {','.join(ROWS)}")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure, for medians (3)")
    parser.add_argument(
        "--with-suite",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="include the whole test suite, which takes minutes (default: yes)",
    )
    args = parser.parse_args(argv)
    chosen = (
        args.only.split(",") if args.only else [r for r in ROWS if r != "suite" or args.with_suite]
    )
    unknown = set(chosen) - set(ROWS)
    if unknown:
        parser.error(f"unknown rows {', '.join(sorted(unknown))}; choose from {', '.join(ROWS)}")
    runs = max(1, args.runs)
    load_before = os.getloadavg()[0]

    rows: list[Row] = []
    if "check" in chosen:
        rows += bench_check_overhead(runs)
    if "stage" in chosen:
        rows += bench_stage_times(runs)
    if "watch" in chosen:
        rows += bench_watch(runs)
    if "first" in chosen:
        rows += bench_first_line(runs)
    if "site" in chosen:
        rows += bench_site()
    if "suite" in chosen:
        rows += bench_suite()
    if "setup" in chosen:
        rows += bench_setup()

    report = render(rows, runs, (load_before, os.getloadavg()[0]))
    print("\n" + report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report + "\n", encoding="utf-8")
    print(f"\n(written to {RESULTS.relative_to(ROOT)})")
    return 1 if any(row.result == "fail" for row in rows) else 0


# --- check: kata check against plain pytest, and stage: check time per stage -----------------


def stages():
    """(label, stage, solution folder) for every stage of every kata."""
    from kata.manifest import load_all

    for kata in load_all(ROOT / "katas"):
        for stage in kata.stages:
            yield f"{kata.name} {stage.number}", stage, stage.solution_dir


def source_of(folder: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(folder.rglob("*.py")))


def describe(stage, solution: Path) -> tuple[str, str | None]:
    """What the checks do that takes time: (in words, the service or hooks they start, if any)."""
    from kata.harness import load_mutants

    checks = source_of(stage.checks_dir)
    learner_tests = source_of(solution / "tests") if (solution / "tests").is_dir() else ""
    grades_tests = "verdict_on_tests" in checks or "require_golden_master_catches" in checks
    runs_tests = "run_learner_tests" in checks or grades_tests
    words = []
    if "run_notebook" in checks:
        words.append("executes notebooks")
    elif "runpy" in checks:
        words.append("executes the notebook's script or the learner's program")
    elif runs_tests and any(w in learner_tests for w in ("run_notebook", "runpy", "nbclient")):
        words.append("executes the notebook (or its script) through your tests")
    else:
        words.append("no notebook execution")
    if grades_tests:
        words.append(
            f"runs your tests against {len(load_mutants(stage.stage_dir))} mutants and the refactorings"
        )
    markers = ("pre-commit", "pre_commit", "mlflow server", "tracking server")
    service = next((marker for marker in markers if marker in checks), None)
    return "; ".join(words), service


def kata_check(stage, solution: Path) -> list[str]:
    return [str(BIN / "kata"), "check", stage.kata, str(stage.number), "--workspace", str(solution)]


def plain_pytest(stage, solution: Path) -> list[str]:
    # The repository's pytest configuration loads the checks plugin, as it does for kata check.
    return [
        str(BIN / "pytest"),
        str(stage.checks_dir),
        "--workspace",
        str(solution),
        "-q",
        "-p",
        "no:cacheprovider",
    ]


def bench_check_overhead(runs: int) -> list[Row]:
    rows = []
    for label, stage, solution in stages():
        if not (solution.is_dir() and stage.checks_dir.is_dir()):
            rows.append(
                Row(f"kata check / pytest: {label}", "-", "", "skipped", "no solution or checks")
            )
            continue
        mine: list[Timing] = []
        plain: list[Timing] = []
        for run in range(runs):  # side by side, so that a busy moment hits both
            progress(f"check overhead {label}, run {run + 1} of {runs}")
            mine.append(timed(kata_check(stage, solution)))
            plain.append(timed(plain_pytest(stage, solution)))
        code = max(timing.finished.returncode for timing in mine)
        wall = median(mine, "seconds"), median(plain, "seconds")
        cpu = median(mine, "cpu") / median(plain, "cpu")
        ratio = wall[0] / wall[1]
        rows.append(
            Row(
                f"kata check / pytest: {label}",
                f"ratio {ratio:.2f} ({wall[0]:.2f} s / {wall[1]:.2f} s; CPU time ratio {cpu:.2f})",
                f"≤ {RATIO_TARGET:.2f}",
                verdict(ratio <= RATIO_TARGET),
                "" if code == 0 else f"the checks do not all pass on the solution (exit {code})",
            )
        )
    return rows


def bench_stage_times(runs: int) -> list[Row]:
    """Each stage's `kata check` on its solution against that solution's own floor: one plain run of
    its notebook script, measured in the same benchmark run (issue 11's target: at most
    FLOOR_FACTOR times the floor plus FLOOR_SLACK seconds; SERVICE_FACTOR where a stage starts a
    service or builds hooks). Peak memory is the largest resident size of any one process."""
    rows = []
    for label, stage, solution in stages():
        if not (solution.is_dir() and stage.checks_dir.is_dir()):
            rows.append(Row(f"check time: {label}", "-", "", "skipped", "no solution or checks"))
            continue
        checks: list[Timing] = []
        floors: list[Timing] = []
        for run in range(runs):  # side by side, so that a busy moment hits both
            progress(f"check time {label}, run {run + 1} of {runs}")
            checks.append(timed(kata_check(stage, solution)))
            floors.append(plain_script_run(stage, solution))
        check, floor = median(checks, "seconds"), median(floors, "seconds")
        kind, service = describe(stage, solution)
        factor = SERVICE_FACTOR if service else FLOOR_FACTOR
        target = factor * floor + FLOOR_SLACK
        failed = max(timing.finished.returncode for timing in [*checks, *floors])
        note = kind + (f"; starts a service or builds hooks ({service})" if service else "")
        if failed:
            note += f"; something did not pass (exit {failed})"
        rows.append(
            Row(
                f"check time: {label}",
                f"{check:.1f} s, peak {max(t.peak_mb for t in checks):.0f} MB "
                f"(floor {floor:.1f} s, peak {max(t.peak_mb for t in floors):.0f} MB)",
                f"≤ {factor:g} x floor + {FLOOR_SLACK:g} s = {target:.1f} s",
                verdict(check <= target and not failed),
                note,
            )
        )
    return rows


def plain_script_run(stage, solution: Path) -> Timing:
    """One `python analysis.py` (or explore.py) in a copy of the solution beside the kata's data,
    the way a learner runs the notebook's script by hand."""
    script = "analysis.py" if (solution / "analysis.py").is_file() else "explore.py"
    with tempfile.TemporaryDirectory(prefix="kata-bench-floor-") as scratch:
        workspace = Path(scratch) / stage.kata / "workspace"
        shutil.copytree(solution, workspace, ignore=COPY_IGNORED)
        data = stage.kata_dir / "data"
        if data.is_dir():
            (workspace.parent / "data").symlink_to(data)
        env = {**os.environ, "MPLBACKEND": "Agg", "MLFLOW_DISABLE_TELEMETRY": "true"}
        if stage.kata == "penguins" and stage.number >= 8:
            env["MLFLOW_TRACKING_URI"] = f"sqlite:///{scratch}/mlflow.db"
        return timed([str(BIN / "python"), script], cwd=workspace, env=env)


# --- watch: from a save to the start of the re-run ---------------------------------------------


def bench_watch(runs: int) -> list[Row]:
    from kata.manifest import load_all

    katas = load_all(ROOT / "katas")
    if not katas:
        return [Row("kata watch reaction", "-", "", "skipped", "no katas")]
    kata = next((k for k in katas if k.name == "warmup"), katas[0])
    rows = []
    for poll in (False, True):
        name = "kata watch reaction" + (" (--poll)" if poll else "")
        with tempfile.TemporaryDirectory(prefix="kata-bench-") as scratch:
            root = copy_repo(Path(scratch) / "repo")
            try:
                reactions = watch_times(root, kata.name, "1", runs, poll, "Running the checks")
            except RuntimeError as error:
                rows.append(Row(name, "-", f"< {WATCH_TARGET} s", "fail", str(error)))
                continue
        median = statistics.median(reactions)
        rows.append(
            Row(
                name,
                f"{median * 1000:.0f} ms (worst {max(reactions) * 1000:.0f} ms)",
                f"< {WATCH_TARGET * 1000:.0f} ms",
                verdict(median < WATCH_TARGET),
                f"{kata.name} 1, median of {len(reactions)} saves",
            )
        )
    return rows


def copy_repo(target: Path) -> Path:
    for name in ("katas", "solutions"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name, ignore=COPY_IGNORED, symlinks=True)
    for name in ("pyproject.toml", "jupytext.toml"):
        if (ROOT / name).is_file():
            shutil.copy(ROOT / name, target / name)
    return target


def bench_first_line(runs: int) -> list[Row]:
    """Issue 11's loop target: a learner who saves sees the first verdict within two seconds."""
    from kata.display import FAIL, PASS
    from kata.manifest import load_all

    rows = []
    for kata in load_all(ROOT / "katas"):
        for stage in kata.stages[: 7 if kata.name == "penguins" else 1]:
            name = f"kata watch first line, {kata.name} {stage.number}"
            with tempfile.TemporaryDirectory(prefix="kata-bench-") as scratch:
                root = copy_repo(Path(scratch) / "repo")
                env = {**os.environ, "KATA_ROOT": str(root), "NO_COLOR": "1"}
                subprocess.run(
                    [str(BIN / "kata"), "start", kata.name, str(stage.number)],
                    env=env, capture_output=True, check=True,
                )  # fmt: skip
                try:
                    times = watch_times(
                        root, kata.name, str(stage.number), runs, False, f"  {PASS} ", f"  {FAIL} "
                    )
                except RuntimeError as error:
                    rows.append(Row(name, "-", f"< {FIRST_LINE_TARGET:.0f} s", "fail", str(error)))
                    continue
            median = statistics.median(times)
            rows.append(
                Row(
                    name,
                    f"{median:.1f} s (worst {max(times):.1f} s)",
                    f"< {FIRST_LINE_TARGET:.0f} s",
                    verdict(median < FIRST_LINE_TARGET),
                    f"its start (failing), median of {len(times)} saves after the first run",
                )
            )
    return rows


def watch_times(
    root: Path, kata: str, stage: str, runs: int, poll: bool, *answers: str
) -> list[float]:
    """Seconds from each save to the first line of `kata watch` that holds one of `answers`."""
    workspace = root / "katas" / kata / "workspace"
    files = sorted(workspace.glob("*.py")) or sorted(p for p in workspace.rglob("*") if p.is_file())
    originals = {path: path.read_bytes() for path in files}
    env = {**os.environ, "KATA_ROOT": str(root), "NO_COLOR": "1"}
    for helper in ("KATA_CHECK_HELPER", "KATA_LEARNER_HELPER"):  # watch starts its own
        env.pop(helper, None)
    command = [str(BIN / "kata"), "watch", kata, stage, *(["--poll"] if poll else [])]
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def until(texts: tuple[str, ...], timeout: float) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                at, line = lines.get(timeout=0.05)
            except queue.Empty:
                continue
            if any(text in line for text in texts):
                return at
        raise RuntimeError(f"kata watch printed no {' or '.join(texts)!r} within {timeout:.0f} s")

    reactions = []
    with subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
        bufsize=1,
    ) as watch:
        reader = threading.Thread(
            target=lambda: [lines.put((time.monotonic(), line)) for line in watch.stdout]
        )
        reader.start()
        try:
            until(("Watching",), 300)  # the first run is over
            for run in range(runs):
                progress(
                    f"kata watch {kata} {stage}{' --poll' if poll else ''}, save {run + 1} of {runs}"
                )
                time.sleep(1.1)  # polling sees whole seconds: keep saves a second apart
                path = files[run % len(files)]
                saved = time.monotonic()
                # A real change: `kata watch` skips a save that leaves every file as it was. A
                # comment in Python; blank lines elsewhere (a notebook stays valid JSON).
                change = (
                    f"\n# benchmark save {run + 1}\n" if path.suffix == ".py" else "\n" * (run + 1)
                )
                path.write_bytes(originals[path] + change.encode())
                reactions.append(until(answers, 60) - saved)
                until(("Watching",), 300)
            watch.stdin.write("q\n")
            watch.stdin.flush()
            watch.wait(10)
        finally:
            if watch.poll() is None:
                watch.kill()
            reader.join(10)
            for path, original in originals.items():
                path.write_bytes(original)
    return reactions


# --- site, suite and set-up --------------------------------------------------------------------


def bench_site() -> list[Row]:
    if not (ROOT / "mkdocs.yml").is_file():
        return [
            Row("mkdocs build --strict", "-", f"< {SITE_TARGET:.0f} s", "skipped", "no mkdocs.yml")
        ]
    progress("site build")
    with tempfile.TemporaryDirectory(prefix="kata-bench-site-") as site:
        command = [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", site]
        timing = timed(command, timeout=600)
    seconds, finished = timing.seconds, timing.finished
    ok = finished.returncode == 0
    note = "" if ok else f"build failed: {last_line(finished)}"
    return [
        Row(
            "mkdocs build --strict",
            f"{seconds:.1f} s",
            f"< {SITE_TARGET:.0f} s",
            verdict(ok and seconds < SITE_TARGET),
            note,
        )
    ]


def bench_suite() -> list[Row]:
    progress("the whole test suite (minutes)")
    timing = timed([str(BIN / "pytest"), "-q", "-p", "no:cacheprovider"], timeout=3600)
    seconds, finished = timing.seconds, timing.finished
    ok = finished.returncode == 0
    note = f"{os.cpu_count()} cores; {last_line(finished)}"
    return [
        Row(
            "test suite (pytest -q)",
            f"{seconds:.0f} s",
            f"< {SUITE_TARGET / 60:.0f} min",
            verdict(ok and seconds < SUITE_TARGET),
            note,
        )
    ]


def bench_setup() -> list[Row]:
    what = "make setup in a fresh clone"
    with tempfile.TemporaryDirectory(prefix="kata-bench-clone-") as scratch:
        clone = Path(scratch) / "clone"
        progress("git clone")
        cloned = subprocess.run(
            ["git", "clone", "-q", str(ROOT), str(clone)],
            capture_output=True,
            text=True,
            check=False,
        )
        if cloned.returncode != 0:
            return [Row(what, "-", f"< {SETUP_TARGET / 60:.0f} min", "fail", last_line(cloned))]
        overlaid = overlay_uncommitted(clone)
        progress("make setup in the clone (minutes)")
        env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
        env["PATH"] = os.pathsep.join(
            p for p in env.get("PATH", "").split(os.pathsep) if Path(p).resolve() != BIN.resolve()
        )
        timing = timed(["make", "setup"], cwd=clone, env=env, timeout=1800)
    seconds, finished = timing.seconds, timing.finished
    notes = ["with uv's package cache as it is on this machine (a cold cache downloads everything)"]
    if overlaid:
        notes.append(f"{overlaid} uncommitted files copied over the clone")
    if finished.returncode != 0:
        notes.append(f"failed: {last_line(finished)}")
    return [
        Row(
            what,
            f"{seconds:.0f} s",
            f"< {SETUP_TARGET / 60:.0f} min",
            verdict(finished.returncode == 0 and seconds < SETUP_TARGET),
            "; ".join(notes),
        )
    ]


def overlay_uncommitted(clone: Path) -> int:
    """Copy changed and new (not ignored) files, so that the clone is what would be committed."""
    listed = subprocess.run(
        ["git", "ls-files", "--modified", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    count = 0
    for name in filter(None, set(listed.split("\0"))):
        source, target = ROOT / name, clone / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            count += 1
        elif not source.exists() and target.exists():
            target.unlink()  # deleted in the working tree
            count += 1
    return count


# --- helpers -----------------------------------------------------------------------------------


@dataclass
class Timing:
    seconds: float  # wall clock
    cpu: float  # user + system time of the command and the processes it waited for
    finished: subprocess.CompletedProcess
    peak_mb: float = 0.0  # the largest resident size of any one process of the command


# Runs a command in a process of its own and reports, on its last stderr line, the peak resident
# size of its largest descendant (what getrusage(RUSAGE_CHILDREN) keeps), so that each command's
# peak is its own and not the benchmark's running maximum.
PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print('peak-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def timed(command: list[str], cwd: Path = ROOT, env: dict | None = None, timeout: float = 900):
    env = {**os.environ, "NO_COLOR": "1", "KATA_ROOT": str(ROOT)} if env is None else env
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-c", PEAK, *command],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    stderr, _, peak = finished.stderr.rpartition("peak-kb ")
    finished.stderr = stderr
    return Timing(seconds, cpu, finished, int(peak or 0) / 1024)


def median(timings: list[Timing], attribute: str) -> float:
    return statistics.median(getattr(timing, attribute) for timing in timings)


def last_line(finished: subprocess.CompletedProcess) -> str:
    lines = (finished.stdout + "\n" + finished.stderr).strip().splitlines()
    return lines[-1].strip() if lines else f"exit {finished.returncode}"


def verdict(ok: bool) -> str:
    return "pass" if ok else "fail"


def progress(text: str) -> None:
    print(f"bench: {text} ...", file=sys.stderr, flush=True)


def render(rows: list[Row], runs: int, load: tuple[float, float]) -> str:
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    lines = [
        "# Benchmark: the learner loop and the site",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M}, commit {commit or '?'}; {os.cpu_count()} cores, "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}; "
        f"medians of {runs} runs; load average {load[0]:.1f} before, {load[1]:.1f} after "
        "(other work on the machine slows every figure; the CPU time ratio is the least affected).",
        "",
        "| what | figure | target | result | note |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {r.what} | {r.figure} | {r.target} | {r.result} | {r.note} |" for r in rows]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        lines += [
            "",
            "PYTHONDONTWRITEBYTECODE is set: kata's own modules and the checks are "
            "compiled again on every run, which a learner's machine does not do.",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
