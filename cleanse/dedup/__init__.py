"""Dedup stage: near-duplicate paragraphs across documents (wire reprints).

Two faces over one signature scheme (:mod:`.minhash`) and one verification rule (:mod:`.verify`):
the streaming :class:`Deduplicator` (document by document, over a :mod:`.storage` backend) and
the whole-corpus run :func:`cleanse.dedup.engine.dedup_corpus` (bands → candidates →
verification → connected components, then document clusters). The index is the only state in
cleanse; it is passed in explicitly.
"""

from __future__ import annotations

from .index import Deduplicator
from .verify import Thresholds

__all__ = ["Deduplicator", "Thresholds"]
