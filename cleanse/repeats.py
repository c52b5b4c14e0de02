"""Repeats stage: the headline echoed at the top, a caption printed twice, a repeated paragraph.

The first copy stays; every later copy is a Removal. Copies are compared by
:func:`cleanse.textutil.fingerprint`, so spacing, case and quote styles don't hide a repeat.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from .records import Block, BlockKind, Draft, Reason, Removal
from .story_score import block_score  # the story stage's measure
from .textutil import ends_with, fingerprint, is_prose, word_count

#: Shorter blocks repeat for good reasons (list entries, table cells, "Yes."), so only blocks of
#: at least this many words count as repeated paragraphs.
MIN_REPEAT_WORDS = 4
#: How far above the first prose paragraph the headline may sit (date and byline lines between).
LOOK_BACK = 4
MIN_TITLE_WORDS = 3
# Link lines (markdown links, bare URLs) are menus, never headlines.
_LINK_MARKUP = regex.compile(r"\]\(|https?://|www\.")
_SENTENCE_END = tuple(".!:;,")
# Date and time lines ("January 13, 2022 11:42 AM", "Veröffentlicht am 3. März 2022") sit
# between headline and story but are not headlines.
_DATE_LINE = regex.compile(
    r"\b(?:19|20)\d{2}\b.{0,40}?(?:\d{1,2}[:.]\d{2})|(?:\d{1,2}\.?\s*(?:jan|feb|mär|mar|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])\w*\.?,?\s+(?:19|20)\d{2})|(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2},?\s+(?:19|20)\d{2})|\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d{2}\b",
    regex.IGNORECASE,
)
# A page <title> dumped as text: the headline plus " – Site Name" (or "Site | headline").
_SITE_AFFIX = regex.compile(r"\s*[-–—|:·•»]\s*[\p{L}\p{N}.&' -]{1,60}"
                            r"|[\p{L}\p{N}.&' -]{1,60}\s*[-–—|:·•»]\s*")


def remove_repeats(draft: Draft, max_title_words: int = 30) -> Draft:
    """Settle the title, then drop its echoes and every later copy of a block.

    >>> from cleanse.records import Block
    >>> d = Draft(blocks=(Block("Big news today"), Block("Big news today"),
    ...                   Block("It happened on Monday in town."), Block("It happened on Monday in town.")))
    >>> out = remove_repeats(d)
    >>> out.title, [b.text for b in out.blocks], [r.reason.value for r in out.removed]
    ('Big news today', ['It happened on Monday in town.'], ['repeat_title', 'repeat_paragraph'])
    """
    blocks, removed = draft.blocks, list(draft.removed)
    # (find_title, with the headline's place kept: the header above it goes too)
    headline = title_above_prose(blocks, max_title_words) if not draft.title else None
    title = draft.title or (blocks[headline].text if headline is not None
                            else _fallback_title(blocks, max_title_words))
    above_prose = headline if draft.title is None else None
    first_kind: dict[str, BlockKind] = {}
    if title and above_prose is not None:
        blocks, header = _split_header(blocks, above_prose, title)
        removed.extend(header)
        if header:  # a header line's later copy goes as a repeat, as if the line had been kept
            first_kind = {fingerprint(b.text): b.kind for b in draft.blocks[:above_prose]}
    kept: list[Block] = []
    title_taken = draft.title is not None
    title_key = fingerprint(title) if title else ""
    for block in blocks:
        key = fingerprint(block.text)
        if title and _is_echo(block.text, key, title, title_key):
            if title_taken or block.text != title:
                removed.append(Removal(block.text, Reason.REPEAT_TITLE, "repeats.title"))
            title_taken = True  # the first copy in a plain-text page *is* the title
            continue
        if key in first_kind and word_count(block.text) >= MIN_REPEAT_WORDS:
            caption = BlockKind.CAPTION in (block.kind, first_kind[key])
            reason = Reason.REPEAT_CAPTION if caption else Reason.REPEAT_PARAGRAPH
            removed.append(Removal(block.text, reason, f"repeats.{reason.value.split('_')[1]}"))
            continue
        first_kind.setdefault(key, block.kind)
        kept.append(block)
    return replace(draft, title=title, blocks=tuple(kept), removed=tuple(removed))


def _split_header(blocks: tuple[Block, ...], start: int,
                  title: str) -> tuple[tuple[Block, ...], list[Removal]]:
    """In a scraped text page, what stands above the title is site header (menus, taglines)."""
    if any(is_prose(b.text) for b in blocks[:start]):
        return blocks, []  # running text above the title: not a site header, keep it all
    header = [
        Removal(b.text, Reason.REPEAT_TITLE, "repeats.title") if is_title_echo(b.text, title)
        else Removal(b.text, Reason.SCAFFOLD, "repeats.above_title")
        for b in blocks[:start]
    ]
    return blocks[start:], header


def find_title(blocks: tuple[Block, ...], max_title_words: int = 30) -> str | None:
    """The title of a plain-text page: the headline just above the story's first paragraph.

    Menus and site taglines come before a scraped story, so the first headline-shaped block is
    often not the title; the one right above the first prose paragraph is. Failing that, the
    first block when it is headline-shaped.

    >>> find_title((Block("Home"), Block("Storm hits coast"),
    ...             Block("The storm hit the coast on Monday night, and " * 3 + "more.")))
    'Storm hits coast'
    """
    index = title_above_prose(blocks, max_title_words)
    return blocks[index].text if index is not None else _fallback_title(blocks, max_title_words)


def title_above_prose(blocks: tuple[Block, ...], max_title_words: int = 30) -> int | None:
    """Where the headline right above the first prose paragraph is (dates between allowed)."""
    first_prose = next((i for i, b in enumerate(blocks) if is_prose(b.text)), 0)
    # Story text above the first paragraph (a short lead, ingredients, a teaser sentence): the
    # headline right above that paragraph may be a subheading, so claim none.
    if any(block_score(b.text) > 0 for b in blocks[:first_prose]):
        return None
    # Later copies of a block do not count towards the reach: they go as repeats, and the
    # title must be the same once they are gone (cleaning the output again changes nothing).
    seen: set[str] = set()
    copies: set[int] = set()
    for index, block in enumerate(blocks[:first_prose]):
        key = fingerprint(block.text)
        if key in seen and word_count(block.text) >= MIN_REPEAT_WORDS:
            copies.add(index)
        seen.add(key)
    reach = [i for i in range(first_prose - 1, -1, -1) if i not in copies][:LOOK_BACK]
    for index in reach:
        block = blocks[index]
        if block.kind not in (BlockKind.LIST_ITEM, BlockKind.CAPTION) \
                and headline_shaped(block.text, max_title_words) \
                and word_count(block.text) >= MIN_TITLE_WORDS and not _DATE_LINE.search(block.text):
            return index
    return None


def _fallback_title(blocks: tuple[Block, ...], max_title_words: int) -> str | None:
    """The first block when it is headline-shaped.

    Only the first block: a title taken from lower down would reorder the text, and a rule that
    needs evidence beside the title (an echo) would decide differently once the echo is gone.
    """
    if blocks and blocks[0].kind is not BlockKind.CAPTION \
            and headline_shaped(blocks[0].text, max_title_words):
        return blocks[0].text
    return None


def is_title_echo(text: str, title: str) -> bool:
    """Whether ``text`` is the title itself or the title with a site name on one side.

    >>> is_title_echo("Storm hits coast – Daily Ledger", "Storm hits coast")
    True
    """
    return _is_echo(text, fingerprint(text), title, fingerprint(title))


def _is_echo(text: str, key: str, title: str, title_key: str) -> bool:
    """is_title_echo with both fingerprints at hand (the stage keeps the title's)."""
    if key == title_key:
        return True
    rest = text.replace(title, "", 1) if title in text else None
    return rest is not None and bool(_SITE_AFFIX.fullmatch(rest)) and len(rest) < len(title)


def headline_shaped(text: str, max_words: int = 30) -> bool:
    """Whether ``text`` could be a headline: a few words, no sentence end, no link markup."""
    words = word_count(text)
    return (2 <= words <= max_words and not ends_with(text, _SENTENCE_END)
            and not _LINK_MARKUP.search(text))
