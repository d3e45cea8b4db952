"""The per-user readout of the clean log, as stage 3 asks for it: the checks' reference.

Every bot out, each event once, one row per user; conversion is converters per user, tested with
scipy's chi-squared test (default continuity correction) on users. Written plainly and apart from
any solution, so that a learner's notebook is compared with what the README says, not with how the
reference solution happens to compute it.
"""

from __future__ import annotations

import pandas as pd
from noor_readout import VARIANTS
from scipy.stats import chi2_contingency
from statsmodels.stats.proportion import confint_proportions_2indep

BOT_MARKERS = ("bot", "python-requests", "headless")


def clean(events: pd.DataFrame) -> pd.DataFrame:
    """The log without bots (any marker, anywhere, any case) and with each event_id once."""
    agents = events["user_agent"].str.lower()
    bot = pd.Series(False, index=events.index)
    for marker in BOT_MARKERS:
        bot |= agents.str.contains(marker, regex=False)
    return events[~bot].drop_duplicates("event_id")


def readout(events: pd.DataFrame) -> dict:
    """Users, converters, conversion per user, uplift, p-value and revenue per user."""
    kept = clean(events)
    users = kept.groupby("variant")["user_id"].nunique()
    buyers = kept[kept["event"] == "order"].groupby("variant")["user_id"].nunique()
    revenue = kept[kept["event"] == "order"].groupby("variant")["order_value_eur"].sum()
    conversion = buyers / users
    table = [[buyers[name], users[name] - buyers[name]] for name in VARIANTS]
    return {
        "users": {name: int(users[name]) for name in VARIANTS},
        "converters": {name: int(buyers[name]) for name in VARIANTS},
        "conversion": {name: float(conversion[name]) for name in VARIANTS},
        "uplift": float(conversion["new_checkout"] / conversion["control"] - 1),
        "p_value": float(chi2_contingency(table)[1]),
        "revenue_per_user_eur": {name: float(revenue[name] / users[name]) for name in VARIANTS},
    }


def normal_intervals(readout: dict) -> dict:
    """Stage 4's additions to a readout: the difference in conversion, its Wald interval and the
    normal interval of the relative uplift on the log scale (level 0.95, statsmodels computes both)."""
    (u1, c1), (u0, c0) = (
        (readout["users"][name], readout["converters"][name]) for name in reversed(VARIANTS)
    )
    difference = confint_proportions_2indep(c1, u1, c0, u0, method="wald", compare="diff")
    ratio = confint_proportions_2indep(c1, u1, c0, u0, method="log", compare="ratio")
    return {
        "difference": c1 / u1 - c0 / u0,
        "difference_ci": [float(end) for end in difference],
        "uplift_ci_normal": [float(end) - 1 for end in ratio],
    }


def outside_ios_app(events: pd.DataFrame) -> pd.DataFrame:
    """The log without any event of a user who used the iOS app (ShopApp/... (iOS)) on any visit:
    the users stage 7 reads out of the re-run, whose app version 5.3 lost the new checkout's."""
    agents = events["user_agent"]
    app = agents.str.startswith("ShopApp/") & agents.str.endswith("(iOS)")
    return events[~events["user_id"].isin(events.loc[app, "user_id"])]


def users_per_variant(events: pd.DataFrame) -> dict[str, int]:
    """The users of each variant in the clean log (bots out, each event once)."""
    users = clean(events).groupby("variant")["user_id"].nunique()
    return {name: int(users[name]) for name in VARIANTS}
