"""HTML extraction: trafilatura's main-text pick, typed into blocks, plus the page's own lines.

trafilatura's extraction runs here (meta.py and byline.py borrow its metadata readers). Blocks
keep the kinds trafilatura marks (heading, paragraph, list item, quote, table) plus captions
found in the page's figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import trafilatura
from trafilatura.settings import Extractor
from lxml import etree, html as lxml_html

from ..records import Block, BlockKind, Metadata
from ..textutil import PROSE_WORDS, fingerprint, is_prose, squash_space
from .common import Extraction
from .meta import page_metadata
from .postpass import judge, place
from .walk import walk_page

#: How list items from HTML are marked in text output.
HTML_BULLET = "• "

#: A fast pick with less prose than this (characters) is checked by trafilatura's fallbacks.
THIN_PROSE_CHARS = 800
#: ... as is one holding less than this share of the prose lines on the whole page.
THIN_PROSE_SHARE = 0.3



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
    captions = {fingerprint(c) for c in _figure_captions(tree)}
    blocks = tuple(_typed_blocks(result.body, captions))
    title, metadata = page_metadata(tree, url)
    blocks = rescue_lead(page_lines, title, blocks) + blocks
    blocks, removed = judge(place(blocks, walked.index))
    return Extraction(blocks=blocks, title=title, metadata=metadata, page_lines=page_lines,
                      removed=removed)


def _trafilatura(tree: etree._Element, url: str | None, include_tables: bool,
                 fast: bool) -> trafilatura.settings.Document | None:
    options = _options(include_tables, fast) if url is None else _new_options(include_tables, fast, url)
    result = trafilatura.bare_extraction(tree, options=options)
    return result if isinstance(result, trafilatura.settings.Document) else None


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
    page_prose = sum(len(line) for line in page_lines if _may_be_prose(line) and is_prose(line))
    if 0 < prose and page_prose <= prose:
        return False  # the pick holds all the page's prose: a fallback finds no more story
    return prose < THIN_PROSE_CHARS or prose < THIN_PROSE_SHARE * page_prose


def _may_be_prose(line: str) -> bool:
    """False for a folded line that cannot be prose, told cheaply: printable text has no white
    space but the plain space (so it holds at most one word more than it has spaces), and a
    folded line ends on its last character (so it must be a sentence end)."""
    if not line.isprintable():
        return True
    return line.count(" ") >= PROSE_WORDS - 1 and line[-1] in _SENTENCE_ENDS


#: The characters :func:`~cleanse.textutil.is_prose` accepts at the end of a paragraph.
_SENTENCE_ENDS = frozenset(".!?…\"”»“'’)")


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
    title_key = fingerprint(title)
    first_key = next((k for b in blocks if (k := fingerprint(b.text)) != title_key), None)
    if first_key is None:
        return ()
    # Lines are keyed lazily, up to the lead's end: pages run on long after it.
    start = next((i for i, line in enumerate(page_lines) if fingerprint(line) == title_key), None)
    if start is None:
        return ()
    end = next((i for i in range(start + 1, len(page_lines))
                if (k := fingerprint(page_lines[i])) and first_key.startswith(k)), None)
    if end is None:
        return ()
    leads = [line for line in page_lines[start + 1:end] if is_prose(line)]
    if not leads:
        return ()
    extracted = {fingerprint(b.text) for b in blocks}
    return tuple(Block(line) for line in leads if fingerprint(line) not in extracted)


def _html_parser() -> etree.HTMLParser:
    """lxml.html's parser classes without its per-element Python class lookup.

    lxml.html picks a class for every element proxy in Python (forms, inputs, labels get their
    own); nothing here uses those, and the plain lookup runs in C, so every walk over the tree
    (trafilatura's and cleanse's) creates its elements faster. Elements stay HtmlElement.
    """
    parser = etree.HTMLParser(encoding="utf-8")
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
        if captions and fingerprint(text) in captions:
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
    yield from walk_page(tree).lines
