"""Checks for ab-test stage 2: the six functions of checkout_analysis behave as the README's table
says, on event logs built by hand, and none changes the frame it is given."""

import numbers

import pytest
from event_logs import log, orders, sixty_and_sixty, table, ten_and_ten, views
from interval_checks import require_a_seeded_bootstrap
from scipy.stats import chi2_contingency

from kata.harness import call_learner, fail

GOOGLEBOT = "Googlebot/2.1 (+http://www.google.com/bot.html)"
ADVICE = (
    "Work on a copy (events.copy()) or build a new frame; step 2 says none may change its input."
)


def call(module, name, *args, given, **kwargs):
    return call_learner(module, name, *args, given=given, advice=ADVICE, **kwargs)


def test_load_events_parses_the_timestamps_as_utc(module, tmp_path):
    """load_events reads the log and parses its timestamps as UTC datetimes."""
    path = tmp_path / "three_events.csv"
    written = log(*views("control", 3))
    # Written as a collector in Berlin would (+01:00): the frame must hold them in UTC all the same.
    local = written["timestamp"].dt.tz_convert("Europe/Berlin")
    written.assign(timestamp=local.dt.strftime("%Y-%m-%dT%H:%M:%S+01:00")).to_csv(path, index=False)
    events = call(module, "load_events", str(path), given="the path of a three-row log")
    if "timestamp" not in events.columns:
        fail(f"load_events gave the columns {list(events.columns)}, with no timestamp.")
    stamps = events["timestamp"]
    if str(getattr(getattr(stamps, "dt", None), "tz", None)) != "UTC":
        fail(
            f"load_events gave a timestamp column of type {stamps.dtype}; it should hold UTC "
            "datetimes: pd.to_datetime(events['timestamp'], utc=True) (step 2)."
        )
    assert list(stamps) == list(written["timestamp"]), (
        f"load_events read the times {list(stamps)} from a file that says "
        f"{list(written['timestamp'])}."
    )


def test_remove_bots_finds_a_marker_anywhere_in_any_case(module):
    """remove_bots drops rows whose user agent contains a marker anywhere, ignoring case."""
    agents = [
        "Mozilla/5.0 (compatible; Googlebot/2.1)",
        "googlebot-image/1.0",
        "Safari/17.5 (iPhone)",
        "Chrome/126.0 (Windows)",
    ]
    events = log(*[row for agent in agents for row in views("control", 1, agent)])
    kept = call(module, "remove_bots", events, given="four checkout views, two by Googlebot")
    assert sorted(kept["user_agent"]) == sorted(agents[2:]), (
        f"remove_bots kept {sorted(kept['user_agent'])}; with its default marker 'Googlebot' it "
        f"should keep only {sorted(agents[2:])}. The marker can sit anywhere in the text and "
        "in any case (step 2)."
    )
    several = log(
        *views("control", 1, "AhrefsBot/7.0"),
        *views("control", 1, "python-requests/2.31.0"),
        *views("control", 1, "HeadlessChrome/126.0"),
        *views("control", 2, "ShopApp/5.2 (iOS)"),
    )
    kept = call(
        module, "remove_bots", several, markers=("bot", "python-requests"), given="five views"
    )
    assert sorted(kept["user_agent"]) == ["HeadlessChrome/126.0"] + ["ShopApp/5.2 (iOS)"] * 2, (
        f"remove_bots(events, markers=('bot', 'python-requests')) kept {list(kept['user_agent'])}; "
        "it should drop AhrefsBot and python-requests and keep the rest."
    )


