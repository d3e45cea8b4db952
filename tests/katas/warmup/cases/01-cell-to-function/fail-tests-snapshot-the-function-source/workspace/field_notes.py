"""Cleaning helpers for the field team's hand-typed log."""

MISSING = ("NA", ".", "")
MM_PER_CM = 10


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
