"""networkx adapters for (strongly, weakly) connected components, against networkx itself.

Every call names ``backend="impactgraph"``, which never falls back to networkx: a declined call
fails the test."""

from __future__ import annotations

import networkx as nx
import pytest

import impactgraph as ig
from impactgraph.nx import backend_interface

IG = "impactgraph"


@pytest.fixture(autouse=True, scope="module")
def _quiet_cache_warning():
    """The corpus graphs are converted once and reused from networkx's cache; silence its
    reminder for this module only."""
    before = set(nx.config.warnings_to_ignore)
    nx.config.warnings_to_ignore.add("cache")
    yield
    nx.config.warnings_to_ignore = before


def _undirected() -> dict[str, nx.Graph]:
    G = nx.Graph()
    G.add_nodes_from(["iso1", "a", "b", "iso2"])
    G.add_edges_from([("a", "b"), ("c", "d"), ("d", "e"), ("e", "c"), ("x", "x")])  # "x": a self-loop only
    return {
        "karate": nx.karate_club_graph(),
        "les_miserables": nx.les_miserables_graph(),
        "florentine": nx.florentine_families_graph(),
        "gnp_sparse": nx.gnp_random_graph(200, 0.008, seed=3),
        "isolates_strings_selfloop": G,
        "single": nx.empty_graph(1),
    }


def _directed() -> dict[str, nx.DiGraph]:
    D = nx.DiGraph([(1, 2), (1, 3), (1, 4), (4, 2), (3, 4), (2, 3)])
    E = nx.DiGraph([("p", "q"), ("q", "p"), ("q", "r"), ("s", "s")])
    E.add_node("t")
    return {
        "gnp_directed": nx.gnp_random_graph(120, 0.015, seed=7, directed=True),
        "gnm_directed": nx.gnm_random_graph(80, 160, seed=11, directed=True),
        "sink_cycle": D,
        "strings_selfloop_isolate": E,
        "path": nx.path_graph(30, create_using=nx.DiGraph),
    }


UNDIRECTED = _undirected()
DIRECTED = _directed()


