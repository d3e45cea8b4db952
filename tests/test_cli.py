"""The kata command, sub-command by sub-command, including what happens with bad input."""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from conftest import REPO, kata_process

WORKSPACE = "katas/warmup/workspace"
SOLUTION = "solutions/warmup/01-cell-to-function"


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got: {text!r}"
    assert "Traceback" not in text
    return lines[0]


def test_no_arguments_shows_progress_and_the_first_stage(mini_repo, kata):
    result = kata(mini_repo)
    assert result.code == 0
    assert "Current stage: warmup 1: From a cell to a tested function" in result.out
    assert "kata check" in result.out


def test_list_shows_every_kata_with_its_stages(mini_repo, kata):
    result = kata(mini_repo, "list")
    assert result.code == 0
    assert "warmup" in result.out
    assert "1. From a cell to a tested function (30 min)" in result.out


def test_show_prints_the_kata_and_the_stage_readme(mini_repo, kata):
    assert "From a cell to a tested function" in kata(mini_repo, "show", "warmup").out
    stage = kata(mini_repo, "show", "warmup", "01-cell-to-function")
    assert stage.code == 0
    assert "## Done when" in stage.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "nosuch"), "unknown kata 'nosuch'; the katas are: warmup"),
        (
            ("check", "warmup", "7"),
            "kata 'warmup' has no stage '7'; its stages are 1 (01-cell-to-function)",
        ),
        (("check", "warmup"), "name both the kata and the stage"),
        (("check", "--bogus"), "unrecognized arguments: --bogus"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
        (("start", "warmup"), "the following arguments are required: stage"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(mini_repo, kata, args, message):
    result = kata(mini_repo, *args)
    assert result.code == 2
    assert message in one_line(result.err)


def test_a_malformed_manifest_is_a_one_line_usage_error(mini_repo, kata):
    manifest = mini_repo / "katas" / "warmup" / "kata.toml"
    manifest.write_text(manifest.read_text().replace("minutes = 30", 'minutes = "half an hour"'))
    result = kata(mini_repo, "list")
    assert result.code == 2
    assert one_line(result.err) == (
        "kata: warmup/kata.toml: stages[0].minutes: must be a whole number, got 'half an hour'"
    )


def test_outside_a_katas_repository_the_error_says_where_to_run(tmp_path, monkeypatch, kata):
    monkeypatch.delenv("KATA_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    from kata.cli import main

    assert main(["list"]) == 2


@pytest.mark.slow
def test_check_fails_on_the_committed_workspace_with_readable_messages(kata):
    result = kata(REPO, "check", "warmup", "1", "--workspace", str(REPO / WORKSPACE))
    assert result.code == 1
    assert "✗" in result.out or "x " in result.out
    assert "Expected the file field_notes.py in your workspace" in result.out
    assert "Traceback" not in result.out


@pytest.mark.slow
def test_check_passes_on_the_solution_and_reports_json(kata):
    result = kata(REPO, "check", "warmup", "1", "--workspace", str(REPO / SOLUTION), "--json")
    assert result.code == 0
    report = json.loads(result.out)
    assert report["passed"] is True
    assert all(item["outcome"] == "passed" for item in report["results"])
    assert len(report["results"]) >= 4


@pytest.mark.slow
def test_a_passing_folder_that_is_not_the_workspace_changes_no_progress(mini_repo, kata):
    result = kata(mini_repo, "check", "warmup", "1", "--workspace", str(mini_repo / SOLUTION))
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "That folder passes the stage. Your progress is unchanged" in text
    assert "Stage done" not in text
    assert "now your current stage" not in text
    assert not (mini_repo / ".kata" / "progress.toml").exists()


def test_corrupt_notebook_json_is_one_line_naming_the_file(mini_repo, kata):
    notebook = mini_repo / WORKSPACE / "explore.ipynb"
    notebook.write_text(notebook.read_text()[:200])
    result = kata(mini_repo, "check", "warmup", "1")
    assert result.code == 2
    assert one_line(result.err).startswith("kata: cannot check: explore.ipynb:")
    assert "not valid notebook JSON" in result.err


def test_a_syntax_error_in_the_workspace_is_shown_as_file_and_line(mini_repo, kata):
    (mini_repo / WORKSPACE / "field_notes.py").write_text(
        "def parse_length_mm(entry)\n    return 1\n"
    )
    result = kata(mini_repo, "check", "warmup", "1")
    assert result.code == 2
    assert one_line(result.err) == "kata: cannot check: field_notes.py:1: SyntaxError: expected ':'"


def test_a_missing_workspace_folder_is_a_usage_error(mini_repo, kata):
    result = kata(mini_repo, "check", "warmup", "1", "--workspace", str(mini_repo / "nowhere"))
    assert result.code == 2
    assert "does not exist" in one_line(result.err)


def test_hint_reveals_one_more_hint_per_call_and_remembers(mini_repo, kata):
    first = kata(mini_repo, "hint")
    assert "1. Start from what the loop does" in first.out
    assert "2." not in first.out
    second = kata(mini_repo, "hint")
    assert "2. The notebook cell becomes one line" in second.out
    kata(mini_repo, "hint")
    last = kata(mini_repo, "hint")
    assert "3. A test per kind of entry" in last.out
    assert "last hint" in last.out
    progress = tomllib.loads((mini_repo / ".kata" / "progress.toml").read_text())
    assert progress["katas"]["warmup"]["hints_shown"] == {"01-cell-to-function": 3}


def test_a_broken_progress_file_is_refused_and_left_as_it_was(mini_repo, kata):
    path = mini_repo / ".kata" / "progress.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text('current_kata = "warmup"\n[katas.warmup\npassed = []\n')
    for command in ("hint", "progress"):
        result = kata(mini_repo, command)
        assert result.code == 2, result.err
        (line,) = result.err.strip().splitlines()
        assert "progress.toml: not valid TOML" in line
        assert "line 2" in line
        assert ".broken" in line, "the message should say how to start afresh"
    assert path.read_text() == 'current_kata = "warmup"\n[katas.warmup\npassed = []\n'


def test_commands_side_by_side_lose_no_change_to_the_progress(tmp_path):
    """Two kata processes saving at once (watch and hint in two terminals) both keep their change."""
    path = tmp_path / "progress.toml"
    worker = (
        "import sys\nfrom pathlib import Path\nfrom kata import progress\n"
        "for n in range(40):\n"
        "    progress.update(Path(sys.argv[1]), lambda p: p.of(sys.argv[2]).passed.append(str(n)))\n"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", worker, str(path), name]) for name in ("a", "b")
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    saved = tomllib.loads(path.read_text())
    assert [len(saved["katas"][name]["passed"]) for name in ("a", "b")] == [40, 40]


def test_progress_lists_stages_and_hints_used(mini_repo, kata):
    kata(mini_repo, "hint")
    result = kata(mini_repo, "progress")
    assert result.code == 0
    assert "warmup: 0 of 1 stages" in result.out
    assert "(1 of 3 hints)" in result.out


@pytest.mark.slow
def test_a_passing_check_is_recorded_in_progress(mini_repo, kata):
    solution = mini_repo / SOLUTION
    workspace = mini_repo / WORKSPACE
    for path in solution.rglob("*"):
        if path.is_file():
            target = workspace / path.relative_to(solution)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    assert kata(mini_repo, "check").code == 0
    assert "warmup: 1 of 1 stages" in kata(mini_repo, "progress").out


def test_doctor_reports_each_requirement(mini_repo, kata):
    result = kata(mini_repo, "doctor")
    assert "package pandas" in result.out
    assert "Jupyter kernel python3" in result.out
    assert result.code == 0, result.out


def test_the_command_runs_as_a_process_without_a_traceback(mini_repo):
    result = kata_process(mini_repo, "show", "nosuch")
    assert result.code == 2
    assert one_line(result.err) == "kata: unknown kata 'nosuch'; the katas are: warmup"


def test_help_lists_every_sub_command():
    from kata.cli import build_parser, command_names

    text = build_parser().format_help()
    for name in command_names():
        assert name.split()[0] in text


def test_show_folds_the_hints_and_the_facilitation_notes(mini_repo, kata):
    stage = kata(mini_repo, "show", "warmup", "1").out
    assert "3 hints, gentle to specific: `kata hint` shows the next one." in stage
    assert "19.5 cm is 195.0" not in stage  # the last hint's answer
    assert "## Discussion prompts" in stage
    assert "For the facilitator: where mobs get stuck (in README.md)." in stage
    assert "an if-chain or a lookup table" not in stage  # a facilitation note names the slip


def test_a_pass_makes_the_next_stage_current_and_the_learner_s_work_its_start(tmp_path):
    from kata.commands import check
    from kata.context import Context
    from kata.repo import Repo
    from kata.results import CheckResult, CheckRun, Outcome

    (tmp_path / "katas").symlink_to(REPO / "katas")
    context = Context(Repo(tmp_path))
    kata_, stage = context.stage("penguins", "1")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "analysis.py").write_text("# my own stage 1\n")
    passed = CheckRun(
        "penguins", stage.slug, str(mine), [CheckResult("i", "n", "s", Outcome.PASSED)]
    )
    check.record(context, kata_, stage, passed, mine)
    assert context.current()[1].slug == "02-pin-the-behaviour"
    start = tmp_path / ".kata" / "starts" / "penguins" / "02-pin-the-behaviour" / "analysis.py"
    assert start.read_text() == "# my own stage 1\n"
    reloaded = Context(Repo(tmp_path))
    assert reloaded.current()[1].slug == "02-pin-the-behaviour", "the move was not saved"


def test_after_the_warmup_kata_points_to_the_next_kata_by_order(tmp_path):
    from kata.commands import check
    from kata.context import Context
    from kata.repo import Repo
    from kata.results import CheckResult, CheckRun, Outcome

    (tmp_path / "katas").symlink_to(REPO / "katas")
    context = Context(Repo(tmp_path))
    warmup, stage = context.stage("warmup", "1")
    passed = CheckRun("warmup", stage.slug, "w", [CheckResult("i", "n", "s", Outcome.PASSED)])
    check.record(context, warmup, stage, passed, REPO / SOLUTION)
    assert [part.name if hasattr(part, "name") else part.slug for part in context.current()] == [
        "penguins",
        "01-run-it-again",
    ]


@pytest.mark.parametrize(
    "name", ["x" * 300, "../warmup", "/etc", "warmup/../warmup"], ids=["long", "up", "abs", "sep"]
)
def test_a_kata_name_that_is_not_a_kata_folder_is_refused_in_one_line(mini_repo, kata, name):
    result = kata(mini_repo, "start", name, "1")
    assert result.code == 2
    assert one_line(result.err).startswith("kata: unknown kata '")
    assert len(result.err) < 200


def test_bad_state_on_disk_gives_one_line_and_exit_2(mini_repo, kata, monkeypatch):
    import errno

    from kata import progress

    state = mini_repo / ".kata"
    state.write_text("not a folder")  # .kata is a file
    result = kata(mini_repo, "hint")
    assert result.code == 2, result.err
    assert "a file stands where a folder is expected" in one_line(result.err)
    state.unlink()
    (state / "swap.json").parent.mkdir()
    (state / "swap.json").write_text("{}")
    result = kata(mini_repo, "list")
    assert (result.code, "swap.json: unreadable" in one_line(result.err)) == (2, True)
    (state / "swap.json").unlink()

    def full_disk(path, text):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(progress, "write_atomically", full_disk)
    result = kata(mini_repo, "hint")
    assert result.code == 2
    assert "the disk is full" in one_line(result.err)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_during_a_check_ends_it_and_everything_it_started(mini_repo, tmp_path, number):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    shutil.copytree(mini_repo / SOLUTION, mini_repo / WORKSPACE, dirs_exist_ok=True)
    env = {**os.environ, "KATA_ROOT": str(mini_repo), "NO_COLOR": "1", "TMPDIR": str(scratch)}
    check = subprocess.Popen(
        [sys.executable, "-m", "kata", "check"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not list(scratch.glob("kata-check-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)  # the checks are running now
    check.send_signal(number)
    _, err = check.communicate(timeout=60)
    assert check.returncode == 128 + number, err
    assert "kata: interrupted" in err
    assert "Traceback" not in err
    time.sleep(1)
    assert not list(scratch.glob("kata-check-*")), "the check's folder was left behind"
    left = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if str(mini_repo) in cmdline.read_bytes().decode(errors="replace"):
                left.append(cmdline.parent.name)
    assert not left, f"processes of the check are still running: {left}"


def test_doctor_notices_a_machine_without_loopback(mini_repo, kata, monkeypatch):
    import socket

    from kata.commands import doctor

    def down(*args, **kwargs):
        raise OSError(101, "Network is unreachable")

    monkeypatch.setattr(doctor.socket, "create_connection", down)
    result = kata(mini_repo, "doctor")
    assert result.code == 1
    assert "loopback" in result.out
    assert "ip link set lo up" in result.out
    assert socket.create_connection is down


def test_a_workspace_that_is_a_file_is_named_as_one(mini_repo, kata, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    result = kata(mini_repo, "check", "--workspace", str(tmp_path / "notes.txt"))
    assert result.code == 2
    assert "is a file; give --workspace the folder" in one_line(result.err)
