"""Nothing a learner wrote is lost: `kata` killed at any point, two commands at once, a full disk.

Each scenario runs real `kata` processes on a small repository with a workspace the learner has
changed, then lets the next command recover, and checks the one promise: the learner's work is
either still in the workspace or in a complete backup, and `kata` carries on.
"""

from __future__ import annotations

import errno
import filecmp
import os
import shutil
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import kata_process
from kata import workspace as ws
from kata.repo import Repo

WORKSPACE = Path("katas/warmup/workspace")
START = Path("katas/warmup/start")
SOLUTION = Path("solutions/warmup/01-cell-to-function")

# Runs `kata ARGS` and kills itself with SIGKILL at the COUNT-th call of FUNCTION: power lost.
# (A file copy: shutil.copyfile; a swap or a backup made whole: Path.rename; a progress save:
# Path.replace.)
KILLER = """
import os, pathlib, shutil, signal, sys
function, count = sys.argv[1], int(sys.argv[2])
calls = 0
def dying(original):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == count:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    return call
owner = {"copyfile": shutil, "rename": pathlib.Path, "replace": pathlib.Path}[function]
setattr(owner, function, dying(getattr(owner, function)))
sys.argv = ["kata", *sys.argv[3:]]
from kata.launch import main
sys.exit(main())
"""


def same_tree(left: Path, right: Path) -> bool:
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__"])
    if comparison.left_only or comparison.right_only or comparison.diff_files:
        return False
    return all(same_tree(left / name, right / name) for name in comparison.common_dirs)


def learner_work(repo: Path) -> Path:
    """Change the workspace as a learner would, and keep a copy to compare with."""
    workspace = repo / WORKSPACE
    (workspace / "field_notes.py").write_text("def parse_length_mm(entry):\n    return 1.0\n")
    (workspace / "explore.py").write_text("# my own exploration\n")
    kept = repo.parent / "learner-work"
    shutil.copytree(workspace, kept)
    return kept


def require_nothing_lost(repo: Path, work: Path) -> None:
    workspace = repo / WORKSPACE
    assert workspace.is_dir(), "the workspace is gone"
    complete = [b for b in ws.backups(Repo(repo), "warmup") if b.complete]
    assert all(same_tree(b.path, work) for b in complete), "a backup that looks whole is not"
    if same_tree(workspace, work):
        return
    assert same_tree(workspace, repo / START), "the workspace is a mixture of old and new"
    assert complete, "the learner's work is in no backup"


@pytest.mark.parametrize(
    ("function", "count"),
    [("copyfile", 1), ("copyfile", 3), ("copyfile", 8), ("rename", 1), ("rename", 2),
     ("rename", 3), ("rename", 4), ("replace", 1)],
)  # fmt: skip
def test_a_start_killed_at_any_point_loses_nothing(mini_repo, function, count):
    work = learner_work(mini_repo)
    env = {**os.environ, "KATA_ROOT": str(mini_repo), "NO_COLOR": "1"}
    command = [sys.executable, "-c", KILLER, function, str(count), "start", "warmup", "1"]
    killed = subprocess.run([*command, "--force"], env=env, capture_output=True, check=False)
    after = kata_process(mini_repo, "list")
    assert after.code == 0, after.err
    assert killed.returncode == -signal.SIGKILL, f"the kill point was never reached: {killed}"
    require_nothing_lost(mini_repo, work)
    listed = kata_process(mini_repo, "backups", "warmup")
    assert listed.code == 0, listed.err


