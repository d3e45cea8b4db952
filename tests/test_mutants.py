"""Mutants and refactorings are placed in the learner's own code, whatever shape it has."""

import shutil
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import REPO
from kata.harness import learner_tests, staging
from kata.harness.mutants import (
    activation_environment,
    apply_mutant,
    definitions,
    judge_tests,
    load_mutants,
    try_only,
)
from kata.harness.refactorings import STANDARD
from kata.manifest import find_kata
from kata.runner import run_checks

WARMUP = REPO / "katas" / "warmup" / "stages" / "01-cell-to-function"


def write(folder: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(textwrap.dedent(text))
    return folder


def mutants_file(folder: Path, body: str) -> Path:
    """A stage folder whose mutants/mutants.py holds `body`."""
    return write(folder, {"mutants/mutants.py": body})


PACKAGE = {
    "pytest.ini": "[pytest]\ntestpaths = tests\npythonpath = .\n",
    "shop/__init__.py": "from shop.prices import total\n",
    "shop/prices.py": """
        def total(prices):
            amount = 0
            for price in prices:
                amount += price
            return amount
    """,
    "tests/test_prices.py": """
        from shop import total

        def test_total_adds_the_prices():
            assert total([1, 2, 3]) == 6
    """,
}


@pytest.fixture
def suite_runs(monkeypatch) -> list[int]:
    """How many copies each call of run_test_suites ran side by side, call by call."""
    runs = []
    original = learner_tests.run_test_suites
    monkeypatch.setattr(
        learner_tests,
        "run_test_suites",
        lambda folders, **kwargs: runs.append(len(folders)) or original(folders, **kwargs),
    )
    return runs


def a_stage(tmp_path: Path, stage_dir: Path) -> SimpleNamespace:
    """The little of a Stage that judge_tests reads."""
    return SimpleNamespace(stage_dir=stage_dir, kata_dir=tmp_path, slug="01")


def test_a_function_mutant_wraps_the_learner_s_function_where_it_is_defined(tmp_path):
    stage = mutants_file(
        tmp_path / "stage",
        """
        from kata.harness.mutants import Mutant

        def off_by_one(total):
            return lambda prices: total(prices) + 1

        MUTANTS = [Mutant("off", "one too many", function="total", wrap=off_by_one)]
        """,
    )
    workspace = write(tmp_path / "workspace", PACKAGE)
    assert definitions(workspace, "total") == [workspace / "shop" / "prices.py"]
    (mutant,) = load_mutants(stage)
    apply_mutant(workspace, mutant)
    (run,) = learner_tests.run_test_suites([workspace])
    assert run.failed == 1, "the re-exported name should be the broken one"


def test_a_library_mutant_reaches_the_tests_and_the_processes_they_start(tmp_path):
    stage = mutants_file(
        tmp_path / "stage",
        """
        from kata.harness.mutants import Mutant

        def louder():
            import json
            json.dumps = lambda value, **kw: "LOUD"

        MUTANTS = [Mutant("loud", "json says LOUD", patch=louder)]
        """,
    )
    workspace = write(
        tmp_path / "workspace",
        {
            "pytest.ini": "[pytest]\ntestpaths = tests\n",
            "tests/test_json.py": """
                import json, subprocess, sys

                def test_here():
                    assert json.dumps(1) == "1"

                def test_in_a_child_process():
                    code = "import json; print(json.dumps(1))"
                    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
                    assert out.stdout.strip() == "1"
            """,
        },
    )
    (mutant,) = load_mutants(stage)
    (run,) = learner_tests.run_test_suites(
        [workspace], environments=[activation_environment(mutant)]
    )
    assert (run.passed, run.failed) == (0, 2), run.output


@pytest.mark.parametrize("refactoring", STANDARD, ids=lambda r: r.name)
@pytest.mark.parametrize("solution", ["warmup/01-cell-to-function", "penguins/04-test-the-pieces"])
def test_every_refactoring_keeps_the_reference_tests_green(tmp_path, refactoring, solution):
    kata = REPO / "katas" / solution.split("/")[0]
    copy = staging.stage_copy(REPO / "solutions" / solution, kata, parent=tmp_path)
    refactoring.rewrite(copy)
    (run,) = learner_tests.run_test_suites([copy])
    assert run.ok, run.output[-2000:]


def test_renaming_locals_keeps_a_closure_reading_the_renamed_name():
    import ast

    from kata.harness.refactorings import _RenameLocals

    source = textwrap.dedent(
        """
        def count_bots(agents, markers):
            lowered = [m.lower() for m in markers]
            def is_bot(agent):
                return any(m in agent.lower() for m in lowered)
            def shadows(lowered):
                return lowered
            return sum(map(is_bot, agents)), shadows(0)
        """
    )
    namespace = {}
    exec(ast.unparse(_RenameLocals().visit(ast.parse(source))), namespace)
    assert namespace["count_bots"](["Googlebot/2.1", "Chrome"], ["googlebot"]) == (1, 0)


def test_a_test_that_pins_the_source_text_fails_the_refactorings(tmp_path):
    workspace = write(
        tmp_path / "workspace",
        {
            **PACKAGE,
            "tests/test_snapshot.py": """
                import hashlib, inspect
                from shop import prices

                def test_the_code_is_as_reviewed():
                    digest = hashlib.sha256(inspect.getsource(prices).encode()).hexdigest()
                    assert digest == DIGEST
            """,
        },
    )
    source = (workspace / "shop" / "prices.py").read_text()
    import hashlib

    digest = hashlib.sha256(source.encode()).hexdigest()
    snapshot = workspace / "tests" / "test_snapshot.py"
    snapshot.write_text(snapshot.read_text() + f"\nDIGEST = {digest!r}\n")

    verdict = judge_tests(workspace, a_stage(tmp_path, tmp_path / "stage"))
    broken = {refactoring.name for refactoring, _ in verdict.broken_by}
    assert {"reformatted", "locals-renamed"} <= broken
    assert all("test_the_code_is_as_reviewed" in tests[0] for _, tests in verdict.broken_by)


def test_tests_that_survive_the_rewrites_together_cost_one_run(tmp_path, suite_runs):
    workspace = write(
        tmp_path / "workspace",
        {
            **PACKAGE,
            "tests/test_prices.py": """
                from shop.prices import total

                def test_total():
                    assert total([1, 2]) == 3
            """,
        },
    )
    verdict = judge_tests(workspace, a_stage(tmp_path, tmp_path / "stage"), mutants=[])
    assert verdict.baseline.ok
    assert not verdict.broken_by
    assert suite_runs == [1, 1], "the baseline, then the four rewrites together in one copy"


def test_the_warmup_mutants_are_caught_by_the_reference_tests_and_change_behaviour(tmp_path):
    solution = REPO / "solutions" / "warmup" / "01-cell-to-function"
    copies, mutants = [], load_mutants(WARMUP)
    for mutant in mutants:
        copy = tmp_path / mutant.name
        shutil.copytree(solution, copy)
        apply_mutant(copy, mutant)
        copies.append(copy)
    runs = learner_tests.run_test_suites(copies)
    assert [run.failed > 0 for run in runs] == [True] * len(mutants)


def test_a_rewrite_lands_in_the_results_cell_before_the_line_that_shows_it(tmp_path):
    from kata.harness.slips import in_results_cell

    script = tmp_path / "analysis.py"
    script.write_text(
        "# %%\nsettings = {'a': 1}\n\n# %%\nsummary = {}\nsummary['a'] = 1.25\nprint(summary)\n"
    )
    in_results_cell("analysis.py", "{name} = {{'changed': True}}")(tmp_path)
    text = script.read_text()
    assert "summary['a'] = 1.25\nsummary = {'changed': True}\nprint(summary)" in text
    assert text.count("changed") == 1, "only the last cell that assigns a dictionary is changed"


@pytest.fixture
def narrowed():
    """`try_only` for one test; every mutant again afterwards."""
    yield try_only
    try_only(())


def test_a_batch_narrowed_to_one_mutant_runs_only_that_one(tmp_path, suite_runs, narrowed):
    workspace = write(
        tmp_path / "workspace",
        {**PACKAGE, "tests/test_prices.py": "from shop.prices import total\n\n"
         "def test_total():\n    assert total([1, 2]) >= 3\n"},
    )  # fmt: skip
    stage_dir = mutants_file(
        tmp_path / "stage",
        """
        from kata.harness.mutants import Mutant

        MUTANTS = [
            Mutant("doubled", "twice the total", function="total", wrap=lambda f: lambda p: 2 * f(p)),
            Mutant("halved", "half the total", function="total", wrap=lambda f: lambda p: f(p) / 2),
        ]
        """,
    )
    narrowed(["doubled"])
    verdict = judge_tests(workspace, a_stage(tmp_path, stage_dir), refactorings=())
    assert suite_runs == [1, 1], "the baseline, then the named mutant alone"
    assert [mutant.name for mutant in verdict.survivors] == ["doubled"], "a larger total passes"


@pytest.mark.slow
def test_a_check_tried_with_one_mutant_fails_when_it_survives_and_passes_when_it_is_caught(
    tmp_path,
):
    """The case runner's `survives`: the check process tries only the named mutant."""
    workspace = tmp_path / "workspace"
    shutil.copytree(REPO / "solutions" / "warmup" / "01-cell-to-function", workspace)
    tests = workspace / "tests" / "test_field_notes.py"
    tests.write_text(tests.read_text().replace('("19.5 cm", 195.0), ', ""))  # no centimetres
    stage = find_kata(REPO / "katas", "warmup").stage(1)
    check = "test_your_tests_catch_every_mutant"

    survivor = run_checks(stage, workspace, only=[check], mutants=["centimetres-not-converted"])
    message = survivor.failed(check).message
    assert "passed your tests: centimetres-not-converted (" in message

    caught = run_checks(stage, workspace, only=[check], mutants=["missing-becomes-zero"])
    assert caught.passed, [result.message for result in caught.failures]
