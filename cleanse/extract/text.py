"""Plain-text extraction: already-scraped page text into blocks.

Nothing here relies on one dumper's habits: bullets, indentation, blank lines and hard wrapping
all vary between scrapers.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import regex

from ..records import Block, BlockKind, Metadata
from ..textutil import SENTENCE_ENDS, squash_space
from .common import NOTES_MARKER, Extraction

_BULLET = regex.compile(r"^\s*(?:[•●○◦▪▫■□‣∙·*+]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
_MD_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s+")
# The ASCII characters that can open a bullet or heading mark (after white space).
_MARK_HEADS = frozenset("*+-#0123456789")
_NOTE_LINE = regex.compile(r"^\[(\w+)\]\s+(.+)$")
# Hard-wrapped dumps (html2text wraps at 78 columns) fill most lines to near one width.
_WRAP_MIN_WIDTH = 50
_WRAP_MAX_WIDTH = 100
_WRAP_SLACK = 18
_WRAP_SHARE = 0.3
_WRAP_MIN_LINES = 3
_WRAP_OVERLONG_SHARE = 0.15
_WRAP_CUT_SHARE = 0.6
_SENTENCE_END = regex.compile(r"[.!?:;\"”»)]$")
# A line cannot open with these: a dumper that breaks at every inline element ("The council
# met", ", as planned.") put them after the word they follow. (No opening quote: »…« and ”…”
# open quotations in German and Swedish.)
_CLOSING_HEADS = frozenset(",;:!?)]}%")
#: A sentence broken at inline elements opens with a line of at least this many words, and its
#: lines hold this many on average (a menu or a table's cells hold one or two).
_FRAGMENT_OPENING_WORDS = 3
_FRAGMENT_MEAN_WORDS = 2.5
#: What ends the sentence a run of fragments makes (a bracket alone may close code).
_RUN_ENDS = tuple(end for end in SENTENCE_ENDS if end != ")")
#: A name set apart inside a sentence ("Monday", "New York City") has at most this many words.
_NAME_WORDS = 3


def split_text(text: str) -> Extraction:
    """Split already-scraped plain text into blocks.

    >>> [b.text for b in split_text("Title\\n\\n  • Post author:\\nBody line.").blocks]
    ['Title', 'Post author:', 'Body line.']
    """
    # The marker is a whole line, the last one too: output ends with a newline, input may not.
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n"
    body, _, notes = text.partition("\n" + NOTES_MARKER + "\n")
    if text.startswith(NOTES_MARKER + "\n"):
        body, notes = "", text[len(NOTES_MARKER) + 1:]
    lines = body.split("\n")
    width = _wrap_width(lines)
    if width is None:  # (hard-wrapped lines are joined by their width instead)
        lines = _rejoin_fragments(lines)
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
        starts_new = not stripped or _marked(line)
        if current and (starts_new or not (
                (width is not None and len(current[-1]) >= width - _WRAP_SLACK)
                or _open_link(current[-1], stripped) or _continues(current[-1], stripped))):
            yield current[0] if len(current) == 1 else _join_wrapped(current)
            current = []
        if stripped:
            current.append(stripped)
    if current:
        yield current[0] if len(current) == 1 else _join_wrapped(current)


def _continues(line: str, following: str) -> bool:
    """Whether ``following`` is the rest of ``line``'s sentence broken off before its
    punctuation ("The council met", ", as planned."): ``line`` ends mid-sentence."""
    return _glued_head(following) and _ends_mid_sentence(line)


def _glued_head(line: str) -> bool:
    """Whether ``line`` opens with punctuation that closes what stands before it (so it joins
    the line above without a space)."""
    return line[:1] in _CLOSING_HEADS or line == "." or line.startswith(". ")


def _ends_mid_sentence(line: str) -> bool:
    return bool(line) and (line[-1].isalnum() or line[-1] in ",-–(")


def _rejoin_fragments(lines: list[str]) -> list[str]:
    """Lines a dumper broke at each inline element ("Officials said the storm hit the", "coast",
    "on Monday.") joined back. A run joins when it opens with a line of a few words that ends
    mid-sentence, goes on in lower case, with closing punctuation or with a short name, and
    ends a sentence; a heading or list mark ends a run. A run of single words (a menu, tags, a
    table's cells) or one that ends no sentence ("10 g Salz", "etwas Mehl": a list) stays apart.
    """
    joined: list[str] = []
    stripped = [line.strip() for line in lines] + [""]
    start = 0
    while start < len(lines):
        end = start
        while end + 1 < len(lines) and _mid_sentence(stripped[end], stripped[end + 1],
                                                     stripped[end + 2]):
            end += 1
        if end > start and _is_fragmented_sentence(stripped[start:end + 1]):
            joined.append(_join_wrapped([lines[start].rstrip()] + stripped[start + 1:end + 1]))
        else:
            joined.extend(lines[start:end + 1])
        start = end + 1
    return joined


def _is_fragmented_sentence(run: list[str]) -> bool:
    words = [len(line.split()) for line in run]
    return (words[0] >= _FRAGMENT_OPENING_WORDS and sum(words) >= _FRAGMENT_MEAN_WORDS * len(run)
            and run[-1].endswith(_RUN_ENDS))


def _mid_sentence(line: str, following: str, after: str) -> bool:
    """Whether ``following`` goes on with ``line``'s sentence (both stripped): it opens in
    lower case or with closing punctuation, or it is a short name ("Miami", "New York City")
    that ``after`` goes on from in turn."""
    if not _ends_mid_sentence(line):
        return False
    head = following[:1]
    goes_on = head.islower() or _glued_head(following) or (
        head.isupper() and len(following.split()) <= _NAME_WORDS
        and (after[:1].islower() or _glued_head(after)))
    return goes_on and not _marked(line) and not _marked(following)


def _marked(line: str) -> bool:
    """Whether the line opens with a heading or list mark (it starts a block of its own)."""
    stripped = line.lstrip()
    # (the first character tells whether a mark may open the line: an ASCII one of these, or
    # any non-ASCII one, a bullet such as "•")
    return bool(stripped) and (stripped[0] in _MARK_HEADS or not stripped[0].isascii()) \
        and bool(_BULLET.match(line) or _MD_HEADING.match(line))


def _open_link(line: str, following: str) -> bool:
    """Whether a wrapper broke a markdown link's text: ``[`` left open, ``](`` on the next line."""
    return line.rfind("[") > line.rfind("]") and "](" in following and "[" not in following.split("](")[0]


def _join_wrapped(lines: list[str]) -> str:
    """Join a wrapped paragraph's lines; a wrapper that broke "sea-level" at its hyphen gets the
    word back whole, and a line broken off before its punctuation joins without a space."""
    pieces = [lines[0]]
    for previous, line in pairwise(lines):
        hyphen_break = previous[-2:-1].isalpha() and previous.endswith("-") and line[:1].islower()
        pieces.append(line if hyphen_break or _glued_head(line) else " " + line)
    return "".join(pieces)


def _line_block(line: str) -> Block:
    """The block of one (stripped) line or paragraph: a heading or list item keeps its mark apart."""
    head = line[:1]
    # Only these first characters can open a mark (any non-ASCII one may be a bullet or a
    # digit), and only "#" a heading mark: most lines need no pattern at all.
    if head in _MARK_HEADS or not head.isascii():
        match = _MD_HEADING.match(line) if head == "#" else None
        kind = BlockKind.HEADING
        if match is None or not line[match.end():].strip():
            match, kind = _BULLET.match(line), BlockKind.LIST_ITEM
        if match is not None and line[match.end():].strip():
            prefix = line[:match.end()]
            marker = squash_space(prefix) + (" " if prefix[-1].isspace() else "")
            return Block(squash_space(line[match.end():]), kind, marker)
    return Block(squash_space(line), BlockKind.PARAGRAPH)
