"""Whole-corpus clustering over signatures: bands → candidates → verification → components.

Pure numpy over arrays held by :class:`Corpus` (about 270 bytes per paragraph), no text:

1. Long paragraphs meet through LSH bands; a candidate pair is kept when its estimated Jaccard
   similarity passes :data:`~.verify.JACCARD` (copies, copy edits, OCR noise).
2. Documents sharing :data:`~.verify.MIN_SHARED` such clusters are one story. A cluster found in
   more than :data:`MAX_DOC_FREQ` documents is boilerplate and ties no documents together.
3. Inside each story, and only there: short lines and headlines join the copies they resemble,
   and a paragraph left alone joins the cluster it is a fragment of, or the cluster of one of
   its parts when it was merged from two (containment). So "He said." never links two stories,
   and shared boilerplate never chains them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .minhash import HashParams, _mix, band_keys
from .story import HEADLINE, story_edges
from .verify import Thresholds, containment

#: A paragraph cluster spread over more documents than this is a site template, not a story.
MAX_DOC_FREQ = 50
#: Below this many shingles (~100 letters) a paragraph is a stock line ("Officials did not
#: respond to requests for comment."): linked across stories only through longer paragraphs.
MIN_CROSS_STORY_SHINGLES = 100
#: Runs of equal band keys up to this size give all their pairs; longer ones are chained.
SMALL_RUN = 12
_PAIR_CHUNK = 1 << 20
#: Bands whose candidate pairs are merged (deduplicated) together: a near copy shares most bands.
MERGE_BANDS = 4


@dataclass(frozen=True, slots=True)
class Corpus:
    """Per-paragraph arrays, paragraphs grouped by document, documents in canonical order."""

    doc: np.ndarray          # int32: document number of each paragraph
    sig: np.ndarray          # uint16[n, num_perm]: stored signatures
    count: np.ndarray        # uint32: shingle count
    short: np.ndarray        # bool: a short line (fewer than MIN_WORDS words)
    kind: np.ndarray         # uint8: BODY, HEADLINE or CAPTION
    doc_rank: np.ndarray     # int64: representative order of documents (lower is better)


@dataclass(frozen=True, slots=True)
class Clusters:
    """Labels: each paragraph's cluster (-1 alone), origin paragraph and similarity to it."""

    para: np.ndarray
    origin: np.ndarray
    similarity: np.ndarray
    doc: np.ndarray          # each document's cluster: the number of its representative


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected components: each node labelled with the smallest node of its component.

    >>> components(5, np.array([0, 3]), np.array([1, 4])).tolist()
    [0, 0, 2, 3, 3]
    """
    labels = np.arange(n, dtype=np.int64)
    if len(left) == 0:
        return labels
    while True:
        low = np.minimum(labels[left], labels[right])
        before = labels.copy()
        np.minimum.at(labels, left, low)
        np.minimum.at(labels, right, low)
        while True:
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        if np.array_equal(before, labels):
            return labels


def candidate_pairs(sig: np.ndarray, ids: np.ndarray, params: HashParams) -> np.ndarray:
    """Pairs (packed i<<32|j, i<j) of the rows ``ids`` of ``sig`` sharing a band key.

    A small run of equal keys gives all its pairs; a long one (a template line in thousands of
    pages) is chained member to member and starred on its first member, so pairs stay linear.
    Pairs found by several bands are merged every :data:`MERGE_BANDS` bands, so the temporary
    arrays stay near the number of distinct pairs rather than bands times pairs.
    """
    merged = np.zeros(0, dtype=np.uint64)
    found: list[np.ndarray] = []
    rows = params.num_perm // params.bands
    index_bits = max(20, len(ids).bit_length())
    # a band of four 16-bit values is one 64-bit word of the row: read it as the key
    words = sig.view(np.uint64) if sig.itemsize * rows == 8 and sig.flags.c_contiguous else None
    for band in range(params.bands):
        # one band at a time, so the keys never cost more than 8 bytes per paragraph
        if words is not None:
            key = words[ids, band]
        else:
            block = sig[ids, band * rows:(band + 1) * rows]
            key = band_keys(block, HashParams(num_perm=rows, bands=1))[:, 0]
        found.extend(_band_pairs(key, ids, index_bits))
        if band % MERGE_BANDS == MERGE_BANDS - 1 or band == params.bands - 1:
            merged = _merge_unique(merged, np.concatenate(found) if found else merged[:0])
            found = []
    return merged


def _merge_unique(merged: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Sorted distinct values of both; ``merged`` is already sorted and distinct.

    Timsort (numpy's stable sort) merges the two sorted runs in linear time, which beats
    hashing arrays that are mostly repeats.
    """
    if not len(new):
        return merged
    new = np.sort(new)
    both = np.concatenate((merged, new[np.concatenate(([True], new[1:] != new[:-1]))]))
    both.sort(kind="stable")
    return both[np.concatenate(([True], both[1:] != both[:-1]))]


