"""Paragraph signatures, many paragraphs at a time: characters → shingles → MinHash → bands.

Why characters and not words: OCR noise ("p0dido", "diversosmotivos", "fo rma") and copy edits
change a word or a space, which sinks every word n-gram that touches it. The text is folded to
its letters and digits only (case, spaces and punctuation dropped), so a split or glued word
changes nothing and a wrong letter costs ``SHINGLE_CHARS`` shingles out of hundreds.

Why one-permutation hashing (OPH): each shingle gets one 64-bit hash (a polynomial hash of its
characters, computed for every position at once by Horner's rule over shifted views, mixed by
splitmix64); its top bits pick one of ``NUM_PERM`` bins and its low 32 bits are the
value, the bin keeps its minimum, and empty bins borrow from the next filled bin (rotation
densification, Shrivastava 2017). That is one pass over the shingles in numpy instead of
``NUM_PERM`` passes, and the result is still a MinHash signature: the share of equal values
estimates the Jaccard similarity. The values are not bit-identical to datasketch's ``update()``,
but they load as ``datasketch.LeanMinHash`` and work with its ``MinHashLSH`` (see
:func:`lean_minhash`); mixing them with signatures made by ``MinHash.update`` is meaningless.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # datasketch costs ~1 s to import; only lean_minhash needs it
    from datasketch import LeanMinHash

#: Letters and digits per shingle: long enough that unrelated prose rarely shares a shingle,
#: short enough that one OCR error leaves most of a sentence's shingles intact.
SHINGLE_CHARS = 7
#: Bins (MinHash values) per signature.
NUM_PERM = 128
#: 32 bands of 4 rows: a pair at Jaccard 0.5 becomes a candidate with p≈0.87, at 0.3 p≈0.23.
BANDS = 32
SEED = 1
SCHEME = "oph-rotation-v2"
#: Bits kept per value in an index; 16 keep accidental equal values rare (1 in 65,536).
STORED_BITS = 16

_MASK64 = (1 << 64) - 1
_EMPTY = np.uint32(0xFFFFFFFF)
# Added per bin of distance when an empty bin borrows a value, so borrowed values rarely equal
# genuine ones.
_ROTATION_STEP = np.uint32(0x9E3779B1)


@dataclass(frozen=True, slots=True)
class HashParams:
    """What an index was built with; an index refuses signatures made any other way."""

    num_perm: int = NUM_PERM
    bands: int = BANDS
    shingle_chars: int = SHINGLE_CHARS
    seed: int = SEED
    scheme: str = SCHEME

    def as_record(self) -> dict[str, str]:
        return {key: str(value) for key, value in asdict(self).items()}


@lru_cache(maxsize=1)
def _alnum_table() -> np.ndarray:
    """Which code points below U+10000 are letters or digits (computed once, ~10 ms)."""
    return np.array([chr(c).isalnum() for c in range(0x10000)], dtype=bool)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1/cp1252 ("fÃ¼r" → "für"); anything else is left alone.

    >>> repair_mojibake("fÃ¼r die GrÃ¼nen"), repair_mojibake("für")
    ('für die Grünen', 'für')
    """
    if "Ã" not in text and "â€" not in text and "Â" not in text:
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def fold(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Code points of the texts' letters and digits, lower-cased, end to end, with offsets.

    >>> codes, offsets = fold(["Ab, c!", "D"])
    >>> "".join(map(chr, codes)), offsets.tolist()
    ('abcd', [0, 3, 4])
    """
    # NUL separates the texts, so a NUL inside one (it is not a letter) becomes a space first.
    joined = "\x00".join(repair_mojibake(t).replace("\x00", " ") for t in texts).lower()
    try:
        # one byte per character where Latin-1 suffices (NFC leaves Latin-1 text unchanged):
        # a quarter of the memory traffic of UTF-32
        codes = np.frombuffer(joined.encode("latin-1"), dtype=np.uint8)
        keep = _alnum_table()[codes]
    except UnicodeEncodeError:
        joined = unicodedata.normalize("NFC", joined)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        keep = np.ones(len(codes), dtype=bool)
        low = codes < 0x10000
        keep[low] = _alnum_table()[codes[low]]
    separators = np.flatnonzero(codes == 0)
    kept_before = np.concatenate(([0], np.cumsum(keep)))
    offsets = np.concatenate(([0], kept_before[separators], [kept_before[-1]]))
    return codes[keep], offsets


def _mix(values: np.ndarray, seed: int) -> np.ndarray:
    """splitmix64's finaliser: every input bit moves every output bit."""
    with np.errstate(over="ignore"):
        z = values + np.uint64((seed * 0x9E3779B97F4A7C15) & _MASK64)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


_WIDE_FLAG = np.uint64(1 << 63)


def shingle_hashes(texts: Sequence[str], params: HashParams) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of every text's character shingles, and each text's shingle count.

    A text shorter than one shingle is one shingle; a text without letters or digits has none.
    A shingle of Latin-1 letters is its own bytes, read as one unaligned 64-bit word per
    position (one pass over the text); a shingle with a wider character is a polynomial hash
    of its code points with the top bit set, so the two kinds never collide.
    """
    size = params.shingle_chars
    if size > 7:
        raise ValueError("shingles are packed into 56 bits: at most 7 characters")
    codes, offsets = fold(texts)
    starts, ends = offsets[:-1], offsets[1:]
    lengths = ends - starts
    counts = np.where(lengths >= size, lengths - size + 1, np.minimum(lengths, 1))
    padded = np.zeros(len(codes) + 8, dtype=np.uint8)
    padded[:len(codes)] = codes  # wide code points keep their low byte; flagged below
    word = np.ndarray((len(codes),), dtype="<u8", buffer=padded, strides=(1,))
    valid = np.ones(len(codes), dtype=bool)
    some = lengths > 0
    tail = np.maximum(ends[some, None] - size + 1 + np.arange(size - 1), starts[some, None])
    valid[tail.ravel()] = False  # windows running past their text's end
    position = np.flatnonzero(valid)
    full_mask = np.uint64((1 << (8 * size)) - 1)
    short = some & (lengths < size)
    short_at = (np.cumsum(counts) - counts)[short]
    hashes = np.empty(int(counts.sum()), dtype=np.uint64)
    slot = np.ones(len(hashes), dtype=bool)
    slot[short_at] = False
    hashes[slot] = word[position] & full_mask
    short_len = lengths[short].astype(np.uint64)
    short_mask = (np.uint64(1) << (np.uint64(8) * short_len)) - np.uint64(1)
    hashes[short_at] = word[starts[short]] & short_mask
    if codes.dtype != np.uint8:
        _flag_wide(codes, hashes, slot, position, short_at, starts[short], lengths[short], params)
    return _mix(hashes, params.seed), counts


def _flag_wide(codes: np.ndarray, hashes: np.ndarray, slot: np.ndarray, position: np.ndarray,
               short_at: np.ndarray, short_start: np.ndarray, short_len: np.ndarray,
               params: HashParams) -> None:
    """Re-hash, in place, the shingles holding a code point above U+00FF."""
    size = params.shingle_chars
    wide = np.concatenate(([0], np.cumsum(codes > 0xFF)))
    base = np.uint64((0x9E3779B97F4A7C15 ^ (params.seed * 0xD6E8FEB86659FD93)) & _MASK64 | 1)
    wide64 = np.concatenate((codes.astype(np.uint64), np.zeros(size, np.uint64)))
    hit = (wide[position + size] - wide[position]) > 0
    where = np.flatnonzero(slot)[hit]
    first = position[hit]
    lengths = np.full(len(first), size)
    hit_short = (wide[short_start + short_len] - wide[short_start]) > 0
    where = np.concatenate((where, short_at[hit_short]))
    first = np.concatenate((first, short_start[hit_short]))
    lengths = np.concatenate((lengths, short_len[hit_short]))
    rolled = np.zeros(len(first), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(size):
            rolled = np.where(j < lengths, rolled * base + wide64[first + j], rolled)
        hashes[where] = (rolled + lengths.astype(np.uint64)) | _WIDE_FLAG


def signatures(texts: Sequence[str], params: HashParams | None = None) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures (one uint32 row of ``num_perm`` values per text) and shingle counts.

    >>> sigs, sizes = signatures(["The storm hit the coast on Monday.",
    ...                           "The storm hit the coast on Monday!", "Something else."])
    >>> sigs.shape, bool((sigs[0] == sigs[1]).all()), float((sigs[0] == sigs[2]).mean()) < 0.2
    ((3, 128), True, True)
    """
    params = params or HashParams()
    hashes, counts = shingle_hashes(texts, params)
    k = params.num_perm
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    bins = (hashes >> np.uint64(64 - (k.bit_length() - 1))).astype(np.int64)
    table = np.full(len(texts) * k, _EMPTY, dtype=np.uint32)
    # an unbuffered scatter-minimum: ~3x faster than sorting (row, bin, value) keys
    np.minimum.at(table, rows * k + bins, (hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    return _densify(table.reshape(len(texts), k)), counts


def _densify(table: np.ndarray) -> np.ndarray:
    """Fill each empty bin from the next filled bin to its right (wrapping round), in place.

    Positions are int16, so the running minimum moves a quarter of the bytes of int64.
    """
    empty = table == _EMPTY
    if not empty.any():
        return table
    n, k = table.shape
    doubled = np.concatenate((~empty, ~empty), axis=1)
    position = np.where(doubled, np.arange(2 * k, dtype=np.int16), np.int16(2 * k))
    nearest = np.minimum.accumulate(position[:, ::-1], axis=1)[:, ::-1][:, :k]
    filled = nearest < 2 * k
    source = np.where(filled, nearest % k, 0)
    distance = np.where(filled, nearest - np.arange(k, dtype=np.int16), 0).astype(np.uint32)
    with np.errstate(over="ignore"):
        borrowed = table[np.arange(n)[:, None], source] + distance * _ROTATION_STEP
    return np.where(filled, borrowed, _EMPTY).astype(np.uint32)


def stored(sigs: np.ndarray) -> np.ndarray:
    """Signatures cut to ``STORED_BITS`` per value, the form an index keeps."""
    return (sigs >> np.uint32(32 - STORED_BITS)).astype(np.uint16)


def band_keys(sigs: np.ndarray, params: HashParams | None = None) -> np.ndarray:
    """One 64-bit key per band and text (shape texts × bands), from stored signatures.

    Four 16-bit values fit one 64-bit key exactly, so no band needs a digest.
    """
    params = params or HashParams()
    short = sigs if sigs.dtype == np.uint16 else stored(sigs)
    rows = params.num_perm // params.bands
    grouped = short.reshape(len(short), params.bands, rows).astype(np.uint64)
    keys = np.zeros(grouped.shape[:2], dtype=np.uint64)
    for row in range(rows):
        keys = (keys << np.uint64(STORED_BITS)) ^ grouped[:, :, row]
    if rows * STORED_BITS > 64:
        keys = _mix(keys, params.seed)
    return keys


def lean_minhash(sig: np.ndarray, params: HashParams | None = None) -> LeanMinHash:
    """A full (uint32) signature as a datasketch ``LeanMinHash``, e.g. for ``MinHashLSH``.

    >>> sigs, _ = signatures(["Senior officials were set to hold security talks in Geneva."])
    >>> lean_minhash(sigs[0]).jaccard(lean_minhash(sigs[0]))
    1.0
    """
    from datasketch import LeanMinHash

    params = params or HashParams()
    return LeanMinHash(seed=params.seed, hashvalues=sig.astype(np.uint32), scheme="affine32")
