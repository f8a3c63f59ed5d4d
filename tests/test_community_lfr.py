"""Leiden and Louvain on LFR benchmark graphs (Lancichinetti, Fortunato & Radicchi 2008) with
mixing mu = 0.2 to 0.5: NMI against the planted communities at least leidenalg's (each side:
the best-modularity partition of 10 seeds), modularity within 0.002 of leidenalg's."""

from __future__ import annotations

import numpy as np
import pytest

import impactgraph as ig
from impactgraph.community import normalized_mutual_info

LFR = dict(tau1=2.5, tau2=1.5, average_degree=15, max_degree=60, min_community=30, max_community=150)


def _leidenalg_best(G: ig.Graph, seeds: int = 10):
    igraph = pytest.importorskip("igraph")
    leidenalg = pytest.importorskip("leidenalg")
    s, d, _ = G.edges()
    h = igraph.Graph(n=G.num_nodes, edges=np.column_stack([s, d]).tolist())
    parts = [leidenalg.find_partition(h, leidenalg.ModularityVertexPartition, seed=k, n_iterations=-1) for k in range(seeds)]
    best = max(parts, key=lambda p: p.modularity)
    return np.asarray(best.membership), best.modularity


@pytest.mark.parametrize("mu", [0.2, 0.3, 0.4, 0.5])
def test_leiden_nmi_on_lfr_at_least_leidenalg(mu):
    G, truth = ig.generators.lfr(2000, seed=int(mu * 10), mu=mu, **LFR)
    theirs, q_theirs = _leidenalg_best(G)
    ours = max((ig.community.leiden_communities(G, seed=k) for k in range(10)), key=lambda p: p.modularity)
    nmi, nmi_theirs = normalized_mutual_info(ours, truth), normalized_mutual_info(theirs, truth)
    assert ours.modularity >= q_theirs - 0.002, (ours.modularity, q_theirs)
    assert nmi >= nmi_theirs - 1e-9, (mu, nmi, nmi_theirs)
    if mu <= 0.3:
        assert nmi > 0.95


@pytest.mark.parametrize("mu", [0.2, 0.4])
def test_louvain_on_lfr_close_to_leiden(mu):
    G, truth = ig.generators.lfr(2000, seed=7, mu=mu, **LFR)
    lv = ig.community.louvain_communities(G, seed=1)
    ld = ig.community.leiden_communities(G, seed=1)
    assert lv.modularity >= ld.modularity - 0.01
    assert normalized_mutual_info(lv, truth) >= normalized_mutual_info(ld, truth) - 0.05
