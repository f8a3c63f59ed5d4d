"""networkx adapters of the spectral measures, cores and clustering, with networkx as the oracle:
``nx.<fn>(G, ..., backend="impactgraph")`` (an explicit backend never falls back, so a decline
fails the test) against plain networkx on a corpus, result types, networkx's exceptions, and each
decline reason of ``can_run``."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

import impactgraph as ig
from impactgraph.nx import backend_interface

IG = "impactgraph"


@pytest.fixture(autouse=True)
def _no_conversion_cache():
    old = nx.config.cache_converted_graphs
    nx.config.cache_converted_graphs = False
    yield
    nx.config.cache_converted_graphs = old


# ---- corpus -------------------------------------------------------------------------------


def _disconnected():
    G = nx.Graph()
    G.add_nodes_from(range(12))  # 9, 10, 11 stay isolated
    G.add_edges_from([(0, 1), (1, 2), (2, 0), (2, 3), (4, 5), (5, 6), (6, 7), (7, 4), (4, 6), (8, 3)])
    return G


def _strings():
    G = nx.Graph()
    G.add_edges_from(
        [("z", "y", {"weight": 2.0}), ("y", "x", {"weight": 0.5}), ("x", "z", {"weight": 1.5}), ("x", "w", {"weight": 3.0})]
    )
    G.add_edges_from([("w", "v"), ("v", "u"), ("u", "w")])  # these take the default weight 1
    G.add_node("lonely")
    return G


def _self_loops():
    G = nx.karate_club_graph()
    G.add_edge(0, 0, weight=3)
    G.add_edge(5, 5, weight=1)
    return G


def _directed():
    return nx.gnp_random_graph(60, 0.08, seed=7, directed=True)


def _directed_weighted():
    D = nx.gnm_random_graph(50, 300, seed=11, directed=True)
    rng = np.random.default_rng(3)
    for u, v in D.edges:
        D[u][v]["weight"] = float(rng.uniform(0.1, 3.0))
    return D


UNDIRECTED = {
    "karate": nx.karate_club_graph,
    "lesmis": nx.les_miserables_graph,
    "florentine": nx.florentine_families_graph,
    "disconnected": _disconnected,
    "strings": _strings,
    "gnp": lambda: nx.gnp_random_graph(80, 0.1, seed=5),
}
DIRECTED = {"digraph": _directed, "digraph_weighted": _directed_weighted}
ALL = {**UNDIRECTED, **DIRECTED}


def ours_and_theirs(fn, *args, **kw):
    ours = getattr(nx, fn)(*args, backend=IG, **kw)
    theirs = getattr(nx, fn)(*args, **kw)
    return ours, theirs


def same_exception(fn, *args, **kw):
    """Both raise, and ours raises networkx's class."""
    with pytest.raises(Exception) as theirs:
        getattr(nx, fn)(*args, **kw)
    with pytest.raises(type(theirs.value)):
        getattr(nx, fn)(*args, backend=IG, **kw)
    return theirs.value


def assert_scores(ours, theirs, rel=1e-9, abs=1e-12):
    assert list(ours) == list(theirs)
    assert all(type(v) is float for v in ours.values())
    assert ours == pytest.approx(theirs, rel=rel, abs=abs)


# ---- pagerank -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL))
@pytest.mark.parametrize("weight", ["weight", None])
@pytest.mark.parametrize("alpha", [0.85, 0.5])
def test_pagerank_corpus(name, weight, alpha):
    G = ALL[name]()
    ours, theirs = ours_and_theirs("pagerank", G, alpha=alpha, weight=weight, tol=1e-10)
    assert_scores(ours, theirs)


