from field_notes import parse_length_mm


def test_parses_the_whole_log_without_crashing():
    for entry in ["181", "186 mm", "NA", "19.5 cm", ".", " 193 ", ""]:
        parse_length_mm(entry)
