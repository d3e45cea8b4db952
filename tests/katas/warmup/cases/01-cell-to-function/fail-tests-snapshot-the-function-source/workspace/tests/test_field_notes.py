import inspect

import pytest

from field_notes import parse_length_mm


@pytest.mark.parametrize(
    ("entry", "expected"),
    [("181", 181.0), ("186 mm", 186.0), ("19.5 cm", 195.0), (" 193 ", 193.0)],
)
def test_a_length_is_read_in_millimetres(entry, expected):
    assert parse_length_mm(entry) == pytest.approx(expected)


@pytest.mark.parametrize("entry", ["NA", ".", "", "  "])
def test_a_missing_marker_gives_none(entry):
    assert parse_length_mm(entry) is None


# Approval test: the cleaning rules are the team's knowledge, so any change to them must be
# reviewed. If this fails, look at the diff and paste the new source here on purpose.
APPROVED_SOURCE = '''\
def parse_length_mm(entry: str) -> float | None:
    """A length typed in the field log, in millimetres; None when the entry marks it as missing."""
    text = entry.strip()
    if text in MISSING:
        return None
    if text.endswith("cm"):
        return float(text[:-2]) * MM_PER_CM
    if text.endswith("mm"):
        return float(text[:-2])
    return float(text)
'''


def test_the_cleaning_rules_are_the_approved_ones():
    assert inspect.getsource(parse_length_mm) == APPROVED_SOURCE
