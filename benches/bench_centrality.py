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


# ---- k-cores, triangles and clustering ---------------------------------------------------------
# Same simple undirected R-MAT graph. networkx: core_number on the whole graph; local clustering
# and triangles on a uniform sample of NX_SAMPLE nodes (the whole graph takes about two minutes
# at scale 16): multiply its time by n / NX_SAMPLE for an estimate of the whole (a uniform sample
# gives an unbiased estimate of the total per-node work); transitivity (which cannot be sampled)
# only up to scale NX_TRANSITIVITY_MAX_SCALE. rustworkx has core_number and transitivity but no
# local clustering; igraph and NetworKit have no per-node triangle count (it is their local
# clustering's numerator), so the triangles group is impactgraph and networkx only.
# Spot checks after the timed run: every library's maximum core number and the core number of
# the highest-degree node; the clustering of sampled nodes (1e-9 relative) and the mean; the
# transitivity (1e-9 relative).

NX_SAMPLE = 2000
NX_TRANSITIVITY_MAX_SCALE = 13


def _nx_sample(n: int) -> list:
    rng = np.random.default_rng(12345)
    return sorted(rng.choice(n, size=min(NX_SAMPLE, n), replace=False).tolist())


def _core_number(backend: str, g) -> np.ndarray:
    if backend == "impactgraph":
        return ig.core_number(g)
    if backend == "networkx":
        import networkx as nx

        c = nx.core_number(g)
        return np.fromiter((c[i] for i in range(len(c))), dtype=np.int64, count=len(c))
    if backend == "igraph":
        return np.asarray(g.coreness(), dtype=np.int64)
    if backend == "networkit":
        import networkit as nk

        cd = nk.centrality.CoreDecomposition(g)
        cd.run()
        return np.asarray(cd.scores(), dtype=np.int64)
    if backend == "rustworkx":
        import rustworkx as rx

        c = rx.core_number(g)
        return np.fromiter((c[i] for i in range(len(c))), dtype=np.int64, count=len(c))
    raise ValueError(backend)


@pytest.mark.benchmark(group="core_number")
@pytest.mark.parametrize("backend", BACKENDS)
def test_core_number(benchmark, backend, peer_graph, rmat_graph, scale):
    skip_unavailable(backend, scale)
    g = peer_graph(backend)
    x = benchmark.pedantic(_core_number, args=(backend, g), rounds=3, iterations=1)
    G = rmat_graph[0]
    want = ig.core_number(G)
    hub = int(np.argmax(ig.degree(G)))
    assert x.shape == want.shape
    assert int(x.max()) == int(want.max())
    assert int(x[hub]) == int(want[hub])
    assert np.array_equal(x, want)


def _local_clustering(backend: str, g, n: int) -> np.ndarray:
    if backend == "impactgraph":
        return ig.clustering(g)
    if backend == "networkx":
        import networkx as nx

        c = nx.clustering(g, nodes=_nx_sample(n))
        return np.array([c[i] for i in sorted(c)], dtype=float)
    if backend == "igraph":
        return np.asarray(g.transitivity_local_undirected(mode="zero"), dtype=float)
    if backend == "networkit":
        import networkit as nk

        lcc = nk.centrality.LocalClusteringCoefficient(g, turbo=True)
        lcc.run()
        return np.asarray(lcc.scores(), dtype=float)
    raise ValueError(backend)


@pytest.mark.benchmark(group="local_clustering")
@pytest.mark.parametrize("backend", ["impactgraph", "networkx", "igraph", "networkit"])
def test_local_clustering(benchmark, backend, peer_graph, rmat_graph, scale):
    skip_unavailable(backend, scale)
    g = peer_graph(backend)
    G = rmat_graph[0]
    n = G.num_nodes
    x = benchmark.pedantic(_local_clustering, args=(backend, g, n), rounds=2, iterations=1)
    if backend == "networkx":
        n_all = rmat_graph[0].num_nodes
        benchmark.extra_info["networkx_full_s_estimate"] = benchmark.stats.stats.min * n_all / min(NX_SAMPLE, n_all)
    want = ig.clustering(G)
    if backend == "networkx":
        np.testing.assert_allclose(x, want[_nx_sample(n)], rtol=1e-9)
        return
    assert x.shape == want.shape
    np.testing.assert_allclose(x, want, rtol=1e-9, atol=1e-12)
    assert float(x.mean()) == pytest.approx(ig.average_clustering(G), rel=1e-9)


