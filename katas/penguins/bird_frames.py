"""Birds built by hand for the checks of several stages: small frames whose every value is known.

Stage 3 calls the cleaning functions on a few rows laid out like the LTER export (`raw_export`) and
the later steps on birds as `clean_penguins` returns them (`clean_birds`, `many_birds`); stage 5
fits models on noisy birds whose masses follow a known formula (`noisy_birds`, `birds_with_gaps`).
`call` gives them to a function of the learner's penguin_mass.
"""

import numpy as np
import pandas as pd

from kata.harness import call_learner

RAW_COLUMNS = [
    "studyName", "Sample Number", "Species", "Region", "Island", "Stage", "Individual ID",
    "Clutch Completion", "Date Egg", "Culmen Length (mm)", "Culmen Depth (mm)",
    "Flipper Length (mm)", "Body Mass (g)", "Sex", "Delta 15 N (o/oo)", "Delta 13 C (o/oo)",
    "Comments",
]  # fmt: skip
CLEAN_COLUMNS = {
    "species", "island", "sex", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
    "body_mass_g", "delta_15n", "delta_13c",
}  # fmt: skip
MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]
SPECIES = ["Adelie", "Chinstrap", "Gentoo"]
EXPORT_SPECIES = {
    "Adelie": "Adelie Penguin (Pygoscelis adeliae)",
    "Chinstrap": "Chinstrap penguin (Pygoscelis antarctica)",
    "Gentoo": "Gentoo penguin (Pygoscelis papua)",
}


def raw_export():
    """Four birds laid out like the LTER export; the third was never measured."""
    birds = [
        ("Adelie", "Torgersen", "MALE", 39.1, 18.7, 181.0, 3750.0, 8.9, -24.7),
        ("Gentoo", "Biscoe", "FEMALE", 46.1, 13.2, 211.0, 4500.0, 7.9, -25.4),
        ("Adelie", "Torgersen", None, None, None, None, None, None, None),
        ("Chinstrap", "Dream", None, 49.5, 19.0, 200.0, 3800.0, 9.6, None),
    ]
    rows = []
    for number, (species, island, sex, length, depth, flipper, mass, n15, c13) in enumerate(
        birds, 1
    ):
        rows.append(
            ["PAL0708", number, EXPORT_SPECIES[species], "Anvers", island, "Adult, 1 Egg Stage",
             f"N{number}A1", "Yes", "2007-11-11", length, depth, flipper, mass, sex, n15, c13,
             None]
        )  # fmt: skip
    return pd.DataFrame(rows, columns=RAW_COLUMNS, index=[10, 11, 12, 13])


def clean_birds():
    """Five birds as clean_penguins returns them: three females, one male, one of unknown sex."""
    return pd.DataFrame(
        {
            "species": ["Adelie", "Adelie", "Gentoo", "Gentoo", "Chinstrap"],
            "island": ["Dream", "Torgersen", "Biscoe", "Biscoe", "Dream"],
            "sex": ["female", "male", "female", None, "female"],
            "bill_length_mm": [38.0, 41.0, 46.0, 50.0, 49.0],
            "bill_depth_mm": [17.0, 19.0, 14.0, 15.5, 18.5],
            "flipper_length_mm": [185.0, 195.0, 212.0, 225.0, 199.0],
            "body_mass_g": [3400.0, 4000.0, 4800.0, 5600.0, 3700.0],
            "delta_15n": [8.0, 9.0, np.nan, 10.0, 30.0],
            "delta_13c": [-25.0, np.nan, -26.0, -24.0, -20.0],
        },
        index=[3, 5, 8, 13, 21],
    )


def many_birds(n):
    """n complete birds with distinct masses, for the split."""
    return pd.DataFrame(
        {
            "species": [SPECIES[i % 3] for i in range(n)],
            "island": ["Dream"] * n,
            "sex": ["female", "male"] * (n // 2) + ["female"] * (n % 2),
            "bill_length_mm": np.linspace(35, 55, n),
            "bill_depth_mm": np.linspace(13, 21, n),
            "flipper_length_mm": np.linspace(180, 230, n),
            "body_mass_g": 3000.0 + 10.0 * np.arange(n),
            "delta_15n": np.linspace(7.5, 10, n),
            "delta_13c": np.linspace(-27, -23.5, n),
        },
        index=100 + np.arange(n),
    )


def noisy_birds(n, seed=0):
    """n clean birds (the nine columns of clean_penguins), species in turn, masses with noise."""
    rng = np.random.default_rng(seed)
    species = [SPECIES[i % 3] for i in range(n)]
    sex = ["male" if i % 5 in (0, 2, 3) else "female" for i in range(n)]
    flipper = rng.uniform(180, 230, n)
    bill_length = rng.uniform(35, 55, n)
    bill_depth = rng.uniform(13, 21, n)
    n15 = rng.uniform(7.5, 10, n)
    c13 = rng.uniform(-27, -23.5, n)
    mass = (
        40 * (flipper - 200)
        + 25 * bill_length
        + 60 * bill_depth
        + np.where(np.array(sex) == "male", 350, 0)
        + np.array([{"Adelie": 0, "Chinstrap": -150, "Gentoo": 700}[s] for s in species])
        + rng.normal(0, 120, n)
        + 2500
    )
    return pd.DataFrame(
        {
            "species": species,
            "island": ["Dream"] * n,
            "sex": sex,
            "bill_length_mm": bill_length.round(1),
            "bill_depth_mm": bill_depth.round(1),
            "flipper_length_mm": flipper.round(0),
            "body_mass_g": mass.round(0),
            "delta_15n": n15.round(3),
            "delta_13c": c13.round(3),
        },
        index=200 + 3 * np.arange(n),
    )


def birds_with_gaps(n=24, seed=1):
    """Birds whose measurements have gaps, with one far-off value per column, so mean != median."""
    frame = noisy_birds(n, seed)
    for step, column in enumerate(MEASUREMENTS):
        frame.loc[frame.index[step + 1], column] = frame[column].max() * 1.5
        frame.loc[frame.index[step * 3 + 2], column] = np.nan
    frame.loc[frame.index[[4, 11]], "sex"] = None
    return frame


def call(module, name, *args, **kwargs):
    """penguin_mass.<name>(*args, **kwargs), or a readable failure: no such function, it crashed,
    or it wrote into the frame it was given."""
    return call_learner(
        module,
        name,
        *args,
        given="a small frame of birds built by the check (the columns of clean_penguins)",
        advice="Work on a copy (frame.copy(), assign, rename, frame[FEATURES]) and return a new "
        "frame or model; never write into the caller's frame.",
        **kwargs,
    )
