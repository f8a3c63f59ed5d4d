"""Closeness and harmonic centrality with networkx as the oracle (relative tolerance 1e-9)."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import time

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

import impactgraph as ig
from impactgraph.testing import random_networkx_graphs

RTOL = 1e-9


def nx_vector(H, d, nodes=None):
    return np.array([d[v] for v in (H if nodes is None else nodes)], dtype=float)


def assert_close(got, want, what):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == np.float64 and got.shape == want.shape, what
    np.testing.assert_allclose(got, want, rtol=RTOL, atol=0, err_msg=str(what))


def check_against_networkx(H, G=None, what="", distances=(None, "weight")):
    G = ig.Graph.from_networkx(H) if G is None else G
    for distance in distances:
        for wf in [True, False]:
            got = ig.closeness_centrality(G, distance=distance, wf_improved=wf)
            want = nx_vector(H, nx.closeness_centrality(H, distance=distance, wf_improved=wf))
            assert_close(got, want, (what, "closeness", distance, wf))
        got = ig.harmonic_centrality(G, distance=distance)
        want = nx_vector(H, nx.harmonic_centrality(H, distance=distance))
        assert_close(got, want, (what, "harmonic", distance))


def test_corpus_matches_networkx(corpus_graph):
    name, H = corpus_graph
    check_against_networkx(H, what=name)


def test_unweighted_closeness_is_exact(corpus_graph):
    """Integer distance sums and networkx's arithmetic order: the same bits."""
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    for wf in [True, False]:
        got = ig.closeness_centrality(G, wf_improved=wf)
        want = nx_vector(H, nx.closeness_centrality(H, wf_improved=wf))
        assert got.tolist() == want.tolist(), name


def test_hand_derived():
    #   0 - 1 - 2 - 3   path
    G = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 3]))
    assert ig.closeness_centrality(G).tolist() == [0.5, 0.75, 0.75, 0.5]
    assert ig.harmonic_centrality(G) == pytest.approx([11 / 6, 2.5, 2.5, 11 / 6], rel=1e-15)
    #   0 -> 1 -> 2   directed: incoming distances
    D = ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2]), directed=True)
    assert ig.closeness_centrality(D).tolist() == [0.0, 0.5, 2 / 3]
    assert ig.closeness_centrality(D, wf_improved=False).tolist() == [0.0, 1.0, 2 / 3]
    assert ig.harmonic_centrality(D).tolist() == [0.0, 1.0, 1.5]


def test_zero_weights_and_self_loops_as_networkx():
    H = nx.Graph()
    H.add_weighted_edges_from([(0, 1, 2.0), (1, 2, 0.0), (2, 3, 1.5), (3, 3, 4.0), (4, 5, 0.0)])
    H.add_node(6)
    check_against_networkx(H, what="zero weights")
    D = nx.DiGraph()
    D.add_weighted_edges_from([(0, 1, 0.0), (1, 2, 1.0), (2, 0, 0.0), (2, 2, 1.0), (3, 0, 2.5)])
    check_against_networkx(D, what="zero weights directed")


def test_empty_and_single_node():
    for H in [nx.Graph(), nx.DiGraph()]:
        G = ig.Graph.from_networkx(H)
        assert ig.closeness_centrality(G).shape == (0,)
        assert ig.harmonic_centrality(G, distance="weight").shape == (0,)
    S = nx.Graph()
    S.add_node("a")
    G = ig.Graph.from_networkx(S)
    assert ig.closeness_centrality(G).tolist() == [nx.closeness_centrality(S)["a"]] == [0.0]
    assert ig.harmonic_centrality(G).tolist() == [nx.harmonic_centrality(S)["a"]] == [0.0]


@pytest.mark.parametrize("directed", [False, True])
def test_threads_bit_identical(directed):
    G = ig.generators.rmat(11, 8, directed=directed, seed=5)
    H = nx.gnp_random_graph(300, 0.02, seed=7, directed=directed)
    for u, v in H.edges():
        H[u][v]["weight"] = 0.5 + (u * 31 + v * 17) % 10
    W = ig.Graph.from_networkx(H)
    for g, distance in [(G, None), (W, "weight"), (W, None)]:
        a = ig.closeness_centrality(g, distance=distance, threads=1)
        b = ig.closeness_centrality(g, distance=distance, threads=4)
        assert a.tobytes() == b.tobytes()
        a = ig.harmonic_centrality(g, distance=distance, threads=1)
        b = ig.harmonic_centrality(g, distance=distance, threads=4)
        assert a.tobytes() == b.tobytes()


def _real_graph(data_dir, rel, directed, sample=None):
    path = data_dir / rel
    G = ig.read_edgelist(path, directed=directed)
    H = nx.read_edgelist(path, nodetype=int, create_using=nx.DiGraph if directed else nx.Graph)
    labels = [int(x) for x in G.labels]
    assert sorted(labels) == sorted(H) and G.num_edges == H.number_of_edges()
    return G, H, labels


