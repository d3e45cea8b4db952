"""`kata dev check` proves every stage learnable, and catches each kind of broken kata."""

from pathlib import Path

import pytest

from conftest import REPO
from kata.manifest import kata_names

STAGE = Path("katas/warmup/stages/01-cell-to-function")
SOLUTION = Path("solutions/warmup/01-cell-to-function")

pytestmark = pytest.mark.slow


def flat(text: str) -> str:
    """Output with its line wrapping undone."""
    return " ".join(text.split())


@pytest.mark.parametrize("name", kata_names(REPO / "katas"))
def test_the_repository_passes_its_own_invariants(kata, name):
    """One kata per test, so that the katas' checks spread over the suite's workers."""
    result = kata(REPO, "dev", "check", name)
    assert result.code == 0, result.out + result.err
    assert "Every stage is learnable." in flat(result.out)


def test_the_intact_mini_repository_passes(mini_repo, kata):
    result = kata(mini_repo, "dev", "check")
    assert result.code == 0, result.out


def test_a_stage_whose_checks_pass_on_its_start_is_caught(mini_repo, kata):
    start = mini_repo / "katas" / "warmup" / "start"
    for path in (mini_repo / SOLUTION).rglob("*"):
        if path.is_file():
            target = start / path.relative_to(mini_repo / SOLUTION)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "checks pass on its start state; at least one must fail there" in flat(result.out)


def test_a_stage_whose_solution_fails_is_caught(mini_repo, kata):
    module = mini_repo / SOLUTION / "field_notes.py"
    module.write_text(module.read_text().replace("MM_PER_CM = 10", "MM_PER_CM = 1"))
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "solution fails: parse_length_mm gives the README's examples" in flat(result.out)


def test_a_check_failing_by_import_error_is_caught(mini_repo, kata):
    (mini_repo / STAGE / "checks" / "test_broken.py").write_text(
        'import field_notes\n\n\ndef test_it():\n    """It works."""\n    assert field_notes\n'
    )
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "fails by a collection error, not by a readable assertion" in flat(result.out)


def test_a_check_failing_by_an_exception_is_caught(mini_repo, kata):
    (mini_repo / STAGE / "checks" / "test_broken.py").write_text(
        "def test_it(workspace):\n"
        '    """The module is there."""\n'
        '    (workspace / "field_notes.py").read_text()\n'
    )
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "'The module is there.' fails by an exception" in flat(result.out)


def test_a_bare_assert_without_a_message_is_caught(mini_repo, kata):
    (mini_repo / STAGE / "checks" / "test_broken.py").write_text(
        "def test_it(workspace):\n"
        '    """The module is there."""\n'
        '    assert (workspace / "field_notes.py").exists()\n'
    )
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "fails by an assert without a message" in flat(result.out)


def test_a_stage_folder_missing_from_the_manifest_is_caught(mini_repo, kata):
    (mini_repo / "katas" / "warmup" / "stages" / "02-extra").mkdir()
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "stage folder warmup/stages/02-extra is not in the manifest" in flat(result.out)


def test_a_stage_without_hints_is_caught(mini_repo, kata):
    readme = mini_repo / STAGE / "README.md"
    text = readme.read_text()
    start, end = text.index("## Hints"), text.index("## Discussion prompts")
    readme.write_text(text[:start] + "## Hints\n\nAsk a neighbour.\n\n" + text[end:])
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "README.md's Hints section has no hints" in flat(result.out)


def test_hints_left_in_the_manifest_are_caught(mini_repo, kata):
    manifest = mini_repo / "katas" / "warmup" / "kata.toml"
    manifest.write_text(manifest.read_text() + 'hints = ["gentle"]\n')
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "stages[0].hints: a stage's hints are the list under '## Hints'" in flat(result.out)


def test_a_readme_without_its_sections_is_caught(mini_repo, kata):
    readme = mini_repo / STAGE / "README.md"
    readme.write_text(readme.read_text().replace("## Takeaway", "## Summary"))
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "README.md lacks the section(s) '## Takeaway'" in flat(result.out)


def test_a_stage_page_that_copies_its_readme_is_caught(mini_repo, kata):
    page = mini_repo / "docs" / "katas" / "warmup" / "01-cell-to-function.md"
    page.write_text((mini_repo / STAGE / "README.md").read_text())
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "its site page does not include the README" in flat(result.out)


def test_a_solution_notebook_out_of_sync_or_with_outputs_is_caught(mini_repo, kata):
    script = mini_repo / SOLUTION / "explore.py"
    script.write_text(script.read_text() + "\n# %%\nprint('new cell')\n")
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "explore.ipynb and explore.py hold different cells" in flat(result.out)


def test_a_mutant_that_no_longer_applies_is_caught(mini_repo, kata):
    mutants = mini_repo / STAGE / "mutants" / "mutants.py"
    text = mutants.read_text()
    mutants.write_text(
        text.replace(
            'function="parse_length_mm",\n        wrap=missing',
            'function="parse_length",\n        wrap=missing',
        )
    )
    assert mutants.read_text() != text
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert (
        "mutant missing-becomes-zero cannot be placed in the solution (no function parse_length"
        in flat(result.out)
    )


def test_a_missing_sub_command_page_is_caught(mini_repo, kata):
    page = mini_repo / "docs" / "reference" / "cli.md"
    page.write_text(page.read_text().replace("## kata hint\n", "## hint\n"))
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "the CLI reference has no section '## kata hint'" in flat(result.out)


def test_a_check_that_skips_is_caught(mini_repo, kata):
    checks = next((mini_repo / STAGE / "checks").glob("test_*.py"))
    checks.write_text(checks.read_text() + "\n\n@pytest.mark.skip\ndef test_later():\n    pass\n")
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "uses mark.skip; a check must decide, never skip" in flat(result.out)


def test_a_refactoring_that_breaks_the_reference_tests_is_caught(mini_repo, kata):
    module = mini_repo / SOLUTION / "field_notes.py"
    test_file = mini_repo / SOLUTION / "tests" / "test_field_notes.py"
    test_file.write_text(
        test_file.read_text()
        + "\n\ndef test_the_source_is_as_reviewed():\n    from pathlib import Path\n"
        + f"    assert Path('field_notes.py').read_text() == {module.read_text()!r}\n"
    )
    result = kata(mini_repo, "dev", "check")
    assert result.code == 1
    assert "refactoring 'reformatted' breaks the solution's own tests" in flat(result.out)
