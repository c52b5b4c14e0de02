"""Propose each scaffold rule's ``cues``: words one of which every whole-block match must hold.

    PYTHONPATH=. python benchmarks/derive_cues.py [--write]

A developer tool, not part of cleanse: it reads the regex subset the catalogs use (groups,
alternation, quantifiers, classes, ``\\s \\d \\w \\p{..} \\b``, look-arounds) and finds, for every
match, a literal word that stands as a whole token (letters between non-letters or the
block's ends). A rule where some path has no such word gets ``cues = []``
(always run). ``--write`` puts the lists into ``cleanse/scaffold/rules/*.toml`` after each
rule's ``kind`` line; tests/test_catalogs.py then checks examples and gated matching.
"""

from __future__ import annotations

import itertools
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import regex

RULES = Path(__file__).resolve().parents[1] / "cleanse" / "scaffold" / "rules"
MAX_STRINGS = 4000
_TOKEN = regex.compile(r"\p{L}+")
WORD, NONWORD, MIXED = "w", "n", "m"


@dataclass
class Node:
    kind: str  # lit, cls, seq, alt, rep, zero
    char: str = ""
    cls: str = MIXED  # for cls: what its characters are
    items: list[Node] = field(default_factory=list)
    lo: int = 1
    hi: int = 1
    lang: frozenset[str] | None = None  # for small explicit classes


class Parser:
    def __init__(self, source: str) -> None:
        self.s, self.i = source, 0

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def parse_alt(self) -> Node:
        branches = [self.parse_seq()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.parse_seq())
        return branches[0] if len(branches) == 1 else Node("alt", items=branches)

    def parse_seq(self) -> Node:
        items: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.parse_quant(self.parse_atom()))
        return Node("seq", items=items)

    def parse_quant(self, atom: Node) -> Node:
        c = self.peek()
        if c and c in "?*+":
            self.i += 1
            lo, hi = {"?": (0, 1), "*": (0, 99), "+": (1, 99)}[c]
        elif c == "{" and (m := regex.match(r"\{(\d*)(?:,(\d*))?\}", self.s[self.i:])):
            self.i += m.end()
            lo = int(m.group(1) or 0)
            hi = lo if m.group(2) is None and "," not in m.group(0) else int(m.group(2) or 99)
        else:
            return atom
        if self.peek() and self.peek() in "?+":
            self.i += 1  # lazy or possessive: same language
        return Node("rep", items=[atom], lo=lo, hi=hi)

    def parse_atom(self) -> Node:
        c = self.peek()
        self.i += 1
        if c == "(":
            if self.s.startswith("?-f)", self.i):
                self.i += 4
                return Node("zero")
            look = regex.match(r"\?(?:<?[=!])", self.s[self.i:])
            if look:
                self.i += look.end()
                self.parse_alt()
                self.i += 1
                return Node("zero")
            if flags := regex.match(r"\?[a-zA-Z-]*:", self.s[self.i:]):
                self.i += flags.end()
            elif self.s.startswith("?P<", self.i):
                self.i = self.s.index(">", self.i) + 1
            elif self.peek() == "?":
                raise ValueError(f"unsupported group at {self.i}: {self.s[self.i:self.i + 10]}")
            node = self.parse_alt()
            assert self.peek() == ")", self.s[self.i:]
            self.i += 1
            return node
        if c == "[":
            return self.parse_class()
        if c == ".":
            return Node("cls", cls=MIXED)
        if c in "^$":
            return Node("zero")
        if c == "\\":
            return self.parse_escape()
        return Node("lit", char=c)

    def parse_escape(self) -> Node:
        c = self.peek()
        self.i += 1
        if c == "b":  # a word boundary: beside a letter, the other side is no letter
            return Node("zero", char="b")
        if c == "B":
            return Node("zero")
        if c == "s":
            return Node("cls", char="s", cls=NONWORD)
        if c in "dw":
            return Node("cls", cls=NONWORD if c == "d" else MIXED)
        if c == "p":
            name = self.s[self.i:self.s.index("}", self.i) + 1]
            self.i += len(name)
            return Node("cls", cls={"{L}": WORD, "{Lu}": WORD, "{Ll}": WORD, "{N}": NONWORD}.get(name, MIXED))
        if c.isalnum() and c != "n":
            return Node("cls", cls=MIXED)
        return Node("lit", char="\n" if c == "n" else c)

    def parse_class(self) -> Node:
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        kinds, chars = set(), set()
        first = True
        while first or self.peek() != "]":
            first = False
            c = self.peek()
            self.i += 1
            if c == "\\":
                e = self.peek()
                self.i += 1
                if e == "s":
                    kinds.add(NONWORD)
                elif e == "d":
                    kinds.add(NONWORD)
                elif e in "w" or e == "p":
                    if e == "p":
                        self.i = self.s.index("}", self.i) + 1
                    kinds.add(MIXED)
                    chars.add(None)
                else:
                    chars.add("\n" if e == "n" else e)
            elif self.peek() == "-" and self.s[self.i + 1] != "]":
                self.i += 2
                kinds.add(MIXED)
                chars.add(None)
            else:
                chars.add(c)
        self.i += 1
        if negated:
            return Node("cls", cls=MIXED)
        for ch in chars - {None}:
            kinds.add(WORD if ch.isalpha() else NONWORD)
        kind = kinds.pop() if len(kinds) == 1 else MIXED
        lang = None if None in chars or len(chars) > 8 else frozenset(chars)  # type: ignore[arg-type]
        return Node("cls", cls=kind, lang=lang)


