"""Graph construction from the same raw R-MAT arrays (duplicates merged, self-loops dropped)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import BACKENDS, skip_unavailable

import impactgraph as ig


def _build(backend: str, src: np.ndarray, dst: np.ndarray, n: int):
    if backend == "impactgraph":
        return ig.Graph.from_edges(src, dst, num_nodes=n, self_loops=False)
    if backend == "networkx":
        import networkx as nx

        H = nx.Graph()
        H.add_nodes_from(range(n))
        H.add_edges_from(zip(src.tolist(), dst.tolist()))
        H.remove_edges_from(nx.selfloop_edges(H))
        return H
    if backend == "igraph":
        import igraph

        g = igraph.Graph(n=n, edges=np.column_stack([src, dst]), directed=False)
        g.simplify()
        return g
    if backend == "networkit":
        import networkit as nk

        g = nk.Graph(n)
        g.addEdges((src.astype(np.uint64), dst.astype(np.uint64)))
        g.removeMultiEdges()
        g.removeSelfLoops()
        return g
    if backend == "rustworkx":
        import rustworkx as rx

        # multigraph=False checks every insert against the existing edges (O(degree), minutes on
        # R-MAT hubs); the fastest simple-graph build is a numpy dedup, then a multigraph insert.
        lo, hi = np.minimum(src, dst).astype(np.uint64), np.maximum(src, dst).astype(np.uint64)
        keys = np.unique((lo << np.uint64(32)) | hi)
        u, v = (keys >> np.uint64(32)).astype(np.int64), (keys & np.uint64(0xFFFFFFFF)).astype(np.int64)
        keep = u != v
        g = rx.PyGraph(multigraph=True)
        g.add_nodes_from(range(n))
        g.extend_from_edge_list(list(zip(u[keep].tolist(), v[keep].tolist())))
        return g
    raise ValueError(backend)


def _num_edges(backend: str, g) -> int:
    if backend == "impactgraph":
        return g.num_edges
    if backend == "networkx":
        return g.number_of_edges()
    if backend == "igraph":
        return g.ecount()
    if backend == "networkit":
        return g.numberOfEdges()
    return g.num_edges()


@pytest.mark.benchmark(group="build")
@pytest.mark.parametrize("backend", BACKENDS)
def test_build(benchmark, backend, rmat_raw, rmat_graph, scale):
    skip_unavailable(backend, scale)
    src, dst, n = rmat_raw
    g = benchmark.pedantic(_build, args=(backend, src, dst, n), rounds=2, iterations=1)
    assert _num_edges(backend, g) == rmat_graph[0].num_edges
