"""Agency names as data: canonical names and the aliases credits print them under.

``agencies.toml`` beside this module is the catalog; users add entries without touching code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

from ..errors import CatalogError


@dataclass(frozen=True, slots=True)
class AgencyCatalog:
    """Alias lookup: exact (case-folded) for ordinary aliases, case-sensitive for acronyms."""

    folded: dict[str, str]
    upper_only: dict[str, str]
    # Finds any alias as a whole token inside a longer credit ("… Associated Press").
    finder: regex.Pattern[str]

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

    def find_all(self, text: str) -> list[tuple[int, int, str]]:
        """Every agency alias in ``text`` as (start, end, canonical), left to right."""
        found = []
        try:
            for match in self.finder.finditer(text, overlapped=False, timeout=0.2):
                canonical = self.canonical(match.group())
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
    folded: dict[str, str] = {}
    upper_only: dict[str, str] = {}
    for entry in data.get("agency", []):
        name = entry["name"]
        strict = set(entry.get("upper_only", []))
        for alias in entry.get("aliases", []):
            if alias in strict:
                upper_only[alias] = name
            else:
                folded.setdefault(alias.casefold(), name)
    aliases = sorted({*folded, *(a.casefold() for a in upper_only)}, key=len, reverse=True)
    finder = regex.compile(
        r"(?<!\w)(?:" + "|".join(regex.escape(a) for a in aliases) + r")(?!\w)",
        regex.IGNORECASE,
    )
    return AgencyCatalog(folded=folded, upper_only=upper_only, finder=finder)
