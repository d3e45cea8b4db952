"""The command line: python -m penguin_mass train|evaluate|predict [--profile P] [--set FIELD=VALUE].

Exit codes: 0 done; 1 the model file is missing or not trusted, or an output cannot be written;
2 bad settings or usage; 3 bad data. Every error is one line on stderr, starting with "error:".
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
        nargs="+",
        default=[],
        dest="overrides",
        help=f"override settings: --set alpha=3 seed=7. Fields: {', '.join(FIELDS)}",
    )
    parser = _Parser(prog="python -m penguin_mass", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "train", parents=[common], help="fit, score, and write model.skops and metrics.json"
    )
    commands.add_parser(
        "evaluate", parents=[common], help="print the saved model's scores on the held-out birds"
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
            metrics = workflow.train(settings)
            folder = settings.output_dir
            print(
                f"trained on {metrics['train_rows']} birds: test MAE {metrics['ridge_mae_g']:.0f} g, "
                f"cross-validated MAE {metrics['cv_mae_g']:.0f} g; wrote "
                f"{folder / workflow.MODEL_FILE} and {folder / workflow.METRICS_FILE}"
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
    except ModelFileError as error:
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
