"""`python -m impactgraph demo` on a small R-MAT graph: it runs every step and its summary agrees
with networkx on the same graph (component count, PageRank mass, Leiden modularity)."""

from __future__ import annotations

import re

import networkx as nx
import pytest

import impactgraph as ig
from impactgraph.__main__ import main


def test_demo_small(capsys):
    assert main(["demo", "--scale", "10", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    G = ig.generators.rmat(10, 16, seed=3)
    H = G.to_networkx()
    comps = int(re.search(r"components: ([\d,]+);", out).group(1).replace(",", ""))
    assert comps == nx.number_connected_components(H)
    assert "PageRank sums to 1.000000" in out
    m = re.search(r"communities: ([\d,]+) \(modularity ([\d.]+)\)", out)
    part = ig.community.leiden_communities(G, n_iterations=2, seed=3)
    assert int(m.group(1).replace(",", "")) == len(part)
    assert float(m.group(2)) == pytest.approx(nx.community.modularity(H, part.communities), abs=1e-4)
