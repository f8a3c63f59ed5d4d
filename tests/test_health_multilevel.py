"""Health of a MultiLevelNetwork (one row per level and "all") and over time: each row against
health() of the graph built by hand from the tables, networkx for a few metrics, brute-force
bridging counts and E–I indices, and snapshots filtered by hand."""

from __future__ import annotations

import itertools
import json
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import impactgraph as ig
from impactgraph.errors import InvalidGraphError, InvalidParameterError, NodeNotFoundError
from impactgraph.health import METRICS, NETWORK_METRICS, HealthReport, MultiLevelHealth, health, health_over_time
from impactgraph.multilevel import MultiLevelNetwork

SEED = 3


def random_tables(seed, n_members=14, n_orgs=5, n_local=2, directed=False, timed=True):
    """Random small network tables (with a ``sector`` attribute, some missing, and times)."""
    rng = np.random.default_rng(seed)
    members = [f"m{i}" for i in range(n_members)]
    orgs = [f"o{i}" for i in range(n_orgs)]
    local = [f"l{i}" for i in range(n_local)]
    names = members + orgs + local
    sectors = rng.choice(["health", "school", "food"], size=len(names)).astype(object)
    sectors[rng.random(len(names)) < 0.15] = None
    nodes = pd.DataFrame(
        {
            "node": names,
            "level": ["member"] * n_members + ["organization"] * n_orgs + ["local_network"] * n_local,
            "sector": sectors,
        }
    )
    ties = []
    for group in (members, orgs, local):
        for u, v in itertools.permutations(group, 2):
            if (directed or u < v) and rng.random() < 0.25:
                ties.append((u, v, int(rng.integers(2018, 2024))))
    mems = []
    for m in members:
        for g in rng.choice(orgs, size=int(rng.integers(0, 3)), replace=False):
            mems.append((m, g, int(rng.integers(2018, 2024))))
    for o in orgs:
        for g in rng.choice(local, size=int(rng.integers(1, 3)), replace=False):
            mems.append((o, g, int(rng.integers(2018, 2024))))
    ties = pd.DataFrame(ties, columns=["source", "target", "time"])
    mems = pd.DataFrame(mems, columns=["member", "group", "time"])
    if not timed:
        ties, mems = ties.drop(columns="time"), mems.drop(columns="time")
    return nodes, ties, mems


def level_graph(nodes, ties, level, directed):
    """The graph of one level built by hand: its nodes in table order, its ties."""
    names = nodes.loc[nodes["level"] == level, "node"].tolist()
    idx = {x: i for i, x in enumerate(names)}
    t = ties[ties["source"].isin(idx)]
    return ig.Graph.from_edges(
        np.array([idx[x] for x in t["source"]], dtype=np.int64),
        np.array([idx[x] for x in t["target"]], dtype=np.int64),
        num_nodes=len(names),
        labels=names, directed=directed,
    ), names


def whole_graph(nodes, ties, mems, directed):
    """Every node, every tie, every membership as an edge (both arcs when directed)."""
    names = nodes["node"].tolist()
    idx = {x: i for i, x in enumerate(names)}
    src = [idx[x] for x in ties["source"]] + [idx[x] for x in mems["member"]]
    dst = [idx[x] for x in ties["target"]] + [idx[x] for x in mems["group"]]
    if directed:
        src += [idx[x] for x in mems["group"]]
        dst += [idx[x] for x in mems["member"]]
    G = ig.Graph.from_edges(
        np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64), num_nodes=len(names), labels=names,
        directed=directed,
    )
    return G, names


def same(a, b):
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a == pytest.approx(b, rel=1e-12, abs=1e-12)


def assert_same_metrics(got: dict, want: dict):
    for k in METRICS:
        assert same(got[k], want[k]), (k, got[k], want[k])


def brute_bridging(nodes, mems, level, up):
    """Nodes of ``level`` in at least two distinct groups of level ``up`` (via direct
    memberships or a chain of them)."""
    lev = dict(zip(nodes["node"], nodes["level"]))
    groups: dict = {}
    for m, g in zip(mems["member"], mems["group"]):
        groups.setdefault(m, set()).add(g)

    def reach(x):
        out, stack = set(), [x]
        while stack:
            for g in groups.get(stack.pop(), ()):
                if g not in out:
                    out.add(g)
                    stack.append(g)
        return out

    return sum(
        1 for x in nodes["node"] if lev[x] == level and len({g for g in reach(x) if lev[g] == up}) >= 2
    )