def test_pagerank_vectors_missing_and_foreign_nodes():
    G = _strings()
    pers = {"z": 1.0, "x": 3, "not a node": 5.0}  # missing nodes get 0, foreign keys are ignored
    nstart = {"y": 2.0, "u": 1.0, 99: 4.0}
    dangling = {"lonely": 1.0, "v": 2.0}
    ours, theirs = ours_and_theirs("pagerank", G, personalization=pers, nstart=nstart, dangling=dangling)
    assert_scores(ours, theirs, rel=1e-7)
    D = _directed()
    ours, theirs = ours_and_theirs("pagerank", D, dangling={0: 1.0, 5: 2.0}, personalization={3: 1.0})
    assert_scores(ours, theirs, rel=1e-7)


def test_pagerank_multigraph_counts_parallel_edges():
    M = nx.MultiGraph([(1, 2), (1, 2), (1, 2), (2, 3), (2, 3), ("3", 3), ("3", 3), (4, 4), (4, 4), (4, 1)])
    for weight in ("weight", None):
        ours, theirs = ours_and_theirs("pagerank", M, weight=weight)
        assert_scores(ours, theirs, rel=1e-7)
    MD = nx.MultiDiGraph([(0, 1), (0, 1), (1, 2), (2, 0), (2, 1)])
    MD.add_edge(1, 2, weight=5.0)
    ours, theirs = ours_and_theirs("pagerank", MD)
    assert_scores(ours, theirs, rel=1e-7)


def test_pagerank_errors_and_empty():
    G = nx.karate_club_graph()
    assert nx.pagerank(nx.Graph(), backend=IG) == {}
    same_exception("pagerank", G, personalization={0: 0, 1: 0})
    same_exception("pagerank", G, personalization={"foreign": 1.0})  # ZeroDivisionError
    for kw in ({"max_iter": 0}, {"max_iter": 3}, {"tol": 0}, {"nstart": {0: 0.0}}, {"dangling": {"x": 1.0}}):
        e = same_exception("pagerank", G, **kw)
        assert isinstance(e, nx.PowerIterationFailedConvergence)


def test_pagerank_declines():
    G = nx.karate_club_graph()
    reason = backend_interface.can_run("pagerank", (G,), {"alpha": 1.5})
    assert "alpha" in reason
    reason = backend_interface.can_run("pagerank", (G,), {"personalization": {0: -1.0, 1: 2.0}})
    assert "personalization" in reason and "non-negative" in reason
    reason = backend_interface.can_run("pagerank", (G,), {"nstart": {0: float("nan")}})
    assert "nstart" in reason
    reason = backend_interface.can_run("pagerank", (G,), {"weight": lambda u, v, d: 1})
    assert "function" in reason
    assert backend_interface.can_run("pagerank", (G,), {"personalization": {0: 1}}) is True
    # negative weights: impactgraph raises NotImplementedError, networkx then runs its own code
    N = nx.path_graph(4)
    N[1][2]["weight"] = -1.0
    with pytest.raises(NotImplementedError):
        nx.pagerank(N, backend=IG)
    with nx.config.backend_priority(algos=[IG]):
        assert nx.pagerank(N) == pytest.approx(nx.pagerank(N, backend="networkx"))


# ---- hits ---------------------------------------------------------------------------------


def _normalise_sign(d):
    s = sum(d.values())
    return {k: (-v if s < 0 else v) for k, v in d.items()}


@pytest.mark.parametrize("name", ["karate", "lesmis", "gnp", "digraph", "digraph_weighted"])
def test_hits_corpus(name):
    G = ALL[name]()
    (h, a), (h0, a0) = ours_and_theirs("hits", G, tol=1e-12)
    assert_scores(h, h0, rel=1e-6, abs=1e-9)
    assert_scores(a, a0, rel=1e-6, abs=1e-9)
    # normalized=False: authorities of unit norm (ARPACK's sign is arbitrary; ours is positive)
    (h, a), (h0, a0) = ours_and_theirs("hits", G, tol=1e-12, normalized=False)
    assert math.isclose(math.hypot(*a.values()), 1.0, rel_tol=1e-12)
    assert_scores(h, _normalise_sign(h0), rel=1e-6, abs=1e-9)
    assert_scores(a, _normalise_sign(a0), rel=1e-6, abs=1e-9)


