"""Betweenness (node and edge, exact and sampled) with networkx as the oracle."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

import impactgraph as ig
from impactgraph.errors import InvalidGraphError, InvalidParameterError
from impactgraph.testing import random_networkx_graphs

REL = 1e-9


def nx_vector(H, d):
    return np.array([d[v] for v in H], dtype=float)


def assert_close(got, want, msg=""):
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape, msg
    np.testing.assert_allclose(got, want, rtol=REL, atol=1e-12, err_msg=str(msg))


def nx_edge_vector(H, G, d):
    """networkx's {(u, v): value} in the order of G.edges() (ids follow H's node order)."""
    nodes = list(H)
    src, dst, _ = G.edges()
    out = []
    for s, t in zip(src.tolist(), dst.tolist()):
        u, v = nodes[s], nodes[t]
        out.append(d[(u, v)] if (u, v) in d else d[(v, u)])
    return np.array(out, dtype=float)


def check_nodes(H, G=None, **kw):
    G = ig.Graph.from_networkx(H) if G is None else G
    got = ig.betweenness_centrality(G, **kw)
    assert got.dtype == np.float64 and got.shape == (len(H),)
    assert_close(got, nx_vector(H, nx.betweenness_centrality(H, **kw)), kw)


def check_edges(H, G=None, **kw):
    G = ig.Graph.from_networkx(H) if G is None else G
    src, dst, val = ig.edge_betweenness_centrality(G, **kw)
    s2, d2, _ = G.edges()
    assert src.dtype == np.uint32 and dst.dtype == np.uint32 and val.dtype == np.float64
    np.testing.assert_array_equal(src, s2)
    np.testing.assert_array_equal(dst, d2)
    assert_close(val, nx_edge_vector(H, G, nx.edge_betweenness_centrality(H, **kw)), kw)


@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("normalized", [True, False])
@pytest.mark.parametrize("endpoints", [False, True])
def test_nodes_match_networkx(corpus_graph, weight, normalized, endpoints):
    name, H = corpus_graph
    check_nodes(H, weight=weight, normalized=normalized, endpoints=endpoints)


@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("normalized", [True, False])
def test_edges_match_networkx(corpus_graph, weight, normalized):
    name, H = corpus_graph
    check_edges(H, weight=weight, normalized=normalized)


def test_undirected_views_of_directed_corpus(corpus_graph):
    """Directed graphs of the corpus seen as undirected, and undirected ones as directed."""
    name, H = corpus_graph
    H2 = H.to_undirected() if H.is_directed() else H.to_directed()
    check_nodes(H2, weight="weight")
    check_edges(H2, weight="weight")


def _read(data_dir, folder, file, directed):
    G = ig.read_edgelist(data_dir / folder / file, directed=directed)
    return G, G.to_networkx()


def test_email_eu_core_matches_networkx(data_dir):
    G, H = _read(data_dir, "email_eu_core", "email-Eu-core.txt.gz", True)
    assert G.num_nodes == 1005 and H.is_directed()
    check_nodes(H, G)


def test_email_eu_core_edges_match_networkx(data_dir):
    G, H = _read(data_dir, "email_eu_core", "email-Eu-core.txt.gz", True)
    check_edges(H, G, normalized=False)


@pytest.mark.slow
def test_ca_grqc_matches_networkx(data_dir):
    G, H = _read(data_dir, "snap_ca_grqc", "ca-GrQc.txt.gz", False)
    check_nodes(H, G)
    check_edges(H, G)




# --- sampled sources -------------------------------------------------------------------------

_M = (1 << 64) - 1


def _mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M
    return z ^ (z >> 31)


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & _M


def sampled_sources(n, k, seed):
    """The core's documented sampler, reproduced: xoshiro256** seeded by SplitMix64
    (``Rng::new(seed)``), partial Fisher-Yates with Lemire's ``below``, then sorted."""
    sm, st = seed, []
    for _ in range(4):
        sm = (sm + 0x9E3779B97F4A7C15) & _M
        st.append(_mix64(sm))

    def next_u64():
        result = (_rotl((st[1] * 5) & _M, 7) * 9) & _M
        t = (st[1] << 17) & _M
        st[2] ^= st[0]
        st[3] ^= st[1]
        st[1] ^= st[2]
        st[0] ^= st[3]
        st[2] ^= t
        st[3] = _rotl(st[3], 45)
        return result

    def below(m):
        x = next_u64() * m
        if (x & _M) < m:
            threshold = (-m & _M) % m
            while (x & _M) < threshold:
                x = next_u64() * m
        return x >> 64

    perm = list(range(n))
    for i in range(k):
        j = i + below(n - i)
        perm[i], perm[j] = perm[j], perm[i]
    return sorted(perm[:k])


