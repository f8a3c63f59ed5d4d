"""Network health (impactgraph.health) against networkx and reference formulas."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import impactgraph as ig
from impactgraph.errors import InvalidGraphError, InvalidParameterError, NodeNotFoundError
from impactgraph.health import METRICS, HealthReport, degree_centralization, ei_index, gini, health
from impactgraph.testing import corpus, random_networkx_graphs

CORPUS = {k: v for k, v in corpus().items() if k != "empty"}


def _ig(nxg):
    return ig.Graph.from_networkx(nxg)


# ---- reference implementations (straight from the published formulas) -------------------------


def ref_gini(x):
    x = sorted(float(v) for v in x)
    n = len(x)
    if sum(x) == 0:
        return 0.0
    # mean absolute difference form: sum_ij |x_i - x_j| / (2 n^2 mean)
    return sum(abs(a - b) for a in x for b in x) / (2 * n * n * (sum(x) / n))


def ref_centralization(nxg):
    n = nxg.number_of_nodes()
    deg = [d for _, d in nxg.degree()]
    s = sum(max(deg) - d for d in deg)
    return s / ((2 if nxg.is_directed() else 1) * (n - 1) * (n - 2))


def ref_ei(nxg, cat):
    e = i = 0
    for u, v in nxg.edges():
        if u == v:
            continue
        if cat[u] == cat[v]:
            i += 1
        else:
            e += 1
    return (e - i) / (e + i) if e + i else math.nan


def _nx_components(nxg):
    if nxg.is_directed():
        return list(nx.weakly_connected_components(nxg))
    return list(nx.connected_components(nxg))


def _cat_attr(nxg):
    """A deterministic category per node: karate's 'club' or node index mod 3."""
    if all("club" in d for _, d in nxg.nodes(data=True)) and nxg.number_of_nodes():
        return {u: d["club"] for u, d in nxg.nodes(data=True)}
    return {u: i % 3 for i, u in enumerate(nxg)}


# ---- the whole report on the corpus ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_health_matches_networkx(name):
    check_against_networkx(CORPUS[name])


@settings(max_examples=40, deadline=None)
@given(random_networkx_graphs(25), st.sampled_from([None, "weight"]))
def test_random_graphs_match_networkx(nxg, weight):
    if len(nxg) == 0:
        return
    check_against_networkx(nxg, weight=weight)


def check_against_networkx(nxg, weight=None):
    G = _ig(nxg)
    cat = _cat_attr(nxg)
    parts = list(nx.community.louvain_communities(nxg.to_undirected(), seed=1)) if nxg.number_of_edges() else [set(nxg)]
    r = health(G, communities=parts, attribute=cat, weight=weight, seed=1)
    mt = r.metrics
    assert list(mt) == list(METRICS)
    n = nxg.number_of_nodes()
    assert mt["nodes"] == n and mt["edges"] == nxg.number_of_edges()
    assert mt["density"] == pytest.approx(nx.density(nxg), rel=1e-12)
    assert mt["self_loops"] == nx.number_of_selfloops(nxg)
    comps = _nx_components(nxg)
    assert mt["components"] == len(comps)
    assert mt["giant_component_share"] == pytest.approx(max(map(len, comps)) / n)
    if nxg.is_directed():
        scc = list(nx.strongly_connected_components(nxg))
        assert mt["strong_components"] == len(scc)
        assert mt["giant_strong_component_share"] == pytest.approx(max(map(len, scc)) / n)
        if nxg.number_of_edges():
            assert mt["reciprocity"] == pytest.approx(nx.overall_reciprocity(nxg), rel=1e-12)
    else:
        assert math.isnan(mt["strong_components"]) and math.isnan(mt["reciprocity"])
    assert mt["average_clustering"] == pytest.approx(nx.average_clustering(nxg), rel=1e-9, abs=1e-12)
    assert mt["transitivity"] == pytest.approx(nx.transitivity(nxg), rel=1e-12, abs=1e-15)
    deg = [d for _, d in nxg.degree()]
    if n >= 3:
        assert mt["degree_centralization"] == pytest.approx(ref_centralization(nxg), rel=1e-12)
    assert mt["degree_gini"] == pytest.approx(ref_gini(deg), rel=1e-9, abs=1e-12)
    bc = nx.betweenness_centrality(nxg)
    assert mt["betweenness_sources"] == n
    assert mt["betweenness_gini"] == pytest.approx(ref_gini(bc.values()), rel=1e-9, abs=1e-12)
    H = nxg.copy()
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    cores = nx.core_number(H)
    kmax = max(cores.values())
    assert mt["max_core"] == kmax
    assert mt["top_core_share"] == pytest.approx(sum(c == kmax for c in cores.values()) / n)
    assert mt["one_shell_share"] == pytest.approx(sum(c == 1 for c in cores.values()) / n)
    assert mt["isolate_share"] == pytest.approx(nx.number_of_isolates(nxg) / n)
    assert mt["communities"] == len(parts)
    assert mt["largest_community_share"] == pytest.approx(max(map(len, parts)) / n)
    if nxg.number_of_edges():
        want = nx.community.modularity(nxg, parts, weight=weight)
        assert mt["modularity"] == pytest.approx(want, abs=1e-12)
    else:
        assert math.isnan(mt["modularity"])
    ei = ref_ei(nxg, cat)
    if math.isnan(ei):
        assert math.isnan(mt["ei_index"])
    else:
        assert mt["ei_index"] == pytest.approx(ei, rel=1e-12)
    if nxg.number_of_edges():
        nx.set_node_attributes(H2 := nxg.copy(), cat, "cat")
        with np.errstate(all="ignore"):
            ref = nx.attribute_assortativity_coefficient(H2, "cat")
        if math.isnan(ref):
            assert math.isnan(mt["attribute_assortativity"])
        else:
            assert mt["attribute_assortativity"] == pytest.approx(ref, rel=1e-9, abs=1e-12)


