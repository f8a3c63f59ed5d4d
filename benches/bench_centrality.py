"""PageRank (alpha 0.85) on the same simple R-MAT graph, every library in this process.

Convergence rules differ, so the work done differs: impactgraph and networkx stop when the L1
change is below n * 1e-6 (networkx's rule, loose on large graphs: about 10 iterations here),
NetworKit at its own tolerance 1e-6, igraph solves exactly (PRPACK) and rustworkx iterates to
its tol 1e-6 on a directed copy (it has no undirected PageRank). Spot checks: every library finds
the same top node; networkx's values equal impactgraph's at the same settings (1e-9 relative);
igraph's equal impactgraph's converged values (tol 1e-10) to 1e-3. NetworKit loses the mass of
isolated nodes (R-MAT graphs have many), so its scores sum to less than 1.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import BACKENDS, skip_unavailable

import impactgraph as ig


def _pagerank(backend: str, g) -> np.ndarray:
    if backend == "impactgraph":
        return ig.pagerank(g)
    if backend == "networkx":
        import networkx as nx

        pr = nx.pagerank(g)
        return np.fromiter((pr[i] for i in range(len(pr))), dtype=float, count=len(pr))
    if backend == "igraph":
        return np.asarray(g.pagerank(damping=0.85))
    if backend == "networkit":
        import networkit as nk

        pr = nk.centrality.PageRank(
            g, damp=0.85, tol=1e-6, distributeSinks=nk.centrality.SinkHandling.DistributeSinks
        )
        pr.run()
        return np.asarray(pr.scores())
    if backend == "rustworkx":
        import rustworkx as rx

        pr = rx.pagerank(g, alpha=0.85, tol=1e-6)
        return np.fromiter((pr[i] for i in range(len(pr))), dtype=float, count=len(pr))
    raise ValueError(backend)


@pytest.mark.benchmark(group="pagerank")
@pytest.mark.parametrize("backend", BACKENDS)
def test_pagerank(benchmark, backend, peer_graph, rmat_graph, scale):
    skip_unavailable(backend, scale)
    g = peer_graph(backend, directed_copy=(backend == "rustworkx"))
    x = benchmark.pedantic(_pagerank, args=(backend, g), rounds=2, iterations=1)
    same_rule = ig.pagerank(rmat_graph[0])
    converged = ig.pagerank(rmat_graph[0], tol=1e-10)
    top = int(np.argmax(converged))
    assert x.shape == converged.shape
    if backend == "rustworkx":
        # At scale 20 (not 16) rustworkx returned scores whose maximum is at node 0, not at the
        # hub every other library finds; reported in the README, not asserted here.
        return
    assert int(np.argmax(x)) == top
    if backend in ("impactgraph", "networkx"):
        assert x[top] == pytest.approx(same_rule[top], rel=1e-9)
    elif backend == "igraph":
        assert x[top] == pytest.approx(converged[top], rel=1e-3)


# --- betweenness ---------------------------------------------------------------------------------
# Exact betweenness on the scale-14 R-MAT graph (16,384 nodes, about 213k edges), normalized:
# impactgraph, NetworKit ``Betweenness(g, normalized=True)``, igraph ``g.betweenness()``
# (unnormalized; exact only) and rustworkx ``betweenness_centrality(normalized=True)`` (parallel).
# networkx exact would take hours here: it runs on BC_NX_SOURCES sampled sources of the same graph
# and its time per source is compared with impactgraph's exact time per source (extra_info
# "sources" holds the number of sources of each run). Peers that take over ~30 s are marked slow
# (excluded from CI; run them with ``-m slow``).
# Sampled betweenness (256 sources) at the session scale: impactgraph ``k=256`` and NetworKit
# ``EstimateBetweenness(g, 256, normalized=True, parallel=True)``; networkx on BC_NX_SAMPLE_SOURCES
# sources (per-source comparison again). Spot checks: exact values equal impactgraph's at the top
# node (1e-9 relative; igraph's unnormalized value rescaled); sampled estimates find one of
# impactgraph's top nodes.
BC_SAMPLE = 256
BC_NX_SOURCES = 64
BC_NX_SAMPLE_SOURCES = 8


def _betweenness_exact(backend: str, g) -> np.ndarray:
    if backend == "impactgraph":
        return ig.betweenness_centrality(g)
    if backend == "networkx":
        import networkx as nx

        b = nx.betweenness_centrality(g, k=BC_NX_SOURCES, seed=1)
        return np.fromiter((b[i] for i in range(len(b))), dtype=float, count=len(b))
    if backend == "networkit":
        import networkit as nk

        bc = nk.centrality.Betweenness(g, normalized=True)
        bc.run()
        return np.asarray(bc.scores())
    if backend == "igraph":
        return np.asarray(g.betweenness())
    if backend == "rustworkx":
        import rustworkx as rx

        b = rx.betweenness_centrality(g, normalized=True)
        return np.fromiter((b[i] for i in range(len(b))), dtype=float, count=len(b))
    raise ValueError(backend)


def _slow_peer(backend: str):
    marks = [pytest.mark.slow] if backend in ("networkit", "igraph", "rustworkx") else []
    return pytest.param(backend, marks=marks)


@pytest.mark.benchmark(group="betweenness-exact-scale14")
@pytest.mark.parametrize("backend", [_slow_peer(b) for b in BACKENDS])
def test_betweenness_exact(benchmark, backend, peer14_graph, rmat14_graph):
    skip_unavailable(backend, 14)
    g = peer14_graph(backend)
    G = rmat14_graph[0]
    n = G.num_nodes
    benchmark.extra_info["sources"] = BC_NX_SOURCES if backend == "networkx" else n
    x = benchmark.pedantic(_betweenness_exact, args=(backend, g), rounds=1, iterations=1)
    assert x.shape == (n,)
    ref = ig.betweenness_centrality(G, threads=None)
    top = int(np.argmax(ref))
    if backend == "networkx":
        assert int(np.argmax(x)) in np.argsort(ref)[-5:].tolist()
    elif backend == "igraph":
        assert x[top] * 2 / ((n - 1) * (n - 2)) == pytest.approx(ref[top], rel=1e-9)
    else:
        assert x[top] == pytest.approx(ref[top], rel=1e-9)


def _betweenness_sampled(backend: str, g) -> np.ndarray:
    if backend == "impactgraph":
        return ig.betweenness_centrality(g, k=BC_SAMPLE, seed=1)
    if backend == "networkx":
        import networkx as nx

        b = nx.betweenness_centrality(g, k=BC_NX_SAMPLE_SOURCES, seed=1)
        return np.fromiter((b[i] for i in range(len(b))), dtype=float, count=len(b))
    if backend == "networkit":
        import networkit as nk

        bc = nk.centrality.EstimateBetweenness(g, BC_SAMPLE, normalized=True, parallel=True)
        bc.run()
        return np.asarray(bc.scores())
    raise ValueError(backend)


@pytest.mark.benchmark(group="betweenness-sampled-256")
@pytest.mark.parametrize("backend", ["impactgraph", "networkit", "networkx"])
def test_betweenness_sampled(benchmark, backend, peer_graph, rmat_graph, scale):
    skip_unavailable(backend, scale)
    g = peer_graph(backend)
    G = rmat_graph[0]
    benchmark.extra_info["sources"] = BC_NX_SAMPLE_SOURCES if backend == "networkx" else BC_SAMPLE
    x = benchmark.pedantic(_betweenness_sampled, args=(backend, g), rounds=1, iterations=1)
    assert x.shape == (G.num_nodes,)
    ours = ig.betweenness_centrality(G, k=BC_SAMPLE, seed=1) if backend != "impactgraph" else x
    assert np.isfinite(x).all() and (x >= 0).all()
    if backend == "networkx":  # 8 sources: a rough estimate; the hub is still on many paths
        assert x[int(np.argmax(ours))] > 0
    else:
        assert int(np.argmax(x)) in np.argsort(ours)[-5:].tolist()
