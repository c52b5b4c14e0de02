"""Story stage: which runs stay and which short blocks ride along with them."""

from __future__ import annotations

from cleanse.records import Block, BlockKind, Draft
from cleanse.story import inserted_pairs, locate_story

SENTENCE = ("The council met on Monday night and voted to rebuild the old bridge before the "
            "winter floods reach the valley again.")


def _texts(draft: Draft) -> list[str]:
    return [b.text for b in locate_story(draft).blocks]


def test_self_standing_run_stays_beside_a_long_story() -> None:
    # A lead run well below a tenth of a very long story is still story when rich on its own.
    lead = tuple(Block(SENTENCE.replace("Monday", day)) for day in ("Monday", "Tuesday", "Friday", "Sunday"))
    menu = tuple(Block(w) for w in ("Home", "News", "Sport", "Weather", "Contact", "Jobs"))
    body = tuple(Block(SENTENCE.replace("old", f"old {n}")) for n in range(80))
    out = locate_story(Draft(blocks=lead + menu + body))
    assert SENTENCE in [b.text for b in out.blocks]
    assert {r.rule for r in out.removed if r.text in {"Home", "Jobs"}} == {"story.gap"}


def test_weak_run_beside_a_long_story_still_goes() -> None:
    body = tuple(Block(SENTENCE.replace("old", f"old {n}")) for n in range(80))
    tail = tuple(Block(w) for w in ("Home", "News", "Sport")) + (Block(SENTENCE),)
    assert SENTENCE not in _texts(Draft(blocks=body + tail))


def test_list_introduced_by_a_colon_stays() -> None:
    items = tuple(Block(t, BlockKind.LIST_ITEM) for t in ("200 g flour", "2 eggs", "1 pinch salt"))
    blocks = (Block(SENTENCE), Block(SENTENCE.replace("Monday", "Sunday")),
              Block(SENTENCE + " For the dough you need:")) + items + (Block("Imprint"), Block("Privacy"))
    texts = _texts(Draft(blocks=blocks))
    assert all(item.text in texts for item in items)
    assert "Imprint" not in texts


def test_links_below_a_colon_line_do_not_ride_along() -> None:
    links = tuple(Block(f"[Story {n}](https://example.org/{n})", BlockKind.LIST_ITEM) for n in range(3))
    blocks = (Block(SENTENCE), Block(SENTENCE.replace("Monday", "Sunday")),
              Block(SENTENCE + " Read also:")) + links
    out = locate_story(Draft(blocks=blocks))
    assert not any(b.text in [x.text for x in out.blocks] for b in links)
    assert {r.rule for r in out.removed} == {"story.tail"}


def test_unintroduced_short_list_after_story_goes() -> None:
    items = tuple(Block(t, BlockKind.LIST_ITEM) for t in ("Home", "News", "Sport"))
    blocks = (Block(SENTENCE), Block(SENTENCE.replace("Monday", "Sunday"))) + items
    assert _texts(Draft(blocks=blocks)) == [SENTENCE, SENTENCE.replace("Monday", "Sunday")]


def test_lead_above_the_story_stays_across_a_byline() -> None:
    # A two-sentence lead scores far below a tenth of a long story; the byline and date lines
    # between them do not make it a separate page section.
    lead = Block("Voters in the valley chose a new council. Turnout was high.")
    body = tuple(Block(SENTENCE.replace("old", f"old {n}")) for n in range(80))
    blocks = (Block("Home"), Block("News"), lead, Block("By Jane Doe"), Block("March 3, 2024")) + body
    texts = _texts(Draft(blocks=blocks))
    assert lead.text in texts
    assert "Home" not in texts and "By Jane Doe" not in texts


def test_weak_run_far_above_the_story_still_goes() -> None:
    teaser = Block("Voters in the valley chose a new council. Turnout was high.")
    menu = tuple(Block(w) for w in ("Home", "News", "Sport", "Weather", "Contact", "Jobs"))
    body = tuple(Block(SENTENCE.replace("old", f"old {n}")) for n in range(80))
    assert teaser.text not in _texts(Draft(blocks=(teaser,) + menu + body))




def test_short_run_between_two_story_parts_stays() -> None:
    # A short paragraph between two story parts, each set apart by a menu, is story though it
    # scores far below a tenth of the long part; the same paragraph after the story is not.
    first = tuple(Block(SENTENCE.replace("old", f"old {n}")) for n in range(5))
    menu = tuple(Block(w) for w in ("Home", "News", "Sport", "Weather", "Travel", "Contact", "Jobs", "Shop"))
    middle = Block("The vote was close, and two members of the council left the room before the end.")
    second = tuple(Block(SENTENCE.replace("bridge", f"bridge {n}")) for n in range(80))
    assert middle.text in _texts(Draft(blocks=first + menu + (middle,) + menu + second))
    assert middle.text not in _texts(Draft(blocks=second + menu + (middle,) + menu))


def test_short_paragraph_past_a_runs_peak_stays_inside_the_story() -> None:
    # The menu before it does not drain the first part's total, so the paragraph sits past
    # that run's peak rather than in a run of its own; inside the story it stays all the same.
    first = tuple(Block(SENTENCE.replace("old", f"old {n}")) for n in range(5))
    menu = tuple(Block(w) for w in ("Home", "News", "Sport", "Weather", "Contact", "Jobs"))
    middle = Block("The vote was close, and two members of the council left the room before the end.")
    second = tuple(Block(SENTENCE.replace("bridge", f"bridge {n}")) for n in range(80))
    texts = _texts(Draft(blocks=first + menu + (middle,) + menu + second))
    assert middle.text in texts and "Weather" not in texts


