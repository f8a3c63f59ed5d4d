"""networkx backend: shortest-path centralities and structural holes, with networkx as the oracle.

Every call names ``backend="impactgraph"`` (an explicit backend never falls back, so a decline
fails the test); results must equal networkx's: same keys in the same order, same value types
(Python ``float``, or networkx's ``int`` 0), values to 1e-9 relative.
"""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impactgraph.nx import backend_interface
from impactgraph.testing import random_networkx_graphs

pytestmark = pytest.mark.filterwarnings("ignore:Note. conversions to backend graphs:UserWarning")

REL, ABS = 1e-9, 1e-12
IG = {"backend": "impactgraph"}


def _weighted_digraph():
    D = nx.gnp_random_graph(40, 0.08, seed=2, directed=True)
    rng = random.Random(5)
    for u, v in D.edges:
        D[u][v]["weight"] = rng.randint(1, 9)
    return D


def _disconnected():
    G = nx.Graph()
    G.add_edges_from([(0, 1), (1, 2), (2, 0), (2, 3), (10, 11), (11, 12)], weight=2.5)
    G.add_nodes_from([20, 21])  # isolates
    return G


def _self_loops():
    G = nx.karate_club_graph()
    G.add_edge(0, 0, weight=3.0)
    G.add_edge(5, 5, weight=1.0)
    G.add_edge("solo", "solo")  # a node whose only neighbour is itself
    G.add_node("iso")
    return G


CORPUS = {
    "karate": nx.karate_club_graph,
    "les_miserables": nx.les_miserables_graph,  # weighted, string labels
    "florentine": nx.florentine_families_graph,  # string labels, unweighted
    "digraph": _weighted_digraph,
    "disconnected": _disconnected,
    "self_loops": _self_loops,
}


@pytest.fixture(params=sorted(CORPUS), scope="module")
def graph(request):
    return request.param, CORPUS[request.param]()


def same(want, got, what=""):
    """Equal dicts: same keys in the same order, same value types, values to REL (NaN == NaN)."""
    assert list(got) == list(want), what
    for key, w in want.items():
        g = got[key]
        assert type(g) is type(w), (what, key, type(g), type(w))
        if isinstance(w, float) and math.isnan(w):
            assert math.isnan(g), (what, key)
        else:
            assert g == pytest.approx(w, rel=REL, abs=ABS), (what, key)


# --- betweenness ---------------------------------------------------------------------------


@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize(("normalized", "endpoints"), [(True, False), (False, True)])
def test_betweenness(graph, weight, normalized, endpoints):
    name, G = graph
    kw = dict(weight=weight, normalized=normalized, endpoints=endpoints)
    same(nx.betweenness_centrality(G, **kw), nx.betweenness_centrality(G, **kw, **IG), (name, kw))
    n = len(G)
    for k in (1, 3, n - 1, n):
        # networkx draws seed.sample(list(G), k); the adapter draws the same sources
        want = nx.betweenness_centrality(G, k=k, seed=7, **kw)
        same(want, nx.betweenness_centrality(G, k=k, seed=7, **kw, **IG), (name, k, kw))
        rng_a, rng_b = random.Random(11), random.Random(11)
        want = nx.betweenness_centrality(G, k=k, seed=rng_a, **kw)
        same(want, nx.betweenness_centrality(G, k=k, seed=rng_b, **kw, **IG), (name, k, "Random"))


@pytest.mark.parametrize("weight", [None, "weight"])
def test_edge_betweenness(graph, weight):
    name, G = graph
    for normalized in (True, False):
        kw = dict(weight=weight, normalized=normalized)
        want = nx.edge_betweenness_centrality(G, **kw)
        # keys are networkx's G.edges() tuples, in its order and orientation
        same(want, nx.edge_betweenness_centrality(G, **kw, **IG), (name, kw))
        for k in (2, len(G)):
            want = nx.edge_betweenness_centrality(G, k=k, seed=3, **kw)
            same(want, nx.edge_betweenness_centrality(G, k=k, seed=3, **kw, **IG), (name, k, kw))


