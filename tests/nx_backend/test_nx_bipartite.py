"""networkx's bipartite projections through the impactgraph backend, against plain networkx.

An explicit ``backend="impactgraph"`` never falls back, so a decline fails these tests. The
results must be networkx graphs equal to networkx's: same type, ``graph``, node attributes and
adjacency (weights exactly, except Newman's sums, whose order of addition networkx leaves to
its set iteration), with the same weight types.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest
from networkx.algorithms import bipartite as nxb

from impactgraph.nx import backend_interface

IG = "impactgraph"
# the same networkx graphs are projected many times: networkx notes that it reuses the conversion
pytestmark = pytest.mark.filterwarnings("ignore:Note. conversions to backend graphs:UserWarning")
WEIGHTED = [
    ("weighted_projected_graph", {}),
    ("weighted_projected_graph", {"ratio": True}),
    ("collaboration_weighted_projected_graph", {}),
    ("overlap_weighted_projected_graph", {}),
    ("overlap_weighted_projected_graph", {"jaccard": False}),
    ("generic_weighted_projected_graph", {}),
    ("projected_graph", {}),
    ("projected_graph", {"multigraph": True}),
]


def _davis():
    B = nx.davis_southern_women_graph()
    B.graph["name"] = "davis"
    return B, [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]


def _corpus():
    """(name, graph, nodes to project onto)."""
    out = []
    B, women = _davis()
    out.append(("davis_women", B, women))
    out.append(("davis_events", B, [n for n in B if n not in set(women)]))
    R = nxb.random_graph(30, 20, 0.2, seed=5)
    out.append(("random", R, list(range(30))))
    D = nxb.random_graph(25, 15, 0.25, seed=6, directed=True)
    out.append(("random_directed", D, list(range(25))))
    # not bipartite: networkx ties nodes to anything two steps away (karate, florentine)
    K = nx.karate_club_graph()
    out.append(("karate", K, list(range(0, 34, 2))))
    F = nx.florentine_families_graph()
    out.append(("florentine", F, sorted(F)[:7]))
    L = nx.les_miserables_graph()
    out.append(("les_miserables", L, sorted(L)[::3]))
    # isolates, a self-loop, string labels, a disconnected part
    S = nx.Graph([("a", "x"), ("b", "x"), ("b", "y"), ("c", "y"), ("c", "c"), ("d", "z")])
    S.add_nodes_from(["e", "w"], colour="red")
    out.append(("strings_selfloop_isolates", S, ["a", "b", "c", "d", "e"]))
    G = nx.gnm_random_graph(40, 90, seed=3, directed=True)
    G.add_edge(4, 4)
    out.append(("gnm_directed_selfloop", G, list(range(0, 40, 3))))
    return out


CORPUS = _corpus()


def _assert_equal(A, B, exact: bool = True):
    assert type(A) is type(B)
    assert A.graph == B.graph
    assert A._node == B._node
    assert list(A) == list(B)[: len(A)] or set(A) == set(B)
    if exact:
        assert A._adj == B._adj
    else:
        assert set(A.edges()) == set(B.edges())
        for u, v, w in A.edges(data="weight"):
            assert B[u][v]["weight"] == pytest.approx(w, rel=1e-12, abs=1e-15)
    for (_, _, a), (_, _, b) in zip(sorted(A.edges(data="weight"), key=repr), sorted(B.edges(data="weight"), key=repr)):
        assert type(a) is type(b)


@pytest.mark.parametrize("case", CORPUS, ids=[c[0] for c in CORPUS])
@pytest.mark.parametrize("fn,kw", WEIGHTED, ids=[f"{f}{kw}" for f, kw in WEIGHTED])
def test_matches_networkx(case, fn, kw):
    _, B, nodes = case
    f = getattr(nxb, fn)
    want = f(B, nodes, **kw)
    got = f(B, nodes, backend=IG, **kw)
    _assert_equal(got, want, exact=fn != "collaboration_weighted_projected_graph")


def test_weight_types():
    B, women = _davis()
    P = nxb.weighted_projected_graph(B, women, backend=IG)
    assert all(type(w) is int for _, _, w in P.edges(data="weight"))
    P = nxb.weighted_projected_graph(B, women, ratio=True, backend=IG)
    assert all(type(w) is float for _, _, w in P.edges(data="weight"))
    P = nxb.overlap_weighted_projected_graph(B, women, backend=IG)
    assert all(type(w) is float for _, _, w in P.edges(data="weight"))
    P = nxb.generic_weighted_projected_graph(B, women, backend=IG)
    assert all(type(w) is int for _, _, w in P.edges(data="weight"))
    # Newman: a tie whose shared neighbours all have degree 1 weighs networkx's int 0
    D = nx.DiGraph([("A", 1), (1, "B")])
    P = nxb.collaboration_weighted_projected_graph(D, ["A", "B"], backend=IG)
    assert P["A"]["B"]["weight"] == 0 and type(P["A"]["B"]["weight"]) is int
    assert nxb.collaboration_weighted_projected_graph(D, ["A", "B"])["A"]["B"]["weight"] == 0


def test_node_attributes_are_copies():
    B, women = _davis()
    P = nxb.projected_graph(B, women, backend=IG)
    assert P.nodes[women[0]] == B.nodes[women[0]]
    assert P.nodes[women[0]] is not B.nodes[women[0]]
    assert P.graph == B.graph and P.graph is not B.graph


def test_repeated_nodes_and_strings():
    B = nx.Graph([("a", 1), ("b", 1), ("a", 2), ("b", 2), ("c", 2)])
    for nodes in ("abc", ["a", "b", "a"], ("c", "a")):
        for fn, kw in WEIGHTED:
            f = getattr(nxb, fn)
            _assert_equal(f(B, nodes, backend=IG, **kw), f(B, nodes, **kw))


def test_iterator_of_nodes_is_consumed_as_networkx_does():
    B, women = _davis()
    for fn in ("projected_graph", "overlap_weighted_projected_graph", "collaboration_weighted_projected_graph"):
        f = getattr(nxb, fn)
        got = f(B, iter(women), backend=IG)
        want = f(B, iter(women))
        _assert_equal(got, want)
        assert got.number_of_edges() == 0


def test_errors_as_networkx():
    B = nx.path_graph(4)
    with pytest.raises(nx.NetworkXAlgorithmError, match="size of the nodes"):
        nxb.weighted_projected_graph(B, [0, 1, 2, 3], backend=IG)
    with pytest.raises(nx.NetworkXAlgorithmError):
        nxb.weighted_projected_graph(B, [0, 1, 1, 2], ratio=True, backend=IG)
    with pytest.raises(KeyError):
        nxb.projected_graph(B, [0, 9], backend=IG)
    with pytest.raises(KeyError):
        nxb.overlap_weighted_projected_graph(B, [9], backend=IG)
    with pytest.raises(TypeError):
        nxb.weighted_projected_graph(B, iter([0, 2]), backend=IG)  # len() of an iterator
    M = nx.MultiGraph([(0, 1)])
    with pytest.raises(nx.NetworkXError, match="not defined for multigraphs"):
        nxb.projected_graph(M, [0], backend=IG)
    with pytest.raises(nx.NetworkXNotImplemented):
        nxb.weighted_projected_graph(M, [0], backend=IG)


def test_ratio_with_repeated_nodes_uses_networkx_denominator():
    B = nx.complete_bipartite_graph(3, 5)
    got = nxb.weighted_projected_graph(B, [0, 1, 1], ratio=True, backend=IG)
    want = nxb.weighted_projected_graph(B, [0, 1, 1], ratio=True)
    assert got._adj == want._adj and got[0][1]["weight"] == 5 / 5


def test_multigraph_keys_are_shared_neighbours():
    B = nx.DiGraph([("A", 1), (1, "B"), ("A", 2), (2, "B"), ("B", 3), (3, "A")])
    P = nxb.projected_graph(B, "AB", multigraph=True, backend=IG)
    assert isinstance(P, nx.MultiDiGraph)
    assert sorted(P.edges(keys=True)) == [("A", "B", 1), ("A", "B", 2), ("B", "A", 3)]


def test_declines_weight_function():
    B, women = _davis()

    def shared(G, u, v):
        return len(set(G[u]) & set(G[v]))

    reason = backend_interface.can_run("generic_weighted_projected_graph", (B, women), {"weight_function": shared})
    assert isinstance(reason, str) and "weight_function" in reason
    assert backend_interface.can_run("generic_weighted_projected_graph", (B, women), {}) is True
    for fn, _ in WEIGHTED:
        assert backend_interface.can_run(fn, (B, women), {}) is True
    # the networkx default falls back cleanly when dispatch is automatic
    want = nxb.generic_weighted_projected_graph(B, women, weight_function=shared)
    assert want.number_of_edges() > 0


def test_random_orders_and_subsets():
    rng = random.Random(11)
    B = nxb.random_graph(20, 12, 0.3, seed=9)
    top = list(range(20))
    for _ in range(10):
        nodes = rng.sample(top, rng.randint(1, 20))
        for fn, kw in WEIGHTED:
            f = getattr(nxb, fn)
            _assert_equal(
                f(B, nodes, backend=IG, **kw), f(B, nodes, **kw), exact=fn != "collaboration_weighted_projected_graph"
            )


def test_impactgraph_graph_dispatches_without_conversion():
    import impactgraph as ig

    G = ig.Graph.from_edges([0, 1, 2, 1, 2], [3, 3, 3, 4, 4], labels=["Ann", "Bob", "Cat", "p", "q"])
    B = nx.Graph([("Ann", "p"), ("Bob", "p"), ("Cat", "p"), ("Bob", "q"), ("Cat", "q")])
    for fn, kw in WEIGHTED:
        f = getattr(nxb, fn)
        got = f(G, ["Ann", "Bob", "Cat"], **kw)  # dispatched: G is an impactgraph graph
        _assert_equal(got, f(B, ["Ann", "Bob", "Cat"], **kw))
    with pytest.raises(KeyError):
        nxb.projected_graph(G, ["Ann", "Zed"])
