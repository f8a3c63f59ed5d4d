"""Modularity and label propagation with networkx (and LDBC Graphalytics) as the oracle."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import impactgraph as ig
from impactgraph.community import Partition, modularity
from impactgraph.testing import random_networkx_graphs

ATOL = 1e-12


def membership_of(H, communities):
    """{node: community index} as an int array in H's node order."""
    where = {u: i for i, c in enumerate(communities) for u in c}
    return np.array([where[u] for u in H], dtype=np.int64)


def sets_of(H, membership):
    """networkx-style list of sets of node labels from ids per node (H's node order)."""
    nodes = list(H)
    out: dict[int, set] = {}
    for i, c in enumerate(np.asarray(membership).tolist()):
        out.setdefault(c, set()).add(nodes[i])
    return list(out.values())


def corpus_with_loops():
    """A few extra graphs: self-loops with weights, isolates, a directed graph with loops."""
    A = nx.Graph()
    A.add_nodes_from(range(9))
    A.add_weighted_edges_from([(0, 0, 2.5), (0, 1, 1.0), (1, 2, 3.0), (2, 0, 0.5), (3, 3, 1.0), (3, 4, 2.0), (5, 6, 1.0), (6, 6, 4.0)])
    D = nx.DiGraph()
    D.add_nodes_from(range(7))
    D.add_weighted_edges_from([(0, 0, 2.0), (0, 1, 1.0), (1, 0, 3.0), (1, 2, 1.5), (2, 2, 1.0), (3, 4, 1.0), (4, 3, 2.0), (4, 4, 0.5)])
    return {"loops_weighted": A, "directed_loops": D}


def partitions_for(H, seed=0):
    """networkx's Louvain partition, random partitions, singletons and one community."""
    rng = np.random.default_rng(seed)
    nodes = list(H)
    out = {
        "singletons": [{u} for u in nodes],
        "one": [set(nodes)],
    }
    for k in (2, 5):
        lab = rng.integers(0, k, size=len(nodes))
        out[f"random{k}"] = sets_of(H, lab)
    out["louvain"] = nx.community.louvain_communities(H, seed=seed)
    return out


def all_cases():
    from impactgraph.testing import corpus

    graphs = dict(corpus())
    graphs.update(corpus_with_loops())
    for name, H in sorted(graphs.items()):
        if H.number_of_edges() == 0:
            continue
        yield name, H


CASES = list(all_cases())


@pytest.mark.parametrize("name,H", CASES, ids=[c[0] for c in CASES])
def test_modularity_matches_networkx(name, H):
    G = ig.Graph.from_networkx(H)
    for pname, comms in partitions_for(H).items():
        for weight in ("weight", None):
            for gamma in (1.0, 0.5, 1.7):
                want = nx.community.modularity(H, comms, weight=weight, resolution=gamma)
                got = modularity(G, comms, weight=weight, resolution=gamma)
                assert got == pytest.approx(want, abs=ATOL), (name, pname, weight, gamma)
                # the same partition as an id array and as a Partition
                memb = membership_of(H, comms)
                assert modularity(G, memb, weight=weight, resolution=gamma) == got
                p = Partition(G, memb, resolution=gamma, weighted=weight is not None)
                assert p.modularity == got


def test_modularity_by_hand():
    #  0---1      3---4
    #   \ /        \ /
    #    2 -------- 5     m = 7: Q = 2 (3/7 - (7/14)^2) = 5/14; gamma = 0.5: 6/7 - 1/4
    G = ig.Graph.from_edges([0, 0, 1, 3, 3, 4, 2], [1, 2, 2, 4, 5, 5, 5])
    assert modularity(G, [0, 0, 0, 1, 1, 1]) == pytest.approx(5 / 14, abs=1e-15)
    assert modularity(G, [7, 7, 7, 2, 2, 2], resolution=0.5) == pytest.approx(6 / 7 - 1 / 4, abs=1e-15)
    # one community: 1 - gamma; singletons: -sum (d_i / 2m)^2 = -(4*4 + 2*9) / 196
    assert modularity(G, [0] * 6) == pytest.approx(0.0, abs=1e-15)
    assert modularity(G, list(range(6))) == pytest.approx(-34 / 196, abs=1e-15)
    # a self-loop of weight 2 beside an edge of weight 1: deg(0) = 1 + 2 * 2, m = 3
    L = ig.Graph.from_edges([0, 0], [0, 1], [2.0, 1.0])
    assert modularity(L, [0, 1]) == pytest.approx(2 / 3 - (25 + 1) / 36, abs=1e-15)


def test_modularity_real_data_and_threads(data_dir):
    import gzip

    with gzip.open(data_dir / "snap_ca_grqc" / "ca-GrQc.txt.gz", "rt") as f:
        H = nx.read_edgelist((ln for ln in f if not ln.startswith("#")), nodetype=int)
    G = ig.Graph.from_networkx(H)
    comms = nx.community.louvain_communities(H, seed=1)
    want = nx.community.modularity(H, comms)
    memb = membership_of(H, comms)
    q1 = modularity(G, memb, threads=1)
    q2 = modularity(G, memb, threads=2)
    assert q1 == pytest.approx(want, abs=ATOL)
    assert np.float64(q1).tobytes() == np.float64(q2).tobytes()


