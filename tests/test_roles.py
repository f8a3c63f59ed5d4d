"""Weaver roles: participation coefficient and within-module degree z-score (Guimerà & Amaral
2005) against a straightforward Python reference of the published formulas, role thresholds at
their boundaries, brokers by Burt constraint, threads and errors."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import impactgraph as ig
from impactgraph.roles import _classify
from impactgraph.testing import random_networkx_graphs


def reference(H, membership, weight=None):
    """(P, z) by the published formulas, from the networkx graph: undirected self-loops count 2,
    directed graphs count out- plus in-ties (a self-loop twice)."""
    nodes = list(H)
    m = dict(zip(nodes, membership))
    per = {v: {} for v in nodes}

    def add(u, v, w):
        per[u][m[v]] = per[u].get(m[v], 0.0) + w

    for u, v, d in H.edges(data=True):
        w = d.get(weight, 1.0) if weight else 1.0
        if H.is_directed():
            add(u, v, w)
            add(v, u, w)
        elif u == v:
            add(u, u, 2 * w)
        else:
            add(u, v, w)
            add(v, u, w)
    k = {v: sum(per[v].values()) for v in nodes}
    kappa = {v: per[v].get(m[v], 0.0) for v in nodes}
    P = [0.0 if k[v] == 0 else 1 - sum((x / k[v]) ** 2 for x in per[v].values()) for v in nodes]
    z = []
    for v in nodes:
        ks = [kappa[u] for u in nodes if m[u] == m[v]]
        mean = sum(ks) / len(ks)
        std = math.sqrt(sum((x - mean) ** 2 for x in ks) / len(ks))
        z.append(0.0 if std == 0 else (kappa[v] - mean) / std)
    return np.array(P), np.array(z)


def check(H, membership, weight=None):
    G = ig.Graph.from_networkx(H)
    P, z = reference(H, membership, weight)
    got_p = ig.roles.participation_coefficient(G, np.asarray(membership, dtype=np.int64), weight=weight)
    got_z = ig.roles.within_module_degree(G, np.asarray(membership, dtype=np.int64), weight=weight)
    assert got_p.dtype == np.float64 and got_z.dtype == np.float64
    np.testing.assert_allclose(got_p, P, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got_z, z, rtol=1e-9, atol=1e-9)


@pytest.mark.hypothesis
@settings(max_examples=60, deadline=None)
@given(data=st.data(), H=random_networkx_graphs(max_nodes=25))
def test_matches_reference_on_random_graphs(data, H):
    n = len(H)
    k = data.draw(st.integers(1, 6))
    membership = data.draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n))
    check(H, membership)
    check(H, membership, weight="weight")


def karate_clubs():
    H = nx.karate_club_graph()
    return H, [0 if H.nodes[v]["club"] == "Mr. Hi" else 1 for v in H]


def test_karate_two_clubs_by_hand():
    H, clubs = karate_clubs()
    check(H, clubs)
    check(H, clubs, weight="weight")
    G = ig.Graph.from_networkx(H)
    P = ig.roles.participation_coefficient(G, clubs)
    # node 0: 16 ties, 15 to Mr. Hi's club and 1 (to 31) to the Officer's
    assert P[0] == pytest.approx(1 - (15 / 16) ** 2 - (1 / 16) ** 2, abs=1e-15)  # 30/256
    # node 2: 10 ties, 6 inside and 4 (9, 27, 28, 32) outside; node 8: 2 inside, 3 outside
    assert P[2] == pytest.approx(0.48, abs=1e-15)
    assert P[8] == pytest.approx(0.48, abs=1e-15)
    # node 33 (the Officer): 17 ties, 3 (8, 13, 19) to Mr. Hi's club
    assert P[33] == pytest.approx(84 / 289, abs=1e-15)
    # z of node 0 against the within-club degrees of Mr. Hi's 17 members
    kappa = [sum(clubs[u] == 0 for u in H[v]) for v in H if clubs[v] == 0]
    z0 = (15 - np.mean(kappa)) / np.std(kappa)
    assert ig.roles.within_module_degree(G, clubs)[0] == pytest.approx(z0, rel=1e-12)
    # a Partition and sets of labels give the same values as the array
    part = ig.community.Partition(G, clubs)
    sets = [{v for v in H if clubs[v] == c} for c in (0, 1)]
    assert np.array_equal(ig.roles.participation_coefficient(G, part), P)
    assert np.array_equal(ig.roles.participation_coefficient(G, sets), P)
    r = ig.roles.weaver_roles(G, clubs)
    assert r.role[0] == 5 and r.role_name[0] == "provincial hub"  # z0 > 2.5, P0 < 0.30
    assert r.role[33] == 5


def star(groups, own=0):
    """Node 0 tied to groups[c] leaves in community c (node 0 in community ``own``)."""
    src, dst, membership = [], [], [own]
    nxt = 1
    for c, count in enumerate(groups):
        for _ in range(count):
            src.append(0)
            dst.append(nxt)
            membership.append(c)
            nxt += 1
    return ig.Graph.from_edges(src, dst), membership


@pytest.mark.parametrize(
    "groups,p,role",
    [
        ([5, 3, 2], 0.62, 2),  # exactly 0.62: still peripheral
        ([5, 3, 1, 1], 0.64, 3),  # just above: connector
        ([2, 2, 2, 2, 2], 0.80, 3),  # exactly 0.80: still connector
        ([2, 2, 2, 2, 1, 1], 0.82, 4),  # above: kinless
        ([4], 0.0, 1),
    ],
)
def test_participation_thresholds_on_graphs(groups, p, role):
    G, membership = star(groups)
    r = ig.roles.weaver_roles(G, membership)
    assert r.participation[0] == pytest.approx(p, abs=1e-12)
    assert r.z[0] < 2.5
    assert r.role[0] == role


def hub_community(leaves):
    """K4 of hubs, each tied to every leaf: within-degree 3 + leaves for hubs, 4 for leaves, so
    the hubs' z is sqrt(leaves / 4) (25 leaves: exactly 2.5)."""
    src, dst = [], []
    for a in range(4):
        for b in range(a + 1, 4):
            src.append(a)
            dst.append(b)
        for leaf in range(4, 4 + leaves):
            src.append(a)
            dst.append(leaf)
    return ig.Graph.from_edges(src, dst)


