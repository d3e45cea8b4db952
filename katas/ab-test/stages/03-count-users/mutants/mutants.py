"""Slips in the cleaning and per-user functions of checkout_analysis. Your unit tests must fail on
every one.

Each mutant wraps your own function, found by name wherever you defined it, so it is the same slip
however you wrote the function. Your tests run without the golden master and without the data
folder: only tests on logs you built by hand can catch these.
"""

import functools

from kata.harness.mutants import Mutant
from kata.harness.slips import with_arguments


def scripts_forgotten(remove_bots):
    return with_arguments(
        remove_bots,
        markers=lambda given: tuple(marker for marker in given if "requests" not in marker.lower()),
    )


def _replaced_by(function, replacement):
    @functools.wraps(function)
    def broken(events, *args, **kwargs):
        return replacement(events)

    return broken


def both_copies_dropped(drop_duplicate_events):
    return _replaced_by(
        drop_duplicate_events, lambda events: events[~events["event_id"].duplicated(keep=False)]
    )


def one_event_per_user_and_kind(drop_duplicate_events):
    return _replaced_by(
        drop_duplicate_events, lambda events: events.drop_duplicates(["user_id", "event"])
    )


def _with_column(function, needed, column, value):
    """`function`'s frame with `column` set to `value(frame)`, when it has the `needed` columns."""

    @functools.wraps(function)
    def broken(*args, **kwargs):
        frame = function(*args, **kwargs)
        if needed <= set(frame.columns):
            frame = frame.copy()
            frame[column] = value(frame)
        return frame

    return broken


def converted_once_per_order(users_table):
    return _with_column(users_table, {"orders", "converted"}, "converted", lambda f: f["orders"])


def views_from_every_event(users_table):
    return _with_column(
        users_table, {"views", "orders"}, "views", lambda f: f["views"] + f["orders"]
    )


def conversion_per_view(user_conversion_by_variant):
    @functools.wraps(user_conversion_by_variant)
    def broken(users, *args, **kwargs):
        table = user_conversion_by_variant(users, *args, **kwargs)
        if "views" in users.columns and {"converters", "conversion"} <= set(table.columns):
            table = table.copy()
            table["conversion"] = table["converters"] / users.groupby("variant")["views"].sum()
        return table

    return broken


def revenue_per_converter(user_conversion_by_variant):
    return _with_column(
        user_conversion_by_variant,
        {"converters", "revenue_eur", "revenue_per_user_eur"},
        "revenue_per_user_eur",
        lambda f: f["revenue_eur"] / f["converters"],
    )


def p_without_continuity_correction(per_user_p_value):
    @functools.wraps(per_user_p_value)
    def broken(table, control="control", treatment="new_checkout"):
        from scipy.stats import chi2_contingency

        counts = [
            [
                table.loc[name, "converters"],
                table.loc[name, "users"] - table.loc[name, "converters"],
            ]
            for name in (control, treatment)
        ]
        return float(chi2_contingency(counts, correction=False)[1])

    return broken


MUTANTS = [
    Mutant(
        "scripts-forgotten",
        "remove_bots leaves 'python-requests' out of its markers, so scripts that load the "
        "checkout stay in the log.",
        function="remove_bots",
        wrap=scripts_forgotten,
    ),
    Mutant(
        "both-copies-dropped",
        "drop_duplicate_events drops every copy of a repeated event_id, so an order stored twice "
        "is lost instead of counted once.",
        function="drop_duplicate_events",
        wrap=both_copies_dropped,
    ),
    Mutant(
        "one-event-per-user-and-kind",
        "drop_duplicate_events keeps one row per user and kind of event, so a user's return "
        "visits and second orders disappear.",
        function="drop_duplicate_events",
        wrap=one_event_per_user_and_kind,
    ),
    Mutant(
        "converted-once-per-order",
        "users_table's converted holds the user's number of orders, so a user who ordered twice "
        "counts as two converters.",
        function="users_table",
        wrap=converted_once_per_order,
    ),
    Mutant(
        "views-from-every-event",
        "users_table counts every event of a user as a view, orders included.",
        function="users_table",
        wrap=views_from_every_event,
    ),
    Mutant(
        "conversion-per-view",
        "user_conversion_by_variant divides converters by the variant's checkout views, not by "
        "its users.",
        function="user_conversion_by_variant",
        wrap=conversion_per_view,
    ),
    Mutant(
        "revenue-per-converter",
        "user_conversion_by_variant's revenue_per_user_eur is revenue per converter, not per user.",
        function="user_conversion_by_variant",
        wrap=revenue_per_converter,
    ),
    Mutant(
        "p-without-continuity-correction",
        "per_user_p_value runs the test without Yates' continuity correction, so every p-value "
        "is a little smaller.",
        function="per_user_p_value",
        wrap=p_without_continuity_correction,
    ),
]
