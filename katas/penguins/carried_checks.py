"""Checks that every stage after 7 carries: what stages 6 and 7 established about the layers.

A stage's check file imports the ones it carries (`from carried_checks import test_...`) and
pytest collects them there, so each rule is written once and reads the same at every stage.
"""

from __future__ import annotations

import pytest
from layer_rules import (
    PACKAGE,
    require_atomic_outputs,
    require_domain_untouched_by_io,
    require_layer_rules,
)

from kata.harness.import_contracts import require_every_module_layered

TRAIN = f"python -m {PACKAGE} train"
# Stage 7 writes these; from stage 8 on the model goes to the registry and local files are optional.
REQUIRED_OUTPUTS = {7: ("outputs/metrics.json", "outputs/model.skops")}


def test_the_layer_rules_still_hold(workspace):
    """Reading the source: the domain imports and calls no I/O, plotting or other layer; data shows nothing."""
    require_layer_rules(workspace)


def test_every_module_sits_in_a_layer_of_your_contracts(workspace):
    """Your layers contract names every module of penguin_mass, the new ones included."""
    require_every_module_layered(workspace, PACKAGE)


@pytest.mark.expensive
def test_the_domain_touches_no_file_while_train_runs(workspace, audited_train):
    """While train runs, no code of the domain opens, writes or deletes a file, or calls out."""
    require_domain_untouched_by_io(workspace, audited_train, TRAIN)


@pytest.mark.expensive
def test_train_writes_every_output_atomically(audited_train, stage):
    """train moves each file it leaves in outputs/ into place whole, with os.replace."""
    require_atomic_outputs(audited_train, TRAIN, REQUIRED_OUTPUTS.get(stage.number, ()))
