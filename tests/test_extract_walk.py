"""One walk gives the page's visible lines and its block index."""

from __future__ import annotations

from lxml import html as lxml_html

from cleanse.extract.walk import PREFIX_CHARS, walk_page

PAGE = """<html><head><title>T</title><script>var x = 1;</script></head><body>
  <nav><a href="/">Home</a> <a href="/news">News</a></nav>
  <article><h1>Storm hits coast</h1>
    <p>The storm hit the coast on <b>Monday</b>, cutting power.</p>
    <div>Loose <span>text</span><br>after a break</div>
    <style>p { color: red }</style>tail of style
  </article></body></html>"""


def test_lines_break_at_blocks_and_skip_scripts() -> None:
    lines = walk_page(lxml_html.document_fromstring(PAGE)).lines
    assert lines == ("Home News", "Storm hits coast",
                     "The storm hit the coast on Monday, cutting power.",
                     "Loose text", "after a break", "tail of style")


def test_index_maps_text_to_deepest_block() -> None:
    tree = lxml_html.document_fromstring(PAGE)
    index = walk_page(tree).index
    assert index["Stormhitscoast"].tag == "h1"
    assert index["ThestormhitthecoastonMonday,cuttingpower."].tag == "p"
    assert index["Loosetextafterabreak"].tag == "div"
    long_key = "ThestormhitthecoastonMonday,cuttingpower."[:PREFIX_CHARS] + "\0"
    assert index[long_key].tag == "p"


def test_long_containers_are_left_out() -> None:
    tree = lxml_html.document_fromstring(f"<html><body><div><p>{'word ' * 50}</p></div></body></html>")
    index = walk_page(tree, max_chars=100).index
    assert all(element.tag not in ("div", "p", "body") for element in index.values())


def test_index_leaves_comments_out_but_keeps_their_tails() -> None:
    tree = lxml_html.document_fromstring(
        "<html><body><div><p>Before <!-- a note -->after</p></div></body></html>")
    index = walk_page(tree).index
    assert index["Beforeafter"].tag == "p"
    assert not any("anote" in key for key in index)


def test_containers_of_a_long_block_are_left_out_beside_short_ones() -> None:
    tree = lxml_html.document_fromstring(
        f"<html><body><section><div><p>{'word ' * 50}</p></div><p>Short line.</p></section>"
        "</body></html>")
    index = walk_page(tree, max_chars=100).index
    assert index["Shortline."].tag == "p"
    assert all(element.tag not in ("div", "section") for element in index.values())


def test_caption_elements_are_collected_on_the_way() -> None:
    tree = lxml_html.document_fromstring(
        "<html><body><figure><img src='a.jpg'><figcaption>A storm</figcaption></figure>"
        "<table><caption>Rain by town</caption><tr><td>1</td></tr></table></body></html>")
    captions = walk_page(tree).captions
    assert sorted(element.text for element in captions) == ["A storm", "Rain by town"]


def test_text_after_a_comment_stays_and_the_comment_does_not() -> None:
    page = ("<html><body><p>Photo: <!-- credit --> Jane Doe/AP</p><div><!-- ad -->Tail text</div>"
            "<script>x = 1 <!-- y --> 2</script><p>Next</p></body></html>")
    walked = walk_page(lxml_html.document_fromstring(page))
    assert walked.lines == ("Photo: Jane Doe/AP", "Tail text", "Next")
    assert "Photo:JaneDoe/AP" in walked.index
