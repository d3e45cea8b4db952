"""python -m penguin_mass {train,evaluate,predict}: argparse, and every failure on one line."""

import argparse
import json
import sys

from penguin_mass.checks import BadData
from penguin_mass.runs import NoModel, evaluate, predict, train
from penguin_mass.settings import BadSettings, read_settings


def arguments(argv):
    parser = argparse.ArgumentParser(prog="penguin_mass", exit_on_error=False)
    commands = parser.add_subparsers(dest="command")
    for name in ("train", "evaluate", "predict"):
        command = commands.add_parser(name, exit_on_error=False)
        command.add_argument("--profile")
        command.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
        if name == "predict":
            command.add_argument("--input", required=True)
            command.add_argument("--output", required=True)
    try:
        args = parser.parse_args(argv)
    except argparse.ArgumentError as problem:
        raise BadSettings(str(problem)) from None
    if args.command is None:
        raise BadSettings("say train, evaluate or predict")
    return args


def run(argv):
    try:
        args = arguments(argv)
        settings = read_settings(args.profile, args.set)
        if args.command == "train":
            result = train(settings)
            print(f"cross-validated MAE {result['cv_mae_g']:.1f} g")
        elif args.command == "evaluate":
            print(json.dumps(evaluate(settings)))
        else:
            predict(settings, args.input, args.output)
    except (BadSettings, FileNotFoundError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    except BadData as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 3
    except NoModel as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0


sys.exit(run(sys.argv[1:]))
