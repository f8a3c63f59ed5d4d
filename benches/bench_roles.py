"""Weaver roles on the session R-MAT graph: impactgraph's weaver_roles (participation
coefficient, within-module z, role thresholds and Burt constraint) and its P + z kernel alone,
against a networkx + numpy implementation of P and z. The partition (Leiden, seed 1) is computed
once, outside the timings, and shared by every backend."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import skip_unavailable

import impactgraph as ig

_membership: dict[int, np.ndarray] = {}


def membership_of(G) -> np.ndarray:
    if id(G) not in _membership:
        _membership[id(G)] = ig.community.leiden_communities(G, weight=None, seed=1).membership
    return _membership[id(G)]


def networkx_p_z(H, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P and z by the published formulas: per-node neighbour loop in networkx, numpy for the
    per-community mean and standard deviation of the within-community degree."""
    n = H.number_of_nodes()
    k = np.zeros(n)
    kappa = np.zeros(n)
    sq = np.zeros(n)
    for u, nbrs in H.adjacency():
        if not nbrs:
            continue
        counts = np.bincount(m[np.fromiter(nbrs, dtype=np.int64, count=len(nbrs))])
        k[u] = len(nbrs)
        kappa[u] = counts[m[u]] if m[u] < counts.size else 0
        sq[u] = float(np.dot(counts, counts))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(k > 0, 1.0 - sq / k**2, 0.0)
    size = np.bincount(m).astype(float)
    mean = np.bincount(m, weights=kappa) / size
    var = np.bincount(m, weights=(kappa - mean[m]) ** 2) / size
    std = np.sqrt(var)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(std[m] > 0, (kappa - mean[m]) / std[m], 0.0)
    return p, z


def _run(backend: str, g, m: np.ndarray):
    if backend == "impactgraph":
        r = ig.roles.weaver_roles(g, m)
        return r.participation, r.z
    if backend == "impactgraph-pz":
        return ig.roles.participation_coefficient(g, m), ig.roles.within_module_degree(g, m)
    if backend == "networkx":
        return networkx_p_z(g, m)
    raise ValueError(backend)


@pytest.mark.benchmark(group="weaver_roles")
@pytest.mark.parametrize("backend", ["impactgraph", "impactgraph-pz", "networkx"])
def test_weaver_roles(benchmark, backend, peer_graph, rmat_graph, scale):
    skip_unavailable("networkx" if backend == "networkx" else "impactgraph", scale)
    G = rmat_graph[0]
    m = membership_of(G)
    g = peer_graph("networkx" if backend == "networkx" else "impactgraph")
    p, z = benchmark.pedantic(_run, args=(backend, g, m), rounds=2, iterations=1)
    ref_p = ig.roles.participation_coefficient(G, m)
    np.testing.assert_allclose(p, ref_p, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(z, ig.roles.within_module_degree(G, m), rtol=1e-9, atol=1e-9)
