"""networkx adapters for community detection, against networkx itself.

Deterministic functions (``modularity``, ``label_propagation_communities``) must equal
networkx; random ones (asynchronous LPA, Louvain, Leiden) are checked on invariants: a
partition of the nodes, the stability rule of the algorithm, modularity close to networkx's,
connected Leiden communities, reproducible seeds on any number of threads. Every call names
``backend="impactgraph"``, which never falls back to networkx: a declined call fails."""

from __future__ import annotations

import itertools
from collections import defaultdict

import networkx as nx
import pytest
from networkx.algorithms.community.quality import NotAPartition

from impactgraph.nx import backend_interface

IG = "impactgraph"
community = nx.community



@pytest.fixture(autouse=True, scope="module")
def _quiet_cache_warning():
    """Graphs of the corpus are converted once and reused from networkx's cache; silence its
    reminder for this module only."""
    before = set(nx.config.warnings_to_ignore)
    nx.config.warnings_to_ignore.add("cache")
    yield
    nx.config.warnings_to_ignore = before


def _strings_selfloops_isolates() -> nx.Graph:
    G = nx.Graph()
    G.add_node("lonely")
    for a, b in itertools.combinations("abcd", 2):
        G.add_edge(a, b, weight=2.0)
    for a, b in itertools.combinations("wxyz", 2):
        G.add_edge(a, b, weight=1.0)
    G.add_edge("d", "w", weight=0.5)
    G.add_edge("a", "a", weight=3.0)
    G.add_node("also_lonely")
    return G


def _corpus() -> dict[str, nx.Graph]:
    return {
        "karate": nx.karate_club_graph(),
        "les_miserables": nx.les_miserables_graph(),
        "florentine": nx.florentine_families_graph(),
        "gnp_directed": nx.gnp_random_graph(80, 0.06, seed=5, directed=True),
        "strings_selfloops_isolates": _strings_selfloops_isolates(),
        "caveman": nx.connected_caveman_graph(6, 5),
        "gnm_directed_selfloops": _directed_selfloops(),
    }


def _directed_selfloops() -> nx.DiGraph:
    D = nx.gnm_random_graph(60, 240, seed=9, directed=True)
    for i, v in enumerate(range(0, 60, 7)):
        D.add_edge(v, v, weight=float(i + 1))
    for j, (u, v) in enumerate(D.edges()):
        D[u][v].setdefault("weight", 1.0 + (j % 3))
    return D


CORPUS = _corpus()
UNDIRECTED = sorted(k for k, g in CORPUS.items() if not g.is_directed())


def _is_partition(G, parts) -> bool:
    return community.is_partition(G, parts) and all(type(c) is set and c for c in parts)


def _first_node_order(G, parts) -> bool:
    pos = {v: i for i, v in enumerate(G)}
    firsts = [min(pos[v] for v in c) for c in parts]
    return firsts == sorted(firsts)


# ---- modularity --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CORPUS))
@pytest.mark.parametrize("weight", ["weight", None])
@pytest.mark.parametrize("resolution", [1, 0.5, 2.0])
def test_modularity_equals_networkx(name, weight, resolution):
    G = CORPUS[name]
    for seed in (1, 2):
        parts = community.louvain_communities(G, seed=seed)  # plain networkx: some partitions
        ours = community.modularity(G, parts, weight=weight, resolution=resolution, backend=IG)
        assert type(ours) is float
        assert ours == pytest.approx(community.modularity(G, parts, weight=weight, resolution=resolution), abs=1e-12)
    singletons = [{v} for v in G]
    assert community.modularity(G, iter(singletons), weight=weight, backend=IG) == pytest.approx(
        community.modularity(G, singletons, weight=weight), abs=1e-12
    )


def test_modularity_multigraph_sums_parallel_edges():
    M = nx.MultiGraph(nx.karate_club_graph())
    M.add_edge(0, 1, weight=7)
    M.add_edge(5, 6)
    parts = community.louvain_communities(nx.karate_club_graph(), seed=3)
    for w in ("weight", "missing"):
        assert community.modularity(M, parts, weight=w, backend=IG) == pytest.approx(
            community.modularity(M, parts, weight=w), abs=1e-12
        )
    reason = backend_interface.can_run("modularity", (M, parts), {"weight": None})
    assert isinstance(reason, str) and "parallel edge" in reason


