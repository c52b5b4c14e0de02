"""The cheap prose pre-check never turns away a line that is_prose accepts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleanse.extract.html import _may_be_prose
from cleanse.textutil import is_prose, squash_space

words = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=8)
ends = st.sampled_from(["", ".", "!", "?", "…", '"', "”", "»", "“", "'", "’", ")", " .", ".\u00a0",
                        "\u200b", ";"])


@given(st.lists(words, min_size=10, max_size=25), ends)
def test_never_rejects_prose(parts: list[str], end: str) -> None:
    line = squash_space(" ".join(parts) + end)
    if is_prose(line):
        assert _may_be_prose(line)


def test_rejects_labels_and_accepts_sentences() -> None:
    assert not _may_be_prose("Read more")
    assert not _may_be_prose(" ".join(["word"] * 20))  # no sentence end
    sentence = "The storm hit the coast on Monday night and cut power to many homes in the area."
    assert _may_be_prose(sentence) and is_prose(sentence)
