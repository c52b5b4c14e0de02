"""Parse a credit ("Adam Schultz/The White House via AP") into agencies and persons."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .agencies import AgencyCatalog

_SEPARATORS = regex.compile(
    r"\s*(?:/|\||;|,|\+|&|\bvia\b|\bvía\b|\band\b|\bund\b|\by\b|\bet\b|\be\b|\s[-–—]\s)\s*",
    regex.IGNORECASE,
)
_LABELS = regex.compile(
    r"^(?:©|\(c\)|copyright|photos?|fotos?|bild(?:er)?|images?|pictures?|illustration|grafik|"
    r"credit|fotocredit|bildnachweis|titelbild|archivbild|symbolbild|quelle|source|by|von|por|"
    r"par|de|mit\s+material\s+(?:von|der)|reporting|editing|writing|additional|with|"
    r"nachrichtenagenturen?|agencia|agencies|staff|writers?)\b\s*:?\s*|^\d{4}\b\s*",
    regex.IGNORECASE,
)
_TRAILING = regex.compile(
    r"(?:[\s-]+(?:photo|foto|bild|images?|archiv|archivbild|symbolbild|file|pool|staff|"
    r"writers?|in\s+[\p{Lu}][\p{L}]+(?:\s[\p{Lu}][\p{L}]+)?))+\s*$|[\s.,:;()]+$",
    regex.IGNORECASE,
)
_NAME_WORD = regex.compile(r"^(?:[\p{Lu}][\p{L}'’-]*\.?|[\p{Lu}]\.)$")
_NOT_NAME = frozenset(
    "the of der die das des la le el los las les du von van de il staff writer news house "
    "ministry ministerium press agency photo foto pool archive".split()
)
#: Pieces too generic to name an organisation.
_GENERIC = frozenset("pool archiv file handout dpa-bildfunk staff toi".split())
_MAX_ORG_WORDS = 6


@dataclass(frozen=True, slots=True)
class Credit:
    """Who a credit names."""

    agencies: tuple[str, ...]
    persons: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.agencies or self.persons)


def parse_credit(text: str, catalog: AgencyCatalog, orgs: bool = True) -> Credit:
    """Split a credit on its separators and sort the pieces into agencies and persons.

    Agencies are normalised through the catalog; other organisations are kept as printed when
    ``orgs``; person names in capitals become title case.

    >>> from cleanse.provenance.agencies import load_agencies
    >>> parse_credit("Adam Schultz/The White House via AP", load_agencies())
    Credit(agencies=('The White House', 'Associated Press'), persons=('Adam Schultz',))
    """
    agencies: list[str] = []
    persons: list[str] = []
    for raw in _SEPARATORS.split(text):
        piece = _strip_labels(raw)
        if not piece:
            continue
        rest = piece
        for start, end, canonical in catalog.find_all(piece):
            _add(agencies, canonical)
            rest = rest.replace(piece[start:end], " ")
        rest = _strip_labels(rest)
        if not rest:
            continue
        if person := as_person(rest):
            _add(persons, person)
        elif orgs and _org_shaped(rest) and rest.casefold() not in _GENERIC:
            _add(agencies, rest)
    return Credit(tuple(agencies), tuple(persons))


def as_person(text: str) -> str | None:
    """A person's name (title-cased when printed in capitals), or None when not name-shaped.

    >>> as_person("JEFF PACHOUD"), as_person("Ted S. Warren"), as_person("The White House")
    ('Jeff Pachoud', 'Ted S. Warren', None)
    """
    words = text.split()
    if not 2 <= len(words) <= 4:
        return None
    if any(w.casefold().strip(".") in _NOT_NAME or not _NAME_WORD.match(w) for w in words):
        return None
    if text.isupper():
        return " ".join(w if len(w.rstrip(".")) == 1 else w.capitalize() for w in words)
    return text


def _strip_labels(text: str) -> str:
    text = text.strip(" .,:;()[]*+-–—\"'„“”«»")
    while True:
        stripped = _TRAILING.sub("", _LABELS.sub("", text)).strip(" .,:;()[]*+-–—\"'„“”«»")
        if stripped == text:
            return text
        text = stripped


def _org_shaped(text: str) -> bool:
    words = text.split()
    return (0 < len(words) <= _MAX_ORG_WORDS and text[0].isupper()
            and not any(ch.isdigit() for ch in text))


def _add(items: list[str], item: str) -> None:
    if item.casefold() not in (i.casefold() for i in items):
        items.append(item)
