"""Modularity and label propagation with networkx (and LDBC Graphalytics) as the oracle."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import impactgraph as ig
from impactgraph.community import (
    Partition,
    asyn_lpa_communities,
    cdlp,
    fast_label_propagation_communities,
    label_propagation_communities,
    modularity,
)
from impactgraph.testing import corpus, random_networkx_graphs

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
    # any non-negative ids, huge ones included
    big = np.array([2**40, 2**40, 2**40, 2**32 - 1, 2**32 - 1, 2**32 - 1], dtype=np.uint64)
    assert modularity(G, big) == pytest.approx(5 / 14, abs=1e-15)
    assert modularity(G, big.astype(np.int64) - 2**31) == pytest.approx(5 / 14, abs=1e-15)
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
    with pytest.raises(TypeError, match="not a mapping"):
        modularity(G, {"a": 0, "b": 0, "c": 1, "d": 1})
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


# ---------------------------------------------------------------- label propagation (networkx's)

def as_sets(comms):
    return {frozenset(c) for c in comms}


UNDIRECTED = [(n, H) for n, H in sorted(corpus().items()) if not H.is_directed()]
UNDIRECTED.append(("loops_weighted", corpus_with_loops()["loops_weighted"]))


@pytest.mark.parametrize("name,H", UNDIRECTED, ids=[c[0] for c in UNDIRECTED])
def test_label_propagation_equals_networkx(name, H):
    G = ig.Graph.from_networkx(H)
    want = as_sets(nx.community.label_propagation_communities(H))
    p1 = label_propagation_communities(G, threads=1)
    p2 = label_propagation_communities(G, threads=2)
    assert as_sets(p1) == want
    assert np.array_equal(p1.membership, p2.membership)
    assert p1.weighted is False and len(p1) == len(want)


def test_label_propagation_equals_networkx_real_data(data_dir):
    import gzip

    for folder, fname in [("snap_ca_grqc", "ca-GrQc.txt.gz"), ("email_eu_core", "email-Eu-core.txt.gz")]:
        with gzip.open(data_dir / folder / fname, "rt") as f:
            H = nx.read_edgelist((ln for ln in f if not ln.startswith("#")), nodetype=int)
        G = ig.Graph.from_networkx(H)
        want = as_sets(nx.community.label_propagation_communities(H))
        got = label_propagation_communities(G, threads=2)
        assert as_sets(got) == want, folder


@settings(max_examples=150, deadline=None)
@given(H=random_networkx_graphs(max_nodes=30, directed=False, weighted=False))
def test_label_propagation_hypothesis(H):
    G = ig.Graph.from_networkx(H)
    assert as_sets(label_propagation_communities(G)) == as_sets(nx.community.label_propagation_communities(H))


def heaviest_ok(H, p, weight=None):
    """networkx's stopping rule: every node with a neighbour (successor) is in one of the
    heaviest communities among its neighbours (a self-loop counts its own community)."""
    memb = dict(zip(H, p.membership.tolist()))
    for u in H:
        if not H[u]:
            continue
        tot: dict[int, float] = {}
        for v, d in H[u].items():
            tot[memb[v]] = tot.get(memb[v], 0.0) + (d.get(weight, 1) if weight else 1)
        if tot.get(memb[u], -1.0) < max(tot.values()) - 1e-9:
            return False
    return True


@settings(max_examples=100, deadline=None)
@given(H=random_networkx_graphs(max_nodes=30, directed=False, weighted=False), seed=st.integers(0, 2**64 - 1))
def test_label_propagation_seeded_is_stable_and_thread_independent(H, seed):
    G = ig.Graph.from_networkx(H)
    a = label_propagation_communities(G, seed=seed, threads=1)
    b = label_propagation_communities(G, seed=seed, threads=2)
    assert np.array_equal(a.membership, b.membership)
    assert heaviest_ok(H, a)
    # the seed is a node order: relabelling H by the identity order gives networkx's result
    assert as_sets(label_propagation_communities(G, seed=None)) == as_sets(nx.community.label_propagation_communities(H))


def test_label_propagation_seed_varies_result():
    H = nx.karate_club_graph()
    G = ig.Graph.from_networkx(H)
    parts = {tuple(label_propagation_communities(G, seed=s).membership.tolist()) for s in range(20)}
    assert len(parts) > 1
    assert all(heaviest_ok(H, Partition(G, np.array(m))) for m in parts)


def test_label_propagation_errors():
    D = ig.Graph.from_edges([0, 1], [1, 2], directed=True)
    with pytest.raises(ig.InvalidGraphError, match="not implemented for directed"):
        label_propagation_communities(D)
    with pytest.raises(nx.NetworkXNotImplemented):
        nx.community.label_propagation_communities(nx.DiGraph([(0, 1)]))
    G = ig.Graph.from_edges([0], [1])
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        label_propagation_communities(nx.path_graph(3))
    with pytest.raises(TypeError, match="seed"):
        label_propagation_communities(G, seed=1.5)
    with pytest.raises(ig.InvalidParameterError, match="seed"):
        label_propagation_communities(G, seed=-1)
    with pytest.raises(ig.InvalidParameterError, match="threads"):
        label_propagation_communities(G, threads=0)
    E = ig.Graph.from_networkx(nx.Graph())
    assert len(label_propagation_communities(E)) == 0


# ---------------------------------------------------------------- asynchronous label propagation

@pytest.mark.parametrize("name,H", CASES, ids=[c[0] for c in CASES])
def test_asyn_lpa_stable_and_seeded(name, H):
    G = ig.Graph.from_networkx(H)
    for weight in (None, "weight"):
        for seed in range(5):
            a = asyn_lpa_communities(G, weight=weight, seed=seed, threads=1)
            b = asyn_lpa_communities(G, weight=weight, seed=seed, threads=2)
            assert np.array_equal(a.membership, b.membership)
            assert heaviest_ok(H, a, weight), (name, weight, seed)
            assert a.weighted == (weight is not None and G.weighted)
    # networkx's result satisfies the same rule (a check of the checker)
    comms = list(nx.community.asyn_lpa_communities(H, seed=1))
    assert heaviest_ok(H, Partition(G, membership_of(H, comms)))


@settings(max_examples=100, deadline=None)
@given(H=random_networkx_graphs(max_nodes=30), seed=st.integers(0, 2**64 - 1))
def test_asyn_lpa_hypothesis(H, seed):
    G = ig.Graph.from_networkx(H)
    for weight in (None, "weight"):
        p = asyn_lpa_communities(G, weight=weight, seed=seed)
        assert heaviest_ok(H, p, weight)
        assert p.membership.shape == (len(H),)


def test_asyn_lpa_recovers_planted_partition():
    from impactgraph.community import normalized_mutual_info
    from impactgraph.generators import sbm

    G, blocks = sbm([200] * 5, 0.1, 0.002, seed=11)
    for seed in range(3):
        p = asyn_lpa_communities(G, seed=seed)
        assert normalized_mutual_info(p, blocks) >= 0.9


def test_asyn_lpa_karate_community_counts_like_networkx():
    H = nx.karate_club_graph()
    G = ig.Graph.from_networkx(H)
    ours = np.array([len(asyn_lpa_communities(G, seed=s)) for s in range(50)])
    theirs = np.array([len(list(nx.community.asyn_lpa_communities(H, seed=s))) for s in range(50)])
    # loose: the means agree within 1.5 communities, the ranges overlap
    assert abs(ours.mean() - theirs.mean()) < 1.5, (ours.mean(), theirs.mean())
    assert max(ours.min(), theirs.min()) <= min(ours.max(), theirs.max())


def test_asyn_lpa_max_iter_and_errors():
    H = nx.karate_club_graph()
    G = ig.Graph.from_networkx(H)
    one = asyn_lpa_communities(G, seed=3, max_iter=1)
    assert one.membership.shape == (34,)
    full = asyn_lpa_communities(G, seed=3)
    assert np.array_equal(asyn_lpa_communities(G, seed=3, max_iter=10_000).membership, full.membership)
    with pytest.raises(ig.InvalidParameterError, match="max_iter"):
        asyn_lpa_communities(G, max_iter=0)
    with pytest.raises(TypeError, match="max_iter"):
        asyn_lpa_communities(G, max_iter=2.0)
    N = ig.Graph.from_edges([0, 1], [1, 2], [1.0, -2.0])
    with pytest.raises(ig.InvalidGraphError, match="non-negative"):
        asyn_lpa_communities(N, weight="weight")
    assert len(asyn_lpa_communities(N, seed=0)) == 1
    with pytest.raises(TypeError, match="weight"):
        asyn_lpa_communities(G, weight=lambda e: 1)


# ---------------------------------------------------------------- fast label propagation


def flpa_stable(H, p, weight=None):
    """networkx's fast label propagation ends when every node with a neighbour holds one of the
    heaviest labels of all its neighbours, counted by networkx's own ``_fast_label_count``."""
    from networkx.algorithms.community.label_propagation import _fast_label_count

    comms = dict(zip(H, np.asarray(p.membership).tolist()))
    for u in H:
        if H.degree(u) > 0:
            freqs = _fast_label_count(H, comms, u, weight)
            if freqs[comms[u]] != max(freqs.values()):
                return False
    return True


