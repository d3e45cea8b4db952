"""The study site in a real browser: Debian's chromium, driven by Playwright, on the built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from site_coverage import REPO

from kata.manifest import load_all

pytest_plugins = ["site_fixtures"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 10_000  # ms


def test_the_home_page_loads_without_console_errors(tab):
    """The home page loads, shows the site's title, and logs no error and no failed or external request."""
    tab.open("")
    tab.page.wait_for_selector("h1", timeout=TIMEOUT)
    assert "Notebook katas" in tab.page.title()
    assert tab.page.locator("h1").first.inner_text().rstrip("¶").strip() == "Notebook katas"
    tab.page.wait_for_load_state("networkidle")
    tab.screenshot("home")
    assert tab.errors == []


def _search(tab, words: str) -> list[str]:
    """Type `words` into the site's search box and return the links of all results."""
    tab.open("")
    field = tab.page.locator("input.md-search__input")
    field.click()
    meta = tab.page.locator(".md-search-result__meta")
    # The search worker builds its index first; typed text is only searched once it is ready.
    tab.page.wait_for_function(
        "() => !/initializing/i.test(document.querySelector('.md-search-result__meta').innerText)",
        timeout=TIMEOUT * 3,
    )
    field.press_sequentially(words, delay=20)
    tab.page.wait_for_selector(".md-search-result__item", timeout=TIMEOUT)
    tab.page.wait_for_function(
        "() => /matching/i.test(document.querySelector('.md-search-result__meta').innerText)",
        timeout=TIMEOUT,
    )
    assert "matching" in meta.inner_text()
    # The list shows ten results and renders more as it is scrolled; scroll until it stops growing.
    links = tab.page.locator("a.md-search-result__link")
    for _ in range(10):
        before = links.count()
        tab.page.locator(".md-search__scrollwrap").evaluate(
            "element => { element.scrollTop = element.scrollHeight }"
        )
        tab.page.wait_for_timeout(200)
        if links.count() == before:
            break
    return links.evaluate_all("anchors => anchors.map(a => a.href)")


def test_searching_leakage_finds_the_developers_guide_and_the_kata(tab):
    """Searching "leakage" finds the developers' guide on leakage and the penguins kata (stage 5 once it exists)."""
    links = _search(tab, "leakage")
    tab.screenshot("search-leakage")
    assert any("/guides/developers/train-test-split-and-leakage/" in link for link in links), links
    assert any("/katas/penguins/" in link for link in links), links
    penguins = next(kata for kata in load_all(REPO / "katas") if kata.name == "penguins")
    if any(stage.slug == "05-fix-the-leak" for stage in penguins.stages):
        assert any("/katas/penguins/05-fix-the-leak/" in link for link in links), links
    assert tab.errors == []


@pytest.mark.parametrize("kata", load_all(REPO / "katas"), ids=lambda kata: kata.name)
def test_a_kata_page_leads_to_its_first_stage(tab, kata):
    """From a kata's page, its stage table's first link opens the first stage's page."""
    first = kata.stages[0]
    tab.open(f"katas/{kata.name}/")
    tab.page.locator("article table a", has_text=first.title).first.click()
    tab.page.wait_for_url(f"**/katas/{kata.name}/{first.slug}/", timeout=TIMEOUT)
    # With instant navigation the address changes first and the content a moment later.
    expect(tab.page.locator("article h1").first).to_have_text(
        re.compile(rf"^Stage {first.number}\b"), timeout=TIMEOUT
    )
    tab.screenshot(f"{kata.name}-stage-1")
    assert tab.errors == []


@pytest.mark.parametrize("notebook", ["start-notebook", "final-report"])
def test_a_rendered_notebook_shows_a_figure(tab, notebook: str):
    """A rendered notebook page shows at least one figure from the notebook itself, drawn by the browser."""
    tab.open(f"katas/penguins/{notebook}/")
    figure = tab.page.locator(".jupyter-wrapper img").first
    figure.wait_for(timeout=TIMEOUT)
    source = figure.get_attribute("src") or ""
    assert source.startswith("data:image/") or not source.startswith(("http:", "https:", "//")), (
        source
    )
    figure.scroll_into_view_if_needed()
    assert figure.evaluate("image => image.complete && image.naturalWidth > 0")
    tab.screenshot(f"notebook-{notebook}")
    assert tab.errors == []


