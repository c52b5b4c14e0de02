"""WARC input: HTML responses of a (gzipped) WARC flow through corpus mode like JSONL records."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleanse.cli import main
from cleanse.read import warc_records
from test_cli import HTML_PAGE

PAGE = HTML_PAGE  # the storm page the CLI tests clean


def warc_bytes(compress: bool = True) -> bytes:
    """A WARC with a request, an HTML page in Latin-1 (charset only in the HTTP header), a
    redirect, an image and a second HTML page in UTF-8."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)

    def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=http))

    writer.write_record(writer.create_warc_record("https://a.example/storm", "request",
                                                  payload=io.BytesIO(b"GET /storm HTTP/1.1\r\n\r\n")))
    response("https://a.example/storm", PAGE.replace("Monday", "Montag für").encode("latin-1"),
             "text/html; charset=ISO-8859-1")
    response("https://a.example/old", b"", "text/html", status="301 Moved Permanently")
    response("https://a.example/logo.png", b"\x89PNG\r\n", "image/png")
    response("https://b.example/storm", PAGE.encode("utf-8"), "text/html")
    return buffer.getvalue()


def test_warc_records_keep_only_html_pages_with_their_url_and_charset() -> None:
    records = [json.loads(line) for line in warc_records(io.BytesIO(warc_bytes()), "t.warc.gz")]
    assert [r["url"] for r in records] == ["https://a.example/storm", "https://b.example/storm"]
    assert "Montag für" in records[0]["html"]
    assert all(r["id"].startswith("<urn:uuid:") and r["date"] for r in records)


def test_uncompressed_warc_reads_the_same() -> None:
    plain = [json.loads(line)["url"] for line in warc_records(io.BytesIO(warc_bytes(False)), "t")]
    assert plain == ["https://a.example/storm", "https://b.example/storm"]


def records_of(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_cleanse_a_warc_file_into_jsonl(tmp_path: Path) -> None:
    source = tmp_path / "crawl.warc.gz"
    source.write_bytes(warc_bytes())
    target = tmp_path / "out.jsonl.gz"
    result = CliRunner().invoke(main, [str(source), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        records = records_of(handle.read())
    assert [r["url"] for r in records] == ["https://a.example/storm", "https://b.example/storm"]
    for record in records:
        assert record["title"] == "Storm hits coast"
        assert "knocked out power" in record["text"] and "Home" not in record["text"]
        assert "html" not in record


def test_warc_from_stdin_needs_input_warc() -> None:
    result = CliRunner().invoke(main, ["--input", "warc", "-"], input=warc_bytes())
    assert result.exit_code == 0, result.stderr
    assert len(records_of(result.stdout)) == 2


def test_a_broken_warc_is_one_line_naming_it_and_earlier_pages_are_kept(tmp_path: Path) -> None:
    whole = warc_bytes(compress=False)
    broken = whole + b"this is not a WARC record\r\n\r\n"
    source = tmp_path / "broken.warc"
    source.write_bytes(broken)
    result = CliRunner().invoke(main, [str(source)])
    assert result.exit_code == 1
    assert len(records_of(result.stdout)) == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and "broken.warc" in errors[0] and "WARC" in errors[0]


def test_http_latin1_means_windows_1252_and_a_bom_wins_over_the_header() -> None:
    from cleanse.read import _decode_http

    assert _decode_http("“quoted” – dash".encode("cp1252"), "text/html; charset=ISO-8859-1") \
        == "“quoted” – dash"
    assert _decode_http(b"\xef\xbb\xbfDon\xe2\x80\x99t", "text/html; charset=iso-8859-1") == "Don’t"


def test_cleanse_dedup_reads_a_warc_and_asks_for_clean(tmp_path: Path) -> None:
    source, data = tmp_path / "crawl.warc.gz", warc_bytes()
    source.write_bytes(data)
    refused = CliRunner().invoke(main, ["dedup", str(source)])
    assert refused.exit_code == 2 and "add --clean" in refused.stderr
    result = CliRunner().invoke(main, ["dedup", "--clean", "--workers", "1", str(source)])
    assert result.exit_code == 0, result.output
    records = records_of(result.stdout)
    assert [r["url"] for r in records] == ["https://a.example/storm", "https://b.example/storm"]
    assert all(len(r["paragraph_clusters"]) == len(r["text"].split("\n\n")) for r in records)
    piped = CliRunner().invoke(main, ["dedup", "--clean", "--input", "warc", "--workers", "1", "-"],
                               input=data)
    assert piped.exit_code == 0 and records_of(piped.stdout) == records
