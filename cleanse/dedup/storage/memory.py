"""In-memory index storage: dicts, gone when the process ends."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import ParaRef


class MemoryStorage:
    """Band key → paragraphs, paragraph → signature."""

    def __init__(self) -> None:
        self._params: dict[str, str] | None = None
        self._bands: dict[bytes, list[ParaRef]] = {}
        self._signatures: dict[ParaRef, bytes] = {}
        self._order: dict[ParaRef, int] = {}

    def get_params(self) -> dict[str, str] | None:
        return self._params

    def set_params(self, params: dict[str, str]) -> None:
        self._params = dict(params)

    def add(self, entries: Sequence[tuple[ParaRef, Sequence[bytes], bytes]]) -> None:
        for ref, keys, signature in entries:
            self._order.setdefault(ref, len(self._order))
            self._signatures[ref] = signature
            for key in keys:
                self._bands.setdefault(key, []).append(ref)

    def candidates(self, band_keys: Iterable[bytes]) -> list[ParaRef]:
        found = {ref for key in band_keys for ref in self._bands.get(key, ())}
        return sorted(found, key=self._order.__getitem__)

    def signatures(self, refs: Sequence[ParaRef]) -> list[bytes | None]:
        return [self._signatures.get(ref) for ref in refs]

    def close(self) -> None:
        pass
