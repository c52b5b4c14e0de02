"""Credit-line rules as data: the ``rules/*.toml`` catalogs plus each rule's cue words.

A provenance rule is a catalog :class:`~cleanse.catalog.Rule` (id, kind, pattern, require,
move, examples) with two more fields read here:

``cues``
    Words (matched against the line's case-folded tokens) or marks ("©", "/", "(") of which
    the line must hold at least one before the pattern runs. One token split per line and a
    set intersection keep the per-line cost flat however many rules there are.
``printed``
    When the credit names nobody the catalog knows, keep it as printed
    ("originally published on coolimba").

Rules run in file order (language files first, the language-neutral ``xx.toml`` shapes last)
and, within a line, a rule never claims a credit span an earlier rule already claimed: the
order is the priority ("© picture alliance/dpa" is a photo credit before it is a copyright).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import regex

from ..catalog import Rule, compile_rule
from ..errors import CatalogError

#: What a credit must name for its line to be a note.
REQUIRES = frozenset({"agency", "named", "photo", "agency_photo", "credit", "none"})
_WORD_CUE = regex.compile(r"^[\p{L}\p{N}]+$")


@dataclass(frozen=True, slots=True)
class CreditRule:
    """One provenance rule and the cues that gate it."""

    rule: Rule
    words: frozenset[str]
    marks: tuple[str, ...]
    printed: bool = False

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def kind(self) -> str:
        return self.rule.kind

    @property
    def require(self) -> str:
        return self.rule.require

    @property
    def anchored(self) -> bool:
        """Whether the pattern only matches at the start of a line (cheap on long lines).

        Read from the source's first character: catalog patterns put their anchor there and
        never open with a top-level alternation ("^a|b" would anchor only its first branch).
        """
        return self.rule.source.startswith("^")

    def cued(self, tokens: frozenset[str], folded: str) -> bool:
        """Whether the line (its tokens and case-folded text) holds one of the rule's cues."""
        return not self.words.isdisjoint(tokens) or any(m in folded for m in self.marks)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every provenance rule, in priority order, indexed by cue.

    Most lines hold no cue of most rules; looking the line's words up in ``by_word`` finds the
    few rules worth a look without asking each rule in turn.
    """

    rules: tuple[CreditRule, ...]
    # cue word -> positions of the rules it gates; (mark, positions) for the other cues.
    by_word: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    by_mark: tuple[tuple[str, tuple[int, ...]], ...] = field(init=False, repr=False, compare=False)
    cue_words: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words: dict[str, list[int]] = {}
        marks: dict[str, list[int]] = {}
        for position, rule in enumerate(self.rules):
            for word in rule.words:
                words.setdefault(word, []).append(position)
            for mark in rule.marks:
                marks.setdefault(mark, []).append(position)
        object.__setattr__(self, "by_word", {w: tuple(p) for w, p in words.items()})
        object.__setattr__(self, "cue_words", frozenset(words))
        object.__setattr__(self, "by_mark", tuple((m, tuple(p)) for m, p in marks.items()))

    def __iter__(self) -> Iterator[CreditRule]:
        return iter(self.rules)

    def cued(self, tokens: frozenset[str], folded: str) -> list[CreditRule]:
        """The rules whose cues the line (its tokens and case-folded text) holds, in order.

        >>> [r.id for r in load_rules().cued(frozenset({"contributed"}), "ap contributed")][:1]
        ['en.contributor.contributed']
        """
        positions: set[int] = set()
        for token in self.cue_words.intersection(tokens):
            positions.update(self.by_word[token])
        for mark, rules in self.by_mark:
            if mark in folded:
                positions.update(rules)
        return [self.rules[i] for i in sorted(positions)]


def credit_rule(entry: dict[str, object], lang: str) -> CreditRule:
    """Build one rule from its TOML table; a rule without cues or a known ``require`` is an error."""
    rule = compile_rule(entry, lang)
    cues = [str(c).casefold() for c in entry.get("cues", [])]  # type: ignore[attr-defined]
    if not cues:
        raise CatalogError(f"provenance rule {rule.id}: no cues")
    if rule.require not in REQUIRES:
        raise CatalogError(f"provenance rule {rule.id}: unknown require {rule.require!r}")
    return CreditRule(
        rule=rule,
        words=frozenset(c for c in cues if _WORD_CUE.match(c)),
        marks=tuple(c for c in cues if not _WORD_CUE.match(c)),
        printed=bool(entry.get("printed", False)),
    )


@cache
def load_rules() -> RuleSet:
    """Load ``cleanse/provenance/rules/*.toml``: language files by name, then ``xx.toml``.

    >>> rules = load_rules()
    >>> rules.rules[-1].rule.lang, all(r.words or r.marks for r in rules)
    ('xx', True)
    """
    folder = resources.files("cleanse.provenance").joinpath("rules")
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".toml")),
                   key=lambda p: (p.name == "xx.toml", p.name))
    rules: list[CreditRule] = []
    for item in files:
        try:
            data = tomllib.loads(item.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise CatalogError(f"provenance catalog {item.name}: {exc}") from exc
        lang = str(data.get("lang", "xx"))
        rules.extend(credit_rule(entry, lang) for entry in data.get("rule", []))
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise CatalogError("provenance catalog: duplicate rule id")
    return RuleSet(tuple(rules))
