"""start and reset back up before they overwrite, refuse unsaved work, and never half-copy."""

import filecmp
import json
from pathlib import Path

import pytest

from conftest import git
from kata import workspace as ws
from kata.repo import Repo

WORKSPACE = Path("katas/warmup/workspace")


def same_tree(left: Path, right: Path) -> bool:
    comparison = filecmp.dircmp(left, right)
    if comparison.left_only or comparison.right_only or comparison.diff_files:
        return False
    return all(same_tree(left / name, right / name) for name in comparison.common_dirs)


def test_start_refuses_uncommitted_changes_without_force(mini_repo, kata):
    mine = mini_repo / WORKSPACE / "field_notes.py"
    mine.write_text("# my work\n")
    result = kata(mini_repo, "start", "warmup", "1")
    assert result.code == 2
    assert "has uncommitted changes (katas/warmup/workspace/field_notes.py)" in result.err
    assert "--force" in result.err
    assert mine.read_text() == "# my work\n"


def test_start_with_force_keeps_a_backup_of_everything(mini_repo, kata):
    workspace = mini_repo / WORKSPACE
    (workspace / "field_notes.py").write_text("# my work\n")
    (workspace / "explore.py").write_text("# edited\n")
    before = mini_repo / "before"
    import shutil

    shutil.copytree(workspace, before)
    result = kata(mini_repo, "start", "warmup", "1", "--force")
    assert result.code == 0, result.err
    backups = list((mini_repo / ".kata" / "backups" / "warmup").iterdir())
    assert len(backups) == 1
    assert same_tree(backups[0], before)
    assert str(backups[0].relative_to(mini_repo)) in result.out
    assert same_tree(workspace, mini_repo / "katas" / "warmup" / "start")


def test_reset_on_a_committed_workspace_needs_no_force(mini_repo, kata):
    (mini_repo / WORKSPACE / "field_notes.py").write_text("# committed work\n")
    git(mini_repo, "add", "-A")
    git(mini_repo, "commit", "-qm", "my work")
    result = kata(mini_repo, "reset", "warmup")
    assert result.code == 0, result.err
    assert not (mini_repo / WORKSPACE / "field_notes.py").exists()
    assert list((mini_repo / ".kata" / "backups" / "warmup").iterdir())


def test_an_interrupted_copy_leaves_the_workspace_untouched(mini_repo, monkeypatch):
    workspace = mini_repo / WORKSPACE
    (workspace / "explore.py").write_text("# precious\n")
    calls = []

    def copy_that_dies(source, target):
        calls.append(target)
        Path(target).mkdir(parents=True)
        (Path(target) / "half.txt").write_text("half")
        raise KeyboardInterrupt

    monkeypatch.setattr(ws, "copy_tree", copy_that_dies)
    with pytest.raises(KeyboardInterrupt):
        ws.replace_workspace(Repo(mini_repo), "warmup", mini_repo / "katas" / "warmup" / "start")
    assert (workspace / "explore.py").read_text() == "# precious\n"
    assert not (workspace / "half.txt").exists()
    assert ws.recover(Repo(mini_repo)) is None
    assert not calls[0].exists(), "the half-made copy is cleaned up by the next command"


def test_a_swap_interrupted_between_its_renames_is_finished_by_the_next_command(mini_repo, kata):
    repo = Repo(mini_repo)
    workspace = mini_repo / WORKSPACE
    new = workspace.with_name(f"{ws.NEW_PREFIX}warmup")
    old = workspace.with_name(f"{ws.OLD_PREFIX}warmup")
    import shutil

    shutil.copytree(mini_repo / "katas" / "warmup" / "start", new)
    (new / "marker.txt").write_text("new")
    workspace.rename(old)  # the crash happened after the first rename
    ws.journal_path(repo).parent.mkdir(parents=True, exist_ok=True)
    ws.journal_path(repo).write_text(
        json.dumps({"workspace": str(workspace), "new": str(new), "old": str(old)})
    )
    result = kata(mini_repo, "list")
    assert result.code == 0
    assert "finished an interrupted swap" in result.err
    assert (workspace / "marker.txt").read_text() == "new"
    assert not old.exists()
    assert not ws.journal_path(repo).exists()


@pytest.mark.slow
def test_start_of_a_later_stage_takes_the_previous_solution(tmp_path, mini_repo, kata):
    # the warm-up has one stage; give it a second one whose start is stage 1's solution
    kata_dir = mini_repo / "katas" / "warmup"
    manifest = kata_dir / "kata.toml"
    manifest.write_text(
        manifest.read_text()
        + '\n[[stages]]\nslug = "02-more"\ntitle = "More"\nminutes = 10\nhints = ["h"]\n'
    )
    result = kata(mini_repo, "start", "warmup", "2")
    assert result.code == 0, result.err
    assert same_tree(
        mini_repo / WORKSPACE, mini_repo / "solutions" / "warmup" / "01-cell-to-function"
    )
    assert "Current stage: warmup 2: More" in kata(mini_repo).out
