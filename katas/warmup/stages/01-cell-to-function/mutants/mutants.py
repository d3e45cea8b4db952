"""Realistic slips in parse_length_mm. Your tests must fail on each of them.

Each slip is placed around your own parse_length_mm, wherever your code defines it: the checks
call your function and then get one kind of entry wrong, so the slip is the same whatever your
function looks like inside.
"""

import functools

from kata.harness.mutants import Mutant


def _text(entry):
    return str(entry).strip()


def centimetres_not_converted(parse_length_mm):
    @functools.wraps(parse_length_mm)
    def broken(entry):
        length = parse_length_mm(entry)
        if length is not None and _text(entry).endswith("cm"):
            return length / 10  # the number as it was typed, in centimetres
        return length

    return broken


def missing_becomes_zero(parse_length_mm):
    @functools.wraps(parse_length_mm)
    def broken(entry):
        length = parse_length_mm(entry)
        return 0.0 if length is None else length

    return broken


def dot_not_recognised(parse_length_mm):
    @functools.wraps(parse_length_mm)
    def broken(entry):
        if _text(entry) == ".":
            return float(".")  # ValueError, as a parser that forgot the marker would raise
        return parse_length_mm(entry)

    return broken


def millimetres_suffix_kept(parse_length_mm):
    @functools.wraps(parse_length_mm)
    def broken(entry):
        if _text(entry).endswith("mm"):
            return float(_text(entry))  # ValueError: the unit was never cut off
        return parse_length_mm(entry)

    return broken


MUTANTS = [
    Mutant(
        "centimetres-not-converted",
        "Entries in centimetres are returned as they are, so 19.5 cm becomes 19.5 mm.",
        function="parse_length_mm",
        wrap=centimetres_not_converted,
    ),
    Mutant(
        "missing-becomes-zero",
        "Missing entries come back as 0.0 instead of None, which drags every average down.",
        function="parse_length_mm",
        wrap=missing_becomes_zero,
    ),
    Mutant(
        "dot-not-recognised",
        "The '.' marker is no longer treated as missing, so a log with a '.' entry crashes.",
        function="parse_length_mm",
        wrap=dot_not_recognised,
    ),
    Mutant(
        "millimetres-suffix-kept",
        "The 'mm' is not cut off an entry such as '186 mm', so reading it crashes.",
        function="parse_length_mm",
        wrap=millimetres_suffix_kept,
    ),
]
