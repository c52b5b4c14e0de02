"""Dedup benchmark: quality on DEV (official scorer) and speed/memory against peers, one core each.

    python benchmarks/dedup.py --dev ../shared/bench/dedup --paragraphs 1000000 --out benchmarks/results

1. Quality: ``cleanse dedup`` over DEV, scored by the benchmark's own score.py.
2. Speed: a generated corpus (stories reprinted with copy edits and OCR noise, generic lines,
   synthetic words so no data is needed), run end to end (read .jsonl.gz → clusters) by cleanse
   (which also writes the annotated records), by a rensa pipeline (word 3-gram shingling in
   Python, RMinHash, RMinHashLSH query-then-insert) and by the naive datasketch pipeline
   (MinHash.update_batch, MinHashLSH), each in its own process on one core, with its peak RSS.
   The datasketch pipeline is timed on the first ``--datasketch-paragraphs`` only (at ~4k
   paragraphs/s it would take minutes per million); its rate is what is compared.
Prints a table and writes ``dedup.json`` beside it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def generate(path: Path, paragraphs: int, seed: int = 7) -> int:
    """A corpus of stories and their reprints; returns the paragraph count written."""
    rng = np.random.default_rng(seed)
    syllables = np.array([a + b for a in "bdfgklmnprstvz" for b in ("a", "e", "i", "o", "u", "ei", "au")])
    vocab = np.array(["".join(rng.choice(syllables, rng.integers(1, 4))) for _ in range(50_000)])
    zipf = np.cumsum(1.0 / np.arange(1, len(vocab) + 1))
    zipf /= zipf[-1]
    generic = ["He said.", "Mehr in Kürze.", "Officials did not respond to requests for comment."]
    written = doc = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        while written < paragraphs:
            story = [" ".join(vocab[np.searchsorted(zipf, rng.random(rng.integers(20, 80)))]) + "."
                     for _ in range(rng.integers(4, 16))]
            for _copy in range(rng.integers(1, 6)):
                paras = [_edit(p, rng, vocab) for p in story[: rng.integers(3, len(story) + 1)]]
                if rng.random() < 0.4:
                    paras.insert(rng.integers(0, len(paras)), str(rng.choice(generic)))
                out.write(json.dumps({"id": f"g{doc:08d}", "text": "\n\n".join(paras)}) + "\n")
                written += len(paras)
                doc += 1
    return written


def _edit(text: str, rng: np.random.Generator, vocab: np.ndarray) -> str:
    words = text.split()
    for _ in range(rng.integers(0, 3)):
        words[rng.integers(0, len(words))] = str(rng.choice(vocab))
    text = " ".join(words)
    if rng.random() < 0.1:
        chars = list(text)
        for i in rng.integers(0, len(chars), size=max(1, len(chars) // 50)):
            chars[i] = "rn" if chars[i] == "m" else "l"
        text = "".join(chars)
    return text


def _paragraph_stream(path: Path, limit: int | None = None):
    sys.path.insert(0, str(HERE.parent))
    from cleanse.dedup.corpus_io import split_paragraphs

    seen = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            for i, para in enumerate(split_paragraphs(record["text"])):
                yield record["id"], i, para
                seen += 1
                if limit is not None and seen >= limit:
                    return


def _word_shingles(text: str) -> list[str]:
    words = text.lower().split()
    return [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))]


def run_cleanse(path: Path, limit: int | None) -> int:
    sys.path.insert(0, str(HERE.parent))
    from cleanse.dedup.engine import DedupOptions, dedup_corpus

    with Path(os.devnull).open("w", encoding="utf-8") as sink:
        report = dedup_corpus(lambda: gzip.open(path, "rt", encoding="utf-8"), sink,
                              DedupOptions(workers=1))
    return report.paragraphs


def run_rensa(path: Path, limit: int | None) -> int:
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(threshold=0.5, num_perm=128, num_bands=32)
    parent: dict[int, int] = {}
    count = 0
    for count, (_doc, _i, para) in enumerate(_paragraph_stream(path, limit), start=1):
        minhash = RMinHash(num_perm=128, seed=1)
        minhash.update(_word_shingles(para))
        for other in lsh.query(minhash):
            parent.setdefault(count, other)
        lsh.insert(count, minhash)
    return count


def run_datasketch(path: Path, limit: int | None) -> int:
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    parent: dict[int, int] = {}
    count = 0
    for count, (_doc, _i, para) in enumerate(_paragraph_stream(path, limit), start=1):
        minhash = MinHash(num_perm=128)
        minhash.update_batch([s.encode() for s in _word_shingles(para)])
        for other in lsh.query(minhash):
            parent.setdefault(count, other)
        lsh.insert(count, LeanMinHash(minhash))
    return count


RUNNERS = {"cleanse": run_cleanse, "rensa": run_rensa, "datasketch": run_datasketch}


def measure(name: str, path: Path, limit: int | None) -> dict[str, float]:
    """Run one pipeline in a fresh process (one core); its time, rate and peak memory."""
    cmd = [sys.executable, __file__, "_run", name, str(path), str(limit or 0)]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    result = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _child(name: str, path: str, limit: str) -> None:
    start = time.perf_counter()
    paragraphs = RUNNERS[name](Path(path), int(limit) or None)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"pipeline": name, "paragraphs": paragraphs, "seconds": round(seconds, 2),
                      "paragraphs_per_s": round(paragraphs / seconds), "peak_rss_mb": round(peak / 2**20)}))


def quality(dev: Path, workdir: Path) -> dict[str, float]:
    """cleanse dedup over DEV, scored by the benchmark's score.py."""
    out = workdir / "dev.out.jsonl.gz"
    subprocess.run([sys.executable, "-m", "cleanse", "dedup", str(dev / "dev.docs.jsonl.gz"), "-o",
                    str(out)], check=True, cwd=HERE.parent,
                   env={**os.environ, "PYTHONPATH": str(HERE.parent)},
                   stderr=subprocess.DEVNULL)
    para, docs = workdir / "dev.para.jsonl", workdir / "dev.docs.jsonl"
    with gzip.open(out, "rt", encoding="utf-8") as src, para.open("w") as p, docs.open("w") as d:
        for line in src:
            record = json.loads(line)
            d.write(json.dumps({"doc": record["id"], "c": record["doc_cluster"]}) + "\n")
            for i, entry in enumerate(record["paragraph_clusters"]):
                if entry:
                    p.write(json.dumps({"doc": record["id"], "i": i, "c": entry["cluster"]}) + "\n")
    scores = workdir / "dev.scores.json"
    subprocess.run([sys.executable, str(dev / "score.py"), str(dev / "dev.gold.json.gz"), "--para",
                    str(para), "--docs", str(docs), "--json", str(scores)], check=True)
    result = json.loads(scores.read_text())
    return {"core_f1": result["para_core"]["F1"], "content_f1": result["para_content"]["F1"],
            "doc_ari": result["doc"]["ARI"], "generic_false_merge": result["falsemerge"]["generic"]["rate"]}


