"""Graph.save / Graph.load: round trips, memory-mapped use, corruption and error cases."""

from __future__ import annotations

import os
import struct

import numpy as np
import pytest

import impactgraph as ig
from impactgraph.errors import FileFormatError, GraphIOError
from impactgraph.testing import random_networkx_graphs

try:
    from hypothesis import HealthCheck, given, settings

    HAVE_HYPOTHESIS = True
except ImportError:  # pragma: no cover
    HAVE_HYPOTHESIS = False


def _graph(directed: bool, weighted: bool, labels=None) -> ig.Graph:
    #  0 - 1 - 2(loop)   3 - 4   5 (isolated)
    src = np.array([0, 1, 2, 3, 1])
    dst = np.array([1, 2, 2, 4, 0])
    w = np.array([1.5, 2.0, 0.5, 4.0, 3.0]) if weighted else None
    return ig.Graph.from_edges(src, dst, w, directed=directed, num_nodes=6, labels=labels)


def _arrays(G: ig.Graph) -> list:
    c = G._core
    out = []
    for incoming in (False, True):
        out += [c.indptr(incoming), c.indices(incoming), c.weights(incoming)]
    return out


def assert_same(G: ig.Graph, H: ig.Graph) -> None:
    assert (H.num_nodes, H.num_edges, H._core.num_arcs, H.num_self_loops, H.directed, H.weighted) == (
        G.num_nodes,
        G.num_edges,
        G._core.num_arcs,
        G.num_self_loops,
        G.directed,
        G.weighted,
    )
    for a, b in zip(_arrays(G), _arrays(H)):
        if a is None:
            assert b is None
        else:
            assert a.dtype == b.dtype
            np.testing.assert_array_equal(a, b)
    assert H.has_labels == G.has_labels
    if G.has_labels:
        la, lb = G._labels, H._labels
        assert type(la) is type(lb)
        if isinstance(la, list):
            assert la == lb
        else:
            np.testing.assert_array_equal(la, lb)


LABELS = {
    "none": None,
    "int_array": np.array([10, -3, 7, 2**40, 0, 5]),
    "int_list": [10, -3, 7, 2**40, 0, 5],
    "str": ["a", "", "ü-née", "d", "e e", "f"],
}


@pytest.mark.parametrize("mmap", [True, False])
@pytest.mark.parametrize("labels", sorted(LABELS))
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("directed", [False, True])
def test_round_trip(tmp_path, directed, weighted, labels, mmap):
    G = _graph(directed, weighted, LABELS[labels])
    p = tmp_path / "g.igraph"
    G.save(p)
    H = ig.Graph.load(p, mmap=mmap)
    assert H._core.mapped == mmap
    assert_same(G, H)
    np.testing.assert_array_equal(ig.centrality.pagerank(G), ig.centrality.pagerank(H))
    cc = ig.structure.weakly_connected_components if directed else ig.structure.connected_components
    np.testing.assert_array_equal(cc(G), cc(H))


def test_numpy_unsigned_and_str_labels(tmp_path):
    p = tmp_path / "g"
    G = ig.Graph.from_edges([0], [1], labels=np.array([3, 9], dtype=np.uint32))
    G.save(p)
    H = ig.Graph.load(p)
    assert H.labels.dtype == np.int64 and H.labels.tolist() == [3, 9]
    assert not H.labels.flags.writeable
    G = ig.Graph.from_edges([0], [1], labels=np.array(["x", "y"]))
    G.save(p)
    assert ig.Graph.load(p).labels == ["x", "y"]


def test_empty_and_single_node(tmp_path):
    p = tmp_path / "g"
    for G in (
        ig.Graph.from_edges(np.array([], dtype=np.int64), np.array([], dtype=np.int64)),
        ig.Graph.from_edges(np.array([], dtype=np.int64), np.array([], dtype=np.int64), num_nodes=1),
        ig.Graph.from_edges(np.array([], dtype=np.int64), np.array([], dtype=np.int64), directed=True, num_nodes=3),
    ):
        G.save(p)
        for mmap in (True, False):
            assert_same(G, ig.Graph.load(p, mmap=mmap))


def test_io_functions_and_pathlike(tmp_path):
    G = _graph(False, True, ["a", "b", "c", "d", "e", "f"])
    ig.save_graph(G, str(tmp_path / "g"))
    assert_same(G, ig.load_graph(tmp_path / "g", mmap=False, verify=False))
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        ig.save_graph("not a graph", tmp_path / "g")  # type: ignore[arg-type]


