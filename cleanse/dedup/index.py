"""The streaming index: each document's paragraphs are queried, then the new ones inserted.

A stored entry is the paragraph's signature cut to ``ENTRY_BITS`` per value behind a small
header: its shingle count and whether it is a short line. The count turns the estimated Jaccard
similarity into an estimated containment, so a fragment (a split paragraph, a summary bullet, a
truncated copy) links to the paragraph it was cut from. Band keys are mixed and cut to
``KEY_BYTES``: a stored paragraph costs about 5 + 128 bytes of entry and 32 x 4 bytes of keys
(plus the backend's own overhead) instead of 5 + 256 and 32 x 8.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import StorageError
from ..records import DupLink
from .minhash import HashParams, _mix, band_keys, signatures, stored
from .storage import ParaRef, Storage, open_storage
from .verify import Thresholds, match_score

_HEADER = np.dtype([("count", "<u4"), ("short", "u1")])
#: Bits per value in a stored entry. With 8, two unrelated values agree by chance 1 time in
#: 256; :func:`entry_jaccard` removes that bias, and the estimate's spread is barely wider.
ENTRY_BITS = 8
#: Bytes per stored band key: a chance collision (1 in 2**32 per pair and band) only adds a
#: candidate, which verification drops.
KEY_BYTES = 4
_CHANCE = 1.0 / (1 << ENTRY_BITS)


def entry_jaccard(left: np.ndarray, right: np.ndarray) -> float:
    """Estimated Jaccard similarity of two ``ENTRY_BITS`` signatures, chance agreement removed.

    >>> a = np.arange(128, dtype=np.uint8)
    >>> entry_jaccard(a, a), entry_jaccard(a, a[::-1])
    (1.0, 0.0)
    """
    agree = float(np.count_nonzero(left == right)) / len(left)
    return max(0.0, (agree - _CHANCE) / (1.0 - _CHANCE))


@dataclass(frozen=True, slots=True)
class Entry:
    """A paragraph as the index keeps it."""

    signature: np.ndarray
    count: int
    short: bool

    def to_bytes(self) -> bytes:
        head = np.array([(self.count, self.short)], dtype=_HEADER).tobytes()
        return head + self.signature.astype(np.uint8).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Entry:
        head = np.frombuffer(data[:_HEADER.itemsize], dtype=_HEADER)[0]
        return cls(np.frombuffer(data[_HEADER.itemsize:], dtype=np.uint8), int(head["count"]),
                   bool(head["short"]))


class Deduplicator:
    """A near-duplicate paragraph index: query a document's paragraphs, then add the new ones.

    Short lines ("He said.", a headline) are linked only to a document that the long paragraphs
    already tie this one to, so a generic line never joins two stories on its own.

    >>> dd = Deduplicator()
    >>> story = "Senior officials were already set to hold security talks on Jan. 10 in Geneva."
    >>> dd.add("a", [story])
    [None]
    >>> dd.add("b", ["Local weather is fine.", story.replace("Senior", "Top")])[1].doc_id
    'a'
    """

    def __init__(self, storage: str | Storage = "memory://", params: HashParams | None = None,
                 thresholds: Thresholds | None = None) -> None:
        self.storage = open_storage(storage) if isinstance(storage, str) else storage
        self.params = params or HashParams()
        self.thresholds = thresholds or Thresholds()
        stored_params = self.storage.get_params()
        if stored_params is None:
            self.storage.set_params(self.params.as_record())
        elif stored_params != self.params.as_record():
            raise StorageError(f"dedup index was built with {stored_params}, "
                               f"not {self.params.as_record()}")

    def add(self, doc_id: str, paragraphs: Sequence[str]) -> list[DupLink | None]:
        """Link each paragraph to the best earlier copy (or None); index the ones with none."""
        if not paragraphs:
            return []
        sigs, counts = signatures(paragraphs, self.params)
        short_sigs = stored(sigs)
        mixed = _mix(band_keys(short_sigs, self.params), self.params.seed)
        keys = (mixed & np.uint64((1 << (8 * KEY_BYTES)) - 1)).astype(f"<u{KEY_BYTES}")
        small = (short_sigs >> np.uint16(16 - ENTRY_BITS)).astype(np.uint8)
        entries = [Entry(small[i], int(counts[i]), self._is_short(paragraphs[i], counts[i]))
                   for i in range(len(paragraphs))]
        links: list[DupLink | None] = [None] * len(paragraphs)
        for i, entry in enumerate(entries):
            if not entry.short and entry.count:
                links[i] = self._best(doc_id, entry, keys[i], allowed=None)
        tied = Counter(link.doc_id for link in links if link is not None)
        allowed = {doc for doc, n in tied.items() if n >= self.thresholds.min_shared}
        for i, entry in enumerate(entries):
            if entry.short and entry.count and allowed:
                links[i] = self._best(doc_id, entry, keys[i], allowed=allowed)
        self.storage.add([((doc_id, i), [k.tobytes() for k in keys[i]], entry.to_bytes())
                          for i, entry in enumerate(entries) if links[i] is None and entry.count])
        return links

    def _is_short(self, text: str, count: int) -> bool:
        return len(text.split()) < self.thresholds.min_words

    def _best(self, doc_id: str, entry: Entry, keys: np.ndarray,
              allowed: set[str] | None) -> DupLink | None:
        refs: list[ParaRef] = [ref for ref in self.storage.candidates(k.tobytes() for k in keys)
                               if ref[0] != doc_id and (allowed is None or ref[0] in allowed)]
        best: DupLink | None = None
        for ref, data in zip(refs, self.storage.signatures(refs), strict=True):
            if data is None:
                continue
            other = Entry.from_bytes(data)
            if other.short and allowed is None:
                continue
            if other.signature.shape != entry.signature.shape:
                continue
            score = match_score(entry_jaccard(entry.signature, other.signature), entry.count,
                                other.count, self.thresholds, fragment=allowed is None)
            if score and (best is None or score > best.similarity):
                best = DupLink(ref[0], ref[1], round(score, 4))
        return best

    def close(self) -> None:
        self.storage.close()
