"""Write the ab-test kata's synthetic checkout event log, with a known true effect.

    python katas/ab-test/generate_events.py            # rewrites data/checkout_events.csv
    python katas/ab-test/generate_events.py --out X.csv

The story: an online shop tests a new checkout page against the old one from Monday 2 March 2026,
planned for four weeks. Every user is assigned once, at random, to `control` or `new_checkout`.
Each visit to the checkout logs a `checkout_view`; a visit that ends in a purchase also logs an
`order` with its value. The analyst looked at a per-event test every evening and stopped the test
on the first evening it favoured the new checkout with p < 0.05 (`noor_readout.readout`); the log
ends there. So this script simulates the whole planned test, then applies that stopping rule and
keeps only what was logged until then.

What is true, by construction (the kata's guides compare the analyses with it):

- The new checkout raises each visit's chance of an order by TRUE_RELATIVE_UPLIFT (2 %), for every
  user alike. Order values do not change.
- Users differ a lot: each has a purchase propensity of their own, and users who come back more
  often tend to be the ones who buy. Events of one user are therefore not independent.

The quirks a real log has, each with its own cause:

- Repeat visits: most users come once, some again and again.
- Bots: a few crawlers and scripts load the checkout page dozens or hundreds of times, and never buy. Their
  user agents contain "bot", "python-requests" or "Headless".
- A day of duplicated events: on 11 March, the release day of a fix to the new checkout, its
  order confirmations were sent to the collector twice, so each such `order` row is stored twice,
  with the same `event_id`.

Nothing here reads the network or the clock; the same seed writes the same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from noor_readout import VARIANTS, readout

SEED = 18  # see data/README.md for why this one
START = pd.Timestamp("2026-03-02")  # a Monday
PLANNED_DAYS = 28
TRUE_RELATIVE_UPLIFT = 0.02
NEW_USERS_PER_DAY = 620  # weekdays; weekends bring 30 % more
MEAN_ORDER_CHANCE = 0.10  # per visit, in control, averaged over users
DUPLICATED_DAY = pd.Timestamp("2026-03-11")
ALPHA = 0.05  # the analyst's threshold, checked every evening

HUMAN_AGENTS = np.array(
    [
        "Chrome/126.0 (Windows)",
        "Chrome/126.0 (Android)",
        "Safari/17.5 (iPhone)",
        "Safari/17.5 (Mac)",
        "Firefox/127.0 (Windows)",
        "Edge/126.0 (Windows)",
        "ShopApp/5.2 (iOS)",
        "ShopApp/5.2 (Android)",
    ]
)
HUMAN_AGENT_SHARES = np.array([0.24, 0.2, 0.18, 0.08, 0.06, 0.06, 0.1, 0.08])
BOT_AGENTS = np.array(
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "bingbot/2.0 (+http://www.bing.com/bingbot.htm)",
        "AhrefsBot/7.0 (+http://ahrefs.com/robot/)",
        "python-requests/2.31.0",
        "HeadlessChrome/126.0 (Linux)",
    ]
)
BOTS = 14


def simulate(
    rng: np.random.Generator, start=START, days=PLANNED_DAYS, as_logged=lambda visits: visits
) -> pd.DataFrame:
    """Every event of a test of `days` days from `start`, humans and bots, in time order, before
    any stop. `as_logged` turns the visits that happened into the visits the collector received
    (the re-run's story loses some); ids are given after it, as the collector gives them."""
    humans = _human_visits(rng, start, days)
    bots = _bot_visits(rng, start, days)
    visits = pd.concat([humans, bots], ignore_index=True)
    visits = visits.sort_values(["timestamp", "user_id"], kind="stable").reset_index(drop=True)
    visits = as_logged(visits).reset_index(drop=True)
    visits["session_id"] = [f"s{number:06d}" for number in range(1, len(visits) + 1)]

    views = visits.assign(event="checkout_view", order_value_eur=np.nan)
    bought = visits[visits["buys"]]
    orders = bought.assign(
        event="order",
        timestamp=bought["timestamp"] + pd.to_timedelta(rng.integers(40, 600, len(bought)), "s"),
        order_value_eur=np.round(rng.lognormal(np.log(48.0), 0.55, len(bought)), 2),
    )
    events = pd.concat([views, orders], ignore_index=True)
    events = events.sort_values(["timestamp", "session_id"], kind="stable").reset_index(drop=True)
    events["event_id"] = np.arange(1, len(events) + 1)
    return events


def _human_visits(rng: np.random.Generator, start: pd.Timestamp, planned: int) -> pd.DataFrame:
    """One row per checkout visit of a human user, with whether it ends in an order."""
    days = np.arange(planned)
    weekend = (start + pd.to_timedelta(days, "D")).day_of_week >= 5
    arrivals = rng.poisson(NEW_USERS_PER_DAY * np.where(weekend, 1.3, 1.0))
    first_day = np.repeat(days, arrivals)
    users = len(first_day)
    variant = rng.integers(0, 2, users)
    # A propensity per user (mean MEAN_ORDER_CHANCE, very uneven), and more visits for keener users.
    propensity = rng.beta(0.6, 0.6 * (1 - MEAN_ORDER_CHANCE) / MEAN_ORDER_CHANCE, users)
    visits_per_user = 1 + rng.poisson(0.5 + 6.0 * propensity)
    user = np.repeat(np.arange(users), visits_per_user)
    gap_days = np.floor(rng.exponential(5.0, len(user))).astype(int)
    first_visit = np.r_[0, np.cumsum(visits_per_user)[:-1]]
    gap_days[first_visit] = 0
    day = first_day[user] + _cumulative_within(gap_days, visits_per_user)
    # Shoppers come mostly in the afternoon and evening; a few after midnight.
    seconds = np.mod(rng.normal(16 * 3600, 4 * 3600, len(user)), 86_400).astype(int)
    chance = propensity[user] * np.where(variant[user] == 1, 1 + TRUE_RELATIVE_UPLIFT, 1.0)
    agents = rng.choice(HUMAN_AGENTS, users, p=HUMAN_AGENT_SHARES)
    visits = pd.DataFrame(
        {
            "timestamp": start + pd.to_timedelta(day, "D") + pd.to_timedelta(seconds, "s"),
            "user_id": [f"u{number:05d}" for number in user + 1],
            "variant": np.array(VARIANTS)[variant[user]],
            "user_agent": agents[user],
            "buys": rng.random(len(user)) < chance,
            "day": day,
        }
    )
    return visits[visits["day"] < planned]


def _cumulative_within(values: np.ndarray, group_sizes: np.ndarray) -> np.ndarray:
    """The running sum of `values` restarted at each group (groups are consecutive)."""
    total = np.cumsum(values)
    starts = np.r_[0, np.cumsum(group_sizes)[:-1]]
    offsets = np.repeat(total[starts] - values[starts], group_sizes)
    return total - offsets


def _bot_visits(rng: np.random.Generator, start: pd.Timestamp, planned: int) -> pd.DataFrame:
    """Crawlers and scripts: 40 to 419 checkout views each over the test, no orders."""
    loads = rng.integers(40, 420, BOTS)
    bot = np.repeat(np.arange(BOTS), loads)
    day = rng.integers(0, planned, len(bot))
    seconds = rng.integers(0, 86_400, len(bot))
    return pd.DataFrame(
        {
            "timestamp": start + pd.to_timedelta(day, "D") + pd.to_timedelta(seconds, "s"),
            "user_id": [f"b{number:03d}" for number in bot + 1],
            "variant": np.array(VARIANTS)[rng.integers(0, 2, BOTS)][bot],
            "user_agent": BOT_AGENTS[rng.integers(0, len(BOT_AGENTS), BOTS)][bot],
            "buys": False,
            "day": day,
        }
    )


def logged_until_the_stop(events: pd.DataFrame) -> pd.DataFrame:
    """The log on the first evening the check favoured new_checkout with p < ALPHA (or at the end)."""
    events = _with_duplicated_orders(events)
    for day in range(1, PLANNED_DAYS + 1):
        so_far = events[events["timestamp"] < START + pd.Timedelta(days=day)]
        that_evening = readout(so_far)
        if that_evening["uplift"] > 0 and that_evening["p_value"] < ALPHA:
            return so_far
    return events


def _with_duplicated_orders(events: pd.DataFrame) -> pd.DataFrame:
    """The new checkout's order confirmations on DUPLICATED_DAY, stored twice (same event_id)."""
    twice = (
        (events["event"] == "order")
        & (events["variant"] == "new_checkout")
        & (events["timestamp"].dt.normalize() == DUPLICATED_DAY)
    )
    doubled = pd.concat([events, events[twice]])
    return doubled.sort_values(["timestamp", "event_id"], kind="stable").reset_index(drop=True)


def event_log(seed: int = SEED) -> pd.DataFrame:
    """The log the kata ships: its columns, in the order the collector writes them."""
    return as_exported(logged_until_the_stop(simulate(np.random.default_rng(seed))))


def as_exported(logged: pd.DataFrame) -> pd.DataFrame:
    """The columns of the warehouse's export, in the order the collector writes them."""
    return pd.DataFrame(
        {
            "event_id": logged["event_id"],
            "timestamp": logged["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "user_id": logged["user_id"],
            "session_id": logged["session_id"],
            "variant": logged["variant"],
            "event": logged["event"],
            "order_value_eur": logged["order_value_eur"],
            "user_agent": logged["user_agent"],
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent / "data" / "checkout_events.csv"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    arguments = parser.parse_args()
    event_log(arguments.seed).to_csv(arguments.out, index=False, float_format="%.2f")
    print(f"wrote {arguments.out}")


if __name__ == "__main__":
    main()
