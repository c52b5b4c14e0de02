"""Unit tests per stage, each on its own small fixture."""

from __future__ import annotations

import pytest

from cleanse.extract import extract_html, split_text
from cleanse.read import decode, looks_like_html, read_source
from cleanse.records import Block, BlockKind, Draft, Metadata, NoteKind, Reason
from cleanse.repeats import find_title, remove_repeats
from cleanse.scaffold import clean_metadata, strip_scaffolding

LONG = "The council met on Monday evening and voted to extend the pilot scheme for another year."


# --- read ---------------------------------------------------------------------------------

def test_decode_uses_declared_charset_then_detection() -> None:
    page = '<meta charset="windows-1252"><p>Café – “quoted”</p>'
    assert decode(page.encode("cp1252")) == page
    assert decode("Grüße aus Köln".encode()) == "Grüße aus Köln"
    assert decode(b"\xef\xbb\xbfBOM text") == "BOM text"


def test_sniffing_html_against_text() -> None:
    assert looks_like_html("<html><body><p>x</p></body></html>")
    assert not looks_like_html("Leave a Reply\nThe <b> tag is bold.")
    assert read_source(b"plain words", "auto").format == "text"
    assert read_source("plain words", "html").format == "html"


# --- extract: plain text -------------------------------------------------------------------

def test_split_text_keeps_kinds_and_strips_markers() -> None:
    blocks = split_text("# Headline\n\n  • first item\n* second item\n- third\nPlain line.").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.HEADING, "Headline"), (BlockKind.LIST_ITEM, "first item"),
        (BlockKind.LIST_ITEM, "second item"), (BlockKind.LIST_ITEM, "third"),
        (BlockKind.PARAGRAPH, "Plain line."),
    ]


def test_split_text_joins_hard_wrapped_paragraphs() -> None:
    para = ("Scientists say the mission will help fill gaps in the long-term record of sea-level "
            "rise, which has been tracked from orbit since the early 1990s and is used widely.")
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(para, 78, break_on_hyphens=False) for _ in range(3))
    assert [b.text for b in split_text(wrapped).blocks] == [para] * 3


def test_split_text_does_not_join_unwrapped_lines() -> None:
    text = "\n".join(["Short line one", LONG, "Another line", LONG + " Again.", "End"])
    assert len(split_text(text).blocks) == 5


def test_split_text_joins_a_sentence_a_dumper_broke_at_each_inline_element() -> None:
    # BeautifulSoup's get_text("\n") puts every text node on a line of its own.
    text = ("Officials said the storm hit the\ncoast\non Monday night, read the\nfull report\n"
            "for details.\nThe council met\n, as planned\n.\nAll flights to\nNew York City\n"
            "were cancelled.\nMenu")
    assert [b.text for b in split_text(text).blocks] == [
        "Officials said the storm hit the coast on Monday night, read the full report for details.",
        "The council met, as planned.", "All flights to New York City were cancelled.", "Menu"]


@pytest.mark.parametrize("text", [
    "500 g Mehl\n10 g Salz\netwas Reismehl zum Bestäuben\nwarmes Wasser",  # a list
    "Tags\nbudget\nhousing\nrent control.",  # one word a line: tags, a menu
    "News\nSport\nWeather\nthe council said on Monday that it would meet in May.",
    "Copyright 2024\nall rights reserved.",
    "## Installation\npip install cleanse with the extras you need.",  # a heading
    "Here is the code we ran:\nx = 1\ny = 2\nprint(x + y)",
    "Name\nAge\nCity\nalice\n30\nparis\nbob\n25\nberlin.",  # a table's cells
    "Er stand lange am Fenster des Saals.\n»Wir schaffen das«, sagte sie dann.",  # a quotation
])
def test_split_text_leaves_lines_that_are_no_broken_sentence_apart(text: str) -> None:
    lines = [line.lstrip("# ") for line in text.split("\n")]
    assert [b.text for b in split_text(text).blocks] == lines


def test_split_text_reads_back_a_notes_section() -> None:
    ex = split_text("Body text.\n\n=== provenance ===\n[contributor] AP contributed to this report.")
    assert [b.text for b in ex.blocks] == ["Body text."]
    assert ex.note_lines == ("AP contributed to this report.",)


# --- extract: HTML -------------------------------------------------------------------------