def index_bytes_per_paragraph() -> int:
    """What the corpus run keeps per paragraph (see cleanse.dedup.cluster.Corpus)."""
    sys.path.insert(0, str(HERE.parent))
    from cleanse.dedup.minhash import NUM_PERM, STORED_BITS

    return NUM_PERM * STORED_BITS // 8 + 4 + 1 + 1 + 8


def sqlite_index_bytes(path: Path, paragraphs: int) -> dict[str, int]:
    """Stream the first paragraphs through a SQLite-backed Deduplicator; bytes per paragraph."""
    import sqlite3
    import tempfile

    sys.path.insert(0, str(HERE.parent))
    from cleanse.dedup import Deduplicator
    from cleanse.dedup.corpus_io import split_paragraphs

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "index.db"
        index = Deduplicator(f"sqlite:///{db}")
        seen = 0
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                texts = split_paragraphs(record["text"])
                index.add(record["id"], texts)
                seen += len(texts)
                if seen >= paragraphs:
                    break
        index.close()
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            stored = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        size = db.stat().st_size
    return {"paragraphs": seen, "stored": stored, "bytes_per_paragraph": round(size / seen),
            "bytes_per_stored_paragraph": round(size / max(stored, 1))}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_run":
        _child(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, help="the DEV split folder (skip quality when absent)")
    parser.add_argument("--paragraphs", type=int, default=1_000_000)
    parser.add_argument("--datasketch-paragraphs", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--sqlite-paragraphs", type=int, default=20_000,
                        help="paragraphs streamed into a SQLite index to size it (0: skip)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {}
    if args.dev and (args.dev / "dev.docs.jsonl.gz").exists():
        results["quality"] = quality(args.dev, args.out)
    corpus = args.out / f"generated-{args.paragraphs}.jsonl.gz"
    if not corpus.exists():
        results["generated_paragraphs"] = generate(corpus, args.paragraphs)
    runs = [measure("cleanse", corpus, None), measure("rensa", corpus, None),
            measure("datasketch", corpus, args.datasketch_paragraphs)]
    base = {r["pipeline"]: r["paragraphs_per_s"] for r in runs}
    for run in runs:
        run["vs_rensa"] = round(run["paragraphs_per_s"] / base["rensa"], 2)
    results["speed"] = runs
    results["index_bytes_per_paragraph"] = index_bytes_per_paragraph()
    if args.sqlite_paragraphs:
        results["sqlite_index"] = sqlite_index_bytes(corpus, args.sqlite_paragraphs)
    _print(results)
    (args.out / "dedup.json").write_text(json.dumps(results, indent=1))


def _print(results: dict[str, object]) -> None:
    if "quality" in results:
        q = results["quality"]
        print("DEV quality: " + ", ".join(f"{k}={v:.3f}" for k, v in q.items()))  # type: ignore[union-attr]
    print(f"{'pipeline':12} {'paragraphs':>11} {'seconds':>8} {'para/s':>8} {'peak MB':>8} {'x rensa':>8}")
    for r in results["speed"]:  # type: ignore[union-attr]
        print(f"{r['pipeline']:12} {r['paragraphs']:>11,} {r['seconds']:>8} {r['paragraphs_per_s']:>8,} "
              f"{r['peak_rss_mb']:>8} {r['vs_rensa']:>8}")
    print(f"index: {results['index_bytes_per_paragraph']} bytes per paragraph (corpus run)")
    if "sqlite_index" in results:
        q = results["sqlite_index"]
        print(f"sqlite streaming index: {q['bytes_per_paragraph']} bytes per paragraph over "  # type: ignore[index]
              f"{q['paragraphs']:,} paragraphs ({q['bytes_per_stored_paragraph']} per stored one, "  # type: ignore[index]
              f"{q['stored']:,} stored)")  # type: ignore[index]


if __name__ == "__main__":
    main()