@settings(max_examples=150, deadline=None)
@given(H=random_networkx_graphs(max_nodes=25), k=st.integers(1, 6), seed=st.integers(0, 2**31), gamma=st.floats(0.0, 3.0))
def test_modularity_hypothesis(H, k, seed, gamma):
    G = ig.Graph.from_networkx(H)
    lab = np.random.default_rng(seed).integers(0, k, size=len(H))
    comms = sets_of(H, lab)
    if H.number_of_edges() == 0:
        with pytest.raises(ig.InvalidGraphError, match="without edges"):
            modularity(G, lab)
        return
    for weight in ("weight", None):
        want = nx.community.modularity(H, comms, weight=weight, resolution=gamma)
        got1 = modularity(G, lab, weight=weight, resolution=gamma, threads=1)
        got2 = modularity(G, comms, weight=weight, resolution=gamma, threads=2)
        assert got1 == pytest.approx(want, abs=ATOL)
        assert got1 == got2


def test_modularity_threads_bit_identical_large():
    from impactgraph.generators import sbm

    G, blocks = sbm([3000] * 10, 0.01, 0.0005, seed=3)
    qs = {modularity(G, blocks, threads=t) for t in (1, 2, 3)}
    assert len(qs) == 1


def test_modularity_errors():
    H = nx.path_graph(["a", "b", "c", "d"])
    G = ig.Graph.from_networkx(H)
    with pytest.raises(ig.InvalidParameterError, match="not a partition.*'d' is in no community"):
        modularity(G, [{"a", "b"}, {"c"}])
    with pytest.raises(ig.InvalidParameterError, match="not a partition.*'b' is in more than one"):
        modularity(G, [{"a", "b"}, {"b", "c", "d"}])
    with pytest.raises(ig.InvalidParameterError, match="not a partition.*'zz' is not in the graph"):
        modularity(G, [{"a", "b"}, {"c", "d", "zz"}])
    with pytest.raises(ig.InvalidParameterError, match="not a partition.*repeated"):
        modularity(G, [["a", "a", "b"], ["c", "d"]])
    with pytest.raises(ig.InvalidParameterError, match=r"one community id per node \(4\)"):
        modularity(G, np.array([0, 1, 1]))
    with pytest.raises(ig.InvalidParameterError, match="non-negative"):
        modularity(G, np.array([0, 1, -1, 2]))
    with pytest.raises(TypeError, match="integer community ids"):
        modularity(G, np.array([0.0, 1.0, 1.0, 2.0]))
    with pytest.raises(TypeError, match="iterable of sets"):
        modularity(G, 3)
    with pytest.raises(TypeError, match="must be a set"):
        modularity(G, [{"a"}, "bcd"])
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        modularity(H, [{"a", "b", "c", "d"}])
    with pytest.raises(TypeError, match="resolution"):
        modularity(G, [0, 0, 1, 1], resolution="high")
    with pytest.raises(ig.InvalidParameterError, match="resolution.*finite"):
        modularity(G, [0, 0, 1, 1], resolution=float("inf"))
    with pytest.raises(ig.InvalidParameterError, match="threads"):
        modularity(G, [0, 0, 1, 1], threads=0)
    other = Partition(ig.Graph.from_edges([0], [1]), [0, 1])
    with pytest.raises(ig.InvalidParameterError, match="partition has 2 nodes, the graph 4"):
        modularity(G, other)
    # no edges: networkx divides by zero
    E = ig.Graph.from_edges(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), num_nodes=3)
    with pytest.raises(ig.InvalidGraphError, match="without edges"):
        modularity(E, [0, 1, 2])
    with pytest.raises(ZeroDivisionError):
        nx.community.modularity(nx.empty_graph(3), [{0}, {1}, {2}])
    with pytest.raises(ig.InvalidGraphError, match="without edges"):
        modularity(ig.Graph.from_networkx(nx.Graph()), [])
    # negative or zero-total weights
    N = ig.Graph.from_edges([0, 1], [1, 2], [1.0, -2.0])
    with pytest.raises(ig.InvalidGraphError, match=r"edge \(1, 2\) has weight -2.*non-negative"):
        modularity(N, [0, 0, 1])
    assert modularity(N, [0, 0, 1], weight=None) == pytest.approx(
        nx.community.modularity(nx.path_graph(3), [{0, 1}, {2}], weight=None), abs=ATOL
    )
    Z = ig.Graph.from_edges([0], [1], [0.0])
    with pytest.raises(ig.InvalidGraphError, match="without edges"):
        modularity(Z, [0, 1])
    with pytest.raises(TypeError, match="weight"):
        modularity(G, [0, 0, 1, 1], weight=lambda u, v, d: 1)
