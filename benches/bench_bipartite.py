"""One-mode projection of a random two-mode graph (people × events): impactgraph's native
projection, networkx's ``weighted_projected_graph``, the same call dispatched to impactgraph,
and igraph's ``bipartite_projection(multiplicity=True, which=0)``.

Each of ``N`` people (default 10**5, ``IG_BENCH_BIPARTITE_N``) attends 3 of ``N`` events drawn
with a skewed popularity (event ``k`` with weight ``1 / (k + N / 10)``: the largest events
have about 8 times the mean size, as in affiliation data). The projection onto the people is
weighted by the number of shared events: about 713 000 ties at ``N = 10**5``.
"""

from __future__ import annotations

import importlib.util
import os

import numpy as np
import pytest

import impactgraph as ig

N = int(os.environ.get("IG_BENCH_BIPARTITE_N", 100_000))
PER_PERSON = 3

_cache: dict = {}


def _two_mode():
    """(impactgraph graph, people ids, networkx graph or None): people 0..N-1, events N..2N-1."""
    if "ig" not in _cache:
        rng = np.random.default_rng(20261123)
        pop = 1.0 / (np.arange(N) + N / 10)
        pop /= pop.sum()
        people = np.repeat(np.arange(N, dtype=np.int64), PER_PERSON)
        events = N + rng.choice(N, size=N * PER_PERSON, p=pop)
        G = ig.Graph.from_edges(people, events, num_nodes=2 * N)
        _cache["ig"] = (G, people, events)
    return _cache["ig"]


def _networkx():
    if "nx" not in _cache:
        import networkx as nx

        _, people, events = _two_mode()
        B = nx.Graph()
        B.add_nodes_from(range(2 * N))
        B.add_edges_from(zip(people.tolist(), events.tolist()))
        _cache["nx"] = B
    return _cache["nx"]


def _expected_ties() -> int:
    if "ties" not in _cache:
        G, _, _ = _two_mode()
        _cache["ties"] = int(ig.bipartite.projection_ties(G, np.arange(N))[0].size)
    return _cache["ties"]


def _igraph():
    if "igraph" not in _cache:
        import igraph

        _, people, events = _two_mode()
        g = igraph.Graph(n=2 * N, edges=np.stack([people, events], axis=1).tolist())
        g.simplify()  # a person drawing the same event twice: one membership, as in the others
        _cache["igraph"] = (g, [False] * N + [True] * N)
    return _cache["igraph"]


@pytest.mark.benchmark(group="bipartite_projection")
@pytest.mark.parametrize(
    "backend", ["impactgraph-ties", "impactgraph-graph", "igraph", "networkx", "networkx-dispatch-impactgraph"]
)
def test_weighted_projection(benchmark, backend):
    G, _, _ = _two_mode()
    people = list(range(N))
    if backend == "impactgraph-ties":
        rows = np.arange(N)
        src, _, w = benchmark.pedantic(
            lambda: ig.bipartite.projection_ties(G, rows, weighting="count"), rounds=3, iterations=1
        )
        assert src.size == _expected_ties() and w.min() >= 1
        return
    if backend == "impactgraph-graph":
        P = benchmark.pedantic(
            lambda: ig.bipartite.projected_graph(G, np.arange(N), weighting="count"), rounds=3, iterations=1
        )
        assert P.num_edges == _expected_ties()
        return
    if backend == "igraph":
        if importlib.util.find_spec("igraph") is None:
            pytest.skip("igraph is not installed")
        g, types = _igraph()
        P = benchmark.pedantic(
            lambda: g.bipartite_projection(types=types, multiplicity=True, which=0), rounds=3, iterations=1
        )
        assert P.ecount() == _expected_ties()
        return
    import networkx as nx

    B = _networkx()
    if backend == "networkx":
        P = benchmark.pedantic(
            lambda: nx.bipartite.weighted_projected_graph(B, people), rounds=1, iterations=1
        )
    else:

        def run():
            B.__networkx_cache__.clear()  # conversion included
            return nx.bipartite.weighted_projected_graph(B, people, backend="impactgraph")

        P = benchmark.pedantic(run, rounds=1, iterations=1)
    assert P.number_of_edges() == _expected_ties()
    u, v, w = next(iter(P.edges(data="weight")))
    assert type(w) is int and w == len(set(B[u]) & set(B[v]))
