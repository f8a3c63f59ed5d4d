"""benches/bench_scale.py measures what it says: each step's record equals the library's own
answer on the same R-MAT graph, and a step over the memory limit is recorded, not a crash."""

from __future__ import annotations

import importlib.util
import pathlib

import numpy as np
import pytest

import impactgraph as ig

_PATH = pathlib.Path(__file__).resolve().parents[1] / "benches" / "bench_scale.py"


def _load():
    spec = importlib.util.spec_from_file_location("bench_scale", _PATH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_records_match_the_library(tmp_path):
    bs = _load()
    recs = bs.main(["--scale", "9", "--seed", "5", "--peers", "none", "--dir", str(tmp_path), "--keep",
                    "--json", str(tmp_path / "out.json")])
    by = {r["step"]: r for r in recs}
    G = ig.generators.rmat(9, 16, seed=5)
    assert by["generate"]["nodes"] == 512 and by["generate"]["edges"] == G.num_edges
    assert by["generate"]["nbytes"] == G.nbytes
    H = ig.load_graph(tmp_path / "rmat9.igb")
    assert H.num_edges == G.num_edges
    np.testing.assert_array_equal(H._core.indices(False), G._core.indices(False))
    cc = np.bincount(ig.structure.connected_components(G))
    assert by["components"]["components"] == cc.size and by["components"]["largest"] == cc.max()
    assert by["core_number"]["max_core"] == ig.centrality.core_number(G).max()
    pr = ig.centrality.pagerank(G)
    assert by["pagerank"]["top"] == int(np.argmax(pr))
    p = ig.community.louvain_communities(G, seed=1)
    assert by["louvain"]["modularity"] == pytest.approx(p.modularity, abs=1e-12)
    for r in recs:
        assert r["seconds"] >= 0 and r["peak_rss"] > 10 * 2**20  # a Python process holds > 10 MiB
        assert 0 < r["peak_anon"] <= r["peak_rss"] + 2**20  # own memory is part of the resident set
    assert "| louvain |" in bs.table(recs)
    assert (tmp_path / "out.json").stat().st_size > 0


def test_memory_limit_stops_a_step(tmp_path):
    bs = _load()
    with pytest.raises(SystemExit, match="out of memory"):
        bs.main(["--scale", "8", "--peers", "none", "--steps", "generate", "--mem-limit-gb", "0.001",
                 "--dir", str(tmp_path)])
