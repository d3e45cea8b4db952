"""Helpers for the field log of flipper lengths."""

import warnings


def parse_length_mm(entry: str) -> float | None:
    """A length typed in the field log, in millimetres; None when the entry marks it as missing."""
    entry = entry.strip()
    if entry == ".":
        warnings.warn(
            "'.' for a missing length is deprecated; type NA", DeprecationWarning, stacklevel=2
        )
        return None
    if entry in ("NA", ""):
        return None
    if entry.endswith("cm"):
        warnings.warn(
            "centimetres will not be accepted next season; type millimetres",
            FutureWarning,
            stacklevel=2,
        )
        return float(entry[:-2]) * 10
    if entry.endswith("mm"):
        return float(entry[:-2])
    return float(entry)
