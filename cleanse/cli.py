"""The shell face of cleanse: each command parses options, makes one library call, writes."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import IO, cast

import click

from . import __version__
from .config import CleanConfig, InputFormat
from .corpus import (RECORD_TIMEOUT_SECONDS, Outcome, clean_records, is_corpus_path,
                     is_warc_path, open_corpus)
from .dedup import Deduplicator
from .dedup.engine import DedupOptions, dedup_corpus
from .errors import CleanseError, InputError
from .records import Document
from .resume import ResumableOutput
from .write import atomic_output, render_explain, render_json, render_text


class _DefaultGroup(click.Group):
    """`cleanse FILE…` means `cleanse clean FILE…`, so the common case needs no sub-command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "--version")):
            args = ["clean", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultGroup)
@click.version_option(__version__, prog_name="cleanse")
def main() -> None:
    """Turn scraped web pages (HTML or plain text) into clean text with provenance notes.

    \b
      curl -s URL | cleanse            clean one page from stdin
      cleanse page.html notes.txt      one document per file
      cleanse crawl.jsonl.gz -o out.jsonl.gz   corpus mode (JSONL records)
    """


@main.command("clean")
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (atomically) instead of stdout; .gz compresses.")
@click.option("--input", "input_format", default="auto", show_default=True,
              type=click.Choice(["auto", "html", "text", "jsonl", "warc"]),
              help="What the inputs are; auto sniffs HTML, takes .jsonl/.warc(.gz) as corpora.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "jsonl"]),
              help="Output: text (default for pages) or json/jsonl (default for corpora).")
@click.option("--no-notes", is_flag=True, help="Leave the provenance notes out of text output.")
@click.option("--url", help="The page's URL (helps HTML metadata).")
@click.option("--dedup", is_flag=True, help="Link paragraphs that near-duplicate earlier documents.")
@click.option("--drop", is_flag=True, help="With --dedup: drop those paragraphs.")
@click.option("--index", "index_url", help="Keep the dedup index here (SQLite path) across runs.")
@click.option("--explain", is_flag=True, help="Show every removal with its reason and rule.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Corpus mode: clean on this many processes.")
@click.option("--timeout", type=click.FloatRange(min=0), default=RECORD_TIMEOUT_SECONDS,
              show_default=True, help="Corpus mode: skip a record that takes longer (0: no limit).")
def clean_command(inputs: tuple[str, ...], output: Path | None, input_format: str,
                  output_format: str | None, no_notes: bool, url: str | None, dedup: bool,
                  drop: bool, index_url: str | None, explain: bool, jobs: int,
                  timeout: float) -> None:
    """Clean pages (FILE… or stdin) into text, JSON or JSONL records."""
    corpus = input_format in ("jsonl", "warc") or any(is_corpus_path(name) for name in inputs)
    if corpus:
        _check_corpus_options(inputs, input_format, output_format, no_notes, url, explain)
    page_format = cast(InputFormat, "auto" if corpus else input_format)
    config = CleanConfig(drop_near_duplicates=drop, input_format=page_format)
    index = Deduplicator(index_url or "memory://") if (dedup or drop or index_url) else None
    fmt = "explain" if explain else output_format or ("jsonl" if corpus else "text")
    if corpus:
        failed = _run_corpus(inputs or ("-",), output, config, index, jobs, timeout,
                             warc={"warc": True, "jsonl": False}.get(input_format))
    else:
        from .pipeline import clean  # late: `cleanse dedup` and --help need no trafilatura
        with _output(output) as out:
            pages = _PageWriter(out, fmt, notes=not no_notes, many=len(inputs) > 1)
            failed = pages.write_all(inputs or ("-",), lambda data, name: clean(
                data, url=url, config=config, dedup=index, doc_id=_doc_id(name, data), name=name))
    if index is not None:
        index.close()
    sys.exit(1 if failed else 0)


def _check_corpus_options(inputs: tuple[str, ...], input_format: str, output_format: str | None,
                          no_notes: bool, url: str | None, explain: bool) -> None:
    """Refuse what corpus mode cannot honour, rather than ignore it silently."""
    pages = [name for name in inputs if name != "-" and not is_corpus_path(name)]
    if pages and input_format not in ("jsonl", "warc"):
        raise click.UsageError(f"{pages[0]}: a page among JSONL corpora; clean pages and "
                               "corpora in separate runs (or give --input jsonl or warc)")
    unfit = [flag for flag, given in (
        (f"--format {output_format}", output_format not in (None, "jsonl")),
        ("--no-notes", no_notes),  # records keep notes in their own "provenance" field
        ("--url", url is not None),  # each record brings its own "url"
        ("--explain", explain),  # records carry every removal in "removed"
    ) if given]
    if unfit:
        raise click.UsageError(f"{unfit[0]} does not apply to corpus mode, which writes one "
                               "JSONL record per input record (text, provenance, removed, metadata)")


