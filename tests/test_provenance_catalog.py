"""Every provenance rule's examples make a note through that rule, its counterexamples don't.

Each rule runs alone (cues, pattern, credit parse and `require`), so an example that another
rule happens to catch cannot hide a broken rule. The catalogs also answer long hostile lines
quickly.
"""

from __future__ import annotations

import time

import pytest

from cleanse.provenance import note_for, provenance_catalog
from cleanse.provenance.agencies import TOKEN, load_agencies
from cleanse.provenance.ruleset import CreditRule, RuleSet

RULES = list(provenance_catalog())
AGENCIES = load_agencies()


def _rule_notes(rule: CreditRule, line: str) -> list[str]:
    from cleanse.provenance import line_notes

    return [n.rule for n in line_notes(line, RuleSet((rule,)), AGENCIES)]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_provenance_rule_examples(rule: CreditRule) -> None:
    assert rule.rule.examples, f"{rule.id} has no examples"
    assert rule.rule.counterexamples, f"{rule.id} has no counterexamples"
    for example in rule.rule.examples:
        assert _rule_notes(rule, example), f"{rule.id} misses its example {example!r}"
    for counter in rule.rule.counterexamples:
        assert not _rule_notes(rule, counter), f"{rule.id} fires on its counterexample {counter!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_provenance_rule_examples_hold_a_cue(rule: CreditRule) -> None:
    for example in rule.rule.examples:
        folded = example.casefold()
        assert rule.cued(frozenset(TOKEN.findall(folded)), folded), f"{rule.id}: {example!r}"


def test_provenance_catalog_covers_every_kind_in_english_and_german() -> None:
    kinds = {"byline", "contributor", "dateline_agency", "photo_credit", "copyright",
             "syndication", "source_credit", "correction"}
    assert {r.kind for r in RULES} == kinds
    for lang in ("en", "de"):
        assert {r.kind for r in RULES if r.rule.lang in (lang, "xx")} == kinds, lang


def test_provenance_rules_never_backtrack_catastrophically() -> None:
    hostile = [("a " * 3000) + "!", "(" * 2000 + "AP" + ")" * 2000, "/a" * 3000,
               "By " + "Jane Doe, " * 600, "© " + "x/" * 2000, "Foto: " + "A b/" * 1000]
    for rule in RULES:
        for line in hostile:
            started = time.perf_counter()
            list(rule.rule.pattern.finditer(line, timeout=1.0))
            assert time.perf_counter() - started < 0.5, rule.id


def test_note_for_rejects_sentences_posing_as_credits() -> None:
    rule = next(r for r in RULES if r.id == "en.byline.by")
    assert note_for(rule, "By the end of the year", "the end of the year", AGENCIES) is None
