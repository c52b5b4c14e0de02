"""Every catalog entry's examples match and its counterexamples do not."""

from __future__ import annotations

import pytest

from cleanse.catalog import Rule, load_catalog

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
                "ss fi ffi st " * 400]
    for rule in SCAFFOLD_RULES:
        for hostile in hostiles:
            # A runaway match raises TimeoutError, failing the test with the rule in the trace.
            rule.pattern.fullmatch(hostile, timeout=2.0)
