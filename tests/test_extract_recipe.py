"""Recipe rescue: marked ingredient lines the extractor dropped come back as list items."""

from __future__ import annotations

from lxml import html

from cleanse.extract.recipe import ingredient_lines, rescue_ingredients
from cleanse.records import Block, BlockKind

PAGE = """<html><body><h1>Focaccia</h1>
<p>This bread is soft inside and crisp outside, and it takes an afternoon.</p>
<div class="wprm-recipe-ingredients"><h3 class="wprm-recipe-ingredients-header">Ingredients</h3>
<ul><li class="wprm-recipe-ingredient"><span>500 g</span> <span>flour</span></li>
<li class="wprm-recipe-ingredient">2 tsp salt</li>
<li itemprop="recipeIngredient">400 ml warm water</li></ul></div>
<p>Mix the flour and the salt, then add the water and knead for ten minutes.</p>
</body></html>"""

INTRO = "This bread is soft inside and crisp outside, and it takes an afternoon."
METHOD = "Mix the flour and the salt, then add the water and knead for ten minutes."
LINES = ("Focaccia", INTRO, "Ingredients", "500 g flour", "2 tsp salt", "400 ml warm water", METHOD)


def test_marked_lines_only_innermost_and_in_order() -> None:
    assert ingredient_lines(html.fromstring(PAGE)) == ["500 g flour", "2 tsp salt", "400 ml warm water"]


def test_missing_ingredients_go_where_the_page_has_them() -> None:
    blocks = (Block(INTRO), Block(METHOD))
    out = rescue_ingredients(html.fromstring(PAGE), blocks, LINES)
    assert [b.text for b in out] == [INTRO, "500 g flour", "2 tsp salt", "400 ml warm water", METHOD]
    assert {b.kind for b in out[1:4]} == {BlockKind.LIST_ITEM}


def test_extracted_ingredients_are_not_repeated() -> None:
    blocks = (Block(INTRO), Block("500 g flour", BlockKind.LIST_ITEM), Block("2 tsp salt"),
              Block("400 ml warm water"), Block(METHOD))
    assert rescue_ingredients(html.fromstring(PAGE), blocks, LINES) == blocks


def test_one_marked_line_or_a_long_one_is_not_a_recipe() -> None:
    one = '<div><p class="ingredient">Salt is the key ingredient of this story.</p></div>'
    assert ingredient_lines(html.fromstring(one)) == []
    boxes = '<div class="ingredients"><p class="ingredients-note">Buy them fresh.</p></div>'
    assert ingredient_lines(html.fromstring(boxes)) == []
