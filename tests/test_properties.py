"""Hypothesis properties of the whole flow: never invents text, idempotent, removals explain loss.

The page strategy composes what scraped plain text looks like (sentences, headlines, bullets,
scaffolding, credit lines, repeated lines, uneven blank lines) and mixes in fully random text.
"""

from __future__ import annotations

import json
from html import escape

import unicodedata

import regex
from hypothesis import HealthCheck, given, settings, strategies as st

from cleanse import CleanConfig, Document, clean
from cleanse.extract import split_text
from cleanse.textutil import fingerprint, squash_space
from cleanse.write import render_json, render_text

TEXT = CleanConfig(input_format="text")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = (
    "the storm hit coast on monday officials said police city council water power minister "
    "report village people school road river market week year government election vote "
    "president court judge price oil rose fell after before during night morning news "
    "reply comment share post author photo agency press"
).split()

SCAFFOLD_LINES = [
    "Leave a Reply", "Leave a Reply Cancel reply", "Post author:", "Post author: admin",
    "Post category:News", "Share this:", "Share on Facebook", "Facebook Twitter Email Print",
    "Click to share on Twitter (Opens in new window)", "Comments are closed.", "0 Comments",
    "Your email address will not be published. Required fields are marked *",
    "Subscribe to our daily newsletter to get the latest news.", "Follow us on Twitter",
    "5 min read", "Privacy Policy", "Cookie settings",
]

PROVENANCE_LINES = [
    "The Associated Press contributed to this report.",
    "WASHINGTON (AP) — The storm hit the coast on Monday, officials said.",
    "LONDON, Jan 13 (Reuters) - Oil prices rose on Thursday.",
    "A tree lies across the road after the storm. (Jane Doe/AP)",
    "Firefighters at work on Monday. (AP Photo/Ted S. Warren)",
    "Reporting by Jane Example; Editing by John Sample",
    "By JANE DOE and RICHARD ROE Associated Press",
    "Copyright 2022 The Associated Press. All rights reserved.",
    "Photo: Getty Images",
    "Noah Berger / AP",
]

BULLETS = ["  • ", "* ", "- ", "• ", "1. ", "+ "]

word = st.sampled_from(WORDS)
sentence = st.lists(word, min_size=4, max_size=24).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + "."
)
headline = st.lists(word, min_size=2, max_size=8).map(lambda ws: " ".join(w.title() for w in ws))
short_phrase = st.lists(word, min_size=1, max_size=3).map(" ".join)
scaffold = st.sampled_from(SCAFFOLD_LINES)
provenance = st.sampled_from(PROVENANCE_LINES)
bullet = st.tuples(st.sampled_from(BULLETS),
                   st.one_of(sentence, headline, short_phrase, scaffold)).map("".join)
markdown_heading = headline.map(lambda h: "## " + h)
# Printable noise without line breaks: a line of a page, not a page of its own.
noise_line = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
                     max_size=40)
padded = st.tuples(st.sampled_from(["", " ", "  ", "\t"]), st.one_of(sentence, headline),
                   st.sampled_from(["", " ", "  "])).map("".join)

line = st.one_of(sentence, sentence, headline, short_phrase, bullet, scaffold, provenance,
                 markdown_heading, padded, noise_line)
separator = st.sampled_from(["\n", "\n\n", "\n\n\n", "\n \n", "\n\n\n\n"])


@st.composite
def text_pages(draw: st.DrawFn, lines: st.SearchStrategy[str] = line) -> str:
    """A plain-text page: lines, some repeated, joined by blank-line runs of varying length."""
    body = draw(st.lists(lines, max_size=14))
    if body and draw(st.booleans()):  # the headline printed twice, a paragraph echoed
        for _ in range(draw(st.integers(1, 3))):
            copy = body[draw(st.integers(0, len(body) - 1))]
            body.insert(draw(st.integers(0, len(body))), copy)
    seps = draw(st.lists(separator, min_size=len(body), max_size=len(body)))
    lead = draw(st.sampled_from(["", "\n", "\n\n"]))
    return lead + "".join(text + sep for text, sep in zip(body, seps, strict=True))


@st.composite
def wire_pages(draw: st.DrawFn) -> str:
    """A wire story: headline, dateline paragraph, body, caption, credits in any order."""
    parts = [draw(headline),
             "WASHINGTON (AP) — " + draw(sentence),
             draw(sentence) + " (Jane Doe/AP)",
             "The Associated Press contributed to this report."]
    parts += draw(st.lists(st.one_of(sentence, provenance, scaffold), max_size=6))
    parts = draw(st.permutations(parts)) if draw(st.booleans()) else parts
    seps = draw(st.lists(separator, min_size=len(parts), max_size=len(parts)))
    return "".join(text + sep for text, sep in zip(parts, seps, strict=True))


