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
    names = {"workspace": workspace, "new": new, "old": old}
    ws.journal_path(repo).write_text(json.dumps({k: repo.relative(v) for k, v in names.items()}))
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
        manifest.read_text() + '\n[[stages]]\nslug = "02-more"\ntitle = "More"\nminutes = 10\n'
    )
    result = kata(mini_repo, "start", "warmup", "2")
    assert result.code == 0, result.err
    assert same_tree(
        mini_repo / WORKSPACE, mini_repo / "solutions" / "warmup" / "01-cell-to-function"
    )
    assert "Current stage: warmup 2: More" in kata(mini_repo).out


def test_an_interrupted_swap_is_finished_after_the_repository_has_moved(tmp_path, mini_repo, kata):
    repo = Repo(mini_repo)
    workspace = mini_repo / WORKSPACE
    (workspace / "explore.py").write_text("# precious\n")
    ws.replace_workspace(repo, "warmup", mini_repo / "katas" / "warmup" / "start")
    # Rebuild the moment between the two renames, then move the clone elsewhere.
    new = workspace.with_name(f"{ws.NEW_PREFIX}warmup")
    workspace.rename(new)
    names = {
        "workspace": workspace,
        "new": new,
        "old": workspace.with_name(f"{ws.OLD_PREFIX}warmup"),
    }
    ws.journal_path(repo).write_text(json.dumps({k: repo.relative(v) for k, v in names.items()}))
    moved = mini_repo.rename(tmp_path / "moved")
    result = kata(moved, "list")
    assert result.code == 0, result.err
    assert "finished an interrupted swap" in result.err
    assert same_tree(moved / WORKSPACE, moved / "katas" / "warmup" / "start")


def test_a_journal_naming_folders_outside_the_repository_is_left_alone(mini_repo, kata):
    repo = Repo(mini_repo)
    ws.journal_path(repo).parent.mkdir(parents=True, exist_ok=True)
    journal = {
        "workspace": "/elsewhere/workspace",
        "new": "/elsewhere/new",
        "old": "/elsewhere/old",
    }
    ws.journal_path(repo).write_text(json.dumps(journal))
    stray = (mini_repo / WORKSPACE).with_name(f"{ws.NEW_PREFIX}warmup")
    stray.mkdir()
    result = kata(mini_repo, "list")
    assert result.code == 2
    assert "names folders outside this repository" in result.err
    assert stray.is_dir(), "a copy recovery cannot account for must not be deleted"
    assert ws.journal_path(repo).is_file()


def test_a_second_swap_at_the_same_time_is_refused(mini_repo, kata):
    with ws.swapping(Repo(mini_repo)):
        result = kata(mini_repo, "start", "warmup", "1", "--force")
    assert result.code == 2
    assert "another kata command" in result.err
    assert not (mini_repo / ".kata" / "backups").exists(), "the refused start must not back up"


def test_a_backup_cut_short_is_listed_as_incomplete_and_cannot_be_restored(
    mini_repo, kata, monkeypatch
):
    import shutil

    def copy_that_dies(source, target, symlinks=False):
        Path(target).mkdir(parents=True)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copytree", copy_that_dies)
    with pytest.raises(OSError, match="No space left"):
        ws.backup(Repo(mini_repo), "warmup", "before-start-01")
    monkeypatch.undo()
    (cut,) = ws.backups(Repo(mini_repo), "warmup")
    assert not cut.complete
    listed = kata(mini_repo, "backups", "warmup")
    assert "INCOMPLETE" in listed.out
    refused = kata(mini_repo, "restore", cut.id, "--kata", "warmup")
    assert refused.code == 2
    assert "is incomplete" in refused.err


def test_restore_brings_a_backup_back_and_backs_up_what_it_replaces(mini_repo, kata):
    workspace = mini_repo / WORKSPACE
    (workspace / "field_notes.py").write_text("# my work\n")
    kata(mini_repo, "start", "warmup", "1", "--force")
    (first,) = ws.backups(Repo(mini_repo), "warmup")
    listed = kata(mini_repo, "backups", "warmup")
    assert first.id in listed.out
    assert "before-start-01" in listed.out
    result = kata(mini_repo, "restore", first.id, "--kata", "warmup")
    assert result.code == 0, result.err
    assert (workspace / "field_notes.py").read_text() == "# my work\n"
    reasons = [backup.reason for backup in ws.backups(Repo(mini_repo), "warmup")]
    assert reasons == ["before-start-01", "before-restore"]
    unknown = kata(mini_repo, "restore", "no-such-id", "--kata", "warmup")
    assert unknown.code == 2
    assert "has no backup 'no-such-id'" in unknown.err


def test_only_the_newest_backups_are_kept_and_the_command_says_what_went(
    mini_repo, kata, monkeypatch
):
    monkeypatch.setattr(ws, "KEEP_BACKUPS", 2)
    for _ in range(3):
        result = kata(mini_repo, "start", "warmup", "1", "--force")
    kept = ws.backups(Repo(mini_repo), "warmup")
    assert len(kept) == 2
    assert "Removed the 1 oldest backup" in result.out
