"""Resumable corpus output: an interrupted run picks up where it stopped.

Records go to ``OUT.partial`` in batches; after each batch a checkpoint file
``OUT.partial.json`` records the partial file's size and how far the inputs were read. A
rerun with the same inputs truncates the partial file to its last checkpoint, skips what was
read, and goes on; success moves the partial file to ``OUT`` (so ``OUT`` only ever appears
whole). For ``.gz`` outputs each batch is its own gzip member, so a truncated file stays valid.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from types import TracebackType

from .errors import CleanseError

#: Records per batch: a crash loses at most this many records' work.
BATCH_RECORDS = 500


class ResumableOutput:
    """Write JSONL lines to ``path`` resumably; ``position`` says where the inputs were left."""

    def __init__(self, path: Path, run_key: str, batch: int | None = None) -> None:
        self.path = path
        self.run_key = run_key  # what the inputs and options were: a resume must match it
        self.partial = path.with_name(path.name + ".partial")
        self.checkpoint = path.with_name(path.name + ".partial.json")
        self.batch = batch or BATCH_RECORDS
        self.position: tuple[int, int] = (0, 0)  # (input index, last line number read)
        self.failed = 0  # records reported bad, this run and the runs it resumes
        self._lines: list[str] = []
        self._saved_size = 0
        self._broken = False  # a flush failed: only the last checkpoint is to be trusted

    def __enter__(self) -> ResumableOutput:
        if self.partial.exists() and self.checkpoint.exists():
            saved = json.loads(self.checkpoint.read_text(encoding="utf-8"))
            if saved.get("run") != self.run_key:
                raise CleanseError(f"{self.partial}: left by a run with other inputs or options; "
                                   "remove it (and its .json) to start afresh")
            with self.partial.open("r+b") as handle:
                handle.truncate(saved["size"])
            self._saved_size = saved["size"]
            self.position = (saved["input"], saved["line"])
            self.failed = saved.get("failed", 0)
        else:
            self.partial.write_bytes(b"")
            self._save(0)
        return self

    def write(self, line: str, position: tuple[int, int]) -> None:
        """Add one JSONL line ("" for a skipped record); ``position``: the input place it is from."""
        if line:
            self._lines.append(line)
        self.position = position
        if len(self._lines) >= self.batch:
            self.flush()

    def flush(self) -> None:
        data = "".join(self._lines).encode("utf-8")
        self._lines.clear()
        if self.path.suffix == ".gz" and data:
            data = gzip.compress(data, compresslevel=6)
        try:
            with self.partial.open("ab") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                size = handle.tell()
            self._save(size)
        except BaseException:
            # Half a batch must not stay: back to the last checkpoint, which a resume redoes from.
            with self.partial.open("r+b") as handle:
                handle.truncate(self._saved_size)
            self._broken = True
            raise

    def _save(self, size: int) -> None:
        self._saved_size = size
        tmp = self.checkpoint.with_name(self.checkpoint.name + ".tmp")
        tmp.write_text(json.dumps({"size": size, "input": self.position[0], "line": self.position[1],
                                   "failed": self.failed, "run": self.run_key}), encoding="utf-8")
        tmp.replace(self.checkpoint)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self._broken:
            self.flush()  # what was written is whole either way; keep it for a resume
        if exc_type is None:
            if self.path.suffix == ".gz" and self.partial.stat().st_size == 0:
                self.partial.write_bytes(gzip.compress(b""))  # an empty but valid gzip file
            self.partial.replace(self.path)
            self.checkpoint.unlink(missing_ok=True)
