"""What each paragraph is, as far as dedup cares: body text, the headline, or a photo caption.

A headline and a caption often repeat a body sentence word for word, yet they are not that
paragraph; so each kind is linked only to its own kind. The headline is the record's title
repeated at the top of the text; a caption ends with a photo credit (the provenance catalog's
``photo_credit`` rules, run on the paragraph's tail only).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..provenance.ruleset import RuleSet
from ..records import NoteKind
from ..textutil import fingerprint
from .story import BODY, CAPTION, HEADLINE

#: The headline is repeated in the first few paragraphs (once, or twice by a careless theme).
HEADLINE_SPAN = 3
#: A photo credit sits in the last characters of a caption.
CREDIT_TAIL_CHARS = 160
# Cheap gate before the catalog: every photo_credit rule needs one of these in the tail.
_CREDIT_MARKS = ("/", "©", "photo", "foto", "bild", "image", "fot.", "zdjęcie", "crédit")


@lru_cache(maxsize=1)
def _credit_rules() -> RuleSet:
    from ..provenance import provenance_catalog

    return provenance_catalog()


def is_caption(text: str) -> bool:
    """Whether a paragraph ends with a photo credit.

    >>> is_caption("The mayor speaks. Foto: Anna Weber/AFP"), is_caption("The mayor spoke.")
    (True, False)
    """
    tail = text[-CREDIT_TAIL_CHARS:]
    lowered = tail.lower()
    if not any(mark in lowered for mark in _CREDIT_MARKS):
        return False
    from ..provenance import find_notes

    return any(note.kind == NoteKind.PHOTO_CREDIT for note in find_notes([tail], _credit_rules()))


def paragraph_kinds(paragraphs: Sequence[str], title: str | None = None) -> list[int]:
    """BODY, HEADLINE or CAPTION for each paragraph.

    >>> paragraphs = ["Storm hits coast", "The storm hit the coast.", "Waves. (AP Photo/Ted Warren)"]
    >>> paragraphs_kinds = paragraph_kinds(paragraphs, title="Storm Hits Coast")
    >>> paragraphs_kinds == [HEADLINE, BODY, CAPTION]
    True
    """
    key = fingerprint(title) if title else ""
    kinds = [BODY] * len(paragraphs)
    if key:
        for index, text in enumerate(paragraphs[:HEADLINE_SPAN]):
            if fingerprint(text) == key:
                kinds[index] = HEADLINE
    # one gate over all tails first: most pages have no credit mark in any paragraph's tail
    tails = "\x00".join(text[-CREDIT_TAIL_CHARS:] for text in paragraphs).lower()
    if not any(mark in tails for mark in _CREDIT_MARKS):
        return kinds
    for index, text in enumerate(paragraphs):
        if kinds[index] == BODY and is_caption(text):
            kinds[index] = CAPTION
    return kinds
