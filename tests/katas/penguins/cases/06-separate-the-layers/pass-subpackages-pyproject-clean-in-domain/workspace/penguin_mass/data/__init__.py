"""The data layer: where the birds come from."""

from penguin_mass.data.export import read_penguins, read_raw

__all__ = ["read_penguins", "read_raw"]
