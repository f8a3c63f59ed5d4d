"""networkx dispatch: ``nx.<fn>(G, backend="impactgraph")`` against plain networkx on the same
networkx graph, on ``snap_email_enron`` (36,692 nodes, 183,831 edges) and the session's R-MAT graph
(scale 16 in CI: 65,536 nodes, about 1M edges).

Three timings per function and dataset (``backend`` parameter):

- ``networkx``: networkx's own implementation;
- ``impactgraph``: the dispatched call *including* the conversion of the networkx graph (the
  conversion cache ``G.__networkx_cache__`` is cleared before every round), what a first call costs;
- ``impactgraph-cached``: the dispatched call with the converted graph taken from the cache, what
  every later call on the same graph costs (networkx caches conversions by default).

The conversion alone is timed as the function ``convert``. Betweenness runs on k sampled sources:
the backend draws them exactly as networkx does (``seed.sample(list(G), k)``), so both compute the
same numbers, which the benchmark checks. ``python benches/report.py out.json`` prints these rows as
a separate table.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from conftest import NETWORKX_MAX_SCALE

nx = pytest.importorskip("networkx")

import impactgraph as ig  # noqa: E402
from impactgraph.nx import backend_interface, implemented  # noqa: E402

nx.config.warnings_to_ignore.add("cache")

#: function -> (keyword arguments, datasets it runs on)
CASES: dict[str, tuple[dict, tuple[str, ...]]] = {
    "pagerank": ({}, ("enron", "rmat")),
    "betweenness_centrality": ({"k": 16, "seed": 42}, ("enron", "rmat")),
    "core_number": ({}, ("enron", "rmat")),
    "average_clustering": ({}, ("enron", "rmat")),
    "number_connected_components": ({}, ("enron", "rmat")),
    "eigenvector_centrality": ({"max_iter": 1000}, ("enron", "rmat")),
    "louvain_communities": ({"seed": 42}, ("enron", "rmat")),
    "label_propagation_communities": ({}, ("enron", "rmat")),
    # networkx's constraint on R-MAT hubs takes minutes (quadratic in the degree)
    "constraint": ({}, ("enron",)),
}
#: edge attribute each function asks networkx to convert (its ``weight`` default), for ``convert``
EDGE_ATTRS = {"core_number": None, "number_connected_components": None, "label_propagation_communities": None}

_graphs: dict = {}


def _nx_graph(dataset: str, peer_graph, scale: int):
    if dataset in _graphs:
        return _graphs[dataset]
    if dataset == "enron":
        path = Path(__file__).resolve().parents[2] / "shared" / "data" / "snap_email_enron" / "email-Enron.txt.gz"
        if not path.exists():
            pytest.skip(f"{path} not found")
        H = ig.read_edgelist(path).to_networkx()
    else:
        if scale > NETWORKX_MAX_SCALE:
            pytest.skip(f"networkx skipped above scale {NETWORKX_MAX_SCALE} (memory and time)")
        # a private copy: the conversion cache of this graph must not leak into other benches
        H = peer_graph("networkx").copy()
    _graphs[dataset] = H
    return H


def _same(name: str, got, want, H) -> None:
    if name in ("pagerank", "eigenvector_centrality", "betweenness_centrality", "constraint"):
        keys = list(want)
        a = np.array([got[k] for k in keys])
        b = np.array([want[k] for k in keys])
        ok = ~np.isnan(b)
        tol = 1e-4 if name == "eigenvector_centrality" else 1e-6
        np.testing.assert_allclose(a[ok], b[ok], rtol=tol, atol=tol * float(np.abs(b[ok]).max()))
    elif name in ("core_number", "number_connected_components", "label_propagation_communities"):
        if name == "label_propagation_communities":
            got, want = sorted(map(sorted, got)), sorted(map(sorted, want))
        assert got == want
    elif name == "louvain_communities":  # a random algorithm: at least networkx's modularity, less a margin
        def q(c):
            return nx.community.modularity(H, c, backend="impactgraph")

        assert q(got) >= q(want) - 0.01
    elif name == "average_clustering":
        assert got == pytest.approx(want, rel=1e-9)


_want: dict = {}


@pytest.mark.benchmark(group="nx dispatch")
@pytest.mark.parametrize("backend", ["networkx", "impactgraph", "impactgraph-cached"])
@pytest.mark.parametrize("dataset", ["enron", "rmat"])
@pytest.mark.parametrize("name", list(CASES) + ["convert"])
def test_dispatch(benchmark, name, dataset, backend, peer_graph, scale):
    if name != "convert":
        kwargs, datasets = CASES[name]
        if dataset not in datasets:
            pytest.skip(f"{name} not benchmarked on {dataset}")
        if name not in implemented():
            pytest.skip(f"{name} is not implemented by the backend yet")
    H = _nx_graph(dataset, peer_graph, scale)
    benchmark.group = f"nx dispatch: {name} ({dataset})"
    if name == "convert":
        if backend != "impactgraph":
            pytest.skip("the conversion is timed once")
        out = benchmark.pedantic(
            backend_interface.convert_from_nx, args=(H,), kwargs={"edge_attrs": {"weight": 1}}, rounds=3, iterations=1
        )
        assert out.num_edges == H.number_of_edges()
        return
    f = getattr(nx, name, None) or getattr(nx.community, name)  # the public function (seed decorators)
    slow = dataset == "rmat"
    if backend == "networkx":
        kw = dict(kwargs, backend="networkx")
        got = benchmark.pedantic(lambda: f(H, **kw), rounds=1 if slow else 2, iterations=1)
        _want[(name, dataset)] = got
        return
    kw = dict(kwargs, backend="impactgraph")
    if backend == "impactgraph":

        def clear():
            H.__networkx_cache__.clear()

        got = benchmark.pedantic(lambda: f(H, **kw), setup=clear, rounds=3, iterations=1)
    else:
        f(H, **kw)  # warm the conversion cache
        got = benchmark.pedantic(lambda: f(H, **kw), rounds=3, iterations=1)
    if (name, dataset) in _want:
        _same(name, got, _want[(name, dataset)], H)
