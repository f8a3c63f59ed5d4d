"""The embedded example's generator at its default size (100,000 members, 3,000 organizations,
150 local networks, 8 meta-networks, 500,000 member ties): the tables alone, and the
``MultiLevelNetwork`` built from them. No peer library generates this model, so there is no
backend axis."""

from __future__ import annotations

import pytest

import impactgraph as ig


@pytest.mark.benchmark(group="impact_network")
def test_impact_network_tables(benchmark):
    nodes, ties, memberships = benchmark.pedantic(ig.impact_network_tables, kwargs={"seed": 0}, rounds=3, iterations=1)
    assert len(nodes) == 100_000 + 3_000 + 150 + 8
    assert int(ties["source"].str.startswith("m").sum()) == 500_000
    assert 120_000 <= int(memberships["member"].str.startswith("m").sum()) <= 140_000


@pytest.mark.benchmark(group="impact_network")
def test_impact_network(benchmark):
    net = benchmark.pedantic(ig.impact_network, kwargs={"seed": 0}, rounds=2, iterations=1)
    assert net.level_counts() == {"member": 100_000, "organization": 3_000, "local_network": 150, "meta_network": 8}
