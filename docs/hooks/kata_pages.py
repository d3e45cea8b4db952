"""Kata pages: tables generated from the manifests, and READMEs included with working links.

- `<!-- kata-list -->` becomes a table of every kata (title, stages, total time, audience).
- `<!-- stage-table: KATA -->` becomes a table of the kata's stages with their minutes.
- `<!-- stage-map: KATA -->` becomes a diagram of the kata's stages in order, with their minutes.
- `<!-- readme-sections -->` and `<!-- readme-audiences -->` become the stage README's required
  sections, as `kata dev check` checks them.
- A page that includes a README from katas/ (`--8<-- "katas/.../README.md"`, done by
  pymdownx.snippets) gets that README's relative links rewritten once it is included: a link to a
  stage README or kata README goes to its page on the site, a link to another file of the kata
  becomes its path in code (the site does not publish kata files), a link to nothing fails the build.
"""

from __future__ import annotations

import itertools
import logging
import posixpath
import re
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

from kata.errors import KataError
from kata.manifest import Kata, load_all
from kata.stage_readme import AUDIENCES, REQUIRED_SECTIONS

log = logging.getLogger("mkdocs.hooks.kata_pages")

KATA_LIST = re.compile(r"^<!-- kata-list -->[ \t]*$", re.MULTILINE)
STAGE_TABLE = re.compile(r"^<!-- stage-table: ([\w-]+) -->[ \t]*$", re.MULTILINE)
STAGE_MAP = re.compile(r"^<!-- stage-map: ([\w-]+) -->[ \t]*$", re.MULTILINE)
INCLUDE = re.compile(r"""^([ \t]*)--8<--[ \t]+(["'])(katas/[^"']+\.md)\2[ \t]*$""", re.MULTILINE)
BEGIN = "<!-- kata-include: {path} -->"
BEGIN_RE = re.compile(r"^<!-- kata-include: (.*) -->$")
END = "<!-- kata-include-end -->"
EDIT_URI = "edit/main/docs/"