def codes_of(values):
    """Category per node as a list with None for missing."""
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values]


def brute_ei(edges, cat):
    e = i = 0
    for u, v in edges:
        if u == v or cat[u] is None or cat[v] is None:
            continue
        if cat[u] == cat[v]:
            i += 1
        else:
            e += 1
    return math.nan if e + i == 0 else (e - i) / (e + i)


# ---- rows ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("directed", [False, True])
def test_each_row_is_the_health_of_its_graph(directed):
    nodes, ties, mems = random_tables(1 + directed, directed=directed)
    net = MultiLevelNetwork.from_tables(nodes, ties, mems, directed=directed)
    h = health(net, seed=SEED)
    assert isinstance(h, MultiLevelHealth)
    assert list(h) == ["member", "organization", "local_network", "meta_network", "all"]
    for level in ("member", "organization", "local_network"):
        G, _ = level_graph(nodes, ties, level, directed)
        assert_same_metrics(h[level].metrics, health(G, seed=SEED).metrics)
        assert h[level]["memberships"] == int(nodes.set_index("node").loc[mems["member"], "level"].eq(level).sum())
    G, _ = whole_graph(nodes, ties, mems, directed)
    assert_same_metrics(h["all"].metrics, health(G, seed=SEED).metrics)
    assert h["all"]["memberships"] == len(mems)
    # the empty top level
    top = h["meta_network"].metrics
    assert (top["nodes"], top["edges"], top["memberships"], top["bridging_members"]) == (0, 0, 0, 0)
    assert all(math.isnan(top[k]) for k in METRICS if k not in ("nodes", "edges", "self_loops"))


def test_rows_against_networkx():
    nodes, ties, mems = random_tables(5)
    net = MultiLevelNetwork.from_tables(nodes, ties, mems)
    h = health(net, seed=SEED)
    for level in ("member", "organization"):
        H = nx.Graph()
        H.add_nodes_from(nodes.loc[nodes["level"] == level, "node"])
        H.add_edges_from((u, v) for u, v in zip(ties["source"], ties["target"]) if u in H)
        r = h[level]
        assert r["nodes"] == H.number_of_nodes() and r["edges"] == H.number_of_edges()
        assert r["density"] == pytest.approx(nx.density(H))
        assert r["transitivity"] == pytest.approx(nx.transitivity(H))
        assert r["average_clustering"] == pytest.approx(nx.average_clustering(H))
        assert r["components"] == nx.number_connected_components(H)
    W = nx.Graph()
    W.add_nodes_from(nodes["node"])
    W.add_edges_from(zip(ties["source"], ties["target"]))
    W.add_edges_from(zip(mems["member"], mems["group"]))
    assert h["all"]["edges"] == W.number_of_edges()
    assert h["all"]["density"] == pytest.approx(nx.density(W))
    assert h["all"]["max_core"] == max(nx.core_number(W).values())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bridging_members_against_brute_force(seed):
    nodes, ties, mems = random_tables(seed)
    net = MultiLevelNetwork.from_tables(nodes, ties, mems)
    h = health(net, seed=SEED)
    b_member = brute_bridging(nodes, mems, "member", "organization")
    b_org = brute_bridging(nodes, mems, "organization", "local_network")
    assert h["member"]["bridging_members"] == b_member
    assert h["organization"]["bridging_members"] == b_org
    assert h["local_network"]["bridging_members"] == brute_bridging(nodes, mems, "local_network", "meta_network") == 0
    assert h["all"]["bridging_members"] == b_member + b_org


@pytest.mark.parametrize("directed", [False, True])
def test_mixing_by_a_node_attribute_with_missing_categories(directed):
    nodes, ties, mems = random_tables(7, directed=directed)
    net = MultiLevelNetwork.from_tables(nodes, ties, mems, directed=directed)
    h = health(net, attribute="sector", seed=SEED)
    cat = dict(zip(nodes["node"], codes_of(nodes["sector"].tolist())))
    for level in ("member", "organization", "local_network"):
        edges = [(u, v) for u, v in zip(ties["source"], ties["target"]) if nodes.set_index("node").loc[u, "level"] == level]
        assert same(h[level]["ei_index"], brute_ei(edges, cat)), level
    edges = list(zip(ties["source"], ties["target"])) + list(zip(mems["member"], mems["group"]))
    if directed:
        edges += list(zip(mems["group"], mems["member"]))
    assert same(h["all"]["ei_index"], brute_ei(edges, cat))
    # assortativity: networkx on the categorised nodes of the level
    H = (nx.DiGraph if directed else nx.Graph)()
    members = [x for x in nodes.loc[nodes["level"] == "member", "node"] if cat[x] is not None]
    H.add_nodes_from((x, {"sector": cat[x]}) for x in members)
    H.add_edges_from((u, v) for u, v in zip(ties["source"], ties["target"]) if u in H and v in H)
    assert h["member"]["attribute_assortativity"] == pytest.approx(
        nx.attribute_assortativity_coefficient(H, "sector"), abs=1e-12
    )