def test_betweenness_k_errors_like_networkx():
    G = nx.cycle_graph(4)
    for f in (nx.betweenness_centrality, nx.edge_betweenness_centrality):
        with pytest.raises(ValueError, match="larger"):
            f(G, k=5, **IG)
        with pytest.raises(ValueError, match="negative"):
            f(G, k=-1, **IG)
        with pytest.raises(ZeroDivisionError):
            f(G, k=0, **IG)
        with pytest.raises(ZeroDivisionError):
            f(G, k=0, normalized=False, **IG)
    # on a graph too small to rescale, k = 0 gives zeros, as networkx
    same(nx.betweenness_centrality(nx.path_graph(2), k=0), nx.betweenness_centrality(nx.path_graph(2), k=0, **IG))
    # k == 1: the source's value is 0/0 = NaN in networkx
    b = nx.betweenness_centrality(nx.star_graph(4), k=1, seed=1, **IG)
    same(nx.betweenness_centrality(nx.star_graph(4), k=1, seed=1), b)
    assert math.isnan(b[1])


def _multigraph(directed):
    G = nx.MultiDiGraph() if directed else nx.MultiGraph()
    G.add_weighted_edges_from(
        [(0, 1, 5), (0, 1, 4), (0, 2, 4), (0, 3, 3), (0, 3, 3), (0, 4, 2), (1, 2, 4), (1, 3, 1)]
        + [(1, 3, 2), (1, 4, 3), (1, 4, 4), (2, 4, 5), (3, 4, 4), (3, 4, 4), (4, 4, 1)]
    )
    return G


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_multigraphs(directed, weight):
    """Parallel edges: shortest paths over the least weight (betweenness, closeness, harmonic);
    edge values keyed (u, v, key) and shared among the parallel edges of least weight, as
    networkx's _add_edge_keys."""
    G = _multigraph(directed)
    assert backend_interface.can_run("betweenness_centrality", (G,), {"weight": weight}) is True
    for normalized in (True, False):
        kw = dict(weight=weight, normalized=normalized)
        same(nx.betweenness_centrality(G, **kw), nx.betweenness_centrality(G, **kw, **IG))
        same(nx.edge_betweenness_centrality(G, **kw), nx.edge_betweenness_centrality(G, **kw, **IG))
    for wf in (True, False):
        kw = dict(distance=weight, wf_improved=wf)
        same(nx.closeness_centrality(G, **kw), nx.closeness_centrality(G, **kw, **IG))
        assert nx.closeness_centrality(G, u=3, **kw, **IG) == pytest.approx(nx.closeness_centrality(G, u=3, **kw))
    kw = dict(distance=weight, nbunch=[0, 3], sources=[1, 2, 4])
    same(nx.harmonic_centrality(G, **kw), nx.harmonic_centrality(G, **kw, **IG))
    same(nx.harmonic_centrality(G, distance=weight), nx.harmonic_centrality(G, distance=weight, **IG))


def test_betweenness_declines_zero_and_negative_weights():
    G = nx.path_graph(4)
    G.add_edge(1, 2, weight=0.0)
    for name in ("betweenness_centrality", "edge_betweenness_centrality"):
        reason = backend_interface.can_run(name, (G,), {"weight": "weight"})
        assert isinstance(reason, str) and "zero or negative weights" in reason
        assert backend_interface.can_run(name, (G,), {"weight": None}) is True
    G.add_edge(1, 2, weight=-1.0)
    assert "negative" in backend_interface.can_run("betweenness_centrality", (G,), {"weight": "weight"})
    # with weight=None the weights are ignored: dispatched, and equal to networkx
    same(nx.betweenness_centrality(G), nx.betweenness_centrality(G, **IG))


# --- closeness and harmonic ----------------------------------------------------------------


@pytest.mark.parametrize("distance", [None, "weight"])
def test_closeness(graph, distance):
    name, G = graph
    for wf in (True, False):
        kw = dict(distance=distance, wf_improved=wf)
        same(nx.closeness_centrality(G, **kw), nx.closeness_centrality(G, **kw, **IG), (name, kw))
        for u in list(G)[::7]:
            want = nx.closeness_centrality(G, u=u, **kw)
            got = nx.closeness_centrality(G, u=u, **kw, **IG)
            assert type(got) is float and got == pytest.approx(want, rel=REL, abs=ABS), (name, u, kw)


