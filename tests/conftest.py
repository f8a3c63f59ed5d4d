"""Shared fixtures: the data folder (resolved from this file, never the CWD) and the corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from impactgraph.testing import corpus

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPUS = corpus()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared data folder not found at {DATA}")
        pytest.skip(f"shared data folder not found at {DATA}")
    return DATA


@pytest.fixture(params=sorted(CORPUS), scope="session")
def corpus_graph(request):
    """(name, networkx graph) for every graph of the corpus."""
    return request.param, CORPUS[request.param]
