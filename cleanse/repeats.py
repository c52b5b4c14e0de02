"""Repeats stage: the headline echoed at the top, a caption printed twice, a repeated paragraph.

The first copy stays; every later copy is a Removal. Copies are compared by
:func:`cleanse.textutil.fingerprint`, so spacing, case and quote styles don't hide a repeat.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from .records import Block, BlockKind, Draft, Reason, Removal
from .textutil import fingerprint, word_count

#: Shorter blocks repeat for good reasons (list entries, table cells, "Yes."), so only blocks of
#: at least this many words count as repeated paragraphs.
MIN_REPEAT_WORDS = 4
#: A plain-text page's title is looked for among its first blocks only.
TITLE_WINDOW = 8
_SENTENCE_END = regex.compile(r"[.!:;,]\s*$")


def remove_repeats(draft: Draft, max_title_words: int = 30) -> Draft:
    """Settle the title, then drop its echoes and every later copy of a block.

    >>> from cleanse.records import Block
    >>> d = Draft(blocks=(Block("Big news today"), Block("Big news today"),
    ...                   Block("It happened on Monday in town."), Block("It happened on Monday in town.")))
    >>> out = remove_repeats(d)
    >>> out.title, [b.text for b in out.blocks], [r.reason.value for r in out.removed]
    ('Big news today', ['It happened on Monday in town.'], ['repeat_title', 'repeat_paragraph'])
    """
    title = draft.title or find_title(draft.blocks, max_title_words)
    title_key = fingerprint(title) if title else None
    kept: list[Block] = []
    removed = list(draft.removed)
    first_kind: dict[str, BlockKind] = {}
    title_taken = draft.title is not None
    for block in draft.blocks:
        key = fingerprint(block.text)
        if key == title_key:
            if title_taken:
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


def find_title(blocks: tuple[Block, ...], max_title_words: int = 30) -> str | None:
    """The title of a plain-text page: a headline-shaped block near the top.

    A block repeated near the top wins (scraped pages print the headline twice); then a
    marked heading; then a headline-shaped first block followed by a longer one.

    >>> find_title((Block("Storm hits coast"), Block("The storm hit the coast on Monday night.")))
    'Storm hits coast'
    """
    window = blocks[:TITLE_WINDOW]
    shaped = [b for b in window if _headline_shaped(b.text, max_title_words)]
    keys = [fingerprint(b.text) for b in window]
    for block in shaped:
        if keys.count(fingerprint(block.text)) > 1:
            return block.text
    for block in shaped:
        if block.kind is BlockKind.HEADING:
            return block.text
    if len(blocks) > 1 and blocks[0] in shaped and len(blocks[1].text) > len(blocks[0].text):
        return blocks[0].text
    return None


def _headline_shaped(text: str, max_words: int) -> bool:
    words = word_count(text)
    return 2 <= words <= max_words and not _SENTENCE_END.search(text)
