"""The networkx backend's contract: entry points, get_info, signatures equal to networkx's,
result types, conversion, caching and dispatch of impactgraph graphs."""

from __future__ import annotations

import importlib.metadata
import inspect
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest

import impactgraph as ig
from impactgraph.nx import backend_interface, implemented
from impactgraph.nx.convert import from_networkx


def _nx_function(name):
    return nx.utils.backends._registered_algorithms[name]


def test_entry_points_installed():
    eps = importlib.metadata.entry_points(group="networkx.backends")
    assert "impactgraph" in eps.names
    assert eps["impactgraph"].load() is backend_interface
    info = importlib.metadata.entry_points(group="networkx.backend_info")
    assert "impactgraph" in info.names
    assert nx.utils.backends.backend_info["impactgraph"]["backend_name"] == "impactgraph"


def test_get_info_does_not_import_impactgraph():
    code = (
        "import sys, _impactgraph_nx; info = _impactgraph_nx.get_info(); "
        "assert 'impactgraph' not in sys.modules and 'impactgraph._core' not in sys.modules, sorted(sys.modules); "
        "print(len(info['functions']))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) == len(implemented())


def test_get_info_lists_exactly_the_implemented_functions():
    from _impactgraph_nx import get_info

    info = get_info()
    assert sorted(info["functions"]) == implemented()
    for name, entry in info["functions"].items():
        assert entry["additional_docs"].strip(), name
        for p in entry.get("additional_parameters", {}):
            assert p in inspect.signature(getattr(backend_interface, name)).parameters, (name, p)
    assert set(info["default_config"]) == {"threads", "min_size"}


@pytest.mark.parametrize("name", implemented())
def test_signature_matches_networkx(name):
    """Same parameter names, kinds and defaults as the networkx function (networkx adds only
    ``backend`` and ``**backend_kwargs``); the backend may add documented keyword-only extras."""
    ours = inspect.signature(getattr(backend_interface, name)).parameters
    theirs = {
        k: p for k, p in inspect.signature(_nx_function(name)).parameters.items() if k not in ("backend", "backend_kwargs")
    }
    extras = set(ours) - set(theirs)
    assert list(k for k in ours if k not in extras) == list(theirs), name
    for k, p in theirs.items():
        assert ours[k].kind == p.kind, (name, k)
        assert ours[k].default == p.default or (ours[k].default is p.default), (name, k, ours[k].default, p.default)
    for k in extras:
        assert ours[k].kind is inspect.Parameter.KEYWORD_ONLY and ours[k].default is not inspect.Parameter.empty


def test_every_implemented_function_is_dispatchable():
    for name in implemented():
        assert name in nx.utils.backends._registered_algorithms, name
        assert "impactgraph" in _nx_function(name).backends, name


def test_convert_from_nx_keeps_nodes_weights_and_default():
    G = nx.Graph()
    G.add_nodes_from(["z", "a", 7])
    G.add_edge("z", "a", w=2.5)
    G.add_edge("a", 7)
    H = from_networkx(G, edge_attrs={"w": 4.0})
    assert H.labels == ["z", "a", 7]
    s, d, w = H.edges()
    assert sorted(zip(s.tolist(), d.tolist(), w.tolist())) == [(0, 1, 2.5), (1, 2, 4.0)]
    assert from_networkx(G).weighted is False
    assert from_networkx(G, edge_attrs={"missing": 1}).weighted is False
    assert from_networkx(G, edge_attrs={"missing": 3}).edges()[2].tolist() == [3.0, 3.0]
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2)])
    assert from_networkx(M, edge_attrs={"weight": 1}).edges()[2].tolist() == [2.0, 1.0]
    assert from_networkx(M).edges()[2] is None and from_networkx(M).num_edges == 2
    D = nx.DiGraph([(2, 0), (0, 1)])
    HD = from_networkx(D)
    assert HD.directed and HD.labels == [2, 0, 1]


def test_convert_from_nx_declines_non_numeric_weights():
    G = nx.Graph()
    G.add_edge(0, 1, weight="heavy")
    with pytest.raises(NotImplementedError, match="not a real number"):
        from_networkx(G, edge_attrs={"weight": 1})
    G[0][1]["weight"] = float("nan")
    with pytest.raises(NotImplementedError, match="not finite"):
        from_networkx(G, edge_attrs={"weight": 1})


def test_convert_to_nx_round_trip():
    G = nx.les_miserables_graph()
    H = backend_interface.convert_from_nx(G, edge_attrs={"weight": 1})
    assert backend_interface.convert_to_nx(H) is G
    native = ig.Graph.from_networkx(G)
    back = backend_interface.convert_to_nx(native)
    assert nx.utils.graphs_equal(back, G) or (set(back.edges) == set(G.edges) and list(back) == list(G))
    assert backend_interface.convert_to_nx({"a": 1.0}) == {"a": 1.0}


def test_impactgraph_graph_dispatches_without_conversion():
    G = nx.karate_club_graph()
    H = ig.Graph.from_networkx(G)
    assert H.__networkx_backend__ == "impactgraph"
    got = nx.degree_centrality(H)
    assert got == pytest.approx(nx.degree_centrality(G))
    assert all(type(v) is float for v in got.values())


def test_conversion_is_cached_on_the_networkx_graph():
    G = nx.gnm_random_graph(300, 900, seed=1)
    nx.degree_centrality(G, backend="impactgraph")
    cache = G.__networkx_cache__["backends"]["impactgraph"]
    assert len(cache) == 1
    (converted,) = cache.values()
    assert isinstance(converted, ig.Graph) and converted.num_edges == 900
    with pytest.warns(UserWarning, match="cache"):
        nx.degree_centrality(G, backend="impactgraph")
    assert next(iter(G.__networkx_cache__["backends"]["impactgraph"].values())) is converted
    G.add_edge(0, 299)  # mutation through the API clears the cache
    assert not G.__networkx_cache__.get("backends", {}).get("impactgraph")