def test_email_eu_core_matches_networkx(data_dir):
    """Directed, self-loops, several weak components: the full networkx oracle (~2 s)."""
    G, H, labels = _real_graph(data_dir, "email_eu_core/email-Eu-core.txt.gz", directed=True)
    for wf in [True, False]:
        want = nx.closeness_centrality(H, wf_improved=wf)
        assert_close(ig.closeness_centrality(G, wf_improved=wf), nx_vector(H, want, labels), wf)
    want = nx.harmonic_centrality(H)
    assert_close(ig.harmonic_centrality(G), nx_vector(H, want, labels), "harmonic")
    # undirected view too
    Gu = ig.read_edgelist(data_dir / "email_eu_core/email-Eu-core.txt.gz")
    Hu = H.to_undirected()
    lu = [int(x) for x in Gu.labels]
    assert_close(ig.closeness_centrality(Gu), nx_vector(Hu, nx.closeness_centrality(Hu), lu), "undirected")


def test_ca_grqc_matches_networkx_on_sample(data_dir):
    """networkx needs ~40 s per measure on all 5242 nodes, so the default run checks 150 nodes
    (networkx's own ``u=`` / ``nbunch=`` arguments); the full comparison is marked slow."""
    G, H, labels = _real_graph(data_dir, "snap_ca_grqc/ca-GrQc.txt.gz", directed=False)
    c = ig.closeness_centrality(G)
    c0 = ig.closeness_centrality(G, wf_improved=False)
    h = ig.harmonic_centrality(G)
    rng = np.random.default_rng(0)
    ids = rng.choice(len(labels), size=150, replace=False)
    sample = [labels[i] for i in ids]
    want = [nx.closeness_centrality(H, u=v) for v in sample]
    assert_close(c[ids], want, "closeness")
    want = [nx.closeness_centrality(H, u=v, wf_improved=False) for v in sample[:40]]
    assert_close(c0[ids[:40]], want, "closeness wf=False")
    hw = nx.harmonic_centrality(H, nbunch=sample)
    assert_close(h[ids], [hw[v] for v in sample], "harmonic")


@pytest.mark.slow
def test_ca_grqc_matches_networkx_full(data_dir):
    G, H, labels = _real_graph(data_dir, "snap_ca_grqc/ca-GrQc.txt.gz", directed=False)
    assert_close(ig.closeness_centrality(G), nx_vector(H, nx.closeness_centrality(H), labels), "closeness")
    assert_close(ig.harmonic_centrality(G), nx_vector(H, nx.harmonic_centrality(H), labels), "harmonic")


@settings(max_examples=60, deadline=None)
@given(random_networkx_graphs(40))
def test_random_graphs_match_networkx(H):
    check_against_networkx(H, what="hypothesis")


@settings(max_examples=25, deadline=None)
@given(random_networkx_graphs(200, directed=True, weighted=False))
def test_random_directed_msbfs_sizes_match_networkx(H):
    """Larger graphs, so the multi-source BFS kernel (n >= 128) is exercised too."""
    G = ig.Graph.from_networkx(H)
    assert_close(ig.closeness_centrality(G), nx_vector(H, nx.closeness_centrality(H)), "closeness")
    assert_close(ig.harmonic_centrality(G), nx_vector(H, nx.harmonic_centrality(H)), "harmonic")


def test_msbfs_kernel_sizes_match_networkx():
    """Graphs around the kernel switch and the batch widths (64, 128, 256 sources)."""
    for i, n in enumerate([127, 128, 200, 700, 1100]):
        H = nx.gnp_random_graph(n, 3.0 / n, seed=i, directed=bool(i % 2))
        H.add_edges_from([(0, 0), (n - 1, n - 1)])
        check_against_networkx(H, what=n, distances=(None,))


def test_negative_weight_raises():
    H = nx.DiGraph()
    H.add_weighted_edges_from([(0, 1, 1.0), (1, 2, -0.5)])
    G = ig.Graph.from_networkx(H)
    for f in [ig.closeness_centrality, ig.harmonic_centrality]:
        with pytest.raises(ig.InvalidGraphError, match=r"edge \(1, 2\) has weight -0.5.*non-negative"):
            f(G, distance="weight")
        with pytest.raises(ValueError):
            f(G, distance="weight")
        # ignoring the weights is fine
        assert f(G).shape == (3,)


def test_nan_weight_rejected():
    H = nx.Graph()
    H.add_edge(0, 1, weight=math.nan)
    with pytest.raises(ig.InvalidGraphError):
        G = ig.Graph.from_networkx(H)  # weights are checked when the graph is built
        ig.closeness_centrality(G, distance="weight")


