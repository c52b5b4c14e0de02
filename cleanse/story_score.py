"""How much each block of a scraped text page reads as story, and the runs that score best.

A block's score comes from its shape alone: running text (words, a sentence end) scores up,
a short label, a link line or a menu entry scores down. The story is then found among the runs
of blocks with the best running totals (a maximum-sum segment, as in body-text extraction):
:mod:`cleanse.story` decides which runs it keeps.
"""

from __future__ import annotations

import regex

from .textutil import SENTENCE_ENDS, ends_with, remember

#: What a block costs before its words count: a short label ("Home", "Read more") stays
#: negative, a sentence of a dozen words turns positive.
BLOCK_COST = 10
#: Words without a sentence end (headings, list entries, teaser titles) count this much.
UNFINISHED_SHARE = 0.6
#: A link line of fewer words than this is navigation, whatever it says.
LINK_LINE_WORDS = 15
# Markdown links, URLs, and menus glued into one line ("Home | News | Sport"); one bar alone is
# a caption or credit ("Foto: dpa | Jane Doe").
_LINK_LIKE = regex.compile(r"\]\(|https?://|www\.|\s[|»›]\s.*\s[|»›]\s")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*")
# Scripts written without spaces count per character, roughly two to a word.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


_SCORES: dict[str, float] = {}


def block_score(text: str) -> float:
    """How much a block reads as story text (positive) or as page furniture (negative).

    >>> story = "The storm hit the coast on Monday and cut power to many homes."
    >>> block_score("Read more") < 0 < block_score(story)
    True
    """
    found = _SCORES.get(text)  # the title search and the story stage both score each block
    if found is None:
        found = remember(_SCORES, text, _block_score(text))
    return found


def _block_score(text: str) -> float:
    words = len(_WORD.findall(text))
    if not text.isascii():  # ASCII holds no unspaced script
        words += len(_UNSPACED.findall(text)) // 2
    # A link-like line holds "](", "://", "www." or a bar: most lines hold none, and a
    # substring test is cheaper than the search.
    if words < LINK_LINE_WORDS and ("](" in text or "://" in text or "www." in text or "|" in text
                                    or "»" in text or "›" in text) and _LINK_LIKE.search(text):
        return -2.0 * BLOCK_COST
    if ends_with(text, SENTENCE_ENDS):
        return float(words - BLOCK_COST)
    return words * UNFINISHED_SHARE - BLOCK_COST


def story_runs(scores: list[float]) -> list[tuple[float, int, int]]:
    """Every run (score, first, last) whose running total stays positive, each cut at its peak.

    >>> story_runs([-5, 10, -3, 8, -20, 4])
    [(15.0, 1, 3), (4.0, 5, 5)]
    """
    runs: list[tuple[float, int, int]] = []
    total, start, best, best_end = 0.0, 0, 0.0, -1
    for index, score in enumerate(scores):
        if total <= 0:
            if best_end >= 0:
                runs.append((best, start, best_end))
            total, start, best, best_end = 0.0, index, 0.0, -1
        total += score
        if total > best:
            best, best_end = total, index
    if best_end >= 0:
        runs.append((best, start, best_end))
    return runs
