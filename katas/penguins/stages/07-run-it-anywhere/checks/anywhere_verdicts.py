"""How the stage 7 checks judge a run: the numbers it must give, and the comparers.

The numbers a training run on the full export gives with each way of setting it (`Expected`: the
defaults, a profile, --set flags, a mix of sources), their comparison with what a run recorded,
the test for a skops file, the verdict on a run that bad input must stop (`stopped_cleanly`), and
the tail of a long output for a failure message.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from anywhere_inputs import PREDICTIONS, BadInput
from anywhere_readers import read_predictions
from anywhere_runs import TIMEOUT, Session

from kata.harness import fail


@dataclass(frozen=True)
class Expected:
    """What a training run on the full export gives with these settings (stage 5's pipeline)."""

    alpha: float
    seed: int
    test_fraction: float
    folds: int
    train_rows: int
    test_rows: int
    ridge_mae_g: float
    cv_mae_g: float
    more: dict = field(default_factory=dict)


AS_DEFAULTS = Expected(1.0, 42, 0.2, 5, 274, 68, 238.25214393676032, 229.84949397510672,
                       {"rows": 342, "ridge_rmse_g": 310.71603920741984,
                        "ridge_r2": 0.8796295919170664, "baseline_mae_g": 451.358852853404})  # fmt: skip
AS_PROFILE = Expected(10.0, 7, 0.25, 4, 257, 85, 264.098483319333, 234.68311496144665)
AS_FLAGS = Expected(0.1, 3, 0.2, 5, 274, 68, 197.0891848487811, 229.74289154992522)
AS_MIXED = Expected(0.1, 3, 0.25, 4, 257, 85, 218.20020945138938, 233.32075280953202)


def compare(metrics: dict, expected: Expected, folder: str, how: str) -> None:
    """The settings a run recorded and the numbers it got, against what `how` should give."""
    used = metrics.get("settings") if isinstance(metrics.get("settings"), dict) else {}
    wrong = [
        f"{name} {used.get(name)!r} (expected {want!r})"
        for name, want in (("alpha", expected.alpha), ("seed", expected.seed),
                           ("test_fraction", expected.test_fraction), ("folds", expected.folds))
        if not _same(used.get(name), want)
    ]  # fmt: skip
    numbers = {"train_rows": expected.train_rows, "test_rows": expected.test_rows,
               "ridge_mae_g": expected.ridge_mae_g, "cv_mae_g": expected.cv_mae_g,
               **expected.more}  # fmt: skip
    off = [
        f"{key} {metrics.get(key)!r} (expected {want!r})"
        for key, want in numbers.items()
        if not _same(metrics.get(key), want)
    ]
    if wrong:
        fail(
            f"With {how}, {folder}/metrics.json records the settings {'; '.join(wrong)}. "
            "Which source won? The README's precedence, lowest first: [defaults], the profile, "
            "PENGUIN_MASS_ variables, --set flags."
        )
    if off:
        fail(
            f"With {how}, {folder}/metrics.json records the right settings but {'; '.join(off)}. "
            "Do the settings reach split_train_test, fit_model and cross_validated_mae?"
        )


def is_skops_file(path: Path) -> bool:
    """A skops file is a zip archive with a schema.json."""
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return "schema.json" in archive.namelist()


def _same(found, want) -> bool:
    try:
        return abs(float(found) - float(want)) <= 1e-6 * max(1.0, abs(float(want)))
    except (TypeError, ValueError):
        return False


def stopped_cleanly(session: Session, case: BadInput) -> None:
    """The run for `case` exited with its code, said one line naming the problem, wrote nothing."""
    run = session.runs[case.id]
    problems = []
    if run.timed_out:
        fail(f"`{run.command}` ({case.what}) did not finish within {TIMEOUT} s.")
    if run.code != case.code:
        meaning = "bad settings or usage" if case.code == 2 else "bad data"
        problems.append(f"exited with {run.code}, expected {case.code} ({meaning})")
    if "Traceback (most recent call last)" in run.stderr:
        problems.append(f"printed a traceback ending in: {run.last_words(1)}")
    elif len(run.lines()) != 1:
        problems.append(
            f"printed {len(run.lines())} lines on stderr, expected one: {run.last_words()}"
        )
    elif not any(name.lower() in run.lines()[0].lower() for name in case.names):
        problems.append(f"said {run.lines()[0].strip()!r}, which does not name {case.names[0]!r}")
    before, after = session.before[case.id], session.after[case.id]
    added = sorted(set(after) - set(before))
    changed = sorted(name for name in before if name in after and before[name] != after[name])
    removed = sorted(set(before) - set(after))
    for label, names in (("created", added), ("changed", changed), ("removed", removed)):
        if names:
            problems.append(f"{label} {', '.join(names)}")
    if problems:
        fail(f"`{run.command}` ({case.what}): " + "; ".join(problems) + ".")


def refused_untrusted_model(session: Session) -> None:
    """evaluate, with outputs/model.skops replaced by one holding json.dumps, refused it in one line."""
    run = session.runs["untrusted"]
    if session.runs["tampered-model"].code != 0:
        fail(
            f"The checks could not build a model file to try: {session.runs['tampered-model'].last_words()}"
        )
    problems = []
    if run.code == 0:
        problems.append("exited with 0: it loaded and used the file")
    if "Traceback (most recent call last)" in run.stderr:
        problems.append(f"printed a traceback ending in: {run.last_words(1)}")
    elif len(run.lines()) != 1 or "json.dumps" not in run.lines()[0]:
        problems.append(f"said {run.last_words()!r}, expected one line naming json.dumps")
    assert not problems, (
        "With outputs/model.skops replaced by a skops file holding json.dumps (a function skops does "
        f"not trust), `{run.command}` " + "; ".join(problems) + ". Compare "
        "skops.io.get_untrusted_types(file=path) with your own allow-list before skops.io.load."
    )


def left_the_unmeasured_bird_empty(session: Session) -> None:
    """predict, on four birds (the second never measured, the fourth without its flipper length),
    left only the second's mass empty."""
    run = session.runs["predict-unmeasured"]
    assert run.code == 0, (
        f"predict stopped (exit {run.code}) on four birds, the second never measured: "
        f"{run.last_words()}. Such a bird is an ordinary row of a field export, not a mistake "
        "in it: leave its mass empty and predict the others."
    )
    found = read_predictions(run, "unmeasured")
    assert len(found) == 4, f"predict wrote {len(found)} rows for 4 birds; expected one per bird."
    assert found[1] is None, (
        f"predict wrote {found[1]:.0f} g for line 3 of its input, a bird with no culmen length, "
        "culmen depth or flipper length (the export's 'Adult not sampled'). The model filled all "
        "three from the training birds and gave a mass that knows only species and sex; leave that "
        "bird's prediction empty and predict the others."
    )
    assert [found[0], found[2]] == pytest.approx(PREDICTIONS[:2], abs=1.0), (
        f"predict wrote {found[:3]} for the first three birds; the two measured ones should get "
        f"{[round(value) for value in PREDICTIONS[:2]]} g, as they do in a file of their own."
    )
    assert found[3] is not None, (
        "predict left line 5 of its input empty: a bird whose flipper length alone is missing. "
        "With one or two of the three measurements the model fills the gap, as in training; only "
        "a bird with none of them gets no mass."
    )
