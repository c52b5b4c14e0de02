"""Parse a credit ("Adam Schultz/The White House via AP") into agencies and persons.

A credit is split on its separators; each piece is searched for catalog agencies first (so a
label word inside a name, "picture" in "picture alliance", is never stripped), then what is
left is a person, another organisation (kept as printed), a desk code ("lno", "aja") or a
generic word ("Pool", "File"). Anything else is ``junk``: a sentence rather than a credit.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .agencies import AgencyCatalog

_SEPARATORS = regex.compile(
    r"\s*(?:/|\||;|,|\+|&|•|@|\s[-–—]\s|(?-i:\son\s)(?=\p{Lu}\p{L}+$)|\b(?:via|vía|and|und|y|et|e|for|für|pour|para|with)\b)\s*",
    regex.IGNORECASE | regex.VERSION1,
)
# Social handles name an account, not a credit ("By Eric Levitz @EricLevitz").
_HANDLE = regex.compile(r"(?<!\S)@[\w.]+")
# "CNN's Maria Example": the possessive joins an organisation to a person.
_POSSESSIVE = regex.compile(r"(?<=\p{L})['’]s\s+")
_LABEL_WORDS = (
    r"copyright|photo(?:graph(?:er)?)?s?|fotos?|fotografie|bild(?:er)?|images?|pictures?|"
    r"illustration|grafik|credits?|courtesy(?:\s+of)?|fotocredit|bildnachweis|bildquelle|"
    r"titelbild|archivbild|symbolbild|rubriklistenbild|headerimage|quelle|source|fuente|fonte|"
    r"by|von|por|par|de|di|mit|text|autor(?:in)?|mitarbeit|cc(?:[\s-]by(?:[\s-]\p{L}{2})*)?|"
    r"(?:additional\s+)?reporting|writing|editing|compiled|graphics|research|"
    r"material(?:\s+(?:von|der|from))?|con\s+informaci[oó]n(?:\s+de)?|avec|con|"
    r"nachrichtenagenturen?|agencias?|agencies|staff|writers?|reporters?|correspondents?"
)
_LABELS = regex.compile(rf"^(?:(?:{_LABEL_WORDS})\b\s*:?\s*|(?:©|\(c\))\s*|\d{{4}}\b\s*)",
                        regex.IGNORECASE)
# A lone word after "by" is a person's handle ("CC by Vic"), not an organisation.
_BY_HANDLE = regex.compile(r"\b(?:by|von|por|par)\s+\S+$", regex.IGNORECASE)
_ARTICLES = frozenset("the el la le los las les il lo der die das".split())
# Roles and places after a name: "AP Business Writer", "in London", "am 29. Mai".
_TRAILING = regex.compile(
    r"(?:(?:^|\s+)(?:photo|foto|bild|images?|archiv|archivbild|symbolbild|file|pool|staff|"
    r"(?:[\p{L}]+\s+)?(?:writers?|reporters?|correspondents?|editors?|photographers?|"
    r"columnists?)|(?:in|from|aus)\s+[\p{Lu}][\p{L}.]+(?:\s[\p{Lu}][\p{L}.]+)?|"
    r"am\s+\d.*))+$",
    regex.IGNORECASE,
)
_STRIP = " .,:;()[]*+-–—\"'„“”«»‚‘’…"
_NAME_WORD = regex.compile(r"^(?:[\p{Lu}][\p{L}'’-]*\.?|[\p{Lu}]\.(?:[\p{Lu}]\.)*)$")
_PARTICLES = frozenset("von van der den de da di du del della la le ten ter bin al el".split())
#: Words that make a capitalised piece an organisation or a caption, never a person's name.
_NOT_NAME = frozenset(
    "the of staff writer news house ministry ministerio ministerium ministère press presse "
    "agency agencia agentur photo photos foto fotos pool archive archiv images image pictures "
    "parliament government regierung police polizei department office university universität "
    "museum council club foundation stiftung service network television radio tv times post "
    "daily weekly herald tribune journal gazette zeitung magazine magazin group media studio "
    "studios team handout courtesy library bibliothek institute institut army navy force "
    "commission kommission company inc llc ltd gmbh ag corp co kg se state city stadt "
    "rundfunk fernsehen broadcasting verlag medien digital interactive ventures heritage "
    "english scottish british american national royal federal european international united "
    "new north south east west central general cookie cookies einstellungen settings privacy "
    "datenschutz impressum kontakt contact terms".split()
)
_ORG_JOINERS = frozenset("of the de del des du la le für der die das for on in di da van von zu".split())
_DESK_CODE = regex.compile(r"^[\p{Ll}]{2,4}$")
_DOMAIN = regex.compile(r"^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,6}$")
_CAMEL = regex.compile(r"^[\p{Ll}]+[\p{Lu}][\p{L}]*$")
#: Pieces too generic to name anybody: the picture's status, not its source.
_GENERIC = regex.compile(
    r"^(?:pool|archiv|archive|archivbild|symbolbild|file|files|handout|staff|montage|collage|"
    r"[\p{L}]+-(?:montage|collage|grafik|bildfunk)|bildfunk|zentralbild|foto|photo|bild|"
    r"illustration|grafik|screenshot|screencap|screengrab|ausschnitt|crop|cropped|privat|private|"
    r"agencies|agenturen|agencias|"
    # A job title after a name ("Associate Professor of Geography") says what, not who.
    r".*\b(?:professor|lecturer|director|fellow|researcher|scientist|student|candidate|dean|"
    r"chair|analyst|economist|professorin|redakteurin?|korrespondentin?)\b.*)$",
    regex.IGNORECASE,
)
_MAX_ORG_WORDS = 6
# What is left of an agency's web address once its name is taken ("www.imago-images.de").
_WEB_PARTS = regex.compile(r"\bwww\.|\.(?:com|de|net|org|at|ch|fr|es|it|co\.uk|uk)\b")


@dataclass(frozen=True, slots=True)
class Credit:
    """Who a credit names, and what in it named nobody (``junk``)."""

    agencies: tuple[str, ...]
    persons: tuple[str, ...]
    junk: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.agencies or self.persons)


def parse_credit(text: str, catalog: AgencyCatalog, orgs: bool = True) -> Credit:
    """Split a credit on its separators and sort the pieces into agencies and persons.

    Agencies are normalised through the catalog; other organisations are kept as printed when
    ``orgs``; person names in capitals become title case.

    >>> from cleanse.provenance.agencies import load_agencies
    >>> parse_credit("Adam Schultz/The White House via AP", load_agencies())
    Credit(agencies=('The White House', 'Associated Press'), persons=('Adam Schultz',), junk=())
    >>> parse_credit("By JANE DOE and RICHARD ROE, AP Business Writers", load_agencies())
    Credit(agencies=('Associated Press',), persons=('Jane Doe', 'Richard Roe'), junk=())
    """
    agencies: list[str] = []
    persons: list[str] = []
    junk: list[str] = []
    after_stock = False
    for raw in _SEPARATORS.split(_POSSESSIVE.sub(" / ", _HANDLE.sub(" ", text))):
        # Agencies first: a label word inside a name ("picture alliance") must survive.
        piece = raw.strip(_STRIP)
        found = catalog.find_all(piece)
        if person := _person_named_like_agency(piece, found):
            _add(persons, person)
            continue
        rest = piece
        for start, end, canonical in found:
            _add(agencies, canonical)
            rest = rest.replace(piece[start:end], " ", 1)
        if found:
            rest = _WEB_PARTS.sub(" ", rest)
        rest = _strip_labels(rest)
        if " " not in rest and rest and (after_stock or _BY_HANDLE.search(piece)):
            _add(persons, rest)
        else:
            _sort_rest(rest, orgs, agencies, persons, junk)
        after_stock = bool(found) and catalog.kind(found[-1][2]) == "stock"
    return Credit(tuple(agencies), tuple(persons), tuple(junk))


def _sort_rest(rest: str, orgs: bool, agencies: list[str], persons: list[str],
               junk: list[str]) -> None:
    if not rest or _DESK_CODE.match(rest) or _GENERIC.match(rest):
        return
    if person := as_person(rest):
        _add(persons, person)
    elif orgs and org_shaped(rest):
        _add(agencies, rest)
    else:
        junk.append(rest)


def as_person(text: str) -> str | None:
    """A person's name (title-cased when printed in capitals), or None when not name-shaped.

    >>> as_person("JEFF PACHOUD"), as_person("Ted S. Warren"), as_person("The White House")
    ('Jeff Pachoud', 'Ted S. Warren', None)
    >>> as_person("Ezequiel BECERRA"), as_person("Ursula von der Leyen"), as_person("UK Parliament")
    ('Ezequiel Becerra', 'Ursula von der Leyen', None)
    """
    words = text.split()
    if not 2 <= len(words) <= 5 or words[0].casefold() in _ARTICLES:
        return None
    for i, word in enumerate(words):
        folded = word.casefold().strip(".")
        inner = 0 < i < len(words) - 1
        if folded in _NOT_NAME or not (_NAME_WORD.match(word) or (inner and folded in _PARTICLES)):
            return None
    if sum(1 for w in words if w.casefold() not in _PARTICLES) > 4:
        return None
    return " ".join(_title(w) for w in words)


def org_shaped(text: str) -> bool:
    """Whether a piece reads as an organisation's name ("The White House", "EL HERALDO").

    >>> org_shaped("Ministerio de Defensa de Rusia"), org_shaped("many factors")
    (True, False)
    """
    words = text.split()
    if not 0 < len(words) <= _MAX_ORG_WORDS:
        return False
    if len(words) == 1 and (_DOMAIN.match(text) or _CAMEL.match(text)):
        return True
    if any(ch.isdigit() for ch in text) or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in _ORG_JOINERS for w in words)


def _person_named_like_agency(piece: str, found: list[tuple[int, int, str]]) -> str | None:
    """'Michael Bloomberg', 'Mark Getty': a first name before a one-word agency is a person."""
    if len(found) != 1:
        return None
    start, end, _ = found[0]
    alias = piece[start:end]
    first = _strip_labels(piece[:start])
    if end != len(piece) or " " in alias or alias.isupper() or " " in first or not first:
        return None
    return as_person(f"{first} {alias}")


def _title(word: str) -> str:
    if len(word.rstrip(".")) > 1 and word.isupper():
        return "-".join(part.capitalize() for part in word.split("-"))
    return word


def _strip_labels(text: str) -> str:
    text = text.strip(_STRIP)
    while True:
        stripped = _TRAILING.sub("", _LABELS.sub("", text)).strip(_STRIP)
        if stripped == text:
            return text
        text = stripped


def _add(items: list[str], item: str) -> None:
    if item.casefold() not in (i.casefold() for i in items):
        items.append(item)
