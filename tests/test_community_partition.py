"""Partition (canonical ids, communities, levels) and normalized_mutual_info against independent
oracles: a brute-force entropy formula over label pairs and igraph's compare_communities."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import impactgraph as ig
from impactgraph.community import Partition, normalized_mutual_info
from impactgraph.errors import InvalidParameterError


def nmi_bruteforce(a, b) -> float:
    """2 I(a;b) / (H(a) + H(b)) from counts of label pairs, in plain Python."""
    n = len(a)
    ca, cb, cab = Counter(a), Counter(b), Counter(zip(a, b))
    ha = -sum(c / n * math.log(c / n) for c in ca.values())
    hb = -sum(c / n * math.log(c / n) for c in cb.values())
    if len(ca) == 1 and len(cb) == 1:
        return 1.0
    mi = sum(c / n * math.log((c / n) / (ca[x] / n * cb[y] / n)) for (x, y), c in cab.items())
    return 2 * mi / (ha + hb)


labels = st.lists(st.integers(0, 6), min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_nmi_matches_bruteforce(data):
    a = data.draw(labels)
    b = data.draw(st.lists(st.integers(0, 6), min_size=len(a), max_size=len(a)))
    assert normalized_mutual_info(a, b) == pytest.approx(nmi_bruteforce(a, b), abs=1e-12)
    assert normalized_mutual_info(a, b) == pytest.approx(normalized_mutual_info(b, a), abs=1e-15)


def test_nmi_matches_igraph():
    igraph = pytest.importorskip("igraph")
    rng = np.random.default_rng(3)
    for _ in range(20):
        a = rng.integers(0, 5, 200)
        b = np.where(rng.random(200) < 0.6, a, rng.integers(0, 7, 200))
        want = igraph.compare_communities(a.tolist(), b.tolist(), method="nmi")
        assert normalized_mutual_info(a, b) == pytest.approx(want, abs=1e-12)


def test_nmi_edge_cases_and_errors():
    assert normalized_mutual_info([3, 3, 3], [1, 1, 1]) == 1.0
    assert normalized_mutual_info([], []) == 1.0
    assert normalized_mutual_info([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0
    with pytest.raises(InvalidParameterError, match="lengths differ"):
        normalized_mutual_info([0, 1], [0, 1, 2])
    with pytest.raises(TypeError, match="integer community ids"):
        normalized_mutual_info([0.5, 1.0], [0, 1])


def test_partition_canonical_and_communities():
    import networkx as nx

    G = ig.Graph.from_networkx(nx.path_graph(["a", "b", "c", "d", "e"]))
    p = Partition(G, np.array([4, 4, 1, 4, 1]))
    assert p.membership.tolist() == [0, 0, 1, 0, 1]
    assert p.membership.dtype == np.int32
    assert not p.membership.flags.writeable
    labels = list(G.labels)
    want = [{labels[i] for i in (0, 1, 3)}, {labels[i] for i in (2, 4)}]
    assert p.communities == want
    assert list(p) == want
    assert len(p) == 2 and p.num_communities == 2
    assert p.sizes.tolist() == [3, 2]
    assert p.to_dict() == {labels[i]: c for i, c in enumerate([0, 0, 1, 0, 1])}
    assert len(p.levels) == 1 and p.levels[0].tolist() == [0, 0, 1, 0, 1]
    assert "2 communities of 5 nodes" in repr(p)


def test_partition_levels_and_empty():
    G = ig.Graph.from_edges([0, 1, 2], [1, 2, 3])
    p = Partition(G, [1, 1, 0, 0], levels=[[3, 2, 1, 0], [1, 1, 0, 0]])
    assert [lv.tolist() for lv in p.levels] == [[0, 1, 2, 3], [0, 0, 1, 1]]
    E = ig.Graph.from_edges(np.zeros(0, np.int64), np.zeros(0, np.int64), num_nodes=0)
    e = Partition(E, np.zeros(0, np.int64))
    assert len(e) == 0 and e.communities == []


def test_partition_errors():
    G = ig.Graph.from_edges([0, 1], [1, 2])
    with pytest.raises(InvalidParameterError, match="one community id per node"):
        Partition(G, [0, 1])
    with pytest.raises(TypeError, match="integer array"):
        Partition(G, [0.0, 1.0, 2.0])
    with pytest.raises(InvalidParameterError, match="non-negative"):
        Partition(G, [0, -1, 2])
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        Partition("not a graph", [0, 1, 2])


def test_nmi_does_not_depend_on_the_id_values():
    """Small non-negative ids are counted directly, others are ranked first: same value."""
    rng = np.random.default_rng(5)
    a = rng.integers(0, 9, 500)
    b = np.where(rng.random(500) < 0.5, a, rng.integers(0, 4, 500))
    want = nmi_bruteforce(a.tolist(), b.tolist())
    assert normalized_mutual_info(a, b) == pytest.approx(want, abs=1e-12)
    assert normalized_mutual_info(a * 1_000_003 - 7, b + 10**12) == pytest.approx(want, abs=1e-12)
    many = np.arange(500)  # a contingency table too large to count densely
    assert normalized_mutual_info(many, many[::-1].copy()) == pytest.approx(1.0, abs=1e-12)
    assert normalized_mutual_info(many, b) == pytest.approx(nmi_bruteforce(many.tolist(), b.tolist()), abs=1e-12)