def test_unsupported_labels(tmp_path):
    for labels, frag in (
        ([(0, 1), (1, 2)], "tuple"),
        ([1, "b"], "mixed"),
        ([True, False], "bool"),
        (np.array([0.5, 1.5]), "float64"),
        ([2**70, 0], "int64"),
    ):
        G = ig.Graph.from_edges([0], [1], labels=labels)
        with pytest.raises(TypeError, match=frag):
            G.save(tmp_path / "g")


def test_mapped_graph_in_algorithms(tmp_path):
    G = ig.generators.rmat(10, 8, seed=3)
    p = tmp_path / "g"
    G.save(p)
    H = ig.Graph.load(p, mmap=True)
    assert H._core.mapped
    np.testing.assert_array_equal(ig.centrality.pagerank(G), ig.centrality.pagerank(H))
    np.testing.assert_array_equal(ig.centrality.core_number(G), ig.centrality.core_number(H))
    a = ig.community.louvain_communities(G, seed=1)
    b = ig.community.louvain_communities(H, seed=1)
    np.testing.assert_array_equal(a.membership, b.membership)
    # a clone of the arrays shares the map (no copy); the mapped graph is unchanged
    assert H.unweighted()._core.mapped
    assert H._core.mapped


# ---------------------------------------------------------------- corruption and errors


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    G = _graph(True, True, ["a", "b", "c", "d", "e", "f"])
    p = tmp_path_factory.mktemp("store") / "good.igraph"
    G.save(p)
    return G, p.read_bytes()


def test_truncated_everywhere(tmp_path, saved):
    _, good = saved
    p = tmp_path / "bad"
    for cut in range(0, len(good), 3):
        p.write_bytes(good[:cut])
        with pytest.raises(FileFormatError, match="truncated|header says"):
            ig.Graph.load(p)


def test_flipped_bytes(tmp_path, saved):
    G, good = saved
    p = tmp_path / "bad"
    for i in range(len(good)):
        bad = bytearray(good)
        bad[i] ^= 0xA5
        p.write_bytes(bytes(bad))
        with pytest.raises(FileFormatError):
            ig.Graph.load(p, verify=True)
        # without checksums: a clean error, or a valid graph
        try:
            H = ig.Graph.load(p, mmap=False, verify=False)
        except FileFormatError:
            continue
        assert H.num_nodes == G.num_nodes
        try:
            ig.centrality.pagerank(H)
        except ig.errors.ImpactGraphError:
            pass  # e.g. a changed weight: a clean error is fine


def test_checksum_message(tmp_path, saved):
    _, good = saved
    bad = bytearray(good)
    bad[-1] ^= 1  # last byte of the label strings
    p = tmp_path / "bad"
    p.write_bytes(bytes(bad))
    with pytest.raises(FileFormatError, match="checksum mismatch in section 7"):
        ig.Graph.load(p)


def test_magic_version_empty_dir_missing(tmp_path, saved):
    _, good = saved
    p = tmp_path / "bad"
    p.write_bytes(b"NOTGRAPH" + good[8:])
    with pytest.raises(FileFormatError, match="bad magic"):
        ig.Graph.load(p)
    p.write_bytes(good[:8] + struct.pack("<I", 99) + good[12:])
    with pytest.raises(FileFormatError, match="unsupported format version 99"):
        ig.Graph.load(p)
    p.write_bytes(b"")
    with pytest.raises(FileFormatError, match="truncated"):
        ig.Graph.load(p)
    with pytest.raises(GraphIOError, match="directory"):
        ig.Graph.load(tmp_path)
    with pytest.raises(GraphIOError):
        ig.Graph.load(tmp_path / "missing")
    with pytest.raises(GraphIOError, match="cannot write"):
        _graph(False, False).save(tmp_path / "no" / "such" / "dir")
    assert isinstance(FileFormatError("x"), ValueError)
    assert os.path.exists(tmp_path)


if HAVE_HYPOTHESIS:

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(random_networkx_graphs(max_nodes=25))
    def test_hypothesis_round_trip(tmp_path, nxg):
        G = ig.Graph.from_networkx(nxg)
        p = tmp_path / "h.igraph"
        G.save(p)
        for mmap in (True, False):
            H = ig.Graph.load(p, mmap=mmap)
            assert_same(G, H)
            if G.num_nodes:
                np.testing.assert_array_equal(ig.centrality.pagerank(G), ig.centrality.pagerank(H))
