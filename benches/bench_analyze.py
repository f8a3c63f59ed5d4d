"""The main job, ``impactgraph analyze``, on the embedded example (100,000 members, 3,000
organizations, 150 local networks, 8 meta-networks; ``generators.impact_network()``): the whole
analysis without writing (every metric of every node, health per level and over time, the
cross-level diffusion) and with writing the output folder (Parquet, CSV, JSON, HTML). No peer
library runs this pipeline, so there is no backend axis; per-step times are in the README."""

from __future__ import annotations

import pytest

import impactgraph as ig

_cache: dict = {}


def _example():
    if "net" not in _cache:
        _cache["net"] = ig.impact_network()
    return _cache["net"]


@pytest.mark.benchmark(group="analyze")
def test_analyze_example(benchmark):
    net = _example()
    res = benchmark.pedantic(ig.analyze.analyze, args=(net,), kwargs={"seed": 42}, rounds=1, iterations=1)
    assert len(res.nodes) == net.num_nodes
    assert res.summary["communities"]["count"] > 1


@pytest.mark.benchmark(group="analyze")
def test_analyze_example_write(benchmark, tmp_path):
    net = _example()
    out = tmp_path / "report"
    res = benchmark.pedantic(
        ig.analyze.analyze, args=(net, out), kwargs={"seed": 42, "force": True}, rounds=1, iterations=1
    )
    assert (out / "report.html").stat().st_size > 10_000
    assert len(res.nodes) == net.num_nodes
