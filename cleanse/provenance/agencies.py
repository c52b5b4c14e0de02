"""Agency names as data: canonical names and the aliases credits print them under.

``agencies.toml`` beside this module is the catalog; users add entries without touching code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

from ..errors import CatalogError
from ..textutil import REGEX_TIMEOUT_SECONDS

#: Words as the cheap prefilter sees them: runs of letters and digits, case-folded.
TOKEN = regex.compile(r"[\p{L}\p{N}]+")


@dataclass(frozen=True, slots=True)
class AgencyCatalog:
    """Alias lookup: exact (case-folded) for ordinary aliases, case-sensitive for acronyms."""

    folded: dict[str, str]
    upper_only: dict[str, str]
    # Finds any alias as a whole token inside a longer credit ("… Associated Press"); the
    # alternation lists longer aliases first, so "dpa-AFX" wins over "dpa" at one position.
    finder: regex.Pattern[str]
    # canonical name -> kind (news, photo, press_release, broadcaster, syndicate, publisher).
    kinds: dict[str, str]
    # One token of every alias (its longest), case-folded: a line without one names no agency.
    key_tokens: frozenset[str]

    def canonical(self, name: str) -> str | None:
        """The canonical agency a printed name stands for, or None.

        >>> cat = load_agencies()
        >>> cat.canonical("The Associated Press"), cat.canonical("AP"), cat.canonical("ap")
        ('Associated Press', 'Associated Press', None)
        """
        name = name.strip(" .,:;()[]")
        if name in self.upper_only:
            return self.upper_only[name]
        return self.folded.get(name.casefold())

    def kind(self, canonical: str) -> str:
        """The kind of a canonical agency ("photo", "news", ...), "" for other organisations."""
        return self.kinds.get(canonical, "")

    def may_name(self, tokens: Iterable[str]) -> bool:
        """Whether case-folded ``tokens`` of a line could hold an alias (a cheap prefilter).

        >>> cat = load_agencies()
        >>> cat.may_name({"london", "reuters"}), cat.may_name({"the", "weather"})
        (True, False)
        """
        return not self.key_tokens.isdisjoint(tokens)

    def find_all(self, text: str) -> list[tuple[int, int, str]]:
        """Every agency alias in ``text`` as (start, end, canonical), left to right.

        >>> load_agencies().find_all("picture alliance/dpa-AFX")
        [(0, 16, 'picture alliance'), (17, 24, 'dpa-AFX')]
        """
        found = []
        try:
            for match in self.finder.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                canonical = self.canonical(match.group("alias"))
                if canonical:
                    found.append((match.start(), match.end(), canonical))
        except TimeoutError:
            return found
        return found


@cache
def load_agencies() -> AgencyCatalog:
    """Load the built-in agency catalog."""
    source = resources.files("cleanse.provenance").joinpath("agencies.toml")
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"agencies.toml: {exc}") from exc
    return build_agencies(data.get("agency", []))


def build_agencies(entries: list[dict[str, object]]) -> AgencyCatalog:
    """Compile ``[[agency]]`` tables into a catalog (a user catalog goes through here too)."""
    folded: dict[str, str] = {}
    upper_only: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for entry in entries:
        name = str(entry["name"])
        kinds[name] = str(entry.get("kind", ""))
        strict = set(entry.get("upper_only", []))  # type: ignore[call-overload]
        for alias in entry.get("aliases", []):  # type: ignore[attr-defined]
            if alias in strict:
                upper_only[alias] = name
            else:
                folded.setdefault(alias.casefold(), name)
    aliases = sorted({*folded, *(a.casefold() for a in upper_only)}, key=len, reverse=True)
    finder = regex.compile(
        # A house suffix ("dpa-Zentralbild", "AFP-Foto") belongs to the alias it follows.
        r"(?<![\p{L}\p{N}$])(?P<alias>" + "|".join(regex.escape(a) for a in aliases)
        + r")(?:-\p{L}+)?(?![\p{L}\p{N}])",
        regex.IGNORECASE,
    )
    keys = frozenset(max(tokens, key=len) for a in aliases if (tokens := TOKEN.findall(a)))
    return AgencyCatalog(folded=folded, upper_only=upper_only, finder=finder, kinds=kinds,
                         key_tokens=keys)
