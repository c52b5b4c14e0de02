"""One contract for every index backend: memory, SQLite and Redis (a real redis-server)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanse.dedup import Deduplicator
from cleanse.dedup.storage import Storage, open_storage
from cleanse.errors import StorageError


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway redis-server on a free port, in a temporary directory."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    pytest.importorskip("redis", reason="the redis extra is not installed (pip install 'cleanse[redis]')")
    import redis

    port, workdir = _free_port(), tmp_path_factory.mktemp("redis")
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--dir",
                               str(workdir), "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        for _ in range(100):
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.skip("redis-server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(params=["memory", "sqlite", "redis"])
def storage_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "memory":
        return "memory://"
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'index.db'}"
    url: str = request.getfixturevalue("redis_url")
    import redis

    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def storage(storage_url: str) -> Iterator[Storage]:
    backend = open_storage(storage_url)
    yield backend
    backend.close()


def test_params_round_trip(storage: Storage) -> None:
    assert storage.get_params() is None
    storage.set_params({"num_perm": "128", "scheme": "x"})
    assert storage.get_params() == {"num_perm": "128", "scheme": "x"}


def test_candidates_share_a_band_key_without_repeats(storage: Storage) -> None:
    storage.add([(("a", 0), [b"k1", b"k2"], b"sig-a0"), (("b", 3), [b"k2"], b"sig-b3")])
    assert sorted(storage.candidates([b"k1", b"k2"])) == [("a", 0), ("b", 3)]
    assert storage.candidates([b"k9"]) == []
    assert storage.candidates([]) == []


def test_signatures_come_back_and_unknown_is_none(storage: Storage) -> None:
    storage.add([(("a", 0), [b"k1"], b"\x00\x01sig")])
    assert storage.signatures([("a", 0), ("zz", 1)]) == [b"\x00\x01sig", None]


def test_deduplicator_over_backend_links_a_reprint(storage_url: str) -> None:
    story = ("Senior officials from both countries were already set to hold security talks on "
             "Jan. 10 in Geneva, the ministry said on Monday evening.")
    index = Deduplicator(storage_url)
    assert index.add("a", [story, "He said."]) == [None, None]
    links = index.add("b", [story.replace("Senior", "Top"), "Local weather is fine today."])
    assert links[0] is not None and (links[0].doc_id, links[0].index) == ("a", 0)
    assert links[1] is None
    index.close()


def test_index_refuses_other_hashing_parameters(storage_url: str) -> None:
    from cleanse.dedup.minhash import HashParams

    Deduplicator(storage_url).close()
    if storage_url == "memory://":
        pytest.skip("a memory index does not outlive its process")
    with pytest.raises(StorageError, match="built with"):
        Deduplicator(storage_url, params=HashParams(num_perm=64, bands=16))
