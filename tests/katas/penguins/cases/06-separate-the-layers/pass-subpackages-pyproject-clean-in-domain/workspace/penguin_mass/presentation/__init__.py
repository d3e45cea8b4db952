"""The presentation layer: figures for the report."""

from penguin_mass.presentation.figures import measured_vs_predicted, size_vs_mass

__all__ = ["measured_vs_predicted", "size_vs_mass"]