@main.command("dedup")
@click.argument("source", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write records here (atomically; .gz compresses); default stdout.")
@click.option("--input", "input_kind", type=click.Choice(["auto", "jsonl", "warc"]),
              default="auto", show_default=True,
              help="What SOURCE holds (auto: WARC by its name, else JSONL).")
@click.option("--clean", is_flag=True, help="Run the cleaning flow on each record first.")
@click.option("--drop", is_flag=True, help="Remove copies that are not the representative one.")
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes (0: one per core).")
def dedup_command(source: str, output: str, input_kind: str, clean: bool, drop: bool,
                  workers: int) -> None:
    """Cluster near-duplicate paragraphs and reprinted documents across a JSONL or WARC corpus
    ("-": stdin).

    Each record gains paragraph_clusters (per paragraph: null or cluster, origin [doc, index],
    similarity) and doc_cluster; reprints get a reprint_of provenance note.
    """
    warc = input_kind == "warc" or (input_kind == "auto" and is_warc_path(source))
    if warc and not clean:
        raise click.UsageError("WARC pages are HTML: add --clean to extract their text first")
    options = DedupOptions(clean=clean, drop=drop, workers=workers)
    with _output(None if output == "-" else Path(output)) as out:
        # A pipe (stdin, a FIFO) cannot be read twice, and a WARC's pages would be decoded
        # twice: both are spooled to a temporary file as they are read.
        report = dedup_corpus(lambda: open_corpus(source, warc=warc), out, options,
                              _progress_bar(), rereadable=not warc and Path(source).is_file())
    for message in report.errors:
        click.echo(f"cleanse: {source}: {message}", err=True)
    click.echo(f"cleanse: {report.documents} documents, {report.linked_paragraphs} of "
               f"{report.paragraphs} paragraphs linked, {report.reprints} reprints", err=True)
    sys.exit(1 if report.errors else 0)


def _progress_bar() -> Callable[[str, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(phase: str, count: int) -> None:
        sys.stderr.write(f"\rcleanse dedup: {phase} {count:,} records")
        sys.stderr.flush()

    return show


def _doc_id(name: str, data: bytes) -> str:
    """A page's id in the dedup index: its file name, or for stdin a digest of its bytes (every
    stdin page is "-", and a page never links to its own id)."""
    return name if name != "-" else "stdin:" + hashlib.sha1(data).hexdigest()[:16]


class _PageWriter:
    """Writes one document per input: text with "==> name <==" headers, JSON, JSONL or explain."""

    def __init__(self, out: IO[str], fmt: str, notes: bool, many: bool) -> None:
        self.out, self.fmt, self.notes, self.many = out, fmt, notes, many
        self.color = out is sys.stdout and sys.stdout.isatty()

    def write_all(self, names: tuple[str, ...], cleaner: Callable[[bytes, str], Document]) -> int:
        failed, written = 0, 0
        json_array = self.fmt == "json" and self.many
        self.out.write("[\n" if json_array else "")
        for name in names:
            try:
                doc = cleaner(_read_bytes(name), name)
            except CleanseError as exc:
                click.echo(f"cleanse: {exc.format_message()}", err=True)
                failed += 1
                continue
            if written and self.fmt != "jsonl":
                self.out.write(",\n" if json_array else "\n")
            self.out.write(self._render(name, doc))
            written += 1
        self.out.write("\n]\n" if json_array else "")
        return failed

    def _render(self, name: str, doc: Document) -> str:
        header = f"==> {name} <==\n" if self.many and self.fmt in ("text", "explain") else ""
        if self.fmt == "explain":
            return header + render_explain(doc, color=self.color) + "\n"
        if self.fmt == "text":
            return header + render_text(doc, notes=self.notes)
        end = "" if self.fmt == "json" and self.many else "\n"
        return render_json(doc, {"source": name}) + end


def _run_corpus(names: tuple[str, ...], output: Path | None, config: CleanConfig,
                index: Deduplicator | None, jobs: int, timeout: float, warc: bool | None) -> int:
    """Stream records to stdout, or resumably to ``output``; return how many records failed."""
    run_key = json.dumps([names, repr(config), index is not None, timeout, warc])
    with ResumableOutput(output, run_key) if output else nullcontext() as sink:
        done_input, done_line = sink.position if sink else (0, 0)
        progress = _Progress()
        for number, name in enumerate(names):
            if number < done_input:
                continue
            skip = done_line if number == done_input else 0
            try:
                with open_corpus(name, warc) as lines:
                    for outcome in clean_records(lines, config, index, jobs, skip, timeout):
                        _emit(name, number, outcome, sink, progress)
            except (CleanseError, OSError, EOFError, zlib.error) as exc:
                # One unreadable input (missing, truncated gzip) is reported; the others go on.
                message = exc.format_message() if isinstance(exc, CleanseError) else f"{name}: {exc}"
                click.echo(f"cleanse: {message}", err=True)
                progress.failed += 1
                if sink is not None:
                    sink.failed += 1
        progress.close()
        return sink.failed if sink else progress.failed


def _emit(name: str, number: int, outcome: Outcome, sink: ResumableOutput | None,
          progress: _Progress) -> None:
    progress.tick(bool(outcome.error))
    if outcome.error:
        click.echo(f"cleanse: {name}: {outcome.error}", err=True)
    text = json.dumps(outcome.record, ensure_ascii=False) + "\n" if outcome.record else ""
    if sink is None:
        sys.stdout.write(text)
    else:
        sink.failed += bool(outcome.error)
        sink.write(text, (number, outcome.line))


class _Progress:
    """A record counter on stderr, shown only on a terminal."""

    def __init__(self) -> None:
        self.count = self.failed = 0
        self.live = sys.stderr.isatty()

    def tick(self, failed: bool) -> None:
        self.count += 1
        self.failed += failed
        if self.live and self.count % 100 == 0:
            click.echo(f"\rcleanse: {self.count} records, {self.failed} failed", err=True, nl=False)

    def close(self) -> None:
        if self.live and self.count >= 100:
            click.echo(f"\rcleanse: {self.count} records, {self.failed} failed", err=True)


def _read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from exc


@contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
    else:
        with atomic_output(path) as out:
            yield out


def run() -> None:
    """Entry point: `cleanse … | head` ends quietly when the reader goes away."""
    try:
        main(standalone_mode=True)
    except SystemExit as done:
        # click turns a closed pipe (EPIPE) into exit 1 after swapping stdout for a quiet
        # wrapper; the reader leaving is not a failure of ours.
        if done.code == 1 and type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
            sys.exit(0)
        raise
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
