"""The mkdocs hooks in docs/hooks/, one function at a time (fast: no site build)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from site_coverage import REPO, load_hook

from kata.cli import build_parser, command_names
from kata.manifest import Kata, Stage, load_all
from kata.stage_readme import bullets, section

kata_pages = load_hook("kata_pages")
session_plans = load_hook("session_plans")
cli_help = load_hook("cli_help")
diagrams = load_hook("diagrams")


def _kata(*minutes: int, root: Path = Path(".")) -> Kata:
    stages = tuple(
        Stage(
            "demo",
            f"{n:02d}-step",
            f"Step {n}",
            m,
            n,
            root / f"katas/demo/stages/{n:02d}-step",
        )
        for n, m in enumerate(minutes, start=1)
    )
    return Kata("demo", "Demo: a kata", "Summary.", ("developers",), 1, stages, root / "katas/demo")


DEMO_README = """# Stage 1: Step 1

## Steps

The rules come first and are not steps:

1. **A rule.** Not a checkpoint.

Then the steps:

1. **Read the data (5 min).** Open it.
    1. a nested item, not a step;
2. **Write a test**, then make it pass:

    ```python
    x = 1
    ```

3. **Commit.**

## Discussion prompts

- What surprised you? Who
  noticed first?
- Would you do it again?

## What's next

Nothing.

## Facilitation notes

- They skip the test.
- They edit the notebook and the
  script drifts.
"""


def _demo(tmp_path: Path, minutes: int = 90, readme: str = DEMO_README) -> Kata:
    """A one-stage kata whose README is `readme`."""
    kata = _kata(minutes, root=tmp_path)
    kata.stages[0].stage_dir.mkdir(parents=True)
    kata.stages[0].readme.write_text(readme, encoding="utf-8")
    return kata


def _page(src_uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


# --- session plans ---------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [30, 45, 60, 75, 90, 120])
def test_a_session_plan_fills_the_stage_time_box_exactly(minutes: int):
    """The blocks of a session plan add up to the stage's minutes, opening first, retrospective last."""
    kata = _kata(minutes, minutes)
    for stage in kata.stages:
        blocks = session_plans.blocks(kata, stage)
        assert sum(block.minutes for block in blocks) == minutes
        assert blocks[0].what == "Opening"
        assert blocks[-1].what == "Retrospective"
        assert all(block.minutes > 0 for block in blocks)


def test_every_real_stage_gets_a_plan_that_fills_its_time_box():
    """Every stage in the repository's manifests gets a plan whose blocks add up to its minutes."""
    for kata in load_all(REPO / "katas"):
        for stage in kata.stages:
            assert (
                sum(block.minutes for block in session_plans.blocks(kata, stage)) == stage.minutes
            )


def test_a_later_stage_opens_with_a_recap_and_a_long_one_has_a_break():
    """The first stage starts with the kata's story; later ones recap; long work blocks get a break."""
    kata = _kata(30, 90)
    first, second = (session_plans.blocks(kata, stage) for stage in kata.stages)
    assert [block.what for block in first] == [
        "Opening",
        "The story",
        "Read the stage",
        "Work",
        "Retrospective",
    ]
    assert "Recap" in [block.what for block in second]
    assert "Break" in [block.what for block in second]


def test_a_stage_too_short_for_a_session_stops_the_build():
    """A stage of a few minutes cannot hold a session; the hook says so instead of planning nonsense."""
    kata = _kata(15)
    with pytest.raises(PluginError, match="too few for a session"):
        session_plans.blocks(kata, kata.stages[0])


def test_the_plan_table_shows_clock_times_from_zero_to_the_time_box(tmp_path: Path):
    """A stage's plan is a table whose clock runs from 0:00 to the stage's minutes."""
    kata = _demo(tmp_path, 90)
    text = session_plans.stage_plan(kata, kata.stages[0], "facilitators/session-plans.md")
    assert "### Demo 1: Step 1 (90 min)" in text
    assert "| 0:00 to 0:05 |" in text
    assert "to 1:30 |" in text
    assert "(../katas/demo/01-step.md)" in text


