"""weight_dtype="float32": storage, exactness against the rounded float64 graph, files, errors."""

from __future__ import annotations

import os

import networkx as nx
import numpy as np
import pytest

import impactgraph as ig
from impactgraph.errors import InvalidGraphError, InvalidParameterError
from impactgraph.testing import random_networkx_graphs

try:
    from hypothesis import HealthCheck, given, settings

    HAVE_HYPOTHESIS = True
except ImportError:  # pragma: no cover
    HAVE_HYPOTHESIS = False


def _simple_edges(n: int, m: int, directed: bool, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A simple graph (no duplicate edges, no loops) with weights that are not float32 values."""
    rng = np.random.default_rng(seed)
    s = rng.integers(0, n, m)
    d = rng.integers(0, n, m)
    if not directed:
        s, d = np.minimum(s, d), np.maximum(s, d)
    keep = s != d
    pairs = np.unique(np.stack([s[keep], d[keep]], axis=1), axis=0)
    w = rng.uniform(0.1, 10.0, len(pairs)) / 3.0
    return pairs[:, 0], pairs[:, 1], w


def _pair(directed: bool, n: int = 120, m: int = 700, seed: int = 5) -> tuple[ig.Graph, ig.Graph, np.ndarray]:
    s, d, w = _simple_edges(n, m, directed, seed)
    g32 = ig.Graph.from_edges(s, d, w, directed=directed, num_nodes=n, weight_dtype="float32")
    w_rounded = w.astype(np.float32).astype(np.float64)
    g64 = ig.Graph.from_edges(s, d, w_rounded, directed=directed, num_nodes=n)
    return g32, g64, w


@pytest.mark.parametrize("directed", [False, True])
def test_kernels_equal_the_rounded_float64_graph(directed):
    g32, g64, w = _pair(directed)
    assert (g32.weight_dtype, g64.weight_dtype) == (np.dtype(np.float32), np.dtype(np.float64))
    # The rounding changed the weights (so the comparison below is not between equal inputs).
    assert np.any(w.astype(np.float32).astype(np.float64) != w)
    for f in (
        lambda G: ig.pagerank(G),
        lambda G: ig.betweenness_centrality(G, weight="weight"),
        lambda G: ig.closeness_centrality(G, distance="weight"),
        lambda G: ig.clustering(G, weight="weight"),
        lambda G: ig.core_number(G),
        lambda G: ig.degree_centrality(G),
    ):
        a, b = f(g32), f(g64)
        np.testing.assert_array_equal(a, b)
    p32 = ig.community.louvain_communities(g32, seed=3)
    p64 = ig.community.louvain_communities(g64, seed=3)
    assert [sorted(c) for c in p32] == [sorted(c) for c in p64]
    assert ig.community.modularity(g32, p32) == ig.community.modularity(g64, p64)
    if not directed:
        # Against networkx on the rounded weights (an oracle outside impactgraph).
        H = g64.to_networkx()
        assert ig.community.modularity(g32, p32) == pytest.approx(nx.community.modularity(H, p32), abs=1e-12)
        np.testing.assert_allclose(
            ig.pagerank(g32), [nx.pagerank(H, tol=1e-10)[u] for u in range(g32.num_nodes)], atol=1e-5
        )


@pytest.mark.parametrize("directed", [False, True])
def test_storage_accessors_and_nbytes(directed):
    g32, g64, _ = _pair(directed)
    arcs = g32._core.num_arcs
    assert g32.nbytes == g64.nbytes - 4 * arcs * (2 if directed else 1)
    s32, d32, w32 = g32.edges()
    s64, d64, w64 = g64.edges()
    np.testing.assert_array_equal(s32, s64)
    np.testing.assert_array_equal(d32, d64)
    assert w32.dtype == np.float32 and w64.dtype == np.float64
    np.testing.assert_array_equal(w32.astype(np.float64), w64)
    A32, A64 = g32.to_scipy(), g64.to_scipy()
    assert A32.dtype == np.float32
    assert (A32.astype(np.float64) != A64).nnz == 0
    assert nx.utils.graphs_equal(g32.to_networkx(), g64.to_networkx())
    df = g32.to_pandas()
    assert df["weight"].dtype == np.float32
    np.testing.assert_array_equal(df["weight"].to_numpy(np.float64), g64.to_pandas()["weight"].to_numpy())
    # Unweighted graphs have no weight dtype, whatever was asked for.
    assert ig.Graph.from_edges([0], [1], weight_dtype="float32").weight_dtype is None
    assert g32.unweighted().weight_dtype is None


@pytest.mark.parametrize("spec", ["float32", np.float32, np.dtype("float32"), "f4"])
def test_weight_dtype_spellings(spec):
    G = ig.Graph.from_edges([0, 1], [1, 2], [0.1, 0.2], weight_dtype=spec)
    assert G.weight_dtype == np.float32
    np.testing.assert_array_equal(G.edges()[2], np.array([0.1, 0.2], dtype=np.float32))
    G = ig.Graph.from_edges([0, 1], [1, 2], [0.1, 0.2], weight_dtype=np.float64)
    assert G.weight_dtype == np.float64
    np.testing.assert_array_equal(G.edges()[2], [0.1, 0.2])


@pytest.mark.parametrize("spec", ["int8", np.int64, None, "float16", "double precision", object, 32])
def test_weight_dtype_errors(spec):
    with pytest.raises(InvalidParameterError, match='weight_dtype must be "float64" or "float32"'):
        ig.Graph.from_edges([0], [1], [1.0], weight_dtype=spec)
    # The binding checks too.
    with pytest.raises(ValueError, match="weight_dtype"):
        ig._core.from_edges(np.array([0]), np.array([1]), np.array([1.0]), weight_dtype="int8")


def test_duplicates_are_summed_in_float64_then_rounded_once():
    t = 2.0**-24  # half an ulp of 1.0 in float32
    G = ig.Graph.from_edges([0, 0, 1], [1, 1, 0], [1.0, t, t], weight_dtype="float32")
    w = G.edges()[2]
    assert w.dtype == np.float32
    # float64: 1 + 2^-23 exactly, a float32 value; rounding first or adding in float32 gives 1.
    assert w[0] == np.float32(1.0 + 2.0**-23)
    in_f32 = np.float32(1.0) + np.float32(t) + np.float32(t)
    assert in_f32 == np.float32(1.0) != w[0]
    # "first" keeps the first weight, rounded.
    G = ig.Graph.from_edges([0, 1], [1, 0], [0.1, 5.0], duplicates="first", weight_dtype="float32")
    assert G.edges()[2][0] == np.float32(0.1)


def test_float32_overflow_is_an_error():
    with pytest.raises(InvalidGraphError, match=r"weights\[1\] = 1e39 .*does not fit in float32"):
        ig.Graph.from_edges([0, 1], [1, 2], [1.0, 1e39], weight_dtype="float32")
    with pytest.raises(InvalidGraphError, match=r"summed weight 6e38 .*edge \(0, 1\) does not fit in float32"):
        ig.Graph.from_edges([0, 1], [1, 0], [3e38, 3e38], weight_dtype="float32")
    # Fine as float64, and the largest float32 fits.
    assert ig.Graph.from_edges([0], [1], [1e39]).weighted
    top = float(np.finfo(np.float32).max)
    assert ig.Graph.from_edges([0], [1], [top], weight_dtype="float32").edges()[2][0] == np.finfo(np.float32).max
    with pytest.raises(InvalidGraphError, match="finite"):
        ig.Graph.from_edges([0], [1], [np.nan], weight_dtype="float32")


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("mmap", [False, True])
def test_save_load_round_trip(tmp_path, directed, mmap):
    g32, g64, _ = _pair(directed)
    p32, p64 = tmp_path / "a.igraph", tmp_path / "b.igraph"
    g32.save(p32)
    g64.save(p64)
    arcs = g32._core.num_arcs
    saved = os.path.getsize(p64) - os.path.getsize(p32)
    assert 4 * arcs * (2 if directed else 1) - 128 <= saved <= 4 * arcs * (2 if directed else 1) + 128
    H = ig.Graph.load(p32, mmap=mmap)
    assert H._core.mapped == mmap
    assert H.weight_dtype == np.float32
    assert H.nbytes == g32.nbytes
    for a, b in zip(H.edges(), g32.edges()):
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(H._core.weights(True), g32._core.weights(True))
    np.testing.assert_array_equal(ig.pagerank(H), ig.pagerank(g64))


def test_other_constructors_take_weight_dtype(tmp_path):
    import scipy.sparse as sp

    A = sp.csr_array(np.array([[0, 0.1], [0.1, 0]]))
    assert ig.Graph.from_scipy(A, weight_dtype="float32").edges()[2].dtype == np.float32
    K = nx.Graph()
    K.add_edge("a", "b", weight=0.1)
    G = ig.Graph.from_networkx(K, weight_dtype=np.float32)
    assert G.weight_dtype == np.float32 and G.edges()[2][0] == np.float32(0.1)
    import pandas as pd

    df = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "w": [0.1, 0.2]})
    assert ig.Graph.from_pandas(df, weight="w", weight_dtype="float32").weight_dtype == np.float32
    path = tmp_path / "e.txt"
    path.write_text("0 1 0.1\n1 2 0.2\n")
    G = ig.read_edgelist(path, weight_column=2, weight_dtype="float32")
    np.testing.assert_array_equal(G.edges()[2], np.array([0.1, 0.2], dtype=np.float32))
    with pytest.raises(InvalidParameterError):
        ig.read_edgelist(path, weight_column=2, weight_dtype="int8")
    pq = tmp_path / "e.parquet"
    ig.write_parquet(G, pq)
    H = ig.read_parquet(pq, weight="weight", weight_dtype="float32")
    assert H.weight_dtype == np.float32
    np.testing.assert_array_equal(H.edges()[2], G.edges()[2])


if HAVE_HYPOTHESIS:

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(random_networkx_graphs(max_nodes=25, weighted=True))
    def test_hypothesis_float32_round_trip(tmp_path, K):
        G = ig.Graph.from_networkx(K, weight_dtype="float32")
        F = ig.Graph.from_networkx(K)
        path = tmp_path / "h.igraph"
        G.save(path)
        for mmap in (False, True):
            H = ig.Graph.load(path, mmap=mmap)
            assert H.num_nodes == K.number_of_nodes() and H.num_edges == K.number_of_edges()
            s, d, w = H.edges()
            fs, fd, fw = F.edges()
            np.testing.assert_array_equal(s, fs)
            np.testing.assert_array_equal(d, fd)
            if fw is not None:
                assert H.weight_dtype == np.float32
                np.testing.assert_array_equal(w, fw.astype(np.float32))


def test_chunked_readers_round_merged_sums_once(tmp_path):
    """read_edgelist and read_parquet build chunk by chunk; float32 storage rounds the float64
    sum of duplicates once, as Graph.from_pandas does on the whole table."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(7)
    m = 3000
    src = rng.integers(0, 40, m)
    dst = rng.integers(0, 40, m)
    w = rng.random(m) * 1e-3 + 0.1
    df = pd.DataFrame({"source": [f"n{x}" for x in src], "target": [f"n{x}" for x in dst], "w": w})
    want = ig.Graph.from_pandas(df, weight="w", weight_dtype="float32")
    want64 = ig.Graph.from_pandas(df, weight="w")
    path = tmp_path / "e.parquet"
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path, row_group_size=700)
    got = ig.read_parquet(path, weight="w", weight_dtype="float32", _batch_size=500)
    assert got.weight_dtype == np.float32 and got.labels == want.labels
    for a, b in zip(got.edges(), want.edges()):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(want.edges()[2], want64.edges()[2].astype(np.float32))
    text = tmp_path / "e.txt"
    text.write_text("".join(f"n{a} n{b} {float(x)!r}\n" for a, b, x in zip(src, dst, w)))
    got = ig.read_edgelist(text, weight_column=2, weight_dtype="float32")
    assert got.weight_dtype == np.float32 and got.labels == want.labels
    for a, b in zip(got.edges(), want.edges()):
        np.testing.assert_array_equal(a, b)
