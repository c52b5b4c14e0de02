"""The whole-corpus run behind ``cleanse dedup``: sign on every core, cluster, write.

1. Sign: chunks of JSONL lines go to worker processes, which parse, split (or clean) and sign
   them; the main process keeps only the compact arrays (about 270 bytes per paragraph), so
   memory grows with the index, not with the text.
2. Cluster (:func:`~.cluster.cluster_corpus`) over documents in id order, so the result does not
   depend on the input order.
3. Write: the input is read again (or the spool of cleaned records) and every record gains
   ``paragraph_clusters`` and ``doc_cluster``; a reprint gets a ``reprint_of`` note; ``drop``
   removes the copies that are not the representative one. The output is written atomically.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from multiprocessing import Pool
from typing import IO

import numpy as np

from .annotate import Layout, annotated_lines, good_lines
from .cluster import Corpus, cluster_corpus
from .corpus_io import DocInfo, SignedChunk, SignJob, sign_chunk
from .minhash import HashParams
from .verify import Thresholds

#: Lines per worker job: large enough that numpy works on big batches, small enough to stream.
CHUNK_LINES = 2000
Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """Settings of a corpus run (see ``cleanse dedup --help``)."""

    clean: bool = False
    drop: bool = False
    #: Worker processes; 0 means one per core.
    workers: int = 0
    params: HashParams = field(default_factory=HashParams)
    thresholds: Thresholds = field(default_factory=Thresholds)


@dataclass(slots=True)
class DedupReport:
    """What a run did: counts, and one line per skipped record."""

    documents: int = 0
    paragraphs: int = 0
    linked_paragraphs: int = 0
    reprints: int = 0
    dropped_paragraphs: int = 0
    errors: list[str] = field(default_factory=list)


def dedup_corpus(lines: Callable[[], AbstractContextManager[Iterable[str]]], out: IO[str],
                 options: DedupOptions | None = None, progress: Progress | None = None,
                 rereadable: bool = True) -> DedupReport:
    """Cluster a JSONL corpus's paragraphs and documents and write the annotated records.

    ``lines`` opens the input (a file, or a context giving its lines); it is called twice
    unless the records are spooled to a temporary file: the cleaned ones (``clean``), or the
    input as read when it cannot be read again (``rereadable`` false: a pipe, or a WARC whose
    pages would be decoded twice).
    """
    options = options or DedupOptions()
    report = DedupReport()
    with ExitStack() as stack:
        spool = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")) \
            if options.clean or not rereadable else None
        source = stack.enter_context(lines())
        if spool is not None and not options.clean:
            source = _copied(source, spool)
        corpus, layout = _sign_all(source, options, report, spool if options.clean else None,
                                   progress)
        clusters = cluster_corpus(corpus, options.params, options.thresholds)
        if spool is not None:
            spool.seek(0)
            records: Iterator[str] = iter(spool) if options.clean \
                else good_lines(iter(spool), layout.docs)
        else:
            records = good_lines(iter(stack.enter_context(lines())), layout.docs)
        for seq, line in enumerate(annotated_lines(records, layout, corpus, clusters, options.drop,
                                                   report)):
            out.write(line)
            if progress and seq % CHUNK_LINES == 0:
                progress("written", seq)
    return report


def _copied(source: Iterable[str], spool: IO[str]) -> Iterator[str]:
    """``source``'s lines, each also written to ``spool`` (one line each, for the second read)."""
    for line in source:
        spool.write(line if line.endswith("\n") else line + "\n")
        yield line


def _sign_all(source: Iterable[str], options: DedupOptions, report: DedupReport, spool: IO[str] | None,
              progress: Progress | None) -> tuple[Corpus, Layout]:
    chunks: list[SignedChunk] = []
    jobs = _jobs(source, options)
    workers = options.workers or os.cpu_count() or 1
    with _mapper(workers) as mapper:
        for chunk in mapper(sign_chunk, jobs):
            report.errors.extend(chunk.errors)
            if spool is not None:
                spool.writelines(line + "\n" for line in chunk.cleaned)
                chunk.cleaned = []
            chunks.append(chunk)
            report.documents += len(chunk.docs)
            if progress:
                progress("signed", report.documents)
    docs = [doc for chunk in chunks for doc in chunk.docs]
    return _canonical(docs, chunks)


@contextmanager
def _mapper(workers: int) -> Iterator[Callable[..., Iterator[SignedChunk]]]:
    if workers <= 1:
        yield map
        return
    with Pool(workers) as pool:
        yield lambda fn, jobs: pool.imap(fn, jobs)


def _jobs(source: Iterable[str], options: DedupOptions) -> Iterator[SignJob]:
    batch: list[str] = []
    first = 1
    for number, line in enumerate(source, start=1):
        batch.append(line)
        if len(batch) == CHUNK_LINES:
            yield SignJob(first, batch, options.params, options.thresholds, options.clean)
            batch, first = [], number + 1
    if batch:
        yield SignJob(first, batch, options.params, options.thresholds, options.clean)


def _canonical(docs: list[DocInfo], chunks: list[SignedChunk]) -> tuple[Corpus, Layout]:
    """Paragraph arrays with documents in (id, line) order, so input order does not matter.

    Each chunk's rows are moved straight to their final place and the chunk is let go, so the
    signatures exist at most twice (chunks still held, final array), never three times.
    """
    sizes = np.array([d.paragraphs for d in docs], dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    order = sorted(range(len(docs)), key=lambda k: (docs[k].doc_id, docs[k].line))
    position = np.empty(len(docs), dtype=np.int64)
    position[order] = np.arange(len(docs))
    ordered_sizes = sizes[order]
    new_start = np.cumsum(ordered_sizes) - ordered_sizes
    total = int(sizes.sum())
    dest = np.repeat(new_start[position] - starts, sizes) + np.arange(total)  # input -> canonical
    width = next((c.sig.shape[1] for c in chunks if len(c.count)), HashParams().num_perm)
    sig = np.empty((total, width), dtype=np.uint16)
    count, short = np.empty(total, np.uint32), np.empty(total, bool)
    kind = np.empty(total, np.uint8)
    at = 0
    while chunks:
        chunk = chunks.pop(0)
        rows = dest[at:at + len(chunk.count)]
        sig[rows], count[rows] = chunk.sig, chunk.count
        short[rows], kind[rows] = chunk.short, chunk.kind
        at += len(chunk.count)
    doc_of = np.repeat(np.arange(len(docs)), ordered_sizes)
    long_count = np.bincount(doc_of, weights=np.where(short, 0, count), minlength=len(docs))
    rank_order = sorted(range(len(docs)), key=lambda p: _rank_key(docs[order[p]], float(long_count[p])))
    rank = np.empty(len(docs), dtype=np.int64)
    rank[rank_order] = np.arange(len(docs))
    corpus = Corpus(doc=doc_of, sig=sig, count=count, short=short, kind=kind, doc_rank=rank)
    return corpus, Layout(docs, order, position, np.concatenate((new_start, [total])))


def _rank_key(doc: DocInfo, long_count: float) -> tuple[int, str, float, str, int]:
    """Representative first: earliest known date, then the most complete copy, then the id."""
    return (0, doc.date, -long_count, doc.doc_id, doc.line) if doc.date else \
        (1, "", -long_count, doc.doc_id, doc.line)
