"""Write stage: render Documents as text, JSON or JSONL records; write files atomically."""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .records import NOTES_MARKER, Document, Note


def render_text(doc: Document, notes: bool = True) -> str:
    """Title line, blank line, body, then the notes after a marker line.

    Reading this output back (``cleanse`` on it again) gives the same output: the marker tells
    the reader that what follows are notes, not body.

    >>> from cleanse.records import Block
    >>> render_text(Document(title="Headline", blocks=(Block("Body."),)))
    'Headline\\n\\nBody.\\n'
    """
    parts = [doc.title] if doc.title else []
    if doc.text:
        parts.append(doc.text)
    if notes and doc.provenance:
        parts.append(NOTES_MARKER + "\n" + "\n".join(_note_line(n) for n in _unique_lines(doc)))
    return "\n\n".join(parts) + "\n" if parts else ""


def _unique_lines(doc: Document) -> list[Note]:
    seen: set[str] = set()
    out = []
    for note in doc.provenance:
        if note.text not in seen:
            seen.add(note.text)
            out.append(note)
    return out


def _note_line(note: Note) -> str:
    return f"[{note.kind.value}] {note.text}"


def render_json(doc: Document, extra: dict[str, Any] | None = None) -> str:
    """The document as one JSON object (``to_dict()`` plus any fields of the input record)."""
    return json.dumps({**(extra or {}), **doc.to_dict()}, ensure_ascii=False)


def corpus_record(record: dict[str, Any], doc: Document) -> dict[str, Any]:
    """An input record with every field kept, ``text`` set to the clean body and results added."""
    result = doc.to_dict()
    out = {key: value for key, value in record.items() if key != "html"}
    out.update(text=result["text"], title=result["title"], provenance=result["provenance"],
               removed=result["removed"], metadata=result["metadata"])
    if result["duplicates"]:
        out["duplicates"] = result["duplicates"]
    return out


@contextmanager
def atomic_output(path: Path) -> Iterator[IO[str]]:
    """Write to a temporary file beside ``path`` and move it into place only on success.

    A ``.gz`` path is gzip-compressed. On an error the old file (if any) is left untouched.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    tmp = Path(tmp_name)
    os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 would survive the rename
    try:
        with os.fdopen(fd, "wb") as raw:
            if path.suffix == ".gz":
                with gzip.GzipFile(fileobj=raw, mode="wb") as packed, \
                        io.TextIOWrapper(packed, encoding="utf-8") as text:
                    yield text
            else:
                with io.TextIOWrapper(raw, encoding="utf-8") as text:
                    yield text
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_REASON_COLOURS = {"scaffold": "yellow", "not_extracted": "bright_black", "near_duplicate": "magenta",
                   "provenance_line": "cyan"}


def render_explain(doc: Document, color: bool = False) -> str:
    """Every removal with its reason and rule, then the notes: what did not make the output.

    >>> from cleanse.records import Removal, Reason
    >>> print(render_explain(Document(title=None, blocks=(),
    ...       removed=(Removal("Leave a Reply", Reason.SCAFFOLD, "en.comments.leave_reply"),))))
    - scaffold [en.comments.leave_reply] Leave a Reply
    """
    import click  # only for styling; the library itself never prints

    lines = []
    for removal in doc.removed:
        head = f"- {removal.reason.value} [{removal.rule}]"
        if color:
            head = click.style(head, fg=_REASON_COLOURS.get(removal.reason.value, "red"))
        lines.append(f"{head} {removal.text}")
    for note in doc.provenance:
        who = ", ".join((*note.agencies, *note.persons))
        head = f"+ note {note.kind.value} ({who})"
        lines.append(f"{click.style(head, fg='green') if color else head} {note.text}")
    return "\n".join(lines)
