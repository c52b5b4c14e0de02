"""When trafilatura's fast pick is checked again by its fallbacks."""

from __future__ import annotations

from lxml import etree
from trafilatura.settings import Document

from cleanse.extract.html import _thin

STORY = "The storm hit the coast on Monday night and cut power to many homes in the area."
OTHER = "Another long paragraph of running text sits elsewhere on the page, far from the pick."


def _pick(*paragraphs: str) -> Document:
    document = Document()
    document.body = etree.Element("body")
    for text in paragraphs:
        etree.SubElement(document.body, "p").text = text
    return document


def test_short_pick_holding_all_the_prose_is_kept() -> None:
    assert not _thin(_pick(STORY), ("Home", STORY, "Contact"))


def test_short_pick_with_prose_elsewhere_is_checked() -> None:
    assert _thin(_pick(STORY), ("Home", STORY, OTHER))


def test_empty_pick_is_checked() -> None:
    assert _thin(_pick("Menu"), ("Menu",))
    assert _thin(Document(), (STORY,))
