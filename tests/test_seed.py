"""The seed page (an AP story reprinted by a local site), as text and as WordPress HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanse import Document, NoteKind, clean
from cleanse.cli import main
from cleanse.textutil import squash_space

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED_TEXT = SAMPLES / "seed-wire-text" / "input.txt"
SEED_HTML = SAMPLES / "seed-wire-wordpress-html" / "input.html"
HEADLINE = "Biden speaks with Putin at moment of crisis as Ukraine tensions continue"
CAPTION_START = "In this image provided by The White House"
LABELS = ("Post author", "Post category", "Post comments", "Leave a Reply")


def _story_paragraphs() -> list[str]:
    """Every paragraph of the story's body: the seed's long lines, except the photo caption."""
    lines = [squash_space(line).lstrip("• ") for line in
             SEED_TEXT.read_text(encoding="utf-8").splitlines()]
    return [line for line in dict.fromkeys(lines)
            if len(line.split()) >= 12 and line != HEADLINE and not line.startswith(CAPTION_START)
            and not line.startswith(("The Associated Press contributed",))]


def _check(text: str, title: str | None, doc: Document | None) -> None:
    body = squash_space(text)
    if title is not None:
        assert title == HEADLINE
        assert HEADLINE not in body
    else:  # CLI text output: the title is its first line
        assert body.startswith(HEADLINE) and body.count(HEADLINE) == 1
    for label in LABELS:
        assert label not in body
    assert body.count(CAPTION_START) == 1
    for paragraph in _story_paragraphs():
        assert paragraph in body, f"lost or changed: {paragraph[:60]}"
    if doc is not None:
        contributors = [n for n in doc.provenance if n.kind is NoteKind.CONTRIBUTOR]
        credits = [n for n in doc.provenance if n.kind is NoteKind.PHOTO_CREDIT]
        assert [n.agencies for n in contributors] == [("Associated Press",)]
        assert len(credits) == 1 and "Associated Press" in credits[0].agencies
        assert credits[0].persons == ("Adam Schultz",)


@pytest.mark.parametrize("path", [SEED_TEXT, SEED_HTML], ids=["text", "html"])
def test_seed_through_the_library(path: Path) -> None:
    doc = clean(path.read_bytes())
    _check(doc.text, doc.title, doc)
    assert not any("post author" in a.lower() for a in doc.metadata.authors)


@pytest.mark.parametrize("path", [SEED_TEXT, SEED_HTML], ids=["text", "html"])
def test_seed_through_the_cli(path: Path) -> None:
    result = CliRunner().invoke(main, [str(path), "--no-notes"])
    assert result.exit_code == 0
    _check(result.stdout, None, None)


def test_html_and_text_give_the_same_body_and_notes() -> None:
    from_text, from_html = clean(SEED_TEXT.read_bytes()), clean(SEED_HTML.read_bytes())
    assert from_html.text == from_text.text
    assert from_html.title == from_text.title
    key = lambda d: sorted((n.kind, n.agencies, n.persons) for n in d.provenance)  # noqa: E731
    assert key(from_html) == key(from_text)


def test_seed_story_paragraphs_are_found() -> None:
    assert len(_story_paragraphs()) >= 15  # the fixture itself must not be empty
