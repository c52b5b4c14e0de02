"""Records in, signed paragraphs out: the part of a corpus run that can run on every core.

A worker gets a chunk of JSONL lines and returns compact arrays (stored signatures, shingle
counts, kinds) plus one small tuple per document; the text never travels back. With ``clean``
the cleaning flow runs first and the cleaned record comes back too, to be spooled to disk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import CleanseError, RecordError
from ..read import parse_record
from .story import BODY, CAPTION
from .kinds import paragraph_kinds
from .minhash import HashParams, signatures, stored
from .verify import Thresholds

# The benchmark's contract: blocks split at a line holding only spaces or tabs, stripped, empty
# blocks dropped. A single newline stays inside a paragraph.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs: blocks between blank lines (spaces or tabs count as blank), stripped.

    >>> split_paragraphs("One\\nstill one\\n \\t\\nTwo\\n\\n\\n")
    ['One\\nstill one', 'Two']
    """
    return [block for block in (piece.strip() for piece in _PARAGRAPH_BREAK.split(text)) if block]


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What the run keeps per document: its line, id, date and paragraph count."""

    line: int
    doc_id: str
    date: str | None
    paragraphs: int


@dataclass(slots=True)
class SignedChunk:
    """A chunk's documents, their paragraphs' arrays, and the lines that were skipped."""

    docs: list[DocInfo] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sig: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.uint16))
    count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    short: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    kind: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint8))
    cleaned: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SignJob:
    """One unit of work for a worker process."""

    first_line: int
    lines: Sequence[str]
    params: HashParams
    thresholds: Thresholds
    clean: bool = False


def record_paragraphs(record: dict[str, Any], clean: bool,
                      line: int) -> tuple[dict[str, Any], list[str], list[int]]:
    """The record to write, its paragraphs and their kinds (cleaned first with ``clean``);
    ``line`` numbers the record in errors."""
    if not clean:
        text = record.get("text")
        if not isinstance(text, str):  # its paragraphs would be markup
            raise RecordError(f"line {line}: an HTML record (no 'text' field) needs --clean")
        paragraphs = split_paragraphs(text)
        title = record.get("title")
        return record, paragraphs, paragraph_kinds(paragraphs, title if isinstance(title, str) else None)
    from ..config import CleanConfig
    from ..pipeline import clean as clean_page
    from ..records import BlockKind
    from ..write import corpus_record

    html = record.get("html")
    config = CleanConfig(input_format="html" if isinstance(html, str) else "text")
    doc = clean_page(html if isinstance(html, str) else record["text"], url=record.get("url"),
                     config=config)
    kinds = [CAPTION if block.kind == BlockKind.CAPTION else BODY for block in doc.blocks]
    return corpus_record(record, doc), doc.paragraphs, kinds


def sign_chunk(job: SignJob) -> SignedChunk:
    """Parse, (clean,) split and sign every record of a chunk; bad records become errors."""
    out = SignedChunk()
    texts: list[str] = []
    kinds: list[int] = []
    for number, line in enumerate(job.lines, start=job.first_line):
        if not line.strip():
            continue
        try:
            record = parse_record(line, number)
            written, paragraphs, para_kinds = record_paragraphs(record, job.clean, number)
        except CleanseError as exc:
            out.errors.append(exc.format_message())
            continue
        except Exception as exc:  # one broken page must not end a corpus run
            out.errors.append(f"line {number}: {type(exc).__name__}: {exc}")
            continue
        date = record.get("date") or (written.get("metadata") or {}).get("date")
        out.docs.append(DocInfo(number, str(record.get("id", number)),
                                date if isinstance(date, str) else None, len(paragraphs)))
        texts.extend(paragraphs)
        kinds.extend(para_kinds)
        if job.clean:
            out.cleaned.append(json.dumps(written, ensure_ascii=False))
    sigs, counts = signatures(texts, job.params)
    out.sig, out.count = stored(sigs), counts.astype(np.uint32)
    most = job.thresholds.min_words - 1  # split no further than needed to tell
    out.short = np.fromiter((len(t.split(None, most)) <= most for t in texts), dtype=bool,
                            count=len(texts))
    out.kind = np.array(kinds, dtype=np.uint8)
    return out
