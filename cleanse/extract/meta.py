"""Page metadata through trafilatura's own readers, without the parts cleanse never reports.

``trafilatura.extract_metadata`` also collects categories, tags and a licence, which
:class:`~cleanse.records.Metadata` has no field for; those walks cost about a third of its time.
The fields cleanse keeps are read by the same functions, in the same order, so they agree with
what ``bare_extraction(with_metadata=True)`` reports.
"""

from __future__ import annotations

from htmldate import find_date
from lxml import etree
from trafilatura import metadata as tm
from trafilatura.settings import Document

from ..records import Metadata
from .byline import byline_author



def page_metadata(tree: etree._Element, url: str | None = None) -> tuple[str | None, Metadata]:
    """The page's title and its metadata (url, site name, date, authors)."""
    found = tm.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a single word is a handle or a label, not a name
    try:
        found = tm.extract_meta_json(tree, found)
    except Exception:  # trafilatura's JSON-LD reader fails on odd markup
        pass
    found.title = found.title or tm.extract_title(tree)
    found.author = found.author or byline_author(tree)
    found.url = found.url or tm.extract_url(tree, url)
    # No extensive date search: it parses every date-like string of the page through
    # dateparser's locales, the slowest step of all.
    found.date = find_date(tree, url=found.url, extensive_search=False, original_date=True)
    found.sitename = _site_name(found, tree)
    found.clean_and_trim()
    return found.title, Metadata(
        url=url or found.url, site_name=found.sitename, date=found.date,
        authors=tuple(a.strip() for a in (found.author or "").split(";") if a.strip()),
    )


def _site_name(found: Document, tree: etree._Element) -> str | None:
    name = found.sitename or tm.extract_sitename(tree)
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name or None
    match = tm.META_URL.match(found.url) if found.url else None
    return match[1] if match else None
