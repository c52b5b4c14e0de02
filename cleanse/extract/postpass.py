"""Boilerplate post-pass over trafilatura's pick, using the page's own DOM.

trafilatura's errors on real pages are mostly blocks it keeps *around* the story: teaser links
and "more on this" lists after the last paragraph, newsletter prompts, author boxes, captions.
Text alone can't tell those from short content lines; the page can. Each extracted block is
placed back on its element, then judged by what a reader's eye would use:

- where it sits: after the article's last paragraph and outside the article's container;
- how much of it is link text (teasers and menus are links, story text rarely is);
- the class and id words between the article container and the block ("related", "newsletter").

Every drop is a :class:`Removal` naming the check that fired.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import regex
from lxml import etree

from ..records import Block, BlockKind, Reason, Removal
from ..textutil import is_prose, word_count
from .walk import PREFIX_CHARS, compact as _compact

#: The article container holds at least this share of the prose that trafilatura found.
ROOT_SHARE = 0.6
#: A block that is mostly link text is a teaser or menu entry, not a line of the story.
MAX_LINK_SHARE = 0.6
#: Blocks this long are story text even where a class word says otherwise (long bios exist,
#: but an article paragraph inside a "post-meta" wrapper is the costlier mistake).
KEEP_WORDS = 60
#: After the story, outside its container, a line this short is a label or teaser title
#: ("Top-Themen", "Letzte Änderung"); longer lines there may still be the story's last words.
TAIL_LABEL_WORDS = 10
#: A rescued lead line is checked for byline words on itself and this many ancestors.
LEAD_DEPTH = 5
_SPLIT = regex.compile(r"[^\p{L}\p{N}]+")


@cache
def boilerplate_words() -> frozenset[str]:
    """Class/id words that mark page furniture (``hints.toml``)."""
    return frozenset(_hints()["boilerplate"])


@cache
def lead_words() -> frozenset[str]:
    """Class/id words that rule out a rescued lead line (``hints.toml``: boilerplate and byline)."""
    return boilerplate_words() | frozenset(_hints()["byline"])


@cache
def box_words() -> frozenset[str]:
    """Class/id words of boxes that never hold the story, whose prose goes too (``hints.toml``)."""
    return frozenset(_hints()["box"])


@cache
def _hints() -> dict[str, list[str]]:
    text = resources.files("cleanse.extract").joinpath("hints.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True, slots=True)
class Placed:
    """An extracted block and the page element it came from (None when not found)."""

    block: Block
    element: etree._Element | None


def place(blocks: tuple[Block, ...], index: dict[str, etree._Element]) -> tuple[Placed, ...]:
    """Find each block's element by its text (exact, then by its opening characters)."""
    placed = []
    for block in blocks:
        key = _compact(block.text)
        element = index.get(key)
        if element is None and len(key) > PREFIX_CHARS:
            element = index.get(key[:PREFIX_CHARS] + "\0")
        placed.append(Placed(block, element))
    return tuple(placed)


def article_root(placed: tuple[Placed, ...]) -> etree._Element | None:
    """The deepest element holding most of the prose: the article's own container."""
    weights: dict[etree._Element, int] = {}
    total = 0
    for item in placed:
        if item.element is None or not is_prose(item.block.text):
            continue
        total += len(item.block.text)
        for ancestor in _lineage(item.element):
            weights[ancestor] = weights.get(ancestor, 0) + len(item.block.text)
    if not total:
        return None
    best = max((item for item in placed if item.element is not None and item.element in weights),
               key=lambda item: len(item.block.text), default=None)
    if best is None or best.element is None:
        return None
    root = next((a for a in _lineage(best.element) if weights.get(a, 0) >= ROOT_SHARE * total),
                None)
    if root is best.element and root is not None and root.getparent() is not None:
        # One long paragraph holding most of the prose is one of the story's blocks, not its
        # container: the story's headings and short lines sit beside it, in its parent.
        return root.getparent()
    return root


def _lineage(element: etree._Element) -> Iterator[etree._Element]:
    """The element and its ancestors, innermost first."""
    node: etree._Element | None = element
    while node is not None:
        yield node
        node = node.getparent()


def link_share(element: etree._Element) -> float:
    """Share of the element's text that sits inside links (1.0 when the element is in one).

    E-mail and phone links are contact details, not navigation, and do not count.
    """
    if any(a.tag == "a" and not _contact_link(a) for a in _lineage(element)):
        return 1.0
    total = len(_compact(element.text_content()))
    if not total:
        return 0.0
    linked = sum(len(_compact(a.text_content())) for a in element.iter("a") if not _contact_link(a))
    return min(1.0, linked / total)


