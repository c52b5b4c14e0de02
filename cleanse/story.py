"""Story stage (plain text only): find the article in a scraped page and drop what is around it.

A scraped text page is menus, then the headline and the story, then related links, comment forms
and footers. Every block gets a score from its shape alone (:mod:`.story_score`): running text
(words, a sentence end) scores up, a short label, a link line or a menu entry scores down. The
story is the run of blocks with the best total (a maximum-sum segment, as in body-text
extraction); other runs nearly as rich in text stay too (a recipe's steps after its ingredient
list). The headline right above the first kept run is the title. Everything else is a Removal
naming where it stood: above the story (site header), between runs, or after the story (the
tail, where most leftover boilerplate sits).

Nothing here reads one dumper's habits: indentation, bullets and blank lines are gone by the
time blocks arrive here; only words, sentence ends and link shapes count.
"""

from __future__ import annotations

from dataclasses import replace

from .records import Block, BlockKind, Draft, NoteKind, Reason, Removal
from .repeats import LOOK_BACK, MIN_TITLE_WORDS, headline_shaped
from .story_score import BLOCK_COST, block_score, story_runs
from .textutil import ends_with, fingerprint, word_count

#: A run of blocks counts as story when its score is at least this share of the best run's.
KEEP_SHARE = 0.1
#: Below this best score the page has no clear story (a short note, a list): keep it all.
MIN_STORY_SCORE = 20
#: A run this rich is story on its own, however long the best run is (the lead above a long
#: listicle, a section after a code listing): twice what makes a page a story at all.
SELF_STANDING_SCORE = 2 * MIN_STORY_SCORE
#: A positive run with at most this many blocks between it and the story is its lead (a
#: teaser paragraph set apart by a date, byline or photo line), however weak beside a long story.
LEAD_GAP = LOOK_BACK
#: With a title found, a run starting within this many blocks of the page's top sits right
#: under the headline (a byline or date line between at most): the lead.
TITLE_LEAD_REACH = 2
#: A title this many blocks above the story's first block stands over a whole site header:
#: it is the site's line (a skip link, a menu, the site's name), not the story's headline.
TITLE_APART = 2 * LOOK_BACK
#: Between two kept blocks, a run needs only this much to stay: inside the story, a short
#: paragraph or a step of a recipe is more likely story than furniture.
INNER_RUN_SCORE = BLOCK_COST / 2

# Sentence punctuation alone (no closing quote or bracket): a line ending so is running text.
_FULL_STOPS = tuple(".!?…")