@pytest.mark.parametrize("leaves,hub", [(25, True), (24, False)])
def test_hub_threshold_on_graphs(leaves, hub):
    G = hub_community(leaves)
    r = ig.roles.weaver_roles(G, np.zeros(G.num_nodes, dtype=np.int64))
    assert r.z[0] == pytest.approx(math.sqrt(leaves / 4), rel=1e-12)
    assert r.role[:4].tolist() == [5 if hub else 1] * 4
    assert set(r.role[4:].tolist()) == {1}
    assert r.counts["provincial hub"] == (4 if hub else 0)


def test_classify_at_every_boundary():
    up = lambda x: np.nextafter(x, 2.0)  # noqa: E731
    z_non, z_hub = np.nextafter(2.5, 0.0), 2.5
    p = [0.0, 0.05, up(0.05 + 1e-11), 0.62, up(0.62 + 1e-11), 0.80, up(0.80 + 1e-11), 0.99]
    assert _classify(np.full(len(p), z_non - 1e-9), np.array(p)).tolist() == [1, 1, 2, 2, 3, 3, 4, 4]
    p = [0.0, 0.30, 0.30 + 1e-11, 0.75, 0.75 + 1e-11, 0.99]
    assert _classify(np.full(len(p), z_hub), np.array(p)).tolist() == [5, 5, 6, 6, 7, 7]
    assert _classify(np.array([2.4999999]), np.array([0.0])).tolist() == [1]


def test_result_table_and_brokers():
    H, clubs = karate_clubs()
    G = ig.Graph.from_networkx(H)
    r = ig.roles.weaver_roles(G, clubs, broker_quantile=0.8)
    c = np.array([nx.constraint(H)[v] for v in H])
    np.testing.assert_allclose(r.constraint, c, rtol=1e-9)
    deg = np.array([H.degree(v) for v in H])
    cut = np.quantile(c[deg >= 2], 0.2)
    assert np.array_equal(r.broker, (deg >= 2) & (c <= cut))
    assert r.broker[0] and r.broker[33] and not r.broker[11]  # the two leaders broker; 11 is a leaf
    assert sum(r.counts.values()) == 34 and list(r.counts) == list(ig.roles.ROLE_NAMES.values())
    df = r.to_pandas()
    assert list(df.index) == list(H) and df.loc[33, "role_name"] == "provincial hub"
    d = r.as_dict()
    assert all(type(key) is int for key in d)
    assert d[0]["role"] == 5 and d[0]["broker"] is True and d[0]["community"] == 0
    with pytest.raises(dataclasses_frozen_error()):
        r.role = r.role  # type: ignore[misc]
    with pytest.raises(ValueError):
        r.z[0] = 1.0
    # broker_quantile=1: only the least constrained node; 0: every node with two ties or more
    assert np.flatnonzero(ig.roles.weaver_roles(G, clubs, broker_quantile=1.0).broker).tolist() == [int(np.argmin(c))]
    assert np.array_equal(ig.roles.weaver_roles(G, clubs, broker_quantile=0.0).broker, deg >= 2)


