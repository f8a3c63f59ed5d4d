"""R-MAT generation (Graph500 parameters, edge factor 16) to a simple undirected graph. Of the
peers only NetworKit has an R-MAT generator; the others are skipped."""

from __future__ import annotations

import pytest
from conftest import BACKENDS, available

import impactgraph as ig


def _rmat(backend: str, scale: int) -> int:
    if backend == "impactgraph":
        return ig.rmat(scale, 16, seed=1).num_edges
    import networkit as nk

    g = nk.generators.RmatGenerator(scale, 16, 0.57, 0.19, 0.19, 0.05).generate()
    g.removeMultiEdges()
    g.removeSelfLoops()
    return g.numberOfEdges()


@pytest.mark.benchmark(group="rmat")
@pytest.mark.parametrize("backend", BACKENDS)
def test_rmat(benchmark, backend, scale):
    if backend not in ("impactgraph", "networkit"):
        pytest.skip(f"{backend} has no R-MAT generator")
    if not available(backend):
        pytest.skip(f"{backend} is not installed")
    m = benchmark.pedantic(_rmat, args=(backend, scale), rounds=2, iterations=1)
    if backend == "impactgraph":
        src, dst = ig.rmat_edges(scale, 16, seed=1)
        assert m == ig.Graph.from_edges(src, dst, num_nodes=2**scale, self_loops=False).num_edges
    else:  # a sanity band: R-MAT keeps most of its 16 * 2**scale edges after dedup
        assert 0.5 * 16 * 2**scale <= m <= 16 * 2**scale
