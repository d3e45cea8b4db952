"""The command line: python -m penguin_mass train|promote|evaluate|predict [options].

Exit codes: 0 done; 1 refused or failed: the gate, the tracking store (unreachable, no such run,
no champion yet), a model that is not trusted, an output that cannot be written; 2 bad settings
or usage; 3 bad data. Every error is one line on stderr, starting with "error:".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from penguin_mass import workflow
from penguin_mass.config import FIELDS, ConfigError, load_settings, parse_overrides
from penguin_mass.storage import ModelFileError
from penguin_mass.tracking import TrackingError
from penguin_mass.validation import DataError

EXIT_FAILED, EXIT_USAGE, EXIT_DATA = 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is a ConfigError (one line) instead of usage text and exit."""

    def error(self, message: str):
        raise ConfigError(f"{message} (python -m penguin_mass --help shows the usage)")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--profile", metavar="NAME", help="a [profiles.NAME] table of penguin_mass.toml"
    )
    common.add_argument(
        "--set",
        metavar="FIELD=VALUE",
        action="append",
        default=[],
        dest="overrides",
        help=f"override one setting; repeatable. Fields: {', '.join(FIELDS)}",
    )
    parser = _Parser(prog="python -m penguin_mass", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "train",
        parents=[common],
        help="fit, score, record the run and its model in the tracking store, write metrics.json",
    )
    promote = commands.add_parser(
        "promote",
        parents=[common],
        help="make a run's model the champion, if it passes max_cv_mae_g and beats the champion",
    )
    promote.add_argument(
        "--run-id", metavar="ID", help="the run to promote (default: the best by cv_mae_g)"
    )
    promote.add_argument(
        "--replace-better",
        action="store_true",
        help="replace the champion even if its cv_mae_g is lower (needs --reason)",
    )
    promote.add_argument("--reason", default="", help="why; kept on the new champion's version")
    commands.add_parser(
        "evaluate", parents=[common], help="print the champion's scores on the held-out birds"
    )
    predict = commands.add_parser(
        "predict", parents=[common], help="estimate the body mass of the birds in a CSV file"
    )
    predict.add_argument("--input", required=True, type=Path, metavar="CSV")
    predict.add_argument("--output", required=True, type=Path, metavar="CSV")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        settings = load_settings(args.profile, parse_overrides(args.overrides))
        if args.command == "train":
            done = workflow.train(settings)
            print(
                f"trained on {done['train_rows']} birds: test MAE {done['ridge_mae_g']:.0f} g, "
                f"cross-validated MAE {done['cv_mae_g']:.0f} g; run {done['run_id']} is "
                f"{settings.model_name} version {done['model_version']} at "
                f"{settings.tracking_uri}; wrote {settings.output_dir / workflow.METRICS_FILE}"
            )
        elif args.command == "promote":
            done = workflow.promote(settings, args.run_id, args.replace_better, args.reason)
            print(
                f"{settings.model_name} version {done.model_version} (run {done.run_id}, cv_mae_g "
                f"{done.cv_mae_g:.1f} g <= {settings.max_cv_mae_g:g} g) "
                + ("was the champion already" if done.already else "is the champion")
                + (f", replacing {done.replaced}" if done.replaced else "")
            )
        elif args.command == "evaluate":
            print(json.dumps(workflow.evaluate(settings), indent=2))
        else:
            predictions = workflow.predict(settings, args.input, args.output)
            print(_predicted(predictions[workflow.PREDICTION], args.output))
    except ConfigError as error:
        return _error(error, EXIT_USAGE)
    except DataError as error:
        return _error(error, EXIT_DATA)
    except (TrackingError, ModelFileError) as error:
        return _error(error, EXIT_FAILED)
    except OSError as error:  # an output folder that cannot be written, a full disk
        return _error(f"{error.strerror}: {error.filename}", EXIT_FAILED)
    return 0


def _predicted(masses, output: Path) -> str:
    """What predict did, naming the lines of the input it left without a prediction."""
    said = f"wrote {masses.notna().sum()} predictions to {output}"
    empty = [str(line) for line, missing in enumerate(masses.isna(), start=2) if missing]
    if empty:
        birds = "1 bird" if len(empty) == 1 else f"{len(empty)} birds"
        said += f"; none for {birds} with no body measurement (line {', '.join(empty)})"
    return said


def _error(error: Exception | str, code: int) -> int:
    print(f"error: {error}".replace("\n", " "), file=sys.stderr)
    return code
