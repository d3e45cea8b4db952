"""python -m penguin_mass, with click; every failure is one line and an exit code."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from penguin_mass.config import ConfigError, load_settings, read_set_flags
from penguin_mass.data import DataError
from penguin_mass.jobs import evaluate_job, predict_job, train_job
from penguin_mass.persist import UntrustedModel


def settings_options(command):
    command = click.option("--set", "flags", multiple=True, metavar="FIELD=VALUE",
                           help="override one setting (repeatable)")(command)
    return click.option("--profile", default=None, help="a [profiles.NAME] of penguin_mass.toml")(command)


@click.group(no_args_is_help=False)
def app() -> None:
    """Estimate penguin body mass: train, evaluate, predict."""


@app.command()
@settings_options
def train(profile, flags):
    """Fit, score and write model.skops and metrics.json."""
    settings = load_settings(profile, read_set_flags(flags))
    metrics = train_job(settings)
    click.echo(f"cv MAE {metrics['cv_mae_g']:.0f} g -> {settings.output_dir}")


@app.command()
@settings_options
def evaluate(profile, flags):
    """Print the saved model's held-out scores as JSON."""
    click.echo(json.dumps(evaluate_job(load_settings(profile, read_set_flags(flags)))))


@app.command()
@settings_options
@click.option("--input", "source", required=True, type=click.Path(path_type=Path))
@click.option("--output", "target", required=True, type=click.Path(path_type=Path))
def predict(profile, flags, source, target):
    """Write predicted_body_mass_g for every bird of --input to --output."""
    count = predict_job(load_settings(profile, read_set_flags(flags)), source, target)
    click.echo(f"{count} rows -> {target}")


def main(argv=None) -> int:
    try:
        app.main(args=argv, prog_name="python -m penguin_mass", standalone_mode=False)
    except click.UsageError as error:
        return _say(error.format_message(), 2)
    except ConfigError as error:
        return _say(str(error), 2)
    except DataError as error:
        return _say(str(error), 3)
    except UntrustedModel as error:
        return _say(str(error), 1)
    except click.Abort:
        return _say("aborted", 1)
    except OSError as error:
        return _say(f"{error.filename}: {error.strerror}", 1)
    return 0


def _say(message: str, code: int) -> int:
    click.echo("error: " + " ".join(message.split()), err=True)
    return code
