"""k-cores, triangles and clustering with networkx as the oracle: core_number, k_core,
triangles, clustering (undirected/directed x unweighted/weighted), average_clustering and
transitivity, over the corpus, two real networks and hypothesis random graphs."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

import impactgraph as ig
from impactgraph.testing import random_networkx_graphs

REL = 1e-9


def nx_vector(H, d, dtype=float):
    return np.array([d[v] for v in H], dtype=dtype)


def assert_close(x, want, what=""):
    x = np.asarray(x, dtype=float)
    want = np.asarray(want, dtype=float)
    assert x.shape == want.shape, what
    np.testing.assert_allclose(x, want, rtol=REL, atol=1e-300, err_msg=str(what))


def has_loops(H):
    return nx.number_of_selfloops(H) > 0


def edge_set(H, weight="weight"):
    out = set()
    for u, v, d in H.edges(data=True):
        key = (u, v) if H.is_directed() else frozenset((u, v))
        out.add((key, d.get(weight)))
    return out


# ---------------------------------------------------------------------------- core_number / k_core


def test_core_number_matches_networkx(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    if has_loops(H):
        with pytest.raises(nx.NetworkXNotImplemented):
            nx.core_number(H)
        with pytest.raises(ig.InvalidGraphError, match="self-loops.*self_loops=False"):
            ig.core_number(G)
        H = H.copy()
        H.remove_edges_from(list(nx.selfloop_edges(H)))
        G = ig.Graph.from_networkx(H)
    c = ig.core_number(G)
    assert c.dtype == np.int64 and c.shape == (len(H),)
    assert c.tolist() == nx_vector(H, nx.core_number(H), int).tolist(), name


def check_k_core(G, H, **kw):
    want = nx.k_core(H, **kw)
    got = ig.k_core(G, **{k: v for k, v in kw.items() if k != "core_number"})
    keys = got.labels.tolist() if isinstance(got.labels, np.ndarray) else list(got.labels)
    # the same node set; ours keeps G's node order (networkx's subgraph view may not)
    assert keys == [v for v in H if v in want], kw
    assert got.directed == want.is_directed()
    assert got.weighted == G.weighted  # the weights stay, even with no edge left
    back = got.to_networkx()
    if G.weighted:
        assert edge_set(back) == edge_set(want), kw
    else:
        assert {e for e, _ in edge_set(back)} == {e for e, _ in edge_set(want)}, kw


def test_k_core_matches_networkx(corpus_graph):
    name, H = corpus_graph
    H = H.copy()
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    G = ig.Graph.from_networkx(H)
    if len(H) == 0:
        with pytest.raises(ValueError):
            nx.k_core(H)
        with pytest.raises(ig.InvalidGraphError, match="pass k explicitly"):
            ig.k_core(G)
        assert ig.k_core(G, 0).num_nodes == 0
        return
    kmax = max(nx.core_number(H).values())
    check_k_core(G, H)
    for k in sorted({0, 1, kmax // 2, kmax, kmax + 1}):
        check_k_core(G, H, k=k)


def test_k_core_keeps_labels_weights_direction():
    H = nx.les_miserables_graph()
    G = ig.Graph.from_networkx(H)
    K = ig.k_core(G, 5)
    want = nx.k_core(H, 5)
    assert K.labels == [v for v in H if v in want] and K.weighted
    assert edge_set(K.to_networkx()) == edge_set(want)
    # unlabelled graph: the original ids become the labels
    P = ig.Graph.from_edges(np.array([0, 1, 2, 2, 3]), np.array([1, 2, 0, 3, 4]), num_nodes=6)
    K = ig.k_core(P)
    assert K.labels.tolist() == [0, 1, 2] and K.num_edges == 3
    assert ig.k_core(P, 0).num_nodes == 6 and not ig.k_core(P, 0).has_labels
    E = ig.k_core(P, 3)
    assert E.num_nodes == 0 and E.num_edges == 0
    # directed: in + out degree, directedness kept
    D = nx.DiGraph([(1, 2), (2, 1), (2, 3), (2, 4), (3, 4), (4, 3), (4, 5)])
    GD = ig.Graph.from_networkx(D)
    KD = ig.k_core(GD)
    assert KD.directed and set(KD.labels) == set(nx.k_core(D).nodes())
    assert set(KD.to_networkx().edges()) == set(nx.k_core(D).edges())


def test_k_core_with_precomputed_core_number():
    H = nx.path_graph(4)
    H.add_edge(0, 0)  # networkx keeps self-loops when the core numbers are given
    G = ig.Graph.from_networkx(H)
    core = {0: 2, 1: 2, 2: 1, 3: 1}
    want = nx.k_core(H, core_number=core)
    K = ig.k_core(G, core_number=core)
    assert K.labels.tolist() == sorted(want.nodes()) and K.num_self_loops == 1
    assert set(map(frozenset, K.to_networkx().edges())) == set(map(frozenset, want.edges()))
    K2 = ig.k_core(G, core_number=np.array([2, 2, 1, 1]))
    assert K2.labels.tolist() == [0, 1] and K2.num_edges == 2
    K3 = ig.k_core(G, 1, core_number={1: 2, 2: 1})  # missing nodes are not kept
    assert K3.labels.tolist() == [1, 2]
    with pytest.raises(ig.InvalidGraphError, match="self_loops=False"):
        ig.k_core(G)


# ---------------------------------------------------------------------------- triangles / clustering


def test_triangles_matches_networkx(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    if H.is_directed():
        with pytest.raises(nx.NetworkXNotImplemented):
            nx.triangles(H)
        with pytest.raises(ig.InvalidGraphError, match="triangles is not defined for directed graphs"):
            ig.triangles(G)
        # networkx computes a directed transitivity from the out-neighbour sets; so do we
        assert ig.transitivity(G) == pytest.approx(nx.transitivity(H), rel=REL, abs=0), name
        return
    t = ig.triangles(G)
    assert t.dtype == np.int64
    assert t.tolist() == nx_vector(H, nx.triangles(H), int).tolist(), name
    tr = ig.transitivity(G)
    assert isinstance(tr, float)
    assert tr == pytest.approx(nx.transitivity(H), rel=REL, abs=0), name


@pytest.mark.parametrize("weight", [None, "weight"])
def test_clustering_matches_networkx(corpus_graph, weight):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    c = ig.clustering(G, weight=weight)
    assert c.dtype == np.float64
    assert_close(c, nx_vector(H, nx.clustering(H, weight=weight)), (name, weight))
    if len(H) == 0:
        with pytest.raises(ZeroDivisionError):
            nx.average_clustering(H)
        with pytest.raises(ig.InvalidGraphError, match="empty graph"):
            ig.average_clustering(G, weight=weight)
        return
    for cz in (True, False):
        try:
            want = nx.average_clustering(H, weight=weight, count_zeros=cz)
        except ZeroDivisionError:
            with pytest.raises(ig.InvalidGraphError, match="count_zeros=False"):
                ig.average_clustering(G, weight=weight, count_zeros=cz)
            continue
        got = ig.average_clustering(G, weight=weight, count_zeros=cz)
        assert isinstance(got, float)
        assert got == pytest.approx(want, rel=REL, abs=1e-300), (name, weight, cz)


def test_hand_derived_values():
    #   0---1        triangle 0-1-2, pendant 3 on 2, self-loop on 3 (ignored)
    #    \ /
    #     2---3@
    G = ig.Graph.from_edges(np.array([0, 1, 2, 2, 3]), np.array([1, 2, 0, 3, 3]))
    assert ig.triangles(G).tolist() == [1, 1, 1, 0]
    assert ig.clustering(G).tolist() == [1.0, 1.0, 1 / 3, 0.0]
    assert ig.transitivity(G) == 0.6
    # directed 3-cycle: Fagiolo's coefficient is 1/2 at every node
    C = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 0]), directed=True)
    assert ig.clustering(C).tolist() == [0.5, 0.5, 0.5]
    # weights 1, 2, 4: geometric mean (1 * 2 * 4)^(1/3) / 4 = 1/2
    W = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 0]), np.array([1.0, 2.0, 4.0]))
    assert ig.clustering(W, weight="weight") == pytest.approx([0.5] * 3, rel=1e-15)
    assert ig.clustering(W).tolist() == [1.0] * 3


# ---------------------------------------------------------------------------- real networks


def _undirected_real(data_dir, name, fname):
    return ig.read_edgelist(data_dir / name / fname)


def test_email_eu_core(data_dir):
    """Directed, with self-loops: clustering ignores them, core_number refuses them."""
    path = data_dir / "email_eu_core" / "email-Eu-core.txt.gz"
    for directed in (True, False):
        G = ig.read_edgelist(path, directed=directed)
        H = G.to_networkx()
        assert G.num_self_loops > 0
        for weight in (None, "weight"):
            assert_close(ig.clustering(G, weight=weight), nx_vector(H, nx.clustering(H, weight=weight)))
        with pytest.raises(ig.InvalidGraphError):
            ig.core_number(G)
        G0 = ig.read_edgelist(path, directed=directed, self_loops=False)
        H0 = G0.to_networkx()
        assert ig.core_number(G0).tolist() == nx_vector(H0, nx.core_number(H0), int).tolist()
        assert ig.transitivity(G) == pytest.approx(nx.transitivity(H), rel=REL)
        if not directed:
            assert ig.triangles(G).tolist() == nx_vector(H, nx.triangles(H), int).tolist()
            assert ig.average_clustering(G) == pytest.approx(nx.average_clustering(H), rel=REL)
            K = ig.k_core(G0)
            assert sorted(K.labels.tolist()) == sorted(nx.k_core(H0).nodes())


def test_snap_ca_grqc(data_dir):
    G = ig.read_edgelist(data_dir / "snap_ca_grqc" / "ca-GrQc.txt.gz", self_loops=False)
    H = G.to_networkx()
    assert ig.core_number(G).tolist() == nx_vector(H, nx.core_number(H), int).tolist()
    assert ig.triangles(G).tolist() == nx_vector(H, nx.triangles(H), int).tolist()
    assert_close(ig.clustering(G), nx_vector(H, nx.clustering(H)))
    assert ig.transitivity(G) == pytest.approx(nx.transitivity(H), rel=REL)
    assert ig.average_clustering(G, count_zeros=False) == pytest.approx(
        nx.average_clustering(H, count_zeros=False), rel=REL
    )
    K = ig.k_core(G)
    want = nx.k_core(H)
    assert K.labels.tolist() == [v for v in H if v in want] and K.num_edges == want.number_of_edges()


# ---------------------------------------------------------------------------- hypothesis


@pytest.mark.hypothesis
@settings(max_examples=120, deadline=None)
@given(random_networkx_graphs(max_nodes=30))
def test_random_graphs_match_networkx(H):
    G = ig.Graph.from_networkx(H)
    for weight in (None, "weight"):
        assert_close(ig.clustering(G, weight=weight), nx_vector(H, nx.clustering(H, weight=weight)))
    assert ig.transitivity(G) == pytest.approx(nx.transitivity(H), rel=REL, abs=0)
    if not H.is_directed():
        assert ig.triangles(G).tolist() == nx_vector(H, nx.triangles(H), int).tolist()
    if has_loops(H):
        with pytest.raises(ig.InvalidGraphError):
            ig.core_number(G)
    else:
        assert ig.core_number(G).tolist() == nx_vector(H, nx.core_number(H), int).tolist()
        if len(H):
            K = ig.k_core(G)
            want = nx.k_core(H)
            keys = K.labels.tolist() if K.has_labels else list(H)
            assert keys == [v for v in H if v in want]
            assert K.num_edges == want.number_of_edges()


# ---------------------------------------------------------------------------- threads and errors


@pytest.mark.parametrize("directed", [False, True])
def test_threads_give_identical_bits(directed):
    G = ig.generators.rmat(13, 16, seed=5, directed=directed)
    src, dst, _ = G.edges()
    rng = np.random.default_rng(0)
    W = ig.Graph.from_edges(src, dst, rng.uniform(0.1, 3.0, src.shape[0]), directed=directed, num_nodes=G.num_nodes)
    for g, weight in ((G, None), (W, "weight")):
        a = ig.clustering(g, weight=weight, threads=1)
        b = ig.clustering(g, weight=weight, threads=4)
        assert a.tobytes() == b.tobytes()
        assert ig.average_clustering(g, weight=weight, threads=1) == ig.average_clustering(g, weight=weight, threads=4)
    if not directed:
        assert ig.triangles(G, threads=1).tobytes() == ig.triangles(G, threads=4).tobytes()
        assert ig.transitivity(G, threads=1) == ig.transitivity(G, threads=3)
    G0 = ig.Graph.from_edges(src[src != dst], dst[src != dst], directed=directed, num_nodes=G.num_nodes)
    assert ig.core_number(G0, threads=1).tobytes() == ig.core_number(G0, threads=4).tobytes()


def test_rmat_matches_networkx():
    G = ig.generators.rmat(10, 8, seed=3)
    src, dst, _ = G.edges()
    G = ig.Graph.from_edges(src[src != dst], dst[src != dst], num_nodes=G.num_nodes)
    H = G.to_networkx()
    assert ig.core_number(G).tolist() == nx_vector(H, nx.core_number(H), int).tolist()
    assert ig.triangles(G).tolist() == nx_vector(H, nx.triangles(H), int).tolist()
    assert_close(ig.clustering(G), nx_vector(H, nx.clustering(H)))


@pytest.mark.parametrize(
    "call, exc, fragment",
    [
        (lambda G: ig.core_number(nx.path_graph(3)), TypeError, "must be an impactgraph.Graph"),
        (lambda G: ig.triangles(None), TypeError, "must be an impactgraph.Graph"),
        (lambda G: ig.clustering(G, weight=len), TypeError, "weight must be None or an attribute name"),
        (lambda G: ig.clustering(G, weight=1), TypeError, "weight must be None or a str"),
        (lambda G: ig.average_clustering(G, count_zeros=1), TypeError, "count_zeros must be a bool"),
        (lambda G: ig.transitivity(G, threads=0), ig.InvalidParameterError, "threads"),
        (lambda G: ig.k_core(G, 1.5), TypeError, "k must be an int"),
        (lambda G: ig.k_core(G, core_number=np.ones(3)), TypeError, "core_number must be a mapping"),
        (lambda G: ig.k_core(G, core_number=np.ones(2, dtype=int)), ig.InvalidGraphError, "one entry per node (4)"),
        (lambda G: ig.k_core(G, core_number={"zz": 1}), ig.NodeNotFoundError, "'zz' is not in the graph"),
        (lambda G: ig.k_core(G, core_number={"a": "x"}), TypeError, "core_number values must be an int"),
    ],
)
def test_bad_input(call, exc, fragment):
    G = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 3]), labels=list("abcd"))
    with pytest.raises(exc) as info:
        call(G)
    assert fragment in str(info.value)


def test_zero_max_weight_and_small_graphs():
    Z = ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2]), np.array([0.0, 0.0]))
    with pytest.raises(ig.InvalidGraphError, match="largest edge weight, which is 0"):
        ig.clustering(Z, weight="weight")
    assert ig.clustering(Z).tolist() == [0.0, 0.0, 0.0]
    S = ig.Graph.from_networkx(nx.empty_graph(1))
    assert ig.core_number(S).tolist() == [0]
    assert ig.triangles(S).tolist() == [0]
    assert ig.clustering(S).tolist() == [0.0]
    assert ig.average_clustering(S) == nx.average_clustering(nx.empty_graph(1)) == 0.0
    assert ig.transitivity(S) == 0.0
    assert ig.k_core(S).num_nodes == 1
    E = ig.Graph.from_networkx(nx.Graph())
    assert ig.core_number(E).shape == (0,) and ig.triangles(E).shape == (0,)
    assert ig.transitivity(E) == nx.transitivity(nx.Graph()) == 0
