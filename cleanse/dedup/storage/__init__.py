"""Storage for the dedup index: one small protocol, backends chosen by URL.

``memory://`` (default), ``sqlite:///path/index.db`` (or a bare path) or ``redis://host:port/db``
(optional extra). Every backend passes one contract suite (tests/storage/test_contract.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from ...errors import StorageError

#: A paragraph's address: (document id, paragraph index).
ParaRef = tuple[str, int]


class Storage(Protocol):
    """What the index needs from a backend; every backend passes one contract test suite."""

    def get_params(self) -> dict[str, str] | None:
        """The hashing parameters the index was built with, or None for a new index."""

    def set_params(self, params: dict[str, str]) -> None:
        """Record the hashing parameters of a new index."""

    def add(self, entries: Sequence[tuple[ParaRef, Sequence[bytes], bytes]]) -> None:
        """Store paragraphs: each with its band keys and its signature bytes."""

    def candidates(self, band_keys: Iterable[bytes]) -> list[ParaRef]:
        """Paragraphs sharing at least one band key, without repeats (insertion order if known)."""

    def signatures(self, refs: Sequence[ParaRef]) -> list[bytes | None]:
        """The stored signature of each paragraph (None where unknown)."""

    def close(self) -> None:
        """Flush and release the backend."""


def open_storage(url: str) -> Storage:
    """Open a backend by URL.

    >>> type(open_storage("memory://")).__name__
    'MemoryStorage'
    """
    if url in ("", "memory", "memory://"):
        from .memory import MemoryStorage

        return MemoryStorage()
    if url.startswith(("redis://", "rediss://", "unix://")):
        from .redis import RedisStorage

        return RedisStorage(url)
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    if "://" in path:
        raise StorageError(f"{url}: unknown index backend (use memory://, sqlite:///PATH or redis://HOST)")
    from .sqlite import SqliteStorage

    return SqliteStorage(Path(path))