pages = st.one_of(text_pages(), wire_pages(), st.text())
# Visible characters only: the HTML extractor rightly drops control, private and unassigned ones.
html_text = st.text(st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs")),
                    max_size=30)


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def assert_writable(doc: Document) -> None:
    """What the CLI does with a Document works: UTF-8 text output and a JSON record."""
    rendered = render_text(doc)
    rendered.encode("utf-8")
    assert doc.text in rendered
    record = json.loads(render_json(doc))
    assert record["text"] == doc.text
    assert record["title"] == doc.title


def _nfc(text: str) -> str:
    """The composed form cleanse gives its output ("Ω" OHM SIGN becomes "Ω" OMEGA)."""
    return unicodedata.normalize("NFC", text)


def _unbroken(text: str) -> str:
    """Text with the space before closing punctuation left out (a line broken off before its
    comma or full stop is glued back to the word before it)."""
    return regex.sub(r"\s+(?=[,;:!?)\]}%]|\.(?:\s|$))", "", squash_space(text))


@SETTINGS
@given(pages)
def test_never_invents_text(page: str) -> None:
    doc = clean(page, config=TEXT)
    # Output text is composed (NFC), and a line a dumper broke off before its punctuation
    # ("The council met" / ", as planned") is glued back without the break: that space aside,
    # every paragraph and the title are runs of the input.
    source = _unbroken(_nfc(page))
    for paragraph in _paragraphs(doc.text):
        assert _unbroken(paragraph) in source, paragraph
    if doc.title:
        assert _unbroken(doc.title) in source, doc.title


@SETTINGS
@given(pages, st.booleans())
def test_cleaning_is_idempotent(page: str, notes: bool) -> None:
    once = render_text(clean(page), notes=notes)
    twice = render_text(clean(once), notes=notes)
    assert twice == once


@SETTINGS
@given(wire_pages())
def test_wire_pages_keep_their_notes_when_read_back(page: str) -> None:
    first = clean(page, config=TEXT)
    again = clean(render_text(first), config=TEXT)
    assert {n.text for n in again.provenance} == {n.text for n in first.provenance}
    assert again.text == first.text


@SETTINGS
@given(pages)
def test_removals_explain_every_missing_block(page: str) -> None:
    doc = clean(page, config=TEXT)
    accounted = {squash_space(p) for p in doc.paragraphs}
    accounted |= {squash_space(r.text) for r in doc.removed}
    if doc.title:
        accounted.add(squash_space(doc.title))
    for block in split_text(page).blocks:
        rendered, text = squash_space(_nfc(block.rendered)), squash_space(_nfc(block.text))
        assert rendered in accounted or text in accounted, (block, doc.removed)


@SETTINGS
@given(st.text())
def test_clean_never_raises_on_text(page: str) -> None:
    assert_writable(clean(page))


@SETTINGS
@given(st.binary())
def test_clean_never_raises_on_bytes(data: bytes) -> None:
    assert_writable(clean(data))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(sentence, headline, scaffold, provenance, html_text), max_size=8),
       st.sampled_from(["p", "div", "li", "h2", "figcaption"]))
def test_html_pages_never_raise_nor_invent(texts: list[str], tag: str) -> None:
    body = "".join(f"<{tag}>{escape(t)}</{tag}>" for t in texts)
    doc = clean(f"<html><body><article>{body}</article></body></html>")
    source = squash_space(_nfc(" ".join(texts)))
    for paragraph in _paragraphs(doc.text):
        assert squash_space(paragraph) in source, paragraph


@SETTINGS
@given(st.text())
def test_fingerprint_is_the_one_pass_fold(text: str) -> None:
    # The fold as one regex pass; fingerprint() takes faster roads to the same key.
    folded = unicodedata.normalize("NFKC", text).casefold()
    one_pass = regex.sub(r"[\p{P}\p{S}\s\u00a0\u200b\u2007\u202f\ufeff]+", " ",
                         regex.sub(r"[\u00ad\u200c\u200d]", "", folded)).strip()
    assert fingerprint(text) == one_pass


def test_a_header_line_copied_below_the_title_goes_in_the_first_pass() -> None:
    # Found by test_cleaning_is_idempotent: the header line went, its copy below the title
    # stayed, and the second pass took that copy for the title.
    page = "0 0 0 0\n0 0 0\n0 0 0 0\nThe the the the the the the the the the the the the the the.\n"
    once = render_text(clean(page), notes=False)
    assert render_text(clean(once), notes=False) == once


def test_decomposed_and_singleton_characters_come_out_composed() -> None:
    page = "Gru\u0308\u00dfe aus Ko\u0308ln und ein Widerstand von 5 \u2126 am Montag, sagte sie heute."
    for config in (TEXT, CleanConfig(input_format="html")):
        source = f"<html><body><article><p>{page}</p></article></body></html>" \
            if config.input_format == "html" else page
        text = clean(source, config=config).text
        assert "Grüße aus Köln" in text and "5 \u03a9 am" in text, text
