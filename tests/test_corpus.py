"""Corpus mode: several cores give the same output; an interrupted run resumes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import cleanse.corpus
import cleanse.pipeline
import cleanse.resume
from cleanse.cli import main

STORY = "The council met on Monday evening and voted to extend the pilot scheme for another year."


def _corpus(path: Path, count: int) -> Path:
    lines = [json.dumps({"id": f"d{i}", "text": f"Headline number {i} today\n\n{STORY} Item {i}.",
                         "lang": "en"}) for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ids(path: Path) -> list[str]:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["id"] for line in handle]


def test_jobs_give_the_same_output(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "in.jsonl", 12)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert CliRunner().invoke(main, [str(source), "-o", str(one)]).exit_code == 0
    assert CliRunner().invoke(main, [str(source), "-o", str(two), "--jobs", "2"]).exit_code == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    assert _ids(one) == [f"d{i}" for i in range(12)]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_interrupted_run_resumes_without_loss_or_repeats(tmp_path: Path, suffix: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    source = _corpus(tmp_path / "in.jsonl", 10)
    out = tmp_path / f"out{suffix}"
    monkeypatch.setattr(cleanse.resume, "BATCH_RECORDS", 3)
    real_clean = cleanse.pipeline.clean

    def crash_on_seventh(source: str, **kwargs: Any) -> Any:
        if "number 6 " in source:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C
        return real_clean(source, **kwargs)

    monkeypatch.setattr(cleanse.pipeline, "clean", crash_on_seventh)
    first = CliRunner().invoke(main, [str(source), "-o", str(out)])
    assert first.exit_code != 0 and not out.exists()
    assert out.with_name(out.name + ".partial").exists()

    monkeypatch.setattr(cleanse.pipeline, "clean", real_clean)
    second = CliRunner().invoke(main, [str(source), "-o", str(out)])
    assert second.exit_code == 0, second.stderr
    assert _ids(out) == [f"d{i}" for i in range(10)]
    assert not out.with_name(out.name + ".partial").exists()


def test_a_partial_file_from_another_run_is_refused(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    source = _corpus(tmp_path / "in.jsonl", 4)
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(cleanse.pipeline, "clean", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    CliRunner().invoke(main, [str(source), "-o", str(out)])
    monkeypatch.undo()
    other = _corpus(tmp_path / "other.jsonl", 4)
    result = CliRunner().invoke(main, [str(other), "-o", str(out)])
    assert result.exit_code == 1
    assert "left by a run with other inputs" in result.stderr


def test_an_interrupted_flush_neither_duplicates_nor_loses_records(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    source = _corpus(tmp_path / "in.jsonl", 10)
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(cleanse.resume, "BATCH_RECORDS", 3)
    real_fsync, calls = os.fsync, []

    def fsync_dies_on_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(cleanse.resume.os, "fsync", fsync_dies_on_second)
    assert CliRunner().invoke(main, [str(source), "-o", str(out)]).exit_code != 0
    monkeypatch.setattr(cleanse.resume.os, "fsync", real_fsync)
    assert CliRunner().invoke(main, [str(source), "-o", str(out)]).exit_code == 0
    assert _ids(out) == [f"d{i}" for i in range(10)]


def test_a_record_over_its_time_is_reported_and_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import time


    real_clean = cleanse.pipeline.clean

    def slow_on_marker(source: str, **kwargs: object) -> object:
        if "SLOW" in source:
            time.sleep(5)
        return real_clean(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cleanse.pipeline, "clean", slow_on_marker)
    lines = ['{"id": 1, "text": "First page."}', '{"id": 2, "text": "SLOW page."}',
             '{"id": 3, "text": "Third page."}']
    outcomes = list(cleanse.corpus.clean_records(lines, timeout=0.2))
    assert [o.record["id"] if o.record else None for o in outcomes] == [1, None, 3]
    assert outcomes[1].error == "line 2: cleaning took over 0.2 s; skipped"


def test_a_timeout_is_not_swallowed_by_an_except_exception_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    real_clean = cleanse.pipeline.clean

    def guarded_slow(source: str, **kwargs: object) -> object:
        try:  # as trafilatura guards its fallbacks
            time.sleep(5)
        except Exception:
            pass
        return real_clean(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cleanse.pipeline, "clean", guarded_slow)
    outcomes = list(cleanse.corpus.clean_records(['{"id": 1, "text": "Page."}'], timeout=0.2))
    assert outcomes[0].error == "line 1: cleaning took over 0.2 s; skipped"
