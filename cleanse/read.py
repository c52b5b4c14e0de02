"""Read stage: bytes or str in, decoded text and its detected format out."""

from __future__ import annotations

import codecs
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import charset_normalizer
import regex
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .config import InputFormat
from .errors import InputError, RecordError

# Enough of the page to find a <meta charset> or the first tags.
_SNIFF_BYTES = 4096
_META_CHARSET = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w:.-]{1,40})""", regex.I)
_HTML_START = regex.compile(
    r"\A\s*(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|article|p|section)\b",
    regex.I | regex.S,
)
_HTTP_CHARSET = regex.compile(r"charset\s*=\s*[\"']?([\w:.-]{1,40})", regex.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_TAGS = regex.compile(
    r"</?(?:p|div|span|a|br|li|h[1-6]|article|section|table|td|img)\b[^<>]{0,500}>", regex.I)


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded input and the reader it calls for."""

    text: str
    format: InputFormat


def decode(data: bytes) -> str:
    """Decode bytes by BOM, then declared charset, then detection.

    >>> decode('<meta charset="latin-1"><p>Grüße</p>'.encode("latin-1"))
    '<meta charset="latin-1"><p>Grüße</p>'
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        # A page whose bytes carry an ASCII <meta> cannot be UTF-16/32 (WHATWG: read as UTF-8).
        name = "utf-8" if name.replace("-", "").startswith(("utf16", "utf32")) else name
        try:
            return data.decode(name, errors="replace")
        except LookupError:
            pass  # an unknown charset name: fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:  # binary noise: keep what is readable rather than fail the page
        return data.decode("utf-8", errors="replace")
    return str(best)


def looks_like_html(text: str) -> bool:
    """Whether text is markup rather than already-scraped plain text.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    True
    >>> looks_like_html("Leave a Reply\\nI like <b>this</b> tag")
    False
    """
    head = text[:_SNIFF_BYTES]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(head)) >= 8


def read_source(source: str | bytes, input_format: InputFormat = "auto") -> SourceText:
    """Decode ``source`` and settle which reader it needs."""
    text = decode(source) if isinstance(source, bytes) else source
    if input_format == "auto":
        input_format = "html" if looks_like_html(text) else "text"
    return SourceText(text=text, format=input_format)


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
        raise RecordError(f"line {number}: not valid JSON ({exc.msg}, column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise RecordError(f"line {number}: a record must be a JSON object")
    if not (isinstance(record.get("html"), str) or isinstance(record.get("text"), str)):
        raise RecordError(f"line {number}: record has no 'html' or 'text' string")
    return record


def warc_records(stream: IO[bytes], name: str) -> Iterator[str]:
    """Each HTML page a WARC file (plain or gzipped, also ARC) holds, as one JSONL record line.

    A page is a ``response`` record with a 2xx status and an HTML content type (or a
    ``resource`` record of HTML, as wget writes); other records (requests, metadata, images,
    redirects) are passed over. The record gets ``id`` (WARC-Record-ID), ``url``
    (WARC-Target-URI), ``date`` (WARC-Date) and ``html`` (decoded by the HTTP charset, else as
    :func:`decode` does), so it flows through corpus mode like a JSONL record.
    """
    try:
        for record in ArchiveIterator(stream):
            headers = record.http_headers
            if record.rec_type == "response" and headers is not None:
                if not headers.get_statuscode().startswith("2"):
                    continue
                content_type = headers.get_header("Content-Type") or ""
            elif record.rec_type == "resource":
                content_type = record.rec_headers.get_header("Content-Type") or ""
            else:
                continue
            if not content_type.lower().lstrip().startswith(_HTML_TYPES):
                continue
            yield json.dumps({
                "id": record.rec_headers.get_header("WARC-Record-ID"),
                "url": record.rec_headers.get_header("WARC-Target-URI"),
                "date": record.rec_headers.get_header("WARC-Date"),
                "html": _decode_http(record.content_stream().read(), content_type),
            }, ensure_ascii=False)
    except ArchiveLoadFailed as exc:
        raise InputError(f"{name}: not a readable WARC ({' '.join(exc.msg.split())[:200]})") from exc


def _decode_http(payload: bytes, content_type: str) -> str:
    """Decode as browsers do (WHATWG): a BOM first, then the HTTP header's charset (Latin-1 and
    ASCII labels meaning windows-1252), then the page's own declaration or detection."""
    declared = _HTTP_CHARSET.search(content_type)
    if declared and not payload.startswith(_BOMS):
        name = declared.group(1).lower()
        name = "cp1252" if name in _WINDOWS_1252_LABELS else name
        try:
            return payload.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(payload)


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: Labels the WHATWG Encoding Standard maps to windows-1252.
_WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii",
                                  "ascii", "cp819", "ibm819", "iso-ir-100", "iso_8859-1",
                                  "windows-1252", "x-cp1252", "cp1252"})
