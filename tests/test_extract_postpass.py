"""The DOM-aware post-pass: small pages, each check's reason asserted."""

from __future__ import annotations

from lxml import html as lxml_html

from cleanse.extract.postpass import article_root, judge, link_share, place
from cleanse.extract.walk import walk_page
from cleanse.records import Block, BlockKind

STORY = "The council voted on Monday to rebuild the old bridge over the river, ending a decade of argument."
MORE = "Work starts in spring and should take two years, the mayor said after the vote in the town hall."
PAGE = f"""<html><body>
<nav><a href="/">Home</a></nav>
<article class="post"><h1>Bridge to be rebuilt</h1><p>{STORY}</p><p>{MORE}</p>
<p>Sources: <a href="/a">the minutes</a></p>
<div class="share-bar"><p>Share this story</p></div></article>
<div class="more"><p><a href="/b">Town fair opens on Friday with rides</a></p><p>Top stories</p>
<ul><li>Item one of the list</li></ul></div>
</body></html>"""


def _judged(blocks: tuple[Block, ...]) -> tuple[list[str], dict[str, str]]:
    tree = lxml_html.document_fromstring(PAGE)
    kept, removed = judge(place(blocks, walk_page(tree).index))
    return [b.text for b in kept], {r.text: r.rule for r in removed}


def test_story_kept_and_furniture_dropped_with_reasons() -> None:
    blocks = (Block(STORY), Block(MORE), Block("Sources: the minutes"), Block("Share this story"),
              Block("Town fair opens on Friday with rides"), Block("Top stories"),
              Block("Item one of the list", BlockKind.LIST_ITEM))
    kept, removed = _judged(blocks)
    assert kept == [STORY, MORE, "Sources: the minutes", "Item one of the list"]
    assert removed == {"Share this story": "extract.class.share",
                       "Town fair opens on Friday with rides": "extract.link_text",
                       "Top stories": "extract.after_story"}


def test_article_root_is_the_story_container() -> None:
    tree = lxml_html.document_fromstring(PAGE)
    root = article_root(place((Block(STORY), Block(MORE)), walk_page(tree).index))
    assert root is not None and root.tag == "article"


def test_link_share_counts_link_text() -> None:
    element = lxml_html.fragment_fromstring("<p>See <a href='/x'>the full report here</a></p>")
    assert 0.7 < link_share(element) < 1.0


BIO = ("Jane Doe is a transport reporter who has covered buses, trains and city planning for "
       "more than ten years.")
BOX_PAGE = f"""<html><body><article><p>{STORY}</p><p>{MORE}</p>
<div class="post-author-box"><p>{BIO}</p></div>
<ul class="read-more"><li>Another story on the council and its bridge</li></ul>
<p>Write to <a href="mailto:desk@example.org">desk@example.org</a></p></article></body></html>"""


def test_prose_in_an_author_box_and_items_of_a_read_more_list_dropped() -> None:
    tree = lxml_html.document_fromstring(BOX_PAGE)
    blocks = (Block(STORY), Block(MORE), Block(BIO),
              Block("Another story on the council and its bridge", BlockKind.LIST_ITEM),
              Block("Write to desk@example.org"))
    kept, removed = judge(place(blocks, walk_page(tree).index))
    assert [b.text for b in kept] == [STORY, MORE, "Write to desk@example.org"]
    assert {r.text: r.rule for r in removed} == {
        BIO: "extract.box.authorbox",
        "Another story on the council and its bridge": "extract.class.readmore"}


def test_contact_links_are_not_link_text() -> None:
    element = lxml_html.fragment_fromstring("<p><a href='mailto:desk@example.org'>desk@example.org</a></p>")
    assert link_share(element) == 0.0


def test_short_line_not_found_on_the_page_dropped_only_after_the_story() -> None:
    kept, removed = _judged((Block("Cancel whenever you like."), Block(STORY), Block(MORE),
                             Block("Cancel whenever you like, really."),
                             Block("Rank | Team", BlockKind.TABLE)))
    assert kept == ["Cancel whenever you like.", STORY, MORE, "Rank | Team"]
    assert removed == {"Cancel whenever you like, really.": "extract.after_story"}


LONG = " ".join([STORY, MORE] * 3)
ONE_PARAGRAPH_PAGE = f"""<html><body><div class="page"><div class="text"><h2>Bridge</h2>
<p>{LONG}</p><h3>Timeline</h3><p>Spring 2025</p></div>
<div class="aside"><p>Top stories</p></div></div></body></html>"""


def test_a_story_of_one_long_paragraph_keeps_the_lines_beside_it() -> None:
    # The paragraph holds all the prose, but the story's container is its parent: the heading
    # and the short line after it are the story's, the label in another box is not.
    tree = lxml_html.document_fromstring(ONE_PARAGRAPH_PAGE)
    blocks = (Block("Bridge", BlockKind.HEADING), Block(LONG), Block("Timeline", BlockKind.HEADING),
              Block("Spring 2025"), Block("Top stories"))
    placed = place(blocks, walk_page(tree).index)
    root = article_root(placed)
    assert root is not None and root.get("class") == "text"
    kept, removed = judge(placed)
    assert [b.text for b in kept] == ["Bridge", LONG, "Timeline", "Spring 2025"]
    assert {r.text: r.rule for r in removed} == {"Top stories": "extract.after_story"}
