"""Dedup: signatures, the streaming index, the corpus clustering and `cleanse dedup`."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from datasketch import MinHashLSH

from cleanse.cli import main
from cleanse.dedup import Deduplicator
from cleanse.dedup.engine import DedupOptions, dedup_corpus
from cleanse.dedup.minhash import lean_minhash, signatures, stored

STORY = [
    "Senior officials from both countries were already set to hold security talks on Jan. 10 "
    "in Geneva, the foreign ministry said on Monday evening after a long cabinet meeting.",
    "The talks follow weeks of rising tension along the border, where thousands of troops have "
    "gathered since the autumn and several villages were evacuated by the local authorities.",
    "Diplomats from three neighbouring states will attend as observers, and a joint statement is "
    "expected at the end of the first day of negotiations in the Swiss city next week.",
    "He said.",
]
OTHER = [
    "The city council approved a new budget for public libraries on Tuesday, adding funds for "
    "longer opening hours and a mobile library that will visit outlying districts twice a week.",
    "Librarians welcomed the decision but warned that staff shortages could delay the extended "
    "hours until the spring, when newly trained assistants are due to start work in the branches.",
    "He said.",
]


def _ocr(text: str, rate: float, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice("rnilc0") if ch.isalpha() and rng.random() < rate else ch
                   for ch in text)


def test_signatures_survive_ocr_noise_and_glued_words() -> None:
    noisy = _ocr(STORY[0], 0.02, 1).replace("security talks", "securitytalks")
    sigs, _ = signatures([STORY[0], noisy, OTHER[0]])
    assert (sigs[0] == sigs[1]).mean() >= 0.55
    assert (sigs[0] == sigs[2]).mean() < 0.1


def test_signatures_load_into_datasketch_lsh() -> None:
    sigs, _ = signatures([STORY[0], STORY[0].replace("Senior", "Top"), OTHER[0]])
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    lsh.insert("a", lean_minhash(sigs[0]))
    assert lsh.query(lean_minhash(sigs[1])) == ["a"]
    assert lsh.query(lean_minhash(sigs[2])) == []


def test_stored_signature_is_small() -> None:
    sigs, _ = signatures(STORY)
    assert stored(sigs).nbytes / len(STORY) == 256


def test_streaming_index_links_copies_but_not_generic_lines_across_stories() -> None:
    index = Deduplicator()
    assert index.add("story", STORY) == [None] * 4
    links = index.add("other", OTHER)
    assert links == [None, None, None]          # "He said." alone never links two stories
    reprint = index.add("reprint", [STORY[1], STORY[0], "He said."])
    assert [(link.doc_id, link.index) for link in reprint if link] == [
        ("story", 1), ("story", 0), ("story", 3)]


def _records(with_reorder: bool = False) -> list[dict[str, object]]:
    reprint = [STORY[0].replace("Senior", "Top"), _ocr(STORY[1], 0.01, 2), STORY[2], "He said."]
    split = STORY[2].split(", and ")
    records = [
        {"id": "wire", "title": "Talks in Geneva", "text": "Talks in Geneva\n\n" + "\n\n".join(STORY)},
        {"id": "copy", "date": "2024-01-01", "text": "\n\n".join(reprint)},
        {"id": "trimmed", "text": "\n\n".join([STORY[0], STORY[1], split[0] + ".", "and " + split[1]])},
        {"id": "library", "text": "\n\n".join(OTHER)},
    ]
    if with_reorder:
        records.reverse()
    return records


def _run(tmp_path: Path, records: list[dict[str, object]], **options: object) -> dict[str, dict]:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        dedup_corpus(lambda: source.open(encoding="utf-8"), handle,
                     DedupOptions(workers=1, **options))  # type: ignore[arg-type]
    return {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def test_corpus_clusters_reprints_fragments_and_keeps_stories_apart(tmp_path: Path) -> None:
    out = _run(tmp_path, _records())
    wire, copy, trimmed, library = (out[k]["paragraph_clusters"]
                                    for k in ("wire", "copy", "trimmed", "library"))
    assert wire[0] is None                                   # the headline has no copy
    assert copy[0]["cluster"] == wire[1]["cluster"]          # copy edit
    assert copy[1]["cluster"] == wire[2]["cluster"]          # OCR noise
    assert trimmed[2]["cluster"] == trimmed[3]["cluster"] == wire[3]["cluster"]  # split paragraph
    assert copy[3]["cluster"] == wire[4]["cluster"]          # "He said." inside the story
    assert library == [None, None, None]                     # ... but not across stories
    # the dated copy is the representative; the others are reprints of it
    assert {out[k]["doc_cluster"] for k in ("wire", "copy", "trimmed")} == {"copy"}
    assert out["library"]["doc_cluster"] == "library"
    assert wire[1]["origin"] == ["copy", 0]
    assert out["wire"]["provenance"][-1]["kind"] == "reprint_of"
    assert "provenance" not in out["copy"]


def test_corpus_result_does_not_depend_on_input_order(tmp_path: Path) -> None:
    forward = _run(tmp_path, _records())
    backward = _run(tmp_path, _records(with_reorder=True))
    assert forward == backward


def test_drop_keeps_only_the_representative_copies(tmp_path: Path) -> None:
    out = _run(tmp_path, _records(), drop=True)
    assert out["copy"]["text"].startswith("Top officials")
    assert STORY[0] not in out["wire"]["text"] and "Talks in Geneva" in out["wire"]["text"]
    assert out["library"]["text"] == "\n\n".join(OTHER)


def test_cli_dedup_reports_bad_records_and_writes_atomically(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl.gz"
    lines = [json.dumps(r) for r in _records()]
    lines.insert(2, "{not json")
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    target = tmp_path / "out.jsonl.gz"
    result = CliRunner().invoke(main, ["dedup", str(source), "-o", str(target), "--workers", "2"])
    assert result.exit_code == 1
    assert "line 3: not valid JSON" in result.stderr
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    assert [r["id"] for r in records] == ["wire", "copy", "trimmed", "library"]
    assert all(len(r["paragraph_clusters"]) == len(r["text"].split("\n\n")) for r in records)
    assert not list(tmp_path.glob(".out.jsonl.gz.*"))


def test_cli_dedup_clean_runs_the_cleaning_flow(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    page = "\n\n".join(STORY[:3]) + "\n\nLeave a Reply"
    source.write_text(json.dumps({"id": "a", "text": page}) + "\n"
                      + json.dumps({"id": "b", "text": page}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["dedup", "--clean", "--workers", "1", str(source)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert "Leave a Reply" not in records[0]["text"]
    assert records[1]["doc_cluster"] == records[0]["doc_cluster"]


def test_cli_dedup_reads_stdin_as_it_reads_a_file(tmp_path: Path) -> None:
    lines = "".join(json.dumps(r) + "\n" for r in _records())
    source = tmp_path / "in.jsonl"
    source.write_text(lines, encoding="utf-8")
    from_file = CliRunner().invoke(main, ["dedup", "--workers", "1", str(source)])
    from_pipe = CliRunner().invoke(main, ["dedup", "--workers", "1", "-"], input=lines)
    assert from_pipe.exit_code == 0, from_pipe.output
    assert from_pipe.stdout == from_file.stdout
    assert json.loads(from_pipe.stdout.splitlines()[0])["doc_cluster"] == "copy"


def test_cli_dedup_reports_an_html_record_without_clean() -> None:
    lines = json.dumps({"id": "page", "html": "<p>x</p>"}) + "\n" + json.dumps(_records()[3]) + "\n"
    result = CliRunner().invoke(main, ["dedup", "--workers", "1", "-"], input=lines)
    assert result.exit_code == 1
    assert "line 1: an HTML record (no 'text' field) needs --clean" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["library"]


def test_vectorised_signature_matches_one_at_a_time() -> None:
    together, _ = signatures(STORY + OTHER)
    alone = np.stack([signatures([text])[0][0] for text in STORY + OTHER])
    assert np.array_equal(together, alone)


def test_shingle_hashes_do_not_depend_on_the_batch_s_alphabet() -> None:
    latin = ["Grüße aus Köln, sagte der Bürgermeister am Montag."]
    wide = ["Cześć świecie, jak się dzisiaj masz?"]
    assert np.array_equal(signatures(latin)[0], signatures(latin + wide)[0][:1])
    assert (signatures(latin + wide)[0][0] == signatures(latin + wide)[0][1]).mean() < 0.1


def test_a_lone_part_joins_its_copies_not_the_merged_paragraph(tmp_path: Path) -> None:
    first, second = STORY[0], STORY[1] + " " + STORY[2]   # second is the longer part
    head, tail = first.split(", the ")
    edited = first.replace("Senior", "Top")
    # the parts share more with the merged paragraph (unedited) than with their edited copies
    docs = [("a", [edited, second]), ("b", [edited, second]),
            ("c", [head + ".", "The " + tail, second]), ("m", [first + " " + second])]
    docs = [(k, [*v, OTHER[0]]) for k, v in docs]          # one more shared paragraph: one story
    out = _run(tmp_path, [{"id": k, "text": "\n\n".join(v)} for k, v in docs])
    clusters = {k: [e and e["cluster"] for e in out[k]["paragraph_clusters"]] for k in out}
    assert clusters["m"][0] == clusters["a"][1]          # merged: the longer part's cluster
    assert clusters["c"][0] == clusters["c"][1] == clusters["a"][0]   # split parts: their source


def test_new_fields_are_spliced_into_the_line_or_merged_with_existing_ones(tmp_path: Path) -> None:
    note = {"kind": "credit", "text": "AP"}
    records = [{"id": "a", "text": "\n\n".join(STORY)},
               {"id": "b", "text": "\n\n".join(STORY), "provenance": [note], "doc_cluster": "x"}]
    out = _run(tmp_path, records)
    assert out["b"]["doc_cluster"] == "a"
    assert out["b"]["provenance"][0] == note and out["b"]["provenance"][1]["kind"] == "reprint_of"
    assert out["a"]["text"] == records[0]["text"] and "provenance" not in out["a"]


@pytest.mark.parametrize("lines", [[], ['{"id": 1, "text": "x"}'],
                                   ['{"id": 1, "text": "One story about the council vote."}'],
                                   ['{"id": 2, "text": "Bad \\u0000 record with a nul byte in it, '
                                    'somewhere in the middle of it."}']],
                         ids=["empty", "short", "single", "nul"])
def test_dedup_handles_tiny_and_odd_corpora(tmp_path: Path, lines: list[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["dedup", str(source)])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == len(lines)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_cli_dedup_reads_a_named_pipe_once(tmp_path: Path) -> None:
    lines = "".join(json.dumps(r) + "\n" for r in _records())
    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(lines,), kwargs={"encoding": "utf-8"})
    writer.start()
    # (a second read of the pipe would wait for a writer for ever: the timeout fails it)
    result = subprocess.run([sys.executable, "-m", "cleanse", "dedup", "--workers", "1", str(fifo)],
                            capture_output=True, text=True, timeout=120, check=False)
    writer.join()
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "wire", "copy", "trimmed", "library"]


def test_cli_dedup_input_jsonl_wins_over_a_warc_name(tmp_path: Path) -> None:
    source = tmp_path / "mislabelled.warc"
    source.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    result = CliRunner().invoke(main, ["dedup", "--input", "jsonl", "--workers", "1", str(source)])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 4