def test_modularity_errors_as_networkx():
    G = nx.path_graph(4)
    with pytest.raises(NotAPartition):
        community.modularity(G, [{0, 1}, {2}], backend=IG)
    with pytest.raises(NotAPartition):
        community.modularity(G, [{0, 1}, {1, 2, 3}], backend=IG)
    with pytest.raises(NotAPartition):
        community.modularity(G, [{0, 1}, {2, 3, 99}], backend=IG)
    S = nx.Graph(["ab", "bc", "cd", "da"])  # networkx iterates a string community: its characters
    assert community.modularity(S, ["ab", "cd"], backend=IG) == pytest.approx(community.modularity(S, ["ab", "cd"]))
    with pytest.raises(TypeError):
        community.modularity(S, [1, 2], backend=IG)
    with pytest.raises(ZeroDivisionError):
        community.modularity(nx.empty_graph(3), [{0, 1, 2}], backend=IG)
    N = nx.Graph([(0, 1, {"weight": -1.0}), (1, 2, {"weight": 2.0})])
    with pytest.raises(NotImplementedError):  # networkx accepts negative weights; we decline at run time
        community.modularity(N, [{0, 1, 2}], backend=IG)
    reason = backend_interface.can_run("modularity", (G, [{0, 1, 2, 3}]), {"resolution": float("inf")})
    assert isinstance(reason, str) and "finite" in reason


# ---- label propagation -------------------------------------------------------------------------


@pytest.mark.parametrize("name", UNDIRECTED)
def test_label_propagation_equals_networkx(name):
    G = CORPUS[name]
    ours = community.label_propagation_communities(G, backend=IG)
    with pytest.raises(TypeError):
        next(ours)  # an iterable (dict_values), not an iterator, as networkx's
    assert list(ours) == list(community.label_propagation_communities(G))  # same sets, same order
    assert all(type(c) is set for c in ours)


def test_label_propagation_directed_not_implemented():
    with pytest.raises(nx.NetworkXNotImplemented):
        community.label_propagation_communities(nx.DiGraph([(0, 1)]), backend=IG)


def _lpa_stable(G, parts, weight):
    """asyn_lpa's stopping rule: every node with a neighbour (successor) holds one of its
    neighbours' heaviest labels."""
    label = {v: i for i, c in enumerate(parts) for v in c}
    for v in G:
        freq = defaultdict(float)
        for _, u, w in G.edges(v, data=weight, default=1):
            freq[label[u]] += 1 if weight is None else w
        if freq:
            assert freq[label[v]] == max(freq.values()), v


@pytest.mark.parametrize("name", sorted(CORPUS))
@pytest.mark.parametrize("weight", [None, "weight"])
def test_asyn_lpa_invariants(name, weight):
    G = CORPUS[name]
    it = community.asyn_lpa_communities(G, weight=weight, seed=4, backend=IG)
    assert iter(it) is it  # a generator, as networkx's
    parts = list(it)
    assert _is_partition(G, parts) and _first_node_order(G, parts)
    _lpa_stable(G, parts, weight)
    assert parts == list(community.asyn_lpa_communities(G, weight=weight, seed=4, backend=IG))
    assert list(community.asyn_lpa_communities(nx.Graph(), seed=1, backend=IG)) == []


def test_negative_weights_not_implemented():
    """networkx computes with negative weights; impactgraph refuses them at run time
    (``NotImplementedError``: networkx falls back when it chose the backend itself)."""
    N = nx.Graph([(0, 1, {"weight": -1.0}), (1, 2, {"weight": 2.0}), (2, 0, {"weight": 1.0})])
    for call in (
        lambda: list(community.asyn_lpa_communities(N, weight="weight", seed=1, backend=IG)),
        lambda: community.louvain_communities(N, seed=1, backend=IG),
        lambda: community.leiden_communities(N, seed=1, backend=IG),
    ):
        with pytest.raises(NotImplementedError):
            call()
    assert list(community.asyn_lpa_communities(N, seed=1, backend=IG)) == [{0, 1, 2}]  # weight=None


def test_asyn_lpa_two_triangles():
    G = nx.Graph(["ab", "ac", "bc", "de", "df", "fe"])
    for seed in range(5):
        got = {frozenset(c) for c in community.asyn_lpa_communities(G, seed=seed, backend=IG)}
        assert got == {frozenset("abc"), frozenset("def")}


