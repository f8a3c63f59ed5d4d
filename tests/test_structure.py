"""Degrees, degree centralities and components, with networkx (and LDBC Graphalytics) as the
oracles."""

from __future__ import annotations

import tarfile

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

import impactgraph as ig
from impactgraph.testing import random_networkx_graphs


def nx_partition(sets, H):
    """networkx's component sets as a set of frozensets of node labels."""
    return {frozenset(s) for s in sets}


def ig_partition(G, labels):
    keys = G.labels.tolist() if isinstance(G.labels, np.ndarray) else list(G.labels)
    parts: dict[int, set] = {}
    for k, lab in zip(keys, labels.tolist()):
        parts.setdefault(lab, set()).add(k)
    return {frozenset(s) for s in parts.values()}


def assert_canonical(labels):
    """Labels are 0..k-1, numbered in increasing order of each component's smallest node id."""
    assert labels.dtype == np.int32
    if labels.size == 0:
        return
    uniq, first = np.unique(labels, return_index=True)
    assert uniq.tolist() == list(range(uniq.size))
    assert np.all(np.diff(first) > 0)


# ---------------------------------------------------------------- degrees
def test_degree_matches_networkx(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    d = ig.degree(G)
    assert d.dtype == np.int64
    assert d.tolist() == [H.degree(v) for v in H]
    w = ig.degree(G, weight="weight")
    want = [H.degree(v, weight="weight") for v in H]
    assert w.dtype == (np.float64 if G.weighted else np.int64)
    assert w == pytest.approx(want, rel=1e-12, abs=0)
    if H.is_directed():
        assert ig.in_degree(G).tolist() == [H.in_degree(v) for v in H]
        assert ig.out_degree(G).tolist() == [H.out_degree(v) for v in H]
        assert ig.in_degree(G, weight="w") == pytest.approx([H.in_degree(v, weight="weight") for v in H], rel=1e-12)
        assert ig.out_degree(G, weight="w") == pytest.approx([H.out_degree(v, weight="weight") for v in H], rel=1e-12)


def test_degree_centralities_bit_identical_to_networkx(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    got = ig.degree_centrality(G)
    want = nx.degree_centrality(H)
    assert got.dtype == np.float64
    assert got.tolist() == [float(want[v]) for v in H]
    if H.is_directed():
        for ours, theirs in [(ig.in_degree_centrality, nx.in_degree_centrality), (ig.out_degree_centrality, nx.out_degree_centrality)]:
            want = theirs(H)
            assert ours(G).tolist() == [float(want[v]) for v in H]


def test_self_loop_counts_twice_and_isolates():
    #   0 - 1 - 2 @ (loop on 2, weight 4)     3 (isolated)
    H = nx.Graph()
    H.add_nodes_from(range(4))
    H.add_weighted_edges_from([(0, 1, 1.5), (1, 2, 2.0), (2, 2, 4.0)])
    G = ig.Graph.from_networkx(H)
    assert ig.degree(G).tolist() == [1, 2, 3, 0]
    assert ig.degree(G, weight="weight").tolist() == [1.5, 3.5, 10.0, 0.0]
    assert ig.degree(G, weight=None).tolist() == [1, 2, 3, 0]


def test_les_miserables_strength():
    H = nx.les_miserables_graph()
    G = ig.Graph.from_networkx(H)
    s = ig.degree(G, weight="weight")
    i = G.node_id("Valjean")
    assert s[i] == H.degree("Valjean", weight="weight")


# ---------------------------------------------------------------- components
def test_components_match_networkx(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    labels = ig.connected_components(G)
    assert_canonical(labels)
    want = nx.weakly_connected_components(H) if H.is_directed() else nx.connected_components(H)
    want = nx_partition(want, H)
    assert ig_partition(G, labels) == want
    assert ig.number_connected_components(G) == len(want)
    if len(H):
        assert ig.is_connected(G) == (len(want) == 1)
    if H.is_directed():
        assert ig.weakly_connected_components(G).tolist() == labels.tolist()
        assert ig.number_weakly_connected_components(G) == nx.number_weakly_connected_components(H)
        if len(H):
            assert ig.is_weakly_connected(G) == nx.is_weakly_connected(H)
        scc = ig.strongly_connected_components(G)
        assert_canonical(scc)
        assert ig_partition(G, scc) == nx_partition(nx.strongly_connected_components(H), H)
        assert ig.number_strongly_connected_components(G) == nx.number_strongly_connected_components(H)
        if len(H):
            assert ig.is_strongly_connected(G) == nx.is_strongly_connected(H)


def test_component_labels_small():
    #   0 - 1   2 - 3 - 2 (duplicate)   4 @ (self-loop)   5
    G = ig.Graph.from_edges(np.array([1, 3, 2, 4]), np.array([0, 2, 3, 4]), num_nodes=6)
    assert ig.connected_components(G).tolist() == [0, 0, 1, 1, 2, 3]
    assert ig.number_connected_components(G) == 4
    assert not ig.is_connected(G)
    #   0 -> 1 -> 2 -> 1, 3 -> 0, 4 alone
    D = ig.Graph.from_edges(np.array([0, 1, 2, 3]), np.array([1, 2, 1, 0]), directed=True, num_nodes=5)
    assert ig.connected_components(D).tolist() == [0, 0, 0, 0, 1]
    assert ig.strongly_connected_components(D).tolist() == [0, 1, 1, 2, 3]


def test_long_paths_do_not_recurse():
    n = 300_000
    src = np.arange(n, dtype=np.int64)
    dst = (src + 1) % n
    D = ig.Graph.from_edges(src, dst, directed=True)
    assert ig.is_strongly_connected(D)
    P = ig.Graph.from_edges(src[:-1], dst[:-1], directed=True)
    assert ig.number_strongly_connected_components(P) == n
    assert ig.is_weakly_connected(P)
    assert ig.is_connected(ig.Graph.from_edges(src[:-1][::-1].copy(), dst[:-1][::-1].copy()))


def test_single_node_and_empty():
    one = ig.Graph.from_edges(np.array([], dtype=np.int64), np.array([], dtype=np.int64), num_nodes=1)
    assert ig.connected_components(one).tolist() == [0]
    assert ig.is_connected(one)
    assert ig.degree_centrality(one).tolist() == [1.0]
    empty = ig.Graph.from_networkx(nx.Graph())
    assert ig.connected_components(empty).dtype == np.int32
    assert ig.number_connected_components(empty) == 0
    assert ig.degree(empty).shape == (0,)
    with pytest.raises(ig.InvalidGraphError, match="Connectivity is undefined for the null graph"):
        ig.is_connected(empty)
    dempty = ig.Graph.from_networkx(nx.DiGraph())
    assert ig.number_strongly_connected_components(dempty) == 0
    with pytest.raises(ig.InvalidGraphError, match="null graph"):
        ig.is_strongly_connected(dempty)
    with pytest.raises(ig.InvalidGraphError, match="null graph"):
        ig.is_weakly_connected(dempty)


@pytest.mark.parametrize(
    "fn",
    [
        ig.in_degree,
        ig.out_degree,
        ig.in_degree_centrality,
        ig.out_degree_centrality,
        ig.strongly_connected_components,
        ig.number_strongly_connected_components,
        ig.is_strongly_connected,
        ig.weakly_connected_components,
        ig.number_weakly_connected_components,
        ig.is_weakly_connected,
    ],
)
def test_directed_only_functions_refuse_undirected(fn):
    G = ig.Graph.from_edges(np.array([0]), np.array([1]))
    with pytest.raises(ig.InvalidGraphError, match="not implemented for undirected graphs"):
        fn(G)


def test_bad_arguments():
    H = nx.path_graph(3)
    with pytest.raises(TypeError, match="must be an impactgraph.Graph"):
        ig.connected_components(H)
    with pytest.raises(TypeError, match="must be an impactgraph.Graph"):
        ig.degree(H)
    G = ig.Graph.from_networkx(H)
    with pytest.raises(TypeError, match="weight must be None or an attribute name"):
        ig.degree(G, weight=lambda u, v, d: 1.0)
    with pytest.raises(TypeError, match="weight must be None or a str"):
        ig.degree(G, weight=3)
    with pytest.raises(ig.InvalidParameterError, match="threads"):
        ig.connected_components(G, threads=0)
    with pytest.raises(TypeError, match="threads"):
        ig.strongly_connected_components(ig.Graph.from_edges(np.array([0]), np.array([1]), directed=True), threads="2")


@pytest.mark.parametrize("directed", [False, True])
def test_threads_give_identical_results(directed):
    G = ig.generators.rmat(14, 8, seed=5, directed=directed)
    for fn in (ig.degree, ig.connected_components, ig.degree_centrality):
        assert np.array_equal(fn(G, threads=1), fn(G, threads=2))
    Gw = ig.Graph.from_edges(*G.edges()[:2], np.linspace(0.5, 2.0, G.num_edges), directed=directed)
    a, b = ig.degree(Gw, weight="weight", threads=1), ig.degree(Gw, weight="weight", threads=2)
    assert a.tobytes() == b.tobytes()
    if directed:
        a = ig.strongly_connected_components(G, threads=1)
        assert np.array_equal(a, ig.strongly_connected_components(G, threads=2))
        H = nx.DiGraph()
        H.add_nodes_from(range(G.num_nodes))
        s, d, _ = G.edges()
        H.add_edges_from(zip(s.tolist(), d.tolist()))
        assert ig_partition(G, a) == nx_partition(nx.strongly_connected_components(H), H)
        assert ig_partition(G, ig.connected_components(G)) == nx_partition(nx.weakly_connected_components(H), H)


@pytest.mark.hypothesis
@settings(max_examples=150, deadline=None)
@given(random_networkx_graphs(max_nodes=40))
def test_random_graphs_match_networkx(H):
    G = ig.Graph.from_networkx(H)
    assert ig.degree(G).tolist() == [H.degree(v) for v in H]
    labels = ig.connected_components(G)
    assert_canonical(labels)
    if H.is_directed():
        assert ig_partition(G, labels) == nx_partition(nx.weakly_connected_components(H), H)
        scc = ig.strongly_connected_components(G)
        assert_canonical(scc)
        assert ig_partition(G, scc) == nx_partition(nx.strongly_connected_components(H), H)
        assert ig.in_degree_centrality(G).tolist() == [float(x) for x in nx.in_degree_centrality(H).values()]
    else:
        assert ig_partition(G, labels) == nx_partition(nx.connected_components(H), H)
    assert ig.degree_centrality(G).tolist() == [float(x) for x in nx.degree_centrality(H).values()]


# ---------------------------------------------------------------- LDBC Graphalytics WCC
LDBC = "graphalytics-validation/src/main/resources/validation-graphs/"


def _ldbc_files(data_dir):
    with tarfile.open(data_dir / "ldbc_graphalytics_validation" / "validation-graphs.tar.gz") as tar:
        return {
            m.name[len(LDBC) :]: tar.extractfile(m).read().decode()
            for m in tar.getmembers()
            if m.isfile() and m.name.startswith(LDBC)
        }


def ldbc_vertex_based(text, directed):
    """LDBC's vertex-based format: one line per vertex, ``v n1 n2 ...`` (its out-neighbours)."""
    H = nx.DiGraph() if directed else nx.Graph()
    for line in text.splitlines():
        t = line.split()
        if t:
            H.add_node(int(t[0]))
            H.add_edges_from((int(t[0]), int(x)) for x in t[1:])
    return H


def ldbc_edge_list(vertices, edges, directed):
    H = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(int(line) for line in vertices.split())
    for line in edges.splitlines():
        t = line.split()
        if t:
            H.add_edge(int(t[0]), int(t[1]))
    return H


def ldbc_values(text, kind):
    return {int(t[0]): kind(t[1]) for t in (line.split() for line in text.splitlines()) if t}


def ldbc_graphs(files, algo):
    """(name, networkx graph, expected output text) for LDBC's validation and example graphs."""
    out = []
    for directed, tag in [(True, "dir"), (False, "undir")]:
        out.append((f"{algo}/{tag}", ldbc_vertex_based(files[f"{algo}/{tag}-input"], directed), files[f"{algo}/{tag}-output"]))
        ex = f"example/example-{'directed' if directed else 'undirected'}"
        out.append((ex, ldbc_edge_list(files[ex + ".v"], files[ex + ".e"], directed), files[f"{ex}-{algo.upper()}"]))
    return out


def test_ldbc_graphalytics_wcc(data_dir):
    """LDBC's rule for WCC: the labelling must be equivalent to the expected one (a bijection
    between labels), arc directions ignored."""
    files = _ldbc_files(data_dir)
    for name, H, expected in ldbc_graphs(files, "wcc"):
        G = ig.Graph.from_networkx(H, weight=None)
        labels = ig.connected_components(G)
        want = ldbc_values(expected, int)
        keys = G.labels.tolist() if isinstance(G.labels, np.ndarray) else list(G.labels)
        assert sorted(keys) == sorted(want), name
        ours = dict(zip(keys, labels.tolist()))
        a2e: dict[int, int] = {}
        e2a: dict[int, int] = {}
        for v, e in want.items():
            assert a2e.setdefault(ours[v], e) == e, (name, v)
            assert e2a.setdefault(e, ours[v]) == ours[v], (name, v)
