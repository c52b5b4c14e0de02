"""Paragraph signatures: word shingles → datasketch MinHash → LSH band keys.

Signatures are plain datasketch MinHash values, so they can be loaded as ``LeanMinHash`` and
used with datasketch's own ``MinHashLSH``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash

from ..textutil import fingerprint

#: Word n-grams: 3 keeps one edited word from sinking a 40-word paragraph's similarity.
SHINGLE_WORDS = 3
NUM_PERM = 128
#: 32 bands of 4 rows put the LSH threshold near 0.42, below the verification threshold.
BANDS = 32
SEED = 1
#: datasketch's default scheme since 2.0: 32-bit values.
SCHEME = "affine32"
_DTYPE = np.uint32


@dataclass(frozen=True, slots=True)
class HashParams:
    """What an index was built with; an index refuses signatures made any other way."""

    num_perm: int = NUM_PERM
    bands: int = BANDS
    shingle_words: int = SHINGLE_WORDS
    seed: int = SEED
    scheme: str = SCHEME

    def as_record(self) -> dict[str, str]:
        return {key: str(value) for key, value in asdict(self).items()}


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word n-grams of the folded text (the whole text when it is shorter than n words).

    >>> sorted(shingles("The cat sat down.", 3))
    [b'cat sat down', b'the cat sat']
    """
    words = fingerprint(text).split()
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str, params: HashParams) -> LeanMinHash:
    """The MinHash of a paragraph's shingles."""
    minhash = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme)
    minhash.update_batch(list(shingles(text, params.shingle_words)))
    return LeanMinHash(minhash)


def band_keys(minhash: LeanMinHash, params: HashParams) -> list[bytes]:
    """One key per band: the band's number and a digest of its rows."""
    rows = params.num_perm // params.bands
    values = np.asarray(minhash.hashvalues)
    return [
        i.to_bytes(2, "big") + hashlib.blake2b(values[i * rows:(i + 1) * rows].tobytes(),
                                              digest_size=8).digest()
        for i in range(params.bands)
    ]


def to_bytes(minhash: LeanMinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures (share of equal values)."""
    left, right = np.frombuffer(a, dtype=_DTYPE), np.frombuffer(b, dtype=_DTYPE)
    if left.shape != right.shape:
        return 0.0
    return float(np.count_nonzero(left == right)) / len(left)