def test_a_plan_shows_the_stages_own_checkpoints_notes_and_prompts(tmp_path: Path):
    """The Work rows list the README's last numbered list of Steps, each due at a clock time that
    shares the work evenly; below the table come its facilitation notes and discussion prompts."""
    kata = _demo(tmp_path, 90)  # work: 0:19 to 0:47, a break, 0:52 to 1:20 (56 minutes)
    text = session_plans.stage_plan(kata, kata.stages[0], "facilitators/session-plans.md")
    work = [line for line in text.splitlines() if "| Work |" in line]
    assert work[0].endswith("Checkpoints:<br>1. Read the data, by about 0:38 |")
    assert work[1].endswith(
        "Checkpoints:<br>2. Write a test, by about 1:02<br>3. Commit, by about 1:20 |"
    )
    assert "A rule" not in text
    assert "nested item" not in text
    assert (
        "**Watch for:**\n\n- They skip the test.\n- They edit the notebook and the script drifts.\n"
        in text
    )
    assert text.endswith(
        "**Retrospective prompts:**\n\n- What surprised you? Who noticed first?\n"
        "- Would you do it again?"
    )


@pytest.mark.parametrize("minutes", [30, 45, 60, 75, 90, 120, 180])
def test_the_plan_rows_add_up_and_the_last_checkpoint_ends_the_work(tmp_path: Path, minutes: int):
    """The Min column adds up to the time box; checkpoints come in order, the last as work ends."""
    kata = _demo(tmp_path, minutes)
    text = session_plans.stage_plan(kata, kata.stages[0], "facilitators/session-plans.md")
    rows = [line.split(" | ") for line in text.splitlines() if re.match(r"\| \d+:\d\d to ", line)]
    assert sum(int(row[1]) for row in rows) == minutes
    for session in text.split("**Session 2**"):  # each session has its own clock
        due = re.findall(r"by about (\d+):(\d\d)", session)
        times = [int(h) * 60 + int(m) for h, m in due]
        assert times == sorted(times)
    last_work = next(row for row in reversed(rows) if row[2] == "Work")
    assert last_work[0].endswith(f"to {due[-1][0]}:{due[-1][1]}")


def test_a_stage_longer_than_two_hours_is_planned_as_two_sessions(tmp_path: Path):
    """Each session has its own clock and retrospective; the second carries on, never restarts."""
    kata = _demo(tmp_path, 150)
    plan = session_plans.blocks(kata, kata.stages[0])
    first = [block for block in plan if block.session == 1]
    second = [block for block in plan if block.session == 2]
    assert (sum(b.minutes for b in first), sum(b.minutes for b in second)) == (75, 75)
    assert first[-1].what == second[-1].what == "Retrospective"
    assert "Not `kata start`" in second[0].how
    assert "the rest is for the second" in [b for b in first if b.what == "Work"][-1].how
    assert "until `kata check` passes" in [b for b in second if b.what == "Work"][-1].how
    text = session_plans.stage_plan(kata, kata.stages[0], "facilitators/session-plans.md")
    assert "(150 min, in two sessions: 75 min and 75 min)" in text
    before, after = text.split("**Session 2**")
    assert "| 0:00 to 0:05 |" in before
    assert "| 0:00 to 0:05 |" in after
    assert "to 1:15 |" in after


