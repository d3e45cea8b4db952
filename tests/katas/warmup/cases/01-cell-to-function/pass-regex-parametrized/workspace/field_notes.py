"""Reading the hand-typed columns of the field log."""

import re

MISSING_MARKERS = frozenset({"NA", ".", ""})
_LENGTH = re.compile(r"^(?P<number>.*?)\s*(?P<unit>mm|cm)?$")


def parse_length_mm(entry: str) -> float | None:
    """A length typed in the field log, in millimetres; None when the entry marks it as missing."""
    text = entry.strip()
    if text in MISSING_MARKERS:
        return None
    found = _LENGTH.match(text)
    number = float(found["number"])
    if found["unit"] == "cm":
        return number * 10
    return number
