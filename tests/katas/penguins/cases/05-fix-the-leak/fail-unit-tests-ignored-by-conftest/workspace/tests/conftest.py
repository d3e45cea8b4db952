# the unit tests are slow to write against the new pipeline; skip them for now
collect_ignore = ["test_penguin_mass.py"]
