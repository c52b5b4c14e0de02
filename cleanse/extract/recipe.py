"""Recipe rescue: ingredient lines that the extractor left out of a recipe page.

Recipe plugins and schema.org markup set ingredients apart from the prose (a widget, a table,
microdata), and main-text extractors often drop that box while keeping the method. The markup
says what they are: ``itemprop="recipeIngredient"`` (or the older ``ingredients``), or a class
word ending in "ingredient" on each line (WP Recipe Maker, Tasty, most themes). Those lines come
back as list items, placed where the page has them relative to the extracted blocks.
"""

from __future__ import annotations

from lxml import etree

from ..records import Block, BlockKind
from ..textutil import fingerprint, squash_space, word_count

#: A recipe lists at least this many ingredients; fewer marked lines are not a recipe box.
MIN_INGREDIENTS = 2
#: An ingredient line has at most this many words ("1 large onion, finely chopped").
MAX_INGREDIENT_WORDS = 25

#: Every marking below holds this text (the XPath's class test is case-sensitive too).
MARK = "ngredient"
_MARKED = etree.XPath(
    "//*[@itemprop='recipeIngredient' or @itemprop='ingredients' or contains(@class, 'ngredient')]")


def ingredient_lines(tree: etree._Element) -> list[str]:
    """The page's marked ingredient lines, innermost marked elements only, in page order.

    >>> from lxml import html
    >>> page = html.fromstring('<ul class="ingredients"><li class="ingredient">2 eggs</li>'
    ...                        '<li class="ingredient">200 g <b>flour</b></li></ul>')
    >>> ingredient_lines(page)
    ['2 eggs', '200 g flour']
    """
    marked = [e for e in _MARKED(tree) if _is_ingredient(e)]
    inner = set(marked)
    lines = []
    for element in marked:
        if any(d in inner for d in element.iterdescendants()):
            continue  # a wrapper around marked lines
        text = squash_space(" ".join(element.itertext()))
        if text and word_count(text) <= MAX_INGREDIENT_WORDS:
            lines.append(text)
    return lines if len(lines) >= MIN_INGREDIENTS else []


def _is_ingredient(element: etree._Element) -> bool:
    if element.get("itemprop") in ("recipeIngredient", "ingredients"):
        return True
    # "ingredient", "wprm-recipe-ingredient", "recipe-ingredient": one line; "ingredients"
    # and "ingredient-group" are the box and its parts, not a line.
    return any(token.lower().endswith("ingredient") for token in element.get("class", "").split())


def rescue_ingredients(tree: etree._Element, blocks: tuple[Block, ...],
                       page_lines: tuple[str, ...]) -> tuple[Block, ...]:
    """``blocks`` with the recipe's missing ingredient lines put back as list items.

    They go before the first extracted block that comes after them on the page (else at the
    end); lines already extracted, whole or inside a block, are not repeated.
    """
    lines = ingredient_lines(tree)
    if not lines:
        return blocks
    extracted = " ".join(fingerprint(b.text) for b in blocks)
    missing = [line for line in lines if (key := fingerprint(line)) and key not in extracted]
    if not missing:
        return blocks
    position = {key: i for i, line in enumerate(page_lines) if (key := fingerprint(line))}
    first = position.get(fingerprint(missing[0]))
    at = len(blocks)
    if first is not None:
        at = next((i for i, b in enumerate(blocks)
                   if position.get(fingerprint(b.text), -1) > first), len(blocks))
    items = tuple(Block(line, BlockKind.LIST_ITEM, "• ") for line in missing)  # HTML_BULLET
    return blocks[:at] + items + blocks[at:]
