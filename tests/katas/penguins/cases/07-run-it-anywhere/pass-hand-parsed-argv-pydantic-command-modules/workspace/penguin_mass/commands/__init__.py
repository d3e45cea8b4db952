"""One module per command of python -m penguin_mass."""
