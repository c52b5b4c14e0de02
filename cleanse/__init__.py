"""cleanse: scraped web pages into clean text, with reasons for every removal and provenance notes.

>>> doc = clean("Storm hits coast\\n\\nThe storm hit the coast on Monday.\\n\\nLeave a Reply")
>>> doc.text, [r.reason.value for r in doc.removed]
('The storm hit the coast on Monday.', ['scaffold'])
"""

from .config import CleanConfig
from .dedup import Deduplicator
from .errors import CleanseError
from .pipeline import clean
from .records import Block, BlockKind, Document, DupLink, Metadata, Note, NoteKind, Reason, Removal

__version__ = "0.1.0"

__all__ = [
    "Block", "BlockKind", "CleanConfig", "CleanseError", "Deduplicator", "Document", "DupLink",
    "Metadata", "Note", "NoteKind", "Reason", "Removal", "__version__", "clean",
]