def locate_story(draft: Draft) -> Draft:
    """Keep the story runs and the headline above them; drop the rest with its position.

    >>> story = ("The storm hit the coast on Monday night, cut power to many homes and "
    ...          "closed the two roads that lead out of the town.")
    >>> blocks = (Block("Home"), Block("News"), Block("Storm hits coast"), Block(story),
    ...           Block(story.replace("Monday", "Tuesday")), Block("Read more"), Block("Weather"))
    >>> out = locate_story(Draft(blocks=blocks))
    >>> out.title, len(out.blocks), [r.rule for r in out.removed]
    ('Storm hits coast', 2, ['story.header', 'story.header', 'story.tail', 'story.tail'])
    """
    blocks = draft.blocks
    scores = [block_score(b.text) for b in blocks]
    runs = story_runs(scores)
    top = max((run[0] for run in runs), default=0.0)
    if top < MIN_STORY_SCORE:
        return draft
    keep = [False] * len(blocks)
    for score, first, last in runs:
        if score >= min(KEEP_SHARE * top, SELF_STANDING_SCORE):
            keep[first:last + 1] = [True] * (last + 1 - first)
    first_kept = keep.index(True)
    for index, (_score, first, last) in enumerate(runs):
        if (last < first_kept and first_kept - last - 1 <= LEAD_GAP) \
                or (index == 0 and draft.title and first < TITLE_LEAD_REACH):
            keep[first:last + 1] = [True] * (last + 1 - first)
    keep = keep_inner_runs(scores, keep)
    keep = keep_introduced_lists(blocks, keep)
    boxed = inserted_pairs(blocks, scores, keep)
    keep = drop_lone_last_block(keep)
    keep = [k and index not in boxed for index, k in enumerate(keep)]
    first_kept = keep.index(True)
    if first_kept > 0 and opens_story(blocks[first_kept - 1]):
        first_kept -= 1
        keep[first_kept] = True
    removed = list(draft.removed)
    if draft.title and first_kept >= TITLE_APART:  # the site's line, over a whole header
        removed.append(Removal(draft.title, Reason.SCAFFOLD, "story.header"))
        draft, title = replace(draft, title=None), None
    else:  # Repeats may have taken the headline out as the title; else look above the story.
        title = None if draft.title else _title_index(blocks, first_kept)
    if title is not None:
        keep[title] = True
    # A dateline opens the story it belongs to, however short its line is.
    datelines = {fingerprint(n.text) for n in draft.provenance if n.kind is NoteKind.DATELINE_AGENCY}
    for index, block in enumerate(blocks if datelines else ()):
        keep[index] = keep[index] or fingerprint(block.text) in datelines
    removed.extend(_dropped(blocks, keep, boxed))
    body = [b for b, k in zip(blocks, keep, strict=True) if k]
    if title is not None and keep.index(True) == title and len(body) > 1:
        # The headline over the story is the title, as it is when this output is read again.
        return replace(draft, title=body[0].text, blocks=tuple(body[1:]), removed=tuple(removed))
    return replace(draft, blocks=tuple(body), removed=tuple(removed))


def _dropped(blocks: tuple[Block, ...], keep: list[bool], boxed: set[int]) -> list[Removal]:
    """Each block not kept, named by where it stood: above the story, in a box, between its
    runs, or after it."""
    first_kept, last_kept = keep.index(True), len(keep) - 1 - keep[::-1].index(True)
    return [Removal(block.text, Reason.SCAFFOLD, "story." + (
        "header" if index < first_kept else "tail" if index > last_kept
        else "box" if index in boxed else "gap"))
        for index, (block, kept) in enumerate(zip(blocks, keep, strict=True)) if not kept]


def keep_inner_runs(scores: list[float], keep: list[bool]) -> list[bool]:
    """Keep the runs found inside each gap between kept blocks that score ``INNER_RUN_SCORE``.

    Between two parts of the story, a short paragraph or a recipe step is more likely story
    than furniture, even where it sits past the peak of the run before it.

    >>> keep_inner_runs([20, -9, 6, -9, 20], [True, False, False, False, True])
    [True, False, True, False, True]
    """
    keep = list(keep)
    index = keep.index(True) if True in keep else len(keep)
    last_kept = len(keep) - 1 - keep[::-1].index(True) if True in keep else -1
    while index < last_kept:
        if keep[index]:
            index += 1
            continue
        end = index
        while not keep[end]:
            end += 1
        for score, first, last in story_runs(scores[index:end]):
            if score >= INNER_RUN_SCORE:
                keep[index + first:index + last + 1] = [True] * (last + 1 - first)
        index = end
    return keep


#: Block kinds never taken for a box: the reader marked them as list, caption or heading.
_NOT_BOXED = frozenset({BlockKind.CAPTION, BlockKind.LIST_ITEM, BlockKind.HEADING})


