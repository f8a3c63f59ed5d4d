"""impactgraph.bipartite against networkx's projections (the oracle)."""

from __future__ import annotations

import csv
import gzip
import io

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from networkx.algorithms import bipartite as nxb

import impactgraph as ig
from impactgraph.errors import InvalidParameterError, NodeNotFoundError

NX_FUNC = {
    "count": (nxb.weighted_projected_graph, {}),
    "ratio": (nxb.weighted_projected_graph, {"ratio": True}),
    "newman": (nxb.collaboration_weighted_projected_graph, {}),
    "jaccard": (nxb.overlap_weighted_projected_graph, {}),
    "overlap": (nxb.overlap_weighted_projected_graph, {"jaccard": False}),
}
EXACT = {"count", "ratio", "jaccard", "overlap"}  # one correctly rounded division; Newman sums


def nx_ties(B: nx.Graph, nodes: list, weighting: str | None) -> dict:
    """networkx's projection as {(u, v): weight} (undirected ties as frozensets)."""
    if weighting is None:
        P = nxb.projected_graph(B, nodes)
        data = ((u, v, 1.0) for u, v in P.edges())
    else:
        f, kw = NX_FUNC[weighting]
        P = f(B, nodes, **kw)
        data = P.edges(data="weight")
    key = (lambda u, v: (u, v)) if B.is_directed() else (lambda u, v: frozenset((u, v)))
    inside = set(nodes)  # networkx also ties to other nodes reached in two steps (not bipartite)
    return {key(u, v): float(w) for u, v, w in data if u in inside and v in inside}


def ig_ties(P: ig.Graph) -> dict:
    src, dst, w = P.edges()
    labels = list(P.labels) if isinstance(P.labels, list) else P.labels.tolist()
    w = np.ones(src.size) if w is None else w
    key = (lambda u, v: (u, v)) if P.directed else (lambda u, v: frozenset((u, v)))
    return {key(labels[u], labels[v]): float(x) for u, v, x in zip(src.tolist(), dst.tolist(), w.tolist())}


def assert_same(got: dict, want: dict, exact: bool) -> None:
    assert set(got) == set(want)
    for k, w in want.items():
        if exact:
            assert got[k] == w, k
        else:
            assert got[k] == pytest.approx(w, rel=1e-12, abs=1e-15), k


def davis() -> tuple[nx.Graph, list, list]:
    B = nx.davis_southern_women_graph()
    women = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    events = [n for n, d in B.nodes(data=True) if d["bipartite"] == 1]
    return B, women, events


def revere(data_dir) -> tuple[nx.Graph, list, list]:
    with gzip.open(data_dir / "paul_revere_affiliation" / "PaulRevereAppD.csv.gz", "rt") as fh:
        rows = list(csv.reader(io.StringIO(fh.read())))
    orgs = rows[0][1:]
    B = nx.Graph()
    people = [r[0] for r in rows[1:]]
    B.add_nodes_from(people, bipartite=0)
    B.add_nodes_from(orgs, bipartite=1)
    for r in rows[1:]:
        B.add_edges_from((r[0], o) for o, x in zip(orgs, r[1:]) if x.strip() == "1")
    return B, people, orgs


@pytest.mark.parametrize("weighting", [None, *NX_FUNC])
def test_davis_both_sides(weighting):
    B, women, events = davis()
    G = ig.Graph.from_networkx(B, weight=None)
    for side in (women, events):
        P = ig.bipartite.projected_graph(G, side, weighting=weighting)
        assert P.labels == side and P.num_nodes == len(side)
        assert P.weighted is (weighting is not None)
        assert_same(ig_ties(P), nx_ties(B, side, weighting), weighting in EXACT or weighting is None)


def test_davis_published_counts():
    # Davis et al.: Evelyn and Laura attended 6 events together, Evelyn and Theresa 7
    B, women, _ = davis()
    P = ig.bipartite.projected_graph(ig.Graph.from_networkx(B, weight=None), women, weighting="count")
    t = ig_ties(P)
    assert t[frozenset(("Evelyn Jefferson", "Laura Mandeville"))] == 6.0
    assert t[frozenset(("Evelyn Jefferson", "Theresa Anderson"))] == 7.0


