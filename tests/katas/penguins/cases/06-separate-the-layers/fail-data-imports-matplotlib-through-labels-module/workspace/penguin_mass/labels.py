"""Human names and colours for the columns and species, shared by reading and drawing."""

from matplotlib import colormaps

COLUMN_LABELS = {
    "flipper_length_mm": "flipper length (mm)",
    "bill_length_mm": "bill length (mm)",
    "bill_depth_mm": "bill depth (mm)",
    "body_mass_g": "body mass (g)",
}
SPECIES = ["Adelie", "Chinstrap", "Gentoo"]
SPECIES_COLOURS = dict(zip(SPECIES, colormaps["tab10"].colors, strict=False))
