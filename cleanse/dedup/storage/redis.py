"""Redis index storage (optional extra ``cleanse[redis]``): one index shared by several machines.

Keys live under a prefix: ``<prefix>:params`` (hash), ``<prefix>:band:<key>`` (list of refs),
``<prefix>:sig`` (hash ref → signature) and ``<prefix>:order`` (hash ref → insertion number).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ...errors import StorageError
from . import ParaRef

DEFAULT_PREFIX = "cleanse"


def _ref_key(ref: ParaRef) -> bytes:
    return json.dumps([ref[0], ref[1]]).encode()


def _ref(raw: bytes) -> ParaRef:
    doc, index = json.loads(raw)
    return str(doc), int(index)


class RedisStorage:
    """Band lists and signatures in Redis; writes go through one pipeline per batch."""

    def __init__(self, url: str, prefix: str = DEFAULT_PREFIX) -> None:
        try:
            import redis
        except ImportError as exc:
            raise StorageError(f"{url}: the redis backend needs: pip install 'cleanse[redis]'") from exc
        try:
            self._db: Any = redis.Redis.from_url(url)
            self._db.ping()
        except redis.RedisError as exc:
            raise StorageError(f"{url}: cannot reach Redis ({exc})") from exc
        self._prefix = prefix

    def _key(self, *parts: str | bytes) -> bytes:
        return b":".join(p if isinstance(p, bytes) else p.encode() for p in (self._prefix, *parts))

    def get_params(self) -> dict[str, str] | None:
        raw = self._db.hgetall(self._key("params"))
        return {k.decode(): v.decode() for k, v in raw.items()} or None

    def set_params(self, params: dict[str, str]) -> None:
        self._db.hset(self._key("params"), mapping=params)

    def add(self, entries: Sequence[tuple[ParaRef, Sequence[bytes], bytes]]) -> None:
        pipe = self._db.pipeline(transaction=False)
        for ref, keys, signature in entries:
            member = _ref_key(ref)
            pipe.hsetnx(self._key("sig"), member, signature)
            for key in keys:
                pipe.rpush(self._key("band", key), member)
        pipe.execute()

    def candidates(self, band_keys: Iterable[bytes]) -> list[ParaRef]:
        pipe = self._db.pipeline(transaction=False)
        for key in band_keys:
            pipe.lrange(self._key("band", key), 0, -1)
        seen: dict[bytes, None] = {}
        for found in pipe.execute():
            for member in found:
                seen.setdefault(member, None)
        return [_ref(member) for member in seen]

    def signatures(self, refs: Sequence[ParaRef]) -> list[bytes | None]:
        if not refs:
            return []
        return list(self._db.hmget(self._key("sig"), [_ref_key(ref) for ref in refs]))

    def close(self) -> None:
        self._db.close()
