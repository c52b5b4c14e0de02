"""What extraction hands on to the later stages, whatever the input was."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import NOTES_MARKER, Block, Metadata, Removal

__all__ = ["NOTES_MARKER", "Extraction"]


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
