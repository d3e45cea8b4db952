"""python -m penguin_mass COMMAND [--profile NAME] [--set FIELD=VALUE]... (parsed by hand).

COMMAND is train, evaluate or predict (predict also needs --input CSV --output CSV).
Exit: 0 done, 1 model or output problem, 2 bad settings or usage, 3 bad data.
"""

from __future__ import annotations

import json
import sys

from penguin_mass.commands import evaluate, predict, train
from penguin_mass.outputs import ModelError
from penguin_mass.settings import ConfigError, load_settings, split_set_flag
from penguin_mass.validation import DataError

OPTIONS = {
    "train": {"--profile", "--set"},
    "evaluate": {"--profile", "--set"},
    "predict": {"--profile", "--set", "--input", "--output"},
}


def parse(argv: list[str]) -> tuple[str, dict[str, str], dict[str, str]]:
    """(command, options, overrides) from the arguments, or ConfigError."""
    if not argv or argv[0] in ("-h", "--help"):
        raise ConfigError("usage: " + __doc__.splitlines()[0])
    command, rest = argv[0], argv[1:]
    if command not in OPTIONS:
        raise ConfigError(f"unknown command {command!r}; choose from {', '.join(OPTIONS)}")
    options: dict[str, str] = {}
    overrides: dict[str, str] = {}
    position = 0
    while position < len(rest):
        option = rest[position]
        value = None
        if "=" in option and option.startswith("--"):
            option, value = option.split("=", 1)
        if option not in OPTIONS[command]:
            raise ConfigError(f"{command}: unknown option {option!r}")
        if value is None:
            if position + 1 >= len(rest):
                raise ConfigError(f"{option} needs a value")
            position += 1
            value = rest[position]
        if option == "--set":
            key, setting = split_set_flag(value)
            overrides[key] = setting
        else:
            options[option] = value
        position += 1
    if command == "predict":
        for required in ("--input", "--output"):
            if required not in options:
                raise ConfigError(f"predict needs {required} CSV")
    return command, options, overrides


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        command, options, overrides = parse(args)
        settings = load_settings(options.get("--profile"), overrides)
        if command == "train":
            metrics = train.run(settings)
            print(f"MAE {metrics['ridge_mae_g']:.1f} g on {metrics['test_rows']} test birds")
        elif command == "evaluate":
            print(json.dumps(evaluate.run(settings)))
        else:
            rows = predict.run(settings, options["--input"], options["--output"])
            print(f"{rows} birds predicted")
    except ConfigError as problem:
        return report(problem, 2)
    except DataError as problem:
        return report(problem, 3)
    except (ModelError, OSError) as problem:
        return report(problem, 1)
    return 0


def report(problem: Exception, code: int) -> int:
    text = str(problem).replace("\n", " ")
    sys.stderr.write(f"error: {text}\n")
    return code
