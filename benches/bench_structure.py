"""Connected components on the same simple R-MAT graph, every library in this process."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import BACKENDS, build_directed_peer, skip_unavailable

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


def _degree(backend: str, g) -> np.ndarray:
    if backend == "impactgraph":
        return ig.degree(g)
    if backend == "networkx":
        return np.fromiter((d for _, d in g.degree()), dtype=np.int64, count=g.number_of_nodes())
    if backend == "igraph":
        return np.asarray(g.degree())
    if backend == "networkit":
        import networkit as nk

        dc = nk.centrality.DegreeCentrality(g)
        dc.run()
        return np.asarray(dc.scores()).astype(np.int64)
    if backend == "rustworkx":
        return np.fromiter((g.degree(i) for i in g.node_indices()), dtype=np.int64, count=g.num_nodes())
    raise ValueError(backend)


@pytest.mark.benchmark(group="degree")
@pytest.mark.parametrize("backend", BACKENDS)
def test_degree(benchmark, backend, peer_graph, rmat_graph, scale):
    skip_unavailable(backend, scale)
    g = peer_graph(backend)
    deg = benchmark.pedantic(_degree, args=(backend, g), rounds=2, iterations=1)
    assert np.array_equal(deg, ig.degree(rmat_graph[0]))


def _scc(backend: str, g) -> int:
    """Run the library's strongly connected components; return the number of components."""
    if backend == "impactgraph":
        return int(ig.strongly_connected_components(g).max()) + 1
    if backend == "networkx":
        import networkx as nx

        return sum(1 for _ in nx.strongly_connected_components(g))
    if backend == "igraph":
        return len(g.connected_components(mode="strong"))
    if backend == "networkit":
        import networkit as nk

        cc = nk.components.StronglyConnectedComponents(g)
        cc.run()
        return cc.numberOfComponents()
    if backend == "rustworkx":
        import rustworkx as rx

        return len(rx.strongly_connected_components(g))
    raise ValueError(backend)


_directed: dict = {}


@pytest.mark.benchmark(group="strongly_connected_components")
@pytest.mark.parametrize("backend", BACKENDS)
def test_strongly_connected_components(benchmark, backend, rmat_directed, scale):
    skip_unavailable(backend, scale)
    G, s, d = rmat_directed
    if backend not in _directed:
        _directed[backend] = G if backend == "impactgraph" else build_directed_peer(backend, s, d, G.num_nodes)
    k = benchmark.pedantic(_scc, args=(backend, _directed[backend]), rounds=2, iterations=1)
    assert k == ig.number_strongly_connected_components(G)