def test_wrong_types():
    G = ig.Graph.from_edges(np.array([0]), np.array([1]))
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        ig.closeness_centrality(nx.path_graph(3))
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        ig.harmonic_centrality(nx.path_graph(3))
    with pytest.raises(TypeError, match="distance"):
        ig.closeness_centrality(G, distance=3)
    with pytest.raises(TypeError, match="distance"):
        ig.harmonic_centrality(G, distance=lambda u, v, d: 1.0)
    with pytest.raises(TypeError, match="wf_improved"):
        ig.closeness_centrality(G, wf_improved="yes")
    with pytest.raises(TypeError):
        ig.closeness_centrality(G, None)  # options are keyword-only
    with pytest.raises(ig.InvalidParameterError, match="threads"):
        ig.harmonic_centrality(G, threads=0)
    with pytest.raises(TypeError, match="threads"):
        ig.closeness_centrality(G, threads=1.5)


_CTRL_C_SCRIPT = """
import sys
import numpy as np
import impactgraph as ig
rng = np.random.default_rng(0)
n, m = 200_000, 1_000_000
G = ig.Graph.from_edges(rng.integers(0, n, m), rng.integers(0, n, m), num_nodes=n,
                        weights=rng.uniform(0.5, 2.0, m))
print("ready", flush=True)
try:
    ig.closeness_centrality(G, distance=sys.argv[1] or None)   # hours of work
except KeyboardInterrupt:
    print("interrupted", flush=True)
    small = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 3]))
    print("after", ig.closeness_centrality(small).tolist(), flush=True)
    sys.exit(0)
sys.exit(3)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("distance", ["", "weight"])
def test_ctrl_c_interrupts(distance):
    proc = subprocess.Popen(
        [sys.executable, "-c", _CTRL_C_SCRIPT, distance], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        time.sleep(0.5)
        t0 = time.perf_counter()
        os.kill(proc.pid, signal.SIGINT)
        line = proc.stdout.readline()
        latency = time.perf_counter() - t0
        assert line.strip() == "interrupted", proc.stderr.read()
        assert latency < 2.0
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert out.strip() == "after [0.5, 0.75, 0.75, 0.5]"
    finally:
        if proc.poll() is None:
            proc.kill()


# --- subsets: networkx's closeness ``u`` and harmonic ``nbunch`` / ``sources`` -------------------


def test_subsets_match_networkx(corpus_graph):
    name, H = corpus_graph
    G = ig.Graph.from_networkx(H)
    nodes = list(H)
    n = len(nodes)
    if n == 0:
        return
    srcs = [nodes[i] for i in range(n - 1, -1, -4)]
    # a third of the nodes (the all-nodes kernel, then picked) and one node (one traversal)
    for picks in ([nodes[i] for i in range(0, n, 3)], nodes[-1:]):
        _check_subsets(name, H, G, picks, srcs)


def _check_subsets(name, H, G, picks, srcs):
    n = len(H)
    ids = G.node_ids(picks)
    for distance in (None, "weight"):
        for wf in (True, False):
            got = ig.closeness_centrality(G, distance=distance, wf_improved=wf, nbunch=picks)
            want = [nx.closeness_centrality(H, u=u, distance=distance, wf_improved=wf) for u in picks]
            assert_close(got[ids], want, (name, "closeness", distance, wf))
            rest = np.ones(n, dtype=bool)
            rest[ids] = False
            assert np.isnan(got[rest]).all()
        got = ig.harmonic_centrality(G, distance=distance, nbunch=picks, sources=srcs)
        want = nx.harmonic_centrality(H, nbunch=picks, sources=srcs, distance=distance)
        assert_close(got[ids], [want[u] for u in picks], (name, "harmonic", distance))
        got = ig.harmonic_centrality(G, distance=distance, sources=srcs)
        want = nx.harmonic_centrality(H, sources=srcs, distance=distance)
        assert_close(got, nx_vector(H, want), (name, "harmonic sources", distance))
        got = ig.harmonic_centrality(G, distance=distance, nbunch=picks)
        want = nx.harmonic_centrality(H, nbunch=picks, distance=distance)
        assert_close(got[ids], [want[u] for u in picks], (name, "harmonic nbunch", distance))


def test_subsets_errors_and_duplicates():
    H = nx.path_graph(["a", "b", "c"])
    G = ig.Graph.from_networkx(H)
    with pytest.raises(ig.NodeNotFoundError, match="'z'"):
        ig.closeness_centrality(G, nbunch=["z"])
    with pytest.raises(ig.NodeNotFoundError, match="'z'"):
        ig.harmonic_centrality(G, sources=["a", "z"])
    # repeated nodes are computed once
    got = ig.harmonic_centrality(G, nbunch=["c", "c"], sources=["a", "a"])
    assert got[2] == 0.5 and np.isnan(got[:2]).all()
    assert ig.closeness_centrality(G, nbunch=[])[0] != ig.closeness_centrality(G, nbunch=[])[0]  # all NaN