PAGE = f"""<html><head><title>Storm hits coast</title><meta name="author" content="Post author"></head>
<body><nav><a href="/">Home</a><a href="/news">News</a></nav><article><h1>Storm hits coast</h1>
<p>{LONG}</p>
<figure><img src="x.jpg"><figcaption>Waves hit the pier on Monday. (Jane Doe/AP)</figcaption></figure>
<p>Waves hit the pier on Monday. (Jane Doe/AP)</p><h2>What comes next</h2>
<ul><li>Schools stay closed.</li><li>Roads reopen Tuesday.</li></ul><p>{LONG} Twice.</p></article>
<div id="respond"><h3>Leave a Reply</h3></div><footer>© 2022 Daily Ledger</footer></body></html>"""


def test_extract_html_types_blocks_and_keeps_page_lines() -> None:
    ex = extract_html(PAGE)
    kinds = {b.text: b.kind for b in ex.blocks}
    assert kinds["Waves hit the pier on Monday. (Jane Doe/AP)"] is BlockKind.CAPTION
    assert kinds["What comes next"] is BlockKind.HEADING
    assert kinds["Schools stay closed."] is BlockKind.LIST_ITEM
    assert ex.title == "Storm hits coast"
    assert "Leave a Reply" in ex.page_lines and "© 2022 Daily Ledger" in ex.page_lines


def test_extract_html_rescues_a_lead_beside_the_headline() -> None:
    lead = "A storm hit the coast on Monday, cutting power to ten thousand homes in three towns."
    page = PAGE.replace("<h1>Storm hits coast</h1>",
                        f"<header><h1>Storm hits coast</h1><div class='teaser'>{lead}</div></header>")
    assert lead in [b.text for b in extract_html(page).blocks]


# --- scaffold ------------------------------------------------------------------------------

def test_scaffold_removal_names_reason_and_rule() -> None:
    draft = Draft(blocks=(Block("Post comments:0 Comments"), Block(LONG), Block("Schreibe einen Kommentar")))
    out = strip_scaffolding(draft)
    assert [b.text for b in out.blocks] == [LONG]
    assert [(r.reason, r.rule.split(".")[0]) for r in out.removed] == [
        (Reason.SCAFFOLD, "en"), (Reason.SCAFFOLD, "de")]


def test_scaffold_never_cuts_a_sentence_that_mentions_a_label() -> None:
    sentence = "He said he would leave a reply on the desk before the meeting on Monday."
    assert strip_scaffolding(Draft(blocks=(Block(sentence),))).blocks == (Block(sentence),)


def test_metadata_drops_scaffold_labels_as_authors() -> None:
    assert clean_metadata(Metadata(authors=("Post author",))).authors == ()
    assert clean_metadata(Metadata(authors=("Jane Doe",))).authors == ("Jane Doe",)


# --- repeats -------------------------------------------------------------------------------

def test_title_found_above_first_prose_paragraph_and_header_dropped() -> None:
    blocks = (Block("Home"), Block("Exclusive news and data for professionals"), Block("Energy"),
              Block("Gas prices fall as weather turns mild"), Block("January 13, 2022 11:42 AM"),
              Block(LONG))
    assert find_title(blocks) == "Gas prices fall as weather turns mild"
    out = remove_repeats(Draft(blocks=blocks))
    assert [b.text for b in out.blocks] == ["January 13, 2022 11:42 AM", LONG]
    assert {r.rule for r in out.removed} == {"repeats.above_title"}


def test_short_lead_above_the_headline_is_not_taken_for_site_header() -> None:
    # A lead too short to be prose still reads as story text: the headline found below it may
    # be a subheading, so nothing above it is dropped and no title is claimed.
    lead = "Voters in the valley chose a new council. Turnout was high."
    blocks = (Block("Home"), Block(lead), Block("What the new council plans"), Block(LONG))
    out = remove_repeats(Draft(blocks=blocks))
    assert out.title is None
    assert [b.text for b in out.blocks] == [b.text for b in blocks]


def test_repeats_keep_first_copy_and_name_the_kind() -> None:
    caption = "Waves hit the pier on Monday morning. (Jane Doe/AP)"
    blocks = (Block("Storm hits coast"), Block(LONG), Block(caption, BlockKind.CAPTION),
              Block(caption), Block(LONG), Block("Yes."), Block("Yes."))
    out = remove_repeats(Draft(blocks=blocks))
    assert [b.text for b in out.blocks] == [LONG, caption, "Yes.", "Yes."]
    assert [r.reason for r in out.removed] == [Reason.REPEAT_CAPTION, Reason.REPEAT_PARAGRAPH]


