"""What a pattern's whole-block matches must look like, read from the pattern, for cheap pre-checks.

*Leads*: most catalog patterns open with a literal word ("home|menu|leave\\s+a\\s+reply"), so a
block whose key starts with none of a rule's leads cannot match it. *Needs*: a branch without a
lead may still require a character (a digit, a quote mark). *Width*: the longest space-folded
block a pattern can match. All three are read from the ``regex`` module's own parse and
over-approximate: a construct not known here (a wide class, a back-reference, a conditional)
ends a lead (``""``: every block is a candidate) or makes a width unbounded. Keys fold case as
the engine does (the smallest case fold in a character's case class, so a Turkish dotless i
keys as "i"), so a keyed prefix check never rules out a match (tests/test_leads.py asks the
engine about every character of every pattern).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

_CASE_FLAGS = regex.IGNORECASE | regex.UNICODE | regex.VERSION1
try:  # the regex module's own parser and case tables; without them no rule is ever skipped
    from regex import _regex, _regex_core as core
    READABLE = ord("I") in _regex.get_all_cases(_CASE_FLAGS, ord("i"))
except (ImportError, AttributeError, TypeError):  # pragma: no cover - another regex release
    READABLE = False

#: Characters of a lead: enough to tell "home" from "help", short enough to keep sets small.
LEAD_CHARS = 4
#: Above this many strings a set stops growing (its shorter prefix is kept instead).
MAX_LEADS = 512
#: Classes of at most this many characters are spelled out; wider ones end the lead.
MAX_CLASS = 24
# Digits and white space stand for their class in a key: "\\d" and "\\s" become one character.
_DIGIT = regex.compile(r"\d")
_SPACE = regex.compile(r"\s")

Lead = tuple[str, bool]  # (key, exact): the match's key is the string, else starts with it
_UNKNOWN: frozenset[Lead] = frozenset({("", False)})
_EMPTY: frozenset[Lead] = frozenset({("", True)})
_UNBOUNDED = float("inf")


def lead_key(text: str) -> str:
    """The form leads are compared in: case-folded, digits as "0", white space as " ".

    >>> lead_key("Ｈome 2\u00a0xI")
    'ｈome 0 xi'
    """
    return "".join(map(_char_key, text))


@lru_cache(maxsize=8192)
def _char_key(char: str) -> str:
    if _SPACE.match(char):
        return " "
    if _DIGIT.match(char):
        return "0"
    if char.isascii() and not char.isalpha():
        return char
    return min(c.casefold() for c in _case_class(char))


def _case_class(char: str) -> set[str]:
    """The engine's case class (its case pairs are not always symmetric: I-ı, I-i, i-İ)."""
    seen, todo = {char}, [char]
    while todo and READABLE:
        for code in _regex.get_all_cases(_CASE_FLAGS, ord(todo.pop())):
            if chr(code) not in seen:
                seen.add(chr(code))
                todo.append(chr(code))
    return seen


def pattern_needs(pattern: regex.Pattern[str]) -> regex.Pattern[str] | None:
    """For a pattern some of whose top-level branches have no lead: a character class one of
    whose characters every match of those branches holds (None: no such class is known).

    >>> pattern_needs(regex.compile(r"home|.{3,40}\\d{4} ago", regex.I)).pattern
    '[\\\\d]'
    """
    if not READABLE:
        return None
    try:
        root = _parse(pattern.pattern, pattern.flags)
        while isinstance(root, (core.Group, core.Atomic)) or (
                isinstance(root, core.Sequence) and len(root.items) == 1):
            root = root.subpattern if not isinstance(root, core.Sequence) else root.items[0]
        branches = root.branches if _is_branch(root) else [root]
        unled = [branch for branch in branches if "" in {text for text, _ in _node_leads(branch)}]
        parts = [_node_needs(branch, rare=len(unled) == 1) for branch in unled]
        if any(part is None for part in parts):
            return None
        needs: set[str] = set().union(*parts)  # type: ignore[arg-type]
    except Exception:  # an unreadable parse only loses the shortcut
        return None
    if not needs:
        return None
    spelled = {"0": r"\d", " ": r"\s"}
    return regex.compile("[" + "".join(spelled.get(c, regex.escape(c)) for c in sorted(needs)) + "]")


