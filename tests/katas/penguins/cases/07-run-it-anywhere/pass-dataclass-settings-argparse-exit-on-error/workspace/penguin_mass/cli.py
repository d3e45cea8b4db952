"""python -m penguin_mass {train,evaluate,predict} [--profile NAME] [--set FIELD=VALUE]...

Exit codes: 0 done, 1 model missing/refused or output not written, 2 bad settings or usage,
3 bad data.
"""

from __future__ import annotations

import argparse
import json
import sys

from penguin_mass import usecases
from penguin_mass.checks import DataError
from penguin_mass.files import ModelRefused
from penguin_mass.settings import SettingsError, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m penguin_mass", exit_on_error=False)
    sub = parser.add_subparsers(dest="command", metavar="{train,evaluate,predict}")
    for name in ("train", "evaluate", "predict"):
        command = sub.add_parser(name, exit_on_error=False)
        command.add_argument("--profile")
        command.add_argument("--set", action="append", default=[], dest="assignments")
        if name == "predict":
            command.add_argument("--input")
            command.add_argument("--output")
    return parser


def _parse(argv):
    try:
        args, extra = _parser().parse_known_args(argv)
    except argparse.ArgumentError as error:
        raise SettingsError(str(error)) from None
    if extra:
        raise SettingsError(f"unexpected arguments: {' '.join(extra)}")
    if args.command is None:
        raise SettingsError("a command is needed: train, evaluate or predict")
    if args.command == "predict" and not (args.input and args.output):
        raise SettingsError("predict needs --input CSV and --output CSV")
    return args


def main(argv=None) -> int:
    try:
        args = _parse(sys.argv[1:] if argv is None else argv)
        settings = load_settings(args.profile, args.assignments)
        if args.command == "train":
            metrics = usecases.train(settings)
            print(f"cv MAE {metrics['cv_mae_g']:.1f} g; wrote {settings.output_dir}")
        elif args.command == "evaluate":
            print(json.dumps(usecases.evaluate(settings)))
        else:
            count = usecases.predict(settings, args.input, args.output)
            print(f"{count} predictions in {args.output}")
        return 0
    except SettingsError as error:
        return _fail(error, 2)
    except DataError as error:
        return _fail(error, 3)
    except ModelRefused as error:
        return _fail(error, 1)
    except OSError as error:
        return _fail(f"cannot write: {error.filename}: {error.strerror}", 1)


def _fail(message, code: int) -> int:
    print("error: " + " ".join(str(message).split()), file=sys.stderr)
    return code