def nx_sampled(H, sources, *, normalized=True, weight=None, endpoints=False, edges=False):
    """networkx's betweenness loop over the given sources (its own helpers and _rescale)."""
    from networkx.algorithms.centrality import betweenness as B

    nodes = list(H)
    srcs = [nodes[s] for s in sources]
    b = dict.fromkeys(H, 0.0)
    if edges:
        b.update(dict.fromkeys(H.edges(), 0.0))
    for s in srcs:
        if weight is None:
            S, P, sigma, _ = B._single_source_shortest_path_basic(H, s)
        else:
            S, P, sigma, _ = B._single_source_dijkstra_path_basic(H, s, weight)
        if edges:
            b = B._accumulate_edges(b, S, P, sigma, s)
        elif endpoints:
            b, _ = B._accumulate_endpoints(b, S, P, sigma, s)
        else:
            b, _ = B._accumulate_basic(b, S, P, sigma, s)
    if edges:
        for v in H:
            del b[v]
        return B._rescale(b, len(H), normalized=normalized, directed=H.is_directed(), sampled_nodes=srcs)
    return B._rescale(
        b, len(H), normalized=normalized, directed=H.is_directed(), endpoints=endpoints, sampled_nodes=srcs
    )


@pytest.mark.parametrize("normalized", [True, False])
@pytest.mark.parametrize("endpoints", [False, True])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_sampled_matches_networkx_on_the_same_sources(corpus_graph, normalized, endpoints, weight):
    name, H = corpus_graph
    n = len(H)
    if n < 2:
        return
    G = ig.Graph.from_networkx(H)
    for k in sorted({1, 2, n // 3, n - 1}):
        if k < 1:
            continue
        srcs = sampled_sources(n, k, 12345)
        got = ig.betweenness_centrality(G, k=k, seed=12345, normalized=normalized, weight=weight, endpoints=endpoints)
        want = nx_vector(H, nx_sampled(H, srcs, normalized=normalized, weight=weight, endpoints=endpoints))
        assert_close(got, want, (name, k))
        if not endpoints:
            continue
        _, _, e = ig.edge_betweenness_centrality(G, k=k, seed=12345, normalized=normalized, weight=weight)
        we = nx_sampled(H, srcs, normalized=normalized, weight=weight, edges=True)
        assert_close(e, nx_edge_vector(H, G, we), (name, k))


def test_k_one_gives_nan_at_the_source_like_networkx():
    H = nx.path_graph(5)
    G = ig.Graph.from_networkx(H)
    b = ig.betweenness_centrality(G, k=1, seed=3)
    (s,) = sampled_sources(5, 1, 3)
    assert math.isnan(b[s]) and not np.isnan(np.delete(b, s)).any()


def test_k_equal_n_is_exact(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    n = len(H)
    for w in [None, "weight"]:
        exact = ig.betweenness_centrality(G, weight=w)
        np.testing.assert_array_equal(ig.betweenness_centrality(G, k=n, seed=1, weight=w), exact)
        e = ig.edge_betweenness_centrality(G, weight=w)[2]
        np.testing.assert_array_equal(ig.edge_betweenness_centrality(G, k=n, seed=1, weight=w)[2], e)


def test_seeds():
    G = ig.Graph.from_networkx(nx.karate_club_graph())
    a = ig.betweenness_centrality(G, k=10, seed=1)
    np.testing.assert_array_equal(a, ig.betweenness_centrality(G, k=10, seed=1))
    assert not np.array_equal(a, ig.betweenness_centrality(G, k=10, seed=2))
    ea = ig.edge_betweenness_centrality(G, k=10, seed=1)[2]
    np.testing.assert_array_equal(ea, ig.edge_betweenness_centrality(G, k=10, seed=1)[2])
    assert not np.array_equal(ea, ig.edge_betweenness_centrality(G, k=10, seed=2)[2])
    # seed=None: fresh entropy each call (two 10-subsets of 34 nodes coincide with tiny probability)
    draws = {ig.betweenness_centrality(G, k=10).tobytes() for _ in range(4)}
    assert len(draws) > 1


def test_sampled_mean_approaches_exact():
    """Unbiasedness: the mean over many seeds of the endpoints-inclusive estimate (one scale for
    every node, so an unbiased estimator) and of the edge estimate approach the exact values."""
    H = nx.les_miserables_graph()
    G = ig.Graph.from_networkx(H)
    exact = ig.betweenness_centrality(G, endpoints=True)
    exact_e = ig.edge_betweenness_centrality(G)[2]
    runs = 400
    acc = np.zeros_like(exact)
    acc_e = np.zeros_like(exact_e)
    for seed in range(runs):
        acc += ig.betweenness_centrality(G, k=15, seed=seed, endpoints=True)
        acc_e += ig.edge_betweenness_centrality(G, k=15, seed=seed)[2]
    assert np.abs(acc / runs - exact).max() < 0.1 * exact.max()
    assert np.abs(acc_e / runs - exact_e).max() < 0.1 * exact_e.max()


# --- determinism across thread counts ---------------------------------------------------------


def test_threads_bit_identical():
    H = nx.gnp_random_graph(400, 0.02, seed=5)
    rng = np.random.default_rng(1)
    for u, v in H.edges():
        H[u][v]["weight"] = float(rng.integers(1, 4))
    G = ig.Graph.from_networkx(H)
    for kw in [dict(), dict(weight="weight"), dict(k=50, seed=9), dict(k=50, seed=9, weight="weight", endpoints=True)]:
        ref = ig.betweenness_centrality(G, threads=1, **kw)
        for t in (2, 4):
            np.testing.assert_array_equal(ig.betweenness_centrality(G, threads=t, **kw), ref)
        kw.pop("endpoints", None)
        ref = ig.edge_betweenness_centrality(G, threads=1, **kw)[2]
        for t in (2, 4):
            np.testing.assert_array_equal(ig.edge_betweenness_centrality(G, threads=t, **kw)[2], ref)


# --- hypothesis ------------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(H=random_networkx_graphs(25))
def test_hypothesis_matches_networkx(H):
    G = ig.Graph.from_networkx(H)
    for weight in [None, "weight"]:
        check_nodes(H, G, weight=weight)
        check_nodes(H, G, weight=weight, normalized=False, endpoints=True)
        check_edges(H, G, weight=weight)


@settings(max_examples=40, deadline=None)
@given(H=random_networkx_graphs(20, weighted=True))
def test_hypothesis_sampled_matches_networkx(H):
    n = len(H)
    if n < 2:
        return
    G = ig.Graph.from_networkx(H)
    k = max(1, n // 2)
    srcs = sampled_sources(n, k, 77)
    got = ig.betweenness_centrality(G, k=k, seed=77, weight="weight")
    assert_close(got, nx_vector(H, nx_sampled(H, srcs, weight="weight")))


# --- errors and degenerate graphs -------------------------------------------------------------


def test_errors():
    H = nx.path_graph(4)
    G = ig.Graph.from_networkx(H)
    for f in (ig.betweenness_centrality, ig.edge_betweenness_centrality):
        with pytest.raises(InvalidParameterError, match="k"):
            f(G, k=5)
        with pytest.raises(InvalidParameterError, match="k"):
            f(G, k=-1)
        with pytest.raises(InvalidParameterError, match="k"):
            f(G, k=0, seed=1)  # networkx: ZeroDivisionError
        with pytest.raises(TypeError):
            f(G, k=1.5)
        with pytest.raises(TypeError):
            f(G, k=2, seed="x")
        with pytest.raises(TypeError):
            f(H)
        with pytest.raises(TypeError):
            f(G, normalized="yes")
        with pytest.raises(TypeError):
            f(G, weight=lambda u, v, d: 1.0)
        with pytest.raises(TypeError):
            f(G, 2)  # options are keyword-only
    Hn = nx.path_graph(4)
    Hn[1][2]["weight"] = -1.0
    Gn = ig.Graph.from_networkx(Hn)
    for f in (ig.betweenness_centrality, ig.edge_betweenness_centrality):
        with pytest.raises(InvalidGraphError, match=r"edge \(1, 2\) has weight -1"):
            f(Gn, weight="weight")
        f(Gn)  # weight=None ignores the weights
    with pytest.raises(ValueError):  # NaN weights are refused when the graph is built
        ig.Graph.from_edges(np.array([0]), np.array([1]), np.array([np.nan]))


def test_empty_and_single_node_like_networkx():
    for H in (nx.Graph(), nx.DiGraph(), nx.empty_graph(1), nx.empty_graph(2), nx.path_graph(2)):
        G = ig.Graph.from_networkx(H)
        check_nodes(H, G)
        check_nodes(H, G, endpoints=True, normalized=False)
        check_edges(H, G)
        n = len(H)
        check_nodes(H, G, k=n, seed=1)
        if n:
            # k = 0 on tiny graphs: networkx returns zeros without dividing
            assert_close(ig.betweenness_centrality(G, k=0, seed=1), nx_vector(H, nx.betweenness_centrality(H, k=0)))


def test_zero_weights_count_true_shortest_paths():
    """A zero-weight edge: networkx's Dijkstra also counts the zero-weight edge back to an
    already-settled node as a shortest path (its sigma double counts), so on this tree it
    reports 0.75, 1.0, 0.458 for nodes 0, 1, 2. We count the true (unique) shortest paths:

        4 --5-- 0 --0-- 1 --1-- 2 --2-- 3      b = (#left)(#right) / C(4, 2)
    """
    H = nx.Graph()
    H.add_weighted_edges_from([(0, 1, 0.0), (1, 2, 1.0), (2, 3, 2.0), (0, 4, 5.0)])
    G = ig.Graph.from_networkx(H)
    assert_close(ig.betweenness_centrality(G, weight="weight"), [3 / 6, 4 / 6, 3 / 6, 0, 0])
    # each tree edge is on 2 (#left)(#right) ordered pairs, normalized by n (n - 1) = 20
    src, dst, e = ig.edge_betweenness_centrality(G, weight="weight")
    assert_close(e, [12 / 20, 8 / 20, 12 / 20, 8 / 20])
    assert src.tolist() == [0, 0, 1, 2] and dst.tolist() == [1, 4, 2, 3]


# --- explicit sources (how the networkx backend reproduces networkx's own sample) ---------------


@pytest.mark.parametrize("normalized", [True, False])
@pytest.mark.parametrize("endpoints", [False, True])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_explicit_sources_match_networkx(corpus_graph, normalized, endpoints, weight):
    name, H = corpus_graph
    n = len(H)
    if n < 3:
        return
    G = ig.Graph.from_networkx(H)
    labels = list(H)
    for ids in ([n - 1], [n - 1, 0], list(range(n - 1, 0, -2))):
        got = ig.betweenness_centrality(
            G, sources=[labels[i] for i in ids], normalized=normalized, weight=weight, endpoints=endpoints
        )
        want = nx_vector(H, nx_sampled(H, ids, normalized=normalized, weight=weight, endpoints=endpoints))
        assert_close(got, want, (name, ids))
        if endpoints:
            continue
        _, _, e = ig.edge_betweenness_centrality(
            G, sources=[labels[i] for i in ids], normalized=normalized, weight=weight
        )
        we = nx_sampled(H, ids, normalized=normalized, weight=weight, edges=True)
        assert_close(e, nx_edge_vector(H, G, we), (name, ids))


def test_explicit_sources_equal_the_seeded_sample():
    G = ig.Graph.from_networkx(nx.karate_club_graph())
    srcs = sampled_sources(34, 7, 99)
    np.testing.assert_array_equal(
        ig.betweenness_centrality(G, sources=srcs), ig.betweenness_centrality(G, k=7, seed=99)
    )
    np.testing.assert_array_equal(
        ig.edge_betweenness_centrality(G, sources=srcs)[2], ig.edge_betweenness_centrality(G, k=7, seed=99)[2]
    )


def test_explicit_sources_errors():
    H = nx.path_graph(["a", "b", "c", "d"])
    G = ig.Graph.from_networkx(H)
    for f in (ig.betweenness_centrality, ig.edge_betweenness_centrality):
        with pytest.raises(ig.NodeNotFoundError, match="'z'"):
            f(G, sources=["a", "z"])
        with pytest.raises(InvalidParameterError, match="distinct"):
            f(G, sources=["a", "a"])
        with pytest.raises(InvalidParameterError, match="k or sources"):
            f(G, k=2, sources=["a"])
        with pytest.raises(InvalidParameterError, match="k"):
            f(G, sources=[])  # networkx: ZeroDivisionError


# --- subset betweenness (networkx's betweenness_centrality_subset) ------------------------------


@pytest.mark.parametrize("normalized", [False, True])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_subset_matches_networkx(corpus_graph, normalized, weight):
    name, H = corpus_graph
    nodes = list(H)
    if len(nodes) < 2:
        return
    G = ig.Graph.from_networkx(H)
    for sources, targets in [(nodes[::3], nodes[1::4]), (nodes[:1], nodes), (nodes, nodes), (nodes[:2] * 2, nodes[-1:])]:
        got = ig.betweenness_centrality_subset(G, sources, targets, normalized=normalized, weight=weight)
        want = nx.betweenness_centrality_subset(H, sources, targets, normalized=normalized, weight=weight)
        assert_close(got, nx_vector(H, want), (name, len(sources), len(targets)))


def test_subset_errors():
    H = nx.path_graph(["a", "b", "c"])
    G = ig.Graph.from_networkx(H)
    with pytest.raises(ig.NodeNotFoundError, match="'z'"):
        ig.betweenness_centrality_subset(G, ["z"], ["a"])
    with pytest.raises(ig.NodeNotFoundError, match="'z'"):
        ig.betweenness_centrality_subset(G, ["a"], ["z"])
    np.testing.assert_array_equal(ig.betweenness_centrality_subset(G, [], ["a"]), [0.0, 0.0, 0.0])
