"""Snapshots that drop the nodes that have not joined yet (``snapshot(t, node_time=...)``),
``health_over_time(node_time=...)`` and the report's health over time with a ``joined``
attribute. The oracle is always ``from_tables`` of the same tables filtered by hand with pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactgraph as ig
from impactgraph.errors import InvalidParameterError
from impactgraph.health import health, health_over_time
from impactgraph.multilevel import MultiLevelNetwork


@pytest.fixture(scope="module")
def tables():
    nodes, ties, mem = ig.generators.impact_network_tables(
        n_members=400, n_organizations=30, n_local_networks=4, n_meta_networks=2, seed=3
    )
    rng = np.random.default_rng(5)
    nodes = nodes.copy()
    # shuffle the joining years so that some ties and memberships predate an end's joining (they
    # must then be dropped with the node), and leave a few nodes without a joining time
    joined = rng.permutation(nodes["joined"].to_numpy()).astype(np.float64)
    joined[rng.choice(len(joined), 15, replace=False)] = np.nan
    nodes["joined"] = joined
    return nodes, ties, mem


def _filtered(nodes, ties, mem, t, node_col="joined"):
    """The tables at time ``t``, filtered by hand."""
    nt = nodes[node_col]
    keep_nodes = nodes[nt.isna() | (nt <= t)]
    alive = set(keep_nodes["node"])
    tk = (ties["time"] <= t) & ties["source"].isin(alive) & ties["target"].isin(alive)
    mk = (mem["time"] <= t) & mem["member"].isin(alive) & mem["group"].isin(alive)
    return keep_nodes.reset_index(drop=True), ties[tk].reset_index(drop=True), mem[mk].reset_index(drop=True)


def _assert_same(a: MultiLevelNetwork, b: MultiLevelNetwork) -> None:
    assert a.levels == b.levels and a.num_nodes == b.num_nodes
    assert list(a.labels) == list(b.labels)
    np.testing.assert_array_equal(a.node_level, b.node_level)
    assert a.attributes == b.attributes
    for name in a.attributes:
        pd.testing.assert_series_equal(pd.Series(a.attribute(name)), pd.Series(b.attribute(name)))
    for x, y in zip(a.ties(), b.ties()):
        np.testing.assert_array_equal(x, y)
    for x, y in zip(a.memberships(), b.memberships()):
        np.testing.assert_array_equal(x, y)
    np.testing.assert_array_equal(a.tie_times(), b.tie_times())
    np.testing.assert_array_equal(a.membership_times(), b.membership_times())
    assert a.level_counts() == b.level_counts()
    for lev in a.levels[:2]:
        ga, gb = a.graph(lev), b.graph(lev)
        assert ga.labels == gb.labels
        for x, y in zip(ga.edges(), gb.edges()):
            np.testing.assert_array_equal(x, y)
    # the membership structure (CSR) is rebuilt on the new ids
    org = b.level_nodes("organization")
    for g in org[:5].tolist():
        label = b.labels[g]
        assert sorted(a.members_of(label)) == sorted(b.members_of(label))


def test_snapshot_node_time_numbers(tables):
    nodes, ties, mem = tables
    net = MultiLevelNetwork.from_tables(nodes, ties, mem)
    years = sorted(set(ties["time"]) | set(nodes["joined"].dropna().astype(int)))
    checked = 0
    for t in (years[0] - 1, years[0], years[len(years) // 2], years[-1]):
        got = net.snapshot(t, node_time="joined")
        want = MultiLevelNetwork.from_tables(*_filtered(nodes, ties, mem, t))
        _assert_same(got, want)
        checked += got.num_ties
    assert checked > 0
    # some nodes are dropped in the middle, none at the end
    mid = net.snapshot(years[len(years) // 2], node_time="joined")
    assert 15 < mid.num_nodes < net.num_nodes
    assert net.snapshot(years[-1], node_time="joined").num_nodes == net.num_nodes
    # the hand-filtered ties that predate a joining are really dropped
    t = years[len(years) // 2]
    assert mid.num_ties < int((ties["time"] <= t).sum())


def test_snapshot_node_time_datetimes(tables):
    nodes, ties, mem = tables
    nodes = nodes.copy()
    ties, mem = ties.copy(), mem.copy()
    nodes["joined"] = pd.to_datetime(nodes["joined"].astype("Int64").astype(str).replace("<NA>", None), format="%Y")
    ties["time"] = pd.to_datetime(ties["time"].astype(str), format="%Y") + pd.Timedelta(days=40)
    mem["time"] = pd.to_datetime(mem["time"].astype(str), format="%Y")
    assert nodes["joined"].isna().sum() == 15
    net = MultiLevelNetwork.from_tables(nodes, ties, mem)
    for t in ("2015-01-01", "2018-02-01", pd.Timestamp("2019-12-31"), np.datetime64("2030-01-01")):
        ts = pd.Timestamp(t)
        got = net.snapshot(t, node_time="joined")
        want = MultiLevelNetwork.from_tables(*_filtered(nodes, ties, mem, ts))
        _assert_same(got, want)


def test_snapshot_node_time_untimed_network():
    nodes = {"node": ["a", "b", "c", "O"], "level": ["member"] * 3 + ["organization"], "since": [1.0, 3.0, np.nan, 2.0]}
    ties = {"source": ["a", "b"], "target": ["b", "c"]}
    mem = {"member": ["a", "b", "c"], "group": ["O", "O", "O"]}
    net = MultiLevelNetwork.from_tables(nodes, ties, mem)
    s = net.snapshot(2, node_time="since")
    assert list(s.labels) == ["a", "c", "O"]
    assert s.num_ties == 0  # a - b and b - c both touch b
    assert [list(x) for x in s.memberships()] == [[0, 1], [2, 2]]
    np.testing.assert_array_equal(s.attribute("since"), [1.0, np.nan, 2.0])
    assert net.snapshot(2).num_nodes == 4  # no node_time: unchanged


def test_snapshot_without_node_time_unchanged(tables):
    nodes, ties, mem = tables
    net = MultiLevelNetwork.from_tables(nodes, ties, mem)
    s = net.snapshot(2018)
    assert s.num_nodes == net.num_nodes and list(s.labels) == list(net.labels)
    assert s.num_ties == int((ties["time"] <= 2018).sum())
    assert s.num_memberships == int((mem["time"] <= 2018).sum())


def test_snapshot_node_time_errors(tables):
    nodes, ties, mem = tables
    net = MultiLevelNetwork.from_tables(nodes, ties, mem)
    with pytest.raises(InvalidParameterError, match=r"unknown attribute 'since'.*'sector', 'region', 'joined'"):
        net.snapshot(2018, node_time="since")
    with pytest.raises(InvalidParameterError, match=r"node_time attribute 'sector'.*numbers or datetimes"):
        net.snapshot(2018, node_time="sector")
    with pytest.raises(TypeError, match="node_time"):
        net.snapshot(2018, node_time=3)
    nd = nodes.copy()
    nd["joined"] = pd.Timestamp("2016-01-01")
    with pytest.raises(InvalidParameterError, match="numbers but the node times are datetimes"):
        MultiLevelNetwork.from_tables(nd, ties, mem).snapshot(2018, node_time="joined")
    nd["joined"] = nodes["joined"].notna()
    with pytest.raises(InvalidParameterError, match="numbers or datetimes"):
        MultiLevelNetwork.from_tables(nd, ties, mem).snapshot(2018, node_time="joined")
    with pytest.raises(TypeError, match="t must be"):
        net.snapshot("soon", node_time="joined")
    nd["joined"] = pd.Timestamp("2016-01-01")
    untimed = MultiLevelNetwork.from_tables(nd, ties.drop(columns="time"), mem.drop(columns="time"))
    with pytest.raises(InvalidParameterError, match="invalid time"):
        untimed.snapshot("soon", node_time="joined")
    assert untimed.snapshot("2016-01-01", node_time="joined").num_nodes == len(nd)
    assert untimed.snapshot("2015-12-31", node_time="joined").num_nodes == 0


def test_health_over_time_node_time(tables):
    nodes, ties, mem = tables
    net = MultiLevelNetwork.from_tables(nodes, ties, mem)
    times = [2014, 2017, 2020]
    df = health_over_time(net, times, node_time="joined", seed=2, betweenness_k=16, attribute="sector")
    assert df.index.get_level_values("time").unique().tolist() == times
    for t in times:
        ref = health(
            MultiLevelNetwork.from_tables(*_filtered(nodes, ties, mem, t)), seed=2, betweenness_k=16, attribute="sector"
        ).to_pandas()
        got = df.xs(t, level="time")[ref.columns]
        pd.testing.assert_frame_equal(got, ref, check_names=False, check_dtype=False)
    nodes_all = df.xs("all", level="level")["nodes"].tolist()
    assert nodes_all == [len(_filtered(nodes, ties, mem, t)[0]) for t in times]
    assert nodes_all == sorted(nodes_all) and nodes_all[0] < net.num_nodes


def test_health_over_time_node_time_default_times():
    nodes = {"node": ["a", "b", "c", "O"], "level": ["member"] * 3 + ["organization"], "joined": [2010, 2012, 2021, 2010]}
    ties = {"source": ["a", "b"], "target": ["b", "c"], "time": [2015, 2021]}
    mem = {"member": ["a", "b"], "group": ["O", "O"], "time": [2013, 2016]}
    net = MultiLevelNetwork.from_tables(nodes, ties, mem)
    df = health_over_time(net, node_time="joined", seed=1)
    members = df.xs("member", level="level")
    assert members.index.tolist() == [2010, 2012, 2013, 2015, 2016, 2021]
    assert members["nodes"].tolist() == [1, 2, 2, 2, 2, 3]
    assert members["edges"].tolist() == [0, 0, 0, 1, 1, 2]
    assert members["nodes_change"].tolist()[1:] == [1.0, 0.0, 0.0, 0.0, 1.0]
    # without node_time: the tie and membership times only, every node present
    plain = health_over_time(net, seed=1).xs("member", level="level")
    assert plain.index.tolist() == [2013, 2015, 2016, 2021] and set(plain["nodes"]) == {3}
    with pytest.raises(InvalidParameterError, match="unknown attribute"):
        health_over_time(net, node_time="since")


def test_analyze_uses_joined():
    from impactgraph.analyze import analyze

    nodes, ties, mem = ig.generators.impact_network_tables(
        n_members=600, n_organizations=30, n_local_networks=4, n_meta_networks=2, seed=1
    )
    r = analyze((nodes, ties, mem), seed=3, diffusion_runs=5)
    hot = r.summary["health_over_time"]
    assert hot is not None and hot["node_time"] == "joined"
    times = [int(t) for t in hot["time"]]
    assert len(times) >= 2
    for level in ("member", "organization"):
        counts = hot["metrics"]["nodes"][level]
        lv = nodes[nodes["level"] == level]
        assert counts == [int((lv["joined"] <= t).sum()) for t in times], level
        assert counts == sorted(counts) and counts[0] < counts[-1]
    # the time points cover the joining years too: the first is the first joining year
    assert times[0] == int(min(nodes["joined"].min(), ties["time"].min(), mem["time"].min()))
    # without a joined attribute the node counts stay flat
    r2 = analyze((nodes.drop(columns="joined"), ties, mem), seed=3, diffusion_runs=5)
    hot2 = r2.summary["health_over_time"]
    assert hot2["node_time"] is None
    assert set(hot2["metrics"]["nodes"]["member"]) == {int((nodes["level"] == "member").sum())}