@pytest.mark.parametrize("weighting", ["count", "newman", "jaccard"])
def test_paul_revere(data_dir, weighting):
    B, people, orgs = revere(data_dir)
    assert (len(people), len(orgs), B.number_of_edges()) == (254, 7, 319)
    G = ig.Graph.from_networkx(B, weight=None)
    P = ig.bipartite.projected_graph(G, people, weighting=weighting)
    assert_same(ig_ties(P), nx_ties(B, people, weighting), weighting != "newman")


def _random_bipartite(n1: int, n2: int, p: float, seed: int, directed: bool) -> tuple[nx.Graph, list]:
    B = nx.bipartite.random_graph(n1, n2, p, seed=seed, directed=directed)
    return B, list(range(n1))


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighting", [None, *NX_FUNC])
def test_random_bipartite(weighting, directed):
    B, top = _random_bipartite(40, 25, 0.15, 7, directed)
    G = ig.Graph.from_networkx(B, weight=None)
    P = ig.bipartite.projected_graph(G, top, weighting=weighting, threads=2)
    assert P.directed is directed
    assert_same(ig_ties(P), nx_ties(B, top, weighting), weighting != "newman")


@pytest.mark.hypothesis
@settings(max_examples=40, deadline=None)
@given(
    n1=st.integers(1, 12),
    n2=st.integers(1, 12),
    p=st.floats(0.05, 0.95),
    seed=st.integers(0, 2**16),
    directed=st.booleans(),
    weighting=st.sampled_from([None, *NX_FUNC]),
    shuffle=st.booleans(),
)
def test_hypothesis_random_bipartite(n1, n2, p, seed, directed, weighting, shuffle):
    B, top = _random_bipartite(n1, n2, p, seed, directed)
    if shuffle:
        top = top[::-1]
    G = ig.Graph.from_networkx(B, weight=None)
    P = ig.bipartite.projected_graph(G, top, weighting=weighting)
    assert_same(ig_ties(P), nx_ties(B, top, weighting), weighting != "newman")
    # the same ties from the edge arrays, and one row per shared neighbour
    src, dst, _ = ig.bipartite.projection_ties(G, top, weighting="count")
    s2, d2, via = ig.bipartite.shared_neighbors(G, top)
    pairs, counts = np.unique(np.stack([s2, d2]), axis=1, return_counts=True)
    w = ig.bipartite.projection_ties(G, top, weighting="count")[2]
    order = np.lexsort((dst, src))
    assert np.array_equal(pairs, np.stack([src[order], dst[order]]))
    assert np.array_equal(counts, w[order].astype(np.int64))


def test_threads_same_bits():
    B, top = _random_bipartite(300, 200, 0.05, 3, False)
    G = ig.Graph.from_networkx(B, weight=None)
    a = ig.bipartite.projection_ties(G, top, weighting="newman", threads=1)
    b = ig.bipartite.projection_ties(G, top, weighting="newman", threads=3)
    for x, y in zip(a, b):
        assert x.tobytes() == y.tobytes()


def test_min_weight_and_mask():
    B, women, _ = davis()
    G = ig.Graph.from_networkx(B, weight=None)
    want = {k: w for k, w in nx_ties(B, women, "count").items() if w >= 4}
    P = ig.bipartite.projected_graph(G, women, weighting="count", min_weight=4)
    assert_same(ig_ties(P), want, True)
    # a boolean mask selects the same nodes (in id order)
    mask = np.array([d["bipartite"] == 0 for _, d in B.nodes(data=True)])
    Q = ig.bipartite.projected_graph(G, mask, weighting="count", min_weight=4)
    assert ig_ties(Q) == ig_ties(P)
    # unweighted with a threshold: pairs with at least 4 shared events
    U = ig.bipartite.projected_graph(G, women, min_weight=4)
    assert set(ig_ties(U)) == set(want) and not U.weighted