def _is_branch(node: Any) -> bool:  # a named list (\\L<name>) is no plain branch
    return isinstance(node, core.Branch) and not isinstance(node, core.StringSet)


def _node_needs(node: Any, rare: bool = False) -> set[str] | None:
    """Caseless characters ("0": a digit, " ": space) one of which every match holds, or None.
    ``rare`` (not inside a branch): of a sequence's, rather one without sentence punctuation."""
    if isinstance(node, (core.Group, core.Atomic)):
        return _node_needs(node.subpattern, rare)
    if isinstance(node, (core.Character, core.Property, core.SetUnion)):
        strings = _node_leads(node)
        chars = {text for text, exact in strings if exact and len(text) == 1}
        if len(chars) != len(strings) or not all(
                c in "0 " or (_case_class(c) == {c} and not c.isalpha()) for c in chars):
            return None
        return chars
    if _is_branch(node):
        parts = [_node_needs(branch) for branch in node.branches]
        return None if any(p is None for p in parts) else set().union(*parts)  # type: ignore[arg-type]
    if isinstance(node, core.Sequence):
        options = [n for item in node.items if (n := _node_needs(item, rare)) is not None]
        return min(options, key=lambda n: (" " in n, "0" in n, rare and not n.isdisjoint(".,:;-"),
                                           len(n)), default=None)
    if isinstance(node, core.GreedyRepeat) and node.min_count >= 1:
        return _node_needs(node.subpattern, rare)
    return None


def pattern_leads(pattern: regex.Pattern[str]) -> frozenset[str]:
    """Keys (each at most LEAD_CHARS long) one of which starts the key of every fullmatch.

    >>> sorted(pattern_leads(regex.compile(r"(?:jetzt\\s+)?teilen|home", regex.I)))
    ['home', 'jetz', 'teil']
    >>> pattern_leads(regex.compile(r"\\w+ more", regex.I))
    frozenset({''})
    """
    if not READABLE:
        return frozenset({""})
    try:
        leads = _node_leads(_parse(pattern.pattern, pattern.flags))
    except Exception:  # an unreadable parse only loses the shortcut
        return frozenset({""})
    return frozenset(text for text, _ in leads)


@lru_cache(maxsize=4)  # leads, needs and width of one pattern read one parse (never mutated)
def _parse(source: str, flags: int) -> Any:
    """The ``regex`` module's own parse tree of ``source`` (as ``regex.compile`` builds it)."""
    global_flags = flags
    while True:
        text = core.Source(source)
        info = core.Info(global_flags, text.char_type, {})
        info.guess_encoding = regex.UNICODE
        try:
            return core._parse_pattern(text, info)
        except core._UnscopedFlagSet:
            global_flags = info.global_flags


def _class_keys() -> dict[tuple[object, bool], str]:
    """How the parser spells ``\\d`` and ``\\s``, mapped to the key character they become."""
    keys = {}
    for source, key in ((r"\d", "0"), (r"\s", " ")):
        try:
            node = _parse(source, regex.UNICODE | regex.VERSION1)
            node = node.items[0] if isinstance(node, core.Sequence) else node
            keys[(node.value, node.positive)] = key
        except Exception:  # unknown internals: the class just ends a lead
            continue
    return keys


_CLASS_KEYS = _class_keys()


def _chars(strings: list[str]) -> frozenset[Lead]:
    return frozenset(_cut(lead_key(s), True) for s in strings)


def _cut(text: str, exact: bool) -> Lead:
    return (text[:LEAD_CHARS], False) if len(text) > LEAD_CHARS else (text, exact)


def _join(heads: frozenset[Lead], tails: frozenset[Lead]) -> frozenset[Lead] | None:
    """Each exact head followed by each tail (inexact heads stay); None when too many."""
    if len(heads) * len(tails) > MAX_LEADS:
        return None
    return frozenset(_cut(h + t, et) for h, eh in heads if eh for t, et in tails) \
        | frozenset(pair for pair in heads if not pair[1])


def _inexact(leads: frozenset[Lead]) -> frozenset[Lead]:
    return frozenset((text, False) for text, _ in leads)


