"""Pattern catalogs: rules kept as data (one TOML file per language and kind), compiled once.

A catalog file looks like::

    lang = "en"

    [[rule]]
    id = "en.comments.leave_reply"
    kind = "comments"
    pattern = '''leave\\s+a\\s+reply'''
    examples = ["Leave a Reply", "Leave a Reply Cancel reply"]
    counterexamples = ["He did not leave a reply to the letter."]

A scaffold pattern must match the *whole* block (it is anchored here), so a rule can never
cut a sentence out of a paragraph. Matching ignores case.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

from .errors import CatalogError
from .textutil import REGEX_TIMEOUT_SECONDS, squash_space

FLAGS = regex.IGNORECASE | regex.UNICODE | regex.VERSION1
# Simple case folding only: VERSION1's full folding (ß = ss, ﬁ = fi) turns a bounded class such
# as [\w ]{0,40} into an exponential search on text full of "ss" and "fi".
_SIMPLE_FOLDING = "(?-f)"


@dataclass(frozen=True, slots=True)
class Rule:
    """One catalog entry, its pattern compiled, with the examples it must (not) match."""

    id: str
    kind: str
    lang: str
    pattern: regex.Pattern[str]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    # Provenance rules only: what the credit must name to count ("agency", "person", "any",
    # "none"), and whether the line moves out of the body into the note.
    require: str = "none"
    move: bool = False

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
class Catalog:
    """All rules of one kind of catalog (scaffold, provenance), across languages.

    The rules also run as one alternation, so a block costs one pass in the regex engine
    rather than one Python call per rule; the first alternative that covers the block wins,
    as in a loop over the rules.
    """

    rules: tuple[Rule, ...]
    combined: regex.Pattern[str] | None = None

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> Catalog:
        """A catalog of ``rules`` with their combined pattern."""
        sources = (_bare_source(rule.pattern.pattern) for rule in rules)
        combined = "|".join(f"(?P<r{i}>{source})" for i, source in enumerate(sources))
        return cls(rules, regex.compile(_SIMPLE_FOLDING + combined, FLAGS) if rules else None)

    def first_match(self, text: str) -> Rule | None:
        """The first rule that covers ``text`` whole, or None."""
        if self.combined is None:
            return None
        try:
            match = self.combined.fullmatch(squash_space(text), timeout=REGEX_TIMEOUT_SECONDS)
        except TimeoutError:
            return None
        if match is None:
            return None
        return next(rule for i, rule in enumerate(self.rules) if match.start(f"r{i}") >= 0)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)


def _bare_source(source: str) -> str:
    while source.startswith(_SIMPLE_FOLDING):
        source = source[len(_SIMPLE_FOLDING):]
    return source


def compile_rule(entry: dict[str, object], lang: str) -> Rule:
    """Build a Rule from one TOML entry; a bad pattern is a CatalogError naming the rule."""
    rule_id = str(entry.get("id", "?"))
    try:
        pattern = regex.compile(_SIMPLE_FOLDING + str(entry["pattern"]), FLAGS)
    except (KeyError, regex.error) as exc:
        raise CatalogError(f"catalog rule {rule_id}: bad or missing pattern ({exc})") from exc
    return Rule(
        id=rule_id,
        kind=str(entry.get("kind", "")),
        lang=str(entry.get("lang", lang)),
        pattern=pattern,
        examples=tuple(str(e) for e in entry.get("examples", ())),  # type: ignore[attr-defined]
        counterexamples=tuple(str(e) for e in entry.get("counterexamples", ())),  # type: ignore[attr-defined]
        require=str(entry.get("require", "none")),
        move=bool(entry.get("move", False)),
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