def test_karate_club_mixing_and_leiden_default():
    nxg = nx.karate_club_graph()
    G = _ig(nxg)
    clubs = [d["club"] for _, d in nxg.nodes(data=True)]  # node id order = networkx order
    r = health(G, attribute=clubs, seed=3)
    H = nx.karate_club_graph()
    assert r["attribute_assortativity"] == pytest.approx(nx.attribute_assortativity_coefficient(H, "club"))
    assert r["ei_index"] == pytest.approx(ref_ei(nxg, dict(zip(nxg, clubs))))
    # 11 of the 78 ties cross the two clubs: (11 - 67) / 78
    assert r["ei_index"] == pytest.approx((11 - 67) / 78)
    # default communities: Leiden with the seed; modularity is that partition's, computed by networkx
    p = ig.community.leiden_communities(G, weight=None, seed=3)
    assert r["communities"] == len(p)
    assert r["modularity"] == pytest.approx(nx.community.modularity(nxg, p.communities, weight=None), abs=1e-12)
    assert r["modularity"] > 0.4


def test_les_miserables_weighted_modularity():
    nxg = nx.les_miserables_graph()
    G = _ig(nxg)
    p = ig.community.leiden_communities(G, seed=5)
    rw = health(G, communities=p, weight="weight", seed=5)
    ru = health(G, communities=p, seed=5)
    assert rw["modularity"] == pytest.approx(nx.community.modularity(nxg, p.communities, weight="weight"), abs=1e-12)
    assert ru["modularity"] == pytest.approx(nx.community.modularity(nxg, p.communities, weight=None), abs=1e-12)
    assert rw["modularity"] != pytest.approx(ru["modularity"])
    # default Leiden with weights finds a good weighted partition
    assert health(G, weight="weight", seed=5)["modularity"] > 0.5


# ---- building blocks ----------------------------------------------------------------------------


def test_gini_hand_computed():
    assert gini([3, 3, 3]) == 0.0
    assert gini([0, 0, 0]) == 0.0
    assert gini([0, 0, 0, 4]) == pytest.approx(0.75)  # (n-1)/n
    # sorted 1,2,3: (-2*1 + 0*2 + 2*3) / (3*6) = 4/18
    assert gini([3, 1, 2]) == pytest.approx(4 / 18)
    assert math.isnan(gini([]))
    with pytest.raises(InvalidParameterError, match="non-negative"):
        gini([1, -1])
    with pytest.raises(InvalidParameterError, match="finite"):
        gini([1, np.nan])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=30))
def test_gini_matches_mean_difference_form(xs):
    assert gini(xs) == pytest.approx(ref_gini(xs), rel=1e-9, abs=1e-12)