def test_first_paragraph_under_the_title_is_the_lead() -> None:
    # The repeats stage found the title and took what stood above it; the short paragraph
    # right under the headline is the lead, even with a share bar between it and the story.
    lead = Block("Voters in the valley chose a new council. Turnout was high.")
    share = tuple(Block(w) for w in ("Share", "Tweet", "Email", "Print", "Comments", "Save"))
    body = tuple(Block(SENTENCE.replace("old", f"old {n}")) for n in range(80))
    blocks = (lead,) + share + body
    assert lead.text in _texts(Draft(blocks=blocks, title="Valley elects council"))
    assert lead.text not in _texts(Draft(blocks=blocks))


def test_a_pair_of_short_lines_inside_the_story_is_a_box() -> None:
    # "Read also" and a teaser headline set between paragraphs go; a lone subheading and a
    # three-line list stay, and so does a short line that ends as a sentence.
    body = [Block(SENTENCE.replace("old", f"old {n}") + " " + SENTENCE) for n in range(6)]
    box = [Block("Read also"), Block("Mayor opens the new ferry terminal")]
    sub = Block("What happens next")
    items = [Block(t) for t in ("Two new lanes", "A cycle path", "Brighter lights")]
    blocks = (body[:2] + box + body[2:3] + [sub] + body[3:4] + items + body[4:5]
              + [Block("It was late"), Block("Nobody came.")] + body[5:])
    out = locate_story(Draft(blocks=tuple(blocks)))
    texts = [b.text for b in out.blocks]
    assert "Read also" not in texts and box[1].text not in texts
    assert {r.rule for r in out.removed} == {"story.box"}
    assert sub.text in texts and all(i.text in texts for i in items) and "Nobody came." in texts


def test_a_two_item_list_or_heading_pair_is_not_a_box() -> None:
    para = Block("The storm hit the coast on Monday and cut power to thousands of homes.")
    items = (Block("2 eggs", BlockKind.LIST_ITEM, "• "), Block("200 g flour", BlockKind.LIST_ITEM, "• "))
    heads = (Block("Part two", BlockKind.HEADING), Block("The long night", BlockKind.HEADING))
    for pair in (items, heads):
        blocks = (para, *pair, para)
        assert inserted_pairs(blocks, [10, -9, -9, 10], [True] * 4) == set()
    plain = (para, Block("Read also"), Block("Other story"), para)
    assert inserted_pairs(plain, [10, -9, -9, 10], [True] * 4) == {1, 2}


def test_credited_caption_leaves_plain_text_and_its_credit_stays_a_note() -> None:
    import cleanse

    caption = "Workers lay cable along a county road on Monday. (Jane Roe/The Gazette via AP)"
    long_paragraph = " ".join([SENTENCE] * 4) + " Photo: Jane Roe/AP"
    page = "\n\n".join(["Council votes to rebuild the bridge", SENTENCE, caption,
                        SENTENCE.replace("Monday", "Friday"), long_paragraph])
    doc = cleanse.clean(page, config=cleanse.CleanConfig(input_format="text"))
    assert caption not in doc.text
    assert long_paragraph in doc.text  # a paragraph that only ends in a credit is not a caption
    assert any(r.rule == "story.caption" and r.text == caption for r in doc.removed)
    assert any("Jane Roe" in note.text for note in doc.provenance)


def test_short_sentence_right_above_the_story_opens_it() -> None:
    body = tuple(Block(SENTENCE.replace("old", f"old {n}")) for n in range(4))
    menu = (Block("Home"), Block("News"), Block("Sport"))
    opened = _texts(Draft(blocks=menu + (Block("It was a cold night."),) + body))
    assert opened[0] == "It was a cold night." and "Sport" not in opened
    labelled = _texts(Draft(blocks=menu + (Block("Send it!"),) + body))
    assert "Send it!" not in labelled  # two words: a button's label, not a sentence


def test_lone_block_below_the_story_goes_but_its_last_paragraph_stays() -> None:
    body = tuple(Block(SENTENCE.replace("old", f"old {n}")) for n in range(5))
    blurb = Block("This blog is written by a team of engineers who love bridges, rivers and the "
                  "long history of the valley's towns.")
    texts = _texts(Draft(blocks=body + (Block("Archive"), Block("Imprint"), blurb)))
    assert blurb.text not in texts and body[-1].text in texts
    assert blurb.text in _texts(Draft(blocks=body + (blurb,)))  # right below the story: its own


def test_title_over_a_whole_site_header_is_the_sites_line() -> None:
    menu = tuple(Block(w) for w in ("Home", "News", "Sport", "Weather", "Jobs", "Cars", "Travel", "Shop"))
    body = tuple(Block(SENTENCE.replace("old", f"old {n}")) for n in range(4))
    far = locate_story(Draft(blocks=menu + body, title="Skip to main content"))
    assert far.title is None
    assert any(r.text == "Skip to main content" and r.rule == "story.header" for r in far.removed)
    assert locate_story(Draft(blocks=menu[:2] + body, title="Council votes")).title == "Council votes"
