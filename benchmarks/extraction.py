"""Extraction benchmark: cleanse and trafilatura side by side on an annotated split.

    PYTHONPATH=. python benchmarks/extraction.py [--data DIR] [--mode html|text|both]

Reads ``DIR/gold.json`` (``docs[id] = {with: [...], without: [...]}``), ``DIR/html/<id>.html.gz``
and ``DIR/text/<id>.txt.gz``. A 'with' segment found in the whitespace-normalised output is a
true positive (missing: false negative); a 'without' segment found is a false positive. Figures
are pooled over all segments. Timing runs every extractor over the same pages in the same
process, pinned to one core, so docs/s ratios compare like with like.

What is scored for cleanse is ``title + "\\n" + text``: the headline is part of the article (the
gold counts it as content), and Document keeps it apart from the body. trafilatura is scored on
``extract(...)`` output as its users get it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

import cleanse

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "bench" / "extraction" / "trafilatura-dev"
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "extraction.json"


def normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Score:
    """Pooled segment counts for one extractor."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    seconds: float = 0.0
    #: The first call, before timing: one-time start-up (catalogs compiled, lazy imports).
    first_call: float = 0.0
    docs: int = 0
    misses: list[dict[str, str]] = field(default_factory=list)

    def add(self, doc_id: str, output: str, gold: dict[str, list[str]]) -> None:
        out = normalise(output)
        for segment in gold["with"]:
            if normalise(segment) in out:
                self.tp += 1
            else:
                self.fn += 1
                self.misses.append({"id": doc_id, "kind": "FN", "segment": segment})
        for segment in gold["without"]:
            if normalise(segment) in out:
                self.fp += 1
                self.misses.append({"id": doc_id, "kind": "FP", "segment": segment})
            else:
                self.tn += 1

    def figures(self) -> dict[str, float]:
        precision = self.tp / max(1, self.tp + self.fp)
        recall = self.tp / max(1, self.tp + self.fn)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "tp": self.tp, "fn": self.fn, "fp": self.fp, "tn": self.tn, "docs": self.docs,
                "seconds": round(self.seconds, 3),
                "docs_per_s": round(self.docs / max(1e-9, self.seconds), 1),
                "first_call_s": round(self.first_call, 3),
                "docs_per_s_with_first_call": round(
                    self.docs / max(1e-9, self.seconds + self.first_call), 1)}


def cleanse_html(page: bytes) -> str:
    doc = cleanse.clean(page, config=cleanse.CleanConfig(input_format="html",
                                                         explain_unextracted=False))
    return (doc.title or "") + "\n" + doc.text


def cleanse_text(text: bytes) -> str:
    doc = cleanse.clean(text, config=cleanse.CleanConfig(input_format="text"))
    return (doc.title or "") + "\n" + doc.text


def trafilatura_standard(page: bytes) -> str:
    return trafilatura.extract(page, include_comments=False, include_tables=True) or ""


def trafilatura_fast(page: bytes) -> str:
    return trafilatura.extract(page, include_comments=False, include_tables=True,
                               fast=True) or ""


def raw_text(text: bytes) -> str:
    return text.decode("utf-8", errors="replace")


Extractor = Callable[[bytes], str]


def run(extractors: dict[str, Extractor], inputs: dict[str, bytes],
        gold: dict[str, dict[str, list[str]]], rounds: int) -> dict[str, Score]:
    """Score every extractor; interleave them page by page so machine noise hits all alike.

    Each extractor first gets one untimed call (its one-time start-up is reported apart), so
    docs/s is the rate a corpus run sees.
    """
    scores = {name: Score() for name in extractors}
    first = next(iter(inputs.values()), None)
    for name, extract in extractors.items():
        if first is not None:
            start = time.perf_counter()
            extract(first)
            scores[name].first_call = time.perf_counter() - start
    for round_no in range(rounds):
        for doc_id, data in inputs.items():
            for name, extract in extractors.items():
                start = time.perf_counter()
                output = extract(data)
                scores[name].seconds += time.perf_counter() - start
                if round_no == 0:
                    scores[name].docs += 1
                    scores[name].add(doc_id, output, gold[doc_id])
    for score in scores.values():
        score.seconds /= rounds
    return scores


