"""The command line, in-process through click's CliRunner (two subprocess tests at the end)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import cleanse
import cleanse.cli
import cleanse.pipeline
from cleanse.cli import main
from cleanse.extract import NOTES_MARKER

STORY = (
    "Storm hits coast today\n\n"
    "WASHINGTON (AP) — The storm hit the coast on Monday night and knocked out power to "
    "thousands of homes across the region, officials said.\n\n"
    "Emergency crews worked through the night to clear roads blocked by fallen trees, "
    "the mayor told reporters.\n\n"
    "Leave a Reply\n\n"
    "The Associated Press contributed to this report.\n"
)
BODY_1 = "WASHINGTON (AP) — The storm hit the coast on Monday night"
BODY_2 = "Emergency crews worked through the night to clear roads"

OTHER = (
    "Markets rally on rate hopes\n\n"
    "Stocks rose sharply on Tuesday as investors bet that the central bank would cut "
    "interest rates before the end of the year, traders said.\n\n"
    "Share this:\n"
)

HTML_PAGE = """<!DOCTYPE html><html><head><title>Storm hits coast | Daily Ledger</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Storm hits coast</h1>
<p>The storm hit the coast on Monday night and knocked out power to thousands of homes across
the region, officials said.</p>
<p>Emergency crews worked through the night to clear roads blocked by fallen trees and debris,
the mayor told reporters.</p>
</article><footer>Copyright 2024 Daily Ledger</footer></body></html>
"""

# Starts with text and has few tags, so it is not sniffed as HTML: only --input html parses it.
HTML_FRAGMENT = (
    "Storm hits coast\n"
    "<p>The storm hit the coast on Monday night and knocked out power to thousands of homes "
    "across the region, officials said.</p>\n"
    "<p>Emergency crews worked through the night to clear roads blocked by fallen trees and "
    "debris, the mayor told reporters.</p>\n"
)

# A paragraph of well over 12 words that two wire reprints share.
SHARED = (
    "Senior officials from both countries were already set to hold security talks on "
    "January 10 in Geneva, the foreign ministry said in a statement on Sunday."
)


def invoke(args: list[str], input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, args, input=input)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- pages -------------------------------------------------------------------------------


def test_stdin_text_in_clean_text_out() -> None:
    result = invoke([], input=STORY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("Storm hits coast today\n\n")
    assert BODY_1 in out and BODY_2 in out
    assert "Leave a Reply" not in out
    # The tagline moves out of the body into the notes section.
    body, marker, notes = out.partition(NOTES_MARKER)
    assert marker and "contributed to this report" not in body
    assert "[contributor] The Associated Press contributed to this report." in notes


def test_dash_means_stdin(tmp_path: Path) -> None:
    other = write(tmp_path / "other.txt", OTHER)
    result = invoke([str(other), "-"], input=STORY)
    assert result.exit_code == 0, result.stderr
    assert f"==> {other} <==" in result.stdout
    assert "==> - <==" in result.stdout
    assert result.stdout.index("Stocks rose sharply") < result.stdout.index(BODY_1)


def test_html_is_sniffed_from_stdin() -> None:
    result = invoke([], input=HTML_PAGE)
    assert result.exit_code == 0, result.stderr
    assert "<p>" not in result.stdout and "<nav>" not in result.stdout
    assert result.stdout.startswith("Storm hits coast\n\n")
    assert "knocked out power to thousands of homes" in result.stdout
    assert "Home News" not in result.stdout


def test_input_option_overrides_sniffing(tmp_path: Path) -> None:
    page = write(tmp_path / "fragment.txt", HTML_FRAGMENT)
    auto = invoke([str(page)])
    as_html = invoke(["--input", "html", str(page)])
    as_text = invoke(["--input", "text", "-"], input=HTML_PAGE)
    assert auto.exit_code == as_html.exit_code == as_text.exit_code == 0
    assert "<p>The storm hit the coast" in auto.stdout  # too few tags: read as text
    assert "<p>" not in as_html.stdout
    assert "The storm hit the coast on Monday night" in as_html.stdout
    assert "<nav>" in as_text.stdout  # a real HTML page forced through the text reader


def test_format_json_has_document_keys(tmp_path: Path) -> None:
    page = write(tmp_path / "story.txt", STORY)
    result = invoke(["--format", "json", str(page)])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert {"title", "text", "provenance", "removed", "metadata"} <= record.keys()
    assert record["title"] == "Storm hits coast today"
    assert record["text"].startswith(BODY_1)
    assert {"text": "Leave a Reply", "reason": "scaffold",
            "rule": "en.comments.leave_reply"} in record["removed"]
    kinds = {note["kind"] for note in record["provenance"]}
    assert {"dateline_agency", "contributor"} <= kinds
    assert record["metadata"]["authors"] == []


def test_format_jsonl_one_line_per_file(tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", STORY)
    second = write(tmp_path / "b.txt", OTHER)
    result = invoke(["--format", "jsonl", str(first), str(second)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    titles = [r["title"] for r in records]
    assert titles == ["Storm hits coast today", "Markets rally on rate hopes"]
    assert "==>" not in result.stdout


def test_no_notes_drops_the_provenance_section() -> None:
    with_notes = invoke([], input=STORY)
    without = invoke(["--no-notes"], input=STORY)
    assert with_notes.exit_code == without.exit_code == 0
    assert NOTES_MARKER in with_notes.stdout
    assert NOTES_MARKER not in without.stdout
    assert "[contributor]" not in without.stdout
    assert without.stdout == with_notes.stdout.split("\n" + NOTES_MARKER)[0]


def test_explain_lists_removals_with_reason_and_rule() -> None:
    result = invoke(["--explain"], input=STORY)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "- scaffold [en.comments.leave_reply] Leave a Reply" in lines
    assert ("- provenance_line [en.contributor.contributed] "
            "The Associated Press contributed to this report.") in lines
    assert any(line.startswith("+ note dateline_agency (Associated Press)") for line in lines)
    assert "\x1b[" not in result.stdout  # no colour when stdout is not a terminal


def test_several_files_give_one_document_each(tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", STORY)
    second = write(tmp_path / "b.txt", OTHER)
    result = invoke([str(first), str(second)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.count("==> ") == 2
    head_a, head_b = out.index(f"==> {first} <=="), out.index(f"==> {second} <==")
    assert head_a < out.index(BODY_1) < head_b < out.index("Stocks rose sharply")
    assert "Share this:" not in out


# --- output files ------------------------------------------------------------------------


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    page = write(tmp_path / "a.txt", STORY)
    target = tmp_path / "out.txt"
    result = invoke([str(page), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == invoke([str(page)]).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.txt"]


def test_failed_run_leaves_old_output_untouched(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first = write(tmp_path / "a.txt", STORY)
    second = write(tmp_path / "b.txt", OTHER)
    target = write(tmp_path / "out.txt", "old content\n")
    real_clean = cleanse.pipeline.clean
    calls: list[str] = []

    def failing_clean(data: bytes, **kwargs: Any) -> cleanse.Document:
        calls.append(kwargs["name"])
        if len(calls) == 2:
            raise RuntimeError("boom on the second file")
        return real_clean(data, **kwargs)

    monkeypatch.setattr(cleanse.pipeline, "clean", failing_clean)
    result = invoke([str(first), str(second), "-o", str(target)])
    assert calls == [str(first), str(second)]  # the first file was cleaned and written
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError)
    assert target.read_text(encoding="utf-8") == "old content\n"
    # No temporary file is left beside the target.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "out.txt"]


# --- errors ------------------------------------------------------------------------------


def test_missing_input_is_one_line_and_the_rest_still_runs(tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", STORY)
    missing = tmp_path / "missing.txt"
    second = write(tmp_path / "b.txt", OTHER)
    result = invoke([str(first), str(missing), str(second)])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 1
    assert "missing.txt" in errors[0]
    assert "Traceback" not in result.stderr
    assert BODY_1 in result.stdout and "Stocks rose sharply" in result.stdout


def test_bad_option_exits_2() -> None:
    result = invoke(["--no-such-option"], input=STORY)
    assert result.exit_code == 2
    assert "--no-such-option" in result.stderr
    assert result.stdout == ""


def test_bad_choice_exits_2() -> None:
    result = invoke(["--format", "yaml"], input=STORY)
    assert result.exit_code == 2
    assert "yaml" in result.stderr


# --- corpus mode -------------------------------------------------------------------------

CORPUS_LINES = [
    json.dumps({"id": "r1", "lang": "en", "text": STORY}),
    json.dumps({"id": "r2", "lang": "en", "html": HTML_PAGE, "url": "https://example.com/storm"}),
    '{"id": "r3", "lang": "en", "text": ',
    json.dumps({"id": "r4", "lang": "de", "text": OTHER}),
    json.dumps({"id": "r5", "lang": "fr", "text": "Short one."}),
]


def check_corpus_output(records: list[dict[str, Any]]) -> None:
    assert [r["id"] for r in records] == ["r1", "r2", "r4", "r5"]
    assert [r["lang"] for r in records] == ["en", "en", "de", "fr"]
    for record in records:
        assert {"title", "text", "provenance", "removed", "metadata"} <= record.keys()
        assert "html" not in record
    r1, r2, r4, r5 = records
    assert r1["title"] == "Storm hits coast today"
    assert r1["text"].startswith(BODY_1) and "Leave a Reply" not in r1["text"]
    assert "scaffold" in {r["reason"] for r in r1["removed"]}
    assert r2["url"] == "https://example.com/storm"
    assert "<p>" not in r2["text"] and "knocked out power" in r2["text"]
    assert r4["text"].startswith("Stocks rose sharply")
    assert r5["text"] == "Short one."


def test_corpus_skips_a_malformed_line_and_reports_it(tmp_path: Path) -> None:
    corpus = write(tmp_path / "crawl.jsonl", "\n".join(CORPUS_LINES) + "\n")
    result = invoke([str(corpus)])
    assert result.exit_code == 1
    check_corpus_output(jsonl(result.stdout))
    errors = result.stderr.splitlines()
    assert len(errors) == 1
    assert "line 3" in errors[0]


def test_corpus_from_stdin_with_input_jsonl() -> None:
    result = invoke(["--input", "jsonl", "-"], input="\n".join(CORPUS_LINES) + "\n")
    assert result.exit_code == 1
    check_corpus_output(jsonl(result.stdout))
    assert "line 3" in result.stderr


def test_corpus_gzip_in_and_out(tmp_path: Path) -> None:
    corpus = tmp_path / "crawl.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(CORPUS_LINES) + "\n")
    target = tmp_path / "out.jsonl.gz"
    result = invoke([str(corpus), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "line 3" in result.stderr
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        check_corpus_output(jsonl(handle.read()))


# --- dedup -------------------------------------------------------------------------------

DUP_A = json.dumps({"id": "wire-1", "text": f"Talks set for Geneva\n\n{SHARED}\n\n"
                    "The talks are the first in more than a year, diplomats said."})
DUP_B = json.dumps({"id": "reprint-2", "text": "Geneva talks ahead\n\n"
                    "Local reaction was muted on Monday in the capital, residents said.\n\n"
                    f"{SHARED}"})


def test_dedup_links_a_shared_paragraph_to_the_first_doc(tmp_path: Path) -> None:
    corpus = write(tmp_path / "wire.jsonl", f"{DUP_A}\n{DUP_B}\n")
    result = invoke(["--dedup", str(corpus)])
    assert result.exit_code == 0, result.stderr
    first, second = jsonl(result.stdout)
    assert not first.get("duplicates")
    links = [link for link in second["duplicates"] if link]
    assert len(links) == 1
    assert links[0]["doc_id"] == "wire-1"
    assert links[0]["similarity"] >= 0.5
    assert SHARED in second["text"]  # linked, not dropped


def test_dedup_drop_removes_the_shared_paragraph(tmp_path: Path) -> None:
    corpus = write(tmp_path / "wire.jsonl", f"{DUP_A}\n{DUP_B}\n")
    result = invoke(["--dedup", "--drop", str(corpus)])
    assert result.exit_code == 0, result.stderr
    first, second = jsonl(result.stdout)
    assert SHARED in first["text"]
    assert SHARED not in second["text"]
    assert "Local reaction was muted" in second["text"]
    dropped = [r for r in second["removed"] if r["reason"] == "near_duplicate"]
    assert [r["text"] for r in dropped] == [SHARED]
    assert "wire-1" in dropped[0]["rule"]


def test_dedup_index_persists_across_runs(tmp_path: Path) -> None:
    index = tmp_path / "index.db"
    run_1 = invoke(["--dedup", "--index", str(index), str(write(tmp_path / "a.jsonl", DUP_A))])
    assert run_1.exit_code == 0, run_1.stderr
    assert index.exists()
    run_2 = invoke(["--dedup", "--index", str(index), str(write(tmp_path / "b.jsonl", DUP_B))])
    assert run_2.exit_code == 0, run_2.stderr
    (record,) = jsonl(run_2.stdout)
    assert [link["doc_id"] for link in record["duplicates"] if link] == ["wire-1"]
    # Without the index, the second run alone finds nothing.
    alone = invoke(["--dedup", str(tmp_path / "b.jsonl")])
    assert not jsonl(alone.stdout)[0].get("duplicates")


def test_dedup_across_page_files_uses_file_names(tmp_path: Path) -> None:
    first = write(tmp_path / "first.txt", f"Talks set for Geneva\n\n{SHARED}\n")
    second = write(tmp_path / "second.txt", f"Geneva talks ahead\n\n{SHARED}\n")
    result = invoke(["--dedup", "--format", "jsonl", str(first), str(second)])
    assert result.exit_code == 0, result.stderr
    _, record = jsonl(result.stdout)
    assert [link["doc_id"] for link in record["duplicates"] if link] == [str(first)]


# --- version and pipes (subprocess: these are about the real process) -------------------


def test_version_in_process() -> None:
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert cleanse.__version__ in result.stdout


def test_python_m_cleanse_version() -> None:
    done = subprocess.run([sys.executable, "-m", "cleanse", "--version"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"cleanse, version {cleanse.__version__}"


#: Linux pipes buffer 64 KiB; this input's clean text is several times that, so `head` closes
#: the pipe while cleanse is still writing.
PIPE_PARAGRAPHS = 4000


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("".join(f"Paragraph number {i} tells of the storm that hit the coast on "
                           f"Monday night.\n\n" for i in range(PIPE_PARAGRAPHS)), encoding="utf-8")
    assert big.stat().st_size > 4 * 65536
    command = f'"{sys.executable}" -m cleanse "{big}" | head -n 1; exit "${{PIPESTATUS[0]}}"'
    done = subprocess.run(command, shell=True, executable="/bin/bash", capture_output=True,
                          text=True, timeout=120, check=False)
    first = "Paragraph number 0 tells of the storm that hit the coast on Monday night.\n"
    assert done.stdout == first
    assert done.stderr == ""
    assert done.returncode == 0


def test_several_pages_as_text_are_separated_and_as_json_form_one_array(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Title one here\n\nBody one is here.\n", encoding="utf-8")
    second.write_text("Title two here\n\nBody two is here.\n", encoding="utf-8")
    text = CliRunner().invoke(main, [str(first), str(second)])
    assert text.exit_code == 0
    assert f"Body one is here.\n\n==> {second} <==\n" in text.stdout
    as_json = CliRunner().invoke(main, ["--format", "json", str(first), str(second)])
    docs = json.loads(as_json.stdout)
    assert [d["title"] for d in docs] == ["Title one here", "Title two here"]


def test_corpus_mode_reports_an_unreadable_input_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g", "text": "The council met on Monday."}) + "\n",
                    encoding="utf-8")
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(good.read_bytes())[:20])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, [str(tmp_path / "missing.jsonl"), str(broken), str(good),
                                       "-o", str(out)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["g"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and "missing.jsonl" in errors[0] and "broken.jsonl.gz" in errors[1]


def test_records_with_null_ids_still_link_as_duplicates(tmp_path: Path) -> None:
    story = ("Senior officials were already set to hold security talks on Jan. 10 in Geneva "
             "to discuss the situation, officials said.")
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": None, "text": story}) + "\n" for _ in range(2)),
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["--dedup", "--drop", str(source)])
    texts = [json.loads(line)["text"] for line in result.stdout.splitlines()]
    assert texts == [story, ""]


@pytest.mark.parametrize("option", [["--format", "text"], ["--format", "json"], ["--no-notes"],
                                    ["--explain"], ["--url", "https://example.com/"]])
def test_corpus_mode_refuses_options_it_cannot_honour(tmp_path: Path, option: list[str]) -> None:
    corpus = write(tmp_path / "crawl.jsonl", "\n".join(CORPUS_LINES) + "\n")
    result = invoke([str(corpus), *option])
    assert result.exit_code == 2
    assert option[0] in result.stderr and "corpus mode" in result.stderr
    assert result.stdout == ""


def test_corpus_mode_refuses_a_page_among_corpora(tmp_path: Path) -> None:
    corpus = write(tmp_path / "crawl.jsonl", "\n".join(CORPUS_LINES) + "\n")
    page = write(tmp_path / "page.txt", STORY)
    result = invoke([str(corpus), str(page)])
    assert result.exit_code == 2
    assert "page.txt" in result.stderr
    assert result.stdout == ""


def test_corpus_mode_accepts_format_jsonl(tmp_path: Path) -> None:
    corpus = write(tmp_path / "crawl.jsonl", "\n".join(CORPUS_LINES) + "\n")
    result = invoke([str(corpus), "--format", "jsonl"])
    assert result.exit_code == 1  # line 3 is malformed
    check_corpus_output(jsonl(result.stdout))
