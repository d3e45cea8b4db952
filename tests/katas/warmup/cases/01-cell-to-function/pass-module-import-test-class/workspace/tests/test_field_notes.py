import math

import field_notes


class TestParseLengthMm:
    def test_bare_number(self):
        assert math.isclose(field_notes.parse_length_mm("181"), 181.0)

    def test_with_millimetres(self):
        assert math.isclose(field_notes.parse_length_mm("186 mm"), 186.0)

    def test_with_centimetres(self):
        assert math.isclose(field_notes.parse_length_mm("19.5 cm"), 195.0)
        assert math.isclose(field_notes.parse_length_mm("21.3cm"), 213.0)

    def test_surrounding_spaces(self):
        assert math.isclose(field_notes.parse_length_mm("  193 "), 193.0)

    def test_every_missing_marker(self):
        for marker in ("NA", ".", ""):
            assert field_notes.parse_length_mm(marker) is None, marker
