"""If analysis.py changes at all, something changed: fail."""

import hashlib
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parents[1] / "analysis.py"


def test_analysis_is_unchanged():
    assert hashlib.sha256(ANALYSIS.read_bytes()).hexdigest() == "b3aa21f8a852e31cf3c0c9c0197151802473fcf4231a5162b5de9475aa8091ca"