def test_degree_centralization_star_complete_and_directed():
    assert degree_centralization(_ig(nx.star_graph(6))) == pytest.approx(1.0)
    assert degree_centralization(_ig(nx.complete_graph(6))) == 0.0
    assert degree_centralization(_ig(nx.path_graph(4))) == pytest.approx(2 / 6)  # sum (2-k) = 2
    bistar = nx.DiGraph([(0, i) for i in range(1, 6)] + [(i, 0) for i in range(1, 6)])
    assert degree_centralization(_ig(bistar)) == pytest.approx(1.0)
    onestar = nx.DiGraph([(0, i) for i in range(1, 6)])
    assert degree_centralization(_ig(onestar)) == pytest.approx(0.5)
    assert math.isnan(degree_centralization(_ig(nx.path_graph(2))))
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        degree_centralization(nx.star_graph(3))


def test_ei_index_hand_computed():
    # path a-a-b-b: edges (0,1) internal, (1,2) external, (2,3) internal -> (1 - 2) / 3
    G = ig.Graph.from_edges([0, 1, 2], [1, 2, 3])
    assert ei_index(G, ["a", "a", "b", "b"]) == pytest.approx(-1 / 3)
    assert ei_index(G, [0, 1, 0, 1]) == 1.0
    assert ei_index(G, [7, 7, 7, 7]) == -1.0
    # self-loops are ignored; labelled nodes through a mapping
    L = ig.Graph.from_edges([0, 0, 1], [0, 1, 1], labels=["x", "y"])
    assert ei_index(L, {"x": "s", "y": "t"}) == 1.0
    assert math.isnan(ei_index(ig.Graph.from_edges([0], [0]), [1]))
    # directed: arcs each count once
    D = ig.Graph.from_edges([0, 1, 1], [1, 0, 2], directed=True)
    assert ei_index(D, [0, 0, 1]) == pytest.approx((1 - 2) / 3)


def test_reciprocity_hand_computed():
    D = ig.Graph.from_edges([0, 1, 1, 2], [1, 0, 2, 2], directed=True)  # 2 of 4 arcs reciprocated
    assert health(D, seed=0)["reciprocity"] == pytest.approx(0.5)
    assert health(D, seed=0)["reciprocity"] == pytest.approx(nx.overall_reciprocity(D.to_networkx()))


# ---- shapes, edge cases and errors --------------------------------------------------------------


def test_report_shapes():
    G = _ig(nx.florentine_families_graph())
    r = health(G, seed=2)
    assert isinstance(r, HealthReport) and not r.directed and r.level == "graph"
    d = r.as_dict()
    assert d == r.metrics and d is not r.metrics
    df = r.to_pandas()
    assert df.shape == (1, len(METRICS)) and list(df.columns) == list(METRICS)
    assert df.index.name == "level" and df.index[0] == "graph"
    assert df.loc["graph", "nodes"] == 15
    assert "HealthReport(nodes=15" in repr(r)


def test_edgeless_graph_documented_nans():
    G = ig.Graph.from_edges(np.array([], dtype=np.int64), np.array([], dtype=np.int64), num_nodes=4)
    r = health(G, attribute=[0, 0, 1, 1], seed=1)
    assert r["density"] == 0.0 and r["components"] == 4 and r["isolate_share"] == 1.0
    assert r["max_core"] == 0 and r["top_core_share"] == 1.0 and r["one_shell_share"] == 0.0
    assert r["degree_gini"] == 0.0 and r["betweenness_gini"] == 0.0
    assert r["communities"] == 4
    for k in ("modularity", "ei_index", "attribute_assortativity", "strong_components", "reciprocity"):
        assert math.isnan(r[k]), k
    single = health(ig.Graph.from_edges(np.array([], dtype=np.int64), np.array([], dtype=np.int64), num_nodes=1), seed=1)
    assert single["density"] == 0.0 and math.isnan(single["degree_centralization"])


def test_null_graph_raises():
    with pytest.raises(InvalidGraphError, match="null graph"):
        health(ig.Graph.from_edges(np.array([], dtype=np.int64), np.array([], dtype=np.int64), num_nodes=0))


