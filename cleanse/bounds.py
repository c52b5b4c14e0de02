"""The built-in catalogs' pattern bounds (leads, needs, width), read once and kept as data.

Reading the bounds of a pattern (:mod:`cleanse.leads`) takes the ``regex`` module's own
parser, a few milliseconds a pattern: about half a second for the scaffold catalog, on every
start. ``bounds.json`` beside this module keeps what those reads gave for the built-in rules,
keyed by pattern and flags. It holds only while both readers are the ones that wrote it: it
names the ``regex`` release and a digest of ``leads.py``, and with either changed it is not
used. A pattern it does not hold (a new rule, a user's catalog) is read at load time as before.

Rewrite it after changing a rule: ``python -m cleanse.bounds`` (tests/test_leads.py checks it
against fresh reads of every rule).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import regex

from . import leads

BOUNDS_FILE = Path(__file__).with_name("bounds.json")
#: The catalogs whose bounds the file keeps (``load_catalog`` packages).
PACKAGES = ("scaffold",)

Bounds = tuple[frozenset[str], regex.Pattern[str] | None, int | None]


def read_bounds(pattern: regex.Pattern[str]) -> Bounds:
    """The pattern's leads, needs and width, read from the pattern itself."""
    return leads.pattern_leads(pattern), leads.pattern_needs(pattern), leads.pattern_width(pattern)


def pattern_bounds(source: str, compile: Callable[[str, str], regex.Pattern[str]],
                   rule_id: str = "?") -> Bounds:
    """The bounds of catalog pattern ``source``: as kept in the file when it holds them, else
    read now from the pattern ``compile(source, rule_id)`` gives (so a kept one is not compiled
    until a block needs it)."""
    kept = _kept().get(_key(source)) if leads.READABLE else None
    if kept is None:
        return read_bounds(compile(source, rule_id))
    lead_set, needs, width = kept
    return lead_set, None if needs is None else _class(needs), width


def reader_stamp() -> str | None:
    """What the kept bounds are valid for: the regex release and the readers' source."""
    try:
        source = Path(leads.__file__).read_bytes()
    except OSError:
        return None
    return f"regex {regex.__version__}; leads.py {hashlib.sha256(source).hexdigest()[:16]}"


def _key(source: str) -> str:
    # Catalog patterns all compile with the same flags (catalog.FLAGS), so the source is the key.
    return source


@cache
def _class(source: str) -> regex.Pattern[str]:
    return regex.compile(source)  # as leads.pattern_needs compiles it


@cache
def _kept() -> dict[str, tuple[frozenset[str], str | None, int | None]]:
    stamp = reader_stamp()
    try:
        data = json.loads(BOUNDS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if stamp is None or data.get("stamp") != stamp:
        return {}
    return {key: (frozenset(entry["leads"]), entry["needs"], entry["width"])
            for key, entry in data["patterns"].items()}


def write_bounds() -> int:
    """Read the built-in catalogs' bounds afresh and write them to ``BOUNDS_FILE``."""
    from .catalog import load_catalog  # the catalog imports this module

    patterns = {}
    for package in PACKAGES:
        for rule in load_catalog(package):
            lead_set, needs, width = read_bounds(rule.pattern)
            patterns[_key(rule.source)] = {"leads": sorted(lead_set), "width": width,
                                            "needs": None if needs is None else needs.pattern}
    BOUNDS_FILE.write_text(json.dumps({"stamp": reader_stamp(), "patterns": patterns},
                                      ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                           encoding="utf-8")
    return len(patterns)


if __name__ == "__main__":
    print(f"{BOUNDS_FILE}: bounds of {write_bounds()} patterns")
