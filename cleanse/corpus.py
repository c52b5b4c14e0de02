"""Corpus mode: JSONL(.gz) or WARC records in, cleaned records out; a bad record is reported.

Cleaning runs on several cores (``jobs``); near-duplicate linking, which needs the documents in
order, runs in the parent process, so the output is the same whatever the number of jobs.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .config import CleanConfig, InputFormat
from .dedup import Deduplicator
from .errors import CleanseError, InputError
from .read import open_text, parse_record, warc_records
from .records import Document
from .write import corpus_record

_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz")
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
#: Records handed to a worker at a time: enough to amortise the hand-over, small enough to
#: keep memory flat.
CHUNK_RECORDS = 16
#: Seconds one record may take before it is reported and skipped (a pathological page must not
#: hold a worker for the rest of the run).
RECORD_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Outcome:
    """One record's result: the output record, or the error that made the run skip it."""

    line: int
    record: dict[str, Any] | None = None
    error: str | None = None


def is_corpus_path(name: str) -> bool:
    """Whether a file name says corpus: JSONL or WARC.

    >>> is_corpus_path("crawl.jsonl.gz"), is_corpus_path("crawl.warc.gz"), is_corpus_path("page.html")
    (True, True, False)
    """
    return name.lower().endswith(_JSONL_SUFFIXES + _WARC_SUFFIXES)


def is_warc_path(name: str) -> bool:
    """Whether a file name says WARC (or ARC), plain or gzipped.

    >>> is_warc_path("CC-MAIN-1.warc.gz"), is_warc_path("crawl.jsonl")
    (True, False)
    """
    return name.lower().endswith(_WARC_SUFFIXES)


@contextmanager
def open_corpus(name: str, warc: bool | None = None) -> Iterator[Iterable[str]]:
    """The record lines of one corpus input ("-": stdin): JSONL lines, or, for a WARC (by its
    name or ``warc``), one JSONL line per HTML page it holds (see :func:`warc_records`)."""
    if warc is None:  # not said: the name tells (stdin is JSONL)
        warc = is_warc_path(name)
    if name == "-":
        yield warc_records(sys.stdin.buffer, "-") if warc else sys.stdin
        return
    try:
        binary = Path(name).open("rb") if warc else None
        text = None if warc else open_text(Path(name))
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from exc
    if binary is not None:
        with binary:
            yield warc_records(binary, name)
    elif text is not None:
        with text:
            yield text


def clean_records(lines: Iterable[str], config: CleanConfig | None = None,
                  dedup: Deduplicator | None = None, jobs: int = 1,
                  skip_lines: int = 0,
                  timeout: float | None = RECORD_TIMEOUT_SECONDS) -> Iterator[Outcome]:
    """Clean each JSONL line; yield an Outcome per non-blank line, in input order.

    ``skip_lines`` lines are passed over (a resumed run has written them already). A record
    that takes longer than ``timeout`` seconds to clean is reported and skipped (POSIX, where
    the cleaning runs on a process's main thread; ``None`` or 0: no limit).

    >>> [o.error or o.record["text"] for o in clean_records(['{"id": 1, "text": "Hi there."}', '{'])]
    ['Hi there.', 'line 2: not valid JSON (Expecting property name enclosed in double quotes, column 2)']
    """
    config = config or CleanConfig()
    numbered = ((n, line, config, timeout or None) for n, line in enumerate(lines, start=1)
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
            from . import pipeline  # late: `cleanse dedup` loads this module and needs no trafilatura
            doc = pipeline.link_duplicates(doc, dedup, doc_id, config.drop_near_duplicates)
        yield Outcome(number, record=corpus_record(record, doc))


class RecordTimeout(BaseException):
    """Raised inside a record's cleaning when its time is up.

    A BaseException, so that the ``except Exception`` guards around trafilatura's own fallbacks
    (and ours) cannot swallow it and let the record run on without a limit.
    """


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (SIGALRM: POSIX, main thread only; else no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise RecordTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _clean_line(item: tuple[int, str, CleanConfig, float | None]
                ) -> tuple[int, dict[str, Any] | None, Document | None, str | None]:
    number, line, config, timeout = item
    try:
        record = parse_record(line, number)
        html = record.get("html")
        source = html if isinstance(html, str) else record["text"]
        fmt: InputFormat = "html" if isinstance(html, str) else "text"
        from . import pipeline  # late, as above
        with _deadline(timeout):
            doc = pipeline.clean(source, url=record.get("url"), name=f"line {number}",
                                 config=replace(config, input_format=fmt))
    except RecordTimeout:
        return number, None, None, f"line {number}: cleaning took over {timeout:g} s; skipped"
    except CleanseError as exc:
        return number, None, None, exc.format_message()
    except Exception as exc:  # one broken page must not end a corpus run
        return number, None, None, f"line {number}: {type(exc).__name__}: {exc}"
    return number, record, doc, None