def test_hits_nstart_multigraph_empty_errors():
    G = _directed()
    nstart = {v: 1.0 + (v % 3) for v in G}
    (h, a), (h0, a0) = ours_and_theirs("hits", G, nstart=nstart, tol=1e-12)
    assert_scores(h, h0, rel=1e-6, abs=1e-9)
    M = nx.MultiDiGraph([(0, 1), (0, 1), (1, 2), (2, 0), (0, 2), (3, 2)])
    (h, a), (h0, a0) = ours_and_theirs("hits", M, tol=1e-12)
    assert_scores(a, a0, rel=1e-6, abs=1e-9)
    assert nx.hits(nx.DiGraph(), backend=IG) == ({}, {})
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.hits(G, max_iter=0, backend=IG)
    # a power iteration that does not converge within the budget hands over to networkx
    with pytest.raises(NotImplementedError) as e:
        nx.hits(nx.path_graph(50), max_iter=1, backend=IG)
    assert "did not converge in 20 sweeps" in str(e.value.__cause__)
    assert "nstart" in backend_interface.can_run("hits", (G,), {"nstart": {0: 1.0}})
    assert "tol" in backend_interface.can_run("hits", (G,), {"tol": -1.0})
    (h, a), (h0, a0) = ours_and_theirs("hits", G, tol=0)  # ARPACK's machine precision
    assert_scores(h, h0, rel=1e-9, abs=1e-12)


# ---- eigenvector and katz -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL))
@pytest.mark.parametrize("weight", [None, "weight"])
def test_eigenvector_corpus(name, weight):
    G = ALL[name]()
    try:
        theirs = nx.eigenvector_centrality(G, weight=weight, max_iter=1000, tol=1e-9)
    except nx.PowerIterationFailedConvergence:
        with pytest.raises(nx.PowerIterationFailedConvergence):
            nx.eigenvector_centrality(G, weight=weight, max_iter=1000, tol=1e-9, backend=IG)
        return
    ours = nx.eigenvector_centrality(G, weight=weight, max_iter=1000, tol=1e-9, backend=IG)
    assert_scores(ours, theirs, rel=1e-9, abs=1e-12)


def test_eigenvector_nstart_order_errors_declines():
    G = _strings()
    nstart = {v: float(i + 1) for i, v in enumerate(reversed(list(G)))}
    ours, theirs = ours_and_theirs("eigenvector_centrality", G, nstart=nstart, max_iter=500)
    assert_scores(ours, theirs)  # keys in nstart's order, as networkx
    e = same_exception("eigenvector_centrality", G, nstart=dict.fromkeys(G, 0))
    assert isinstance(e, nx.NetworkXError) and "all zero" in str(e)
    same_exception("eigenvector_centrality", G, nstart={v: (1 if i % 2 else -1) for i, v in enumerate(list(G)[:6])} | {"lonely": 0})
    e = same_exception("eigenvector_centrality", nx.Graph())
    assert isinstance(e, nx.NetworkXPointlessConcept)
    e = same_exception("eigenvector_centrality", nx.karate_club_graph(), max_iter=2)
    assert isinstance(e, nx.PowerIterationFailedConvergence)
    assert "nstart" in backend_interface.can_run("eigenvector_centrality", (G,), {"nstart": {"z": 1.0}})


@pytest.mark.parametrize("name", sorted(ALL))
@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("normalized", [True, False])
def test_katz_corpus(name, weight, normalized):
    G = ALL[name]()
    alpha = 0.01 if weight else 0.05  # below 1 / lambda_max (65 for Les Miserables weighted)
    ours, theirs = ours_and_theirs("katz_centrality", G, alpha=alpha, weight=weight, normalized=normalized, tol=1e-10)
    assert_scores(ours, theirs, rel=1e-9, abs=1e-12)


