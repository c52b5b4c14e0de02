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
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import accumulate
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

from .errors import CatalogError
from .textutil import REGEX_TIMEOUT_SECONDS, squash_space

FLAGS = regex.IGNORECASE | regex.UNICODE | regex.VERSION1
# Simple case folding: full folding (ß = ss) made every match about three times slower.
_SIMPLE_CASE = "(?-f)"


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
    # The same pattern with ^ and $ at every line: one scan finds the lines worth searching.
    by_line: regex.Pattern[str] | None = None

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
    """All rules of one kind of catalog (scaffold, provenance), across languages."""

    rules: tuple[Rule, ...]

    def first_match(self, text: str) -> Rule | None:
        """The first rule that covers ``text`` whole, or None."""
        text = squash_space(text)
        for rule in self.rules:
            if _timed(rule.pattern.fullmatch, text, 0):
                return rule
        return None

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def lines_to_search(self, lines: list[str]) -> dict[int, list[Rule]]:
        """For each line some rule may :meth:`Rule.search`, the rules to try, in catalog order.

        One timed scan per rule over the joined lines replaces a timed search per rule and
        line (a timeout costs more than most searches). Every line where a match *starts* is a
        candidate and the scan resumes at the next line, so no candidate is missed; the
        caller still confirms each with :meth:`Rule.search` on the line alone.

        >>> catalog = load_catalog("provenance")
        >>> sorted(catalog.lines_to_search(["It rained.", "WASHINGTON (AP) — It rained."]))
        [1]
        """
        joined = "\n".join(lines)
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        found: dict[int, list[Rule]] = {}
        for rule in self.rules:
            pattern, pos = rule.by_line or rule.pattern, 0
            while pos <= len(joined):
                match = _timed(pattern.search, joined, pos, PAGE_TIMEOUT_SECONDS)
                if match is None:
                    break
                index = bisect_right(starts, match.start()) - 1
                found.setdefault(index, []).append(rule)
                pos = starts[index + 1] if index + 1 < len(starts) else len(joined) + 1
        return found


#: A scan over a whole page's lines gets the time of several single-line searches.
PAGE_TIMEOUT_SECONDS = REGEX_TIMEOUT_SECONDS * 5


def _timed(method: Callable[..., regex.Match[str] | None], text: str, pos: int,
           timeout: float = REGEX_TIMEOUT_SECONDS) -> regex.Match[str] | None:
    try:
        return method(text, pos, timeout=timeout)
    except TimeoutError:
        return None


def compile_rule(entry: dict[str, object], lang: str) -> Rule:
    """Build a Rule from one TOML entry; a bad pattern is a CatalogError naming the rule."""
    rule_id = str(entry.get("id", "?"))
    try:
        pattern = regex.compile(_SIMPLE_CASE + str(entry["pattern"]), FLAGS)
        by_line = regex.compile(_SIMPLE_CASE + str(entry["pattern"]), FLAGS | regex.MULTILINE)
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
        by_line=by_line,
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
    return Catalog(tuple(rules))
