"""Write the ab-test kata's second log: the re-run of the checkout test, as stage 6's plan asks.

    python katas/ab-test/generate_rerun.py            # rewrites data/rerun_events.csv
    python katas/ab-test/generate_rerun.py --out X.csv

The story: after the first test (generate_events.py), the team planned a re-run of 27 days, to
find +10 % with power 0.8 (8,767 users per variant at 336 a day). It ran from Monday 6 April 2026
to Saturday 2 May, with no early stop, and was exported on Sunday 3 May. The collector no longer
stores orders twice. The true effect is the same as in the first test: +2 % per visit.

What nobody noticed while it ran: on Wednesday 15 April the shop released version 5.3 of its iOS
app, and 5.3 crashed when it opened the new checkout, before the page could log its view. Every
iOS app visit to the new checkout from that day on is missing from the log, and could not end in
an order. The control's iOS app users are all there, so the new checkout has fewer users than the
design's 50/50 says it should: a sample-ratio mismatch. Everything else about the users, the bots
and the visits is simulated as in generate_events.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from generate_events import as_exported, simulate

RERUN_SEED = 10  # see data/README.md for why this one
RERUN_START = pd.Timestamp("2026-04-06")  # a Monday
RERUN_DAYS = 27
APP_RELEASE = pd.Timestamp("2026-04-15")
OLD_IOS_APP = "ShopApp/5.2 (iOS)"
NEW_IOS_APP = "ShopApp/5.3 (iOS)"


def as_logged(visits: pd.DataFrame) -> pd.DataFrame:
    """The visits the collector received: iOS app visits from the release on run 5.3, and those
    of them that opened the new checkout crashed before logging anything."""
    ios_app = visits["user_agent"] == OLD_IOS_APP
    updated = ios_app & (visits["timestamp"] >= APP_RELEASE)
    visits = visits.assign(user_agent=visits["user_agent"].where(~updated, NEW_IOS_APP))
    crashed = updated & (visits["variant"] == "new_checkout")
    return visits[~crashed]


def rerun_log(seed: int = RERUN_SEED) -> pd.DataFrame:
    """The re-run's log, as the warehouse exported it."""
    rng = np.random.default_rng(seed)
    return as_exported(simulate(rng, RERUN_START, RERUN_DAYS, as_logged))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent / "data" / "rerun_events.csv"
    )
    parser.add_argument("--seed", type=int, default=RERUN_SEED)
    arguments = parser.parse_args()
    rerun_log(arguments.seed).to_csv(arguments.out, index=False, float_format="%.2f")
    print(f"wrote {arguments.out}")


if __name__ == "__main__":
    main()
