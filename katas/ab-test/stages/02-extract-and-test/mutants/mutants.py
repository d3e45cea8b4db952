"""Slips in checkout_analysis's functions. Your unit tests must fail on every one.

Each mutant wraps your own function, found by name wherever you defined it, so it is the same slip
however you wrote the function. Your tests run without the golden master and without the data
folder: only tests on event logs you built by hand can catch these.
"""

import functools
import inspect

from kata.harness.mutants import Mutant
from kata.harness.slips import with_arguments


def _agents_without(events, markers, matches):
    agents = events["user_agent"].astype(str)
    bot = agents.map(lambda agent: any(matches(agent, marker) for marker in markers))
    return events[~bot.to_numpy()]


def _markers(remove_bots, args, kwargs):
    bound = inspect.signature(remove_bots).bind(*args, **kwargs)
    bound.apply_defaults()
    values = list(bound.arguments.values())
    return values[0], tuple(values[1])


def bots_matched_at_the_start(remove_bots):
    @functools.wraps(remove_bots)
    def broken(*args, **kwargs):
        events, markers = _markers(remove_bots, args, kwargs)
        return _agents_without(
            events, markers, lambda agent, marker: agent.lower().startswith(marker.lower())
        )

    return broken


def bots_matched_with_their_case(remove_bots):
    @functools.wraps(remove_bots)
    def broken(*args, **kwargs):
        events, markers = _markers(remove_bots, args, kwargs)
        return _agents_without(events, markers, lambda agent, marker: marker in agent)

    return broken


def orders_per_event(conversion_by_variant):
    @functools.wraps(conversion_by_variant)
    def broken(*args, **kwargs):
        table = conversion_by_variant(*args, **kwargs)
        if {"views", "orders", "conversion"} <= set(table.columns):
            table = table.copy()
            table["conversion"] = table["orders"] / (table["views"] + table["orders"])
        return table

    return broken


def revenue_per_order(conversion_by_variant):
    @functools.wraps(conversion_by_variant)
    def broken(*args, **kwargs):
        table = conversion_by_variant(*args, **kwargs)
        if {"orders", "revenue_eur", "revenue_per_view_eur"} <= set(table.columns):
            table = table.copy()
            table["revenue_per_view_eur"] = table["revenue_eur"] / table["orders"]
        return table

    return broken


def uplift_upside_down(relative_uplift):
    @functools.wraps(relative_uplift)
    def broken(*args, **kwargs):
        return 1 / (1 + relative_uplift(*args, **kwargs)) - 1

    return broken


def p_without_continuity_correction(chi_squared_p_value):
    @functools.wraps(chi_squared_p_value)
    def broken(table, *args, **kwargs):
        from scipy.stats import chi2_contingency

        counts = [
            [row.orders, row.views - row.orders] for row in table[["views", "orders"]].itertuples()
        ]
        return float(chi2_contingency(counts, correction=False)[1])

    return broken


def level_ignored(bootstrap_uplift_interval):
    return with_arguments(bootstrap_uplift_interval, level=lambda asked: 0.95)


MUTANTS = [
    Mutant(
        "bots-matched-at-the-start",
        "remove_bots drops a row only when its user agent starts with a marker, so "
        "'Mozilla/5.0 (compatible; Googlebot/2.1)' stays in.",
        function="remove_bots",
        wrap=bots_matched_at_the_start,
    ),
    Mutant(
        "bots-matched-with-their-case",
        "remove_bots compares case, so 'googlebot-image' and 'bingbot' slip past 'Googlebot' and 'Bot'.",
        function="remove_bots",
        wrap=bots_matched_with_their_case,
    ),
    Mutant(
        "orders-per-event",
        "conversion_by_variant divides orders by every event (views and orders), not by views.",
        function="conversion_by_variant",
        wrap=orders_per_event,
    ),
    Mutant(
        "revenue-per-order",
        "conversion_by_variant's revenue_per_view_eur is revenue per order (the average order "
        "value), not per checkout view.",
        function="conversion_by_variant",
        wrap=revenue_per_order,
    ),
    Mutant(
        "uplift-upside-down",
        "relative_uplift divides the control's conversion by the new checkout's: +50 % becomes -33 %.",
        function="relative_uplift",
        wrap=uplift_upside_down,
    ),
    Mutant(
        "p-without-continuity-correction",
        "chi_squared_p_value runs the test without Yates' continuity correction, so every p-value "
        "is a little smaller.",
        function="chi_squared_p_value",
        wrap=p_without_continuity_correction,
    ),
    Mutant(
        "level-ignored",
        "bootstrap_uplift_interval always gives the 95 % interval, whatever level it is asked for.",
        function="bootstrap_uplift_interval",
        wrap=level_ignored,
    ),
]