def test_unlabelled_graph_keeps_ids_as_labels():
    G = ig.Graph.from_edges([0, 1, 1, 2], [3, 3, 4, 4])
    P = ig.bipartite.projected_graph(G, [2, 0, 1])
    assert P.labels.tolist() == [2, 0, 1]
    assert ig_ties(P) == {frozenset((0, 1)): 1.0, frozenset((1, 2)): 1.0}


def test_within_false_reaches_other_side():
    # a path 0-1-2-3 is not split into the two sides [0, 1] / [2, 3]: networkx ties 0-2, 1-3
    G = ig.Graph.from_edges([0, 1, 2], [1, 2, 3])
    src, dst, w = ig.bipartite.projection_ties(G, [0, 1], within=False)
    assert (src.tolist(), dst.tolist(), w.tolist()) == ([0, 1], [2, 3], [1.0, 1.0])
    assert ig.bipartite.projection_ties(G, [0, 1])[0].size == 0


def test_self_loops_and_directed_oracle():
    B = nx.DiGraph([("A", 1), (1, "B"), ("A", 2), (2, "B"), ("B", 2), ("A", "A"), ("A", 3), (3, "A")])
    G = ig.Graph.from_networkx(B, weight=None)
    for weighting in NX_FUNC:
        P = ig.bipartite.projected_graph(G, ["A", "B"], weighting=weighting)
        assert_same(ig_ties(P), nx_ties(B, ["A", "B"], weighting), weighting != "newman")
    U = nx.Graph([("a", 1), ("b", 1), ("a", "a"), ("b", 2), ("c", 2), ("c", 3)])
    G = ig.Graph.from_networkx(U, weight=None)
    for weighting in NX_FUNC:
        P = ig.bipartite.projected_graph(G, ["a", "b", "c"], weighting=weighting)
        assert_same(ig_ties(P), nx_ties(U, ["a", "b", "c"], weighting), weighting != "newman")


def test_errors():
    G = ig.Graph.from_edges([0, 1], [2, 2], labels=["a", "b", "x"])
    with pytest.raises(NodeNotFoundError, match="'z'"):
        ig.bipartite.projected_graph(G, ["a", "z"])
    with pytest.raises(InvalidParameterError, match="'a' appears more than once"):
        ig.bipartite.projected_graph(G, ["a", "b", "a"])
    with pytest.raises(InvalidParameterError, match="weighting"):
        ig.bipartite.projected_graph(G, ["a"], weighting="cosine")
    with pytest.raises(InvalidParameterError, match="weighting"):
        ig.bipartite.projection_ties(G, ["a"], weighting=None)
    with pytest.raises(InvalidParameterError, match="ratio needs nodes outside"):
        ig.bipartite.projected_graph(G, ["a", "b", "x"], weighting="ratio")
    with pytest.raises(InvalidParameterError, match="min_weight"):
        ig.bipartite.projected_graph(G, ["a"], min_weight=float("nan"))
    with pytest.raises(TypeError, match="min_weight"):
        ig.bipartite.projected_graph(G, ["a"], min_weight="1")
    with pytest.raises(InvalidParameterError, match="mask must have length 3"):
        ig.bipartite.projected_graph(G, np.array([True, False]))
    with pytest.raises(TypeError, match="iterable"):
        ig.bipartite.projected_graph(G, "a")
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        ig.bipartite.projected_graph(nx.Graph(), [])
    with pytest.raises(InvalidParameterError, match="threads"):
        ig.bipartite.projected_graph(G, ["a"], threads=0)


def test_empty():
    G = ig.Graph.from_edges(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), num_nodes=3)
    P = ig.bipartite.projected_graph(G, [0, 1])
    assert (P.num_nodes, P.num_edges) == (2, 0)
    P = ig.bipartite.projected_graph(G, [], weighting="count")
    assert (P.num_nodes, P.num_edges) == (0, 0)