def nullable(n: Node) -> bool:
    if n.kind == "zero":
        return True
    if n.kind in ("lit", "cls"):
        return False
    if n.kind == "seq":
        return all(nullable(x) for x in n.items)
    if n.kind == "alt":
        return any(nullable(x) for x in n.items)
    return n.lo == 0 or nullable(n.items[0])


def edge_nonword(n: Node, start: bool) -> bool:
    """Whether every non-empty match of ``n`` starts (ends) with a non-word character."""
    if n.kind == "zero":
        return True
    if n.kind == "lit":
        return not n.char.isalpha()
    if n.kind == "cls":
        return n.cls == NONWORD
    if n.kind == "alt":
        return all(edge_nonword(x, start) for x in n.items)
    if n.kind == "rep":
        return edge_nonword(n.items[0], start)
    items = n.items if start else n.items[::-1]
    for x in items:
        if not edge_nonword(x, start):
            return False
        if not nullable(x):
            return True
    return True


def language(n: Node) -> frozenset[str] | None:
    """The node's finite set of strings (case-folded), or None when large or unbounded."""
    if n.kind == "zero":
        return frozenset({""})
    if n.kind == "lit":
        return frozenset({n.char.casefold()})
    if n.kind == "cls":
        return frozenset(c.casefold() for c in n.lang) if n.lang else None
    if n.kind == "alt":
        langs = [language(x) for x in n.items]
        return None if any(x is None for x in langs) else frozenset().union(*langs)  # type: ignore[arg-type]
    if n.kind == "rep":
        inner = language(n.items[0])
        if inner is None or n.hi > 3:
            return None
        out: set[str] = set()
        for k in range(n.lo, n.hi + 1):
            out.update("".join(p) for p in itertools.product(inner, repeat=k))
            if len(out) > MAX_STRINGS:
                return None
        return frozenset(out)
    out = {""}
    for x in n.items:
        lang = language(x)
        if lang is None or len(out) * len(lang) > MAX_STRINGS:
            return None
        out = {a + b for a in out for b in lang}
    return frozenset(out)


def cues(n: Node, left: bool, right: bool) -> frozenset[str] | None:
    """Words one of which every match of ``n`` holds as a whole token, given whether the
    character before (``left``) and after (``right``) the match is surely not a word character."""
    lang = language(n)
    if lang is not None:
        return _lang_cues(lang, left, right)
    if n.kind == "alt":
        found = [cues(x, left, right) for x in n.items]
        return None if any(f is None for f in found) else frozenset().union(*found)  # type: ignore[arg-type]
    if n.kind == "rep":
        if n.lo == 0:
            return None
        child = n.items[0]
        return cues(child, left and (n.hi == 1 or edge_nonword(child, False)),
                    right and (n.hi == 1 or edge_nonword(child, True)))
    if n.kind != "seq":
        return None
    return _seq_cues(n.items, left, right)