@pytest.mark.parametrize("name,H", CASES, ids=[c[0] for c in CASES])
def test_fast_lpa_stable_and_seeded(name, H):
    G = ig.Graph.from_networkx(H)
    for weight in (None, "weight"):
        for seed in range(4):
            a = fast_label_propagation_communities(G, weight=weight, seed=seed, threads=1)
            b = fast_label_propagation_communities(G, weight=weight, seed=seed, threads=2)
            assert np.array_equal(a.membership, b.membership)
            assert flpa_stable(H, a, weight if G.weighted else None), (name, weight, seed)
            assert a.weighted == (weight is not None and G.weighted)
    comms = list(nx.community.fast_label_propagation_communities(H, seed=1))  # checks the checker
    assert flpa_stable(H, Partition(G, membership_of(H, comms)))


@settings(max_examples=60, deadline=None)
@given(H=random_networkx_graphs(max_nodes=30), seed=st.integers(0, 2**64 - 1))
def test_fast_lpa_hypothesis(H, seed):
    G = ig.Graph.from_networkx(H)
    for weight in (None, "weight"):
        p = fast_label_propagation_communities(G, weight=weight, seed=seed)
        assert flpa_stable(H, p, weight if G.weighted else None)
        assert p.membership.shape == (len(H),)


def test_fast_lpa_structures_like_networkx():
    """networkx's own expectations (its test module): cliques, rings of cliques, stars."""
    for H, truth in (
        (nx.ring_of_cliques(20, 8), {frozenset(range(8 * i, 8 * i + 8)) for i in range(20)}),
        (nx.complete_graph(30), {frozenset(range(30))}),
        (nx.star_graph(40), {frozenset(range(41))}),
        (nx.empty_graph(5), {frozenset([i]) for i in range(5)}),
    ):
        G = ig.Graph.from_networkx(H)
        for seed in range(3):
            p = fast_label_propagation_communities(G, seed=seed)
            assert set(map(frozenset, p)) == truth
    from impactgraph.community import normalized_mutual_info
    from impactgraph.generators import sbm

    G, blocks = sbm([200] * 5, 0.1, 0.002, seed=11)
    for seed in range(3):
        assert normalized_mutual_info(fast_label_propagation_communities(G, seed=seed), blocks) >= 0.9


