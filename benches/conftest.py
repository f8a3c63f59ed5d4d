"""Benchmark fixtures: one R-MAT edge list per session, handed to every library in the same
process, and each library's graph built once (construction is timed separately in
bench_graph.py).

Run: ``pytest benches --scale 16`` (CI) or ``--scale 20`` (by hand); add
``--benchmark-json=out.json`` and ``python benches/report.py out.json`` for the README table.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

import impactgraph as ig

PEERS = ["networkx", "igraph", "networkit", "rustworkx"]
BACKENDS = ["impactgraph"] + PEERS
# networkx keeps a dict of dicts per node: above this scale it needs tens of GB and minutes.
NETWORKX_MAX_SCALE = 18


def pytest_addoption(parser):
    parser.addoption("--scale", type=int, default=16, help="R-MAT scale: 2**scale nodes, 16 * 2**scale edges")
    parser.addoption("--seed", type=int, default=20261123, help="R-MAT seed")


def pytest_configure(config):
    config.addinivalue_line("markers", "benchmark: benchmarks")


def available(backend: str) -> bool:
    mod = {"igraph": "igraph", "networkit": "networkit", "rustworkx": "rustworkx", "networkx": "networkx"}.get(backend)
    return mod is None or importlib.util.find_spec(mod) is not None


def skip_unavailable(backend: str, scale: int) -> None:
    if not available(backend):
        pytest.skip(f"{backend} is not installed")
    if backend == "networkx" and scale > NETWORKX_MAX_SCALE:
        pytest.skip(f"networkx skipped above scale {NETWORKX_MAX_SCALE} (memory and time)")


@pytest.fixture(scope="session")
def scale(request) -> int:
    return int(request.config.getoption("--scale"))


@pytest.fixture(scope="session")
def rmat_raw(request, scale):
    """The raw R-MAT edge list (duplicates and self-loops included) and the node count."""
    src, dst = ig.generators.rmat_edges(scale, 16, seed=int(request.config.getoption("--seed")))
    return src, dst, 2**scale


@pytest.fixture(scope="session")
def rmat_graph(rmat_raw):
    """impactgraph's simple undirected graph of the R-MAT edges, and its edge arrays."""
    src, dst, n = rmat_raw
    G = ig.Graph.from_edges(src, dst, num_nodes=n, self_loops=False)
    s, d, _ = G.edges()
    return G, s, d


def build_peer(backend: str, s: np.ndarray, d: np.ndarray, n: int, directed_copy: bool = False):
    """The peer library's graph of the simple edge list (s, d) on n nodes."""
    if backend == "impactgraph":
        return ig.Graph.from_edges(s, d, num_nodes=n)
    if backend == "networkx":
        import networkx as nx

        H = nx.Graph()
        H.add_nodes_from(range(n))
        H.add_edges_from(zip(s.tolist(), d.tolist()))
        return H
    if backend == "igraph":
        import igraph

        return igraph.Graph(n=n, edges=np.column_stack([s, d]), directed=False)
    if backend == "networkit":
        import networkit as nk

        g = nk.Graph(n)
        g.addEdges((s.astype(np.uint64), d.astype(np.uint64)))
        g.indexEdges()
        return g
    if backend == "rustworkx":
        import rustworkx as rx

        if directed_copy:
            g = rx.PyDiGraph(multigraph=True)  # the edge list is already simple
            g.add_nodes_from(range(n))
            g.extend_from_edge_list(list(zip(s.tolist(), d.tolist())) + list(zip(d.tolist(), s.tolist())))
            return g
        g = rx.PyGraph(multigraph=True)
        g.add_nodes_from(range(n))
        g.extend_from_edge_list(list(zip(s.tolist(), d.tolist())))
        return g
    raise ValueError(backend)


_cache: dict = {}


@pytest.fixture(scope="session")
def peer_graph(rmat_graph):
    """``peer_graph(backend, directed_copy=False)``: the backend's graph, built once per session."""
    G, s, d = rmat_graph

    def get(backend: str, directed_copy: bool = False):
        key = (backend, directed_copy)
        if key not in _cache:
            _cache[key] = G if backend == "impactgraph" else build_peer(backend, s, d, G.num_nodes, directed_copy)
        return _cache[key]

    return get