def inserted_pairs(blocks: tuple[Block, ...], scores: list[float], keep: list[bool]) -> set[int]:
    """Pairs of short unfinished lines that stand alone between two kept blocks.

    Inside a story one such line is a subheading and three or more are a list; a pair is
    a box set into the text: a label and its teaser ("Read also" and a headline), the kicker
    and headline of another story, a byline label and a name. Captions stay (a caption with
    its credit is the picture's, kept with the story), and so do marked list items (a list
    of two) and headings.

    >>> blocks = tuple(Block(t) for t in ("Para.", "Read also", "Other story", "Para.", "Sub", "Para."))
    >>> sorted(inserted_pairs(blocks, [10, -9, -8, 10, -9, 10], [True] * 6))
    [1, 2]
    """
    pairs: set[int] = set()
    index = 1
    while index < len(keep) - 1:
        end = index
        while end < len(keep) - 1 and keep[end] and scores[end] < 0:
            end += 1
        if end - index == 2 and keep[index - 1] and keep[end] and not any(
                blocks[i].kind in _NOT_BOXED or ends_with(blocks[i].text, _FULL_STOPS)
                for i in (index, index + 1)):
            pairs.update((index, index + 1))
        index = max(end, index + 1)
    return pairs


#: A single block kept after at least this many dropped ones stands apart from the story.
LONE_BLOCK_APART = 2


def drop_lone_last_block(keep: list[bool]) -> list[bool]:
    """Drop the last kept block when it stands alone, ``LONE_BLOCK_APART`` or more dropped
    blocks below the story: past its end, one rich block amid furniture is the site's (an
    author or blog blurb, a cookie or newsletter notice, a licence, another story's teaser).

    >>> drop_lone_last_block([True, True, False, False, True, False])
    [True, True, False, False, False, False]
    >>> drop_lone_last_block([True, True, False, True, True])
    [True, True, False, True, True]
    """
    last = len(keep) - 1 - keep[::-1].index(True) if True in keep else -1
    start = last - LONE_BLOCK_APART
    lone = start > 0 and not any(keep[start:last]) and any(keep[:start])
    return [k and not (lone and index == last) for index, k in enumerate(keep)]


#: An opening line is a sentence of at least this many words: "Send it!", "Reading time: 3
#: minutes." or "Share this article:" right above a story are labels.
OPENING_WORDS = 5
_OPENING_ENDS = _FULL_STOPS


def opens_story(block: Block) -> bool:
    """Whether the line right above the story opens it: a sentence too short to score ("When
    I woke up, there was nothing.").

    >>> [opens_story(Block(t)) for t in ("It was late that night.", "Send it!", "Latest news",
    ...                                  "Listen to this article:", "See https://x.org now.")]
    [True, False, False, False, False]
    """
    return block.kind is BlockKind.PARAGRAPH and ends_with(block.text, _OPENING_ENDS) \
        and word_count(block.text) >= OPENING_WORDS and block_score(block.text) > -2 * BLOCK_COST


def _title_index(blocks: tuple[Block, ...], first_kept: int) -> int | None:
    """The headline just above the story (a date or byline line may sit between)."""
    for index in range(first_kept - 1, max(0, first_kept - LOOK_BACK) - 1, -1):
        block = blocks[index]
        if block.kind not in (BlockKind.LIST_ITEM, BlockKind.CAPTION) \
                and headline_shaped(block.text) and word_count(block.text) >= MIN_TITLE_WORDS:
            return index
    return None


def keep_introduced_lists(blocks: tuple[Block, ...], keep: list[bool]) -> list[bool]:
    """Keep the list items right below a kept line that ends in a colon.

    Ingredients, specs and steps are short and unfinished, so alone they score as menu
    entries; the kept line introducing them ("You need:") says they belong to the story. Link
    lines stay out: a list of links below "Read also:" is still navigation.

    >>> blocks = (Block("For the dough you need:"), Block("200 g flour", BlockKind.LIST_ITEM),
    ...           Block("2 eggs", BlockKind.LIST_ITEM), Block("Home"))
    >>> keep_introduced_lists(blocks, [True, False, False, False])
    [True, True, True, False]
    """
    keep = list(keep)
    introduced = False
    for index, block in enumerate(blocks):
        if keep[index]:
            introduced = ends_with(block.text, (":",))
        elif introduced and block.kind is BlockKind.LIST_ITEM \
                and block_score(block.text) > -2 * BLOCK_COST:
            keep[index] = True
        else:
            introduced = False
    return keep