def _flpa_stable(G, parts, weight):
    """fast_label_propagation's end state: every node with a neighbour (either direction)
    holds one of the heaviest labels, counted by networkx's own ``_fast_label_count``."""
    from networkx.algorithms.community.label_propagation import _fast_label_count

    comms = {v: i for i, c in enumerate(parts) for v in c}
    for v in G:
        if G.degree(v) > 0:
            freqs = _fast_label_count(G, comms, v, weight)
            assert freqs[comms[v]] == max(freqs.values()), v


@pytest.mark.parametrize("name", sorted(CORPUS))
@pytest.mark.parametrize("weight", [None, "weight"])
def test_fast_label_propagation_invariants(name, weight):
    G = CORPUS[name]
    it = community.fast_label_propagation_communities(G, weight=weight, seed=4, backend=IG)
    assert iter(it) is it
    parts = list(it)
    assert _is_partition(G, parts) and _first_node_order(G, parts)
    _flpa_stable(G, parts, weight)
    assert parts == list(community.fast_label_propagation_communities(G, weight=weight, seed=4, backend=IG))


def test_fast_label_propagation_networkx_cases():
    ring = nx.ring_of_cliques(30, 6)
    got = {frozenset(c) for c in community.fast_label_propagation_communities(ring, seed=42, backend=IG)}
    assert got == {frozenset(range(6 * i, 6 * i + 6)) for i in range(30)}
    M = nx.MultiDiGraph()
    M.add_edge(1, 2, weight=1.41)
    M.add_edge(2, 1, weight=1.41)
    M.add_edge(2, 3)
    M.add_edge(3, 4, weight=3.14)
    got = {frozenset(c) for c in community.fast_label_propagation_communities(M, weight="weight", seed=42, backend=IG)}
    assert got == {frozenset({1, 2}), frozenset({3, 4})}
    reason = backend_interface.can_run("fast_label_propagation_communities", (M,), {"weight": None})
    assert isinstance(reason, str) and "parallel edge" in reason
    assert list(community.fast_label_propagation_communities(nx.Graph(), backend=IG)) == []


# ---- louvain and leiden ------------------------------------------------------------------------


def _best_nx_modularity(G, weight, resolution=1):
    return max(
        community.modularity(G, community.louvain_communities(G, weight=weight, resolution=resolution, seed=s), weight=weight, resolution=resolution)
        for s in range(3)
    )


@pytest.mark.parametrize("name", sorted(CORPUS))
@pytest.mark.parametrize("weight", ["weight", None])
def test_louvain_invariants(name, weight):
    G = CORPUS[name]
    parts = community.louvain_communities(G, weight=weight, seed=7, backend=IG)
    assert type(parts) is list and _is_partition(G, parts) and _first_node_order(G, parts)
    q = community.modularity(G, parts, weight=weight)
    assert q >= _best_nx_modularity(G, weight) - 0.02
    levels = list(community.louvain_partitions(G, weight=weight, seed=7, backend=IG))
    assert levels[-1] == parts
    for fine, coarse in itertools.pairwise(levels):  # each level merges communities of the previous
        assert len(coarse) < len(fine)
        assert all(any(c <= d for d in coarse) for c in fine)
        assert community.modularity(G, coarse, weight=weight) > community.modularity(G, fine, weight=weight)
    for k, level in enumerate(levels, 1):
        assert community.louvain_communities(G, weight=weight, seed=7, max_level=k, backend=IG) == level


def test_louvain_seed_threads_and_options():
    G = CORPUS["les_miserables"]
    a = community.louvain_communities(G, seed=11, backend=IG)
    with nx.config.backends.impactgraph(threads=1):
        b = community.louvain_communities(G, seed=11, backend=IG)
    assert a == b
    r_lo = community.louvain_communities(G, resolution=0.3, seed=1, backend=IG)
    r_hi = community.louvain_communities(G, resolution=3.0, seed=1, backend=IG)
    assert len(r_lo) < len(r_hi)
    one = list(community.louvain_partitions(G, threshold=10.0, seed=1, backend=IG))
    assert len(one) == 1  # a gain never exceeds 10: the first level only
    with pytest.raises(ValueError, match="max_level argument must be a positive integer"):
        community.louvain_communities(G, max_level=0, backend=IG)
    assert community.louvain_communities(nx.empty_graph(4), backend=IG) == [{0}, {1}, {2}, {3}]
    for kw, word in (({"resolution": -1}, "resolution"), ({"threshold": -0.1}, "threshold")):
        reason = backend_interface.can_run("louvain_communities", (G,), kw)
        assert isinstance(reason, str) and word in reason
    M = nx.MultiGraph(G)
    reason = backend_interface.can_run("louvain_partitions", (M,), {"weight": None})
    assert isinstance(reason, str) and "parallel edge" in reason


