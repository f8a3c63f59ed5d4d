"""Burt's structural holes (constraint, effective size) with networkx as the oracle."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

import impactgraph as ig
from impactgraph.testing import random_networkx_graphs

REL = 1e-9



def nx_effective_size(H, weight=None):
    """networkx's effective size by its documented definition: the per-node path (``nodes=``).

    networkx 3.6's default (sparse) path normalises by column maxima instead of row maxima, which
    changes weighted and directed results (networkx PR #8906); its per-node path marks directed
    nodes with in-arcs only as NaN (it tests ``G[v]``, the successors; networkx issue #2661). So:
    values from the per-node path, NaN positions from the default path (no neighbour, in or out,
    other than the node itself). Undirected and unweighted, the default path is right."""
    default = nx.effective_size(H, weight=weight)
    if not H.is_directed() and weight is None:
        # every mutual weight is 2, so the default path is unaffected by the normalisation bug;
        # the per-node path would use Borgatti's shortcut, which counts neighbours' self-loops
        return default
    values = nx.effective_size(H, nodes=list(H), weight=weight)
    out = {}
    for v in H:
        if np.isnan(default[v]):
            out[v] = float("nan")
        elif np.isnan(values[v]):  # directed, in-arcs only: the definition sums over them
            out[v] = _effective_size_by_definition(H, v, weight)
        else:
            out[v] = values[v]
    return out


def _effective_size_by_definition(H, u, weight):
    def mutual(a, b):
        w = 0.0
        if H.has_edge(a, b):
            w += H[a][b].get(weight, 1) if weight else 1
        if H.has_edge(b, a):
            w += H[b][a].get(weight, 1) if weight else 1
        return w

    def nbrs(a):
        return set(nx.all_neighbors(H, a))

    su = sum(mutual(u, w) for w in nbrs(u))
    total = 0.0
    for v in nbrs(u):
        mv = max(mutual(v, w) for w in nbrs(v))
        total += 1 - sum(mutual(u, w) / su * mutual(v, w) / mv for w in nbrs(u))
    return total


MEASURES = {"constraint": (ig.constraint, nx.constraint), "effective_size": (ig.effective_size, nx_effective_size)}


def nx_vector(H, d):
    return np.array([d[v] for v in H], dtype=float)


def assert_matches(got, want, what):
    assert got.dtype == np.float64 and got.shape == want.shape, what
    assert np.array_equal(np.isnan(got), np.isnan(want)), (what, np.flatnonzero(np.isnan(got) != np.isnan(want)))
    ok = ~np.isnan(want)
    np.testing.assert_allclose(got[ok], want[ok], rtol=REL, atol=1e-12, err_msg=str(what))


@pytest.mark.parametrize("measure", sorted(MEASURES))
def test_matches_networkx_on_corpus(corpus_graph, measure):
    name, H = corpus_graph
    ours, theirs = MEASURES[measure]
    G = ig.Graph.from_networkx(H)
    for weight in [None, "weight"]:
        if len(H) == 0:
            with pytest.raises(ig.InvalidGraphError, match="no nodes"):
                ours(G, weight=weight)
            continue
        assert_matches(ours(G, weight=weight), nx_vector(H, theirs(H, weight=weight)), (name, weight))


def test_by_hand_star_and_triangle():
    #   centre 0 with leaves 1, 2, 3: c(0) = 3 (1/3)^2, leaves 1; e(0) = 3, leaves 1
    S = ig.Graph.from_edges(np.array([0, 0, 0]), np.array([1, 2, 3]))
    assert ig.constraint(S).tolist() == pytest.approx([1 / 3, 1, 1, 1], abs=1e-15)
    assert ig.effective_size(S).tolist() == [3.0, 1.0, 1.0, 1.0]
    #   triangle: p = 1/2, l = (1/2 + 1/4)^2, c = 2 * 9/16; e = 2 - 2 * 1 / 2 = 1
    T = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 0]))
    assert ig.constraint(T) == pytest.approx([9 / 8] * 3, abs=1e-15)
    assert ig.effective_size(T) == pytest.approx([1.0] * 3, abs=1e-15)


def effective_size_sparse(H, weight=None):
    """Effective size by networkx's sparse formula with the row-max normalisation fixed
    (networkx PR #8906), restricted to the support of the mutual weights: an independent
    scipy oracle that scales to the real networks (networkx's per-node path is O(deg^3))."""
    import scipy.sparse as sp

    A = nx.adjacency_matrix(H, weight=weight).astype(float)
    M = (A + A.T).tocsr()
    M.eliminate_zeros()
    rows = np.asarray(M.sum(axis=1)).ravel()
    rmax = M.max(axis=1).toarray().ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        P = sp.diags(1 / rows) @ M
        Q = sp.diags(1 / rmax) @ M
    R = (P @ Q.T).multiply(M > 0)  # sum_w P[u, w] Q[v, w] on the support
    deg = np.diff(M.indptr)
    e = deg - np.asarray(R.sum(axis=1)).ravel()
    own = M.diagonal() > 0
    e[(deg - own) == 0] = np.nan
    return dict(zip(H, e.tolist()))


@pytest.mark.parametrize("folder,file,directed", [("email_eu_core", "email-Eu-core.txt.gz", True), ("snap_ca_grqc", "ca-GrQc.txt.gz", False)])
def test_real_networks_match_networkx(data_dir, folder, file, directed):
    G = ig.read_edgelist(data_dir / folder / file, directed=directed)
    H = G.to_networkx()
    assert_matches(ig.constraint(G), nx_vector(H, nx.constraint(H)), (folder, "constraint"))
    assert_matches(ig.effective_size(G), nx_vector(H, effective_size_sparse(H)), (folder, "effective_size"))


@pytest.mark.slow
def test_enron_matches_networkx(data_dir):
    """snap_email_enron (36,692 nodes, 183,831 edges): constraint against networkx's default
    path; effective size against the scipy oracle and against networkx's per-node path on a
    sample of low-degree nodes (its default path needs dense n x n matrices here). About 3 minutes,
    mostly networkx: marked slow."""
    G = ig.read_edgelist(data_dir / "snap_email_enron" / "email-Enron.txt.gz")
    H = G.to_networkx()
    c, e = ig.constraint(G), ig.effective_size(G)
    assert_matches(c, nx_vector(H, nx.constraint(H)), "constraint")
    assert_matches(e, nx_vector(H, effective_size_sparse(H)), "effective_size")
    nodes = [v for v in list(H)[::97] if H.degree(v) <= 40][:150]
    want = nx.effective_size(H, nodes=nodes)
    assert_matches(e[G.node_ids(nodes)], np.array([want[v] for v in nodes]), "effective_size per node")


@settings(max_examples=60, deadline=None)
@given(random_networkx_graphs(25))
def test_random_graphs_match_networkx(H):
    G = ig.Graph.from_networkx(H)
    if len(H) == 0:
        return
    for weight in [None, "weight"]:
        for measure, (ours, theirs) in MEASURES.items():
            assert_matches(ours(G, weight=weight), nx_vector(H, theirs(H, weight=weight)), (measure, weight))


def test_threads_bit_identical():
    G = ig.generators.rmat(12, 8, seed=5)
    for f in (ig.constraint, ig.effective_size):
        a = f(G, threads=1)
        for t in (2, 4):
            assert np.array_equal(a, f(G, threads=t), equal_nan=True)
    D = ig.generators.rmat(11, 8, seed=6, directed=True)
    assert np.array_equal(ig.constraint(D, threads=1), ig.constraint(D, threads=3), equal_nan=True)


def test_errors():
    G = ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2]), weights=np.array([1.0, -2.0]))
    for f in (ig.constraint, ig.effective_size):
        with pytest.raises(ig.InvalidGraphError, match="negative"):
            f(G, weight="weight")
        assert f(G, weight=None).shape == (3,)  # weights ignored
        with pytest.raises(TypeError, match="impactgraph.Graph"):
            f(nx.path_graph(3))
        with pytest.raises(TypeError, match="weight"):
            f(G, weight=3)
        with pytest.raises(ig.InvalidParameterError, match="threads"):
            f(G, threads=0)
