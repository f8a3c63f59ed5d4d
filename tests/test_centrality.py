"""PageRank with networkx (and LDBC Graphalytics) as the oracles."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from test_structure import _ldbc_files, ldbc_graphs, ldbc_values

import impactgraph as ig
from impactgraph.testing import random_networkx_graphs

TOL = 1e-10


def nx_vector(H, d):
    return np.array([d[v] for v in H], dtype=float)


def l1(a, b):
    return float(np.abs(np.asarray(a) - np.asarray(b)).sum())


def test_pagerank_matches_networkx(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    for weight in ["weight", None]:
        x = ig.pagerank(G, tol=TOL, max_iter=1000, weight=weight)
        want = nx.pagerank(H, tol=TOL, max_iter=1000, weight=weight)
        assert x.dtype == np.float64 and x.shape == (len(H),)
        assert l1(x, nx_vector(H, want)) < 1e-9, name
        if len(H):
            assert x.sum() == pytest.approx(1.0, abs=1e-12)


def test_pagerank_default_tolerance_matches_networkx(corpus_graph):
    """Same stopping rule, so at networkx's default tol both stop at the same iteration."""
    name, H = corpus_graph
    x = ig.pagerank(ig.Graph.from_networkx(H))
    assert l1(x, nx_vector(H, nx.pagerank(H))) < 1e-12, name


def test_personalization_dangling_nstart_match_networkx(corpus_graph):
    name, H = corpus_graph
    nodes = list(H)
    if not nodes:
        return
    G = ig.Graph.from_networkx(H)
    rng = np.random.default_rng(len(nodes))
    # dicts over a subset of the nodes (missing ones are 0, as in networkx)
    pers = {v: float(rng.uniform(0.5, 2.0)) for v in nodes[::2]}
    dang = {v: float(rng.uniform(0.5, 2.0)) for v in nodes[1::3] or nodes[:1]}
    start = {v: float(rng.uniform(0.1, 1.0)) for v in nodes}
    kw = dict(alpha=0.9, tol=TOL, max_iter=2000)
    for args in [
        dict(personalization=pers),
        dict(dangling=dang),
        dict(nstart=start),
        dict(personalization=pers, dangling=dang, nstart=start),
    ]:
        want = nx_vector(H, nx.pagerank(H, **kw, **args))
        assert l1(ig.pagerank(G, **kw, **args), want) < 1e-9, (name, list(args))
        # the same vectors as arrays indexed by node id
        arrays = {k: np.array([d.get(v, 0.0) for v in nodes]) for k, d in args.items()}
        assert l1(ig.pagerank(G, **kw, **arrays), want) < 1e-9, (name, list(args))


def test_hand_derived_dangling_path():
    #   0 -> 1 -> 2   (2 dangling), alpha 0.5: x = (4/17, 6/17, 7/17)
    G = ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2]), directed=True)
    x = ig.pagerank(G, alpha=0.5, tol=1e-14, max_iter=500)
    assert x == pytest.approx([4 / 17, 6 / 17, 7 / 17], abs=1e-13)
    # alpha = 0: the personalization itself; alpha = 1 on a cycle: uniform
    assert ig.pagerank(G, alpha=0.0, personalization=np.array([1.0, 0.0, 3.0])).tolist() == [0.25, 0.0, 0.75]
    C = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 0]), directed=True)
    assert ig.pagerank(C, alpha=1.0) == pytest.approx([1 / 3] * 3, abs=1e-15)


def test_not_converged_raises_like_networkx():
    H = nx.karate_club_graph()
    G = ig.Graph.from_networkx(H)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.pagerank(H, max_iter=3)
    with pytest.raises(ig.NotConvergedError, match="failed to converge within 3 iterations") as info:
        ig.pagerank(G, max_iter=3)
    assert info.value.iterations == 3 and info.value.tolerance == 1e-6
    assert isinstance(info.value, RuntimeError)
    with pytest.raises(ig.NotConvergedError):
        ig.pagerank(G, max_iter=0)


def test_empty_graph():
    assert ig.pagerank(ig.Graph.from_networkx(nx.DiGraph())).shape == (0,)


