"""Every kata, stage and sub-command has its page, stage pages include their READMEs, the nav lists every page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from site_coverage import REPO, doc_pages, load_hook, nav_pages, page_problems

from kata.cli import command_names
from kata.manifest import load_all

# Pages that exist only in the built site: docs/hooks/notebooks.py adds them.
_notebooks = load_hook("notebooks")
GENERATED_PAGES = {
    page.format(kata=kata)
    for kata in _notebooks.NOTEBOOKS
    for page in (_notebooks.START_PAGE, _notebooks.FINAL_PAGE)
}


def test_every_kata_stage_and_command_has_its_page():
    """Each kata and stage has its page, each stage page includes its README, each command its section."""
    assert page_problems(REPO, command_names()) == []


def test_every_page_is_in_the_nav_and_every_nav_entry_is_a_page():
    """The explicit nav in mkdocs.yml lists every page under docs/, and nothing else."""
    nav = nav_pages(REPO / "mkdocs.yml")
    pages = doc_pages(REPO / "docs")
    assert sorted(set(pages) - set(nav)) == [], "pages missing from the nav in mkdocs.yml"
    assert sorted(set(nav) - set(pages) - GENERATED_PAGES) == [], "nav entries without a page"
    assert len(nav) == len(set(nav)), "a page is listed twice in the nav"


# --- the checks above, proven on a broken copy -------------------------------------------------


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A copy of what the page checks read: the katas' manifests and READMEs, docs/ and the CLI code."""
    root = tmp_path / "repo"
    ignore = shutil.ignore_patterns(
        "data", "workspace", "start", "checks", "mutants", "__pycache__"
    )
    shutil.copytree(REPO / "katas", root / "katas", ignore=ignore)
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("assets"))
    shutil.copytree(REPO / "src" / "kata" / "commands", root / "src" / "kata" / "commands")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    assert page_problems(root, command_names()) == []
    return root


def _first_stage(root: Path):
    kata = load_all(root / "katas")[0]
    return kata, kata.stages[0]


def test_a_stage_without_its_page_is_noticed(site_copy: Path):
    """Removing a stage's page makes the page check fail, naming the stage."""
    kata, stage = _first_stage(site_copy)
    (site_copy / "docs" / "katas" / kata.name / f"{stage.slug}.md").unlink()
    assert page_problems(site_copy, command_names()) == [
        f"stage {kata.name} {stage.slug} has no page docs/katas/{kata.name}/{stage.slug}.md"
    ]


def test_a_kata_without_its_page_is_noticed(site_copy: Path):
    """Removing a kata's page makes the page check fail, naming the kata."""
    kata, _ = _first_stage(site_copy)
    (site_copy / "docs" / "katas" / kata.name / "index.md").unlink()
    assert page_problems(site_copy, command_names()) == [
        f"kata {kata.name} has no page docs/katas/{kata.name}/index.md"
    ]


def test_a_stage_page_that_copies_its_readme_is_noticed(site_copy: Path):
    """A stage page holding the README's text instead of the include line fails the page check."""
    kata, stage = _first_stage(site_copy)
    page = site_copy / "docs" / "katas" / kata.name / f"{stage.slug}.md"
    page.write_text(stage.readme.read_text(encoding="utf-8"), encoding="utf-8")
    problems = page_problems(site_copy, command_names())
    assert (
        f"docs/katas/{kata.name}/{stage.slug}.md copies lines of its README; include it instead"
        in problems
    )


def test_a_stage_page_that_includes_and_copies_is_noticed(site_copy: Path):
    """A stage page that includes its README and also pastes part of it fails the page check."""
    kata, stage = _first_stage(site_copy)
    page = site_copy / "docs" / "katas" / kata.name / f"{stage.slug}.md"
    long_lines = [
        line for line in stage.readme.read_text(encoding="utf-8").splitlines() if len(line) > 40
    ]
    page.write_text(
        page.read_text(encoding="utf-8") + "\n" + long_lines[0] + "\n", encoding="utf-8"
    )
    assert page_problems(site_copy, command_names()) == [
        f"docs/katas/{kata.name}/{stage.slug}.md copies lines of its README; include it instead"
    ]


def test_a_command_without_its_section_is_noticed(site_copy: Path):
    """Removing a command's section from the CLI reference fails the page check, naming the command."""
    page = site_copy / "docs" / "reference" / "cli.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("## kata check\n", "## Checking\n"),
        encoding="utf-8",
    )
    assert page_problems(site_copy, command_names()) == [
        "docs/reference/cli.md has no section '## kata check'"
    ]


def test_a_new_command_without_its_section_is_noticed(site_copy: Path):
    """A sub-command added to the CLI without a section in the reference fails the page check."""
    assert page_problems(site_copy, [*command_names(), "frobnicate"]) == [
        "docs/reference/cli.md has no section '## kata frobnicate'"
    ]


def test_a_page_missing_from_the_nav_is_noticed(site_copy: Path):
    """A new page under docs/ that the nav does not list shows up in the nav check."""
    before = set(doc_pages(site_copy / "docs")) - set(nav_pages(site_copy / "mkdocs.yml"))
    (site_copy / "docs" / "guides" / "new-guide.md").write_text("# New\n", encoding="utf-8")
    after = set(doc_pages(site_copy / "docs")) - set(nav_pages(site_copy / "mkdocs.yml"))
    assert after - before == {"guides/new-guide.md"}
