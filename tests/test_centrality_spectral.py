"""Eigenvector, Katz and HITS with networkx as the oracle
(HITS also against a dense SVD)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

import impactgraph as ig
from impactgraph.errors import InvalidGraphError, InvalidParameterError, NotConvergedError
from impactgraph.testing import random_networkx_graphs

RTOL = 1e-9
ATOL = 1e-13


def vec(H, d):
    return np.array([d[v] for v in H], dtype=float)


def close(a, b, rtol=RTOL, atol=ATOL):
    np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=atol, equal_nan=True)


def nx_or_error(f, *args, **kw):
    try:
        return f(*args, **kw)
    except nx.PowerIterationFailedConvergence:
        return None


def check_eigenvector(H, G, **kw):
    for weight in (None, "weight"):
        want = nx_or_error(nx.eigenvector_centrality, H, weight=weight, **kw)
        if want is None:
            with pytest.raises(NotConvergedError):
                ig.eigenvector_centrality(G, weight=weight, **kw)
        else:
            close(ig.eigenvector_centrality(G, weight=weight, **kw), vec(H, want))


def check_katz(H, G, **kw):
    for weight in (None, "weight"):
        for normalized in (True, False):
            want = nx_or_error(nx.katz_centrality, H, weight=weight, normalized=normalized, **kw)
            if want is None:
                with pytest.raises(NotConvergedError):
                    ig.katz_centrality(G, weight=weight, normalized=normalized, **kw)
            else:
                close(ig.katz_centrality(G, weight=weight, normalized=normalized, **kw), vec(H, want))



def simple_top_singular_value(H):
    A = nx.to_numpy_array(H, nodelist=list(H))
    s = np.linalg.svd(A, compute_uv=False)
    return len(s) < 2 or s[0] - s[1] > 1e-3 * s[0], A


def test_eigenvector_katz_match_networkx(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    if len(H) == 0:
        with pytest.raises(InvalidGraphError, match="null graph"):
            ig.eigenvector_centrality(G)
        with pytest.raises(nx.NetworkXPointlessConcept):
            nx.eigenvector_centrality(H)
        assert ig.katz_centrality(G).shape == (0,) and nx.katz_centrality(H) == {}
        return
    check_eigenvector(H, G)
    check_eigenvector(H, G, max_iter=1000, tol=1e-10)
    check_katz(H, G)
    check_katz(H, G, alpha=0.05, tol=1e-10)


def test_nstart_and_per_node_beta(corpus_graph):
    name, H = corpus_graph
    if len(H) == 0:
        return
    G = ig.Graph.from_networkx(H)
    nodes = list(H)
    nstart = {v: 1.0 + (i % 3) for i, v in enumerate(nodes)}
    check_eigenvector(H, G, nstart=nstart, max_iter=1000)
    beta = {v: 0.5 + (i % 4) / 4 for i, v in enumerate(nodes)}
    check_katz(H, G, beta=beta, alpha=0.05)
    check_katz(H, G, nstart=nstart, alpha=0.05)
    # per-node beta as an array by node id
    want = nx.katz_centrality(H, alpha=0.05, beta=beta)
    close(ig.katz_centrality(G, alpha=0.05, beta=vec(H, beta)), vec(H, want))


def test_structural_holes_null_graph_raises_like_networkx():
    """(Values are tested in test_centrality_holes.py.)"""
    H = nx.Graph()
    for f in ("constraint", "effective_size"):
        with pytest.raises(nx.NetworkXError):
            getattr(nx, f)(H)
        with pytest.raises(InvalidGraphError, match="no nodes"):
            getattr(ig, f)(ig.Graph.from_networkx(H))


def test_hits_matches_networkx_and_dense_svd(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    if len(H) == 0:
        assert nx.hits(H) == ({}, {})
        h, a = ig.hits(G)
        assert h.shape == a.shape == (0,)
        return
    if H.number_of_edges() == 0:
        with pytest.raises(InvalidGraphError):
            ig.hits(G)
        return
    simple, A = simple_top_singular_value(H)
    h, a = ig.hits(G, tol=1e-13, max_iter=100_000)
    # Always: a is a leading right singular vector, h = A a, both summing to 1.
    s1 = np.linalg.svd(A, compute_uv=False)[0]
    an = a / np.linalg.norm(a)
    assert np.linalg.norm(A.T @ (A @ an) - s1**2 * an) < 1e-8 * max(s1**2, 1)
    assert abs(h.sum() - 1) < 1e-12 and abs(a.sum() - 1) < 1e-12
    if simple:
        hn, an_ = nx.hits(H)
        close(h, vec(H, hn), rtol=1e-9, atol=1e-12)
        close(a, vec(H, an_), rtol=1e-9, atol=1e-12)
        # Unnormalised: unit-norm authorities, hubs = A a (networkx's up to sign).
        h2, a2 = ig.hits(G, tol=1e-13, max_iter=100_000, normalized=False)
        hn2, an2 = nx.hits(H, normalized=False)
        sign = 1.0 if vec(H, an2).sum() > 0 else -1.0
        close(a2, sign * vec(H, an2), rtol=1e-9, atol=1e-12)
        close(h2, sign * vec(H, hn2), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(("name", "file", "directed"), [
    ("email_eu_core", "email-Eu-core.txt.gz", True),
    ("snap_ca_grqc", "ca-GrQc.txt.gz", False),
])
def test_real_networks_match_networkx(data_dir, name, file, directed):
    G = ig.read_edgelist(data_dir / name / file, directed=directed)
    H = G.to_networkx()
    check_eigenvector(H, G, max_iter=1000)
    check_katz(H, G, alpha=0.01)
    if directed:
        h, a = ig.hits(G, tol=1e-13, max_iter=100_000)
        hn, an = nx.hits(H)
        close(h, vec(H, hn), rtol=1e-9, atol=1e-12)
        close(a, vec(H, an), rtol=1e-9, atol=1e-12)


@pytest.mark.hypothesis
@settings(max_examples=80, deadline=None)
@given(random_networkx_graphs(max_nodes=25))
def test_random_graphs_eigenvector_katz(H):
    G = ig.Graph.from_networkx(H)
    if len(H) == 0:
        return
    check_eigenvector(H, G, max_iter=300)
    check_katz(H, G, alpha=0.02)


def test_not_converged_like_networkx():
    H = nx.karate_club_graph()
    G = ig.Graph.from_networkx(H)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.eigenvector_centrality(H, max_iter=3)
    with pytest.raises(NotConvergedError):
        ig.eigenvector_centrality(G, max_iter=3)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.katz_centrality(H, alpha=0.5)
    with pytest.raises(NotConvergedError):
        ig.katz_centrality(G, alpha=0.5)
    with pytest.raises(NotConvergedError):
        ig.hits(G, max_iter=2)


def test_errors():
    H = nx.path_graph(3)
    G = ig.Graph.from_networkx(H)
    with pytest.raises(nx.NetworkXError):
        nx.eigenvector_centrality(H, nstart={0: 0, 1: 0, 2: 0})
    with pytest.raises(InvalidParameterError, match="all zero"):
        ig.eigenvector_centrality(G, nstart={0: 0, 1: 0, 2: 0})
    with pytest.raises(nx.NetworkXError):
        nx.katz_centrality(H, beta={0: 1.0})
    with pytest.raises(InvalidParameterError, match="every node"):
        ig.katz_centrality(G, beta={0: 1.0})
    with pytest.raises(InvalidParameterError, match="tol"):
        ig.eigenvector_centrality(G, tol=0)
    with pytest.raises(InvalidParameterError, match="nstart"):
        ig.hits(G, nstart=np.array([-1.0, 1.0, 1.0]))
    with pytest.raises(TypeError):
        ig.katz_centrality(G, alpha="x")
    with pytest.raises(TypeError):
        ig.constraint(H)


@pytest.mark.parametrize("directed", [False, True])
def test_threads_give_identical_bits(directed):
    G = ig.generators.rmat(12, 8, seed=5, directed=directed)
    runs = [
        lambda t: ig.eigenvector_centrality(G, max_iter=10_000, threads=t),
        lambda t: ig.katz_centrality(G, alpha=0.005, threads=t),
        lambda t: np.concatenate(ig.hits(G, max_iter=10_000, threads=t)),
        lambda t: ig.constraint(G, threads=t),
        lambda t: ig.effective_size(G, threads=t),
    ]
    for f in runs:
        assert f(1).tobytes() == f(4).tobytes()


@pytest.mark.hypothesis
@settings(max_examples=60, deadline=None)
@given(random_networkx_graphs(max_nodes=20))
def test_random_graphs_hits_dense_svd(H):
    G = ig.Graph.from_networkx(H)
    if H.number_of_edges() == 0:
        return
    A = nx.to_numpy_array(H, nodelist=list(H))
    U, s, Vt = np.linalg.svd(A)
    if len(s) > 1 and s[0] - s[1] <= 1e-2 * s[0]:
        return  # leading singular vector not unique (or too close to call)
    h, a = ig.hits(G, tol=1e-14, max_iter=200_000)
    v = np.abs(Vt[0])
    close(a, v / v.sum(), rtol=1e-9, atol=1e-12)
    hv = A @ v
    close(h, hv / hv.sum(), rtol=1e-9, atol=1e-12)