def _contact_link(anchor: etree._Element) -> bool:
    href: str = anchor.get("href") or ""
    return href.lstrip().lower().startswith(("mailto:", "tel:"))


def class_words(node: etree._Element) -> Iterator[str]:
    """The words of an element's class and id, lower-cased, and each pair of neighbours joined
    ("read-more" gives "read", "more" and "readmore"; "AuthorBox" gives "authorbox")."""
    values = (node.get("class"), node.get("id"))
    if sum(len(v) for v in values if v) > _REMEMBERED_ATTRIBUTE_CHARS:
        yield from _attribute_words.__wrapped__(*values)  # rare and long: not worth keeping
    else:
        yield from _attribute_words(*values)


#: Class and id values up to this length (together) are remembered.
_REMEMBERED_ATTRIBUTE_CHARS = 300


@lru_cache(maxsize=4096)
def _attribute_words(*values: str | None) -> tuple[str, ...]:
    # Blocks share their ancestors, and a site's pages share class names: remembered.
    words: list[str] = []
    for value in values:
        if not value:
            continue
        previous = ""
        for word in _SPLIT.split(value.lower()):
            if word:
                words.append(word)
                if previous:
                    words.append(previous + word)
            previous = word
    return tuple(words)


def branch_words(element: etree._Element, shared: frozenset[etree._Element],
                 depth: int | None = None) -> Iterator[str]:
    """The class/id words from the element up to, not including, the first of ``shared``."""
    for level, node in enumerate(_lineage(element)):
        if node in shared or (depth is not None and level >= depth):
            return
        yield from class_words(node)


def lead_hint(element: etree._Element) -> str | None:
    """A class/id word on the element or its parent that marks a standfirst or subtitle."""
    words = frozenset(_hints()["lead"])
    for node in (element, element.getparent()):
        if node is None:
            return None
        for word in class_words(node):
            if word in words:
                return word
    return None


def judge(placed: tuple[Placed, ...], leads: int = 0
          ) -> tuple[tuple[Block, ...], tuple[Removal, ...]]:
    """Keep the story's blocks; drop teasers, tails and furniture, each with its reason.

    The first ``leads`` blocks are lines rescued from beside the headline (not trafilatura's
    pick): those are also dropped inside an author box or byline (:func:`lead_words`).
    """
    root = article_root(placed)
    shared = frozenset(_lineage(root)) if root is not None else frozenset()
    inside = [item.element is not None and root is not None and _within(item.element, root)
              for item in placed]
    last_inside = max((i for i, flag in enumerate(inside) if flag), default=len(placed))
    kept: list[Block] = []
    removed: list[Removal] = []
    for i, item in enumerate(placed):
        rule = _verdict(item, shared, inside[i], after_story=i > last_inside)
        if rule is None and i < leads and item.element is not None:
            word = next((w for w in branch_words(item.element, shared, LEAD_DEPTH)
                         if w in lead_words()), None)
            rule = None if word is None else f"extract.lead.{word}"
        if rule is None:
            kept.append(item.block)
        else:
            removed.append(Removal(item.block.text, Reason.SCAFFOLD, rule))
    return tuple(kept), tuple(removed)


def _within(element: etree._Element, root: etree._Element) -> bool:
    return any(node is root for node in _lineage(element))


def _verdict(item: Placed, shared: frozenset[etree._Element], inside: bool,
             after_story: bool) -> str | None:
    block, element = item.block, item.element
    if word_count(block.text) >= KEEP_WORDS:
        return None
    tail_label = after_story and not inside and not is_prose(block.text) \
        and block.kind not in (BlockKind.LIST_ITEM, BlockKind.TABLE) \
        and word_count(block.text) < TAIL_LABEL_WORDS
    if element is None:  # not found on the page as one element: only its place can tell
        return "extract.after_story" if tail_label else None
    # Lists of links are often content (sources, downloads, steps); teasers are paragraphs
    # and headings, and a linked heading only reads as a teaser once the story is over.
    teaser_kinds = (BlockKind.PARAGRAPH, BlockKind.QUOTE) + ((BlockKind.HEADING,) if after_story
                                                             else ())
    if block.kind in teaser_kinds and link_share(element) >= MAX_LINK_SHARE:
        return "extract.link_text"
    words = tuple(branch_words(element, shared))
    if (word := next((w for w in words if w in box_words()), None)) is not None:
        return f"extract.box.{word}"
    if is_prose(block.text):
        return None
    if tail_label:
        return "extract.after_story"
    if (word := next((w for w in words if w in boilerplate_words()), None)) is not None:
        return f"extract.class.{word}"
    return None
