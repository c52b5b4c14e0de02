"""Shared test options: `pytest --update-golden` rewrites samples/*/expected.* from the code;
under CI (the CI variable set) property tests draw the same examples on every run."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# Locally each run explores new examples (and remembers failures); a CI verdict must not depend
# on which examples a run happened to draw.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite samples/<case>/expected.txt and expected.json")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
