"""Markdown inline syntax in scraped text: judged with it, kept without it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse import clean
from cleanse.config import CleanConfig
from cleanse.extract.markdown import plain_inline

STORY = ("The council voted on Monday to close the old harbour bridge to heavy traffic, "
         "citing a report that found deep cracks in two of its supporting piers.")


def test_links_pictures_autolinks_and_emphasis_become_plain_text() -> None:
    assert plain_inline("See [the report](https://x.example/r \"Report\") now.") == "See the report now."
    assert plain_inline("[ ![Logo](https://x.example/l.png) Home](https://x.example/)") == "Home"
    assert plain_inline("Photo: ![](a.jpg) **Jane Doe** / _AP_") == "Photo: Jane Doe / AP"
    assert plain_inline("via <https://x.example/news>") == "via https://x.example/news"
    assert plain_inline("a *really* big deal") == "a really big deal"
    assert plain_inline("[**[a](/a)**](https://x.example/c)") == "a"


def test_text_that_only_looks_like_markdown_stays() -> None:
    for text in ("2*3*4 = 24", "snake_case_name", "__init__ and __slots__", "[sic]",
                 "a * b * c", "see [1] and (2)", "x < y > z", "5 * 3 and 4 * 2",
                 "2 ** 10 == 1024 and 3 ** 2 == 9", r"an escaped \*star\* and \_mark\_",
                 "[1](2019) shows"):
        assert plain_inline(text) == text


def test_a_markdown_page_keeps_link_text_and_drops_the_syntax() -> None:
    page = "\n\n".join([
        "  * [Home](https://x.example/)", "  * [News](https://x.example/news)",
        "# Bridge closed to trucks",
        STORY.replace("a report", "[a report](https://x.example/report.pdf)"),
        "![](https://x.example/bridge.jpg)",
        STORY.replace("Monday", "Tuesday").replace("two", "**three**"),
    ])
    doc = clean(page, config=CleanConfig(input_format="text"))
    assert doc.title == "Bridge closed to trucks"
    assert STORY in doc.text and "three of its supporting piers" in doc.text
    assert "](" not in doc.text and "**" not in doc.text and "Home" not in doc.text
    again = clean(doc.title + "\n\n" + doc.text, config=CleanConfig(input_format="text"))
    assert again.text == doc.text


_MARKDOWNISH = st.text(alphabet=st.sampled_from(list("ab _*[]()!<>:/.\nhtps")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_MARKDOWNISH)
def test_plain_inline_never_invents_text_and_is_stable(text: str) -> None:
    plain = plain_inline(text)
    assert plain_inline(plain) == plain
    kept = [ch for ch in plain if not ch.isspace()]
    source = [ch for ch in text if not ch.isspace()]
    position = 0
    for ch in kept:  # the output's characters appear in the input, in order
        assert ch in source[position:], (ch, text)
        position = source.index(ch, position) + 1
