def parse_length_mm(entry: str) -> float | None:
    """A length typed in the field log, in millimetres; None when the entry marks it as missing."""
    text = entry.strip()
    match text:
        case "NA" | "." | "":
            return None
        case _ if text.endswith("cm"):
            return float(text.removesuffix("cm")) * 10
        case _:
            return float(text.removesuffix("mm"))