def test_every_real_stage_plan_shows_its_own_readme():
    """Each real stage's plan carries its own facilitation notes and no other stage's."""
    plans = {
        (kata.name, stage.slug): (
            session_plans.stage_plan(kata, stage, "facilitators/session-plans.md"),
            bullets(section(stage.readme.read_text(encoding="utf-8"), "Facilitation notes")),
        )
        for kata in load_all(REPO / "katas")
        for stage in kata.stages
    }
    for name, (plan, notes) in plans.items():
        assert 3 <= len(notes) <= 5, f"{name}: {len(notes)} facilitation notes"
        for other, (_, other_notes) in plans.items():
            shown = [note for note in other_notes if f"- {note}\n" in plan]
            assert shown == (other_notes if other == name else []), (name, other)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("## Facilitation notes", "## Other notes"),
            "no bullet list under '## Facilitation notes'",
        ),
        (("## Discussion prompts", "## Questions"), "no bullet list under '## Discussion prompts'"),
        (("**Commit.**", "Commit."), "step 3 does not open with a bold title"),
        (("## Steps", "## Stages"), "no numbered list under '## Steps'"),
    ],
)
def test_a_readme_without_what_the_plan_needs_stops_the_build(
    tmp_path: Path, change: tuple[str, str], message: str
):
    """The plan fails the build, naming the stage, its README and what it lacks."""
    kata = _demo(tmp_path, readme=DEMO_README.replace(*change))
    where = "session_plans: demo stage 1 (katas/demo/stages/01-step/README.md): "
    with pytest.raises(PluginError, match=re.escape(where + message)):
        session_plans.stage_plan(kata, kata.stages[0], "facilitators/session-plans.md")


# --- stage tables and kata lists ---------------------------------------------------------------


def test_the_stage_table_lists_each_stage_with_its_minutes_and_the_total(tmp_path: Path):
    """The stage table has a row per stage (linked, with minutes and the number of hints in its
    README) and the total time."""
    kata = _kata(60, 90, root=tmp_path)
    for stage, hints in zip(kata.stages, ("- a\n- b\n", "- a\n- b\n- c\n"), strict=True):
        stage.stage_dir.mkdir(parents=True)
        stage.readme.write_text(f"# {stage.title}\n\n## Hints\n\n{hints}", encoding="utf-8")
    table = kata_pages.stage_table(kata, "katas/demo/index.md")
    assert "| 1 | [Step 1](01-step.md) | 60 | 2 |" in table
    assert "| 2 | [Step 2](02-step.md) | 90 | 3 |" in table
    assert "**150** (2 h 30 min)" in table


def test_the_kata_list_links_each_kata_page():
    """The kata list links each kata's page relative to the page it is on."""
    table = kata_pages.kata_list([_kata(30)], "katas/index.md")
    assert "| [Demo: a kata](demo/index.md) | 1 | 30 min | developers |" in table


def test_a_stage_table_for_an_unknown_kata_stops_the_build():
    """A stage-table marker that names no kata is an error, not an empty table."""
    with pytest.raises(PluginError, match="names no kata"):
        kata_pages._kata([_kata(30)], "nosuch")


def test_the_readme_anatomy_comes_from_kata_dev_check():
    """The required README sections on the reference page are the ones `kata dev check` enforces."""
    from kata.stage_readme import AUDIENCES, REQUIRED_SECTIONS

    text = kata_pages.on_page_markdown(
        "<!-- readme-sections -->\n<!-- readme-audiences -->",
        _page("reference/checks-harness.md"),
        None,
        [],
    )
    assert text.splitlines()[0] == ", ".join(f"*{name}*" for name in REQUIRED_SECTIONS)
    assert text.splitlines()[1] == ", ".join(f"`### {name}`" for name in AUDIENCES)


# --- links in included READMEs -----------------------------------------------------------------


@pytest.fixture
def on_stage_page(monkeypatch: pytest.MonkeyPatch):
    """kata_pages' state as while rendering docs/katas/warmup/01-cell-to-function.md."""
    stage_page = SimpleNamespace(
        src_uri="katas/warmup/01-cell-to-function.md",
        abs_src_path=str(REPO / "docs/katas/warmup/01-cell-to-function.md"),
        is_documentation_page=lambda: True,
    )
    index = SimpleNamespace(
        src_uri="katas/warmup/index.md",
        abs_src_path=str(REPO / "docs/katas/warmup/index.md"),
        is_documentation_page=lambda: True,
    )
    monkeypatch.setattr(kata_pages.state, "root", REPO)
    monkeypatch.setattr(kata_pages.state, "page", _page(stage_page.src_uri))
    monkeypatch.setattr(kata_pages.state, "files", [stage_page, index])
    return "katas/warmup/stages/01-cell-to-function/README.md"