def test_closeness_errors_like_networkx():
    G = nx.path_graph(3)
    with pytest.raises(nx.NodeNotFound):
        nx.closeness_centrality(G, u=9, **IG)
    with pytest.raises(nx.NodeNotFound):
        nx.closeness_centrality(G, u=9, distance="weight", **IG)
    G.add_edge(0, 1, weight=-1)  # add_edge clears networkx's conversion cache
    with pytest.raises(ValueError, match="Contradictory paths"):
        nx.closeness_centrality(G, distance="weight")
    with pytest.raises(ValueError, match="Contradictory paths"):
        nx.closeness_centrality(G, distance="weight", **IG)
    with pytest.raises(ValueError, match="Contradictory paths"):
        nx.harmonic_centrality(G, distance="weight", **IG)
    # directed: networkx's answer depends on its visit order; impactgraph hands it back
    D = nx.DiGraph([(0, 1, {"weight": -1}), (1, 2, {"weight": 1})])
    with pytest.raises(NotImplementedError):
        nx.closeness_centrality(D, distance="weight", **IG)


@pytest.mark.parametrize("distance", [None, "weight"])
def test_harmonic(graph, distance):
    name, G = graph
    nodes = list(G)
    same(nx.harmonic_centrality(G, distance=distance), nx.harmonic_centrality(G, distance=distance, **IG), name)
    few, many = nodes[::5], nodes[1::2]
    for nbunch, sources in [(few, None), (None, few), (few, many), (many, few), (nodes[0], few)]:
        kw = dict(nbunch=nbunch, sources=sources, distance=distance)
        # dict order is networkx's set order; unreached nodes keep networkx's int 0
        same(nx.harmonic_centrality(G, **kw), nx.harmonic_centrality(G, **kw, **IG), (name, kw))


def test_harmonic_nbunch_semantics():
    G = nx.DiGraph([(0, 1), (1, 2), (2, 3)])
    G.add_node(9)
    kw = dict(nbunch=[0, 3, 9, "absent"], sources=[1, "absent"])
    want = nx.harmonic_centrality(G, **kw)
    got = nx.harmonic_centrality(G, **kw, **IG)
    same(want, got)
    assert type(got[0]) is int and got[0] == 0  # nothing reaches 0: networkx's initial int
    assert nx.harmonic_centrality(G, nbunch=[], **IG) == {}
    with pytest.raises(nx.NetworkXError):
        nx.harmonic_centrality(G, nbunch=3.5, **IG)


# --- structural holes ----------------------------------------------------------------------


@pytest.mark.parametrize("weight", [None, "weight"])
def test_constraint(graph, weight):
    name, G = graph
    nodes = list(G)
    for sub in (None, nodes[:25], nodes[::-5]):  # networkx's per-node path is slow: subsets
        want = nx.constraint(G, nodes=sub, weight=weight)
        same(want, nx.constraint(G, nodes=sub, weight=weight, **IG), (name, weight, sub is None))


@pytest.mark.parametrize("weight", [None, "weight"])
def test_effective_size(graph, weight):
    name, G = graph
    nodes = list(G)
    for sub in (nodes[:25], nodes[::-5]):
        want = nx.effective_size(G, nodes=sub, weight=weight)
        same(want, nx.effective_size(G, nodes=sub, weight=weight, **IG), (name, weight))
    reason = backend_interface.can_run("effective_size", (G,), {"weight": weight})
    if reason is True:
        same(nx.effective_size(G, weight=weight), nx.effective_size(G, weight=weight, **IG), (name, weight))
    else:
        # networkx's default path divides by the wrong axis's maxima (PR #8906): it disagrees
        # with its own nodes= path, which is what impactgraph computes
        assert "PR #8906" in reason and (G.is_directed() or weight is not None)
        sub = nodes[::-5]
        ours = nx.effective_size(G, nodes=sub, weight=weight)
        default = nx.effective_size(G, weight=weight)
        assert {v: default[v] for v in sub} != pytest.approx(ours, nan_ok=True)


