"""Colours and labels shared by the report's figures. Plain values, no imports."""

SPECIES_COLOURS = {"Adelie": "tab:orange", "Chinstrap": "tab:purple", "Gentoo": "tab:cyan"}
LABELS = {
    "flipper_length_mm": "flipper length (mm)",
    "bill_length_mm": "bill length (mm)",
    "bill_depth_mm": "bill depth (mm)",
}
