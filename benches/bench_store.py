"""Saving and loading the session R-MAT graph in each library's binary format: impactgraph's
``Graph.save`` / ``Graph.load`` (memory-mapped and read into memory, with and without checksum
verification) against NetworKit's ``NetworkitBinaryWriter`` / ``NetworkitBinaryReader``, in the
same run. (The first load after a save reads from the page cache, as later rounds do.)"""

from __future__ import annotations

import pytest
from conftest import skip_unavailable

import impactgraph as ig


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("store")


@pytest.mark.benchmark(group="save")
@pytest.mark.parametrize("backend", ["impactgraph", "networkit"])
def test_save(benchmark, backend, store_dir, rmat_graph, peer_graph, scale):
    skip_unavailable(backend, scale)
    if backend == "impactgraph":
        G = rmat_graph[0]
        benchmark.pedantic(G.save, args=(store_dir / "g.igraph",), rounds=3, iterations=1)
    else:
        import networkit as nk

        g = peer_graph("networkit")
        w = nk.graphio.NetworkitBinaryWriter()
        benchmark.pedantic(w.write, args=(g, str(store_dir / "g.nkbg")), rounds=3, iterations=1)


LOADS = {
    "impactgraph-mmap": dict(mmap=True, verify=True),
    "impactgraph-mmap-noverify": dict(mmap=True, verify=False),
    "impactgraph-read": dict(mmap=False, verify=True),
    "impactgraph-read-noverify": dict(mmap=False, verify=False),
}


@pytest.mark.benchmark(group="load")
@pytest.mark.parametrize("variant", [*LOADS, "networkit"])
def test_load(benchmark, variant, store_dir, rmat_graph, peer_graph, scale):
    G = rmat_graph[0]
    if variant == "networkit":
        skip_unavailable("networkit", scale)
        import networkit as nk

        path = store_dir / "g.nkbg"
        nk.graphio.NetworkitBinaryWriter().write(peer_graph("networkit"), str(path))
        g = benchmark.pedantic(
            lambda: nk.graphio.NetworkitBinaryReader().read(str(path)), rounds=3, iterations=1
        )
        assert g.numberOfEdges() == G.num_edges
        return
    path = store_dir / "g.igraph"
    G.save(path)
    H = benchmark.pedantic(ig.Graph.load, args=(path,), kwargs=LOADS[variant], rounds=3, iterations=1)
    assert H.num_edges == G.num_edges
