"""registry.commit_of and registry.sha256_of: where a run came from."""

import hashlib
import subprocess

import pytest

from penguin_mass import registry


def _git(folder, *args):
    return subprocess.run(
        ["git", "-c", "user.name=k", "-c", "user.email=k@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


class TestCommitOf:
    @pytest.fixture
    def repo(self, tmp_path):
        (tmp_path / "a.txt").write_text("one\n")
        _git(tmp_path, "init", "-q")
        _git(tmp_path, "add", ".")
        _git(tmp_path, "commit", "-qm", "first")
        return tmp_path

    def test_clean(self, repo):
        assert registry.commit_of(repo) == _git(repo, "rev-parse", "HEAD")

    @pytest.mark.parametrize("name", ["a.txt", "b.txt"])
    def test_any_change_is_dirty(self, repo, name):
        (repo / name).write_text("two\n")
        assert registry.commit_of(repo) == _git(repo, "rev-parse", "HEAD") + "-dirty"

    def test_outside_a_repository(self, tmp_path, monkeypatch):
        monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
        assert registry.commit_of(tmp_path) == "unknown"

    def test_without_git(self, tmp_path, monkeypatch):
        monkeypatch.setattr(registry.shutil, "which", lambda name: None)
        assert registry.commit_of(tmp_path) == "unknown"


class TestSha256Of:
    def test_matches_hashlib(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_bytes(b"a,b\n1,2\n")
        assert registry.sha256_of(path) == hashlib.sha256(b"a,b\n1,2\n").hexdigest()

    def test_differs_by_one_byte(self, tmp_path):
        (tmp_path / "x").write_bytes(b"1")
        (tmp_path / "y").write_bytes(b"2")
        assert registry.sha256_of(tmp_path / "x") != registry.sha256_of(tmp_path / "y")
