"""The page's author from its bylines: trafilatura's ``extract_author`` in one pass.

trafilatura looks for bylines with three XPath expressions over a pruned deep copy of the page
(each costing about as much as the copy). Their tests only read an element's own tag and
attributes, and each regular expression in them is an alternation of literal words, so one
walk in Python answers all of them, with substring tests. The terms below are trafilatura
2.3's ``AUTHOR_XPATHS`` (three tiers, tried in order) and ``AUTHOR_DISCARD_XPATHS`` (regions
whose text never names the author), term for term; the text read from a match, the length
limits and the name normalisation are trafilatura's.
"""

from __future__ import annotations

from copy import deepcopy

import regex
from lxml import etree
from trafilatura.json_metadata import normalize_authors
from trafilatura.utils import trim
from trafilatura.xml import delete_element

_TIER0_TAGS = frozenset("a address div link p span strong".split())
_TIER1_TAGS = frozenset("a div h3 h4 p span".split())
_DISCARD_TAGS = frozenset("a div section span".split())


def _words(*words: str) -> regex.Pattern[str]:
    """A search for any of these literal words (what trafilatura's ``re:test`` patterns say)."""
    return regex.compile("|".join(regex.escape(word) for word in words))


_TIER0_CLASS = _words("author-name", "authorname", "AuthorName", "authorName")
_TIER1_ID = _words("author", "zuozhe", "bianji", "xiaobian")
_TIER1_CLASS = _words("author", "channel-name", "zuozhe", "bianji", "xiaobian", "submitted-by",
                      "posted-by", "journalist-name")
_TIER2_ID = _words("Author", "author")
_TIER2_CLASS = _words("Author", "author", "screenname", "writer", "Byline", "byline")
_DISCARD_ID = _words("comment-list", "commentlist", "ProductReviews")
_DISCARD_CLASS = _words("commentlist", "comments-list", "sidebar", "is-hidden", "quote",
                        "embedly-instagram", "article-share", "article-support", "print",
                        "category", "meta-date", "meta-reviewer")
# Tags that match without attributes.
_BARE_TAGS = frozenset(("author", "time", "figure"))
#: Every word that a class or id test looks for (in a class or id holding none, and equal to
#: none of the exact classes, no test matches).
_ANY_CLASS_WORD = _words("author", "Author", "channel-name", "zuozhe", "bianji", "xiaobian",
                         "submitted-by", "posted-by", "journalist-name", "screenname", "writer",
                         "Byline", "byline", "commentlist", "comments-list", "sidebar",
                         "is-hidden", "quote", "embedly-instagram", "article-share",
                         "article-support", "print", "category", "meta-date", "meta-reviewer",
                         "Comments", "comments")
_ANY_ID_WORD = _words("author", "Author", "zuozhe", "bianji", "xiaobian", "comments",
                      "comment-list", "commentlist", "ProductReviews")
_EXACT_CLASSES = frozenset(("title", "date", "username", "byl", "BBL"))
#: The attributes the tests read besides class and id.
_RARE_ATTRIBUTES = frozenset(("rel", "itemprop", "data-testid", "data-component"))
#: A byline longer than this is a paragraph that mentions an author (trafilatura's limit).
MAX_BYLINE_CHARS = 120


def _tier(element: etree._Element, rel_me: set[etree._Element]) -> int | None:
    """The first byline expression that matches the element (0, 1, 2), or None."""
    tag = element.tag
    cls, ident = element.get("class") or "", element.get("id") or ""
    itemprop = element.get("itemprop") or ""
    if tag == "author" or (tag in _TIER0_TAGS and (
            element.get("rel") == "author" or ident == "author" or cls == "author"
            or itemprop == "author name"
            or element.get("data-testid") in ("AuthorCard", "AuthorURL")
            or (cls and _TIER0_CLASS.search(cls))
            or element in rel_me)):
        return 0
    if tag in _TIER1_TAGS and (cls in ("byline", "username", "byl", "BBL")
                               or "author" in itemprop or (ident and _TIER1_ID.search(ident))
                               or (cls and _TIER1_CLASS.search(cls))):
        return 1
    if "Byline" in (element.get("data-component") or "") or "author" in itemprop \
            or (ident and _TIER2_ID.search(ident)) or (cls and _TIER2_CLASS.search(cls)):
        return 2
    return None


def _answer(element: etree._Element, rel_me: set[etree._Element]) -> tuple[bool, int | None]:
    """Whether the element is discarded, else its byline tier (None: not a byline)."""
    if _discarded(element):
        return True, None
    return False, _tier(element, rel_me)


def _plain_answer(element: etree._Element, tag: str, cls: str | None, ident: str | None
                  ) -> tuple[bool, int | None]:
    """:func:`_answer` for an element whose only tested attributes are its class and id:
    most hold none of the words the tests look for, which one search each tells."""
    if tag in _BARE_TAGS or cls in _EXACT_CLASSES or (cls and _ANY_CLASS_WORD.search(cls)) \
            or (ident and _ANY_ID_WORD.search(ident)):
        return _answer(element, set())
    return False, None


def _discarded(element: etree._Element) -> bool:
    tag = element.tag
    if tag in ("time", "figure"):
        return True
    if tag not in _DISCARD_TAGS:
        return False
    cls, ident = element.get("class") or "", element.get("id") or ""
    return (ident.startswith("comments") or cls in ("comments", "title", "date")
            or cls.startswith(("Comments", "comments")) or bool(ident and _DISCARD_ID.search(ident))
            or bool(cls and _DISCARD_CLASS.search(cls))
            or "Figure" in (element.get("data-component") or ""))


def _text(element: etree._Element, discarded: set[etree._Element]) -> str:
    """The element's text as trafilatura reads it once the discarded regions are pruned."""
    if not any(node in discarded for node in element.iterdescendants()):
        return trim(" ".join(element.itertext()))
    copy = deepcopy(element)  # rare: prune a copy of this element only, as trafilatura would
    for node in [n for n in copy.iterdescendants() if isinstance(n.tag, str) and _discarded(n)]:
        delete_element(node)
    return trim(" ".join(copy.itertext()))


def byline_author(tree: etree._Element) -> str | None:
    """The author named in the page's bylines, as trafilatura's ``extract_author`` finds it."""
    tiers: tuple[list[etree._Element], ...] = ([], [], [])
    discarded: set[etree._Element] = set()
    # XPath's ``rel='me'``: a child element <rel> reading "me".
    rel_me = {rel.getparent() for rel in tree.iter("rel") if "".join(rel.itertext()) == "me"}
    # Most elements repeat a tag, class and id already seen on the page; unless they carry one
    # of the rarer attributes the tests read, they get the same answers.
    answers: dict[tuple[str, str | None, str | None], tuple[bool, int | None]] = {}
    for element in tree.iter(etree.Element):
        tag = element.tag
        names = element.keys()
        if not names and tag not in _BARE_TAGS and element not in rel_me:
            continue  # every other test reads an attribute
        if not _RARE_ATTRIBUTES.isdisjoint(names) or element in rel_me:
            answer = _answer(element, rel_me)
        else:
            key = (tag, element.get("class"), element.get("id"))
            answer = answers.get(key) or answers.setdefault(key, _plain_answer(element, *key))
        if answer[0]:
            discarded.add(element)
        elif answer[1] is not None:
            tiers[answer[1]].append(element)
    for candidates in tiers:
        for element in candidates:
            if any(node in discarded for node in element.iterancestors()):
                continue
            text = _text(element, discarded)
            if 2 < len(text) < MAX_BYLINE_CHARS:
                return normalize_authors(None, text)
    return None