def _triangles(backend: str, g, n: int) -> np.ndarray:
    if backend == "impactgraph":
        return ig.triangles(g)
    if backend == "networkx":
        import networkx as nx

        t = nx.triangles(g, nodes=_nx_sample(n))
        return np.array([t[i] for i in sorted(t)], dtype=np.int64)
    raise ValueError(backend)


@pytest.mark.benchmark(group="triangles")
@pytest.mark.parametrize("backend", ["impactgraph", "networkx"])
def test_triangles(benchmark, backend, peer_graph, rmat_graph, scale):
    skip_unavailable(backend, scale)
    g = peer_graph(backend)
    G = rmat_graph[0]
    x = benchmark.pedantic(_triangles, args=(backend, g, G.num_nodes), rounds=2, iterations=1)
    if backend == "networkx":
        n_all = rmat_graph[0].num_nodes
        benchmark.extra_info["networkx_full_s_estimate"] = benchmark.stats.stats.min * n_all / min(NX_SAMPLE, n_all)
    want = ig.triangles(G)
    if backend == "networkx":
        assert np.array_equal(x, want[_nx_sample(G.num_nodes)])
    else:
        assert x.dtype == np.int64 and int(x.sum()) % 3 == 0


def _transitivity(backend: str, g) -> float:
    if backend == "impactgraph":
        return ig.transitivity(g)
    if backend == "networkx":
        import networkx as nx

        return float(nx.transitivity(g))
    if backend == "igraph":
        return float(g.transitivity_undirected())
    if backend == "networkit":
        import networkit as nk

        return float(nk.globals.ClusteringCoefficient.exactGlobal(g))
    if backend == "rustworkx":
        import rustworkx as rx

        return float(rx.transitivity(g))
    raise ValueError(backend)


@pytest.mark.benchmark(group="transitivity")
@pytest.mark.parametrize("backend", BACKENDS)
def test_transitivity(benchmark, backend, peer_graph, rmat_graph, scale):
    skip_unavailable(backend, scale)
    if backend == "networkx" and scale > NX_TRANSITIVITY_MAX_SCALE:
        pytest.skip(f"networkx transitivity skipped above scale {NX_TRANSITIVITY_MAX_SCALE} (minutes)")
    g = peer_graph(backend)
    x = benchmark.pedantic(_transitivity, args=(backend, g), rounds=2, iterations=1)
    assert x == pytest.approx(ig.transitivity(rmat_graph[0]), rel=1e-9)


# ---- closeness and harmonic centrality ------------------------------------------------------
# All-pairs BFS is O(n m) for every library, so these run on the smaller R-MAT graph of the
# `rmat_small_graph` fixture (scale min(13, --scale): 8192 nodes, about 100k edges at the default),
# unweighted and undirected. networkx would need minutes there, so it is timed on a sample of
# CLOSENESS_NX_SAMPLE nodes (its own `u=` / `nbunch=` arguments: one BFS per sampled node) and the
# full-graph time it implies (sample time * n / sample) is stored in the benchmark's extra_info
# as "networkx_full_s_estimate". Normalisations: impactgraph, networkx, NetworKit (GENERALIZED)
# and rustworkx compute networkx's closeness with wf_improved=True; igraph's closeness is
# networkx's wf_improved=False (it has no Wasserman-Faust option), so its spot check compares
# with that. Harmonic: igraph with normalized=False, NetworKit HarmonicCloseness(normalized=False)
# (both networkx's sums); rustworkx has no harmonic centrality.
CLOSENESS_NX_SAMPLE = 64


def _closeness(backend: str, g, sample) -> np.ndarray:
    if backend == "impactgraph":
        return ig.closeness_centrality(g)
    if backend == "networkx":
        import networkx as nx

        return np.array([nx.closeness_centrality(g, u=int(v)) for v in sample])
    if backend == "igraph":
        return np.asarray(g.closeness(), dtype=float)
    if backend == "networkit":
        import networkit as nk

        c = nk.centrality.Closeness(g, True, nk.centrality.ClosenessVariant.GENERALIZED)
        c.run()
        return np.asarray(c.scores())
    if backend == "rustworkx":
        import rustworkx as rx

        c = rx.closeness_centrality(g, wf_improved=True)
        return np.fromiter((c[i] for i in range(len(c))), dtype=float, count=len(c))
    raise ValueError(backend)


