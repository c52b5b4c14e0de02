"""Extract stage: HTML (through trafilatura) or plain text into typed blocks.

The only module that imports trafilatura. HTML keeps the kinds trafilatura marks (heading,
paragraph, list item, quote, table) plus captions found in the page's figures; plain text is
split into blocks without relying on one dumper's habits (bullets, indentation, blank lines,
hard wrapping all vary).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex
import trafilatura
from lxml import etree, html as lxml_html

from .records import Block, BlockKind, Metadata
from .textutil import fingerprint, is_prose, squash_space

#: The line that opens the notes section of cleanse's own text output; reading it back keeps
#: the notes as notes, so cleaning cleanse's output again changes nothing.
NOTES_MARKER = "=== provenance ==="

#: How list items from HTML are marked in text output.
HTML_BULLET = "• "
_BULLET = regex.compile(r"^\s*(?:[•●○◦▪▫■□‣∙·*+]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
_MD_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s+")
_NOTE_LINE = regex.compile(r"^\[(\w+)\]\s+(.+)$")
# Hard-wrapped dumps (html2text wraps at 78 columns) fill most lines to near one width.
_WRAP_MIN_WIDTH = 50
_WRAP_MAX_WIDTH = 100
_WRAP_SLACK = 18
_WRAP_SHARE = 0.3
_WRAP_MIN_LINES = 3
_WRAP_OVERLONG_SHARE = 0.15
_HYPHEN_BREAK = regex.compile(r"\p{L}-$")
_WRAP_CUT_SHARE = 0.6
_SENTENCE_END = regex.compile(r"[.!?:;\"”»)]$")

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr label legend li main nav ol option p pre "
    "section summary table td th tr ul button".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg head iframe object".split())


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction learnt from one input."""

    blocks: tuple[Block, ...]
    title: str | None
    metadata: Metadata
    page_lines: tuple[str, ...]
    # Lines of a notes section read back from cleanse's own output (kept out of the body).
    note_lines: tuple[str, ...] = ()


# --- plain text -------------------------------------------------------------------------


def split_text(text: str) -> Extraction:
    """Split already-scraped plain text into blocks.

    >>> [b.text for b in split_text("Title\\n\\n  • Post author:\\nBody line.").blocks]
    ['Title', 'Post author:', 'Body line.']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body, _, notes = text.partition("\n" + NOTES_MARKER + "\n")
    if text.startswith(NOTES_MARKER + "\n"):
        body, notes = "", text[len(NOTES_MARKER) + 1:]
    lines = body.split("\n")
    width = _wrap_width(lines)
    blocks = tuple(_line_block(group) for group in _group_lines(lines, width))
    note_lines = tuple(
        m.group(2).strip() for line in notes.split("\n") if (m := _NOTE_LINE.match(line.strip()))
    )
    # Notes read back first, so re-reading output keeps the notes in the order it printed them.
    page_lines = note_lines + tuple(b.text for b in blocks)
    return Extraction(blocks=tuple(b for b in blocks if b.text), title=None,
                      metadata=Metadata(), page_lines=page_lines, note_lines=note_lines)


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapping dumper filled lines to, or None when lines are unwrapped."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 5:
        return None
    width = max((n for n in lengths if n <= _WRAP_MAX_WIDTH), default=0)
    overlong = sum(1 for n in lengths if n > width + _WRAP_SLACK)
    # A wrapper cannot break a long URL or link, so a few lines run past the width.
    if width < _WRAP_MIN_WIDTH or overlong > len(lengths) * _WRAP_OVERLONG_SHARE:
        return None
    near = [line.rstrip() for line in lines if width - _WRAP_SLACK <= len(line.rstrip()) <= width]
    # A wrapping dumper cuts mid-sentence: most full-width lines end without a sentence end.
    cut = sum(1 for line in near if not _SENTENCE_END.search(line))
    if len(near) < _WRAP_MIN_LINES or cut < len(near) * _WRAP_CUT_SHARE:
        return None
    return width if len(near) / len(lengths) >= _WRAP_SHARE else None


def _group_lines(lines: list[str], width: int | None) -> Iterator[str]:
    """Yield one string per block: every line alone, unless wrapped lines continue a paragraph."""
    current: list[str] = []
    for line in lines:
        stripped = line.strip()
        starts_new = not stripped or _BULLET.match(line) or _MD_HEADING.match(line)
        continues = (
            current and width is not None and not starts_new
            and len(current[-1]) >= width - _WRAP_SLACK
        )
        if current and not continues:
            yield _join_wrapped(current)
            current = []
        if stripped:
            current.append(stripped)
    if current:
        yield _join_wrapped(current)


def _join_wrapped(lines: list[str]) -> str:
    """Join a wrapped paragraph's lines; a wrapper that broke "sea-level" at its hyphen gets the
    word back whole."""
    text = lines[0]
    for line in lines[1:]:
        glued = _HYPHEN_BREAK.search(text) and line[:1].islower()
        text += line if glued else " " + line
    return text


def _line_block(line: str) -> Block:
    for pattern, kind in ((_MD_HEADING, BlockKind.HEADING), (_BULLET, BlockKind.LIST_ITEM)):
        if (match := pattern.match(line)) and line[match.end():].strip():
            prefix = line[:match.end()]
            marker = squash_space(prefix) + (" " if prefix[-1].isspace() else "")
            return Block(squash_space(line[match.end():]), kind, marker)
    return Block(squash_space(line), BlockKind.PARAGRAPH)


# --- HTML -------------------------------------------------------------------------------


def extract_html(page: str, url: str | None = None, include_tables: bool = True) -> Extraction:
    """Extract the main text of an HTML page into typed blocks, with metadata and page lines."""
    tree = _parse(page)
    page_lines = tuple(page_text_lines(tree)) if tree is not None else ()
    result = trafilatura.bare_extraction(
        page, url=url, include_comments=False, include_tables=include_tables,
        with_metadata=True, favor_precision=False,
    )
    if result is None or result.body is None:
        return Extraction(blocks=(), title=None, metadata=Metadata(url=url), page_lines=page_lines)
    captions = {fingerprint(c) for c in _figure_captions(tree)} if tree is not None else set()
    blocks = tuple(_typed_blocks(result.body, captions))
    blocks = rescue_lead(page_lines, result.title, blocks) + blocks
    metadata = Metadata(
        url=url or result.url, site_name=result.sitename, date=result.date,
        authors=tuple(a.strip() for a in (result.author or "").split(";") if a.strip()),
        language=result.language,
    )
    return Extraction(blocks=blocks, title=result.title, metadata=metadata, page_lines=page_lines)


def rescue_lead(page_lines: tuple[str, ...], title: str | None,
                blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Prose between the headline and the first extracted block: the standfirst or lead.

    Extractors often drop a lead that sits in the header element beside the h1.

    >>> lead = "A storm hit the coast on Monday, cutting power to ten thousand homes in the towns overnight."
    >>> lines = ("Home", "Storm hits coast", lead, "Body.")
    >>> [b.text for b in rescue_lead(lines, "Storm hits coast", (Block("Body."),))] == [lead]
    True
    """
    if not title or not blocks:
        return ()
    keys = [fingerprint(line) for line in page_lines]
    title_key = fingerprint(title)
    first_key = next((k for b in blocks if (k := fingerprint(b.text)) != title_key), None)
    start = next((i for i, k in enumerate(keys) if k == title_key), None)
    if start is None or first_key is None:
        return ()
    end = next((i for i, k in enumerate(keys) if i > start and k and first_key.startswith(k)), None)
    if end is None:
        return ()
    extracted = {fingerprint(b.text) for b in blocks}
    return tuple(Block(line) for line, key in zip(page_lines[start + 1:end], keys[start + 1:end],
                                                   strict=True)
                 if is_prose(line) and key not in extracted)


