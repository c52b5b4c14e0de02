"""Corpus mode: JSONL(.gz) records in, cleaned records out; a bad record is reported, not fatal."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from .config import CleanConfig
from .dedup import Deduplicator
from .errors import CleanseError, RecordError
from .pipeline import clean
from .write import corpus_record

_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One record's result: the output record, or the error that made the run skip it."""

    line: int
    record: dict[str, Any] | None = None
    error: str | None = None


def is_jsonl_path(name: str) -> bool:
    """Whether a file name says JSONL.

    >>> is_jsonl_path("crawl.jsonl.gz"), is_jsonl_path("page.html")
    (True, False)
    """
    return name.lower().endswith(_JSONL_SUFFIXES)


def open_text(path: Path) -> IO[str]:
    """Open a possibly gzipped text file."""
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def parse_record(line: str, number: int) -> dict[str, Any]:
    """One JSONL line as a record with an ``id`` and an ``html`` or ``text`` field."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"line {number}: not valid JSON ({exc.msg})") from exc
    if not isinstance(record, dict):
        raise RecordError(f"line {number}: a record must be a JSON object")
    if not isinstance(record.get("html", record.get("text")), str):
        raise RecordError(f"line {number}: record has no 'html' or 'text' string")
    return record


def clean_records(lines: Iterable[str], config: CleanConfig | None = None,
                  dedup: Deduplicator | None = None) -> Iterator[Outcome]:
    """Clean each JSONL line; yield an Outcome per non-blank line, in order.

    >>> [o.error or o.record["text"] for o in clean_records(['{"id": 1, "text": "Hi there."}', '{'])]
    ['Hi there.', 'line 2: not valid JSON (Expecting property name enclosed in double quotes)']
    """
    config = config or CleanConfig()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = parse_record(line, number)
            html = record.get("html")
            doc = clean(html if isinstance(html, str) else record["text"], url=record.get("url"),
                        config=_format_for(record, config), dedup=dedup,
                        doc_id=str(record.get("id", number)), name=f"line {number}")
        except CleanseError as exc:
            yield Outcome(number, error=exc.format_message())
            continue
        except Exception as exc:  # one broken page must not end a corpus run
            yield Outcome(number, error=f"line {number}: {type(exc).__name__}: {exc}")
            continue
        yield Outcome(number, record=corpus_record(record, doc))


def _format_for(record: dict[str, Any], config: CleanConfig) -> CleanConfig:
    return replace(config, input_format="html" if isinstance(record.get("html"), str) else "text")