def _seq_cues(items: list[Node], left: bool, right: bool) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    # Runs of finite-language items are read as whole strings; other items on their own.
    index = 0
    while index < len(items):
        end = index
        while end < len(items) and language(Node("seq", items=items[index:end + 1])) is not None:
            end += 1
        group = items[index:max(end, index + 1)]
        last = index + len(group) - 1
        found = cues(Node("seq", items=group) if end > index else group[0],
                     _bounded(items, index, left, True), _bounded(items, last, right, False))
        if found is not None and (best is None or _score(found) > _score(best)):
            best = found
        index += len(group)
    return best


def _bounded(items: list[Node], index: int, outer: bool, before: bool) -> bool:
    """Whether the character just before (after) items[index] is surely a non-word one."""
    step = -1 if before else 1
    j = index + step
    while 0 <= j < len(items):
        x = items[j]
        if x.kind == "zero":
            if x.char == "b":
                return True
            j += step
            continue
        if not edge_nonword(x, not before):
            return False
        if not nullable(x):
            return True
        j += step
    return outer


def _lang_cues(lang: frozenset[str], left: bool, right: bool) -> frozenset[str] | None:
    words = set()
    for string in lang:
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(string)]
        whole = [t for s, e, t in tokens if (s > 0 or left) and (e < len(string) or right)]
        if not whole:
            return None
        words.add(max(whole, key=len))
    return frozenset(words)


def _score(words: frozenset[str]) -> float:
    return min(len(w) for w in words) - 0.01 * len(words)


INFINITE = 10**9


def max_len(n: Node) -> int:
    """The longest match of ``n`` on a space-folded block (INFINITE when unbounded).

    A run of white space in such a block is one character long, so ``\\s*`` and ``\\s+``
    count as one; other ``*`` and ``+`` (parsed as at most 99) are unbounded.
    """
    if n.kind == "zero":
        return 0
    if n.kind in ("lit", "cls"):
        return 1
    if n.kind == "seq":
        return min(INFINITE, sum(max_len(x) for x in n.items))
    if n.kind == "alt":
        return max(max_len(x) for x in n.items)
    child = n.items[0]
    if n.hi >= 99:
        space = child.kind == "cls" and child.char == "s"
        return 1 if space else INFINITE
    return min(INFINITE, n.hi * max_len(child))


def derive_max_chars(pattern: str) -> int | None:
    """The longest block the pattern can match, or None when unbounded."""
    length = max_len(Parser(pattern).parse_alt())
    return None if length >= INFINITE else length


def derive(pattern: str) -> list[str]:
    parser = Parser(pattern)
    tree = parser.parse_alt()
    assert parser.i == len(pattern), f"stopped at {parser.i}: {pattern[parser.i:parser.i + 20]}"
    found = cues(tree, True, True)
    return sorted(found) if found is not None else []


def main() -> int:
    write = "--write" in sys.argv
    for path in sorted(RULES.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        rules = tomllib.loads(text)["rule"]
        table = {r["id"]: derive(r["pattern"]) for r in rules}
        bounds = {r["id"]: derive_max_chars(r["pattern"]) for r in rules}
        out, current = [], None
        for line in text.splitlines(keepends=True):
            if line.startswith(("cues = ", "max_chars = ")):
                continue
            out.append(line)
            if line.startswith("id = "):
                current = line.split('"')[1]
            if line.startswith("kind = ") and current is not None:
                words = ", ".join(f'"{w}"' for w in table[current])
                out.append(f"cues = [{words}]\n")
                # An uncued rule runs on every block: a length bound skips it on longer ones.
                if not table[current] and bounds[current] is not None:
                    out.append(f"max_chars = {bounds[current]}\n")
        for rule_id, words in table.items():
            print(f"{rule_id:32} {len(words):3} {bounds[rule_id]!s:>6} {' '.join(words)[:150]}")
        if write:
            path.write_text("".join(out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