def test_a_restore_killed_between_its_renames_is_finished_or_undone(mini_repo):
    work = learner_work(mini_repo)
    assert kata_process(mini_repo, "start", "warmup", "1", "--force").code == 0
    (backup,) = ws.backups(Repo(mini_repo), "warmup")
    env = {**os.environ, "KATA_ROOT": str(mini_repo), "NO_COLOR": "1"}
    command = [sys.executable, "-c", KILLER, "rename", "3", "restore", backup.id]
    killed = subprocess.run([*command, "--kata", "warmup"], env=env, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert kata_process(mini_repo, "list").code == 0
    workspace = mini_repo / WORKSPACE
    assert same_tree(workspace, work) or same_tree(workspace, mini_repo / START)
    assert any(same_tree(b.path, work) for b in ws.backups(Repo(mini_repo), "warmup"))


@pytest.mark.parametrize("step", ["backup", "copy", "journal", "progress"])
def test_a_full_disk_at_any_write_of_a_start_loses_nothing(mini_repo, kata, monkeypatch, step):
    work = learner_work(mini_repo)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(args[0]) if args else None)

    from kata import progress

    targets = {
        "backup": (shutil, "copytree"),
        "copy": (ws, "copy_tree"),
        "journal": (Path, "write_text"),
        "progress": (progress, "write_atomically"),
    }
    owner, name = targets[step]
    monkeypatch.setattr(owner, name, full)
    result = kata(mini_repo, "start", "warmup", "1", "--force")
    monkeypatch.undo()
    assert result.code == 2, result.err
    assert "the disk is full" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert kata(mini_repo, "list").code == 0
    require_nothing_lost(mini_repo, work)


@pytest.mark.slow
def test_two_checks_and_a_hint_at_once_keep_every_result(mini_repo):
    """A mob's `kata watch` and a second terminal: every pass and every hint is kept."""
    shutil.copytree(mini_repo / SOLUTION, mini_repo / WORKSPACE, dirs_exist_ok=True)
    env = {**os.environ, "KATA_ROOT": str(mini_repo), "NO_COLOR": "1"}
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "kata", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for args in (["check"], ["check"], ["hint"], ["hint"])
    ]
    said = [process.communicate(timeout=300)[0] for process in started]
    assert [process.returncode for process in started] == [0, 0, 0, 0], said
    saved = tomllib.loads((mini_repo / ".kata" / "progress.toml").read_text())
    assert saved["katas"]["warmup"]["passed"] == ["01-cell-to-function"]
    assert saved["katas"]["warmup"]["hints_shown"] == {"01-cell-to-function": 2}


def test_progress_with_wrong_types_is_refused_and_kept(mini_repo, kata):
    path = mini_repo / ".kata" / "progress.toml"
    path.parent.mkdir()
    text = 'current_kata = 3\n[katas.warmup]\npassed = "all"\n'
    path.write_text(text)
    result = kata(mini_repo, "progress")
    assert result.code == 2
    (line,) = result.err.strip().splitlines()
    assert "progress.toml: holds something unexpected (current_kata should be a text)" in line
    assert path.read_text() == text


@pytest.mark.slow
def test_a_check_whose_result_cannot_be_saved_still_shows_it(mini_repo, kata, monkeypatch):
    from kata import progress

    shutil.copytree(mini_repo / SOLUTION, mini_repo / WORKSPACE, dirs_exist_ok=True)

    def full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(progress, "write_atomically", full)
    result = kata(mini_repo, "check")
    assert result.code == 0, result.err
    assert "8 of 8 checks pass" in result.out
    assert "your result could not be saved in your progress" in result.err
    assert "the disk is full" in result.err


def test_a_full_temporary_folder_stops_a_check_in_one_line(mini_repo, kata, monkeypatch):
    import tempfile

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/tmp/kata-check-x")

    monkeypatch.setattr(tempfile, "mkdtemp", full)
    result = kata(mini_repo, "check")
    assert result.code == 2
    (line,) = result.err.strip().splitlines()
    assert "the disk is full" in line


def test_ctrl_c_while_kata_loads_says_interrupted_without_a_traceback():
    loading = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def interrupted(name, *args, **kwargs):\n"
        "    if name == 'kata.cli':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupted\n"
        "from kata.launch import main\n"
        "sys.exit(main())\n"
    )
    done = subprocess.run([sys.executable, "-c", loading], capture_output=True, text=True)
    assert done.returncode == 130
    assert done.stderr.strip() == "kata: interrupted"


def test_a_read_only_state_folder_gives_one_line(mini_repo, kata, monkeypatch):
    from kata import progress

    def read_only(path, text):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(progress, "write_atomically", read_only)
    result = kata(mini_repo, "hint")
    assert result.code == 2
    (line,) = result.err.strip().splitlines()
    assert "permission denied; check who owns it" in line
