"""The flow, in order: read → extract → provenance → scaffold → repeats → story and markdown
(text) → dedup → Document."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

from .config import CleanConfig
from .extract import Extraction, split_text
from .extract.markdown import plain_markdown
from .provenance import apply_notes, drop_credited_captions, mark_kept
from .read import read_source
from .records import Document, Draft, Reason, Removal
from .repeats import remove_repeats
from .scaffold import strip_scaffolding
from .story import locate_story
from .textutil import fingerprint

if TYPE_CHECKING:  # (plain text needs neither: trafilatura and numpy load when a page does)
    from .dedup import Deduplicator


def clean(source: str | bytes, *, url: str | None = None, config: CleanConfig | None = None,
          dedup: Deduplicator | None = None, doc_id: str | None = None,
          name: str = "<input>") -> Document:
    """Clean one page, HTML or already-scraped text, into a :class:`Document`.

    ``dedup`` is an optional cross-document index: paragraphs first seen in an earlier
    document are linked to it (and dropped with ``config.drop_near_duplicates``).

    >>> doc = clean("Storm hits coast\\n\\nStorm hits coast\\n\\nThe storm hit the coast.\\n\\nLeave a Reply")
    >>> doc.title, doc.text
    ('Storm hits coast', 'The storm hit the coast.')
    """
    config = config or CleanConfig()
    source_text = read_source(source, config.input_format)
    if source_text.format == "html":
        extraction = extract_html(source_text.text, url=url, include_tables=config.include_tables)
    else:
        extraction = split_text(source_text.text)
    draft = Draft(blocks=extraction.blocks, title=extraction.title,
                  metadata=replace(extraction.metadata, url=url or extraction.metadata.url),
                  source_lines=extraction.page_lines, removed=extraction.removed)
    draft = composed(draft)
    if config.explain_unextracted and source_text.format == "html":
        draft = replace(draft, removed=unextracted(extraction) + draft.removed)
    draft = apply_notes(draft, move_lines=config.drop_provenance_lines)
    draft = strip_scaffolding(draft)
    if source_text.format != "html":  # (HTML extraction already places its captions)
        draft = drop_credited_captions(draft)
    draft = remove_repeats(draft, config.max_title_words)
    if source_text.format != "html":
        draft = plain_markdown(locate_story(draft))  # links judged with their syntax, kept without
    doc = Document(title=draft.title, blocks=draft.blocks,
                   provenance=mark_kept(draft.provenance, draft.blocks),
                   removed=draft.removed, metadata=draft.metadata)
    if dedup is not None:
        doc = link_duplicates(doc, dedup, doc_id or name, config.drop_near_duplicates)
    return doc


def composed(draft: Draft) -> Draft:
    """The draft with its blocks, title and removals so far in composed form (NFC).

    Pages written on some systems spell "ü" as "u" and a combining diaeresis (NFD): it reads
    the same but compares, searches and deduplicates apart from the composed form every other
    page uses. Only the extracted text and the page's lines are composed (the markup would
    cost more).

    >>> from cleanse.records import Block
    >>> composed(Draft(blocks=(Block("Gru\u0308\u00dfe"),))).blocks[0].text == "Gr\u00fc\u00dfe"
    True
    """
    texts = [b.text for b in draft.blocks] + [r.text for r in draft.removed] + [draft.title or ""]
    lines_composed = all(unicodedata.is_normalized("NFC", line) for line in draft.source_lines)
    if lines_composed and all(unicodedata.is_normalized("NFC", text) for text in texts):
        return draft
    blocks = tuple(replace(b, text=_nfc(b.text)) for b in draft.blocks)
    removed = tuple(replace(r, text=_nfc(r.text)) for r in draft.removed)
    title = None if draft.title is None else _nfc(draft.title)
    # (the page's lines too: provenance notes quote them)
    lines = draft.source_lines if lines_composed else tuple(map(_nfc, draft.source_lines))
    return replace(draft, blocks=blocks, title=title, removed=removed, source_lines=lines)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def extract_html(page: str, url: str | None = None, include_tables: bool = True) -> Extraction:
    """:func:`cleanse.extract.html.extract_html`, loaded on the first HTML page (it brings
    trafilatura, which plain text never needs)."""
    from .extract.html import extract_html as extract

    return extract(page, url, include_tables)


def link_duplicates(doc: Document, dedup: Deduplicator, doc_id: str, drop: bool = False) -> Document:
    """Link the document's paragraphs to earlier copies in ``dedup``; with ``drop``, remove them.

    Kept apart from cleaning so a corpus run can clean on many cores and link in input order.
    """
    links = dedup.add(doc_id, [block.text for block in doc.blocks])
    if not drop:
        return replace(doc, links=tuple(links))
    kept = tuple(b for b, link in zip(doc.blocks, links, strict=True) if link is None)
    dropped = tuple(
        Removal(block.text, Reason.NEAR_DUPLICATE, f"dedup.minhash:{link.doc_id}#{link.index}")
        for block, link in zip(doc.blocks, links, strict=True) if link is not None)
    return replace(doc, blocks=kept, removed=doc.removed + dropped,
                   provenance=mark_kept(doc.provenance, kept))


def unextracted(extraction: Extraction) -> tuple[Removal, ...]:
    """Page lines that HTML extraction left out (menus, forms, footers), for --explain."""
    texts = [b.text for b in extraction.blocks] + [r.text for r in extraction.removed]
    extracted = " ".join(fingerprint(text) for text in texts)
    title = fingerprint(extraction.title or "")
    removed = []
    for line in extraction.page_lines:
        key = fingerprint(line)
        if key and key != title and key not in extracted:
            removed.append(Removal(line, Reason.NOT_EXTRACTED, "extract.trafilatura"))
    return tuple(removed)
