"""Verification: is a candidate pair a copy (resemblance) or a fragment of the other (containment)?

Both are estimated from signatures alone: the share of equal values estimates the Jaccard
similarity J of the shingle sets, and with the two shingle counts a and b the shared shingles
are J·(a+b)/(1+J), which gives the containment of the smaller set in the larger one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Resemblance at which two paragraphs are copies. Above 0.5 a paragraph merged from A and B
#: can resemble at most one of them, so a merge never chains A's and B's clusters.
JACCARD = 0.55
#: Share of the smaller paragraph's shingles found in the larger one for a fragment to count.
CONTAINMENT = 0.75
#: A fragment needs this many shingles (~5 words) before containment alone may link it.
MIN_FRAGMENT_SHINGLES = 25
#: Below this estimated Jaccard the sizes differ too much for containment to be estimated well
#: (a fragment under an eighth of the other paragraph).
MIN_FRAGMENT_JACCARD = 0.12
#: Fewer words make a short line ("He said.", a headline): linked only inside a story.
MIN_WORDS = 8
#: Documents sharing this many paragraph clusters are copies of one story.
MIN_SHARED = 2


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The verification thresholds, in one place (see the module constants for why)."""

    jaccard: float = JACCARD
    containment: float = CONTAINMENT
    min_fragment_shingles: int = MIN_FRAGMENT_SHINGLES
    min_fragment_jaccard: float = MIN_FRAGMENT_JACCARD
    min_words: int = MIN_WORDS
    min_shared: int = MIN_SHARED


def containment(jac: np.ndarray, left_count: np.ndarray, right_count: np.ndarray) -> np.ndarray:
    """Estimated share of the smaller set inside the larger one, from J and the set sizes.

    >>> float(containment(np.array(0.25), np.array(50), np.array(200)))
    1.0
    """
    left = np.asarray(left_count, dtype=np.float64)
    right = np.asarray(right_count, dtype=np.float64)
    shared = jac * (left + right) / (1.0 + jac)
    return np.minimum(shared / np.maximum(np.minimum(left, right), 1.0), 1.0)


def match_score(jac: float, left_count: int, right_count: int, thresholds: Thresholds,
                fragment: bool = True) -> float:
    """The pair's similarity when it verifies as a copy or (with ``fragment``) a fragment, else 0.

    ``jac`` is the estimated Jaccard similarity of the two signatures.

    >>> match_score(1.0, 100, 100, Thresholds())
    1.0
    """
    if jac >= thresholds.jaccard:
        return jac
    if not fragment or min(left_count, right_count) < thresholds.min_fragment_shingles:
        return 0.0
    if jac < thresholds.min_fragment_jaccard:
        return 0.0
    share = float(containment(np.array(jac), np.array(left_count), np.array(right_count)))
    return share if share >= thresholds.containment else 0.0
