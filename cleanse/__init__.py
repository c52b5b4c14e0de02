"""cleanse: scraped web pages into clean text, with reasons for every removal and provenance notes.

>>> from cleanse import clean
>>> doc = clean("Storm hits coast\\n\\nThe storm hit the coast on Monday.\\n\\nLeave a Reply")
>>> doc.text, [r.reason.value for r in doc.removed]
('The storm hit the coast on Monday.', ['scaffold'])
"""

from typing import TYPE_CHECKING, Any

from .config import CleanConfig
from .errors import CleanseError
from .records import Block, BlockKind, Document, DupLink, Metadata, Note, NoteKind, Reason, Removal

if TYPE_CHECKING:
    from .dedup import Deduplicator
    from .pipeline import clean

__version__ = "0.1.0"

__all__ = [
    "Block", "BlockKind", "CleanConfig", "CleanseError", "Deduplicator", "Document", "DupLink",
    "Metadata", "Note", "NoteKind", "Reason", "Removal", "__version__", "clean",
]


def __getattr__(name: str) -> Any:
    """``clean`` and ``Deduplicator`` load on first use: they bring trafilatura and numpy, which
    ``cleanse dedup`` (and every worker process it starts) would otherwise import for nothing."""
    if name == "clean":
        from .pipeline import clean
        return clean
    if name == "Deduplicator":
        from .dedup import Deduplicator
        return Deduplicator
    raise AttributeError(f"module 'cleanse' has no attribute {name!r}")
