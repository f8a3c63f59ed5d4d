"""Connected components on the same simple R-MAT graph, every library in this process."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import BACKENDS, skip_unavailable

import impactgraph as ig


def _components(backend: str, g) -> int:
    """Run the library's connected components and return the number of components."""
    if backend == "impactgraph":
        return int(ig.connected_components(g).max()) + 1
    if backend == "networkx":
        import networkx as nx

        return sum(1 for _ in nx.connected_components(g))
    if backend == "igraph":
        return len(g.connected_components())
    if backend == "networkit":
        import networkit as nk

        cc = nk.components.ConnectedComponents(g)
        cc.run()
        return cc.numberOfComponents()
    if backend == "rustworkx":
        import rustworkx as rx

        return len(rx.connected_components(g))
    raise ValueError(backend)


@pytest.mark.benchmark(group="connected_components")
@pytest.mark.parametrize("backend", BACKENDS)
def test_connected_components(benchmark, backend, peer_graph, rmat_graph, scale):
    skip_unavailable(backend, scale)
    g = peer_graph(backend)
    k = benchmark.pedantic(_components, args=(backend, g), rounds=2, iterations=1)
    expected = int(np.unique(ig.connected_components(rmat_graph[0])).size)
    assert k == expected
