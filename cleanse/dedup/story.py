"""Matching inside each story: short lines, headlines, fragments and merged paragraphs.

A story is a set of documents that share long paragraph clusters (see :mod:`.cluster`). Only
inside one does a short line ("He said.") join the copies it resembles, or a paragraph left
alone join the cluster it is a fragment of or a part of, so neither ever links two stories.
Every pair of a story's paragraphs is compared; stories of similar size are padded to one
width and compared together, many per numpy call.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from .verify import Thresholds, containment

if TYPE_CHECKING:
    from .cluster import Corpus

#: Paragraph kinds: a headline or a caption repeats a body sentence but is not that paragraph,
#: so each kind is linked only to its own kind.
BODY, HEADLINE, CAPTION = 0, 1, 2
#: Below this many shingles (~45 letters) a body line needs its place in the story to match:
#: the same cluster just before or just after it.
CONTEXT_SHINGLES = 40
#: Inside one story, a paragraph still alone joins a copy at this lower resemblance (heavy OCR
#: noise, several copy edits); other paragraphs of one story rarely reach 0.1.
STORY_JACCARD = 0.3
#: A lone paragraph joins a cluster only when it relates to more than this share of the
#: cluster's members in the story (copy, container or part of each), not just to one of them.
SUPPORT = 0.5
#: A "story" larger than this is a chain of templates, not one story: no in-story matching
#: (which compares every pair of its paragraphs).
MAX_STORY_PARAGRAPHS = 5000
#: Signature values compared per batched story call (bytes of the largest temporary).
_BATCH_CELLS = 1 << 25


def story_edges(corpus: Corpus, labels: np.ndarray, docs: np.ndarray,
                thresholds: Thresholds) -> tuple[np.ndarray, np.ndarray]:
    """Edges found inside each story: short lines, headlines, fragments and merged paragraphs.

    Stories of similar size are padded to one width and matched together, many per numpy
    call, so a corpus of many small stories does not pay numpy's per-call cost per story.
    """
    if not len(labels):  # an empty corpus (or one without paragraphs) has no story edges
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    alone = np.bincount(labels, minlength=len(labels))[labels] == 1
    context = _context(corpus, labels)
    story = docs[corpus.doc]
    order = np.argsort(story, kind="stable")
    starts = np.flatnonzero(np.concatenate(([True], story[order][1:] != story[order][:-1])))
    sizes = np.diff(np.concatenate((starts, [len(order)])))
    lefts, rights = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for low, width in _widths(sizes):
        picked = np.flatnonzero((sizes > low) & (sizes <= width) & (sizes >= 2))
        per_call = max(1, _BATCH_CELLS // (width * width * corpus.sig.shape[1]))
        for at in range(0, len(picked), per_call):
            chosen = picked[at:at + per_call]
            offsets = np.arange(width)
            valid = offsets[None, :] < sizes[chosen, None]
            members = order[np.minimum(starts[chosen, None] + offsets, len(order) - 1)]
            a, b = _story_matches(corpus, np.where(valid, members, -1), alone, labels, context,
                                  thresholds)
            lefts.append(a)
            rights.append(b)
    return np.concatenate(lefts), np.concatenate(rights)


def _widths(sizes: np.ndarray) -> Iterator[tuple[int, int]]:
    """Padded widths for the story sizes (at most half again a story's size), then each alone."""
    low = 0
    for width in (3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128):
        yield low, width
        low = width
    for size in np.unique(sizes[(sizes > low) & (sizes <= MAX_STORY_PARAGRAPHS)]):
        yield int(size) - 1, int(size)


def _context(corpus: Corpus, labels: np.ndarray) -> np.ndarray:
    """Clusters of the nearest long body paragraphs before and after each paragraph (or -1).

    Paragraphs of a document are contiguous and in order, so a running maximum of anchor
    positions finds the previous anchor and a reversed one the next.
    """
    n = len(labels)
    anchor = ~corpus.short & (corpus.kind == BODY) & (corpus.count > 0)
    position = np.arange(n)
    before = np.maximum.accumulate(np.where(anchor, position, -1))
    before = np.concatenate(([-1], before[:-1]))
    after = np.minimum.accumulate(np.where(anchor, position, n)[::-1])[::-1]
    after = np.concatenate((after[1:], [n]))
    out = np.full((n, 2), -1, dtype=np.int64)
    ok = (before >= 0) & (corpus.doc[np.maximum(before, 0)] == corpus.doc)
    out[ok, 0] = labels[before[ok]]
    ok = (after < n) & (corpus.doc[np.minimum(after, n - 1)] == corpus.doc)
    out[ok, 1] = labels[after[ok]]
    return out


def _story_matches(corpus: Corpus, members: np.ndarray, alone: np.ndarray, labels: np.ndarray,
                   context: np.ndarray, thresholds: Thresholds) -> tuple[np.ndarray, np.ndarray]:
    """Edges inside a batch of stories: ``members`` is stories x width, -1 for padding."""
    valid = members >= 0
    take = np.where(valid, members, 0)
    sig = corpus.sig[take]
    jac = np.count_nonzero(sig[:, :, None, :] == sig[:, None, :, :], axis=3) / sig.shape[2]
    width = members.shape[1]
    real = valid[:, :, None] & valid[:, None, :] & ~np.eye(width, dtype=bool)
    jac = np.where(real, jac, 0.0)
    count, short, kind = corpus.count[take], corpus.short[take], corpus.kind[take]
    context, alone, label = context[take], alone[take] & valid, labels[take]

    def rows(x: np.ndarray) -> np.ndarray:
        return x[:, :, None]

    def cols(x: np.ndarray) -> np.ndarray:
        return x[:, None, :]

    same_kind = (rows(kind) == cols(kind)) & real
    title = kind != BODY
    # short lines, headlines and captions: resemblance only, each kind with its own kind
    near = (jac >= thresholds.jaccard) & same_kind & (rows(short) | cols(short) | rows(title))
    # a short body line ("He said.") also needs its place in the story: same neighbour cluster
    doc = corpus.doc[take]
    placed = (((rows(context[:, :, 0]) == cols(context[:, :, 0])) & rows(context[:, :, 0] >= 0))
              | ((rows(context[:, :, 1]) == cols(context[:, :, 1])) & rows(context[:, :, 1] >= 0)))
    tiny = count < CONTEXT_SHINGLES
    loose = (rows(tiny) | cols(tiny)) & ~rows(title)
    near &= ~loose | (placed & (rows(doc) != cols(doc)))
    # a paragraph still alone joins the copy, container or part it shares most shingles with
    share = containment(jac, rows(count), cols(count))
    big_enough = np.minimum(rows(count), cols(count)) >= thresholds.min_fragment_shingles
    part = (share >= thresholds.containment) & (jac >= thresholds.min_fragment_jaccard)
    part = ((part & big_enough & ~rows(title)) | (jac >= STORY_JACCARD)) & same_kind
    part &= ~cols(short) & ~(rows(tiny) | cols(tiny))
    part &= _supported(part, label, valid)
    part &= rows(alone)
    weight = np.where(part, jac * (rows(count) + cols(count)) / (1 + jac), 0.0)
    # a copy already in a cluster beats one still alone, so two loners never chain clusters
    boost = weight.max(axis=(1, 2), keepdims=True) + 1.0
    weight = np.where(cols(~alone) & (weight > 0), weight + boost, weight)
    best = weight.argmax(axis=2)
    has = np.take_along_axis(weight, best[:, :, None], axis=2)[:, :, 0] > 0
    s, i, j = np.nonzero((near | near.transpose(0, 2, 1)) & np.triu(np.ones((width, width), bool)))
    story, row = np.nonzero(has)
    left = np.concatenate((members[s, i], members[story, row]))
    right = np.concatenate((members[s, j], members[story, best[story, row]]))
    return left, right


def _supported(related: np.ndarray, label: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Whether ``i`` relates to most of ``j``'s cluster (within its story), for every i, j.

    A paragraph merged from A and B contains A, but the copies of B it is clustered with do
    not: so a lone copy of A joins A's copies, not the merged paragraph's cluster. A part split
    off W is contained in every copy of W, so it still joins W.
    """
    stories, width = label.shape
    same = (label[:, :, None] == label[:, None, :]) & valid[:, :, None] & valid[:, None, :]
    size = same.sum(axis=1)[:, None, :]
    # hits per (story, i, cluster), counted over the few related pairs (no width**3 product)
    s, i, k = np.nonzero(related)
    row = (s * width + i).astype(np.uint64) << np.uint64(32)
    keys, hits = np.unique(row | label[s, k].astype(np.uint64), return_counts=True)
    want = (np.arange(stories * width, dtype=np.uint64).reshape(stories, width, 1) << np.uint64(32)
            ) | label[:, None, :].astype(np.uint64)
    at = np.minimum(np.searchsorted(keys, want), max(len(keys) - 1, 0))
    found = np.where(keys[at] == want, hits[at], 0) if len(keys) else np.zeros(want.shape, int)
    supported: np.ndarray = found > SUPPORT * np.maximum(size, 1)
    return supported
