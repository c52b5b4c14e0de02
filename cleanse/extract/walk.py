"""One walk over the parsed page for everything cleanse reads from its DOM text.

The page's visible lines (what a naive dumper saves) and the text index that places extracted
blocks back on their elements used to be two walks; each visit of an element costs more in
Python than what is done with it, so both are built from one.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from lxml import etree

from ..textutil import squash_space

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr label legend li main nav ol option p pre "
    "section summary table td th tr ul button".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg head iframe object".split())
# Elements whose text can be one extracted block.
LEAF_TAGS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 td th dd dt figcaption blockquote pre div span a section caption "
    "summary label strong b em".split()
)
#: A line break and the plain white space after it (blank lines, the next line's indent).
_BREAK = regex.compile("\n[ \t\n\r\f\v\xa0]*")
_CAPTION_TAGS = frozenset(("figcaption", "caption"))
#: Blocks shorter than this are compared by exact text only; longer ones also by a prefix.
PREFIX_CHARS = 40
#: Containers with more text than this (characters, spaces left out) are never one block.
MAX_BLOCK_CHARS = 3000


@dataclass(frozen=True, slots=True)
class PageText:
    """The page's visible lines, its block elements by their space-free text, and its caption
    elements (figcaption, caption; in no particular order)."""

    lines: tuple[str, ...]
    index: dict[str, etree._Element]
    captions: tuple[etree._Element, ...] = ()


def compact(text: str | None) -> str:
    """Text with every white space character left out (how blocks meet their elements)."""
    return "".join(text.split()) if text else ""


# One loop on purpose (hence its branches): a call per element costs more than what is done
# with it, and this walk visits every element of every page.
def walk_page(tree: etree._Element, max_chars: int = MAX_BLOCK_CHARS) -> PageText:  # noqa: C901
    """Read the page's lines and index its block elements in one walk.

    Lines: every visible line, block elements breaking lines, scripts and the like left out.
    Index: each block-like element's space-free text (comments left out) mapped to the deepest
    element holding it; containers longer than ``max_chars`` are left out (also by a
    ``PREFIX_CHARS`` prefix key ending in NUL, for blocks cut short). Captions: collected on
    the way, sparing a search of the whole tree.
    """
    pieces: list[str] = []
    skip_depth = 0
    index: dict[str, etree._Element] = {}
    # Per open element: whether an element inside it is already too long (so it is too).
    too_long = [False]
    captions: list[etree._Element] = []
    for event, element in etree.iterwalk(tree, events=("start", "end", "comment", "pi")):
        tag = element.tag
        if event == "comment" or event == "pi":
            # Not visible itself, but the text after it is ("Before <!-- x --> after").
            if not skip_depth and element.tail:
                pieces.append(element.tail)
            continue
        if event == "start":
            too_long.append(False)
            if tag in _SKIP_TAGS:
                skip_depth += 1
            elif not skip_depth:
                if tag in _BLOCK_TAGS:
                    pieces.append("\n")
                if element.text:
                    pieces.append(element.text)
            continue
        if tag in _SKIP_TAGS:
            skip_depth -= 1
            if skip_depth == 0 and element.tail:
                pieces.append(element.tail)
        elif not skip_depth:
            if tag in _BLOCK_TAGS:
                pieces.append("\n")
            if element.tail:
                pieces.append(element.tail)
        if tag in _CAPTION_TAGS:
            captions.append(element)
        if too_long.pop():
            too_long[-1] = True
        elif tag in LEAF_TAGS:
            if len(element):
                # The text serialiser runs in C: reading the subtree again costs less than
                # carrying each child's text up in Python (containers of a too long element
                # are never read).
                text = "".join(etree.tostring(element, method="text", encoding=str,
                                              with_tail=False).split())
            else:
                own = element.text
                text = "".join(own.split()) if own else ""
            if len(text) > max_chars:
                too_long[-1] = True
            elif text and text not in index:
                index[text] = element
                if len(text) > PREFIX_CHARS:
                    index.setdefault(text[:PREFIX_CHARS] + "\0", element)
    # Most lines between blocks are indentation only: one split drops those with the breaks.
    lines = tuple(squashed for line in _BREAK.split("".join(pieces))
                  if (squashed := squash_space(line)))
    return PageText(lines, index, tuple(captions))