def test_fast_lpa_karate_community_counts_like_networkx():
    H = nx.karate_club_graph()
    G = ig.Graph.from_networkx(H)
    ours = np.array([len(fast_label_propagation_communities(G, seed=s)) for s in range(50)])
    theirs = np.array([len(list(nx.community.fast_label_propagation_communities(H, seed=s))) for s in range(50)])
    assert abs(ours.mean() - theirs.mean()) < 1.5, (ours.mean(), theirs.mean())
    assert max(ours.min(), theirs.min()) <= min(ours.max(), theirs.max())


def test_fast_lpa_errors():
    N = ig.Graph.from_edges([0, 1], [1, 2], [1.0, -2.0])
    with pytest.raises(ig.InvalidGraphError, match="non-negative"):
        fast_label_propagation_communities(N, weight="weight")
    assert len(fast_label_propagation_communities(N, seed=0)) == 1
    with pytest.raises(TypeError, match="weight"):
        fast_label_propagation_communities(N, weight=lambda e: 1)
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        fast_label_propagation_communities(nx.path_graph(3))
    with pytest.raises(ig.InvalidParameterError, match="seed"):
        fast_label_propagation_communities(N, seed=-1)
    assert len(fast_label_propagation_communities(ig.Graph.from_networkx(nx.Graph()), seed=1)) == 0


# ---------------------------------------------------------------- LDBC CDLP

LDBC_DIR = "graphalytics-validation/src/main/resources/validation-graphs/"


def ldbc_files(data_dir):
    import tarfile

    out = {}
    with tarfile.open(data_dir / "ldbc_graphalytics_validation" / "validation-graphs.tar.gz") as tf:
        for m in tf.getmembers():
            if m.isfile() and m.name.startswith(LDBC_DIR):
                out[m.name[len(LDBC_DIR):]] = tf.extractfile(m).read().decode()
    return out


def graph_from_adjacency(text, directed):
    rows = [list(map(int, ln.split())) for ln in text.splitlines() if ln.strip()]
    vertices = sorted({r[0] for r in rows} | {v for r in rows for v in r[1:]})
    index = {v: i for i, v in enumerate(vertices)}
    src = [index[r[0]] for r in rows for _ in r[1:]]
    dst = [index[v] for r in rows for v in r[1:]]
    return ig.Graph.from_edges(np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64), directed=directed, num_nodes=len(vertices), labels=vertices)


def graph_from_ve(vtext, etext, directed, shuffle_seed=None):
    vertices = [int(x) for x in vtext.split()]
    if shuffle_seed is not None:  # node ids in another order than the LDBC ids
        np.random.default_rng(shuffle_seed).shuffle(vertices)
    index = {v: i for i, v in enumerate(vertices)}
    edges = [ln.split()[:2] for ln in etext.splitlines() if ln.strip()]
    src = np.array([index[int(a)] for a, _ in edges], dtype=np.int64)
    dst = np.array([index[int(b)] for _, b in edges], dtype=np.int64)
    return ig.Graph.from_edges(src, dst, directed=directed, num_nodes=len(vertices), labels=vertices)


