"""Golden files: every samples/<case>/ input against its expected text and JSON, plus its checks.

The expected files say exactly what cleanse produces; the `[checks]` table of case.toml says
what a reader needs from it (sentences kept, scaffolding gone, notes found), so a regenerated
golden file cannot quietly accept a wrong result.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from cleanse import Document, clean
from cleanse.textutil import squash_space
from cleanse.write import render_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CASES = sorted(p for p in SAMPLES.iterdir() if (p / "case.toml").exists())


def _input(case: Path) -> Path:
    return next(case.glob("input.*"))


def _meta(case: Path) -> dict[str, Any]:
    return tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))


def _clean(case: Path) -> Document:
    return clean(_input(case).read_bytes(), url=_meta(case).get("url"), name=case.name)


def _expected_json(doc: Document) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n"


def test_samples_cover_languages_and_formats() -> None:
    metas = [_meta(c) for c in CASES]
    assert len(CASES) >= 8
    assert {m["lang"] for m in metas} >= {"en", "de"}
    assert {_input(c).suffix for c in CASES} >= {".html", ".txt"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden(case: Path, update_golden: bool) -> None:
    doc = _clean(case)
    text, as_json = render_text(doc), _expected_json(doc)
    if update_golden:
        (case / "expected.txt").write_text(text, encoding="utf-8")
        (case / "expected.json").write_text(as_json, encoding="utf-8")
    assert text == (case / "expected.txt").read_text(encoding="utf-8")
    assert json.loads(as_json) == json.loads((case / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_checks(case: Path) -> None:
    meta = _meta(case)
    if meta.get("expect") == "known-fail":
        pytest.xfail(meta.get("comment", "known failure"))
    checks = meta.get("checks", {})
    doc = _clean(case)
    body = squash_space(doc.text)
    if "title" in checks:
        assert doc.title == checks["title"]
        assert body.count(squash_space(checks["title"])) == 0
    for sentence in checks.get("present", []):
        assert squash_space(sentence) in body, f"lost: {sentence!r}"
    for scaffold in checks.get("absent", []):
        assert squash_space(scaffold) not in body, f"left in: {scaffold!r}"
    found = sorted((n.kind.value, sorted(n.agencies), sorted(n.persons)) for n in doc.provenance)
    wanted = sorted((n["kind"], sorted(n["agencies"]), sorted(n["persons"]))
                    for n in checks.get("notes", []))
    assert found == wanted


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_cleaning_the_output_again_changes_nothing(case: Path) -> None:
    once = render_text(_clean(case))
    assert render_text(clean(once)) == once