def test_structural_holes_isolates_and_self_loops():
    for cls in (nx.Graph, nx.DiGraph):
        G = cls([(0, 0)])
        G.add_weighted_edges_from([(1, 1, 10)])
        for f in (nx.constraint, nx.effective_size):
            for nodes in (None, [0, 1]):
                same(f(G, nodes=nodes), f(G, nodes=nodes, **IG), (cls, f, nodes))
        assert nx.constraint(G, nodes=[0], **IG)[0] == 4  # networkx's per-node path
        assert math.isnan(nx.constraint(G, **IG)[0])  # its default path
    # directed nodes with in-arcs only: NaN on networkx's nodes= path (networkx issue #2661)
    D = nx.DiGraph([(0, 1), (0, 2), (1, 2)])
    same(nx.effective_size(D, nodes=[2, 0]), nx.effective_size(D, nodes=[2, 0], **IG))
    same(nx.constraint(D, nodes=[2, 0]), nx.constraint(D, nodes=[2, 0], **IG))
    with pytest.raises(KeyError):
        nx.constraint(D, nodes=[7], **IG)
    with pytest.raises(KeyError):
        nx.effective_size(D, nodes=[7], **IG)


def test_null_graphs_like_networkx():
    for cls in (nx.Graph, nx.DiGraph):
        G = cls()
        for f in (nx.constraint, nx.effective_size):
            with pytest.raises(nx.NetworkXError, match="no nodes or edges"):
                f(G, **IG)
            assert f(G, nodes=[], **IG) == f(G, nodes=[]) == {}
        for f in (nx.betweenness_centrality, nx.edge_betweenness_centrality, nx.closeness_centrality):
            assert f(G, **IG) == f(G) == {}
        assert nx.harmonic_centrality(G, **IG) == {}
        assert nx.betweenness_centrality_subset(G, [], [], **IG) == {}


def test_structural_holes_decline_zero_weights():
    G = nx.karate_club_graph()
    G.add_edge(0, 1, weight=0)
    for name in ("constraint", "effective_size"):
        reason = backend_interface.can_run(name, (G,), {"weight": "weight"})
        assert isinstance(reason, str) and "zero or negative weights" in reason
        assert backend_interface.can_run(name, (G,), {"weight": None}) is True


@pytest.mark.parametrize("weight", [None, "weight"])
def test_betweenness_subset(graph, weight):
    name, G = graph
    nodes = list(G)
    for sources, targets in [(nodes[::3], nodes[1::4]), (nodes[:2] * 2, nodes[-3:] + ["absent"])]:
        for normalized in (False, True):
            kw = dict(normalized=normalized, weight=weight)
            want = nx.betweenness_centrality_subset(G, sources, targets, **kw)
            same(want, nx.betweenness_centrality_subset(G, sources, targets, **kw, **IG), (name, kw))
    with pytest.raises(KeyError):
        nx.betweenness_centrality_subset(G, ["absent"], nodes, **IG)
    M = _multigraph(G.is_directed())
    kw = dict(weight=weight)
    same(nx.betweenness_centrality_subset(M, [0, 1], [3, 4], **kw), nx.betweenness_centrality_subset(M, [0, 1], [3, 4], **kw, **IG))


# --- random graphs -------------------------------------------------------------------------


def _outcome(f, G, kw):
    try:
        return f(G, **kw)
    except Exception as e:  # the same exception class as networkx is part of the contract
        return type(e)


@settings(max_examples=40, deadline=None)
@given(H=random_networkx_graphs(max_nodes=16), data=st.data())
def test_hypothesis_matches_networkx(H, data):
    nodes = list(H)
    pick = data.draw(st.lists(st.sampled_from(nodes), max_size=5)) if nodes else []
    k = data.draw(st.integers(0, len(nodes)))
    weight = data.draw(st.sampled_from([None, "weight"]))
    calls = [
        (nx.betweenness_centrality, dict(weight=weight, endpoints=True)),
        (nx.betweenness_centrality, dict(k=k, seed=4, weight=weight)),
        (nx.edge_betweenness_centrality, dict(k=k or None, seed=4, weight=weight, normalized=False)),
        (nx.betweenness_centrality_subset, dict(sources=pick, targets=nodes[::2], weight=weight)),
        (nx.closeness_centrality, dict(distance=weight)),
        (nx.harmonic_centrality, dict(nbunch=pick or None, sources=nodes[1::2], distance=weight)),
        (nx.constraint, dict(nodes=pick or None, weight=weight)),
        (nx.effective_size, dict(nodes=pick, weight=weight)),
    ]
    for f, kw in calls:
        if backend_interface.can_run(f.__name__, (H,), kw) is not True:
            continue
        want, got = _outcome(f, H, kw), _outcome(f, H, {**kw, **IG})
        if isinstance(want, type):
            assert got is want, (f.__name__, kw)
        else:
            same(want, got, (f.__name__, kw))