def _band_pairs(key: np.ndarray, ids: np.ndarray, index_bits: int) -> list[np.ndarray]:
    """One band's pairs. Sorting key and position packed in one word is twice as fast as an
    argsort; the key loses ``index_bits`` bits, and the rare false match that costs is dropped
    by verification."""
    # mixed first, so the bits dropped are spread over all four values of the band
    packed = (_mix(key, 0) >> np.uint64(index_bits)) << np.uint64(index_bits)
    packed |= np.arange(len(key), dtype=np.uint64)
    packed.sort()
    order = (packed & np.uint64((1 << index_bits) - 1)).astype(np.int64)
    top = packed >> np.uint64(index_bits)
    repeat = np.flatnonzero(top[1:] == top[:-1]) + 1
    if not len(repeat):
        return []
    new_run = np.ones(len(top), dtype=bool)
    new_run[repeat] = False
    run_start = np.maximum.accumulate(np.where(new_run, np.arange(len(top)), 0))[repeat]
    offset = repeat - run_start
    out = []
    for step in range(1, SMALL_RUN):
        later = repeat[offset >= step]
        if not len(later):
            break
        out.append(_packed(ids[order[later - step]], ids[order[later]]))
    long_tail = repeat[offset >= SMALL_RUN]
    out.append(_packed(ids[order[long_tail - 1]], ids[order[long_tail]]))
    out.append(_packed(ids[order[run_start[offset >= SMALL_RUN]]], ids[order[long_tail]]))
    return out


def _row_jaccard(sig: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of rows a[k] and b[k], a block at a time (bounded memory)."""
    out = np.empty(len(a), dtype=np.float64)
    for at in range(0, len(a), _PAIR_CHUNK):
        left, right = a[at:at + _PAIR_CHUNK], b[at:at + _PAIR_CHUNK]
        out[at:at + len(left)] = np.count_nonzero(sig[left] == sig[right], axis=1) / sig.shape[1]
    return out


def _packed(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    keep = a != b
    lo, hi = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
    packed: np.ndarray = (lo.astype(np.uint64) << np.uint64(32)) | hi.astype(np.uint64)
    return packed


def verified_edges(corpus: Corpus, pairs: np.ndarray,
                   thresholds: Thresholds) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs whose estimated Jaccard similarity passes, in chunks."""
    lefts, rights = [], []
    for start in range(0, len(pairs), _PAIR_CHUNK):
        chunk = pairs[start:start + _PAIR_CHUNK]
        a = (chunk >> np.uint64(32)).astype(np.int64)
        b = (chunk & np.uint64(0xFFFFFFFF)).astype(np.int64)
        jac = _row_jaccard(corpus.sig, a, b)
        keep = (jac >= thresholds.jaccard) & (corpus.kind[a] == corpus.kind[b])
        lefts.append(a[keep])
        rights.append(b[keep])
    if not lefts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(lefts), np.concatenate(rights)


def doc_clusters(corpus: Corpus, labels: np.ndarray, thresholds: Thresholds) -> np.ndarray:
    """Documents sharing enough paragraph clusters, as components (labelled by smallest doc)."""
    n_docs = len(corpus.doc_rank)
    pairs = np.unique((labels.astype(np.uint64) << np.uint64(32)) | corpus.doc.astype(np.uint64))
    cluster = (pairs >> np.uint64(32)).astype(np.int64)
    doc = (pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], cluster[1:] != cluster[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(cluster)])))
    linked = []
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= MAX_DOC_FREQ)]):
        first = starts[sizes == size]
        members = doc[first[:, None] + np.arange(size)]
        for i in range(size):
            for j in range(i + 1, size):
                linked.append((members[:, i].astype(np.uint64) << np.uint64(32))
                              | members[:, j].astype(np.uint64))
    if not linked:
        return np.arange(n_docs, dtype=np.int64)
    doc_pairs, shared = np.unique(np.concatenate(linked), return_counts=True)
    doc_pairs = doc_pairs[shared >= thresholds.min_shared]
    return components(n_docs, (doc_pairs >> np.uint64(32)).astype(np.int64),
                      (doc_pairs & np.uint64(0xFFFFFFFF)).astype(np.int64))


