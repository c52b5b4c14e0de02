"""The architecture stays readable: small modules, a CLI that only calls the library, and
the code passes the linter and the strict type checker."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleanse"
MODULES = sorted(PACKAGE.rglob("*.py"))
#: A module a reader can take in one sitting (STYLE.md).
MAX_MODULE_LINES = 300


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_small(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{module.name} has {lines} lines; split it by stage"


def test_cli_imports_no_pattern_or_hashing_library() -> None:
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.level == 0}
    assert not imported & {"regex", "datasketch", "trafilatura", "numpy"}


ROOT = PACKAGE.parent


def _run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False)


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None,
                    reason="ruff is not installed (pip install -e '.[test]')")
def test_ruff_finds_nothing() -> None:
    result = _run_tool("ruff", "check", "--no-cache", "cleanse", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-1000:]


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed (pip install -e '.[test]')")
def test_mypy_strict_passes(tmp_path: Path) -> None:
    result = _run_tool("mypy", "--strict", "--cache-dir", str(tmp_path), "cleanse")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-1000:]
