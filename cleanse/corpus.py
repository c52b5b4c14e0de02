"""Corpus mode: JSONL(.gz) records in, cleaned records out; a bad record is reported, not fatal.

Cleaning runs on several cores (``jobs``); near-duplicate linking, which needs the documents in
order, runs in the parent process, so the output is the same whatever the number of jobs.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .config import CleanConfig, InputFormat
from .dedup import Deduplicator
from .errors import CleanseError
from .pipeline import clean, link_duplicates
from .read import parse_record
from .records import Document
from .write import corpus_record

_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz")
#: Records handed to a worker at a time: enough to amortise the hand-over, small enough to
#: keep memory flat.
CHUNK_RECORDS = 16


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


def clean_records(lines: Iterable[str], config: CleanConfig | None = None,
                  dedup: Deduplicator | None = None, jobs: int = 1,
                  skip_lines: int = 0) -> Iterator[Outcome]:
    """Clean each JSONL line; yield an Outcome per non-blank line, in input order.

    ``skip_lines`` lines are passed over (a resumed run has written them already).

    >>> [o.error or o.record["text"] for o in clean_records(['{"id": 1, "text": "Hi there."}', '{'])]
    ['Hi there.', 'line 2: not valid JSON (Expecting property name enclosed in double quotes, column 2)']
    """
    config = config or CleanConfig()
    numbered = ((n, line, config) for n, line in enumerate(lines, start=1)
                if n > skip_lines and line.strip())
    if jobs > 1:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            yield from _link(pool.imap(_clean_line, numbered, chunksize=CHUNK_RECORDS), dedup, config)
    else:
        yield from _link(map(_clean_line, numbered), dedup, config)


def _link(results: Iterable[tuple[int, dict[str, Any] | None, Document | None, str | None]],
          dedup: Deduplicator | None, config: CleanConfig) -> Iterator[Outcome]:
    for number, record, doc, error in results:
        if record is None or doc is None:
            yield Outcome(number, error=error)
            continue
        if dedup is not None:
            # A record without an id is known by its line; null ids must not all become "None".
            doc_id = str(record["id"]) if record.get("id") is not None else f"line {number}"
            doc = link_duplicates(doc, dedup, doc_id, config.drop_near_duplicates)
        yield Outcome(number, record=corpus_record(record, doc))


def _clean_line(item: tuple[int, str, CleanConfig]
                ) -> tuple[int, dict[str, Any] | None, Document | None, str | None]:
    number, line, config = item
    try:
        record = parse_record(line, number)
        html = record.get("html")
        source = html if isinstance(html, str) else record["text"]
        fmt: InputFormat = "html" if isinstance(html, str) else "text"
        doc = clean(source, url=record.get("url"), config=replace(config, input_format=fmt),
                    name=f"line {number}")
    except CleanseError as exc:
        return number, None, None, exc.format_message()
    except Exception as exc:  # one broken page must not end a corpus run
        return number, None, None, f"line {number}: {type(exc).__name__}: {exc}"
    return number, record, doc, None
