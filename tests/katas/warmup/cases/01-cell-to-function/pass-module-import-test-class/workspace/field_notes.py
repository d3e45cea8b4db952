"""Cleaning helpers for the penguin field log."""

UNIT_FACTORS = {"cm": 10.0, "mm": 1.0}
MISSING = ("NA", ".", "")


def parse_length_mm(entry: str) -> float | None:
    """A length typed in the field log, in millimetres; None when the entry marks it as missing."""
    cleaned = entry.strip()
    if cleaned in MISSING:
        return None
    for unit, factor in UNIT_FACTORS.items():
        if cleaned.endswith(unit):
            return float(cleaned[: -len(unit)]) * factor
    return float(cleaned)
