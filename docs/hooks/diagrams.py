"""Diagrams keep their natural size: every mermaid diagram is drawn with `useMaxWidth: false`.

By default mermaid shrinks a drawing to the column, which took the text of the wider diagrams down
to 3-9 px (6 px on a phone for stage 6's, which comes in with its README). At its natural size a
diagram's text is the page's own, and the site's stylesheet lets a diagram wider than the column
scroll sideways (tests/site/test_site_browser.py measures it). The setting is added to the built
page, so diagrams in the docs, in included READMEs and in generated maps all get it; a diagram
that brings its own front matter keeps it.
"""

from __future__ import annotations

import re

DIAGRAM = re.compile(r'<pre class="mermaid"><code>(?!---)')
NATURAL_SIZE = "---\nconfig:\n  flowchart:\n    useMaxWidth: false\n---\n"


def on_page_content(html, page, config, files):
    return DIAGRAM.sub(lambda match: match.group(0) + NATURAL_SIZE, html)