@pytest.mark.parametrize(
    "kwargs, exc, fragment",
    [
        (dict(tol=0.0), ig.InvalidParameterError, "invalid tol: must be positive"),
        (dict(tol=-1e-6), ig.InvalidParameterError, "invalid tol"),
        (dict(alpha=1.5), ig.InvalidParameterError, "invalid alpha: must be in [0, 1]"),
        (dict(alpha=float("nan")), ig.InvalidParameterError, "invalid alpha"),
        (dict(max_iter=-1), ig.InvalidParameterError, "invalid max_iter"),
        (dict(personalization=np.ones(3)), ig.InvalidParameterError, "invalid personalization: expected an array of length 4"),
        (dict(nstart=np.ones(5)), ig.InvalidParameterError, "invalid nstart"),
        (dict(personalization=np.zeros(4)), ig.InvalidParameterError, "invalid personalization: entries sum to zero"),
        (dict(personalization={}), ig.InvalidParameterError, "sum to zero"),
        (dict(dangling={"a": 0.0}), ig.InvalidParameterError, "invalid dangling: entries sum to zero"),
        (dict(personalization={"a": -1.0, "b": 2.0}), ig.InvalidParameterError, "entry 0 is -1; entries must be finite and non-negative"),
        (dict(nstart=np.array([1.0, np.inf, 0, 0])), ig.InvalidParameterError, "invalid nstart: entry 1 is inf"),
        (dict(personalization={"zz": 1.0}), ig.NodeNotFoundError, "'zz' is not in the graph"),
        (dict(personalization=np.array(["a", "b", "c", "d"])), TypeError, "personalization must be a mapping"),
        (dict(personalization={"a": "x"}), TypeError, "personalization values must be numbers"),
        (dict(alpha="0.85"), TypeError, "alpha must be a float"),
        (dict(tol=None), TypeError, "tol must be a float"),
        (dict(max_iter=10.0), TypeError, "max_iter must be an int"),
        (dict(weight=len), TypeError, "weight must be None or an attribute name"),
        (dict(threads=0), ig.InvalidParameterError, "threads"),
    ],
)
def test_bad_input(kwargs, exc, fragment):
    G = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 3]), np.array([1.0, 2.0, 3.0]), labels=list("abcd"))
    with pytest.raises(exc) as info:
        ig.pagerank(G, **kwargs)
    assert fragment in str(info.value)


def test_negative_weight():
    G = ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2]), np.array([1.0, -2.0]), directed=True)
    with pytest.raises(ig.InvalidGraphError, match=r"edge \(1, 2\) has weight -2; PageRank needs non-negative weights"):
        ig.pagerank(G)
    assert ig.pagerank(G, weight=None).shape == (3,)  # weights ignored
    with pytest.raises(TypeError, match="must be an impactgraph.Graph"):
        ig.pagerank(nx.path_graph(3))


@pytest.mark.parametrize("directed", [False, True])
def test_threads_give_identical_bits(directed):
    G = ig.generators.rmat(14, 16, seed=7, directed=directed)
    a = ig.pagerank(G, tol=1e-10, threads=1)
    b = ig.pagerank(G, tol=1e-10, threads=2)
    assert a.tobytes() == b.tobytes()
    p = np.arange(G.num_nodes, dtype=float) % 7
    a = ig.pagerank(G, personalization=p, threads=1)
    assert a.tobytes() == ig.pagerank(G, personalization=p, threads=2).tobytes()


def test_rmat_matches_networkx():
    G = ig.generators.rmat(10, 8, seed=3, directed=True)
    H = G.to_networkx()
    want = nx.pagerank(H, tol=TOL, max_iter=1000)
    assert l1(ig.pagerank(G, tol=TOL, max_iter=1000), [want[i] for i in range(G.num_nodes)]) < 1e-9


@pytest.mark.hypothesis
@settings(max_examples=100, deadline=None)
@given(random_networkx_graphs(max_nodes=30))
def test_random_graphs_match_networkx(H):
    G = ig.Graph.from_networkx(H)
    x = ig.pagerank(G, tol=TOL, max_iter=1000)
    assert l1(x, nx_vector(H, nx.pagerank(H, tol=TOL, max_iter=1000))) < 1e-9


def ldbc_pagerank(G, iterations, damping=0.85):
    """LDBC Graphalytics PageRank: a fixed number of iterations from 1/n, with the rank of
    dangling vertices spread uniformly. That is networkx's rule with uniform personalization and
    dangling vectors, so each iteration is one call of ``pagerank`` (``max_iter=1`` and
    ``tol=inf``, which accepts any first iterate) started from the previous scores."""
    x = None
    for _ in range(iterations):
        x = ig.pagerank(G, alpha=damping, nstart=x, max_iter=1, tol=float("inf"), weight=None)
    return x


def test_ldbc_graphalytics_pagerank(data_dir):
    """LDBC's rule: every value within 1e-4 relative of the expected one. Iterations and damping
    as LDBC's PageRankValidationTest (dir: 14, undir: 26, damping 0.85f) and the spec's
    examples (2 iterations, weights ignored)."""
    files = _ldbc_files(data_dir)
    iterations = {"pr/dir": 14, "pr/undir": 26}
    for name, H, expected in ldbc_graphs(files, "pr"):
        G = ig.Graph.from_networkx(H, weight=None)
        x = ldbc_pagerank(G, iterations.get(name, 2), damping=0.85)
        want = ldbc_values(expected, float)
        keys = G.labels.tolist() if isinstance(G.labels, np.ndarray) else list(G.labels)
        assert sorted(keys) == sorted(want), name
        got = dict(zip(keys, x.tolist()))
        dev = max(abs(got[v] - e) / e for v, e in want.items())
        assert dev < 1e-4, (name, dev)