def test_a_glossary_term_shows_its_definition_on_hover(tab):
    """Hovering a glossary term shows its definition in a tooltip."""
    tab.open("")
    term = tab.page.locator("article abbr").first
    term.wait_for(timeout=TIMEOUT)
    definition = term.get_attribute("title") or term.get_attribute("data-md-tooltip") or ""
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = tab.page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(timeout=TIMEOUT)
    text = tooltip.inner_text().strip()
    tab.screenshot("glossary-hover")
    assert text, "the tooltip is empty"
    assert not definition or text == definition.strip()
    assert tab.errors == []


def test_a_diagram_is_drawn_with_the_sites_own_mermaid(tab):
    """A page with a mermaid diagram draws it without fetching mermaid (or anything) from the internet."""
    tab.open("why/")
    diagram = tab.page.locator("article div.mermaid").first
    diagram.wait_for(timeout=TIMEOUT)  # the theme swaps <pre class="mermaid"> for a drawn <div>
    tab.page.wait_for_function(
        "() => document.querySelector('article div.mermaid').getBoundingClientRect().height > 50",
        timeout=TIMEOUT,
    )
    diagram.scroll_into_view_if_needed()
    tab.screenshot("diagram")
    assert tab.errors == []


# Material draws each diagram in a closed shadow root; opened here so that its text can be read.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (options) {
  return attach.call(this, Object.assign({}, options, { mode: "open" }));
};
"""
DIAGRAM_TEXT_SIZES = """() => [...document.querySelectorAll("article div.mermaid")].map(host => {
  const svg = host.shadowRoot && host.shadowRoot.querySelector("svg");
  if (!svg) return [];
  const scale = svg.getScreenCTM().a;  // how much the drawing is shrunk or grown on screen
  return [...svg.querySelectorAll("text, foreignObject span, foreignObject p")]
    .filter(node => node.textContent.trim())
    .map(node => parseFloat(getComputedStyle(node).fontSize) * scale);
})"""


def diagram_pages(site: Path) -> list[str]:
    """Every built page with a diagram, wherever it came from (a page, an included README, a map)."""
    folders = [
        page.parent.relative_to(site)
        for page in site.rglob("index.html")
        if '<pre class="mermaid">' in page.read_text(encoding="utf-8")
    ]
    return sorted("" if folder == Path() else f"{folder}/" for folder in folders)


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_diagram_text_is_legible_at_desktop_and_phone_widths(tab, width, built_site):
    """Every diagram's text is drawn at 12 px or more on a desktop and on a phone (a diagram wider
    than the column scrolls sideways instead of shrinking)."""
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.page.add_init_script(OPEN_SHADOW_ROOTS)
    pages = diagram_pages(built_site)
    assert len(pages) >= 10, pages
    small = []
    for page in pages:
        tab.open(page)
        tab.page.wait_for_function(
            "() => [...document.querySelectorAll('article div.mermaid')].every("
            "host => host.shadowRoot && host.shadowRoot.querySelector('svg'))",
            timeout=TIMEOUT * 2,
        )
        sizes = [size for diagram in tab.page.evaluate(DIAGRAM_TEXT_SIZES) for size in diagram]
        assert sizes, f"{page}: no diagram text found"
        if min(sizes) < 12:
            small.append(f"{page} ({min(sizes):.1f} px)")
    assert not small, f"diagram text under 12 px at {width} px: {', '.join(small)}"
    assert tab.errors == []


def _copied(tab, block) -> str:
    """What the copy button of `block` puts on the clipboard: the text shown while the theme
    marks the code as being copied (it reads innerText then), trailing blanks trimmed."""
    return block.evaluate(
        """code => {
            code.setAttribute("data-md-copying", "");
            const text = code.innerText;
            code.removeAttribute("data-md-copying");
            return text.trimEnd();
        }"""
    )


def test_a_copied_command_block_is_commands_that_run(tab):
    """The home page's commands copy without prompts or comments: they paste into a shell as is."""
    tab.open("")
    block = tab.page.locator(".highlight code:has(.gp)").first
    block.wait_for(timeout=TIMEOUT)
    shown = block.inner_text()
    assert shown.lstrip().startswith("$"), f"the block should show prompts: {shown!r}"
    lines = [line.strip() for line in _copied(tab, block).splitlines()]
    assert lines == ["make practice", "make test"], lines