def _node_leads(node: Any) -> frozenset[Lead]:
    if isinstance(node, (core.Group, core.Atomic)):
        return _node_leads(node.subpattern)
    if isinstance(node, (core.ZeroWidthBase, core.LookAround)):
        return _EMPTY
    if isinstance(node, core.Character):
        ok = node.positive and not node.zerowidth
        return _chars([chr(node.value)]) if ok else _UNKNOWN
    if isinstance(node, core.String):
        return _chars(["".join(chr(c) for c in node.characters)])
    if isinstance(node, core.Property):
        key = _CLASS_KEYS.get((node.value, node.positive))
        return _chars([key]) if key is not None and not node.zerowidth else _UNKNOWN
    if isinstance(node, core.SetUnion):
        return _set_leads(node)
    if _is_branch(node):
        return frozenset().union(*(_node_leads(branch) for branch in node.branches))
    if isinstance(node, core.Sequence):
        return _sequence_leads(node.items)
    if isinstance(node, core.GreedyRepeat):  # lazy and possessive repeats too
        return _repeat_leads(node)
    return _UNKNOWN


def _set_leads(node: core.SetUnion) -> frozenset[Lead]:
    items = node.items
    if not node.positive or node.zerowidth or len(items) > MAX_CLASS or not all(
            isinstance(i, core.Character) and i.positive and not i.zerowidth for i in items):
        return _UNKNOWN
    return _chars([chr(i.value) for i in items])


def _sequence_leads(items: list[Any]) -> frozenset[Lead]:
    leads = _EMPTY
    for item in items:
        if not any(exact for _, exact in leads):
            break
        joined = _join(leads, _node_leads(item))
        if joined is None:
            return _inexact(leads)
        leads = joined
    return leads


def _repeat_leads(node: core.GreedyRepeat) -> frozenset[Lead]:
    """Leads of 0, 1, 2 ... copies, as far as copies still add known characters."""
    item = _node_leads(node.subpattern)
    low, high = node.min_count, node.max_count
    result: frozenset[Lead] = frozenset()
    copies, count = _EMPTY, 0
    while True:
        if count >= low or not any(exact for _, exact in copies):
            result |= copies
        if (high is not None and count >= high) or not any(exact for _, exact in copies):
            return result
        if count > LEAD_CHARS + low:  # more copies may follow: what is known is a start
            return result | _inexact(copies)
        joined = _join(copies, item)
        if joined is None:
            return result | _inexact(copies)
        copies, count = joined, count + 1


def pattern_width(pattern: regex.Pattern[str]) -> int | None:
    """The longest space-folded text (white space runs are single spaces) the pattern can
    fullmatch, or None when unbounded or unknown.

    >>> pattern_width(regex.compile(r"(?-f)leave\\s+a\\s+reply|tags?:\\s*.{0,20}", regex.I)), \\
    ...     pattern_width(regex.compile(r"(?-f)stra(?f:ß)e", regex.I | regex.VERSION1))
    (26, 8)
    """
    if not READABLE:
        return None
    try:
        width = _node_width(_parse(pattern.pattern, pattern.flags))
    except Exception:  # an unreadable parse only loses the shortcut
        return None
    return None if width == _UNBOUNDED else int(width)


def _node_width(node: Any) -> float:
    if isinstance(node, (core.Group, core.Atomic)):
        return _node_width(node.subpattern)
    if isinstance(node, (core.ZeroWidthBase, core.LookAround)):
        return 0
    if _is_branch(node):
        return max(map(_node_width, node.branches), default=0)
    if isinstance(node, core.Sequence):
        return sum(map(_node_width, node.items))
    if isinstance(node, core.GreedyRepeat):
        width = _node_width(node.subpattern)
        # White space: a space-folded text holds single spaces (wider items are no space).
        if width <= 3 and _node_leads(node.subpattern) == _chars([" "]):
            return 1
        count = _UNBOUNDED if node.max_count is None else node.max_count
        return 0 if width == 0 else count * width
    # Full case folding lets one pattern character match up to three ("ﬃ" = "ffi").
    folds = 3 if getattr(node, "case_flags", 0) & core.FULLCASE else 1
    if isinstance(node, (core.Character, core.Property, core.SetBase, core.Any, core.Range)):
        return _UNBOUNDED if getattr(node, "zerowidth", False) else folds
    if isinstance(node, core.String):
        return folds * len(node.characters)
    return _UNBOUNDED
