"""Provenance stage: who the text and its pictures come from, as structured notes.

Notes are read from every line of the input before anything is removed, so a credit in a
dropped caption or footer still yields a note. Taglines, bylines and copyright lines then move
out of the body (a Removal with reason ``provenance_line``); datelines and captions stay.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..catalog import Catalog, Rule, load_catalog
from ..records import Block, BlockKind, Draft, Note, NoteKind, Reason, Removal
from ..textutil import fingerprint, squash_space
from .agencies import AgencyCatalog, load_agencies
from .credits import Credit, parse_credit

#: Credit lines are short; a longer block is a paragraph that merely mentions a credit.
MAX_NOTE_LINE_CHARS = 1200


def provenance_catalog() -> Catalog:
    """The built-in credit-line catalog, every language."""
    return load_catalog("provenance")


def find_notes(lines: Iterable[str], catalog: Catalog | None = None,
               agencies: AgencyCatalog | None = None) -> tuple[Note, ...]:
    """Every provenance note in ``lines``; one per kind and line, in input order.

    >>> [(n.kind.value, n.agencies) for n in find_notes(["WASHINGTON (AP) — It rained."])]
    [('dateline_agency', ('Associated Press',))]
    """
    catalog = catalog or provenance_catalog()
    agencies = agencies or load_agencies()
    notes: list[Note] = []
    seen: set[tuple[str, str]] = set()
    squashed = [squash_space(raw) for raw in lines]
    candidates = catalog.lines_to_search(squashed)
    for index, line in enumerate(squashed):
        if not line or len(line) > MAX_NOTE_LINE_CHARS:
            continue
        for rule in candidates.get(index, ()):
            key = (rule.kind, fingerprint(line))
            if key in seen:
                continue
            note = _note_for(rule, line, agencies)
            if note is not None:
                seen.add(key)
                notes.append(note)
    return tuple(notes)


def _note_for(rule: Rule, line: str, agencies: AgencyCatalog) -> Note | None:
    match = rule.search(line)
    if match is None:
        return None
    credit_text = match.groupdict().get("credit") or ""
    credit = parse_credit(credit_text, agencies, orgs=rule.require != "agency")
    if not _satisfies(rule.require, credit, credit_text, agencies):
        return None
    return Note(kind=NoteKind(rule.kind), text=line, agencies=credit.agencies,
                persons=credit.persons, rule=rule.id)


def _satisfies(require: str, credit: Credit, credit_text: str, agencies: AgencyCatalog) -> bool:
    if require == "agency":
        return bool(agencies.find_all(credit_text)) and bool(credit.agencies)
    if require == "person":
        return bool(credit.persons)
    if require == "credit":
        return bool(credit)
    return True


def apply_notes(draft: Draft, catalog: Catalog | None = None, move_lines: bool = True) -> Draft:
    """Attach notes found in the whole input, mark captions, move credit lines out of the body.

    >>> from cleanse.records import Block
    >>> lines = ("It rained.", "The Associated Press contributed to this report.")
    >>> out = apply_notes(Draft(blocks=tuple(Block(t) for t in lines), source_lines=lines))
    >>> [b.text for b in out.blocks], out.provenance[0].kind.value, out.removed[0].reason.value
    (['It rained.'], 'contributor', 'provenance_line')
    """
    catalog = catalog or provenance_catalog()
    notes = find_notes(draft.source_lines, catalog)
    moving_rules = {rule.id for rule in catalog if rule.move} if move_lines else set()
    moving = {fingerprint(n.text): n.rule for n in notes if n.rule in moving_rules}
    credited = {fingerprint(n.text) for n in notes if n.kind is NoteKind.PHOTO_CREDIT}
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
    """Set each note's ``kept``: whether its line is still in the clean text."""
    present = {fingerprint(b.text) for b in blocks}
    return tuple(replace(n, kept=fingerprint(n.text) in present) for n in notes)