@pytest.mark.parametrize("name", sorted(UNDIRECTED))
def test_connected_components_equal_networkx_in_order(name):
    G = UNDIRECTED[name]
    ours = nx.connected_components(G, backend=IG)
    assert iter(ours) is ours  # a generator/iterator, as networkx's
    ours = list(ours)
    assert ours == list(nx.connected_components(G))  # same sets, same order (by first node)
    assert all(type(c) is set for c in ours)
    n = nx.number_connected_components(G, backend=IG)
    assert type(n) is int and n == nx.number_connected_components(G)
    conn = nx.is_connected(G, backend=IG)
    assert type(conn) is bool and conn == nx.is_connected(G)
    for v in list(G)[:: max(1, len(G) // 15)]:
        assert nx.node_connected_component(G, v, backend=IG) == nx.node_connected_component(G, v)


def test_components_are_fresh_sets():
    G = nx.disjoint_union(nx.path_graph(4), nx.path_graph(3))
    seen = set()
    for c in nx.connected_components(G, backend=IG):
        assert not seen & c
        seen |= c
        c.clear()
    assert list(nx.connected_components(G, backend=IG)) == [{0, 1, 2, 3}, {4, 5, 6}]


def test_errors_as_networkx():
    with pytest.raises(nx.NetworkXPointlessConcept, match="null graph"):
        nx.is_connected(nx.Graph(), backend=IG)
    with pytest.raises(nx.NetworkXPointlessConcept, match="null graph"):
        nx.is_strongly_connected(nx.DiGraph(), backend=IG)
    with pytest.raises(nx.NetworkXPointlessConcept, match="null graph"):
        nx.is_weakly_connected(nx.DiGraph(), backend=IG)
    with pytest.raises(KeyError):
        nx.node_connected_component(nx.path_graph(3), 9, backend=IG)
    with pytest.raises(nx.NetworkXNotImplemented):
        nx.connected_components(nx.DiGraph([(0, 1)]), backend=IG)
    with pytest.raises(nx.NetworkXNotImplemented):
        nx.strongly_connected_components(nx.Graph([(0, 1)]), backend=IG)
    with pytest.raises(nx.NetworkXNotImplemented):
        nx.is_weakly_connected(nx.Graph([(0, 1)]), backend=IG)
    assert list(nx.connected_components(nx.Graph(), backend=IG)) == []
    assert nx.number_strongly_connected_components(nx.DiGraph(), backend=IG) == 0


@pytest.mark.parametrize("name", sorted(DIRECTED))
def test_strongly_connected_components_sinks_first(name):
    G = DIRECTED[name]
    ours = list(nx.strongly_connected_components(G, backend=IG))
    assert {frozenset(c) for c in ours} == {frozenset(c) for c in nx.strongly_connected_components(G)}
    assert len(ours) == len(set(map(frozenset, ours)))
    # networkx's (Tarjan) order: a component comes after every component it reaches
    where = {v: i for i, c in enumerate(ours) for v in c}
    for u, v in G.edges():
        assert where[v] <= where[u]
    n = nx.number_strongly_connected_components(G, backend=IG)
    assert type(n) is int and n == nx.number_strongly_connected_components(G)
    s = nx.is_strongly_connected(G, backend=IG)
    assert type(s) is bool and s == nx.is_strongly_connected(G)


def test_condensation_numbering_matches_networkx():
    G = DIRECTED["sink_cycle"]
    scc = list(nx.strongly_connected_components(G, backend=IG))
    assert scc == list(nx.strongly_connected_components(G)) == [{2, 3, 4}, {1}]


@pytest.mark.parametrize("name", sorted(DIRECTED))
def test_weakly_connected_components_equal_networkx_in_order(name):
    G = DIRECTED[name]
    assert list(nx.weakly_connected_components(G, backend=IG)) == list(nx.weakly_connected_components(G))
    n = nx.number_weakly_connected_components(G, backend=IG)
    assert type(n) is int and n == nx.number_weakly_connected_components(G)
    w = nx.is_weakly_connected(G, backend=IG)
    assert type(w) is bool and w == nx.is_weakly_connected(G)


def test_multigraphs_run_and_equal_networkx():
    M = nx.MultiGraph([(0, 1), (0, 1), (2, 3), (4, 4)])
    assert backend_interface.can_run("connected_components", (M,), {}) is True
    assert list(nx.connected_components(M, backend=IG)) == list(nx.connected_components(M))
    assert nx.node_connected_component(M, 1, backend=IG) == {0, 1}
    D = nx.MultiDiGraph([(0, 1), (0, 1), (1, 0), (1, 2)])
    assert list(nx.strongly_connected_components(D, backend=IG)) == [{2}, {0, 1}]
    assert list(nx.weakly_connected_components(D, backend=IG)) == list(nx.weakly_connected_components(D))
    assert nx.is_strongly_connected(D, backend=IG) is False


def test_impactgraph_graphs_dispatch_without_conversion():
    import impactgraph as ig

    H = DIRECTED["gnp_directed"]
    D = ig.Graph.from_networkx(H)
    assert list(nx.strongly_connected_components(D)) == list(nx.strongly_connected_components(H, backend=IG))
    assert list(nx.weakly_connected_components(D)) == list(nx.weakly_connected_components(H))
    U = ig.Graph.from_networkx(UNDIRECTED["isolates_strings_selfloop"])
    assert list(nx.connected_components(U)) == list(nx.connected_components(UNDIRECTED["isolates_strings_selfloop"]))
    assert nx.node_connected_component(U, "c") == {"c", "d", "e"}


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 25),
    arcs=st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24)), max_size=70),
    perm_seed=st.integers(0, 2**32 - 1),
    multi=st.booleans(),
    labels=st.booleans(),
)
def test_strongly_connected_components_in_networkx_order(n, arcs, perm_seed, multi, labels):
    """The exact sequence networkx yields (Tarjan's finishing order over its node and adjacency
    insertion order), not only the same sets: condensation numbering and networkx's text
    rendering depend on it."""
    import random

    rng = random.Random(perm_seed)
    nodes = list(range(n))
    rng.shuffle(nodes)
    G = nx.MultiDiGraph() if multi else nx.DiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from((u, v) for u, v in arcs if u < n and v < n)
    if labels:
        G = nx.relabel_nodes(G, {i: f"v{(i * 5) % 31}" for i in range(n)})
    want = list(nx.strongly_connected_components(G))
    assert list(nx.strongly_connected_components(G, backend="impactgraph")) == want
    H = ig.Graph.from_networkx(G)  # native graph: its sorted rows, as its networkx copy
    assert list(nx.strongly_connected_components(H)) == list(nx.strongly_connected_components(H.to_networkx()))
