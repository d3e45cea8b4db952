"""What the model is built from, by column name."""

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]
CATEGORIES = ["species", "sex"]
FEATURES = MEASUREMENTS + CATEGORIES
TARGET = "body_mass_g"
