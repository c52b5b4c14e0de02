"""Text mode on other scrapers' dumps of the same pages: how much cleanse depends on one dumper.

    pip install -e '.[bench]' && PYTHONPATH=. python benchmarks/dumpers.py [--data DIR] [--out DIR]

The extraction dev split's text is inscriptis output. Plain text reaches cleanse from many
scrapers, so this renders every dev HTML page again with html2text (markdown: links, emphasis,
``*`` bullets, pipe tables), BeautifulSoup's ``get_text("\\n")`` (a line per text node, so
inline elements break sentences) and ``get_text()`` (no separator: blocks run together), and
scores raw text and cleanse on each with extraction.py's scoring. The split's own inscriptis
text is the first row. Dumps are cached in ``--out`` (one directory per dumper, the layout
extraction.py reads). Prints a table and writes ``results/dumpers.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import extraction

DEFAULT_OUT = Path("/tmp/cleanse-dumps")
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "dumpers.json"


def _html2text(page: str) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0  # no hard wrap (the wrapped form is a golden sample)
    return str(converter.handle(page))


def _soup(separator: str) -> Callable[[str], str]:
    def dump(page: str) -> str:
        from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

        warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(page, "lxml")
        for element in soup(["script", "style", "noscript", "template"]):
            element.decompose()
        return str(soup.get_text(separator))

    return dump


#: label -> (directory under --out, dumper)
DUMPERS: dict[str, tuple[str, Callable[[str], str]]] = {
    "html2text": ("html2text", _html2text),
    "soup get_text('\\n')": ("soup-lines", _soup("\n")),
    "soup get_text()": ("soup-glued", _soup("")),
}


def render(data: Path, target: Path, dump: Callable[[str], str]) -> Path:
    """``target``: gold.json and text/<id>.txt.gz of every HTML page, rendered once."""
    # The dumps hold while the data and the dumper are the same ones.
    stamp = f"{data.resolve()} {target.name} {_versions()}"
    done = target / "done"
    if done.exists() and done.read_text(encoding="utf-8") == stamp:
        return target
    (target / "text").mkdir(parents=True, exist_ok=True)
    shutil.copy(data / "gold.json", target / "gold.json")
    for path in sorted((data / "html").glob("*.html.gz")):
        page = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        doc_id = path.name.removesuffix(".html.gz")
        (target / "text" / f"{doc_id}.txt.gz").write_bytes(gzip.compress(dump(page).encode()))
    done.write_text(stamp, encoding="utf-8")
    return target


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for package in ("html2text", "beautifulsoup4", "lxml"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            pass
    return ", ".join(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=extraction.DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where dumps are cached")
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = parser.parse_args()
    if not (args.data / "gold.json").exists():
        print(f"no benchmark data at {args.data}; nothing to do")
        return 0
    sources = {"inscriptis (the split's own)": args.data}
    for name, (folder, dump) in DUMPERS.items():
        try:
            sources[name] = render(args.data, args.out / folder, dump)
        except ImportError as exc:
            print(f"{name}: skipped ({exc}; pip install -e '.[bench]')")
    extractors = {"raw text": extraction.raw_text, "cleanse": extraction.cleanse_text}
    results: dict[str, dict[str, dict[str, float]]] = {}
    print(f"{'dumper':<30}{'raw F1':>8}{'P':>8}{'R':>8}{'F1':>8}{'docs/s':>9}")
    for name, source in sources.items():
        inputs, gold = extraction.load(source, "text", args.limit)
        scores = extraction.run(extractors, inputs, gold, rounds=1)
        figures = {extractor: score.figures() for extractor, score in scores.items()}
        results[name] = figures
        ours = figures["cleanse"]
        print(f"{name:<30}{figures['raw text']['f1']:>8.3f}{ours['precision']:>8.3f}"
              f"{ours['recall']:>8.3f}{ours['f1']:>8.3f}{ours['docs_per_s']:>9.1f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    partial = args.json.with_suffix(".json.partial")
    partial.write_text(json.dumps({"data": str(args.data), "dumpers": results}, indent=2) + "\n",
                       encoding="utf-8")
    partial.replace(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
