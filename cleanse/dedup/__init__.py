"""Dedup stage: near-duplicate paragraphs across documents (wire reprints).

Two faces over one signature scheme (:mod:`.minhash`) and one verification rule (:mod:`.verify`):
the streaming :class:`Deduplicator` (document by document, over a :mod:`.storage` backend) and
the whole-corpus run :func:`cleanse.dedup.engine.dedup_corpus` (bands → candidates →
verification → connected components, then document clusters). The index is the only state in
cleanse; it is passed in explicitly.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Draft, Reason, Removal
from .index import Deduplicator
from .verify import Thresholds

__all__ = ["Deduplicator", "Thresholds", "mark_duplicates"]


def mark_duplicates(draft: Draft, dedup: Deduplicator, doc_id: str, drop: bool = False) -> Draft:
    """Link the draft's blocks to earlier copies; with ``drop``, remove the linked blocks."""
    links = dedup.add(doc_id, [block.text for block in draft.blocks])
    if not drop:
        return replace(draft, links=tuple(links))
    kept, removed = [], list(draft.removed)
    for block, link in zip(draft.blocks, links, strict=True):
        if link is None:
            kept.append(block)
        else:
            removed.append(Removal(block.text, Reason.NEAR_DUPLICATE,
                                   f"dedup.minhash:{link.doc_id}#{link.index}"))
    return replace(draft, blocks=tuple(kept), removed=tuple(removed),
                   links=tuple(None for _ in kept))