def dataclasses_frozen_error():
    import dataclasses

    return dataclasses.FrozenInstanceError


def test_default_communities_are_leiden():
    H, _ = karate_clubs()
    G = ig.Graph.from_networkx(H)
    r = ig.roles.weaver_roles(G, seed=3)
    p = ig.community.leiden_communities(G, weight=None, seed=3)
    assert np.array_equal(r.membership, p.membership)
    assert np.array_equal(r.participation, ig.roles.participation_coefficient(G, p))


def test_directed_and_self_loops_by_hand():
    # 0 -> 1, 2 -> 0, 0 -> 0; community {0, 1} and {2}: k_0 = 1 + 1 + 2 (loop out and in) = 4
    G = ig.Graph.from_edges([0, 2, 0], [1, 0, 0], directed=True)
    assert ig.roles.participation_coefficient(G, [0, 0, 1])[0] == pytest.approx(1 - (3 / 4) ** 2 - (1 / 4) ** 2)
    # undirected: 0 - 1, loop on 0 counts 2: kappa = (3, 1), z = (1, -1)
    U = ig.Graph.from_edges([0, 0], [1, 0])
    assert ig.roles.within_module_degree(U, [0, 0]).tolist() == [1.0, -1.0]


def test_threads_give_identical_bits():
    G = ig.generators.rmat(11, seed=2)
    m = np.arange(G.num_nodes) % 17
    for f in (ig.roles.participation_coefficient, ig.roles.within_module_degree):
        a, b = f(G, m, threads=1), f(G, m, threads=2)
        assert a.tobytes() == b.tobytes()
    r1 = ig.roles.weaver_roles(G, m, threads=1)
    r2 = ig.roles.weaver_roles(G, m, threads=2)
    assert np.array_equal(r1.role, r2.role) and np.array_equal(r1.broker, r2.broker)


def test_errors():
    G = ig.Graph.from_edges([0, 1], [1, 2])
    with pytest.raises(ig.InvalidParameterError, match="one community id per node"):
        ig.roles.participation_coefficient(G, [0, 1])
    with pytest.raises(ig.InvalidParameterError, match="non-negative"):
        ig.roles.within_module_degree(G, np.array([0, -1, 0]))
    with pytest.raises(TypeError, match="integer community ids"):
        ig.roles.participation_coefficient(G, np.array([0.0, 1.0, 0.0]))
    with pytest.raises(TypeError, match="not a mapping"):
        ig.roles.weaver_roles(G, {0: 0, 1: 0, 2: 1})
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        ig.roles.weaver_roles(nx.path_graph(3), [0, 0, 0])
    with pytest.raises(ig.InvalidParameterError, match="not a partition"):
        ig.roles.participation_coefficient(G, [{0, 1}, {1, 2}])
    with pytest.raises(TypeError, match="weight"):
        ig.roles.participation_coefficient(G, [0, 0, 0], weight=lambda u, v, d: 1)
    with pytest.raises(ig.InvalidParameterError, match="broker_quantile"):
        ig.roles.weaver_roles(G, [0, 0, 0], broker_quantile=1.5)
    with pytest.raises(TypeError, match="broker_quantile"):
        ig.roles.weaver_roles(G, [0, 0, 0], broker_quantile="high")
    with pytest.raises(ig.InvalidParameterError, match="threads"):
        ig.roles.weaver_roles(G, [0, 0, 0], threads=0)
    with pytest.raises(TypeError, match="seed"):
        ig.roles.weaver_roles(G, seed=1.5)
    W = ig.Graph.from_edges([0, 1], [1, 2], [1.0, -2.0])
    with pytest.raises(ig.InvalidGraphError, match="non-negative weights"):
        ig.roles.participation_coefficient(W, [0, 0, 1], weight="weight")
    assert ig.roles.participation_coefficient(W, [0, 0, 1]).tolist() == [0.0, 0.5, 0.0]


def test_sparse_labels_isolates_and_null_graph():
    G = ig.Graph.from_edges([0, 1], [1, 2])
    # any non-negative ids, however large: node 1 has one tie into each community
    assert ig.roles.participation_coefficient(G, [2**31 + 5, 7, 7]).tolist() == [0.0, 0.5, 0.0]
    none = np.array([], dtype=np.int64)
    S = ig.Graph.from_edges(none, none, num_nodes=2)
    r = ig.roles.weaver_roles(S, [0, 0])
    assert r.role.tolist() == [1, 1] and not r.broker.any() and np.isnan(r.constraint).all()
    E = ig.Graph.from_edges(none, none, num_nodes=0)
    assert ig.roles.participation_coefficient(E, none).shape == (0,)
    with pytest.raises(ig.InvalidGraphError, match="no nodes"):
        ig.roles.weaver_roles(E, none)
