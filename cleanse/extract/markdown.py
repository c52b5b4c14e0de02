"""Markdown inline syntax in scraped text, read as a reader sees it.

Dumpers that write markdown (html2text, and the readers that feed language models) keep each
link's target and each picture in the text: ``[Home](https://…)``, ``![](photo.jpg)``,
``**bold**``. The stages judge blocks with that syntax still in (a line of links is navigation,
whatever it says), then the kept blocks lose it here: a link becomes its text, a picture
nothing, emphasis its words, ``<https://…>`` its address. Nothing else changes, so text that
merely holds a bracket or an asterisk ("2*3*4", "a_b_c", "[sic]") stays as it is.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from ..records import Draft, Reason, Removal
from ..textutil import REGEX_TIMEOUT_SECONDS, squash_space

# Each piece is bounded and its inner class excludes its own delimiter, so no pattern can
# backtrack beyond one bounded run per start.
_TARGET = r"\((?:[^()\s]{0,2000})(?:\s+\"[^\"\n]{0,300}\")?\)"
_IMAGE = regex.compile(r"!\[[^\[\]\n]{0,500}\]" + _TARGET)
_LINK = regex.compile(r"\[([^\[\]\n]{0,500})\](" + _TARGET + ")")
_AUTOLINK = regex.compile(r"<((?:https?|ftp)://[^<>\s]{1,2000}|mailto:[^<>\s]{1,300})>")
# Emphasis hugs its words ("**word**", not "2 ** 10") and an escaped mark ("\\*") is a star.
# (No "__strong__": it would take the underscores off "__init__" in a code listing.)
_STRONG = regex.compile(r"(?<![\w*\\])\*\*([^*\s](?:[^*\n]{0,1000}[^*\s\\])?)\*\*(?![\w*])")
_EMPHASIS = regex.compile(r"(?<![\w*\\])\*([^*\s](?:[^*\n]{0,1000}[^*\s\\])?)\*(?![\w*])"
                          r"|(?<![\w_\\])_([^_\s](?:[^_\n]{0,1000}[^_\s\\])?)_(?![\w_])")
# A link's target is an address: a path, a URL, an anchor ("[1](2019)" is no link).
_ADDRESS_CHARS = frozenset("/.:#?=")
# Cheap test first: a block without these characters holds no markdown syntax.
_SYNTAX_CHARS = frozenset("[<*_")
_MAX_ROUNDS = 8
#: The rule named when a block was only a picture.
PICTURE_RULE = "extract.markdown_picture"


def plain_inline(text: str) -> str:
    """``text`` with markdown links, pictures, autolinks and emphasis read as plain text.

    >>> plain_inline("Read **the report** by [Jane Doe](https://x.example/jd) ![](p.jpg) <https://x.example>")
    'Read the report by Jane Doe https://x.example'
    >>> plain_inline("2*3*4 = 24, a_b_c, __init__ [sic]")
    '2*3*4 = 24, a_b_c, __init__ [sic]'
    """
    plain = text
    # Syntax can nest ("[**[a](/a)**](/c)"): read again until nothing changes, so reading the
    # output once more finds nothing left.
    for _ in range(_MAX_ROUNDS):
        if _SYNTAX_CHARS.isdisjoint(plain):
            break
        try:
            read = _IMAGE.sub("", plain, timeout=REGEX_TIMEOUT_SECONDS)
            read = _LINK.sub(_link_text, read, timeout=REGEX_TIMEOUT_SECONDS)
            read = _AUTOLINK.sub(r"\1", read, timeout=REGEX_TIMEOUT_SECONDS)
            read = _STRONG.sub(r"\1", read, timeout=REGEX_TIMEOUT_SECONDS)
            read = _EMPHASIS.sub(lambda m: m[1] or m[2], read, timeout=REGEX_TIMEOUT_SECONDS)
        except TimeoutError:
            return text
        if read == plain:
            break
        plain = squash_space(read)
    return plain


def _link_text(match: regex.Match[str]) -> str:
    text, target, whole = str(match[1]), str(match[2])[1:-1], str(match[0])
    return text if not target or not _ADDRESS_CHARS.isdisjoint(target) else whole


def plain_markdown(draft: Draft) -> Draft:
    """The draft's kept blocks, title and notes as plain text; a block that was only a picture
    goes (a Removal naming :data:`PICTURE_RULE`)."""
    blocks, removed = [], list(draft.removed)
    for block in draft.blocks:
        text = plain_inline(block.text)
        if text:
            blocks.append(block if text == block.text else replace(block, text=text))
        else:
            removed.append(Removal(block.text, Reason.NOT_EXTRACTED, PICTURE_RULE))
    notes = tuple(replace(n, text=plain_inline(n.text)) for n in draft.provenance)
    title = plain_inline(draft.title) if draft.title else draft.title
    return replace(draft, blocks=tuple(blocks), removed=tuple(removed), provenance=notes,
                   title=title or None)
