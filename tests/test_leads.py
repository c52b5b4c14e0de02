"""Leads (cleanse.leads) only ever skip rules that cannot match: checked on every rule's data."""

from __future__ import annotations

import pytest
import regex

from cleanse import leads
from cleanse.catalog import FLAGS, Catalog, Rule, compiled, load_catalog
from cleanse.leads import LEAD_CHARS, lead_key, pattern_leads, pattern_needs, pattern_width
from cleanse.textutil import squash_space

SCAFFOLD_RULES = list(load_catalog("scaffold"))
# Every character Unicode assigns, in one string, so one findall asks the engine about all.
_ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize("rule", SCAFFOLD_RULES, ids=lambda rule: rule.id)
def test_every_example_starts_with_a_lead(rule: Rule) -> None:
    leads = pattern_leads(rule.pattern)
    assert leads and all(len(lead) <= LEAD_CHARS for lead in leads)
    for example in rule.examples:
        key = lead_key(squash_space(example))
        assert any(key.startswith(lead) for lead in leads), (rule.id, example, sorted(leads))


def test_first_match_with_leads_equals_trying_every_rule() -> None:
    catalog = load_catalog("scaffold")
    texts = [t for rule in SCAFFOLD_RULES for t in rule.examples + rule.counterexamples]
    for text in texts:
        folded = squash_space(text)
        expected = next((r for r in SCAFFOLD_RULES if r.pattern.fullmatch(folded)), None)
        assert catalog.first_match(text) is expected, text


def test_leads_read_the_pattern() -> None:
    def leads(source: str) -> list[str]:
        return sorted(pattern_leads(regex.compile(source, FLAGS)))

    assert leads(r"(?:jetzt\s+)?teilen|home") == ["home", "jetz", "teil"]
    assert leads(r"\d{1,2} min") == ["0 mi", "00 m"]
    assert leads(r"(?:ab)*c") == ["abab", "abc", "c"]
    assert leads(r"(?i:ß)x") == ["ssx"]
    assert "[x" in leads(r"[*•]?\s*\[x") and "* [x" in leads(r"[*•]?\s*\[x")
    # A wide class or an empty match leaves nothing to check: every block is a candidate.
    assert leads(r"\w+ more") == [""]
    assert leads(r"(?=\w)ab|(?!x)") == ["", "ab"]


def test_case_insensitive_matches_share_the_lead_key() -> None:
    # Leads compare case-folded keys: each character the engine takes for a pattern character
    # (ignoring case, simple or full folding) must have the same key.
    chars = {ch for rule in SCAFFOLD_RULES for ch in str(rule.pattern.pattern) if ch.isalnum()}
    for ch in sorted(chars):
        for prefix in ("(?-f)", "(?f)"):
            for found in regex.compile(prefix + regex.escape(ch), FLAGS).findall(_ALL_CHARS):
                assert lead_key(found) == lead_key(ch), (ch, found)


def test_classes_become_their_key_character() -> None:
    assert set(lead_key("".join(regex.findall(r"\d", _ALL_CHARS, flags=FLAGS)))) == {"0"}
    assert set(lead_key("".join(regex.findall(r"\s", _ALL_CHARS, flags=FLAGS)))) == {" "}


@pytest.mark.parametrize("rule", SCAFFOLD_RULES, ids=lambda rule: rule.id)
def test_examples_without_a_lead_hold_what_the_rule_needs(rule: Rule) -> None:
    needs = pattern_needs(rule.pattern)
    leads = pattern_leads(rule.pattern) - {""}
    for example in rule.examples:
        text = squash_space(example)
        if needs is not None and not any(lead_key(text).startswith(lead) for lead in leads):
            assert needs.search(text), (rule.id, example, needs.pattern)


@pytest.mark.parametrize("rule", SCAFFOLD_RULES, ids=lambda rule: rule.id)
def test_examples_fit_the_width_read_from_the_pattern(rule: Rule) -> None:
    width = pattern_width(rule.pattern)
    if rule.max_chars is not None:  # the catalog's own bound, derived offline, agrees
        assert width == rule.max_chars, rule.id
    for example in rule.examples:
        assert width is None or len(squash_space(example)) <= width, (rule.id, example)


def test_without_the_parser_every_rule_is_a_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(leads, "READABLE", False)
    catalog = Catalog.of(tuple(SCAFFOLD_RULES))
    assert set(catalog.by_lead) == {""} and not any(catalog.needs)
    for rule in SCAFFOLD_RULES:
        for text in rule.examples + rule.counterexamples:
            expected = next((r for r in SCAFFOLD_RULES if r.matches(text)), None)
            assert catalog.first_match(text) is expected, text


def test_kept_bounds_are_current_and_equal_fresh_reads() -> None:
    # A stale file is never used (it only costs start-up time), but the built-in rules should
    # all be kept: after changing a rule, run `python -m cleanse.bounds`.
    from cleanse import bounds

    kept = bounds._kept()
    assert kept, "cleanse/bounds.json is missing or stale: run python -m cleanse.bounds"
    for rule in SCAFFOLD_RULES:
        lead_set, needs, width = bounds.read_bounds(rule.pattern)
        stored = kept.get(bounds._key(rule.source))
        assert stored is not None, f"{rule.id} not in cleanse/bounds.json: run python -m cleanse.bounds"
        assert stored == (lead_set, None if needs is None else needs.pattern, width), rule.id
        assert bounds.pattern_bounds(rule.source, compiled, rule.id) == (lead_set, needs, width), rule.id


def test_white_space_is_the_engines_white_space() -> None:
    from cleanse.textutil import WHITE_SPACE

    assert "".join(regex.findall(r"\s", _ALL_CHARS)) == WHITE_SPACE


def test_ascii_punctuation_is_the_engines() -> None:
    import string

    ascii_chars = "".join(map(chr, range(128)))
    assert "".join(regex.findall(r"[\p{P}\p{S}]", ascii_chars)) == string.punctuation


def test_python_white_space_is_the_engines_or_a_c0_separator() -> None:
    # fingerprint() folds gaps with str.split(): it must split only where the regex would, but
    # at the four C0 separators (a text holding one takes the regex path).
    python_space = "".join(c for c in _ALL_CHARS if c.isspace())
    assert "".join(c for c in python_space if not regex.match(r"\s", c)) == "\x1c\x1d\x1e\x1f"