def _parse(page: str) -> etree._Element | None:
    try:
        return lxml_html.document_fromstring(page.encode("utf-8"),
                                             parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return None


_KIND_BY_TAG = {"head": BlockKind.HEADING, "p": BlockKind.PARAGRAPH, "quote": BlockKind.QUOTE,
                "item": BlockKind.LIST_ITEM, "row": BlockKind.TABLE, "code": BlockKind.PARAGRAPH}


def _typed_blocks(body: etree._Element, captions: set[str]) -> Iterator[Block]:
    for element in body.iter("head", "p", "quote", "item", "row", "code"):
        if element.getparent() is not None and element.getparent().tag in {"quote", "item", "cell"}:
            continue  # nested text is read with its container
        if element.tag == "row":
            text = " | ".join(squash_space(" ".join(c.itertext())) for c in element)
        else:
            text = squash_space(" ".join(element.itertext()))
        if not text:
            continue
        kind = _KIND_BY_TAG[element.tag]
        if fingerprint(text) in captions:
            kind = BlockKind.CAPTION
        yield Block(text, kind, HTML_BULLET if kind is BlockKind.LIST_ITEM else "")


def _figure_captions(tree: etree._Element) -> Iterable[str]:
    for element in tree.iter("figcaption", "caption"):
        if element.tag == "caption" and element.getparent() is not None \
                and element.getparent().tag == "table":
            continue
        text = squash_space(" ".join(element.itertext()))
        if text:
            yield text


def page_text_lines(tree: etree._Element) -> Iterator[str]:
    """Every visible line of the page, block elements breaking lines (what a naive dumper saves)."""
    pieces: list[str] = []
    skip_depth = 0
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP_TAGS:
            skip_depth += 1 if event == "start" else -1
            if event == "end" and skip_depth == 0 and element.tail:
                pieces.append(element.tail)
            continue
        if skip_depth:
            continue
        if tag in _BLOCK_TAGS:
            pieces.append("\n")
        if event == "start" and element.text and tag:
            pieces.append(element.text)
        elif event == "end" and element.tail:
            pieces.append(element.tail)
    for line in "".join(pieces).split("\n"):
        if squashed := squash_space(line):
            yield squashed