def test_title_with_site_suffix_is_an_echo() -> None:
    blocks = (Block("Storm hits coast – Daily Ledger"), Block("Storm hits coast"), Block(LONG))
    out = remove_repeats(Draft(blocks=blocks))
    assert out.title == "Storm hits coast"
    assert [r.reason for r in out.removed] == [Reason.REPEAT_TITLE]


# --- provenance ----------------------------------------------------------------------------

def _notes(*lines: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    from cleanse.provenance import find_notes

    return [(n.kind.value, n.agencies, n.persons) for n in find_notes(lines)]


def test_english_wire_credits() -> None:
    assert _notes("The Associated Press contributed to this report.") == [
        ("contributor", ("Associated Press",), ())]
    assert _notes("WASHINGTON (AP) — President Joe Biden spoke.") == [
        ("dateline_agency", ("Associated Press",), ())]
    assert _notes("Biden speaks. (Adam Schultz/The White House via AP)") == [
        ("photo_credit", ("The White House", "Associated Press"), ("Adam Schultz",))]
    assert _notes("By JANE DOE and RICHARD ROE Associated Press") == [
        ("byline", ("Associated Press",), ("Jane Doe", "Richard Roe"))]
    assert _notes("Copyright 2022 The Associated Press. All rights reserved. This material may "
                  "not be published, broadcast, rewritten or redistributed.") == [
        ("copyright", ("Associated Press",), ())]


def test_german_wire_credits() -> None:
    assert _notes("Berlin (dpa) - Die Bahn streikt am Montag.") == [("dateline_agency", ("dpa",), ())]
    assert _notes("Der Zug steht still. Foto: Max Mustermann/dpa") == [
        ("photo_credit", ("dpa",), ("Max Mustermann",))]
    assert _notes("Von Anna Beispiel") == [("byline", (), ("Anna Beispiel",))]
    assert _notes("Mit Material von dpa") == [("contributor", ("dpa",), ())]


def test_look_alikes_are_not_notes() -> None:
    assert _notes("Reuters reported that the talks had stalled, citing two sources.") == []
    assert _notes("© 2022 Daily Ledger") == []
    assert _notes("Quelle: Deutsche Rentenversicherung") == []
    assert _notes("The ratio (50/50) was agreed.") == []


def test_notes_kind_enum_covers_issue_kinds() -> None:
    assert {k.value for k in NoteKind} >= {"byline", "contributor", "dateline_agency", "photo_credit",
                                            "copyright", "syndication", "source_credit", "correction"}


def test_nothing_dropped_above_a_title_when_no_prose_paragraph() -> None:
    short = "The council met on Monday."
    blocks = (Block("Storm hits coast"), Block(short), Block("Waves hit the pier. (Jane Doe/AP)"))
    out = remove_repeats(Draft(blocks=blocks))
    assert out.title == "Storm hits coast"
    assert [b.text for b in out.blocks] == [short, "Waves hit the pier. (Jane Doe/AP)"]
    assert out.removed == ()


def test_notes_marker_as_the_last_line_without_newline_is_still_the_marker() -> None:
    # Output ends with a newline, hand-made input may not; both must read the same.
    assert split_text("=== provenance ===").blocks == split_text("=== provenance ===\n").blocks == ()
    assert [b.text for b in split_text("Body.\n=== provenance ===").blocks] == ["Body."]


def test_the_pipeline_s_html_loader_takes_what_the_extractor_takes() -> None:
    # pipeline.extract_html only defers the import of the HTML extractor (and trafilatura):
    # a parameter added to one and not the other would be dropped without a word.
    import inspect

    from cleanse import pipeline
    from cleanse.extract import html

    assert inspect.signature(pipeline.extract_html) == inspect.signature(html.extract_html)


@pytest.mark.parametrize("bullet", ["- ", "* ", "• ", "▪ "])
def test_split_text_treats_every_bullet_alike_when_joining_fragments(bullet: str) -> None:
    # A list mark ends a run of fragments, ASCII or not.
    blocks = split_text(f"{bullet}We had three good reasons for the\ndelay in the project.").blocks
    assert [(b.text, b.kind) for b in blocks] == [
        ("We had three good reasons for the", BlockKind.LIST_ITEM),
        ("delay in the project.", BlockKind.PARAGRAPH)]
