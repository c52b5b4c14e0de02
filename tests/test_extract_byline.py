"""The one-pass byline search agrees with trafilatura's extract_author."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from trafilatura import metadata as tm

from cleanse.extract.byline import byline_author

PAGES = {
    "byline class": '<div class="byline">By Jane Doe</div><p>Story text here.</p>',
    "time inside byline": '<p class="author">By Jane Doe <time>12 May 2024</time></p>',
    "comment author skipped": ('<section id="comments-area"><span class="author">Troll Name</span>'
                               '</section><span class="entry-author">Max Mustermann</span>'),
    "tier order beats page order": ('<span class="writer">Second Person</span>'
                                    '<a rel="author" href="/a">First Person</a>'),
    "too long is skipped": ('<div class="author-bio">' + "word " * 40 + '</div>'
                            '<div class="byline">Ann Lee</div>'),
    "no byline": "<p>Nothing about who wrote it.</p>",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_matches_trafilatura(name: str) -> None:
    tree = lxml_html.document_fromstring(f"<html><body>{PAGES[name]}</body></html>")
    assert byline_author(tree) == tm.extract_author(tree)


def test_finds_names() -> None:
    tree = lxml_html.document_fromstring(
        f"<html><body>{PAGES['time inside byline']}</body></html>")
    assert byline_author(tree) == "Jane Doe"
    tree = lxml_html.document_fromstring(
        f"<html><body>{PAGES['comment author skipped']}</body></html>")
    assert byline_author(tree) == "Max Mustermann"