@pytest.fixture(scope="session")
def rmat_directed(rmat_raw):
    """impactgraph's simple directed graph of the R-MAT edges, and its edge arrays."""
    src, dst, n = rmat_raw
    G = ig.Graph.from_edges(src, dst, num_nodes=n, self_loops=False, directed=True)
    s, d, _ = G.edges()
    return G, s, d


def build_directed_peer(backend: str, s: np.ndarray, d: np.ndarray, n: int):
    """The peer library's directed graph of the simple arc list (s, d) on n nodes."""
    if backend == "networkx":
        import networkx as nx

        H = nx.DiGraph()
        H.add_nodes_from(range(n))
        H.add_edges_from(zip(s.tolist(), d.tolist()))
        return H
    if backend == "igraph":
        import igraph

        return igraph.Graph(n=n, edges=np.column_stack([s, d]), directed=True)
    if backend == "networkit":
        import networkit as nk

        g = nk.Graph(n, directed=True)
        g.addEdges((s.astype(np.uint64), d.astype(np.uint64)))
        return g
    if backend == "rustworkx":
        import rustworkx as rx

        g = rx.PyDiGraph(multigraph=True)
        g.add_nodes_from(range(n))
        g.extend_from_edge_list(list(zip(s.tolist(), d.tolist())))
        return g
    raise ValueError(backend)


@pytest.fixture(scope="session")
def edgelist_file(rmat_graph, tmp_path_factory):
    """The simple R-MAT edge list written as a whitespace text file, one `u v` line per edge."""
    _, s, d = rmat_graph
    path = tmp_path_factory.mktemp("edgelist") / "rmat.txt"
    np.savetxt(path, np.column_stack([s, d]), fmt="%d")
    return path


# ---- closeness / harmonic: all-pairs shortest paths are O(n m), too slow at scale 16 ---------
#: Scale of the small R-MAT graph (or the session scale, if smaller).
SMALL_SCALE = 13


@pytest.fixture(scope="session")
def rmat_small_graph(request, scale):
    """A smaller simple undirected R-MAT graph (scale min(13, --scale), 16 edges per node, the
    session seed), for O(n m) measures, and a ``peer(backend)`` getter of each library's copy."""
    s_ = min(SMALL_SCALE, scale)
    src, dst = ig.generators.rmat_edges(s_, 16, seed=int(request.config.getoption("--seed")))
    n = 2**s_
    G = ig.Graph.from_edges(src, dst, num_nodes=n, self_loops=False)
    s, d, _ = G.edges()
    cache: dict = {}

    def peer(backend: str, directed_copy: bool = False):
        key = (backend, directed_copy)
        if key not in cache:
            cache[key] = G if backend == "impactgraph" else build_peer(backend, s, d, n, directed_copy)
        return cache[key]

    return G, peer


# --- betweenness: a scale-14 R-MAT graph for the exact comparisons -----------------------------
RMAT14_SCALE = 14


@pytest.fixture(scope="session")
def rmat14_graph(request):
    """impactgraph's simple undirected graph of a scale-14 R-MAT edge list (16 * 2**14 edge
    draws, same seed option as ``rmat_graph``), and its edge arrays."""
    src, dst = ig.generators.rmat_edges(RMAT14_SCALE, 16, seed=int(request.config.getoption("--seed")))
    G = ig.Graph.from_edges(src, dst, num_nodes=2**RMAT14_SCALE, self_loops=False)
    s, d, _ = G.edges()
    return G, s, d


_cache14: dict = {}


@pytest.fixture(scope="session")
def peer14_graph(rmat14_graph):
    """``peer14_graph(backend)``: the backend's graph of the scale-14 R-MAT, built once."""
    G, s, d = rmat14_graph

    def get(backend: str):
        if backend not in _cache14:
            _cache14[backend] = G if backend == "impactgraph" else build_peer(backend, s, d, G.num_nodes)
        return _cache14[backend]

    return get