def test_attribute_without_missing_values_equals_plain_health():
    nodes, ties, mems = random_tables(11)
    nodes["sector"] = nodes["sector"].fillna("none")
    net = MultiLevelNetwork.from_tables(nodes, ties, mems)
    for attribute in ("sector", np.asarray(nodes["sector"].tolist(), dtype=object), dict(zip(nodes["node"], nodes["sector"]))):
        h = health(net, attribute=attribute, seed=SEED)
        G, names = level_graph(nodes, ties, "member", False)
        sec = dict(zip(nodes["node"], nodes["sector"]))
        assert_same_metrics(h["member"].metrics, health(G, attribute=[sec[x] for x in names], seed=SEED).metrics)
        G, names = whole_graph(nodes, ties, mems, False)
        assert_same_metrics(h["all"].metrics, health(G, attribute=[sec[x] for x in names], seed=SEED).metrics)


def test_given_communities_per_row():
    nodes, ties, mems = random_tables(4)
    net = MultiLevelNetwork.from_tables(nodes, ties, mems)
    k = int((nodes["level"] == "member").sum())
    comm = {"member": np.arange(k) % 2}
    h = health(net, communities=comm, seed=SEED)
    G, _ = level_graph(nodes, ties, "member", False)
    assert_same_metrics(h["member"].metrics, health(G, communities=np.arange(k) % 2, seed=SEED).metrics)
    assert h["member"]["communities"] == 2


def test_tables_and_json():
    nodes, ties, mems = random_tables(9)
    net = MultiLevelNetwork.from_tables(nodes, ties, mems)
    h = health(net, attribute="sector", seed=SEED)
    df = h.to_pandas()
    assert df.index.name == "level"
    assert df.index.tolist() == ["member", "organization", "local_network", "meta_network", "all"]
    assert df.columns.tolist() == list(METRICS + NETWORK_METRICS)
    for row in df.index:
        for col in df.columns:
            assert same(float(df.loc[row, col]), float(h[row][col]))
    d = h.as_dict()
    text = json.dumps(d, allow_nan=False)  # NaN became None
    back = json.loads(text)
    assert back["meta_network"]["density"] is None
    assert back["member"]["nodes"] == h["member"]["nodes"]
    assert all(isinstance(v, (int, float, type(None))) for row in d.values() for v in row.values())
    assert "MultiLevelHealth(member:" in repr(h)
    # a plain Graph still gets a HealthReport
    assert isinstance(health(ig.Graph.from_edges([0, 1], [1, 2]), seed=1), HealthReport)


def test_errors():
    nodes, ties, mems = random_tables(2)
    net = MultiLevelNetwork.from_tables(nodes, ties, mems)
    with pytest.raises(InvalidParameterError, match="no node attribute 'region'"):
        health(net, attribute="region")
    with pytest.raises(InvalidParameterError, match="expected one category per node"):
        health(net, attribute=["a", "b"])
    with pytest.raises(NodeNotFoundError):
        health(net, attribute={"nobody": "x"})
    with pytest.raises(TypeError, match="mapping"):
        health(net, communities=[0, 1])
    with pytest.raises(InvalidParameterError, match="'region' is not a level"):
        health(net, communities={"region": [0]})
    with pytest.raises(InvalidParameterError, match="communities"):
        health(net, communities={"member": [0, 1]})
    with pytest.raises(TypeError, match="MultiLevelNetwork"):
        health_over_time(ig.Graph.from_edges([0], [1]))
    with pytest.raises(InvalidGraphError, match="network without nodes"):
        health(MultiLevelNetwork.from_tables({"node": [], "level": []}))


