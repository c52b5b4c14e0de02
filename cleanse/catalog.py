"""Pattern catalogs: rules kept as data (one TOML file per language and kind), compiled on use.

A catalog file looks like::

    lang = "en"

    [[rule]]
    id = "en.comments.leave_reply"
    kind = "comments"
    pattern = '''leave\\s+a\\s+reply'''
    cues = ["leave"]
    examples = ["Leave a Reply", "Leave a Reply Cancel reply"]
    counterexamples = ["He did not leave a reply to the letter."]

A scaffold pattern must match the *whole* block (it is anchored here), so a rule can never
cut a sentence out of a paragraph. Matching ignores case.

``cues`` are case-folded words of which every match holds at least one as a whole word
(letters between non-letters): a block whose words include none of them cannot match, so the
rule is not tried on it. A rule that can match without any fixed word (a line of links) has
``cues = []`` and is tried on every block, unless the block is longer than its ``max_chars``:
the longest text the pattern can match (white space counted once, as blocks are space-folded).
``benchmarks/derive_cues.py`` derives both from the patterns; tests/test_catalogs.py keeps them
honest.

On top of the cues, :mod:`cleanse.leads` reads three more bounds from each pattern: its
*leads* (the few folded strings a block must start with to match it whole), for branches
without a lead a character class the block must hold, and the longest block it can match. A
block is tried only on the rules all of these allow, so most blocks meet one to three patterns
instead of thirty; each bound is a necessary condition, so the first rule that covers a block is
the same as in a loop over every rule.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import regex

from .errors import CatalogError
from .bounds import pattern_bounds
from .leads import LEAD_CHARS, lead_key
from .textutil import REGEX_TIMEOUT_SECONDS, squash_space

FLAGS = regex.IGNORECASE | regex.UNICODE | regex.VERSION1
# Simple case folding only: VERSION1's full folding (ß = ss, ﬁ = fi) turns a bounded class such
# as [\w ]{0,40} into an exponential search on text full of "ss" and "fi".
_SIMPLE_FOLDING = "(?-f)"
#: Lead keys whose candidate rules a catalog remembers (a corpus run meets a few thousand), and
#: recent blocks (up to this length) whose first matching rule it remembers.
MAX_KEYS = 20_000
MAX_REMEMBERED_CHARS = 2000
#: Words as cues see them: runs of letters in the case-folded, space-folded block.
CUE_WORD = regex.compile(r"\p{L}+")


@dataclass(frozen=True, slots=True)
class Rule:
    """One catalog entry: its pattern as written, with the examples it must (not) match."""

    id: str
    kind: str
    lang: str
    source: str
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    # Provenance rules only: what the credit must name to count ("agency", "person", "any",
    # "none"), and whether the line moves out of the body into the note.
    require: str = "none"
    move: bool = False
    cues: frozenset[str] = frozenset()
    # Longest block an uncued rule can match (None: unbounded); longer blocks skip the rule.
    max_chars: int | None = None

    @property
    def pattern(self) -> regex.Pattern[str]:
        """The pattern, compiled on first use: a whole catalog takes a third of a second, and one
        page meets few of its rules (cue and lead gates turn the others away)."""
        return compiled(self.source, self.id)

    def matches(self, text: str) -> bool:
        """Whether the rule covers the whole (space-folded) text.

        >>> rule = compile_rule({"id": "x", "kind": "k", "pattern": "leave a reply"}, "en")
        >>> rule.matches("Leave a  Reply"), rule.matches("Please leave a reply soon")
        (True, False)
        """
        try:
            return self.pattern.fullmatch(squash_space(text), timeout=REGEX_TIMEOUT_SECONDS) is not None
        except TimeoutError:
            return False

    def search(self, text: str) -> regex.Match[str] | None:
        """The first place the rule matches inside ``text`` (provenance rules search lines)."""
        try:
            return self.pattern.search(squash_space(text), timeout=REGEX_TIMEOUT_SECONDS)
        except TimeoutError:
            return None


@dataclass(frozen=True, slots=True)
class Shortlist:
    """The rules a block with one lead key may match, in catalog order."""

    rules: tuple[int, ...]
    uncued: tuple[int, ...]
    # those that only a lead-less branch can match, with the class of which a block must hold
    # a character for them (the rule's ``needs``; rules without one are left out)
    unled_needs: dict[int, regex.Pattern[str]]
    # the cued ones (a block tries those its cue words gate), and the longest block one of them
    # can match
    cued: frozenset[int]
    cued_width: float


@dataclass(frozen=True, slots=True)
class Catalog:
    """All rules of one kind of catalog (scaffold, provenance), across languages.

    A block only tries the rules whose cues it holds (and the uncued ones) and whose leads it
    starts with, in catalog order, so the first rule that covers it is the same as in a loop
    over every rule.
    """

    rules: tuple[Rule, ...]
    # cue word -> positions of the rules it gates; positions of the rules tried on every block
    # (up to their length bound).
    by_cue: dict[str, tuple[int, ...]]
    uncued: frozenset[int]
    # lead key -> positions of the rules a block starting with it may match ("" for all blocks).
    by_lead: dict[str, tuple[int, ...]]
    # per position: for a rule with branches without leads, a class of which a block must hold
    # a character to match one of them (None: no such class, try the rule on every block).
    needs: tuple[regex.Pattern[str] | None, ...] = ()
    # per position: the longest space-folded block the rule can match (max_chars, or what the
    # pattern allows; infinite when unbounded).
    widths: tuple[float, ...] = ()
    # a block's first LEAD_CHARS characters -> the rules it may match; recent
    # blocks -> the rule that covers them (a site's menus recur on every page of a crawl).
    by_key: dict[str, Shortlist] = field(default_factory=dict, compare=False, repr=False)
    by_led: dict[frozenset[int], Shortlist] = field(default_factory=dict, compare=False, repr=False)
    recent: dict[str, Rule | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> Catalog:
        """A catalog of ``rules`` with its cue index."""
        by_cue: dict[str, list[int]] = {}
        for position, rule in enumerate(rules):
            for cue in rule.cues:
                by_cue.setdefault(cue, []).append(position)
        uncued = frozenset(i for i, rule in enumerate(rules) if not rule.cues)
        by_lead: dict[str, list[int]] = {}
        needs, widths = [], []
        for position, rule in enumerate(rules):  # rule by rule: the three read one parse
            lead_set, rule_needs, width = pattern_bounds(rule.source, compiled, rule.id)
            for lead in lead_set:
                by_lead.setdefault(lead, []).append(position)
            needs.append(rule_needs)
            widths.append(min(rule.max_chars if rule.max_chars is not None and not rule.cues
                              else math.inf, width or math.inf))
        return cls(rules, {cue: tuple(p) for cue, p in by_cue.items()}, uncued,
                   {lead: tuple(p) for lead, p in by_lead.items()}, tuple(needs), tuple(widths))

    def _shortlist(self, head: str) -> Shortlist:
        """The rules a block whose first LEAD_CHARS characters are ``head`` may match."""
        found = self.by_key.get(head)  # keyed by the characters as printed: no key to build
        if found is None:
            key = lead_key(head)
            led = frozenset(
                p for end in range(1, LEAD_CHARS + 1) for p in self.by_lead.get(key[:end], ()))
            if len(self.by_key) > MAX_KEYS:
                self.by_key.clear()
            found = self.by_key[head] = self.by_led.get(led) or self._shortlist_of(led)
        return found

    def _shortlist_of(self, led: frozenset[int]) -> Shortlist:
        found = self.by_led.get(led)
        if found is None:
            unled = frozenset(self.by_lead.get("", ())) - led
            positions = tuple(sorted(led | unled))
            cued = frozenset(p for p in positions if p not in self.uncued)
            unled_needs = {p: needs for p in unled if (needs := self.needs[p]) is not None}
            found = Shortlist(positions, tuple(p for p in positions if p in self.uncued), unled_needs,
                              cued, max((self.widths[p] for p in cued), default=0))
            self.by_led[led] = found
        return found

    def first_match(self, text: str) -> Rule | None:
        """The first rule that covers ``text`` whole, or None.

        >>> load_catalog("scaffold").first_match("Leave a  Reply").id
        'en.comments.leave_reply'
        """
        text = squash_space(text)
        if len(text) > MAX_REMEMBERED_CHARS:
            return self._first_match(text)
        if text in self.recent:
            return self.recent[text]
        if len(self.recent) > MAX_KEYS:
            self.recent.clear()
        rule = self.recent[text] = self._first_match(text)
        return rule

    def _first_match(self, text: str) -> Rule | None:
        size = len(text)
        shortlist = self._shortlist(text[:LEAD_CHARS])
        words = self.by_cue.keys() & CUE_WORD.findall(text.casefold()) \
            if shortlist.cued and size <= shortlist.cued_width else ()
        # Without a cue word no cued rule can match: the uncued ones are left, and with cue
        # words the shortlist's rules they gate join them (in catalog order).
        positions = shortlist.uncued
        gated = {p for word in words for p in self.by_cue[word] if p in shortlist.cued}
        if gated:
            positions = tuple(sorted(gated.union(positions)))
        widths, unled_needs = self.widths, shortlist.unled_needs
        held: dict[regex.Pattern[str], bool] = {}  # rules share a few classes: search each once
        for position in positions:
            if size > widths[position]:
                continue
            needs = unled_needs.get(position)
            if needs is not None:
                holds = held.get(needs)
                if holds is None:
                    holds = held[needs] = needs.search(text) is not None
                if not holds:
                    continue
            rule = self.rules[position]
            try:
                if rule.pattern.fullmatch(text, timeout=REGEX_TIMEOUT_SECONDS) is not None:
                    return rule
            except TimeoutError:
                continue
        return None

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)


@cache
def compiled(source: str, rule_id: str = "?") -> regex.Pattern[str]:
    """A catalog pattern compiled (case-insensitive, simple folding); bad: CatalogError."""
    try:
        return regex.compile(_SIMPLE_FOLDING + source, FLAGS)
    except regex.error as exc:
        raise CatalogError(f"catalog rule {rule_id}: bad pattern ({exc})") from exc


def compile_rule(entry: dict[str, object], lang: str) -> Rule:
    """Build a Rule from one TOML entry (its pattern compiles on first use, see Rule.pattern);
    a missing pattern is a CatalogError naming the rule."""
    rule_id = str(entry.get("id", "?"))
    if not isinstance(entry.get("pattern"), str):
        raise CatalogError(f"catalog rule {rule_id}: missing pattern")
    return Rule(
        id=rule_id,
        kind=str(entry.get("kind", "")),
        lang=str(entry.get("lang", lang)),
        source=str(entry["pattern"]),
        examples=tuple(str(e) for e in entry.get("examples", ())),  # type: ignore[attr-defined]
        counterexamples=tuple(str(e) for e in entry.get("counterexamples", ())),  # type: ignore[attr-defined]
        require=str(entry.get("require", "none")),
        move=bool(entry.get("move", False)),
        cues=frozenset(str(c).casefold() for c in entry.get("cues", ())),  # type: ignore[attr-defined]
        max_chars=int(entry["max_chars"]) if "max_chars" in entry else None,  # type: ignore[call-overload]
    )


def parse_catalog(text: str, source: str) -> tuple[Rule, ...]:
    """Parse one TOML catalog file's text; ``source`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"catalog {source}: {exc}") from exc
    lang = str(data.get("lang", "xx"))
    return tuple(compile_rule(entry, lang) for entry in data.get("rule", []))


@cache
def load_catalog(package: str) -> Catalog:
    """Load every ``*.toml`` in ``cleanse.<package>.rules``, sorted by file name.

    >>> any(rule.id.startswith("en.") for rule in load_catalog("scaffold"))
    True
    """
    folder = resources.files(f"cleanse.{package}").joinpath("rules")
    rules: list[Rule] = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            rules.extend(parse_catalog(item.read_text(encoding="utf-8"), item.name))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise CatalogError(f"catalog {package}: duplicate rule id {rule.id}")
        seen.add(rule.id)
    return Catalog.of(tuple(rules))
