"""Cross-level diffusion on a MultiLevelNetwork against exact oracles built from the input tables:
live-edge enumeration (independent cascade), reachability on deterministic worlds (probabilities
0 or 1 per tie and membership), and a straightforward reference of the fractional threshold rule
with the documented neighbourhoods (ties + groups + members)."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest

import impactgraph as ig
from impactgraph.diffusion import (
    DiffusionResult,
    MultiLevelDiffusionResult,
    by_level,
    cascade_graph,
    contagion_graph,
    independent_cascade,
    threshold_contagion,
)
from impactgraph.errors import InvalidParameterError, NodeNotFoundError
from impactgraph.multilevel import MultiLevelNetwork

Z_NODE = 4.5  # per-node Monte-Carlo band (a few dozen checks in this file)
N_SIMS = 20_000


# ---- the seed scenario: two organizations and one individual who is a member of both -------------
#
#     a - b            d - e          (member ties)
#     |                |
#     O1 ---- c ---- O2              (memberships: a, c in O1; c, d in O2)

NODES = {
    "node": ["a", "b", "c", "d", "e", "O1", "O2"],
    "level": ["member"] * 5 + ["organization"] * 2,
    "sector": ["x", "x", "y", "y", None, "x", "y"],
}
TIES = {"source": ["a", "d"], "target": ["b", "e"]}
MEMBERSHIPS = {"member": ["a", "c", "c", "d"], "group": ["O1", "O1", "O2", "O2"]}


def scenario(shared=True, directed=False):
    mem = dict(MEMBERSHIPS)
    if not shared:  # c is a member of O1 only
        mem = {"member": ["a", "c", "d"], "group": ["O1", "O1", "O2"]}
    return MultiLevelNetwork.from_tables(NODES, TIES, mem, directed=directed)


def label_arcs(ties, memberships, p, q, q_down, directed=False):
    """The live-edge arcs ``(u, v, probability)`` by label, straight from the tables."""
    arcs = []
    for k, (u, v) in enumerate(zip(ties["source"], ties["target"])):
        pk = p[k] if isinstance(p, (list, tuple)) else p
        arcs.append((u, v, pk))
        if not directed:
            arcs.append((v, u, pk))
    for k, (m, g) in enumerate(zip(memberships["member"], memberships["group"])):
        qk = q[k] if isinstance(q, (list, tuple)) else q
        qd = q_down[k] if isinstance(q_down, (list, tuple)) else q_down
        arcs.append((m, g, qk))
        arcs.append((g, m, qd))
    return arcs


def reach(seeds, live_arcs):
    """Labels reachable from ``seeds`` along ``live_arcs`` (a breadth-first search)."""
    out: dict = {}
    for u, v in live_arcs:
        out.setdefault(u, []).append(v)
    seen = set(seeds)
    stack = list(seeds)
    while stack:
        u = stack.pop()
        for v in out.get(u, ()):
            if v not in seen:
                seen.add(v)
                stack.append(v)
    return seen


def exact_ic(labels, seeds, arcs):
    """Exact probability that each label is reached: enumerate the live-edge worlds of the
    arcs whose probability is strictly between 0 and 1 (Kempe et al.: IC = live-edge)."""
    sure = [(u, v) for u, v, p in arcs if p == 1.0]
    unsure = [(u, v, p) for u, v, p in arcs if 0.0 < p < 1.0]
    prob = dict.fromkeys(labels, 0.0)
    for live in itertools.product((False, True), repeat=len(unsure)):
        w = 1.0
        kept = list(sure)
        for on, (u, v, p) in zip(live, unsure):
            w *= p if on else 1.0 - p
            if on:
                kept.append((u, v))
        for x in reach(seeds, kept):
            prob[x] += w
    return prob


def check_band(r, expected):
    """Monte-Carlo node probabilities within Z_NODE standard errors (exact at 0 and 1)."""
    got = dict(zip(r.graph.labels, r.node_probability.tolist()))
    for lab, p in expected.items():
        if p in (0.0, 1.0) or abs(p - round(p)) < 1e-12:
            assert got[lab] == pytest.approx(p, abs=1e-12), lab
        else:
            se = math.sqrt(p * (1 - p) / r.n_sims)
            assert abs(got[lab] - p) <= Z_NODE * se, (lab, got[lab], p)
    mean = sum(expected.values())
    assert abs(r.mean_spread - mean) <= Z_NODE * r.std_spread / math.sqrt(r.n_sims) + 1e-12


# ---- independent cascade ------------------------------------------------------------------------


def test_no_membership_spread_when_q_is_zero():
    r = independent_cascade(scenario(), ["a"], p=1.0, q=0.0, n_sims=50, seed=1)
    assert isinstance(r, MultiLevelDiffusionResult)
    assert r.spread.tolist() == [2] * 50  # a and b: the tie only
    assert r.as_dict() == {"a": 1.0, "b": 1.0, "c": 0.0, "d": 0.0, "e": 0.0, "O1": 0.0, "O2": 0.0}
    assert by_level(r) == {"member": 2.0, "organization": 0.0, "local_network": 0.0, "meta_network": 0.0}


def test_spread_through_the_shared_member_only():
    # p = 0: no tie carries it; q = 1: a -> O1 -> c -> O2 -> d; b and e only hang off ties.
    r = independent_cascade(scenario(), ["a"], p=0.0, q=1.0, n_sims=50, seed=1)
    assert r.spread.tolist() == [5] * 50
    assert {k for k, v in r.as_dict().items() if v == 1.0} == {"a", "O1", "c", "O2", "d"}
    assert r.level_spread.tolist()[:2] == [3.0, 2.0]
    # Without the shared membership the cascade stays in O1.
    r = independent_cascade(scenario(shared=False), ["a"], p=0.0, q=1.0, n_sims=50, seed=1)
    assert r.spread.tolist() == [3] * 50
    # Up only (q_down = 0): the member reaches its group and stops there.
    r = independent_cascade(scenario(), ["a"], p=0.0, q=1.0, q_down=0.0, n_sims=50, seed=1)
    assert r.spread.tolist() == [2] * 50
    # Curve: a at step 0, O1 at 1, c at 2, O2 at 3, d at 4.
    r = independent_cascade(scenario(), ["a"], p=0.0, q=1.0, n_sims=10, seed=1)
    assert r.curve.tolist() == [1.0, 1.0, 1.0, 1.0, 1.0]


@pytest.mark.parametrize(
    ("p", "q", "q_down", "seeds"),
    [(0.3, 0.5, None, ["a"]), (0.6, 0.7, 0.2, ["a"]), (0.5, 0.4, 0.9, ["e", "O1"])],
)
def test_cascade_matches_live_edge_enumeration(p, q, q_down, seeds):
    net = scenario()
    arcs = label_arcs(TIES, MEMBERSHIPS, p, q, q if q_down is None else q_down)
    expected = exact_ic(NODES["node"], seeds, arcs)
    r = independent_cascade(net, seeds, p=p, q=q, q_down=q_down, n_sims=N_SIMS, seed=11)
    check_band(r, expected)
    # level_spread is the expected count per level
    members = sum(expected[x] for x in "abcde")
    se = math.sqrt(5 * 5 / (4 * N_SIMS))  # crude bound: count in [0, 5]
    assert abs(r.level_spread[0] - members) <= Z_NODE * se
    assert float(r.level_spread.sum()) == pytest.approx(r.mean_spread, rel=1e-12)


def test_per_tie_and_per_membership_probabilities_follow_the_network_order():
    net = scenario()
    labels = list(net.labels)
    src, dst, _ = net.ties()
    mem, grp = net.memberships()
    # probabilities chosen by label, then laid out in the network's own order
    p_by = {frozenset(("a", "b")): 0.25, frozenset(("d", "e")): 0.75}
    q_by = {("a", "O1"): 0.9, ("c", "O1"): 0.35, ("c", "O2"): 0.6, ("d", "O2"): 0.45}
    qd_by = {("a", "O1"): 0.15, ("c", "O1"): 0.8, ("c", "O2"): 0.55, ("d", "O2"): 1.0}
    p = [p_by[frozenset((labels[u], labels[v]))] for u, v in zip(src.tolist(), dst.tolist())]
    q = [q_by[(labels[m], labels[g])] for m, g in zip(mem.tolist(), grp.tolist())]
    qd = [qd_by[(labels[m], labels[g])] for m, g in zip(mem.tolist(), grp.tolist())]
    arcs = [("a", "b", 0.25), ("b", "a", 0.25), ("d", "e", 0.75), ("e", "d", 0.75)]
    for (m, g), x in q_by.items():
        arcs += [(m, g, x), (g, m, qd_by[(m, g)])]
    expected = exact_ic(NODES["node"], ["b"], arcs)
    r = independent_cascade(net, ["b"], p=np.array(p), q=q, q_down=qd, n_sims=N_SIMS, seed=5)
    check_band(r, expected)


def test_deterministic_worlds_on_random_networks():
    """Probabilities 0/1 per tie and membership make the cascade deterministic: the reached set
    is plain reachability over the live arcs, built by label from the tables."""
    rng = np.random.default_rng(2024)
    for trial in range(12):
        directed = bool(trial % 2)
        nm, no, nl = rng.integers(3, 9), rng.integers(2, 5), rng.integers(1, 3)
        names = [f"m{i}" for i in range(nm)] + [f"o{i}" for i in range(no)] + [f"l{i}" for i in range(nl)]
        levels = ["member"] * nm + ["organization"] * no + ["local_network"] * nl
        order = rng.permutation(len(names))  # node ids are not grouped by level
        nodes = {"node": [names[i] for i in order], "level": [levels[i] for i in order]}
        ties = {"source": [], "target": []}
        for group in (names[:nm], names[nm : nm + no], names[nm + no :]):
            pairs = [(u, v) for u, v in itertools.permutations(group, 2) if directed or u < v]
            for u, v in pairs:
                if rng.random() < 0.35:
                    ties["source"].append(u)
                    ties["target"].append(v)
        mems = {"member": [], "group": []}
        for m in names[:nm]:
            for g in names[nm : nm + no]:
                if rng.random() < 0.4:
                    mems["member"].append(m)
                    mems["group"].append(g)
        for o in names[nm : nm + no]:
            for g in names[nm + no :]:
                if rng.random() < 0.5:
                    mems["member"].append(o)
                    mems["group"].append(g)
        p = rng.integers(0, 2, len(ties["source"])).astype(float).tolist()
        q = rng.integers(0, 2, len(mems["member"])).astype(float).tolist()
        qd = rng.integers(0, 2, len(mems["member"])).astype(float).tolist()
        net = MultiLevelNetwork.from_tables(nodes, ties, mems, directed=directed)
        # lay the by-table probabilities out in the network's order
        labels = list(net.labels)
        tie_p = {(u, v): x for u, v, x in zip(ties["source"], ties["target"], p)}
        s, d, _ = net.ties()
        p_net = [tie_p.get((labels[u], labels[v]), tie_p.get((labels[v], labels[u]))) for u, v in zip(s.tolist(), d.tolist())]
        mq = {(m, g): (a, b) for m, g, a, b in zip(mems["member"], mems["group"], q, qd)}
        m_, g_ = net.memberships()
        pairs = [mq[(labels[m], labels[g])] for m, g in zip(m_.tolist(), g_.tolist())]
        q_net = [a for a, _ in pairs]
        qd_net = [b for _, b in pairs]
        arcs = label_arcs(ties, mems, p, q, qd, directed=directed)
        live = [(u, v) for u, v, x in arcs if x == 1.0]
        seeds = [names[int(rng.integers(len(names)))]]
        want = reach(seeds, live)
        r = independent_cascade(net, seeds, p=p_net, q=q_net, q_down=qd_net, n_sims=3, seed=trial)
        got = {lab for lab, x in r.as_dict().items() if x == 1.0}
        assert got == want, trial
        assert r.spread.tolist() == [len(want)] * 3
        lev = dict(zip(nodes["node"], nodes["level"]))
        assert by_level(r)["member"] == sum(1 for x in want if lev[x] == "member")
        assert by_level(r)["local_network"] == sum(1 for x in want if lev[x] == "local_network")


def test_directed_ties_spread_one_way():
    net = scenario(directed=True)  # ties a -> b, d -> e
    assert independent_cascade(net, ["b"], p=1.0, q=0.0, n_sims=5, seed=0).spread.tolist() == [1] * 5
    assert independent_cascade(net, ["a"], p=1.0, q=0.0, n_sims=5, seed=0).spread.tolist() == [2] * 5
    # memberships still go both ways: b -x-> a, but e <- d <- O2 <- c <- O1 <- a
    r = independent_cascade(net, ["a"], p=1.0, q=1.0, n_sims=5, seed=0)
    assert r.spread.tolist() == [7] * 5


def test_same_seed_same_result_on_any_thread_count():
    net = scenario()
    a = independent_cascade(net, ["a"], p=0.4, q=0.3, n_sims=3000, seed=42, threads=1)
    b = independent_cascade(net, ["a"], p=0.4, q=0.3, n_sims=3000, seed=42, threads=2)
    assert np.array_equal(a.spread, b.spread)
    assert np.array_equal(a.node_probability, b.node_probability)
    assert np.array_equal(a.level_spread, b.level_spread)
    c = threshold_contagion(net, ["a"], fraction=None, n_sims=500, seed=3, threads=1)
    d = threshold_contagion(net, ["a"], fraction=None, n_sims=500, seed=3, threads=2)
    assert np.array_equal(c.spread, d.spread) and np.array_equal(c.node_probability, d.node_probability)


def test_cascade_graph_arcs_and_probabilities():
    net = scenario()
    H = cascade_graph(net, p=0.25, q=0.5, q_down=0.125)
    assert H.directed and H.num_nodes == 7
    src, dst, w = H.edges()
    got = {(H.labels[u], H.labels[v]): x for u, v, x in zip(src.tolist(), dst.tolist(), w.tolist())}
    want = {(u, v): x for u, v, x in label_arcs(TIES, MEMBERSHIPS, 0.25, 0.5, 0.125)}
    assert got == want
    # the combined graph of the threshold model: the same arcs, unweighted
    C = contagion_graph(net)
    s, d, w = C.edges()
    assert w is None
    assert {(C.labels[u], C.labels[v]) for u, v in zip(s.tolist(), d.tolist())} == set(want)


def test_repr_and_result_type():
    r = independent_cascade(scenario(), ["a"], p=0.0, q=1.0, n_sims=2, seed=0)
    assert isinstance(r, DiffusionResult)
    assert "by level: member 3, organization 2" in repr(r)
    json.dumps(by_level(r))
    G = ig.Graph.from_edges([0], [1])
    with pytest.raises(TypeError, match="MultiLevelNetwork"):
        by_level(independent_cascade(G, [0], p=1.0, n_sims=2, seed=0))


# ---- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"q": 1.5}, "invalid q"),
        ({"q": -0.1}, "invalid q"),
        ({"q": float("nan")}, "invalid q"),
        ({"q_down": 2.0}, "invalid q_down"),
        ({"p": 1.2}, "invalid p"),
        ({"q": [0.1, 0.2]}, "invalid q: expected 4"),
        ({"p": [0.1]}, "invalid p: expected 2"),
        ({"q": [0.1, 0.2, 3.0, 0.1]}, "at position 2"),
        ({"p": "weighted_cascade"}, "invalid p"),
        ({"n_sims": 0}, "n_sims"),
    ],
)
def test_invalid_parameters(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        independent_cascade(scenario(), ["a"], **kwargs)


def test_type_and_seed_errors():
    net = scenario()
    with pytest.raises(NodeNotFoundError):
        independent_cascade(net, ["zz"], n_sims=2)
    with pytest.raises(NodeNotFoundError):
        threshold_contagion(net, ["a", "zz"])
    with pytest.raises(TypeError, match="q"):
        independent_cascade(net, ["a"], q="high")
    with pytest.raises(TypeError, match="q and q_down apply to a MultiLevelNetwork"):
        independent_cascade(ig.Graph.from_edges([0], [1]), [0], q=0.5)
    with pytest.raises(TypeError, match="MultiLevelNetwork"):
        cascade_graph(ig.Graph.from_edges([0], [1]))
    with pytest.raises(InvalidParameterError, match="fraction"):
        threshold_contagion(net, ["a"], fraction=[0.5, 0.5])


# ---- threshold contagion ------------------------------------------------------------------------


def reference_contagion(nodes, ties, memberships, seeds, fraction, directed=False):
    """Watts' rule with the documented neighbourhoods, by label: in-tie neighbours, groups and
    members. Returns (adopted set, new adopters per step)."""
    nb: dict = {v: set() for v in nodes}
    for u, v in zip(ties["source"], ties["target"]):
        if u != v:
            nb[v].add(u)
            if not directed:
                nb[u].add(v)
    for m, g in zip(memberships["member"], memberships["group"]):
        nb[m].add(g)
        nb[g].add(m)
    adopted = set(seeds)
    curve = [len(adopted)]
    while True:
        new = {
            v
            for v in nodes
            if v not in adopted
            and nb[v] & adopted
            and len(nb[v] & adopted) / len(nb[v]) >= fraction[v]
        }
        if not new:
            return adopted, curve
        adopted |= new
        curve.append(len(new))


@pytest.mark.parametrize("directed", [False, True])
def test_threshold_contagion_matches_reference(directed):
    rng = np.random.default_rng(7 + directed)
    for trial in range(15):
        nm, no = int(rng.integers(3, 10)), int(rng.integers(2, 5))
        names = [f"m{i}" for i in range(nm)] + [f"o{i}" for i in range(no)]
        nodes = {"node": names, "level": ["member"] * nm + ["organization"] * no}
        ties = {"source": [], "target": []}
        for group in (names[:nm], names[nm:]):
            for u, v in itertools.permutations(group, 2):
                if (directed or u < v) and rng.random() < 0.3:
                    ties["source"].append(u)
                    ties["target"].append(v)
        mems = {"member": [], "group": []}
        for m in names[:nm]:
            for g in names[nm:]:
                if rng.random() < 0.35:
                    mems["member"].append(m)
                    mems["group"].append(g)
        net = MultiLevelNetwork.from_tables(nodes, ties, mems, directed=directed)
        frac = rng.choice([0.0, 0.2, 0.34, 0.5, 0.67, 1.0], size=len(names))
        fr = {lab: frac[i] for i, lab in enumerate(names)}
        seeds = list(rng.choice(names, size=2, replace=False))
        want, curve = reference_contagion(names, ties, mems, seeds, fr, directed)
        per_id = [fr[lab] for lab in net.labels]
        r = threshold_contagion(net, seeds, fraction=per_id)
        assert {lab for lab, x in r.as_dict().items() if x == 1.0} == want, trial
        assert r.spread.tolist() == [len(want)]
        assert r.curve.tolist() == [float(c) for c in curve]
        assert by_level(r)["organization"] == sum(1 for x in want if x.startswith("o"))


def test_threshold_contagion_across_the_shared_member():
    net = scenario()
    # c weighs O1 and O2; O2 weighs c and d; d weighs O2 and e.
    # fraction 0.5: a -> O1 (1/2 of its members) -> c (1/2 of its groups) -> O2 -> d (1/2) ...
    r = threshold_contagion(net, ["a"], fraction=0.5)
    assert r.as_dict() == dict.fromkeys(NODES["node"], 1.0)
    assert r.curve.tolist() == [1.0, 2.0, 1.0, 1.0, 1.0, 1.0]  # a; b, O1; c; O2; d; e
    # a threshold above 1/2 stops it at O1
    r = threshold_contagion(net, ["a"], fraction=0.6)
    assert {k for k, v in r.as_dict().items() if v} == {"a", "b"}


def test_a_tie_listed_at_several_times_is_one_arc():
    nodes = {"node": ["a", "b", "c", "O"], "level": ["member"] * 3 + ["organization"]}
    ties = {"source": ["a", "b", "b"], "target": ["b", "a", "c"], "time": [2019, 2021, 2020]}
    mems = {"member": ["c"], "group": ["O"], "time": [2020]}
    net = MultiLevelNetwork.from_tables(nodes, ties, mems)
    assert len(net.ties()[0]) == 3  # a - b twice
    labels = list(net.labels)
    s, d, _ = net.ties()
    by_row = {(2019, "a", "b"): 0.2, (2021, "b", "a"): 0.5, (2020, "b", "c"): 0.3}
    times = net.tie_times().tolist()
    p = [by_row[(t, labels[u], labels[v])] for t, u, v in zip(times, s.tolist(), d.tolist())]
    H = cascade_graph(net, p=p, q=0.4)
    src, dst, w = H.edges()
    got = {(H.labels[u], H.labels[v]): x for u, v, x in zip(src.tolist(), dst.tolist(), w.tolist())}
    assert got == {
        ("a", "b"): 0.5, ("b", "a"): 0.5, ("b", "c"): 0.3, ("c", "b"): 0.3, ("c", "O"): 0.4, ("O", "c"): 0.4,
    }
    expected = exact_ic(nodes["node"], ["a"], [(u, v, x) for (u, v), x in got.items()])
    check_band(independent_cascade(net, ["a"], p=p, q=0.4, n_sims=N_SIMS, seed=9), expected)
    C = contagion_graph(net)
    assert C.num_edges == 6


def test_prebuilt_cascade_graph_gives_the_same_simulations():
    net = scenario()
    H = cascade_graph(net, p=0.3, q=0.6, q_down=0.2)
    a = independent_cascade(net, ["a", "e"], p=0.3, q=0.6, q_down=0.2, n_sims=500, seed=8)
    b = independent_cascade(H, ["a", "e"], p=H.edges()[2], n_sims=500, seed=8)
    assert type(b) is DiffusionResult
    assert np.array_equal(a.spread, b.spread) and np.array_equal(a.node_probability, b.node_probability)