# ---- over time ----------------------------------------------------------------------------------


def test_health_over_time_against_snapshots_by_hand():
    nodes, ties, mems = random_tables(12)
    net = MultiLevelNetwork.from_tables(nodes, ties, mems)
    df = health_over_time(net, seed=SEED)
    times = sorted(set(ties["time"]) | set(mems["time"]))
    assert len(times) <= 10
    assert df.index.names == ["time", "level"]
    assert df.index.get_level_values("time").unique().tolist() == times
    prev = None
    for t in times:
        snap = MultiLevelNetwork.from_tables(nodes, ties[ties["time"] <= t], mems[mems["time"] <= t])
        want = health(snap, seed=SEED).as_dict()
        for level, metrics in want.items():
            row = df.loc[(t, level)]
            for k, v in metrics.items():
                assert same(float(row[k]), math.nan if v is None else float(v)), (t, level, k)
                if prev is None:
                    assert math.isnan(row[f"{k}_change"])
                else:
                    pv = prev[level][k]
                    expect = math.nan if v is None or pv is None else v - pv
                    assert same(float(row[f"{k}_change"]), expect), (t, level, k)
        prev = want
    # explicit times (unsorted, repeated) are sorted and de-duplicated
    two = health_over_time(net, [times[-1], times[0], times[0]], seed=SEED)
    assert two.index.get_level_values("time").unique().tolist() == [times[0], times[-1]]
    assert two.loc[(times[-1], "all"), "edges_change"] == (
        df.loc[(times[-1], "all"), "edges"] - df.loc[(times[0], "all"), "edges"]
    )


def test_default_times_at_most_ten_evenly_spaced():
    nodes = {"node": [f"m{i}" for i in range(30)], "level": ["member"] * 30}
    ties = {"source": [f"m{i}" for i in range(29)], "target": [f"m{i + 1}" for i in range(29)], "time": list(range(29))}
    net = MultiLevelNetwork.from_tables(nodes, ties, None)
    df = health_over_time(net, seed=1)
    t = df.index.get_level_values("time").unique().tolist()
    assert t == [int(round(x)) for x in np.linspace(0, 28, 10)]
    assert t[0] == 0 and t[-1] == 28
    e = df.xs("member", level="level")["edges"].tolist()
    assert e == [x + 1 for x in t]  # ties with time <= t


def test_over_time_untimed():
    nodes, ties, mems = random_tables(3, timed=False)
    net = MultiLevelNetwork.from_tables(nodes, ties, mems)
    with pytest.raises(InvalidParameterError, match="no times"):
        health_over_time(net)
    df = health_over_time(net, [1, 2], seed=SEED)  # every tie is kept at every time
    assert (df.xs("all", level="level")["edges_change"].tolist()[1]) == 0
    with pytest.raises(InvalidParameterError, match="no snapshot time"):
        health_over_time(net, [])


def test_over_time_with_datetimes_and_untimed_rows():
    nodes = {"node": ["a", "b", "c", "O"], "level": ["member"] * 3 + ["organization"]}
    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "time": pd.to_datetime(["2020-01-01", "2021-06-01"])})
    mems = pd.DataFrame({"member": ["a", "c"], "group": ["O", "O"], "time": [pd.NaT, pd.Timestamp("2022-02-02")]})
    net = MultiLevelNetwork.from_tables(nodes, ties, mems)
    asked = ["2021-01-01", pd.Timestamp("2019-06-01", tz="UTC"), "2022-12-31"]
    df = health_over_time(net, asked, seed=SEED)
    got_times = df.index.get_level_values("time").unique()
    assert list(got_times) == [pd.Timestamp("2019-06-01"), pd.Timestamp("2021-01-01"), pd.Timestamp("2022-12-31")]
    for t in got_times:
        snap = MultiLevelNetwork.from_tables(nodes, ties[ties["time"] <= t], mems[mems["time"].isna() | (mems["time"] <= t)])
        want = health(snap, seed=SEED).as_dict()
        for level in want:
            for k in ("nodes", "edges", "memberships", "components", "density"):
                assert same(float(df.loc[(t, level), k]), math.nan if want[level][k] is None else float(want[level][k]))
    assert df.xs("all", level="level")["edges"].tolist() == [1, 2, 4]  # a-O untimed: always there
    with pytest.raises(InvalidParameterError, match="datetimes"):
        health_over_time(net, ["not a date"])
