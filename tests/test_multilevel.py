"""impactgraph.multilevel: the multi-level network model, against hand computations, networkx
and published values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactgraph as ig
from impactgraph.errors import InvalidParameterError, NodeNotFoundError
from impactgraph.multilevel import DEFAULT_LEVELS, MultiLevelNetwork


def small_tables():
    nodes = pd.DataFrame(
        {
            "node": ["a", "b", "c", "d", "o1", "o2", "o3", "L1", "L2"],
            "level": ["member"] * 4 + ["organization"] * 3 + ["local_network"] * 2,
            "sector": list("xyzwxyzab"),
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["a", "b", "o1", "a"],
            "target": ["b", "c", "o2", "d"],
            "weight": [1.0, 2.0, 3.0, 4.0],
            "time": ["2020-01-01", "2021-01-01", None, "2022-05-01"],
        }
    )
    mem = pd.DataFrame(
        {
            "member": ["a", "a", "b", "c", "d", "o1", "o2", "o3", "d"],
            "group": ["o1", "o2", "o2", "o3", "o3", "L1", "L1", "L2", "L2"],
            "time": pd.to_datetime(["2019-01-01"] * 8 + ["2023-01-01"]),
        }
    )
    return nodes, ties, mem


@pytest.fixture
def small():
    return MultiLevelNetwork.from_tables(*small_tables())


def test_basic_attributes(small):
    net = small
    assert net.levels == DEFAULT_LEVELS
    assert net.num_nodes == 9
    assert net.labels == ["a", "b", "c", "d", "o1", "o2", "o3", "L1", "L2"]
    assert net.node_level.tolist() == [0, 0, 0, 0, 1, 1, 1, 2, 2]
    assert net.level_nodes("organization").tolist() == [4, 5, 6]
    assert net.level_counts() == {"member": 4, "organization": 3, "local_network": 2, "meta_network": 0}
    assert net.attributes == ("sector",)
    assert net.attribute("sector").tolist() == list("xyzwxyzab")
    assert net.timed and not net.directed
    assert net.groups_of("a") == ["o1", "o2"]
    assert net.members_of("L2") == ["d", "o3"]
    s, d, w = net.ties("member")
    assert (s.tolist(), d.tolist(), w.tolist()) == ([0, 1, 0], [1, 2, 3], [1.0, 2.0, 4.0])
    assert [x.tolist() for x in net.memberships("organization")] == [[4, 5, 6], [7, 7, 8]]
    assert net.nbytes > 0


def test_rollup_hand(small):
    # a-b: a in {o1,o2}, b in {o2}: o1-o2 +1 (o2-o2 dropped); b-c: o2-o3 +1; a-d: o1-o3, o2-o3 +1;
    # shared member a: o1-o2 +1
    R = small.rollup("organization")
    assert R.labels == ["o1", "o2", "o3"]
    assert [x.tolist() for x in R.edges()] == [[0, 0, 1], [1, 2, 2], [2.0, 1.0, 2.0]]
    # member ties through member -> organization -> local network (d also directly in L2), weights summed
    R = small.rollup("local_network", from_level="member", how="sum")
    assert [x.tolist() for x in R.edges()] == [[0], [1], [6.0]]


def test_bridging_and_snapshot(small):
    b = small.bridging_members()
    assert b.labels == ["a"] and b.num_groups.tolist() == [2] and b.sole_pairs.tolist() == [1]
    assert b.groups(0) == ["o1", "o2"]
    s = small.snapshot("2021-06-01")
    assert s.ties()[0].tolist() == [0, 1, 4]
    assert s.num_memberships == 8


def test_unknown_node():
    nodes, ties, mem = small_tables()
    ties.loc[0, "source"] = "zz"
    with pytest.raises(NodeNotFoundError, match="zz"):
        MultiLevelNetwork.from_tables(nodes, ties, mem)