def _harmonic(backend: str, g, sample) -> np.ndarray:
    if backend == "impactgraph":
        return ig.harmonic_centrality(g)
    if backend == "networkx":
        import networkx as nx

        h = nx.harmonic_centrality(g, nbunch=[int(v) for v in sample])
        return np.array([h[int(v)] for v in sample])
    if backend == "igraph":
        return np.asarray(g.harmonic_centrality(normalized=False), dtype=float)
    if backend == "networkit":
        import networkit as nk

        h = nk.centrality.HarmonicCloseness(g, normalized=False)
        h.run()
        return np.asarray(h.scores())
    raise ValueError(backend)


def _closeness_sample(G) -> np.ndarray:
    """The nodes networkx is timed on: the highest-degree node plus evenly spaced ids."""
    top = int(np.argmax(ig.degree(G)))
    rest = np.linspace(0, G.num_nodes - 1, CLOSENESS_NX_SAMPLE - 1).astype(int)
    return np.concatenate([[top], rest])


@pytest.mark.benchmark(group="closeness")
@pytest.mark.parametrize("backend", BACKENDS)
def test_closeness(benchmark, backend, rmat_small_graph, scale):
    skip_unavailable(backend, scale)
    G, peer = rmat_small_graph
    g = peer(backend)
    sample = _closeness_sample(G)
    x = benchmark.pedantic(_closeness, args=(backend, g, sample), rounds=1, iterations=1)
    want = ig.closeness_centrality(G)
    top = int(sample[0])
    if backend == "networkx":
        benchmark.extra_info["networkx_full_s_estimate"] = benchmark.stats.stats.mean * G.num_nodes / len(sample)
        np.testing.assert_allclose(x, want[sample], rtol=1e-9)
        return
    assert x.shape == want.shape
    if backend == "igraph":
        assert x[top] == pytest.approx(ig.closeness_centrality(G, wf_improved=False)[top], rel=1e-9)
    else:
        assert x[top] == pytest.approx(want[top], rel=1e-9)


@pytest.mark.benchmark(group="harmonic")
@pytest.mark.parametrize("backend", [b for b in BACKENDS if b != "rustworkx"])
def test_harmonic(benchmark, backend, rmat_small_graph, scale):
    skip_unavailable(backend, scale)
    G, peer = rmat_small_graph
    g = peer(backend)
    sample = _closeness_sample(G)
    x = benchmark.pedantic(_harmonic, args=(backend, g, sample), rounds=1, iterations=1)
    want = ig.harmonic_centrality(G)
    if backend == "networkx":
        benchmark.extra_info["networkx_full_s_estimate"] = benchmark.stats.stats.mean * G.num_nodes / len(sample)
        np.testing.assert_allclose(x, want[sample], rtol=1e-9)
        return
    top = int(sample[0])
    assert x.shape == want.shape
    assert x[top] == pytest.approx(want[top], rel=1e-9)


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


# ---- eigenvector, Katz, HITS ---------------------------------
#
# Stopping rules differ between libraries, so the work differs: impactgraph and networkx stop
# eigenvector/Katz when the L1 change is below n * 1e-6 (networkx's rule; eigenvector iterates
# with A + I); igraph's eigenvector_centrality uses ARPACK (exact to its own tolerance, scaled to
# max 1 unless scale=False, which gives unit 2-norm in recent versions; we rescale before the
# spot check); NetworKit's EigenvectorCentrality stops on its own L2 tolerance 1e-9 and
# KatzCentrality on its bound-based rule (alpha given); rustworkx iterates eigenvector/Katz to
# its tol 1e-6 with networkx-like rules (without the + I shift). HITS: impactgraph iterates
# networkx's `_hits_python` rule (L1 change of max-normalised hubs < tol) with tol=1e-8 and
# max_iter raised to 10000; networkx uses ARPACK svds; igraph ARPACK; rustworkx its own power
# iteration (tol 1e-8). Spot checks compare the top node's value (rescaled to unit 2-norm or sum
# 1) with impactgraph's, at 1e-3 relative for peers with different stopping rules.