def test_katz_beta_nstart_errors():
    G = _strings()
    beta = {v: 0.5 + i for i, v in enumerate(G)}
    nstart = {v: 1.0 for v in reversed(list(G))}
    ours, theirs = ours_and_theirs("katz_centrality", G, alpha=0.1, beta=beta, nstart=nstart)
    assert_scores(ours, theirs)
    ours, theirs = ours_and_theirs("katz_centrality", G, beta=np.float64(2.0), normalized=False)
    assert_scores(ours, theirs)
    ours, theirs = ours_and_theirs("katz_centrality", G, beta=0.0)  # zero vector: not normalised
    assert ours == theirs
    for bad in ({"z": 1.0}, "foo", {**beta, "foreign": 1.0}):
        e = same_exception("katz_centrality", G, beta=bad)
        assert isinstance(e, nx.NetworkXError)
    e = same_exception("katz_centrality", nx.karate_club_graph(), alpha=0.5)
    assert isinstance(e, nx.PowerIterationFailedConvergence)
    assert nx.katz_centrality(nx.Graph(), backend=IG) == {}
    assert "nstart" in backend_interface.can_run("katz_centrality", (G,), {"nstart": {"z": 1.0}})
    assert "alpha" in backend_interface.can_run("katz_centrality", (G,), {"alpha": float("inf")})


# ---- cores --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL))
def test_core_number_corpus(name):
    G = ALL[name]()
    ours, theirs = ours_and_theirs("core_number", G)
    assert ours == theirs and list(ours) == list(theirs)
    assert all(type(v) is int for v in ours.values())


def test_core_number_self_loops_raise():
    e = same_exception("core_number", _self_loops())
    assert isinstance(e, nx.NetworkXNotImplemented) and "self loops" in str(e)
    e = same_exception("k_core", _self_loops())
    assert isinstance(e, nx.NetworkXNotImplemented)


def assert_same_graph(H, H0):
    assert type(H) is type(H0)
    assert list(H) == list(H0)
    assert H.graph == H0.graph and H._node == H0._node and H._adj == H0._adj


@pytest.mark.parametrize("fn", ["k_core", "k_shell", "k_crust", "k_corona"])
@pytest.mark.parametrize("name", sorted(ALL))
def test_core_subgraphs(fn, name):
    G = ALL[name]()
    nx.set_node_attributes(G, {v: {"tag": str(v)} for v in G})
    G.graph["note"] = "kept"
    cn = nx.core_number(G)
    ks = sorted(set(cn.values())) + [max(cn.values()) + 1, -1]
    for k in ([None] if fn != "k_corona" else []) + ks:
        ours, theirs = ours_and_theirs(fn, G, k)
        assert_same_graph(ours, theirs)
    # a given core_number mapping (a partial one keeps only the nodes it names)
    part = dict(list(cn.items())[: len(cn) // 2])
    for c in (part, cn):
        try:
            theirs = getattr(nx, fn)(G, 1, core_number=c)
        except KeyError:  # k_corona looks up the neighbours' core numbers
            with pytest.raises(KeyError):
                getattr(nx, fn)(G, 1, core_number=c, backend=IG)
            continue
        assert_same_graph(getattr(nx, fn)(G, 1, core_number=c, backend=IG), theirs)


def test_core_subgraph_edge_cases():
    # self-loops are fine with a given core_number, and are kept, as networkx
    G = _self_loops()
    cn = nx.core_number(nx.karate_club_graph())
    ours, theirs = ours_and_theirs("k_core", G, 2, core_number=cn)
    assert_same_graph(ours, theirs)
    same_exception("k_core", nx.Graph())  # k=None: max() of nothing
    ours, theirs = ours_and_theirs("k_core", nx.Graph(), 1)
    assert_same_graph(ours, theirs)
    # an impactgraph Graph dispatches without conversion; k_core returns an impactgraph Graph
    H = ig.Graph.from_networkx(nx.karate_club_graph())
    core = nx.k_core(H, 4)
    assert isinstance(core, ig.Graph)
    assert sorted(core.labels.tolist() if not isinstance(core.labels, list) else core.labels) == sorted(
        nx.k_core(nx.karate_club_graph(), 4)
    )


# ---- triangles, clustering, transitivity ------------------------------------------------------


@pytest.mark.parametrize("name", sorted(UNDIRECTED))
def test_triangles(name):
    G = UNDIRECTED[name]()
    ours, theirs = ours_and_theirs("triangles", G)
    assert ours == theirs and list(ours) == list(theirs)
    assert all(type(v) is int for v in ours.values())
    nodes = list(G)
    some = [nodes[3], "not a node", nodes[0], nodes[3]]
    ours, theirs = ours_and_theirs("triangles", G, some)
    assert ours == theirs and list(ours) == list(theirs)
    ours, theirs = ours_and_theirs("triangles", G, nodes[1])
    assert ours == theirs and type(ours) is int
    ours = nx.triangles(G, (v for v in nodes[:5]), backend=IG)
    assert ours == nx.triangles(G, (v for v in nodes[:5]))


def test_triangles_errors_and_multigraph():
    G = nx.karate_club_graph()
    e = same_exception("triangles", G, 1000)
    assert str(e) == "Node 1000 is not in the graph."
    e = same_exception("triangles", G, [[1, 2]])
    assert isinstance(e, nx.NetworkXError) and "not a valid node" in str(e)
    e = same_exception("triangles", nx.DiGraph([(0, 1)]))
    assert isinstance(e, nx.NetworkXNotImplemented)
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2), (2, 0), (2, 3)])
    ours, theirs = ours_and_theirs("triangles", M)
    assert ours == theirs
    same_exception("triangles", M, [0, 1])  # networkx refuses multigraphs with nodes
    ours, theirs = ours_and_theirs("triangles", _self_loops())
    assert ours == theirs