def test_a_link_to_a_readme_becomes_a_link_to_its_page(on_stage_page: str):
    """A README's link to its kata's README or to a stage README points at that page of the site."""
    line = "See [the story](../../README.md#files) and [this stage](README.md)."
    assert kata_pages.rewrite_line(line, on_stage_page) == (
        "See [the story](index.md#files) and [this stage](01-cell-to-function.md)."
    )


def test_a_link_to_a_kata_file_becomes_its_path(on_stage_page: str):
    """A link to a file the site does not publish is shown as the file's path in the repository."""
    line = "Open [the notebook](../../workspace/explore.ipynb) or [explore.py](../../workspace/explore.py)."
    assert kata_pages.rewrite_line(line, on_stage_page) == (
        "Open the notebook (`katas/warmup/workspace/explore.ipynb`) or `katas/warmup/workspace/explore.py`."
    )


def test_links_in_code_and_external_links_are_left_alone(on_stage_page: str):
    """Code spans, external links and anchors on the same page are not touched."""
    line = "Type `[x](y.md)`, read [docs](https://docs.pytest.org/) and [hints](#hints)."
    assert kata_pages.rewrite_line(line, on_stage_page) == line


def test_a_broken_link_in_a_readme_is_reported(
    on_stage_page: str, caplog: pytest.LogCaptureFixture
):
    """A README link to nothing is left as it is and logged as a warning, so --strict fails."""
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.kata_pages"):
        line = kata_pages.rewrite_line("[gone](../../nothing-here.md)", on_stage_page)
    assert line == "[gone](../../nothing-here.md)"
    assert "link '../../nothing-here.md': no such file" in caplog.text


def test_included_lines_are_rewritten_and_page_lines_are_not(on_stage_page: str):
    """Only the lines between the include markers are rewritten; fenced code inside them is kept."""
    page_text = kata_pages.on_page_markdown(
        f'[mine](../../why.md)\n\n--8<-- "{on_stage_page}"\n', _page("katas/warmup/01-cell-to-function.md"),
        None, kata_pages.state.files,
    )  # fmt: skip
    lines = page_text.splitlines()
    begin = lines.index(f"<!-- kata-include: {on_stage_page} -->")
    # What pymdownx.snippets would leave: the README's lines in place of the include line.
    lines[begin + 1 : begin + 2] = [
        "[story](../../README.md)",
        "```",
        "[story](../../README.md)",
        "```",
    ]
    out = kata_pages.IncludedLinksPreprocessor(None).run(lines)
    assert out == [
        "[mine](../../why.md)",
        "",
        "[story](index.md)",
        "```",
        "[story](../../README.md)",
        "```",
    ]


# --- the repository's address, and what stage pages fold ----------------------------------------

folds = load_hook("folds")
REPO_URL = "https://github.com/example/notebook-katas"


def test_a_stage_page_is_edited_in_its_readme_when_the_site_knows_the_repository(on_stage_page):
    page = _page("katas/warmup/01-cell-to-function.md")
    include = '--8<-- "katas/warmup/stages/01-cell-to-function/README.md"\n'
    kata_pages.on_page_markdown(include, page, SimpleNamespace(repo_url=REPO_URL), [])
    assert (
        page.edit_url == f"{REPO_URL}/edit/main/katas/warmup/stages/01-cell-to-function/README.md"
    )
    unknown = _page("katas/warmup/01-cell-to-function.md")
    kata_pages.on_page_markdown(include, unknown, SimpleNamespace(repo_url=None), [])
    assert not hasattr(unknown, "edit_url")  # no made-up address


def test_the_reference_solution_links_its_folder_only_when_the_site_knows_the_repository():
    folds.state.root = REPO
    linked = folds.solution_section("warmup", "01-cell-to-function", repo_url=REPO_URL)
    assert f"]({REPO_URL}/tree/main/solutions/warmup/01-cell-to-function)" in linked
    plain = folds.solution_section("warmup", "01-cell-to-function")
    assert "`solutions/warmup/01-cell-to-function/` in the repository" in plain
    assert "](" not in plain.split("??? example")[0]


