"""Checks for penguins stage 2: a golden-master test pins the notebook's key results."""

from kata.harness import describe, fail, notebook_pair_in_sync, run_learner_tests, surviving_mutants

NOTEBOOK = "analysis.ipynb"


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py still hold the same cells, so the test sees what the notebook does."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_your_golden_master_passes(workspace):
    """Your tests in tests/ run and pass on the notebook as it is."""
    if not list((workspace / "tests").glob("test_*.py")):
        fail(
            "There is no test file in tests/ yet. Step 3 of the README asks for "
            "tests/test_golden_master.py (any tests/test_*.py file will do)."
        )
    run = run_learner_tests(workspace)
    assert run.ok, (
        f"Your tests did not all pass on the unchanged notebook ({run.summary()}). "
        "Run pytest in the workspace and read the first failure: a golden master must be green "
        "before it can tell you anything.\n" + _tail(run.output)
    )


def test_your_golden_master_catches_every_notebook_mutant(workspace, stage):
    """Your tests fail on each deliberately broken copy of the notebook."""
    survivors = surviving_mutants(workspace, stage)
    assert not survivors, (
        f"{len(survivors)} of {len(stage.mutants)} broken notebooks still passed your tests: "
        f"{describe(survivors)}. Which key result would each of them move? Make sure your test "
        "records it, compared with pytest.approx at its default tolerance."
    )


def _tail(output, lines=15):
    return "\n".join(output.strip().splitlines()[-lines:])