def load(data_dir: Path, kind: str, limit: int | None) -> tuple[dict[str, bytes], dict]:
    gold = json.loads((data_dir / "gold.json").read_text(encoding="utf-8"))["docs"]
    suffix = {"html": ".html.gz", "text": ".txt.gz"}[kind]
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    inputs = {}
    for doc_id in ids:
        path = data_dir / kind / f"{doc_id}{suffix}"
        if path.exists():
            inputs[doc_id] = gzip.decompress(path.read_bytes())
    return inputs, gold


def table(mode: str, scores: dict[str, Score], reference: str) -> str:
    ref = scores[reference].figures()
    lines = [f"{mode} mode ({ref['docs']} docs)",
             f"{'extractor':<24}{'P':>8}{'R':>8}{'F1':>8}{'FP':>6}{'FN':>6}{'docs/s':>10}"
             f"{'F1 ratio':>10}{'speed ratio':>13}{'1st call s':>12}"]
    for name, score in scores.items():
        fig = score.figures()
        lines.append(
            f"{name:<24}{fig['precision']:>8.3f}{fig['recall']:>8.3f}{fig['f1']:>8.3f}"
            f"{fig['fp']:>6}{fig['fn']:>6}{fig['docs_per_s']:>10.1f}"
            f"{fig['f1'] / max(1e-9, ref['f1']):>10.3f}"
            f"{fig['docs_per_s'] / max(1e-9, ref['docs_per_s']):>13.2f}"
            f"{fig['first_call_s']:>12.3f}")
    return "\n".join(lines)


def keep_other_modes(path: Path, results: dict[str, object]) -> None:
    """Carry over the modes this run skipped from the JSON already at ``path`` (--mode html)."""
    try:
        previous = json.loads(path.read_text(encoding="utf-8")).get("modes", {})
    except (OSError, ValueError):
        return
    modes = results["modes"]
    for mode, figures in previous.items():
        modes.setdefault(mode, figures)  # type: ignore[union-attr]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--mode", choices=("html", "text", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="first N pages only (quick runs)")
    parser.add_argument("--rounds", type=int, default=1, help="timing rounds (scores use round 1)")
    parser.add_argument("--only", default=None, help="run only this extractor (quick runs)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--misses", type=Path, default=None,
                        help="write every FP/FN of cleanse here (for error analysis)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    results: dict[str, object] = {
        "data": str(args.data), "python": platform.python_version(),
        "trafilatura": trafilatura.__version__, "cleanse": cleanse.__version__, "modes": {},
    }
    plans = {
        "html": ({"trafilatura standard": trafilatura_standard,
                  "trafilatura fast": trafilatura_fast,
                  "cleanse": cleanse_html}, "trafilatura standard"),
        "text": ({"raw text (no cleaning)": raw_text, "cleanse": cleanse_text},
                 "raw text (no cleaning)"),
    }
    misses = []
    for mode in ("html", "text") if args.mode == "both" else (args.mode,):
        extractors, reference = plans[mode]
        if args.only:
            extractors = {args.only: extractors[args.only]}
            reference = args.only
        inputs, gold = load(args.data, mode, args.limit)
        scores = run(extractors, inputs, gold, args.rounds)
        print(table(mode, scores, reference), end="\n\n")
        results["modes"][mode] = {name: s.figures() for name, s in scores.items()}  # type: ignore[index]
        misses += [{**m, "mode": mode} for m in scores["cleanse"].misses]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    keep_other_modes(args.json, results)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.misses:
        args.misses.write_text(json.dumps(misses, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
