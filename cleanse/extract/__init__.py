"""Extract stage: HTML (through trafilatura plus a DOM-aware post-pass) or plain text, into typed blocks."""

from typing import TYPE_CHECKING, Any

from .common import NOTES_MARKER, Extraction
from .text import split_text

if TYPE_CHECKING:
    from .html import extract_html, rescue_lead

__all__ = ["NOTES_MARKER", "Extraction", "extract_html", "rescue_lead", "split_text"]


def __getattr__(name: str) -> Any:
    """The HTML extractor loads on first use: it brings trafilatura, which plain text never needs."""
    if name in ("extract_html", "rescue_lead"):
        from . import html
        return getattr(html, name)
    raise AttributeError(f"module 'cleanse.extract' has no attribute {name!r}")
