"""Every catalog entry's examples match and its counterexamples do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanse.catalog import CUE_WORD, Rule, load_catalog
from cleanse.extract import split_text
from cleanse.textutil import squash_space

SCAFFOLD_RULES = list(load_catalog("scaffold"))


@pytest.mark.parametrize("rule", SCAFFOLD_RULES, ids=lambda rule: rule.id)
def test_scaffold_rule_examples(rule: Rule) -> None:
    assert rule.examples, f"{rule.id} has no examples"
    for example in rule.examples:
        assert rule.matches(example), f"{rule.id} misses its example {example!r}"
    for counter in rule.counterexamples:
        assert not rule.matches(counter), f"{rule.id} matches its counterexample {counter!r}"


def test_scaffold_catalog_covers_required_languages() -> None:
    langs = {rule.lang for rule in SCAFFOLD_RULES}
    assert {"en", "de", "fr", "es", "it", "pt", "nl", "pl"} <= langs


def test_scaffold_rules_never_backtrack_catastrophically() -> None:
    # A long adversarial block must be answered quickly by every rule (timeout is the backstop).
    hostiles = [("a " * 5000) + "!" + (" share" * 2000), "Posted in " + "ss fi " * 12,
                "ss fi ffi st " * 400,
                " | ".join(f"[Sec{i}](https://example.com/s{i})" for i in range(12)) + " more"]
    for rule in SCAFFOLD_RULES:
        for hostile in hostiles:
            # A runaway match raises TimeoutError, failing the test with the rule in the trace.
            rule.pattern.fullmatch(hostile, timeout=2.0)


def _words(text: str) -> set[str]:
    return set(CUE_WORD.findall(squash_space(text).casefold()))


@pytest.mark.parametrize("rule", [r for r in SCAFFOLD_RULES if r.cues], ids=lambda rule: rule.id)
def test_scaffold_rule_examples_hold_a_cue(rule: Rule) -> None:
    # A cue list that misses an example would silently switch the rule off for such blocks.
    for example in rule.examples:
        assert rule.cues & _words(example), f"{rule.id}: no cue in its example {example!r}"


def _gated_and_ungated_agree(texts: list[str]) -> None:
    catalog = load_catalog("scaffold")
    for text in texts:
        ungated = next((rule for rule in catalog if rule.matches(text)), None)
        assert catalog.first_match(text) == ungated, text


def test_cue_gating_keeps_the_first_match_on_examples() -> None:
    _gated_and_ungated_agree([t for rule in SCAFFOLD_RULES
                              for t in (*rule.examples, *rule.counterexamples)])


def test_cue_gating_keeps_the_first_match_on_sample_inputs() -> None:
    samples = Path(__file__).resolve().parents[1] / "samples"
    blocks = [block.text for path in sorted(samples.glob("*/input.txt"))
              for block in split_text(path.read_text(encoding="utf-8")).blocks]
    assert blocks
    _gated_and_ungated_agree(blocks)


@pytest.mark.parametrize("rule", [r for r in SCAFFOLD_RULES if r.max_chars is not None],
                         ids=lambda rule: rule.id)
def test_scaffold_rule_examples_fit_its_length_bound(rule: Rule) -> None:
    # A bound below an example's length would silently switch the rule off for such blocks.
    assert not rule.cues, f"{rule.id}: max_chars is only read for uncued rules"
    for example in rule.examples:
        assert len(squash_space(example)) <= rule.max_chars, (rule.id, example)  # type: ignore[operator]


def test_a_bad_pattern_is_a_catalog_error_naming_its_rule() -> None:
    from cleanse.catalog import compile_rule
    from cleanse.errors import CatalogError

    rule = compile_rule({"id": "xx.broken", "kind": "k", "pattern": "(unclosed"}, "xx")
    with pytest.raises(CatalogError, match=r"xx\.broken"):
        rule.matches("unclosed")
    with pytest.raises(CatalogError, match=r"xx\.nothing: missing pattern"):
        compile_rule({"id": "xx.nothing", "kind": "k"}, "xx")