def test_errors():
    G = ig.Graph.from_edges([0, 1, 2], [1, 2, 0], labels=["a", "b", "c"])
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        health(nx.path_graph(3))
    with pytest.raises(InvalidParameterError, match="one category per node"):
        health(G, attribute=[1, 2])
    with pytest.raises(InvalidParameterError, match="has no category"):
        health(G, attribute={"a": 1, "b": 2})
    with pytest.raises(NodeNotFoundError, match="'z'"):
        health(G, attribute={"a": 1, "b": 2, "z": 3})
    with pytest.raises(TypeError, match="not a str"):
        health(G, attribute="club")
    with pytest.raises(TypeError, match="hashable"):
        health(G, attribute=[{1}, {2}, {3}])
    with pytest.raises(InvalidParameterError, match="not a partition"):
        health(G, communities=[{"a", "b"}])
    with pytest.raises(InvalidParameterError, match="betweenness_k"):
        health(G, betweenness_k=0)
    with pytest.raises(TypeError, match="betweenness_k"):
        health(G, betweenness_k=1.5)
    with pytest.raises(TypeError, match="seed"):
        health(G, seed="x")
    with pytest.raises(InvalidParameterError, match="threads"):
        health(G, threads=0)
    with pytest.raises(TypeError, match="weight"):
        health(G, weight=len)


def test_sampled_betweenness_and_threads():
    nxg = nx.gnp_random_graph(300, 0.03, seed=7)
    G = _ig(nxg)
    exact = health(G, seed=1)
    assert exact["betweenness_sources"] == 300
    s1 = health(G, seed=1, betweenness_k=60, threads=1)
    s2 = health(G, seed=1, betweenness_k=60, threads=2)
    assert s1["betweenness_sources"] == 60
    assert s1.as_dict() == pytest.approx(s2.as_dict(), nan_ok=True)
    assert s1["betweenness_gini"] == pytest.approx(exact["betweenness_gini"], abs=0.1)
    assert health(G, seed=1, betweenness_k=10_000)["betweenness_gini"] == exact["betweenness_gini"]


def test_threads_equal_on_directed():
    G = _ig(nx.gnp_random_graph(80, 0.05, seed=9, directed=True))
    a = health(G, attribute=np.arange(80) % 4, seed=4, threads=1)
    b = health(G, attribute=np.arange(80) % 4, seed=4, threads=2)
    assert a.as_dict() == pytest.approx(b.as_dict(), nan_ok=True)
    assert a.directed


def test_many_categories_and_labelled_mapping():
    # one category per node: every tie is external, assortativity from networkx without a k x k matrix
    nxg = nx.gnp_random_graph(400, 0.02, seed=11)
    G = _ig(nxg)
    r = health(G, attribute=np.arange(400), seed=1)
    assert r["ei_index"] == 1.0
    H = nxg.copy()
    nx.set_node_attributes(H, {u: u for u in H}, "c")
    assert r["attribute_assortativity"] == pytest.approx(nx.attribute_assortativity_coefficient(H, "c"), abs=1e-12)
    # florentine families by labels; a float attribute array (codes via a dict)
    F = nx.florentine_families_graph()
    GF = _ig(F)
    cat = {u: float(len(u) % 2) for u in F}
    nx.set_node_attributes(F, cat, "c")
    rf = health(GF, attribute=cat, seed=1)
    ra = health(GF, attribute=np.array([cat[u] for u in GF.labels]), seed=1)
    assert rf["attribute_assortativity"] == pytest.approx(nx.attribute_assortativity_coefficient(F, "c"))
    assert ra["attribute_assortativity"] == rf["attribute_assortativity"]
    assert ra["ei_index"] == rf["ei_index"] == pytest.approx(ref_ei(F, cat))


def test_weights_negative_raise_zero_gives_nan():
    neg = ig.Graph.from_edges([0, 1, 2], [1, 2, 0], [1.0, -2.0, 1.0])
    with pytest.raises(InvalidGraphError, match="non-negative"):
        health(neg, weight="weight", communities=[0, 0, 1], seed=1)
    # weight=None ignores the weights
    assert health(neg, communities=[0, 0, 1], seed=1)["modularity"] == pytest.approx(
        nx.community.modularity(nx.cycle_graph(3), [{0, 1}, {2}])
    )
    zero = ig.Graph.from_edges([0, 1, 2], [1, 2, 0], [0.0, 0.0, 0.0])
    assert math.isnan(health(zero, weight="weight", communities=[0, 0, 1], seed=1)["modularity"])
