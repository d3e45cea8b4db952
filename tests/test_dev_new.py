"""`kata dev new` writes a stage an author can fill in, overwrites nothing, and cannot pass for done."""

from pathlib import Path

from kata.commands.dev_new import HINTS
from kata.invariants import check_static
from kata.manifest import find_kata
from kata.repo import Repo
from kata.stage_readme import problems, step_titles

NEW = "02-name-the-columns"
NAV = """nav:
  - Katas:
      - Warm-up:
          - katas/warmup/index.md
          - "1. From a cell to a tested function": katas/warmup/01-cell-to-function.md
  - Why: why.md
"""


def written(root: Path) -> set[str]:
    return {
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and ".git" not in p.parts
    }


def test_a_new_stage_gets_every_file_and_its_nav_line(mini_repo, kata):
    (mini_repo / "mkdocs.yml").write_text(NAV)
    result = kata(mini_repo, "dev", "new", "warmup", NEW, "--title", "Name the columns")
    assert result.code == 0, result.err
    stage = find_kata(mini_repo / "katas", "warmup").stage(NEW)
    assert (stage.title, stage.minutes, len(stage.hints)) == ("Name the columns", 60, 3)
    readme = stage.readme.read_text()
    assert readme.startswith("# Stage 2: Name the columns\n\n**Time box:** 60 min")
    assert stage.hints == HINTS  # written in the README, the only place hints are read from
    assert readme.rstrip().endswith(
        "## Facilitation notes\n\n- TODO(author): where mobs get stuck and what the facilitator "
        "watches for, one bullet each, from the wrong hand-ins in the stage's cases."
    )
    assert step_titles(readme) == ["TODO(author): a step's title"]  # a checkpoint for the plans
    assert (stage.checks_dir / "test_name_the_columns.py").is_file()
    solution = mini_repo / "solutions" / "warmup" / NEW
    previous = mini_repo / "solutions" / "warmup" / "01-cell-to-function"
    assert written(solution) == written(previous)
    assert (
        mini_repo / "tests/katas/warmup/cases" / NEW / "fail-first-shortcut/case.toml"
    ).is_file()
    page = (mini_repo / "docs/katas/warmup" / f"{NEW}.md").read_text()
    assert f'--8<-- "katas/warmup/stages/{NEW}/README.md"' in page
    assert (mini_repo / "mkdocs.yml").read_text() == NAV.replace(
        "01-cell-to-function.md\n",
        f'01-cell-to-function.md\n          - "2. Name the columns": katas/warmup/{NEW}.md\n',
    )


def test_the_scaffold_fails_the_invariants_until_it_is_written(mini_repo, kata):
    assert kata(mini_repo, "dev", "new", "warmup", NEW, "--title", "Name the columns").code == 0
    report, _ = check_static(Repo(mini_repo), "warmup")
    problems = " ".join(next(s for s in report.stages if s.slug == NEW).problems)
    for place in ("README.md's hints", "README.md", "test_name_the_columns.py", "case.toml"):
        assert f"{place}" in problems, problems
    assert problems.count("TODO(author)") == 4, problems


def test_a_readme_without_its_facilitation_notes_last_is_reported(mini_repo):
    """The facilitation notes are required, and come after What's next."""
    stage = find_kata(mini_repo / "katas", "warmup").stages[0]
    assert problems(stage) == []
    text = stage.readme.read_text()
    body, notes = text.split("## Facilitation notes")
    stage.readme.write_text(body)
    assert "README.md lacks the section(s) '## Facilitation notes'" in problems(stage)
    before, after = body.split("## What's next")
    stage.readme.write_text(f"{before}## Facilitation notes{notes}\n## What's next{after}")
    assert any("sections are out of order" in problem for problem in problems(stage))


def test_a_check_file_over_300_lines_is_reported(mini_repo):
    checks = mini_repo / "katas/warmup/stages/01-cell-to-function/checks"
    (checks / "support.py").write_text("X = 1\n" * 301)
    report, _ = check_static(Repo(mini_repo), "warmup")
    assert any("support.py has 301 lines" in p for p in report.stages[0].problems)


def test_bad_requests_write_nothing(mini_repo, kata):
    before = {path: path.read_bytes() for path in mini_repo.rglob("*") if path.is_file()}
    for args, said in [
        (("warmup", "03-too-far", "--title", "X"), "a new one is number 02"),
        (("warmup", "2-no", "--title", "X"), "is not a stage slug"),
        (("warmup", NEW, "--title", 'say "hi"'), "without double quotes"),
        (("warmup", NEW, "--title", "X", "--minutes", "0"), "positive number of minutes"),
        (("nosuch", NEW, "--title", "X"), "nosuch"),
    ]:
        result = kata(mini_repo, "dev", "new", *args)
        assert result.code == 2, (args, result.err)
        assert said in result.err, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1
    (mini_repo / "docs/katas/warmup" / f"{NEW}.md").write_text("mine\n")
    result = kata(mini_repo, "dev", "new", "warmup", NEW, "--title", "X")
    assert result.code == 2
    assert "exists already; nothing was written" in result.err
    after = {path: path.read_bytes() for path in mini_repo.rglob("*") if path.is_file()}
    assert after == {**before, mini_repo / "docs/katas/warmup" / f"{NEW}.md": b"mine\n"}
