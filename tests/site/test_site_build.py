"""The study site builds with --strict, loads nothing from the internet, and shows generated content."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from site_coverage import REPO

from kata.cli import command_names
from kata.manifest import load_all

pytest_plugins = ["site_fixtures"]
pytestmark = pytest.mark.slow

# <link rel=...> values that name another document instead of loading a resource into the page.
NOT_LOADED = {"canonical", "alternate", "next", "prev", "author", "license", "help", "search", "me"}
REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
REMOTE_IN_TEXT = re.compile(
    r"""(url\(\s*['"]?\s*(https?:)?//|@import\s+['"]?(https?:)?//|import\(\s*['"]https?://)"""
)


class _Resources(HTMLParser):
    """Collects every URL a page would load by itself: scripts, styles, images, fonts, frames."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self._in = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = set(values.get("rel", "").lower().split())
        if tag == "link" and not rel & NOT_LOADED:
            self.loads.append(values.get("href", ""))
        if tag in (
            "script",
            "img",
            "iframe",
            "source",
            "audio",
            "video",
            "embed",
            "track",
            "input",
        ):
            self.loads.append(values.get("src", ""))
        if tag == "video":
            self.loads.append(values.get("poster", ""))
        if tag == "object":
            self.loads.append(values.get("data", ""))
        for srcset in (values.get("srcset", ""), values.get("imagesrcset", "")):
            self.loads += [part.strip().split(" ")[0] for part in srcset.split(",") if part.strip()]
        if REMOTE_IN_TEXT.search(values.get("style", "")):
            self.loads.append(f"style attribute of <{tag}>: {values['style'][:80]}")
        self._in = tag

    def handle_data(self, data: str) -> None:
        if self._in in ("style", "script") and REMOTE_IN_TEXT.search(data):
            self.loads.append(f"inside <{self._in}>: {REMOTE_IN_TEXT.search(data).group(0)}")

    def handle_endtag(self, tag: str) -> None:
        self._in = ""


def remote_loads(html: str) -> list[str]:
    parser = _Resources()
    parser.feed(html)
    return [
        url for url in parser.loads if REMOTE.match(url) or url.startswith(("style ", "inside "))
    ]


def test_the_site_builds_with_strict(site_build):
    """`mkdocs build --strict` succeeds: no broken link, missing page, missing snippet or warning."""
    assert site_build.returncode == 0, "mkdocs build --strict failed:\n" + "\n".join(
        site_build.output.strip().splitlines()[-40:]
    )
    print(f"site built in {site_build.seconds:.1f} s")


def test_pages_follow_the_reader_s_light_or_dark_setting_with_a_toggle(built_site: Path):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    for scheme in ("light", "dark"):
        assert f'data-md-color-media="(prefers-color-scheme: {scheme})"' in page


def test_no_page_loads_anything_from_the_internet(built_site: Path):
    """No built page loads a script, style, image, font or frame from another host."""
    found = {}
    for page in sorted(built_site.rglob("*.html")):
        remote = remote_loads(page.read_text(encoding="utf-8"))
        if remote:
            found[page.relative_to(built_site).as_posix()] = remote[:3]
    for sheet in sorted(built_site.rglob("*.css")):
        match = REMOTE_IN_TEXT.search(sheet.read_text(encoding="utf-8", errors="replace"))
        if match:
            found[sheet.relative_to(built_site).as_posix()] = [match.group(0)]
    assert not found, f"pages that load from the internet: {found}"


def test_the_resource_scan_notices_remote_resources():
    """The scan above would notice each kind of remote resource (so its silence means something)."""
    html = """
      <link rel="stylesheet" href="https://cdn.example.org/a.css">
      <link rel="canonical" href="https://example.org/page/">
      <script src="//cdn.example.org/b.js"></script>
      <img src="https://example.org/c.png" srcset="d.png 1x, https://example.org/d2.png 2x">
      <iframe src="https://www.example.org/embed"></iframe>
      <style>@font-face { src: url("https://fonts.example.org/e.woff2") }</style>
      <script type="module">await import("https://cdn.example.org/f.mjs")</script>
      <a href="https://example.org/">a link is fine</a>
      <img src="data:image/png;base64,AAAA"><script src="assets/local.js"></script>
    """
    found = remote_loads(html)
    assert len(found) == 7, found
    assert not any("canonical" in url or url == "https://example.org/" for url in found)


def test_pages_with_diagrams_use_the_local_mermaid(built_site: Path):
    """Pages with a mermaid diagram load mermaid from the site, so the theme never fetches it from a CDN."""
    pages = [
        p for p in built_site.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")
    ]
    without = [
        p.relative_to(built_site).as_posix()
        for p in pages
        if not re.search(
            r'<script src="[^"]*assets/vendor/mermaid/mermaid\.min\.js"',
            p.read_text(encoding="utf-8"),
        )
    ]
    assert not without, f"pages with diagrams but without the local mermaid: {without}"


def _page(built_site: Path, path: str) -> str:
    file = built_site / path / "index.html"
    assert file.is_file(), f"the site has no page {path}/"
    return file.read_text(encoding="utf-8")


@pytest.mark.parametrize("kata", load_all(REPO / "katas"), ids=lambda kata: kata.name)
def test_each_stage_page_shows_its_readme_and_the_kata_page_its_minutes(built_site: Path, kata):
    """Each stage page shows its included README; each kata page lists every stage with its minutes."""
    index = _page(built_site, f"katas/{kata.name}")
    for stage in kata.stages:
        heading = stage.readme.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
        page = _page(built_site, f"katas/{kata.name}/{stage.slug}")
        assert heading in page, (
            f"katas/{kata.name}/{stage.slug}/ does not show its README ({heading!r})"
        )
        row = re.search(
            rf'href="{stage.slug}/">{re.escape(stage.title)}</a></td>\s*<td[^>]*>{stage.minutes}</td>',
            index,
        )
        assert row, (
            f"katas/{kata.name}/ has no table row for stage {stage.number} with {stage.minutes} minutes"
        )


class _TopLevelItems(HTMLParser):
    """Counts the items of the first list after the heading with id `anchor` (not nested ones)."""

    def __init__(self, anchor: str) -> None:
        super().__init__(convert_charrefs=True)
        self.anchor, self.seen_heading, self.depth, self.items, self.done = (
            anchor,
            False,
            0,
            0,
            False,
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "h2" and dict(attrs).get("id") == self.anchor:
            self.seen_heading = True
        elif self.seen_heading and tag in ("ol", "ul"):
            self.depth += 1
        elif self.seen_heading and tag == "li" and self.depth == 1:
            self.items += 1

    def handle_endtag(self, tag: str) -> None:
        if self.seen_heading and not self.done and tag in ("ol", "ul"):
            self.depth -= 1
            self.done = self.depth == 0


@pytest.mark.parametrize("kata", load_all(REPO / "katas"), ids=lambda kata: kata.name)
def test_each_numbered_step_of_a_stage_is_its_own_list_item(built_site: Path, kata):
    """A fenced block inside a step must not swallow the steps after it into one paragraph."""
    for stage in kata.stages:
        text = stage.readme.read_text(encoding="utf-8")
        steps = text.split("\n## Steps\n", 1)[1].split("\n## ", 1)[0]
        written = len(re.findall(r"(?m)^\d+\. ", steps))
        counter = _TopLevelItems("steps")
        counter.feed(_page(built_site, f"katas/{kata.name}/{stage.slug}"))
        assert counter.items == written, (
            f"katas/{kata.name}/{stage.slug}/ shows {counter.items} steps; its README numbers "
            f"{written}. Leave a blank line before a step that follows a fenced block."
        )


@pytest.mark.parametrize("kata", load_all(REPO / "katas"), ids=lambda kata: kata.name)
def test_hints_and_the_reference_solution_are_folded(built_site: Path, kata):
    """Each hint is its own closed block, as `kata hint` gives them; so is each solution file."""
    for stage in kata.stages:
        page = _page(built_site, f"katas/{kata.name}/{stage.slug}")
        hints = re.findall(r'<details class="tip"[^>]*>\s*<summary>Hint (\d+) of (\d+)', page)
        assert [int(number) for number, _ in hints] == list(range(1, len(stage.hints) + 1)), (
            f"katas/{kata.name}/{stage.slug}/ folds hints {hints}; it has {len(stage.hints)}"
        )
        assert '<details class="tip" open' not in page, "a hint is shown unfolded"
        for hint in stage.hints:
            assert hint[:40] not in page.split('<details class="tip"')[0], "a hint shows open"
        solution = page.split('id="the-reference-solution"', 1)
        assert len(solution) == 2, f"katas/{kata.name}/{stage.slug}/ has no reference solution"
        assert '<details class="example">' in solution[1]
        assert '<details class="example" open' not in solution[1]


def test_the_cli_reference_shows_every_commands_own_help(built_site: Path):
    """The CLI reference shows the usage text of every sub-command, generated from its parser."""
    page = _page(built_site, "reference/cli")
    missing = [name for name in command_names() if f"usage: kata {name}" not in page]
    assert not missing, f"no generated usage on reference/cli/ for: {missing}"


def test_the_session_plans_cover_every_stage(built_site: Path):
    """The session plans have a timed plan for every stage, ending at the stage's minutes (or, for a
    stage longer than two hours, two sessions that share them)."""
    page = _page(built_site, "facilitators/session-plans")
    for kata in load_all(REPO / "katas"):
        for stage in kata.stages:
            heading = re.search(
                rf"{re.escape(stage.title)} \({stage.minutes} min(, in two sessions: (\d+) min and "
                r"(\d+) min)?\)",
                page,
            )
            assert heading, f"no plan for {kata.name} {stage.slug}"
            sessions = [int(m) for m in heading.groups()[1:] if m] or [stage.minutes]
            assert sum(sessions) == stage.minutes
            for minutes in sessions:
                end = f"{minutes // 60}:{minutes % 60:02d}"
                assert f"to {end}</td>" in page, (
                    f"no plan ends at {end} for {kata.name} {stage.slug}"
                )


@pytest.mark.parametrize("notebook", ["start-notebook", "final-report"])
def test_the_rendered_notebooks_show_figures(built_site: Path, notebook: str):
    """The start notebook (saved outputs) and the final report (run at build time) show figures."""
    page = _page(built_site, f"katas/penguins/{notebook}")
    figures = re.findall(r'<img[^>]+src="data:image/png;base64,', page)
    assert figures, f"katas/penguins/{notebook}/ shows no figure"
    if notebook == "final-report":
        assert "was run top to bottom in a fresh kernel when this site" in page
