"""CleanConfig: every knob of the flow and its default, documented in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

InputFormat = Literal["auto", "html", "text"]


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Settings for :func:`cleanse.clean`; change one with ``dataclasses.replace``.

    >>> from dataclasses import replace
    >>> replace(CleanConfig(), drop_provenance_lines=False).drop_provenance_lines
    False
    """

    #: "auto" sniffs HTML by its markup; "html" or "text" forces one reader.
    input_format: InputFormat = "auto"
    #: Keep tables found by the extractor (data tables are content on many pages).
    include_tables: bool = True
    #: Move taglines and copyright lines out of the body into notes (datelines always stay).
    drop_provenance_lines: bool = True
    #: Drop paragraphs that near-duplicate one seen in an earlier document (needs an index).
    drop_near_duplicates: bool = False
    #: Record page text that the HTML extractor left out, for --explain.
    explain_unextracted: bool = True
    #: A first block of at most this many words can be the title of a plain-text page.
    max_title_words: int = 30
