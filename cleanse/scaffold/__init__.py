"""Scaffold stage: drop blocks that a catalog rule names as page furniture.

A rule must cover the whole block (see :mod:`cleanse.catalog`), so a sentence of the story is
never cut; each drop is a Removal naming the rule.
"""

from __future__ import annotations

from dataclasses import replace

from ..catalog import Catalog, load_catalog
from ..records import Draft, Metadata, Reason, Removal
from ..textutil import is_prose

#: Rule kinds that head a list of teasers (related or most-read headlines).
TEASER_HEADINGS = frozenset({"related"})


def scaffold_catalog() -> Catalog:
    """The built-in scaffold catalog, every language."""
    return load_catalog("scaffold")


def strip_scaffolding(draft: Draft, catalog: Catalog | None = None) -> Draft:
    """Remove every block that a scaffold rule matches whole.

    >>> from cleanse.records import Block
    >>> out = strip_scaffolding(Draft(blocks=(Block("Leave a Reply"), Block("The story."))))
    >>> [b.text for b in out.blocks], out.removed[0].rule
    (['The story.'], 'en.comments.leave_reply')
    """
    catalog = catalog or scaffold_catalog()
    kept, removed = [], list(draft.removed)
    teasers: str | None = None  # the related-links heading whose list is running
    story_started = False  # above the story, a "Top News" heading is a menu, not teasers
    for block in draft.blocks:
        if is_prose(block.text):
            teasers, story_started = None, True
        rule = catalog.first_match(block.text)
        if rule is None:
            if teasers is None:
                kept.append(block)
            else:
                removed.append(Removal(block.text, Reason.SCAFFOLD, teasers))
        else:
            removed.append(Removal(block.text, Reason.SCAFFOLD, rule.id))
            # A "Related stories" heading heads a list of teaser titles: short lines up to
            # the next paragraph of running text belong to it.
            if story_started and rule.kind in TEASER_HEADINGS:
                teasers = f"{rule.id}.list"
    return replace(draft, blocks=tuple(kept), removed=tuple(removed),
                   metadata=clean_metadata(draft.metadata, catalog))


def clean_metadata(metadata: Metadata, catalog: Catalog | None = None) -> Metadata:
    """Drop author values that are scaffolding labels ("Post author") rather than names.

    >>> clean_metadata(Metadata(authors=("Post author", "Jane Doe"))).authors
    ('Jane Doe',)
    """
    catalog = catalog or scaffold_catalog()
    authors = tuple(a for a in metadata.authors if catalog.first_match(a) is None)
    return replace(metadata, authors=authors)