def test_numpy_seeds():
    """``@py_random_state`` wraps a numpy ``RandomState`` in networkx's ``PythonRandomInterface``;
    the same numpy seed gives the same partition."""
    import numpy as np

    G = CORPUS["karate"]
    for make in (np.random.RandomState, np.random.default_rng):
        a = community.louvain_communities(G, seed=make(5), backend=IG)
        assert a == community.louvain_communities(G, seed=make(5), backend=IG) and _is_partition(G, a)
        b = list(community.asyn_lpa_communities(G, seed=make(5), backend=IG))
        assert b == list(community.asyn_lpa_communities(G, seed=make(5), backend=IG))


def test_louvain_multigraph_equals_summed_graph():
    G = nx.karate_club_graph()
    M = nx.MultiGraph(G)
    M.add_edge(0, 1, weight=9)
    S = G.copy()
    S[0][1]["weight"] += 9
    assert community.louvain_communities(M, seed=5, backend=IG) == community.louvain_communities(S, seed=5, backend=IG)


@pytest.mark.parametrize("name", UNDIRECTED)
@pytest.mark.parametrize("weight", ["weight", None])
def test_leiden_invariants(name, weight):
    G = CORPUS[name]
    parts = community.leiden_communities(G, weight=weight, seed=3, backend=IG)
    assert type(parts) is list and _is_partition(G, parts) and _first_node_order(G, parts)
    for c in parts:  # Leiden's guarantee
        assert nx.is_connected(G.subgraph(c))
    q = community.modularity(G, parts, weight=weight)
    assert q >= _best_nx_modularity(G, weight) - 0.02
    levels = list(community.leiden_partitions(G, weight=weight, seed=3, backend=IG))
    assert levels[-1] == parts
    for k, level in enumerate(levels, 1):
        assert community.leiden_communities(G, weight=weight, seed=3, max_level=k, backend=IG) == level
    more = community.leiden_communities(G, weight=weight, seed=3, n_iterations=-1, backend=IG)  # our extra
    assert _is_partition(G, more) and all(nx.is_connected(G.subgraph(c)) for c in more)
    assert community.modularity(G, more, weight=weight) >= _best_nx_modularity(G, weight) - 0.02


def test_leiden_errors_and_empty():
    with pytest.raises(nx.NetworkXNotImplemented):
        community.leiden_communities(nx.cycle_graph(4, create_using=nx.DiGraph), backend=IG)
    with pytest.raises(ValueError, match="max_level argument must be a positive integer"):
        community.leiden_communities(nx.karate_club_graph(), max_level=0, backend=IG)
    assert community.leiden_communities(nx.empty_graph(3), backend=IG) == [{0}, {1}, {2}]
    a = community.leiden_communities(nx.karate_club_graph(), seed=8, backend=IG)
    with nx.config.backends.impactgraph(threads=1):
        assert community.leiden_communities(nx.karate_club_graph(), seed=8, backend=IG) == a


def test_xfailed_networkx_tests_exist_and_are_louvain_outcomes():
    """The networkx tests marked xfail for impactgraph (``on_start_tests``) name real tests of
    networkx's Louvain module; no other community test is marked."""
    import importlib

    from impactgraph.nx._registry import NX_TEST_XFAILS

    mine = {k: v for k, v in NX_TEST_XFAILS.items() if k.startswith("test_louvain.py::")}
    assert len(mine) == 4
    mod = importlib.import_module("networkx.algorithms.community.tests.test_louvain")
    for key, reason in mine.items():
        assert callable(getattr(mod, key.split("::")[1])) and "networkx" in reason
    assert not any(k.startswith(("test_leiden.py", "test_label_propagation.py", "test_quality.py")) for k in NX_TEST_XFAILS)


def test_impactgraph_graphs_dispatch_without_conversion():
    import impactgraph as ig

    H = nx.karate_club_graph()
    G = ig.Graph.from_networkx(H)
    parts = community.louvain_communities(G, seed=1)  # no backend= needed: G is impactgraph's
    assert _is_partition(H, parts)
    assert community.modularity(G, parts) == pytest.approx(community.modularity(H, parts), abs=1e-12)
    assert list(community.label_propagation_communities(G)) == list(community.label_propagation_communities(H))
    with pytest.raises(NotAPartition):
        community.modularity(G, [{0}])
