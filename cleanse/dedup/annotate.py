"""The write pass of a corpus run: each record's JSON line gains its clusters.

A record's line is not parsed again: its closing brace is replaced by the new fields, written as
JSON text directly, so the write pass costs about as much as reading the input. Only a record
that already has one of the new fields, or that loses paragraphs to ``drop``, is parsed and
written again as a whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..records import NoteKind
from .corpus_io import DocInfo, split_paragraphs

if TYPE_CHECKING:
    from .cluster import Clusters, Corpus
    from .engine import DedupReport

_NEW_FIELDS = ('"paragraph_clusters"', '"doc_cluster"')


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each document sits: canonical order (by id, then line) and paragraph offsets."""

    docs: list[DocInfo]
    order: list[int]          # canonical position -> input sequence number
    position: np.ndarray      # input sequence number -> canonical position
    start: np.ndarray         # canonical position -> first paragraph (plus a final end)

    def ref(self, paragraph: int, corpus: Corpus) -> tuple[str, int]:
        doc = int(corpus.doc[paragraph])
        return self.docs[self.order[doc]].doc_id, paragraph - int(self.start[doc])

    def doc_id(self, doc: int) -> str:
        return self.docs[self.order[doc]].doc_id


def good_lines(source: Iterator[str], docs: list[DocInfo]) -> Iterator[str]:
    """The lines that were signed (bad records were reported then and are skipped now)."""
    wanted = iter([doc.line for doc in docs])
    target = next(wanted, None)
    for number, line in enumerate(source, start=1):
        if number == target:
            yield line
            target = next(wanted, None)


def annotated_lines(lines: Iterator[str], layout: Layout, corpus: Corpus, clusters: Clusters,
                    drop: bool, report: DedupReport) -> Iterator[str]:
    """One output line per signed record, in input order."""
    for seq, line in enumerate(lines):
        yield _annotate(line.rstrip("\r\n"), int(layout.position[seq]), layout, corpus, clusters,
                        drop, report)


def _annotate(line: str, doc: int, layout: Layout, corpus: Corpus, clusters: Clusters,
              drop: bool, report: DedupReport) -> str:
    first, last = int(layout.start[doc]), int(layout.start[doc + 1])
    labels = clusters.para[first:last].tolist()
    origins = clusters.origin[first:last].tolist()
    similarity = clusters.similarity[first:last].tolist()
    entries = []
    keep = []
    for index, (label, origin, sim) in enumerate(zip(labels, origins, similarity, strict=True)):
        if label < 0:
            entries.append("null")
            keep.append(True)
            continue
        origin_doc, origin_index = layout.ref(origin, corpus)
        entries.append(f'{{"cluster": {label}, "origin": [{_quote(origin_doc)}, {origin_index}], '
                       f'"similarity": {sim!r}}}')
        keep.append(origin == first + index)
    report.paragraphs += last - first
    report.linked_paragraphs += sum(label >= 0 for label in labels)
    own, representative = layout.doc_id(doc), layout.doc_id(int(clusters.doc[doc]))
    fields = (f'"paragraph_clusters": [{", ".join(entries)}], '
              f'"doc_cluster": {_quote(representative)}')
    note = None
    if representative != own:
        report.reprints += 1
        note = {"kind": str(NoteKind.REPRINT_OF), "doc": representative,
                "text": f"reprint of {representative}", "agencies": [], "persons": []}
    dropping = drop and not all(keep)
    clash = any(name in line for name in _NEW_FIELDS) or (
        note is not None and '"provenance"' in line)
    if dropping or clash or not line.endswith("}"):
        return _rewrite(json.loads(line), fields, note, keep if dropping else None, report)
    if note is not None:
        fields += f', "provenance": [{json.dumps(note, ensure_ascii=False)}]'
    body = line[:-1].rstrip()
    return f"{body}{', ' if not body.endswith('{') else ''}{fields}}}\n"


def _rewrite(record: dict[str, Any], fields: str, note: dict[str, Any] | None,
             keep: list[bool] | None, report: DedupReport) -> str:
    out = {**record, **json.loads("{" + fields + "}")}
    if note is not None:
        out["provenance"] = [*(record.get("provenance") or []), note]
    if keep is not None:
        paragraphs = split_paragraphs(str(out.get("text", "")))
        if len(paragraphs) == len(keep):
            out["text"] = "\n\n".join(p for p, k in zip(paragraphs, keep, strict=True) if k)
            report.dropped_paragraphs += keep.count(False)
    return json.dumps(out, ensure_ascii=False) + "\n"


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
