"""Extract stage: HTML (through trafilatura plus a DOM-aware post-pass) or plain text, into typed blocks."""

from .common import NOTES_MARKER, Extraction
from .html import extract_html, rescue_lead
from .text import split_text

__all__ = ["NOTES_MARKER", "Extraction", "extract_html", "rescue_lead", "split_text"]
