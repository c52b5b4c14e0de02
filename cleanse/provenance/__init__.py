"""Provenance stage: who the text and its pictures come from, as structured notes.

Notes are read from every line of the input before anything is removed, so a credit in a
dropped caption or footer still yields a note. Taglines, bylines and copyright lines then move
out of the body (a Removal with reason ``provenance_line``); datelines and captions stay.

Per line: one token split, a look-up of its words in the rules' cue index (most lines hold
no cue and cost nothing more), then the pattern, bounded by a timeout; the credit it captures
is parsed into agencies and persons and must name what the rule requires. Attribution inside a story ("Reuters
reported", "laut dpa") fits no credit shape, so it never becomes a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import regex

from ..records import Block, BlockKind, Draft, Note, NoteKind, Reason, Removal
from ..textutil import REGEX_TIMEOUT_SECONDS, fingerprint, squash_space
from .agencies import TOKEN, AgencyCatalog, load_agencies
from .credits import Credit, parse_credit
from .ruleset import CreditRule, RuleSet, load_rules

#: Credit lines are short; a longer block is a paragraph that merely mentions a credit. Only
#: line-start shapes (a dateline opening a long lead paragraph) are tried beyond this, and
#: such a line never leaves the body (it is the story, whatever note it opens with).
MAX_NOTE_LINE_CHARS = 1200
#: A credit kept as printed (no catalog name in it) is a name, not a sentence.
MAX_PRINTED_WORDS = 6
#: Lines (up to this length) whose notes find_notes remembers.
MAX_RECENT_LINES = 20_000
MAX_RECENT_CHARS = 2000
_RECENT: dict[str, tuple[Note, ...]] = {}

__all__ = ["apply_notes", "find_notes", "line_notes", "mark_kept", "parse_credit",
           "provenance_catalog"]


def provenance_catalog() -> RuleSet:
    """The built-in credit-line rules, every language, in priority order."""
    return load_rules()


def find_notes(lines: Iterable[str], catalog: RuleSet | None = None,
               agencies: AgencyCatalog | None = None) -> tuple[Note, ...]:
    """Every provenance note in ``lines``, in input order; a line repeated gives its notes once.

    >>> [(n.kind.value, n.agencies) for n in find_notes(["WASHINGTON (AP) — It rained."])]
    [('dateline_agency', ('Associated Press',))]
    """
    catalog = catalog or provenance_catalog()
    agencies = agencies or load_agencies()
    # With the built-in rules a line's notes depend on the line alone: recent lines (a site's
    # footer on every page of a crawl) are remembered.
    recent = _RECENT if catalog is provenance_catalog() and agencies is load_agencies() else {}
    notes: list[Note] = []
    seen: set[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = set()
    for raw in lines:
        line = squash_space(raw)
        if not line:
            continue
        found = recent.get(line)
        if found is None:
            found = tuple(line_notes(line, catalog, agencies))
            if len(line) <= MAX_RECENT_CHARS:
                if len(recent) > MAX_RECENT_LINES:
                    recent.clear()
                recent[line] = found
        for note in found:
            key = (note.kind.value, fingerprint(line), note.agencies, note.persons)
            if key not in seen:
                seen.add(key)
                notes.append(note)
    return tuple(notes)


def line_notes(line: str, catalog: RuleSet, agencies: AgencyCatalog) -> list[Note]:
    """The notes of one (space-folded) line: one per credit, so two credits give two notes.

    >>> from cleanse.provenance.agencies import load_agencies
    >>> line = ("©2022 The Kansas City Star. Visit kansascity.com. "
    ...         "Distributed by Tribune Content Agency, LLC.")
    >>> [n.kind.value for n in line_notes(line, provenance_catalog(), load_agencies())]
    ['copyright', 'syndication']
    """
    folded = line.casefold()
    tokens = frozenset(TOKEN.findall(folded))
    rules = catalog.cued(tokens, folded)
    if not rules:
        return []
    named = agencies.may_name(tokens)
    long_line = len(line) > MAX_NOTE_LINE_CHARS
    claimed: list[tuple[int, int]] = []
    notes: list[tuple[int, Note]] = []
    for rule in rules:
        if rule.require == "agency" and not named:
            continue
        if long_line and not rule.anchored:
            continue
        for match in _matches(rule, line):
            span = match.span("credit") if "credit" in match.groupdict() else match.span()
            if any(s < span[1] and span[0] < e for s, e in claimed):
                continue
            note = note_for(rule, line, match.groupdict().get("credit") or "", agencies)
            if note is not None:
                claimed.append(span)
                notes.append((span[0], note))
    return [note for _, note in sorted(notes, key=lambda pair: pair[0])]


def _matches(rule: CreditRule, line: str) -> list[regex.Match[str]]:
    try:
        return list(rule.rule.pattern.finditer(line, timeout=REGEX_TIMEOUT_SECONDS))
    except TimeoutError:
        return []


def note_for(rule: CreditRule, line: str, credit_text: str,
             agencies: AgencyCatalog) -> Note | None:
    """The note ``rule`` makes of a match whose credit is ``credit_text``, or None."""
    credit = parse_credit(credit_text, agencies)
    if rule.printed and (credit.junk or not credit):
        printed = credit_text.strip(" .,:;()[]\"'“”")
        if not 0 < len(printed.split()) <= MAX_PRINTED_WORDS:
            return None
        credit = Credit((printed,), credit.persons)
    elif rule.require != "none" and credit.junk:
        return None
    if not _satisfies(rule.require, credit, agencies):
        return None
    return Note(kind=NoteKind(rule.kind), text=line, agencies=credit.agencies,
                persons=credit.persons, rule=rule.id)


def _satisfies(require: str, credit: Credit, agencies: AgencyCatalog) -> bool:
    known = [a for a in credit.agencies if agencies.kind(a)]
    if require == "agency":
        return bool(known)
    if require == "named":
        return bool(known or credit.persons)
    pictured = bool(credit.persons) or any(agencies.kind(a) in ("photo", "stock") for a in known)
    if require == "photo":
        return pictured
    if require == "agency_photo":
        return pictured and bool(known)
    if require == "credit":
        return bool(credit)
    return True


def apply_notes(draft: Draft, catalog: RuleSet | None = None, move_lines: bool = True) -> Draft:
    """Attach notes found in the whole input, mark captions, move credit lines out of the body.

    >>> from cleanse.records import Block
    >>> lines = ("It rained.", "The Associated Press contributed to this report.")
    >>> out = apply_notes(Draft(blocks=tuple(Block(t) for t in lines), source_lines=lines))
    >>> [b.text for b in out.blocks], out.provenance[0].kind.value, out.removed[0].reason.value
    (['It rained.'], 'contributor', 'provenance_line')
    """
    catalog = catalog or provenance_catalog()
    notes = find_notes(draft.source_lines, catalog)
    moving_rules = {rule.id for rule in catalog if rule.rule.move} if move_lines else set()
    # A line moves only when every note on it moves: a byline glued to a dateline stays.
    staying = {fingerprint(n.text) for n in notes
               if n.rule not in moving_rules or len(n.text) > MAX_NOTE_LINE_CHARS}
    moving = {fingerprint(n.text): n.rule for n in notes
              if n.rule in moving_rules and fingerprint(n.text) not in staying}
    credited = {fingerprint(n.text) for n in notes
                if n.kind is NoteKind.PHOTO_CREDIT and len(n.text) <= MAX_NOTE_LINE_CHARS}
    if not moving and not credited:  # no line moves and no caption to mark: blocks as they are
        return replace(draft, provenance=draft.provenance + notes)
    kept: list[Block] = []
    removed = list(draft.removed)
    for block in draft.blocks:
        key = fingerprint(block.text)
        if key in moving:
            removed.append(Removal(block.text, Reason.PROVENANCE_LINE, moving[key]))
            continue
        if key in credited and block.kind is not BlockKind.HEADING:
            block = replace(block, kind=BlockKind.CAPTION)
        kept.append(block)
    return replace(draft, blocks=tuple(kept), removed=tuple(removed),
                   provenance=draft.provenance + notes)


def mark_kept(notes: Iterable[Note], blocks: Iterable[Block]) -> tuple[Note, ...]:
    """Set each note's ``kept`` (is its line still in the clean text?) and put notes in order.

    The order is by kind, then kept before moved, then reading order: reading cleanse's own
    output back finds kept lines in the body and moved ones in the notes section after it, so
    this is the one order that cleaning the output again reproduces.

    >>> notes = [Note(NoteKind.CONTRIBUTOR, "AP contributed to this report."),
    ...          Note(NoteKind.BYLINE, "By Jane Doe")]
    >>> [(n.kind.value, n.kept) for n in mark_kept(notes, [Block("By Jane Doe")])]
    [('byline', True), ('contributor', False)]
    """
    present = {fingerprint(b.text) for b in blocks}
    marked = [replace(n, kept=fingerprint(n.text) in present) for n in notes]
    rank = {kind: i for i, kind in enumerate(NoteKind)}
    order = sorted(range(len(marked)), key=lambda i: (rank[marked[i].kind], not marked[i].kept, i))
    return tuple(marked[i] for i in order)


#: A caption longer than this is a paragraph that ends in a credit, not a picture's line: the
#: bound of the catalog's credited-caption rule (xx.caption.credited).
CAPTION_MAX_CHARS = 345


def drop_credited_captions(draft: Draft) -> Draft:
    """Drop the lines the provenance stage read as a picture's caption or credit.

    In scraped text a picture leaves only its caption and credit ("(Bild: Jane Doe)",
    "Rep. Jane Doe at the White House. | John Roe/AP Photo"); the credit is already a note,
    and the line is the picture's, not the story's. A long paragraph that merely ends in a
    credit stays.

    >>> blocks = (Block("(Foto: Jane Doe)", BlockKind.CAPTION), Block("It rained."))
    >>> out = drop_credited_captions(Draft(blocks=blocks))
    >>> [b.text for b in out.blocks], [r.rule for r in out.removed]
    (['It rained.'], ['story.caption'])
    """
    if not any(b.kind is BlockKind.CAPTION for b in draft.blocks):
        return draft
    kept, removed = [], list(draft.removed)
    for block in draft.blocks:
        if block.kind is BlockKind.CAPTION and len(block.text) <= CAPTION_MAX_CHARS:
            removed.append(Removal(block.text, Reason.SCAFFOLD, "story.caption"))
        else:
            kept.append(block)
    return replace(draft, blocks=tuple(kept), removed=tuple(removed))