def assert_clustering(ours, theirs):
    assert list(ours) == list(theirs)
    for k in theirs:
        assert type(ours[k]) is type(theirs[k]), (k, ours[k], theirs[k])  # 0 is an int, as networkx
    assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("name", sorted(ALL))
@pytest.mark.parametrize("weight", [None, "weight"])
def test_clustering(name, weight):
    G = ALL[name]()
    ours, theirs = ours_and_theirs("clustering", G, weight=weight)
    assert_clustering(ours, theirs)
    nodes = list(G)
    ours, theirs = ours_and_theirs("clustering", G, [nodes[-1], nodes[2], "foreign"], weight=weight)
    assert_clustering(ours, theirs)
    ours, theirs = ours_and_theirs("clustering", G, nodes[2], weight=weight)
    assert type(ours) is type(theirs) and ours == pytest.approx(theirs, rel=1e-12)
    for count_zeros in (True, False):
        ours, theirs = ours_and_theirs("average_clustering", G, weight=weight, count_zeros=count_zeros)
        assert type(ours) is float and ours == pytest.approx(theirs, rel=1e-13, abs=1e-15)
    ours, theirs = ours_and_theirs("average_clustering", G, nodes[:7], weight=weight)
    assert ours == pytest.approx(theirs, rel=1e-13, abs=1e-15)


def test_clustering_unweighted_is_exact():
    for G in (nx.karate_club_graph(), _disconnected(), _directed(), _self_loops()):
        ours, theirs = ours_and_theirs("clustering", G)
        assert ours == theirs
        ours, theirs = ours_and_theirs("average_clustering", G)
        assert ours == theirs


def test_clustering_special_weights_and_errors():
    G = _strings()
    G["z"]["y"]["weight"] = -2.0  # Costantini-Perugini signed clustering
    ours, theirs = ours_and_theirs("clustering", G, weight="weight")
    assert_clustering(ours, theirs)
    Z = nx.Graph([(0, 1, {"w": 0}), (1, 2, {"w": 0}), (2, 0, {"w": 0})])
    same_exception("clustering", Z, weight="w")  # max weight 0: ZeroDivisionError
    same_exception("average_clustering", nx.Graph())  # ZeroDivisionError
    same_exception("average_clustering", nx.path_graph(4), count_zeros=False)
    same_exception("average_clustering", nx.path_graph(4), 1)  # a number has no .values()
    e = same_exception("clustering", nx.path_graph(4), 99)
    assert isinstance(e, nx.NetworkXError)
    assert nx.clustering(nx.Graph(), backend=IG) == {}
    ours, theirs = ours_and_theirs("clustering", _self_loops(), weight="weight")
    assert_clustering(ours, theirs)


