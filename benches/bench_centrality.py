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


# ---------------------------------------------------------------------------------------------
# Structural holes (constraint, effective size) on snap_email_enron (36,692 nodes, 183,831
# edges). networkx's constraint runs its default sparse-matrix path on the whole graph. Its
# default effective size builds dense n x n matrices (about 10 GB here) and its per-node path
# costs O(deg^3) per node (about 0.9 s per node here), so networkx's effective size runs the
# per-node path on a sample of 10 nodes and the table compares time per node (`per_node`
# extra_info). igraph's `constraint()` is timed beside ours (its own weighting; not
# spot-checked).


def _enron():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "snap_email_enron" / "email-Enron.txt.gz"
    if not path.exists():
        pytest.skip(f"{path} not found")
    key = ("enron",)
    if key not in _holes_cache:
        G = ig.read_edgelist(path)
        _holes_cache[key] = G
    return _holes_cache[key]


_holes_cache: dict = {}
HOLES_SAMPLE = 10


@pytest.mark.benchmark(group="structural holes (enron)")
@pytest.mark.parametrize("measure", ["constraint", "effective_size"])
@pytest.mark.parametrize("backend", ["impactgraph", "networkx", "igraph"])
def test_structural_holes(benchmark, backend, measure):
    G = _enron()
    n = G.num_nodes
    if backend == "impactgraph":
        f = getattr(ig, measure)
        x = benchmark.pedantic(f, args=(G,), rounds=3, iterations=1)
        benchmark.extra_info["per_node"] = benchmark.stats.stats.min / n
        assert x.shape == (n,)
        return
    if backend == "networkx":
        import networkx as nx

        H = _holes_cache.setdefault(("enron", "nx"), G.to_networkx())
        nodes = list(H)[:: n // HOLES_SAMPLE][:HOLES_SAMPLE] if measure == "effective_size" else list(H)
        f = getattr(nx, measure)
        kwargs = {"nodes": nodes} if measure == "effective_size" else {}
        want = benchmark.pedantic(f, args=(H,), kwargs=kwargs, rounds=1, iterations=1)
        benchmark.extra_info["per_node"] = benchmark.stats.stats.min / len(nodes)
        ours = getattr(ig, measure)(G)
        ids = G.node_ids(nodes)
        got = np.array([want[v] for v in nodes])
        ok = ~np.isnan(got)
        np.testing.assert_allclose(ours[ids][ok], got[ok], rtol=1e-9)
        return
    if backend == "igraph":
        if measure != "constraint":
            pytest.skip("igraph has no effective size")
        import igraph

        s, d, _ = G.edges()
        g = _holes_cache.setdefault(("enron", "igraph"), igraph.Graph(n=n, edges=np.column_stack([s, d])))
        x = benchmark.pedantic(g.constraint, rounds=3, iterations=1)
        benchmark.extra_info["per_node"] = benchmark.stats.stats.min / n
        assert len(x) == n
