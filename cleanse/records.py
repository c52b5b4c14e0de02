"""Plain records that flow through the stages: blocks in, a Document out.

Every stage takes these frozen dataclasses and returns new ones; nothing is mutated in place,
so a stage can be tested alone and the whole flow replayed from the removals.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


#: The line that opens the notes section of cleanse's own text output; reading it back keeps
#: the notes as notes, so cleaning cleanse's output again changes nothing.
NOTES_MARKER = "=== provenance ==="


class Reason(StrEnum):
    """Why a piece of the input is not in the clean text (one fixed list)."""

    SCAFFOLD = "scaffold"
    NOT_EXTRACTED = "not_extracted"
    REPEAT_TITLE = "repeat_title"
    REPEAT_CAPTION = "repeat_caption"
    REPEAT_PARAGRAPH = "repeat_paragraph"
    PROVENANCE_LINE = "provenance_line"
    NEAR_DUPLICATE = "near_duplicate"


class BlockKind(StrEnum):
    """What a block is on the page; extraction keeps it, later stages use it."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    CAPTION = "caption"
    QUOTE = "quote"
    TABLE = "table"


class NoteKind(StrEnum):
    """Kinds of provenance note."""

    BYLINE = "byline"
    CONTRIBUTOR = "contributor"
    DATELINE_AGENCY = "dateline_agency"
    PHOTO_CREDIT = "photo_credit"
    COPYRIGHT = "copyright"
    SYNDICATION = "syndication"
    SOURCE_CREDIT = "source_credit"
    CORRECTION = "correction"
    REPRINT_OF = "reprint_of"


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of page text: a paragraph, heading, list item, caption, quote or table row.

    ``marker`` is a list bullet or heading mark as the input printed it ("• ", "1. ", "## "):
    kept apart so rules see the words, and put back on output so a list stays a list when the
    output is read again.
    """

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    marker: str = ""

    @property
    def rendered(self) -> str:
        return self.marker + self.text


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of input left out of the clean text, with the reason and the rule that fired."""

    text: str
    reason: Reason
    rule: str


@dataclass(frozen=True, slots=True)
class Note:
    """A provenance note: who the text or a picture comes from.

    ``kept`` says whether the line it came from stayed in the clean text (a dateline does,
    a contributor tagline moves out of the body into the note).
    """

    kind: NoteKind
    text: str
    agencies: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    kept: bool = False
    rule: str = ""


@dataclass(frozen=True, slots=True)
class DupLink:
    """A paragraph that near-duplicates one first seen in an earlier document."""

    doc_id: str
    index: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about the page; never a scaffolding label such as 'Post author'."""

    url: str | None = None
    site_name: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """The working record between stages: blocks still in play plus what was learnt so far."""

    blocks: tuple[Block, ...]
    title: str | None = None
    removed: tuple[Removal, ...] = ()
    provenance: tuple[Note, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    # Lines of the whole input (HTML page text or the plain text) for provenance, read before
    # any removal so a credit in a dropped caption or footer still yields a note.
    source_lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """The result of cleaning one page.

    >>> doc = Document(title="Headline", blocks=(Block("First."), Block("Second.")))
    >>> doc.text
    'First.\\n\\nSecond.'
    """

    title: str | None
    blocks: tuple[Block, ...]
    provenance: tuple[Note, ...] = ()
    removed: tuple[Removal, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    links: tuple[DupLink | None, ...] = ()

    @property
    def text(self) -> str:
        """The clean body: paragraphs separated by one blank line, the title not included."""
        return "\n\n".join(block.rendered for block in self.blocks)

    @property
    def paragraphs(self) -> list[str]:
        return [block.rendered for block in self.blocks]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of everything the document carries."""
        return {
            "title": self.title,
            "text": self.text,
            "blocks": [{"kind": str(b.kind), "text": b.text, "marker": b.marker}
                       for b in self.blocks],
            "provenance": [_note_dict(note) for note in self.provenance],
            "removed": [
                {"text": r.text, "reason": str(r.reason), "rule": r.rule} for r in self.removed
            ],
            "metadata": {**asdict(self.metadata), "authors": list(self.metadata.authors)},
            "duplicates": [None if link is None else asdict(link) for link in self.links]
            if any(self.links)
            else [],
        }


def _note_dict(note: Note) -> dict[str, Any]:
    return {
        "kind": str(note.kind),
        "agencies": list(note.agencies),
        "persons": list(note.persons),
        "text": note.text,
        "kept": note.kept,
        "rule": note.rule,
    }
