"""Provenance tags: code_version and fingerprint, each case a row of a table."""

import hashlib
import subprocess

import pytest

from penguin_mass.tracking import code_version, fingerprint

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]


def head_of(folder):
    out = subprocess.run([*GIT, "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True)
    return out.stdout.strip()


@pytest.fixture
def checkout(tmp_path):
    (tmp_path / "kept.py").write_text("x = 1\n")
    for args in (["init", "-q"], ["add", "kept.py"], ["commit", "-qm", "one"]):
        subprocess.run([*GIT, *args], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


@pytest.mark.parametrize(
    ("change", "suffix"),
    [
        (None, ""),
        (("kept.py", "x = 2\n"), "-dirty"),
        (("untracked.txt", "new\n"), "-dirty"),
    ],
    ids=["clean", "edited", "new-file"],
)
def test_code_version(checkout, change, suffix):
    if change:
        name, text = change
        (checkout / name).write_text(text)
    assert code_version(checkout) == head_of(checkout) + suffix


def test_code_version_outside_git(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert code_version(tmp_path) == "unknown"


@pytest.mark.parametrize("content", [b"", b"a,b\n", bytes(range(256)) * 10])
def test_fingerprint(tmp_path, content):
    (tmp_path / "f").write_bytes(content)
    assert fingerprint(tmp_path / "f") == hashlib.sha256(content).hexdigest()