@pytest.mark.parametrize("name", sorted(ALL))
def test_transitivity(name):
    G = ALL[name]()
    ours, theirs = ours_and_theirs("transitivity", G)
    assert ours == theirs and type(ours) is type(theirs)


def test_transitivity_edge_cases():
    for G in (nx.Graph(), nx.path_graph(5), nx.empty_graph(3), _self_loops(), nx.complete_graph(5)):
        ours, theirs = ours_and_theirs("transitivity", G)
        assert ours == theirs and type(ours) is type(theirs)


def test_large_graph_matches():
    """One graph past the thresholds where impactgraph switches to its parallel kernels."""
    G = nx.gnm_random_graph(3000, 70000, seed=2)
    ours, theirs = ours_and_theirs("core_number", G)
    assert ours == theirs
    ours, theirs = ours_and_theirs("triangles", G)
    assert ours == theirs
    assert nx.transitivity(G, backend=IG) == nx.transitivity(G)


def test_should_run_declines_one_node_of_a_networkx_graph():
    G = nx.gnm_random_graph(300, 900, seed=1)
    for fn in ("triangles", "clustering"):
        assert "one node" in backend_interface.should_run(fn, (G, 5), {})
        assert backend_interface.should_run(fn, (G, [5, 6]), {}) is True
        assert backend_interface.should_run(fn, (G,), {}) is True
        assert "small" in backend_interface.should_run(fn, (nx.path_graph(5),), {})
        assert backend_interface.should_run(fn, (ig.Graph.from_networkx(G), 5), {}) is True


# ---- the _numpy variants ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["karate", "lesmis", "florentine", "strings_connected", "gnp", "digraph_strong"])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_eigenvector_centrality_numpy(name, weight):
    if name == "strings_connected":
        G = _strings()
        G.remove_node("lonely")
    elif name == "digraph_strong":
        D = _directed_weighted()
        G = D.subgraph(max(nx.strongly_connected_components(D), key=len)).copy()
    else:
        G = ALL[name]()
    ours, theirs = ours_and_theirs("eigenvector_centrality_numpy", G, weight=weight)
    assert_scores(ours, theirs, rel=1e-9, abs=1e-12)


def test_eigenvector_centrality_numpy_errors_multigraph():
    for G in (nx.empty_graph(3), _disconnected(), nx.DiGraph([(0, 1), (1, 2)])):
        e = same_exception("eigenvector_centrality_numpy", G)
        assert isinstance(e, nx.AmbiguousSolution)
    e = same_exception("eigenvector_centrality_numpy", nx.MultiGraph())
    assert isinstance(e, nx.NetworkXPointlessConcept)
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2), (2, 0), (2, 3), (3, 3)])
    for weight in (None, "weight"):
        ours, theirs = ours_and_theirs("eigenvector_centrality_numpy", M, weight=weight)
        assert_scores(ours, theirs, rel=1e-9)
    N = nx.cycle_graph(5)
    N[0][1]["weight"] = -1.0
    with pytest.raises(NotImplementedError):
        nx.eigenvector_centrality_numpy(N, weight="weight", backend=IG)


@pytest.mark.parametrize("name", sorted(ALL))
@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("normalized", [True, False])
def test_katz_centrality_numpy(name, weight, normalized):
    G = ALL[name]()
    alpha = 0.01 if weight else 0.05
    ours, theirs = ours_and_theirs("katz_centrality_numpy", G, alpha=alpha, weight=weight, normalized=normalized)
    assert_scores(ours, theirs, rel=1e-11, abs=1e-14)