_K_ALPHA = 0.001


def _unit(x):
    x = np.asarray(x, dtype=float)
    return x / np.linalg.norm(x)


def _eig(backend, g, measure):
    if backend == "impactgraph":
        if measure == "eigenvector":
            return ig.eigenvector_centrality(g, max_iter=1000)
        return ig.katz_centrality(g, alpha=_K_ALPHA)
    if backend == "networkx":
        import networkx as nx

        if measure == "eigenvector":
            d = nx.eigenvector_centrality(g, max_iter=1000)
        else:
            d = nx.katz_centrality(g, alpha=_K_ALPHA)
        return np.fromiter((d[i] for i in range(len(d))), dtype=float, count=len(d))
    if backend == "igraph":
        if measure == "eigenvector":
            return np.asarray(g.eigenvector_centrality(scale=False))
        pytest.skip("igraph has no Katz centrality")
    if backend == "networkit":
        import networkit as nk

        a = nk.centrality.EigenvectorCentrality(g) if measure == "eigenvector" else nk.centrality.KatzCentrality(g, alpha=_K_ALPHA)
        a.run()
        return np.asarray(a.scores())
    if backend == "rustworkx":
        import rustworkx as rx

        if measure == "eigenvector":
            d = rx.eigenvector_centrality(g, max_iter=1000)
        else:
            d = rx.katz_centrality(g, alpha=_K_ALPHA, max_iter=1000)
        return np.fromiter((d[i] for i in range(len(d))), dtype=float, count=len(d))
    raise ValueError(backend)


@pytest.mark.benchmark(group="eigenvector")
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("measure", ["eigenvector", "katz"])
def test_eigenvector_katz(benchmark, backend, measure, peer_graph, rmat_graph, scale):
    skip_unavailable(backend, scale)
    if backend == "igraph" and measure == "katz":
        pytest.skip("igraph has no Katz centrality")  # before timing: an empty benchmark breaks the JSON report
    g = peer_graph(backend)
    x = benchmark.pedantic(_eig, args=(backend, g, measure), rounds=2, iterations=1)
    ref = _eig("impactgraph", rmat_graph[0], measure)
    top = int(np.argmax(ref))
    assert x.shape == ref.shape
    if backend in ("impactgraph", "networkx"):
        assert x[top] == pytest.approx(ref[top], rel=1e-9)
    elif backend == "networkit" and measure == "katz":
        # NetworKit's Katz counts walks without the constant term (no beta), so its scores are
        # not a rescaling of networkx's; only the ranking's top is compared.
        assert int(np.argmax(x)) == top
    else:
        assert _unit(x)[top] == pytest.approx(_unit(ref)[top], rel=2e-2)


def _hits(backend, g):
    if backend == "impactgraph":
        return ig.hits(g, max_iter=10_000)[1]
    if backend == "networkx":
        import networkx as nx

        _, a = nx.hits(g)
        return np.fromiter((a[i] for i in range(len(a))), dtype=float, count=len(a))
    if backend == "igraph":
        g.hub_score()
        return np.asarray(g.authority_score())
    if backend == "rustworkx":
        import rustworkx as rx

        _, a = rx.hits(g)
        return np.fromiter((a[i] for i in range(len(a))), dtype=float, count=len(a))
    pytest.skip(f"{backend} has no HITS")


@pytest.mark.benchmark(group="hits")
@pytest.mark.parametrize("backend", BACKENDS)
def test_hits(benchmark, backend, rmat_directed, scale):
    from conftest import build_directed_peer

    skip_unavailable(backend, scale)
    if backend == "networkit":
        pytest.skip("networkit has no HITS")  # before timing: an empty benchmark breaks the JSON report
    G, s, d = rmat_directed
    g = G if backend == "impactgraph" else build_directed_peer(backend, s, d, G.num_nodes)
    a = benchmark.pedantic(_hits, args=(backend, g), rounds=2, iterations=1)
    ref = _hits("impactgraph", G)
    top = int(np.argmax(ref))
    a = np.asarray(a) / np.sum(a)
    assert a[top] == pytest.approx(ref[top], rel=1e-3)
