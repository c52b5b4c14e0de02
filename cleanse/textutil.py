"""Small text helpers shared by the stages: normalisation, block splitting, safe regexes."""

from __future__ import annotations

import string
import unicodedata
from typing import TypeVar

import regex

# Untrusted input meets every pattern: a match that takes longer than this is treated as no
# match rather than allowed to stall a corpus run.
REGEX_TIMEOUT_SECONDS = 0.2

_SPACE = regex.compile(r"[\s\u00a0\u200b\u2007\u202f\ufeff]+")
_SOFT = regex.compile(r"[\u00ad\u200c\u200d]")
_PUNCT_OR_SPACE = regex.compile(r"[\p{P}\p{S}\s\u00a0\u200b\u2007\u202f\ufeff]+")
_ASCII_PUNCT_TO_SPACE = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))
_ASCII_ALNUM = frozenset(string.ascii_lowercase + string.digits)
_C0_SEPARATORS = frozenset("\x1c\x1d\x1e\x1f")
# character -> what a fingerprint makes of it: "" (soft), " " (punctuation, symbol, space), itself
_GAPS: dict[str, str] = {}
# The stages ask about the same block again and again (its fingerprint, its word count), and a
# site's menus recur on every page of a crawl: these pure functions remember recent answers,
# for texts up to a paragraph long (a long one would hold much memory for little gain). A plain
# dict look-up in the function itself: a caching wrapper costs more than most answers it saves.
_CACHED_TEXTS = 1 << 14
_CACHED_CHARS = 2000
_Result = TypeVar("_Result")


def remember(memo: dict[str, _Result], text: str, value: _Result) -> _Result:
    """Store ``value`` as the answer for ``text`` (when short), forgetting all at the bound."""
    if len(text) <= _CACHED_CHARS:
        if len(memo) >= _CACHED_TEXTS:
            memo.clear()
        memo[text] = value
    return value


_SQUASHED: dict[str, str] = {}
_FINGERPRINTS: dict[str, str] = {}
_WORD_COUNTS: dict[str, int] = {}
_PROSE: dict[str, bool] = {}


def squash_space(text: str) -> str:
    """Fold every run of white space (non-breaking and zero-width included) into one space.

    >>> squash_space("  a\\u00a0 b\\n c ")
    'a b c'
    """
    # Every stage folds the same blocks again: a look-up of the block (whose hash the string
    # keeps) answers those. Most new texts are already folded: printable text has no white
    # space but the plain space and no soft or zero-width characters, so only doubled or outer
    # spaces would change.
    found = _SQUASHED.get(text)
    if found is None:
        if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
            found = text
        else:
            found = str(_SPACE.sub(" ", _SOFT.sub("", text))).strip()
        remember(_SQUASHED, text, found)
    return found


def fingerprint(text: str) -> str:
    """A comparison key: case, punctuation, accents' composition and spacing folded.

    Two blocks with the same fingerprint are the same text as a reader sees it.

    >>> fingerprint("“Hello,”  World!") == fingerprint('"hello" world')
    True
    """
    found = _FINGERPRINTS.get(text)
    if found is None:
        found = remember(_FINGERPRINTS, text, _fingerprint(text))
    return found


def _fingerprint(text: str) -> str:
    if text.isascii() and text.isprintable():
        # Printable ASCII is its own NFKC form, folds as lower() does, holds no soft
        # characters, and its punctuation and symbols are string.punctuation (tests check it).
        # (as bytes: their translate is a table look-up per byte, three times faster)
        return b" ".join(text.encode().lower().translate(_ASCII_PUNCT_TO_SPACE).split()).decode()
    folded = unicodedata.normalize("NFKC", text).casefold()
    # What _PUNCT_OR_SPACE.sub(" ", _SOFT.sub("", folded)).strip() gives, faster: a line holds
    # a few dozen distinct characters, each looked up once (the class matching a property per
    # character of the text costs more). str.split() folds the spaces left as the sub would,
    # except around the four C0 separators it also splits at: those take the regex path.
    chars = set(folded)
    chars -= _ASCII_ALNUM
    if not chars.isdisjoint(_C0_SEPARATORS):
        return str(_PUNCT_OR_SPACE.sub(" ", _SOFT.sub("", folded))).strip()
    for char in chars:
        gap = _GAPS.get(char)
        if gap is None:
            gap = remember(_GAPS, char, "" if _SOFT.match(char)
                           else " " if _PUNCT_OR_SPACE.match(char) else char)
        if gap != char:
            folded = folded.replace(char, gap)
    return " ".join(folded.split())


def word_count(text: str) -> int:
    """Words as a reader counts them (letters or digits between spaces)."""
    found = _WORD_COUNTS.get(text)
    if found is None:
        found = remember(_WORD_COUNTS, text, _word_count(text))
    return found


def _word_count(text: str) -> int:
    # Most tokens are all letters or digits, or start or end with one ("coast.", "„Wort"):
    # str.isalnum answers those without a loop.
    tokens = text.split()
    count = len(tokens)
    for token in tokens:
        if not (token.isalnum() or token[0].isalnum() or token[-1].isalnum()
                or any(ch.isalnum() for ch in token)):
            count -= 1
    return count


#: A paragraph of running text: this many words and a sentence end.
PROSE_WORDS = 15
#: What ends a sentence (a closing quote or bracket may follow its full stop).
SENTENCE_ENDS = tuple(".!?…\"”»“'’)")
#: White space as the regex module's ``\s`` reads it (Unicode White_Space; tests check it).
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) \
    + "\u2028\u2029\u202f\u205f\u3000"


def ends_with(text: str, chars: tuple[str, ...]) -> bool:
    """Whether ``text``, trailing white space aside, ends in one of ``chars`` (as a search for
    ``[chars]\\s*$`` answers, without trying every position).

    >>> ends_with("It rained. ", SENTENCE_ENDS), ends_with("Read more", SENTENCE_ENDS)
    (True, False)
    """
    return text.rstrip(WHITE_SPACE).endswith(chars)


def is_prose(text: str, min_words: int = PROSE_WORDS) -> bool:
    """Whether text reads as a paragraph of the story rather than a label or link.

    >>> story = "The storm hit the coast on Monday night and cut power to many homes in the area."
    >>> is_prose("Read more"), is_prose(story)
    (False, True)
    """
    if min_words != PROSE_WORDS:
        return word_count(text) >= min_words and ends_with(text, SENTENCE_ENDS)
    found = _PROSE.get(text)
    if found is None:
        found = remember(_PROSE, text,
                          word_count(text) >= PROSE_WORDS and ends_with(text, SENTENCE_ENDS))
    return found
