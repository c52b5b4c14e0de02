"""What extraction hands on to the later stages, whatever the input was."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Block, Metadata, Removal

#: The line that opens the notes section of cleanse's own text output; reading it back keeps
#: the notes as notes, so cleaning cleanse's output again changes nothing.
NOTES_MARKER = "=== provenance ==="


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction learnt from one input."""

    blocks: tuple[Block, ...]
    title: str | None
    metadata: Metadata
    page_lines: tuple[str, ...]
    # Lines of a notes section read back from cleanse's own output (kept out of the body).
    note_lines: tuple[str, ...] = ()
    # Blocks the extractor's own post-pass dropped, each with its reason.
    removed: tuple[Removal, ...] = ()
