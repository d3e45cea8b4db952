"""Helpers for the hand-typed field log."""


def parse_length_mm(entry: str) -> float | None:
    """A length typed in the field log, in millimetres; None when the entry marks it as missing."""
    entry = entry.strip()
    if entry in ("NA", ".", ""):
        return None
    if entry.endswith("cm"):
        return float(entry[:-2]) * 10
    if entry.endswith("mm"):
        return float(entry[:-2])
    return float(entry)
