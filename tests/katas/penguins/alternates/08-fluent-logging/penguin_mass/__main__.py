"""python -m penguin_mass train | promote | evaluate | predict, tracked with MLflow.

Another team's take: the whole command line here, the MLflow calls in penguin_mass.experiments.
"""

import os

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "1")

import argparse  # noqa: E402
import sys  # noqa: E402

from penguin_mass.config import ConfigError, load_settings, parse_overrides  # noqa: E402
from penguin_mass.validation import DataError  # noqa: E402


def arguments(argv):
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--profile")
    shared.add_argument("--set", action="append", default=[], dest="pairs")
    parser = argparse.ArgumentParser(prog="python -m penguin_mass", exit_on_error=False)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("train", parents=[shared])
    sub.add_parser("evaluate", parents=[shared])
    promote = sub.add_parser("promote", parents=[shared])
    promote.add_argument("--run-id")
    predict = sub.add_parser("predict", parents=[shared])
    predict.add_argument("--input", required=True)
    predict.add_argument("--output", required=True)
    try:
        return parser.parse_args(argv)
    except (argparse.ArgumentError, SystemExit) as problem:
        raise ConfigError(f"bad command line: {problem}") from None


def run(argv=None):
    from penguin_mass import experiments

    try:
        args = arguments(argv)
        settings = load_settings(args.profile, parse_overrides(args.pairs))
        if args.command == "train":
            run_id = experiments.train_and_record(settings)
            print(f"recorded run {run_id}")
        elif args.command == "promote":
            version = experiments.crown(settings, args.run_id)
            print(f"version {version} is now {settings.model_name}@champion")
        elif args.command == "evaluate":
            print(experiments.score_champion(settings))
        else:
            count = experiments.estimate(settings, args.input, args.output)
            print(f"{count} birds estimated")
    except ConfigError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    except DataError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 3
    except experiments.Refused as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0


sys.exit(run())
