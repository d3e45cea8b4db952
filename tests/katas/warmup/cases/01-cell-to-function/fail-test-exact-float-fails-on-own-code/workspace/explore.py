# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Flipper lengths from the field log
#
# The field team types flipper lengths into a shared sheet. Most entries are in millimetres,
# some people wrote centimetres, and missing measurements show up as `NA`, `.` or nothing.
# I need them all in millimetres before I can compare colonies.

# %%
import pandas as pd
from field_notes import parse_length_mm

log = pd.DataFrame(
    {
        "colony": ["Biscoe", "Biscoe", "Dream", "Dream", "Torgersen", "Torgersen", "Dream"],
        "flipper": ["181", "186 mm", "NA", "19.5 cm", ".", " 193 ", ""],
    }
)
log

# %%
# clean up the flipper column -> millimetres, None when missing
log["flipper_mm"] = log["flipper"].map(parse_length_mm)
log

# %%
log.groupby("colony")["flipper_mm"].mean().round(1)
