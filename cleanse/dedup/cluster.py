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

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .minhash import HashParams, band_keys
from .verify import Thresholds, containment

#: A paragraph cluster spread over more documents than this is a site template, not a story.
MAX_DOC_FREQ = 50
#: Paragraph kinds: a headline or a caption repeats a body sentence but is not that paragraph,
#: so each kind is linked only to its own kind.
BODY, HEADLINE, CAPTION = 0, 1, 2
#: Below this many shingles (~100 letters) a paragraph is a stock line ("Officials did not
#: respond to requests for comment."): linked across stories only through longer paragraphs.
MIN_CROSS_STORY_SHINGLES = 100
#: Largest run of equal band keys expanded into pairs; longer runs are chained member to member.
_PAIR_CHUNK = 1 << 20


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


def candidate_pairs(keys: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Pairs (packed i<<32|j, i<j) of items sharing a band key: each run chained and starred."""
    found = []
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        sorted_keys = keys[order, band]
        same = sorted_keys[1:] == sorted_keys[:-1]
        nxt = np.flatnonzero(same)
        run_start = np.maximum.accumulate(np.where(np.concatenate(([False], same)), 0,
                                                   np.arange(len(order))))
        for left, right in ((order[nxt], order[nxt + 1]), (order[run_start[nxt + 1]], order[nxt + 1])):
            a, b = ids[left], ids[right]
            keep = a != b
            lo, hi = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
            found.append((lo.astype(np.uint64) << np.uint64(32)) | hi.astype(np.uint64))
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.uint64)


def verified_edges(corpus: Corpus, pairs: np.ndarray, thresholds: Thresholds) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs whose estimated Jaccard similarity passes, in chunks."""
    lefts, rights = [], []
    for start in range(0, len(pairs), _PAIR_CHUNK):
        chunk = pairs[start:start + _PAIR_CHUNK]
        a = (chunk >> np.uint64(32)).astype(np.int64)
        b = (chunk & np.uint64(0xFFFFFFFF)).astype(np.int64)
        jac = (corpus.sig[a] == corpus.sig[b]).mean(axis=1)
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


def _groups(keys: np.ndarray) -> Iterator[np.ndarray]:
    order = np.argsort(keys, kind="stable")
    bounds = np.flatnonzero(np.diff(keys[order])) + 1
    yield from np.split(order, bounds)


def story_edges(corpus: Corpus, labels: np.ndarray, docs: np.ndarray,
                thresholds: Thresholds) -> tuple[np.ndarray, np.ndarray]:
    """Edges found inside each story: short lines, headlines, fragments and merged paragraphs."""
    alone = np.bincount(labels, minlength=len(labels))[labels] == 1
    lefts, rights = [], []
    for members in _groups(docs[corpus.doc]):
        if len(members) < 2:
            continue
        a, b = _story_matches(corpus, members, alone[members], thresholds)
        lefts.append(a)
        rights.append(b)
    if not lefts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(lefts), np.concatenate(rights)


def _story_matches(corpus: Corpus, members: np.ndarray, alone: np.ndarray,
                   thresholds: Thresholds) -> tuple[np.ndarray, np.ndarray]:
    sig = corpus.sig[members]
    jac = (sig[:, None, :] == sig[None, :, :]).mean(axis=2)
    np.fill_diagonal(jac, 0.0)
    count = corpus.count[members]
    short, kind = corpus.short[members], corpus.kind[members]
    same_kind = kind[:, None] == kind[None, :]
    title = kind != BODY
    # short lines, headlines and captions: resemblance only, each kind with its own kind
    near = (jac >= thresholds.jaccard) & same_kind & (short[:, None] | short[None, :] | title[:, None])
    # fragments: a paragraph still alone joins its best container or its best part
    share = containment(jac, count[:, None], count[None, :])
    big_enough = np.minimum(count[:, None], count[None, :]) >= thresholds.min_fragment_shingles
    part = (share >= thresholds.containment) & big_enough & same_kind & ~title[:, None]
    part &= ~short[None, :]
    part[~alone] = False
    weight = np.where(part, share * np.minimum(count[:, None], count[None, :]), 0.0)
    best = weight.argmax(axis=1)
    has = weight[np.arange(len(members)), best] > 0
    i, j = np.nonzero(np.triu(near | near.T))
    left = np.concatenate((members[i], members[has]))
    right = np.concatenate((members[j], members[best[has]]))
    return left, right


def cluster_corpus(corpus: Corpus, params: HashParams | None = None,
                   thresholds: Thresholds | None = None) -> Clusters:
    """Paragraph and document clusters for the whole corpus (deterministic given the arrays)."""
    params, thresholds = params or HashParams(), thresholds or Thresholds()
    n = len(corpus.doc)
    long_ids = np.flatnonzero(~corpus.short & (corpus.kind != HEADLINE) & (corpus.count > 0))
    pairs = candidate_pairs(band_keys(corpus.sig[long_ids], params), long_ids)
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


def _finish(corpus: Corpus, labels: np.ndarray, docs: np.ndarray) -> Clusters:
    """Pick each cluster's origin (the copy in the best-ranked document) and name the clusters."""
    n = len(labels)
    sizes = np.bincount(labels, minlength=n)
    rank = corpus.doc_rank[corpus.doc]
    order = np.lexsort((np.arange(n), rank, labels))
    first = np.flatnonzero(np.concatenate(([True], labels[order][1:] != labels[order][:-1])))
    origin_of_label = np.full(n, -1, dtype=np.int64)
    origin_of_label[labels[order][first]] = order[first]
    origin = origin_of_label[labels]
    jac = (corpus.sig == corpus.sig[origin]).mean(axis=1)
    share = containment(jac, corpus.count, corpus.count[origin])
    similarity = np.maximum(jac, np.where(corpus.count > 0, share, 0.0))
    grouped = sizes[labels] > 1
    rep_order = np.lexsort((np.arange(len(docs)), corpus.doc_rank, docs))
    rep_first = np.flatnonzero(np.concatenate(([True], docs[rep_order][1:] != docs[rep_order][:-1])))
    representative = np.empty(len(docs), dtype=np.int64)
    representative[docs[rep_order][rep_first]] = rep_order[rep_first]
    return Clusters(para=np.where(grouped, labels, -1), origin=np.where(grouped, origin, -1),
                    similarity=np.where(grouped, np.round(similarity, 4), 0.0),
                    doc=representative[docs])
