"""Reading the simple R-MAT graph from a whitespace edge-list file (``u v`` per line) into each
library's graph, by each library's fastest reader for integer names."""

from __future__ import annotations

import pytest
from conftest import BACKENDS, skip_unavailable

import impactgraph as ig


def _read(backend: str, path) -> int:
    """Read the file; return the number of edges."""
    if backend == "impactgraph":
        return ig.read_edgelist(path).num_edges
    if backend == "networkx":
        import networkx as nx

        return nx.read_edgelist(path, nodetype=int).number_of_edges()
    if backend == "igraph":
        import igraph

        return igraph.Graph.Read_Edgelist(str(path), directed=False).ecount()
    if backend == "networkit":
        import networkit as nk

        # continuous=True: ids used as they are (the fast path; names must be integers).
        return nk.graphio.EdgeListReader(" ", 0, directed=False, continuous=True).read(str(path)).numberOfEdges()
    if backend == "rustworkx":
        import rustworkx as rx

        return rx.PyGraph.read_edge_list(str(path)).num_edges()
    raise ValueError(backend)


@pytest.mark.benchmark(group="read_edgelist")
@pytest.mark.parametrize("backend", BACKENDS)
def test_read_edgelist(benchmark, backend, edgelist_file, rmat_graph, scale):
    skip_unavailable(backend, scale)
    m = benchmark.pedantic(_read, args=(backend, edgelist_file), rounds=2, iterations=1)
    assert m == rmat_graph[0].num_edges
