"""Dedup stage: near-duplicate paragraphs across documents (wire reprints).

The :class:`Deduplicator` is the only state in cleanse; it is passed in explicitly.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import StorageError
from ..records import DupLink
from ..textutil import word_count
from .minhash import HashParams, band_keys, signature, similarity, to_bytes
from .storage import Storage, open_storage

#: Shorter paragraphs ("He said.", "Mehr in Kürze.") recur across unrelated stories, so they
#: are never matched on text alone.
MIN_WORDS = 8
#: Estimated Jaccard similarity of word 3-grams at which two paragraphs count as copies.
THRESHOLD = 0.5


class Deduplicator:
    """A near-duplicate paragraph index: query a document's paragraphs, then add the new ones.

    >>> dd = Deduplicator()
    >>> story = "Senior officials were already set to hold security talks on Jan. 10 in Geneva."
    >>> dd.add("a", [story])
    [None]
    >>> dd.add("b", ["Local weather is fine.", story.replace("Senior", "Top")])[1].doc_id
    'a'
    """

    def __init__(self, storage: str | Storage = "memory://", params: HashParams | None = None,
                 threshold: float = THRESHOLD, min_words: int = MIN_WORDS) -> None:
        self.storage = open_storage(storage) if isinstance(storage, str) else storage
        self.params = params or HashParams()
        self.threshold = threshold
        self.min_words = min_words
        stored = self.storage.get_params()
        if stored is None:
            self.storage.set_params(self.params.as_record())
        elif stored != self.params.as_record():
            raise StorageError(f"dedup index was built with {stored}, not {self.params.as_record()}")

    def add(self, doc_id: str, paragraphs: Sequence[str]) -> list[DupLink | None]:
        """Link each paragraph to the best earlier copy (or None); index the ones with none."""
        links: list[DupLink | None] = []
        new_entries = []
        for index, text in enumerate(paragraphs):
            if word_count(text) < self.min_words:
                links.append(None)
                continue
            minhash = signature(text, self.params)
            keys = band_keys(minhash, self.params)
            link = self._best_match(doc_id, keys, to_bytes(minhash))
            links.append(link)
            if link is None:
                new_entries.append(((doc_id, index), keys, to_bytes(minhash)))
        if new_entries:
            self.storage.add(new_entries)
        return links

    def _best_match(self, doc_id: str, keys: list[bytes], sig: bytes) -> DupLink | None:
        refs = [ref for ref in self.storage.candidates(keys) if ref[0] != doc_id]
        best: DupLink | None = None
        for ref, other in zip(refs, self.storage.signatures(refs), strict=True):
            score = similarity(sig, other) if other is not None else 0.0
            if score >= self.threshold and (best is None or score > best.similarity):
                best = DupLink(ref[0], ref[1], round(score, 4))
        return best

    def close(self) -> None:
        self.storage.close()