def test_can_run_declines_multigraphs_and_callable_weights():
    M = nx.MultiGraph([(0, 1), (0, 1)])
    assert isinstance(backend_interface.can_run("degree_centrality", (M,), {}), str)
    assert backend_interface.can_run("degree_centrality", (nx.path_graph(3),), {}) is True
    assert "does not implement" in backend_interface.can_run("no_such_function", (), {})


def test_should_run_declines_tiny_graphs_and_unconverted_linear_time_calls():
    small, big = nx.path_graph(5), nx.path_graph(500)
    assert "small" in backend_interface.should_run("pagerank", (small,), {})
    assert backend_interface.should_run("pagerank", (big,), {}) is True
    assert backend_interface.should_run("degree_centrality", (ig.Graph.from_networkx(small),), {}) is True
    # one linear pass in networkx costs what the conversion costs: run only on a converted graph
    assert "linear pass" in backend_interface.should_run("number_connected_components", (big,), {})
    nx.pagerank(big, backend="impactgraph")  # converts and caches
    assert backend_interface.should_run("number_connected_components", (big,), {}) is True
    with nx.config.backend_priority(algos=["impactgraph"]), pytest.warns(UserWarning, match="cache"):
        assert nx.number_connected_components(big) == 1


def test_backend_priority_routes_calls(monkeypatch):
    G = nx.gnm_random_graph(400, 1200, seed=3)
    expected = nx.degree_centrality(G)
    G.__networkx_cache__ = None  # no caching for this graph
    with nx.config.backend_priority(algos=["impactgraph"]):
        got = nx.degree_centrality(G)
    assert got == pytest.approx(expected)
    assert np.isclose(sum(got.values()), sum(expected.values()))


def _reference_edges(G, attr, default):
    """Edge multiset of G by position in node order, weights summed over parallel edges."""
    pos = {u: i for i, u in enumerate(G)}
    out: dict = {}
    for u, v, d in G.edges(data=True):
        a, b = pos[u], pos[v]
        if not G.is_directed() and a > b:
            a, b = b, a
        x = 1.0 if attr is None else float(d.get(attr, default))
        out[(a, b)] = out.get((a, b), 0.0) + x
    return out


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 12),
    edges=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11), st.sampled_from([None, 0.5, 2.0, -1.0])), max_size=40),
    kind=st.sampled_from([nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph]),
    labels=st.booleans(),
    default=st.sampled_from([1, 3.5]),
)
def test_convert_from_nx_property(n, edges, kind, labels, default):
    G = kind()
    G.add_nodes_from(range(n))
    for u, v, w in edges:
        if u < n and v < n:
            if w is None:
                G.add_edge(u, v)
            else:
                G.add_edge(u, v, weight=w)
    if labels:
        G = nx.relabel_nodes(G, {i: f"n{(i * 7) % 13}" for i in range(n)})
    H = from_networkx(G, edge_attrs={"weight": default})
    assert H.num_nodes == G.number_of_nodes() and H.directed == G.is_directed()
    assert list(H.labels) == list(G)
    s, d, w = H.edges()
    got = {(a, b): (1.0 if w is None else x) for a, b, x in zip(s.tolist(), d.tolist(), (w if w is not None else s).tolist())}
    want = _reference_edges(G, "weight", default)
    if w is None:  # built unweighted: only when every summed weight is 1
        assert all(x == 1.0 for x in want.values())
    assert got.keys() == want.keys()
    for k in want:
        assert got[k] == pytest.approx(want[k])


def test_graph_speaks_enough_networkx_for_undispatched_helpers():
    K = nx.karate_club_graph()
    H = ig.Graph.from_networkx(nx.relabel_nodes(K, {i: f"m{i}" for i in K}))
    assert nx.density(H) == nx.density(K)
    assert nx.number_of_nodes(H) == 34 and nx.number_of_edges(H) == 78
    assert list(H)[:2] == ["m0", "m1"] and "m33" in H and "m34" not in H and [1] not in H
    P = ig.Graph.from_edges([0], [1])
    assert list(P) == [0, 1] and 1 in P and 2 not in P and True not in P


def test_convert_declines_graph_classes_with_their_own_adjacency():
    from networkx.algorithms.approximation.kcomponents import _AntiGraph

    A = _AntiGraph()
    A.add_nodes_from(range(4))
    A.add_edge(0, 1)
    with pytest.raises(NotImplementedError, match="adjacency"):
        from_networkx(A)

    class Tagged(nx.Graph):  # a subclass that keeps networkx's storage converts normally
        pass

    T = Tagged([(0, 1), (1, 2)])
    assert from_networkx(T).num_edges == 2


def test_convert_views():
    G = nx.les_miserables_graph()
    keep = list(G)[::2]
    for view in (G.subgraph(keep), nx.restricted_view(G, keep[:5], [])):
        H = from_networkx(view, edge_attrs={"weight": 1})
        assert H.labels == list(view) and H.num_edges == view.number_of_edges()
        assert H.edges()[2].sum() == pytest.approx(view.size(weight="weight"))
    D = nx.gnp_random_graph(30, 0.2, seed=2, directed=True)
    R = D.reverse(copy=False)
    HR = from_networkx(R)
    assert HR.num_edges == R.number_of_edges()
    s, d, _ = HR.edges()
    assert set(zip(s.tolist(), d.tolist())) == set(R.edges())