def cluster_corpus(corpus: Corpus, params: HashParams | None = None,
                   thresholds: Thresholds | None = None) -> Clusters:
    """Paragraph and document clusters for the whole corpus (deterministic given the arrays)."""
    params, thresholds = params or HashParams(), thresholds or Thresholds()
    n = len(corpus.doc)
    long_ids = np.flatnonzero(~corpus.short & (corpus.kind != HEADLINE) & (corpus.count > 0))
    pairs = candidate_pairs(corpus.sig, long_ids, params)
    left, right = verified_edges(corpus, pairs, thresholds)
    docs = doc_clusters(corpus, components(n, left, right), thresholds)
    story = docs[corpus.doc]
    keep = (story[left] == story[right]) | (
        np.minimum(corpus.count[left], corpus.count[right]) >= MIN_CROSS_STORY_SHINGLES)
    left, right = left[keep], right[keep]
    labels = components(n, left, right)
    more_left, more_right = story_edges(corpus, labels, docs, thresholds)
    labels = components(n, np.concatenate((left, more_left)), np.concatenate((right, more_right)))
    return _finish(corpus, labels, docs)


def _run_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in a sorted array (none for an empty one)."""
    if not len(values):
        return np.empty(0, dtype=np.int64)
    starts: np.ndarray = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    return starts


def _finish(corpus: Corpus, labels: np.ndarray, docs: np.ndarray) -> Clusters:
    """Pick each cluster's origin (the copy in the best-ranked document) and name the clusters."""
    n = len(labels)
    sizes = np.bincount(labels, minlength=n)
    rank = corpus.doc_rank[corpus.doc]
    order = np.lexsort((np.arange(n), rank, labels))
    first = _run_starts(labels[order])
    origin_of_label = np.full(n, -1, dtype=np.int64)
    origin_of_label[labels[order][first]] = order[first]
    origin = origin_of_label[labels]
    jac = _row_jaccard(corpus.sig, np.arange(n), origin)
    share = containment(jac, corpus.count, corpus.count[origin])
    similarity = np.maximum(jac, np.where(corpus.count > 0, share, 0.0))
    grouped = sizes[labels] > 1
    rep_order = np.lexsort((np.arange(len(docs)), corpus.doc_rank, docs))
    rep_first = _run_starts(docs[rep_order])
    representative = np.empty(len(docs), dtype=np.int64)
    representative[docs[rep_order][rep_first]] = rep_order[rep_first]
    return Clusters(para=np.where(grouped, labels, -1), origin=np.where(grouped, origin, -1),
                    similarity=np.where(grouped, np.round(similarity, 4), 0.0),
                    doc=representative[docs])
