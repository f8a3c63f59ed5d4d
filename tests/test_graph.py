"""Graph construction, labels and round trips, with networkx and scipy as the oracles."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings

import impactgraph as ig
from impactgraph.testing import random_networkx_graphs


def nx_adjacency(H, weight="weight"):
    return nx.to_scipy_sparse_array(H, nodelist=list(H), weight=weight, dtype=float, format="csr")


def assert_same_matrix(A, B):
    assert A.shape == B.shape
    assert abs(sp.csr_array(A) - sp.csr_array(B)).sum() == pytest.approx(0.0, abs=1e-12)


def test_from_networkx_matches_networkx_adjacency(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    assert G.num_nodes == H.number_of_nodes()
    assert G.num_edges == H.number_of_edges()
    assert G.directed == H.is_directed()
    assert G.num_self_loops == nx.number_of_selfloops(H)
    keys = G.labels.tolist() if isinstance(G.labels, np.ndarray) else G.labels
    assert keys == list(H)
    if H.number_of_nodes():
        assert_same_matrix(G.to_scipy(), nx_adjacency(H))


def test_round_trip_networkx(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    H2 = G.to_networkx()
    assert list(H2) == list(H)
    assert nx.utils.edges_equal(H2.edges(), H.edges())
    if G.weighted:
        for u, v, d in H.edges(data=True):
            assert H2[u][v]["weight"] == pytest.approx(d.get("weight", 1.0))


def test_les_miserables_weights():
    H = nx.les_miserables_graph()
    G = ig.Graph.from_networkx(H)
    assert G.weighted
    i, j = G.node_ids(["Valjean", "Cosette"])
    A = G.to_scipy()
    assert A[i, j] == H["Valjean"]["Cosette"]["weight"] == A[j, i]


def test_from_edges_duplicates_and_loops():
    src = np.array([0, 1, 1, 2, 2], dtype=np.int32)
    dst = np.array([1, 0, 2, 2, 1], dtype=np.int32)
    w = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    G = ig.Graph.from_edges(src, dst, w)
    s, d, ww = G.edges()
    assert s.tolist() == [0, 1, 2] and d.tolist() == [1, 2, 2]
    assert ww.tolist() == [3.0, 8.0, 4.0]
    G = ig.Graph.from_edges(src, dst, w, duplicates="first")
    assert G.edges()[2].tolist() == [1.0, 3.0, 4.0]
    G = ig.Graph.from_edges(src, dst, w, self_loops=False)
    assert G.num_edges == 2 and G.num_self_loops == 0
    with pytest.raises(ig.InvalidGraphError, match="duplicate edge"):
        ig.Graph.from_edges(src, dst, duplicates="error")
    D = ig.Graph.from_edges(src, dst, w, directed=True)
    assert D.num_edges == 5
    # directed: the in-adjacency is the transpose
    A = D.to_scipy()
    assert_same_matrix(sp.csr_array((D._core.weights(True), D._core.indices(True), D._core.indptr(True)), shape=(3, 3)), A.T)


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64])
def test_any_integer_dtype(dtype):
    G = ig.Graph.from_edges(np.array([0, 1], dtype=dtype), np.array([1, 2], dtype=dtype))
    assert (G.num_nodes, G.num_edges) == (3, 2)


def test_mixed_dtypes_and_lists():
    G = ig.Graph.from_edges(np.array([0, 1], dtype=np.int8), np.array([1, 2], dtype=np.uint64))
    assert G.num_edges == 2
    G = ig.Graph.from_edges([0, 1], [1, 2], [0.5, 1])
    assert G.edges()[2].tolist() == [0.5, 1.0]


def test_num_nodes_and_labels():
    G = ig.Graph.from_edges([0], [1], num_nodes=4)
    assert G.num_nodes == 4 and G.labels.tolist() == [0, 1, 2, 3]
    G = ig.Graph.from_edges([0], [1], labels=["a", "b", "c"])
    assert G.num_nodes == 3 and G.labels == ["a", "b", "c"]
    assert G.node_id("c") == 2
    G = ig.Graph.from_edges([0], [1], labels=[("t", 1), ("t", 2)])
    assert G.node_ids([("t", 2)]).tolist() == [1]
    assert ig.as_dict(G, np.array([1.5, 2])) == {("t", 1): 1.5, ("t", 2): 2.0}
    G = ig.Graph.from_edges([0], [1], labels=np.array([10, 20]))
    assert G.node_ids(np.array([20, 10])).tolist() == [1, 0]


def test_nbytes_formula():
    rng = np.random.default_rng(0)
    s, d = rng.integers(0, 1000, 5000), rng.integers(0, 1000, 5000)
    G = ig.Graph.from_edges(s, d, num_nodes=1000, self_loops=False)
    arcs = 2 * G.num_edges
    assert G.nbytes == 8 * 1001 + 4 * arcs
    W = ig.Graph.from_edges(s, d, rng.random(5000), num_nodes=1000, self_loops=False, directed=True)
    assert W.nbytes == 2 * (8 * 1001 + 12 * W.num_edges)


def test_scipy_round_trip():
    A = sp.random_array((40, 40), density=0.1, rng=np.random.default_rng(5), format="csr")
    D = ig.Graph.from_scipy(A, directed=True)
    assert_same_matrix(D.to_scipy(), A)
    S = (A + A.T).tocsr()
    G = ig.Graph.from_scipy(S)
    assert_same_matrix(G.to_scipy(), S)
    with pytest.raises(ig.InvalidGraphError, match="not symmetric"):
        ig.Graph.from_scipy(A)
    with pytest.raises(ig.InvalidGraphError, match="square"):
        ig.Graph.from_scipy(sp.csr_array(np.ones((2, 3))))
    with pytest.raises(TypeError, match="scipy sparse"):
        ig.Graph.from_scipy(np.ones((2, 2)))


def test_pandas_round_trip_matches_networkx():
    df = pd.DataFrame({"source": ["x", "y", "z", "x"], "target": ["y", "z", "w", "w"], "w": [1.0, 2.0, 3.0, 4.0]})
    G = ig.Graph.from_pandas(df, weight="w")
    H = nx.from_pandas_edgelist(df, edge_attr="w")
    assert G.labels == list(H)
    assert_same_matrix(G.to_scipy(), nx_adjacency(H, weight="w"))
    back = G.to_pandas(weight="w")
    assert sorted(map(tuple, back.to_numpy().tolist())) == sorted(
        tuple(sorted(r[:2])) + (r[2],) for r in df.to_numpy().tolist()
    ) or len(back) == 4
    with pytest.raises(ig.InvalidGraphError, match="column 'nope'"):
        ig.Graph.from_pandas(df, "nope", "target")
    ints = pd.DataFrame({"source": [5, 7], "target": [7, 9]})
    Gi = ig.Graph.from_pandas(ints)
    assert Gi.labels.tolist() == [5, 7, 9]


def test_same_graph_on_one_and_two_threads():
    rng = np.random.default_rng(11)
    s, d, w = rng.integers(0, 3000, 100_000), rng.integers(0, 3000, 100_000), rng.random(100_000)
    for directed in (False, True):
        a = ig.Graph.from_edges(s, d, w, directed=directed, threads=1)
        b = ig.Graph.from_edges(s, d, w, directed=directed, threads=2)
        for inc in (False, True):
            assert np.array_equal(a._core.indptr(inc), b._core.indptr(inc))
            assert np.array_equal(a._core.indices(inc), b._core.indices(inc))
            assert a._core.weights(inc).tobytes() == b._core.weights(inc).tobytes()


@settings(max_examples=60, deadline=None)
@given(random_networkx_graphs())
def test_property_adjacency_equals_networkx(H):
    G = ig.Graph.from_networkx(H)
    assert G.num_edges == H.number_of_edges()
    if H.number_of_nodes():
        assert_same_matrix(G.to_scipy(), nx_adjacency(H))
    else:
        assert G.num_nodes == 0


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "src, dst, weights, kw, exc, fragment",
    [
        ([0.5], [1], None, {}, TypeError, "src must be an array of integer"),
        (["a"], [1], None, {}, TypeError, "src must be an array of integer"),
        ([[0, 1]], [[1, 2]], None, {}, TypeError, "1-dimensional"),
        ([0, 1], [1], None, {}, ig.InvalidGraphError, "same length"),
        ([0, -3], [1, 1], None, {}, ig.InvalidGraphError, "src[1] = -3 is negative"),
        ([0, 1], [1, 9], None, {"num_nodes": 3}, ig.InvalidGraphError, "dst[1] = 9 is out of range"),
        ([0], [1], [np.nan], {}, ig.InvalidGraphError, "weights[0] = NaN"),
        ([0], [1], [np.inf], {}, ig.InvalidGraphError, "finite"),
        ([0], [1], ["x"], {}, TypeError, "weights must be a numeric"),
        ([0], [1], [1.0, 2.0], {}, ig.InvalidGraphError, "same length"),
        ([0], [2**32], None, {}, ig.GraphTooLargeError, "at most"),
        ([0], [1], None, {"num_nodes": -1}, ig.InvalidGraphError, "non-negative"),
        ([0], [1], None, {"duplicates": "max"}, ig.InvalidGraphError, "duplicates must be"),
        ([0], [1], None, {"labels": ["a"]}, ig.InvalidGraphError, "out of range"),
        ([0], [1], None, {"labels": ["a", "a"]}, ig.InvalidGraphError, "unique"),
        ([0], [1], None, {"labels": [[1], [2]]}, TypeError, "hashable"),
        ([0], [1], None, {"threads": 0}, ig.InvalidParameterError, "threads"),
        ([0], [1], None, {"threads": "2"}, TypeError, "threads"),
    ],
)
def test_bad_input(src, dst, weights, kw, exc, fragment):
    with pytest.raises(exc) as info:
        ig.Graph.from_edges(src, dst, weights, **kw)
    assert fragment in str(info.value)
    assert isinstance(info.value, (TypeError, ig.ImpactGraphError))


def test_error_classes_derive_from_builtins():
    assert issubclass(ig.InvalidGraphError, ValueError)
    assert issubclass(ig.NodeNotFoundError, KeyError)
    assert issubclass(ig.NotConvergedError, RuntimeError)
    assert issubclass(ig.GraphIOError, OSError)
    for cls in (ig.InvalidGraphError, ig.NodeNotFoundError, ig.NotConvergedError, ig.GraphIOError, ig.FileFormatError):
        assert issubclass(cls, ig.ImpactGraphError)


def test_unknown_labels():
    G = ig.Graph.from_edges([0], [1], labels=["a", "b"])
    with pytest.raises(ig.NodeNotFoundError, match="'zz' is not in the graph"):
        G.node_ids(["a", "zz"])
    P = ig.Graph.from_edges([0], [1])
    with pytest.raises(ig.NodeNotFoundError, match="node 5 is not in the graph"):
        P.node_ids([5])
    with pytest.raises(ig.NodeNotFoundError):
        P.node_id("a")
    with pytest.raises(TypeError):
        ig.as_dict(nx.Graph(), [])
    with pytest.raises(TypeError, match="wraps a native graph"):
        ig.Graph(object())


def test_empty_graph():
    G = ig.Graph.from_edges(np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    assert (G.num_nodes, G.num_edges, G.nbytes) == (0, 0, 8)
    assert G.to_scipy().shape == (0, 0)
    assert G.to_networkx().number_of_nodes() == 0