def test_conversion_by_variant_counts_per_checkout_view(module):
    """conversion_by_variant gives views, orders, conversion, revenue and revenue per view."""
    found = call(module, "conversion_by_variant", ten_and_ten(), given="ten views per variant")
    expected = {
        "views": (10, 10),
        "orders": (2, 3),
        "conversion": (0.2, 0.3),
        "revenue_eur": (80.0, 60.0),
        "revenue_per_view_eur": (8.0, 6.0),
    }
    absent = [column for column in expected if column not in found.columns]
    assert not absent, f"conversion_by_variant gave no column {', '.join(absent)} (step 2)."
    if set(found.index) != {"control", "new_checkout"}:
        fail(f"conversion_by_variant's index is {list(found.index)}; it should be the variants.")
    wrong = [
        f"{column} {got} (expected {want})"
        for column, want in expected.items()
        if (got := tuple(float(found.loc[v, column]) for v in ("control", "new_checkout")))
        != pytest.approx(want)
    ]
    assert not wrong, (
        "On ten views per variant, control with orders of 30 and 50 EUR and new_checkout with three "
        f"of 20 EUR, conversion_by_variant gave (control, new_checkout): {'; '.join(wrong)}."
    )


def test_relative_uplift_divides_the_treatment_by_the_control(module):
    """relative_uplift is the treatment's conversion over the control's, minus 1."""
    given = table({"control": (10, 2), "new_checkout": (10, 3)})
    found = call(module, "relative_uplift", given, given="conversions of 0.2 and 0.3")
    if not isinstance(found, numbers.Real) or found != pytest.approx(0.5):
        fail(
            f"relative_uplift gave {found!r} for a control at 0.2 and a new checkout at 0.3; it "
            "should be the number 0.3 / 0.2 - 1 = 0.5."
        )
    swapped = call(
        module,
        "relative_uplift",
        given,
        control="new_checkout",
        treatment="control",
        given="the same table, with control and treatment named the other way round",
    )
    assert swapped == pytest.approx(0.2 / 0.3 - 1), (
        f"relative_uplift(table, control='new_checkout', treatment='control') gave {swapped!r}; "
        "it should use the variants it is told to use."
    )


@pytest.mark.parametrize("counts", [(10, 2, 10, 3), (400, 40, 420, 61)], ids=["tens", "hundreds"])
def test_chi_squared_p_value_is_scipys_with_the_continuity_correction(module, counts):
    """chi_squared_p_value is scipy's chi-squared p-value of orders against views without one."""
    v1, o1, v2, o2 = counts
    given = table({"control": (v1, o1), "new_checkout": (v2, o2)})
    found = call(module, "chi_squared_p_value", given, given=f"{o1}/{v1} against {o2}/{v2}")
    expected = chi2_contingency([[o1, v1 - o1], [o2, v2 - o2]])[1]
    if not isinstance(found, numbers.Real) or found != pytest.approx(expected):
        fail(
            f"For {o1} orders in {v1} views against {o2} in {v2}, chi_squared_p_value gave "
            f"{found!r}; scipy.stats.chi2_contingency([[{o1}, {v1 - o1}], [{o2}, {v2 - o2}]]) "
            f"gives {expected} (with its default continuity correction)."
        )


def test_bootstrap_uplift_interval_is_seeded_and_holds_the_estimate(module):
    """bootstrap_uplift_interval is repeatable with a seed, holds the estimate and follows level."""
    require_a_seeded_bootstrap(
        module,
        sixty_and_sixty(),
        "sixty views per variant, 12 and 15 orders",
        0.25,
        "15/60 over 12/60 minus 1",
    )


def test_no_function_changes_the_log_it_is_given(module):
    """remove_bots, conversion_by_variant and the bootstrap leave the frame they are given as it was."""
    # call() compares the frame in the learner's process before and after each call; the log has
    # a bot, so a filter that drops rows in place is seen.
    events = log(*views("control", 8), *orders("control", 30), *views("control", 2, GOOGLEBOT))
    given = "ten views, two of them by Googlebot, and an order"
    for name in ("remove_bots", "conversion_by_variant"):
        call(module, name, events, given=given)
    call(
        module,
        "bootstrap_uplift_interval",
        ten_and_ten(),
        resamples=3,
        given="ten views per variant",
    )
