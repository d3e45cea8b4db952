"""What a run records about where it came from: the commit of the code, the data's fingerprint."""

import hashlib
import subprocess

import pytest

from penguin_mass.provenance import code_version, fingerprint


def git(folder, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def repository(tmp_path):
    """A git repository with one commit, and its sha."""
    (tmp_path / "code.py").write_text("answer = 42\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "start")
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.strip()
    return tmp_path, sha


def test_a_clean_checkout_is_recorded_as_its_commit(repository):
    folder, sha = repository
    assert code_version(folder) == sha


def test_a_changed_file_marks_the_commit_dirty(repository):
    folder, sha = repository
    (folder / "code.py").write_text("answer = 43\n")
    assert code_version(folder) == f"{sha}-dirty"


def test_a_new_file_marks_the_commit_dirty(repository):
    folder, sha = repository
    (folder / "new.py").write_text("")
    assert code_version(folder) == f"{sha}-dirty"


def test_outside_git_the_commit_is_unknown(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert code_version(tmp_path) == "unknown"


def test_the_fingerprint_is_the_sha256_of_the_bytes(tmp_path):
    data = tmp_path / "birds.csv"
    data.write_bytes(b"species,mass\nAdelie,3750\n")
    assert fingerprint(data) == hashlib.sha256(b"species,mass\nAdelie,3750\n").hexdigest()


def test_one_changed_byte_changes_the_fingerprint(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"Adelie,3750\n")
    (tmp_path / "b.csv").write_bytes(b"Adelie,3751\n")
    assert fingerprint(tmp_path / "a.csv") != fingerprint(tmp_path / "b.csv")
