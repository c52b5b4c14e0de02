"""HTML extraction: trafilatura's main-text pick, typed into blocks, plus the page's own lines.

trafilatura's extraction runs here (meta.py and byline.py borrow its metadata readers). Blocks
keep the kinds trafilatura marks (heading, paragraph, list item, quote, table) plus captions
found in the page's figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import regex
import trafilatura
from trafilatura.settings import Extractor
from lxml import etree, html as lxml_html

from ..records import Block, BlockKind, Metadata
from ..textutil import (PROSE_WORDS, REGEX_TIMEOUT_SECONDS, SENTENCE_ENDS, fingerprint, is_prose,
                        squash_space, word_count)
from .common import Extraction
from .meta import page_metadata
from .postpass import judge, lead_hint, place
from .recipe import MARK, rescue_ingredients
from .walk import walk_page

#: How list items from HTML are marked in text output.
HTML_BULLET = "• "

#: A fast pick with less prose than this (characters) is checked by trafilatura's fallbacks.
THIN_PROSE_CHARS = 800
#: ... as is one holding less than this share of the prose lines on the whole page.
THIN_PROSE_SHARE = 0.3
#: C0 control characters other than tab and line breaks (a stray BEL pasted from a word processor).
_CONTROL_CHARS = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: A page line this long (characters, folded) that opens the first paragraph marks where it starts.
OPENING_CHARS = 30
#: A figure caption this long (words) is a paragraph set in a figure, not a caption.
CAPTION_MAX_WORDS = 60
#: A line marked as the lead (class "subtitle", "teaser"...) has at least this many words.
SUBTITLE_WORDS = 5
#: A headline line holds at least this share of the title (the rest being a site name).
HEADLINE_SHARE = 0.4
#: What parts a page title into headline, section and site names ("Headline | Section | Site",
#: "Site – Headline"): a separator with space on both sides.
_HEADLINE_TAGS = frozenset(("h1", "h2", "h3"))
_TITLE_PARTS = regex.compile(r"\s[|/\-–—»·:]{1,2}\s")


def extract_html(page: str, url: str | None = None, include_tables: bool = True) -> Extraction:
    """Extract the main text of an HTML page into typed blocks, with metadata and page lines.

    trafilatura runs in its fast mode (no readability/jusText fallbacks unless the pick looks
    thin) on a tree parsed once; one walk reads the page's lines and indexes its elements, and
    the DOM-aware post-pass then drops the furniture trafilatura keeps.
    """
    tree = _parse(page)
    if tree is None:
        return Extraction(blocks=(), title=None, metadata=Metadata(url=url), page_lines=())
    walked = walk_page(tree)
    page_lines = walked.lines
    result = _trafilatura(tree, url, include_tables, fast=True)
    if result is not None and _thin(result, page_lines):
        fuller = _trafilatura(tree, url, include_tables, fast=False)
        if fuller is not None and fuller.body is not None:
            result.body = fuller.body
    if result is None or result.body is None:
        return Extraction(blocks=(), title=None, metadata=Metadata(url=url), page_lines=page_lines)
    captions = {fingerprint(c) for c in _figure_captions(walked.captions)}
    blocks = tuple(_typed_blocks(result.body, captions))
    title, metadata = page_metadata(tree, url)
    lead = rescue_lead(page_lines, title, blocks, captions, walked.index)
    blocks, removed = judge(place(lead + blocks, walked.index), leads=len(lead))
    if MARK in page:  # a substring test spares most pages the tree search
        blocks = rescue_ingredients(tree, blocks, page_lines)
    return Extraction(blocks=blocks, title=title, metadata=metadata, page_lines=page_lines,
                      removed=removed)


def _trafilatura(tree: etree._Element, url: str | None, include_tables: bool,
                 fast: bool) -> trafilatura.settings.Document | None:
    options = _options(include_tables, fast) if url is None else _new_options(include_tables, fast, url)
    result = trafilatura.bare_extraction(tree, options=options)
    if not isinstance(result, trafilatura.settings.Document) and _strip_control_chars(tree):
        result = trafilatura.bare_extraction(tree, options=options)
    return result if isinstance(result, trafilatura.settings.Document) else None


def _strip_control_chars(tree: etree._Element) -> bool:
    """Blank out C0 control characters in the tree's text; whether there were any.

    lxml refuses such text when trafilatura copies it to a new node, and trafilatura then drops
    the whole page; only a page it dropped is searched, so the common path pays nothing.
    """
    found = False
    for node in tree.iter():
        for attribute in ("text", "tail"):
            value = getattr(node, attribute)
            if value and _CONTROL_CHARS.search(value):
                setattr(node, attribute, _CONTROL_CHARS.sub(" ", value))
                found = True
    return found


def _new_options(include_tables: bool, fast: bool, url: str | None) -> Extractor:
    # Metadata is read apart (page_metadata), without the fields cleanse has no use for; the
    # "xml" format skips the plain-text rendering of the body that cleanse never reads.
    return Extractor(output_format="xml", formatting=False, fast=fast, comments=False,
                     tables=include_tables, with_metadata=False, url=url)


@cache
def _options(include_tables: bool, fast: bool) -> Extractor:
    """Options for pages without a URL, built once (reading trafilatura's config costs)."""
    return _new_options(include_tables, fast, None)


def _thin(result: trafilatura.settings.Document, page_lines: tuple[str, ...]) -> bool:
    """Whether trafilatura's fast pick looks like the wrong or a partial block.

    Its fallbacks (readability, jusText) cost more than the rest of cleanse together, so they
    only run when the fast pick holds few paragraphs of prose or little of the page's prose,
    and never when it already holds as much prose as all the page's lines: on a short page
    whose whole story was picked, they can only trade the pick for something else.
    """
    if result.body is None:
        return True
    picked = [squash_space(" ".join(e.itertext())) for e in result.body]
    prose = sum(len(t) for t in picked if _may_be_prose(t) and is_prose(t))
    may_be_prose = [line for line in page_lines if _may_be_prose(line)]
    if prose >= THIN_PROSE_CHARS and prose >= THIN_PROSE_SHARE * sum(map(len, may_be_prose)):
        return False  # enough prose even if every line that may be prose were prose
    page_prose = sum(len(line) for line in may_be_prose if is_prose(line))
    if 0 < prose and page_prose <= prose:
        return False  # the pick holds all the page's prose: a fallback finds no more story
    return prose < THIN_PROSE_CHARS or prose < THIN_PROSE_SHARE * page_prose


def _may_be_prose(line: str) -> bool:
    """False for a folded line that cannot be prose, told cheaply: printable text has no white
    space but the plain space (so it holds at most one word more than it has spaces), and a
    folded line ends on its last character (so it must be a sentence end)."""
    if not line.isprintable():
        return True
    return line.endswith(SENTENCE_ENDS) and line.count(" ") >= PROSE_WORDS - 1


def rescue_lead(page_lines: tuple[str, ...], title: str | None, blocks: tuple[Block, ...],
                captions: frozenset[str] | set[str] = frozenset(),
                index: dict[str, etree._Element] | None = None) -> tuple[Block, ...]:
    """Prose between the headline and the first extracted paragraph: the standfirst or lead.

    Extractors often drop a lead that sits in the header element beside the h1. The headline
    is the nearest line above the story's first paragraph that reads as the page title (the
    title often carries a site name after it, or the h1 a kicker before it). Figure captions
    (``captions``, fingerprints) there are the lead picture's, not the lead, unless longer than
    any caption (themes that put the lead paragraph in the picture's figcaption). A subtitle
    without a sentence end is taken when its element says it is one (``index``: page elements
    by text, see :func:`~.postpass.lead_hint`).

    >>> lead = "A storm hit the coast on Monday, cutting power to ten thousand homes in the towns overnight."
    >>> lines = ("Home", "Storm hits coast", lead, "Body.")
    >>> [b.text for b in rescue_lead(lines, "Storm hits coast | Daily News", (Block("Body."),))] == [lead]
    True
    """
    title_key = fingerprint(title or "")
    # The headline is the title's first part ("Headline | Section | Site") or, when the site
    # name comes first, its longest ("Site – Headline").
    if not title_key or not blocks:
        return ()
    try:
        parts = [fingerprint(part)
                 for part in _TITLE_PARTS.split(title or "", timeout=REGEX_TIMEOUT_SECONDS)]
    except TimeoutError:
        parts = [title_key]
    lead_keys = frozenset((parts[0], max(parts, key=len)))
    first = next((b.text for b in blocks if is_prose(b.text)), None) or next(
        (b.text for b in blocks if fingerprint(b.text) != title_key), None)
    if first is None:
        return ()
    first_key = fingerprint(first)
    # Page lines are folded only where needed: down to the story's first paragraph, skipping
    # ASCII lines too short to open it (folding never lengthens those), then up to the headline.
    shortest = min(len(first_key), OPENING_CHARS)
    end = next((i for i, line in enumerate(page_lines)
                if not (line.isascii() and len(line) < shortest)
                and _opens(first_key, fingerprint(line))), None)
    if end is None:
        return ()
    start = next((i for i in range(end - 1, -1, -1)
                  if _is_headline(key := fingerprint(page_lines[i]), title_key)
                  or (key in lead_keys and " " in key and _is_heading(page_lines[i], index))),
                 None)
    if start is None or end - start < 2:
        return ()  # no headline, or it sits right above the first paragraph
    extracted = {fingerprint(b.text) for b in blocks}
    return tuple(Block(line) for line in page_lines[start + 1:end]
                 if (key := fingerprint(line)) not in extracted
                 and (key not in captions or word_count(line) >= CAPTION_MAX_WORDS)
                 and (is_prose(line) or _marked_lead(line, index)))


def _marked_lead(line: str, index: dict[str, etree._Element] | None) -> bool:
    if index is None or word_count(line) < SUBTITLE_WORDS:
        return False
    element = index.get("".join(line.split()))
    return element is not None and lead_hint(element) is not None


def _opens(block_key: str, line_key: str) -> bool:
    """Whether a page line is the block's text or a long enough start of it."""
    return bool(line_key) and (line_key == block_key or (
        len(line_key) >= min(len(block_key), OPENING_CHARS) and block_key.startswith(line_key)))


def _is_heading(line: str, index: dict[str, etree._Element] | None) -> bool:
    """Whether the line is a heading element's text: a part of the title (which may be the site
    name, "Daily Ledger | Night buses stay") is the headline only there."""
    element = index.get("".join(line.split())) if index is not None else None
    return element is not None and element.tag in _HEADLINE_TAGS


def _is_headline(line_key: str, title_key: str) -> bool:
    """Whether a page line is the headline: the title itself, the title less a site name
    beside it, or the title behind a kicker."""
    if not line_key:
        return False
    if line_key == title_key:
        return True
    if " " not in line_key or len(line_key) < HEADLINE_SHARE * len(title_key):
        return False
    return title_key.startswith(line_key + " ") or (
        line_key.endswith(" " + title_key) and " " in title_key)


def _html_parser() -> etree.HTMLParser:
    """lxml.html's parser classes without its per-element Python class lookup.

    lxml.html picks a class for every element proxy in Python (forms, inputs, labels get their
    own); nothing here uses those, and the plain lookup runs in C, so every walk over the tree
    (trafilatura's and cleanse's) creates its elements faster. Elements stay HtmlElement.
    No table of id attributes is kept (as trafilatura's own parser does): nothing looks
    elements up by id, and each copy of the tree (trafilatura makes three or more) would
    rebuild it.
    """
    parser = etree.HTMLParser(encoding="utf-8", collect_ids=False)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
    return parser


_PARSER = _html_parser()


def _parse(page: str) -> etree._Element | None:
    try:
        return lxml_html.document_fromstring(page.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


_KIND_BY_TAG = {"head": BlockKind.HEADING, "p": BlockKind.PARAGRAPH, "quote": BlockKind.QUOTE,
                "item": BlockKind.LIST_ITEM, "row": BlockKind.TABLE, "code": BlockKind.PARAGRAPH}


_CONTAINER_TAGS = frozenset(("quote", "item", "cell"))


def _typed_blocks(body: etree._Element, captions: set[str]) -> Iterator[Block]:
    for element in body.iter("head", "p", "quote", "item", "row", "code"):
        parent = element.getparent()
        if parent is not None and parent.tag in _CONTAINER_TAGS:
            continue  # nested text is read with its container
        if element.tag == "row":
            cells = [squash_space(" ".join(c.itertext())) for c in element]
            # A row of empty cells (a layout table's spacer) has no text to give.
            text = " | ".join(cells) if any(cells) else ""
        else:
            text = squash_space(" ".join(element.itertext()))
        if not text:
            continue
        kind = _KIND_BY_TAG[element.tag]
        if captions and fingerprint(text) in captions:
            kind = BlockKind.CAPTION
        yield Block(text, kind, HTML_BULLET if kind is BlockKind.LIST_ITEM else "")


def _figure_captions(elements: Iterable[etree._Element]) -> Iterable[str]:
    for element in elements:
        if element.tag == "caption" and element.getparent() is not None \
                and element.getparent().tag == "table":
            continue
        text = squash_space(" ".join(element.itertext()))
        if text:
            yield text