# [text](target "title") and ![alt](target); the target has no spaces or parentheses.
INLINE_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?((?:\s+\"[^\"]*\")?)\s*\)")
REFERENCE_DEF = re.compile(r"^([ ]{0,3}\[[^\]]+\]:[ \t]*)<?(\S+?)>?(\s.*)?$")
CODE_SPAN = re.compile(r"(`+)(?:.*?[^`])?\1(?!`)")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


class _State:
    root: Path = Path()
    page = None
    files = None


state = _State()


def on_config(config):
    state.root = Path(config.config_file_path).resolve().parent
    config.markdown_extensions.append(IncludedLinksExtension())
    if config.repo_url:
        config.edit_uri = EDIT_URI
    return config


def on_page_markdown(markdown, page, config, files):
    state.page, state.files = page, files
    if any(marker.search(markdown) for marker in (KATA_LIST, STAGE_TABLE, STAGE_MAP)):
        katas = _katas()
        markdown = KATA_LIST.sub(lambda _: kata_list(katas, page.file.src_uri), markdown)
        markdown = STAGE_TABLE.sub(
            lambda match: stage_table(_kata(katas, match.group(1)), page.file.src_uri), markdown
        )
        markdown = STAGE_MAP.sub(lambda match: stage_map(_kata(katas, match.group(1))), markdown)
    markdown = markdown.replace("<!-- readme-sections -->", _names(REQUIRED_SECTIONS, "*{}*"))
    markdown = markdown.replace("<!-- readme-audiences -->", _names(AUDIENCES, "`### {}`"))
    included = INCLUDE.search(markdown)
    if included and config is not None and config.repo_url:
        page.edit_url = edit_url(config.repo_url, included.group(3))
    return INCLUDE.sub(_mark_include, markdown)


def edit_url(repo_url: str, repo_path: str) -> str:
    """Where to edit a file of the repository: a page that includes a README is edited there."""
    return f"{repo_url.rstrip('/')}/edit/main/{repo_path}"


def _names(names: tuple[str, ...], style: str) -> str:
    return ", ".join(style.format(name) for name in names)


def _katas() -> list[Kata]:
    try:
        return load_all(state.root / "katas")
    except KataError as error:
        raise PluginError(f"kata_pages: cannot read the manifests: {error}") from None


def _kata(katas: list[Kata], name: str) -> Kata:
    for kata in katas:
        if kata.name == name:
            return kata
    raise PluginError(f"kata_pages: <!-- stage-table: {name} --> names no kata under katas/")


def _link(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def kata_list(katas: list[Kata], src_uri: str) -> str:
    rows = ["| Kata | Stages | Time | For |", "|---|---|---|---|"]
    for kata in katas:
        link = _link(src_uri, f"katas/{kata.name}/index.md")
        total = sum(stage.minutes for stage in kata.stages)
        rows.append(
            f"| [{kata.title}]({link}) | {len(kata.stages)} | {duration(total)} "
            f"| {', '.join(kata.audience)} |"
        )
    return "\n".join(rows)


def stage_table(kata: Kata, src_uri: str) -> str:
    rows = ["| # | Stage | Minutes | Hints |", "|---:|---|---:|---:|"]
    for stage in kata.stages:
        link = _link(src_uri, f"katas/{kata.name}/{stage.slug}.md")
        rows.append(
            f"| {stage.number} | [{stage.title}]({link}) | {stage.minutes} | {len(stage.hints)} |"
        )
    total = sum(stage.minutes for stage in kata.stages)
    rows.append(f"| | **Total** | **{total}** ({duration(total)}) | |")
    return "\n".join(rows)


def stage_map(kata: Kata) -> str:
    """The stages top to bottom, with their time boxes."""
    lines = ["```mermaid", "flowchart TB"]
    for stage in kata.stages:
        title = stage.title.replace('"', "'")
        lines.append(
            f'    S{stage.number}["{stage.number}. {title}<br/>{duration(stage.minutes)}"]'
        )
    lines += [f"    S{a.number} --> S{b.number}" for a, b in itertools.pairwise(kata.stages)]
    return "\n".join([*lines, "```"])


def _mark_include(match: re.Match) -> str:
    """Fence the include with markers that tell the preprocessor whose links follow."""
    indent, _, path = match.groups()
    return f"{indent}{BEGIN.format(path=path)}\n{match.group(0)}\n{indent}{END}"


# --- links inside included READMEs -------------------------------------------------------------


class IncludedLinksExtension(Extension):
    def extendMarkdown(self, md):
        # After pymdownx.snippets (32) has included the README, before anything else reads it.
        md.preprocessors.register(IncludedLinksPreprocessor(md), "kata_included_links", 31.9)


class IncludedLinksPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out, included, fence = [], [], None
        for line in lines:
            begin = BEGIN_RE.match(line.strip())
            if begin:
                included.append(begin.group(1))
                continue
            if line.strip() == END:
                if included:
                    included.pop()
                continue
            if included:
                fence_match = FENCE.match(line)
                if fence_match and (fence is None or fence_match.group(1)[0] == fence[0]):
                    fence = None if fence else fence_match.group(1)
                elif fence is None:
                    line = rewrite_line(line, included[-1])
            out.append(line)
        return out


def rewrite_line(line: str, source: str) -> str:
    """One line of the included file `source` (a path from the repository root), links rewritten."""
    definition = REFERENCE_DEF.match(line)
    if definition:
        head, target, tail = definition.groups()
        if not _is_relative(target):
            return line
        new = _page_link(source, target)
        if new is None:
            _complain(source, target, "a reference-style link must point at a page of the site")
            return line
        return f"{head}{new}{tail or ''}"
    pieces, last = [], 0  # rewrite the text between code spans, never inside them
    for span in CODE_SPAN.finditer(line):
        pieces.append(INLINE_LINK.sub(lambda m: _rewrite(m, source), line[last : span.start()]))
        pieces.append(span.group(0))
        last = span.end()
    pieces.append(INLINE_LINK.sub(lambda m: _rewrite(m, source), line[last:]))
    return "".join(pieces)


def _is_relative(target: str) -> bool:
    return not re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.IGNORECASE)


def _rewrite(match: re.Match, source: str) -> str:
    bang, text, target, title = match.groups()
    if not _is_relative(target):
        return match.group(0)
    new = _page_link(source, target)
    if new is not None:
        return f"{bang}[{text}]({new}{title})"
    path, _, _ = target.partition("#")
    repo_path = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if bang or (not (state.root / repo_path).is_file() and not (state.root / repo_path).is_dir()):
        _complain(source, target, "images are not published" if bang else "no such file")
        return match.group(0)
    shown = f"`{repo_path}`"
    return (
        shown
        if text.strip("`") in (path, repo_path, posixpath.basename(path))
        else f"{text} ({shown})"
    )


def _page_link(source: str, target: str) -> str | None:
    """The target as a link from the current page to a page of the site, or None."""
    path, hash_, anchor = target.partition("#")
    repo_path = posixpath.normpath(posixpath.join(posixpath.dirname(source), path)) if path else ""
    page = _page_for(repo_path)
    if page is None or state.page is None:
        return None
    return _link(state.page.file.src_uri, page) + hash_ + anchor


def _page_for(repo_path: str) -> str | None:
    parts = repo_path.split("/")
    candidates = []
    if len(parts) == 3 and parts[0] == "katas" and parts[2] == "README.md":
        candidates.append(f"katas/{parts[1]}/index.md")
    if len(parts) == 5 and parts[0] == "katas" and parts[2] == "stages" and parts[4] == "README.md":
        candidates.append(f"katas/{parts[1]}/{parts[3]}.md")
    if parts[0] == "docs":
        candidates.append("/".join(parts[1:]))
    absolute = (state.root / repo_path).resolve()
    for file in state.files or []:
        if file.src_uri in candidates and file.is_documentation_page():
            return file.src_uri
        if (
            file.abs_src_path
            and Path(file.abs_src_path).resolve() == absolute
            and file.is_documentation_page()
        ):
            return file.src_uri
    return None


def _complain(source: str, target: str, why: str) -> None:
    where = state.page.file.src_uri if state.page else "?"
    log.warning(f"{source} (included in {where}): link '{target}': {why}")