def test_katz_centrality_numpy_beta_and_errors():
    G = _strings()
    beta = {v: (-1.0 if i == 2 else 0.5 + i) for i, v in enumerate(reversed(list(G)))}
    ours, theirs = ours_and_theirs("katz_centrality_numpy", G, alpha=0.1, beta=beta)
    assert_scores(ours, theirs, rel=1e-11, abs=1e-14)  # keys in beta's order, as networkx
    neg = dict.fromkeys(G, -2.0)  # negative sum: networkx's sign normalisation
    ours, theirs = ours_and_theirs("katz_centrality_numpy", G, beta=neg)
    assert_scores(ours, theirs, rel=1e-11)
    for bad in ({"z": 1.0}, "foo"):
        e = same_exception("katz_centrality_numpy", G, beta=bad)
        assert isinstance(e, nx.NetworkXError)
    assert nx.katz_centrality_numpy(nx.Graph(), backend=IG) == {}
    # alpha = 1 / lambda_max: the iteration diverges, networkx's linear solve takes over
    K = nx.karate_club_graph()
    lam = max(abs(np.linalg.eigvals(nx.to_numpy_array(K, weight=None))))
    with pytest.raises(NotImplementedError):
        nx.katz_centrality_numpy(K, alpha=1 / lam, backend=IG)
    assert "beta" in backend_interface.can_run("katz_centrality_numpy", (G,), {"beta": np.ones(3)})


# ---- random graphs ------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402

from impactgraph.testing import random_networkx_graphs  # noqa: E402


def _same_outcome(fn, G, *args, **kw):
    """networkx's result or exception, and ours equal to it (to rounding for floats, with the
    same value types)."""
    try:
        theirs = getattr(nx, fn)(G, *args, **kw)
    except Exception as e:  # noqa: BLE001 - networkx's exception is the oracle
        with pytest.raises(type(e)):
            getattr(nx, fn)(G, *args, backend=IG, **kw)
        return
    ours = getattr(nx, fn)(G, *args, backend=IG, **kw)
    if isinstance(theirs, nx.Graph):
        assert_same_graph(ours, theirs)
    elif isinstance(theirs, dict):
        assert list(ours) == list(theirs)
        assert [type(v) for v in ours.values()] == [type(v) for v in theirs.values()]
        assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-12)
    else:
        assert type(ours) is type(theirs) and ours == pytest.approx(theirs, rel=1e-12, abs=1e-15)


@pytest.mark.hypothesis
@settings(max_examples=60, deadline=None)
@given(random_networkx_graphs(25))
def test_random_graphs_match_networkx(G):
    for weight in (None, "weight"):
        _same_outcome("clustering", G, weight=weight)
        _same_outcome("average_clustering", G, weight=weight)
        _same_outcome("pagerank", G, weight=weight, tol=1e-10)
    _same_outcome("transitivity", G)
    _same_outcome("triangles", G)
    _same_outcome("core_number", G)
    _same_outcome("k_core", G)
    _same_outcome("k_corona", G, 1)


@pytest.mark.hypothesis
@settings(max_examples=40, deadline=None)
@given(random_networkx_graphs(25))
def test_random_graphs_spectral_match_networkx(G):
    for weight in (None, "weight"):
        _same_outcome("eigenvector_centrality", G, weight=weight, max_iter=500, tol=1e-8)
        _same_outcome("katz_centrality", G, alpha=0.02, weight=weight, tol=1e-10)
        if len(G) > 1:  # one node: networkx's squeeze() gives a 0-d array and zip raises TypeError
            _same_outcome("katz_centrality_numpy", G, alpha=0.02, weight=weight)
        # ARPACK refuses n <= 2 (TypeError); impactgraph answers
        if len(G) <= 2 or not (nx.is_strongly_connected(G) if G.is_directed() else nx.is_connected(G)):
            continue
        try:
            ours = nx.eigenvector_centrality_numpy(G, weight=weight, backend=IG)
        except NotImplementedError:  # no convergence within the budget: networkx would run
            continue
        assert ours == pytest.approx(nx.eigenvector_centrality_numpy(G, weight=weight), rel=1e-8, abs=1e-10)