def expected(text):
    return dict(tuple(map(int, ln.split())) for ln in text.splitlines() if ln.strip())


def check_cdlp(G, want, max_iter):
    for threads in (1, 2):
        got = cdlp(G, max_iter=max_iter, threads=threads)
        assert got.dtype == np.int64
        assert dict(zip(G.labels, got.tolist())) == want


def test_cdlp_ldbc_validation(data_dir):
    files = ldbc_files(data_dir)
    # cdlp/*: LDBC's validation runs 5 iterations; the example graphs 2
    check_cdlp(graph_from_adjacency(files["cdlp/dir-input"], True), expected(files["cdlp/dir-output"]), 5)
    check_cdlp(graph_from_adjacency(files["cdlp/undir-input"], False), expected(files["cdlp/undir-output"]), 5)
    for kind, directed in (("directed", True), ("undirected", False)):
        v, e = files[f"example/example-{kind}.v"], files[f"example/example-{kind}.e"]
        want = expected(files[f"example/example-{kind}-CDLP"])
        check_cdlp(graph_from_ve(v, e, directed), want, 2)
        # node ids in a shuffled order: ties still go to the smallest LDBC id
        for s in range(5):
            check_cdlp(graph_from_ve(v, e, directed, shuffle_seed=s), want, 2)
        # the adjacency-list form of the same graph
        check_cdlp(graph_from_adjacency(files[f"example/example-{kind}-input"], directed), want, 2)


def cdlp_oracle(H, max_iter):
    """LDBC's definition, directly: in- and out-neighbours (a reciprocal pair twice)."""
    lab = {u: u for u in H}
    for _ in range(max_iter):
        new = {}
        for u in H:
            nbrs = list(H.successors(u)) + list(H.predecessors(u)) if H.is_directed() else list(H[u])
            if not nbrs:
                new[u] = lab[u]
                continue
            c: dict[int, int] = {}
            for v in nbrs:
                c[lab[v]] = c.get(lab[v], 0) + 1
            mx = max(c.values())
            new[u] = min(k for k, f in c.items() if f == mx)
        lab = new
    return np.array([lab[u] for u in H], dtype=np.int64)


@settings(max_examples=100, deadline=None)
@given(H=random_networkx_graphs(max_nodes=30), max_iter=st.integers(0, 12))
def test_cdlp_hypothesis(H, max_iter):
    G = ig.Graph.from_networkx(H)
    assert np.array_equal(cdlp(G, max_iter=max_iter), cdlp_oracle(H, max_iter))


def test_cdlp_threads_and_errors():
    from impactgraph.generators import sbm

    G, _ = sbm([500] * 8, 0.05, 0.002, seed=5)
    assert np.array_equal(cdlp(G, threads=1), cdlp(G, threads=2))
    with pytest.raises(ig.InvalidParameterError, match="max_iter"):
        cdlp(G, max_iter=-1)
    with pytest.raises(TypeError, match="max_iter"):
        cdlp(G, max_iter=None)
    with pytest.raises(TypeError, match="impactgraph.Graph"):
        cdlp(nx.path_graph(3))
    S = ig.Graph.from_networkx(nx.path_graph(["a", "b", "c"]))
    assert cdlp(S, max_iter=2).tolist() == [0, 1, 0]  # non-integer labels: node ids


CTRL_C_SCRIPT = """
import sys
import numpy as np
import impactgraph as ig
n = 2_000_000  # a perfect matching: CDLP's two labels per edge swap forever
G = ig.Graph.from_edges(np.arange(0, n, 2), np.arange(1, n, 2), num_nodes=n)
print("ready", flush=True)
try:
    ig.community.cdlp(G, max_iter=10**12)
except KeyboardInterrupt:
    print("interrupted", flush=True)
    print("after", ig.community.cdlp(G, max_iter=1)[:2].tolist(), flush=True)
    sys.exit(0)
sys.exit(3)
"""


@pytest.mark.skipif(__import__("sys").platform == "win32", reason="POSIX signals")
def test_cdlp_ctrl_c():
    import os
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen([sys.executable, "-c", CTRL_C_SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        time.sleep(1.0)
        t0 = time.perf_counter()
        os.kill(proc.pid, signal.SIGINT)
        assert proc.stdout.readline().strip() == "interrupted", proc.stderr.read()
        assert time.perf_counter() - t0 < 2.0
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert out.strip() == "after [1, 0]"
    finally:
        if proc.poll() is None:
            proc.kill()