def test_the_facilitation_notes_are_folded_like_the_hints():
    lines = ["## Facilitation notes", "", "- A slip that gives", "  the stage away.", "", "## Next"]
    out = folds.FoldedHintsPreprocessor(None).run(lines)
    assert out[:4] == [
        "## Facilitation notes",
        "",
        '??? note "For the facilitator: where mobs get stuck"',
        "",
    ]
    assert "      the stage away." in out
    assert out[-1] == "## Next"


# --- the CLI reference -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", *command_names()])
def test_each_command_gets_its_own_help_text(name: str):
    """A kata-help marker becomes the command's --help output from the real parser."""
    block = cli_help.help_block(build_parser(), name)
    assert block.startswith(f"```text\n$ kata {name} --help".replace("  ", " "))
    assert f"usage: kata {name}".rstrip() in block


def test_an_unknown_command_gets_a_note_not_a_crash():
    """A section for a command this version lacks shows a note instead of failing the build."""
    assert "is not part of this version" in cli_help.help_block(build_parser(), "teleport")


def test_a_reference_without_a_commands_section_stops_the_build():
    """The CLI reference must have a section per command; the hook fails the build when one is missing."""
    text = "".join(
        f"## kata {name}\n\n<!-- kata-help: {name} -->\n\n" for name in command_names()[1:]
    )
    with pytest.raises(PluginError, match=f"'## kata {command_names()[0]}'"):
        cli_help.on_page_markdown(text, _page("reference/cli.md"), None, None)


# --- rendered notebooks ------------------------------------------------------------------------

notebooks = load_hook("notebooks")


def test_notebook_pages_lose_the_scripts_that_load_from_a_cdn():
    """nbconvert's MathJax and Mermaid loaders are removed; the page's own scripts stay."""
    html = (
        '<script src="">\n</script><script type="text/x-mathjax-config">init_mathjax()</script>'
        '<script type="module">await import("https://cdnjs.example.org/mermaid.esm.min.mjs")</script>'
        '<script src="https://cdn.example.org/require.js"></script>'
        "<script>document.addEventListener('clipboard-copy', notice)</script>"
        '<script src="../../assets/javascripts/bundle.js"></script>'
    )
    assert notebooks._drop_remote_scripts(html) == (
        "<script>document.addEventListener('clipboard-copy', notice)</script>"
        '<script src="../../assets/javascripts/bundle.js"></script>'
    )


def test_the_final_report_comes_from_the_last_stage_with_the_notebook(tmp_path: Path):
    """The final report is the notebook of the last stage in the manifest whose solution has it."""
    kata = next(kata for kata in load_all(REPO / "katas") if len(kata.stages) >= 2)
    solutions = tmp_path / "solutions" / kata.name
    for stage in kata.stages[:2]:
        (solutions / stage.slug).mkdir(parents=True)
        (solutions / stage.slug / "analysis.ipynb").write_text("{}", encoding="utf-8")
    folder, title = notebooks.final_solution(tmp_path, kata.kata_dir, "analysis.ipynb")
    assert folder == solutions / kata.stages[1].slug
    assert title == f"stage 2, {kata.stages[1].title}"


def test_a_kata_without_its_notebook_stops_the_build(tmp_path: Path):
    """A kata named in NOTEBOOKS whose start notebook is missing fails the build with a clear message."""
    with pytest.raises(
        PluginError, match=r"no analysis.ipynb in penguins/start/ or penguins/workspace/"
    ):
        notebooks.start_notebook(tmp_path / "penguins", "analysis.ipynb")


def test_every_diagram_is_drawn_at_its_natural_size_unless_it_says_otherwise():
    """The diagrams hook gives each mermaid block `useMaxWidth: false`; own front matter stays."""
    plain = '<pre class="mermaid"><code>flowchart TB\n    A --&gt; B</code></pre>'
    own = '<pre class="mermaid"><code>---\ntitle: mine\n---\nflowchart LR</code></pre>'
    html = diagrams.on_page_content(f"<p>x</p>{plain}{own}", None, None, None)
    assert html == (
        '<p>x</p><pre class="mermaid"><code>---\nconfig:\n  flowchart:\n    useMaxWidth: false\n'
        "---\nflowchart TB\n    A --&gt; B</code></pre>" + own
    )
