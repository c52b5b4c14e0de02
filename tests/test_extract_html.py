"""HTML extraction: the standfirst beside the headline (and what there is not the lead), odd pages."""

from __future__ import annotations

from cleanse.extract import extract_html
from cleanse.extract.html import rescue_lead
from cleanse.records import Block

BODY = " ".join(
    f"<p>Paragraph {n} of the report says the council met on Monday evening and voted to extend "
    f"the pilot scheme for another year after a long debate.</p>" for n in range(1, 9))
LEAD = ("The town will keep its night buses running until next spring, the council decided "
        "after a long debate.")


def _page(header: str, title: str = "Night buses stay - Daily Ledger") -> str:
    return (f"<html><head><meta property='og:title' content='{title}'>"
            f"<title>Night buses stay | Daily Ledger</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><header>{header}</header>"
            f"<article><div class='body'>{BODY}</div></article></body></html>")


def _texts(header: str, title: str = "Night buses stay - Daily Ledger") -> list[str]:
    return [b.text for b in extract_html(_page(header, title)).blocks]


def test_lead_found_below_a_headline_that_lacks_the_site_name() -> None:
    assert LEAD in _texts(f"<h1>Night buses stay</h1><p>{LEAD}</p>")


def test_lead_found_below_a_headline_with_a_kicker() -> None:
    assert LEAD in _texts(f"<h1>Transport: Night buses stay</h1><p>{LEAD}</p>", "Night buses stay")


def test_lead_found_below_a_short_headline_whose_title_has_long_site_and_section_names() -> None:
    title = "Night buses stay / Transport and City Planning / Daily Ledger Online"
    assert LEAD in _texts(f"<h1>Night buses stay</h1><p>{LEAD}</p>", title)


def test_lead_found_below_a_headline_that_follows_the_site_name_in_the_title() -> None:
    assert LEAD in _texts(f"<h1>Night buses stay</h1><p>{LEAD}</p>", "Daily Ledger | Night buses stay")


def test_subtitle_without_sentence_end_taken_when_marked_as_one() -> None:
    subtitle = "Council extends the pilot scheme for another year"
    assert subtitle in _texts(f"<h1>Night buses stay</h1><h2 class='article-subtitle'>{subtitle}</h2>")
    assert subtitle not in _texts(f"<h1>Night buses stay</h1><h2 class='box'>{subtitle}</h2>")


def test_caption_and_author_bio_beside_the_headline_are_not_the_lead() -> None:
    caption = "A night bus waits at the central station on Monday evening before its last run of the week."
    bio = ("Jane Doe is a transport reporter who has covered buses, trains and city planning "
           "for more than ten years.")
    texts = _texts(f"<h1>Night buses stay</h1><figure><img src='x.jpg'><figcaption>{caption}"
                   f"</figcaption></figure><div class='author-box'><p>{bio}</p></div><p>{LEAD}</p>")
    assert LEAD in texts
    assert caption not in texts and bio not in texts


def test_control_character_in_a_paragraph_does_not_lose_the_page() -> None:
    page = _page(f"<h1>Night buses stay</h1><p>{LEAD}</p>").replace("the report says",
                                                                   "the\x07report says", 1)
    texts = _texts_of(page)
    assert any(t.startswith("Paragraph 1 of the report says") for t in texts)
    assert any(t.startswith("Paragraph 8 of the report says") for t in texts)


def _texts_of(page: str) -> list[str]:
    return [b.text for b in extract_html(page).blocks]



def test_a_table_row_of_empty_cells_gives_no_block() -> None:
    from lxml import etree

    from cleanse.extract.html import _typed_blocks

    body = etree.fromstring("<body><row><cell/><cell> </cell></row>"
                            "<row><cell>Rank</cell><cell/><cell>Team</cell></row></body>")
    assert [b.text for b in _typed_blocks(body, set())] == ["Rank |  | Team"]


def test_a_title_part_is_the_headline_only_on_a_heading() -> None:
    # "Daily Ledger | Night buses stay": the site name's line at the top is no headline, so
    # the cookie notice under it is no lead.
    body = ("The town will keep its night buses running until next spring, the council decided "
            "after a long debate on Monday night.")
    cookie = ("We use cookies to give you the best experience on our website and to analyse our "
              "traffic, by continuing you agree.")
    lines = ("Daily Ledger", cookie, "Home", "News", "Transport: night buses will stay", body)
    assert rescue_lead(lines, "Daily Ledger | Night buses stay in the city", (Block(body),)) == ()
