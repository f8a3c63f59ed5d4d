"""Betweenness (node and edge, exact and sampled) with networkx as the oracle."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

import impactgraph as ig
from impactgraph.errors import InvalidGraphError, InvalidParameterError
from impactgraph.testing import random_networkx_graphs

REL = 1e-9


def nx_vector(H, d):
    return np.array([d[v] for v in H], dtype=float)


def assert_close(got, want, msg=""):
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape, msg
    np.testing.assert_allclose(got, want, rtol=REL, atol=1e-12, err_msg=str(msg))


def nx_edge_vector(H, G, d):
    """networkx's {(u, v): value} in the order of G.edges() (ids follow H's node order)."""
    nodes = list(H)
    src, dst, _ = G.edges()
    out = []
    for s, t in zip(src.tolist(), dst.tolist()):
        u, v = nodes[s], nodes[t]
        out.append(d[(u, v)] if (u, v) in d else d[(v, u)])
    return np.array(out, dtype=float)


def check_nodes(H, G=None, **kw):
    G = ig.Graph.from_networkx(H) if G is None else G
    got = ig.betweenness_centrality(G, **kw)
    assert got.dtype == np.float64 and got.shape == (len(H),)
    assert_close(got, nx_vector(H, nx.betweenness_centrality(H, **kw)), kw)


def check_edges(H, G=None, **kw):
    G = ig.Graph.from_networkx(H) if G is None else G
    src, dst, val = ig.edge_betweenness_centrality(G, **kw)
    s2, d2, _ = G.edges()
    assert src.dtype == np.uint32 and dst.dtype == np.uint32 and val.dtype == np.float64
    np.testing.assert_array_equal(src, s2)
    np.testing.assert_array_equal(dst, d2)
    assert_close(val, nx_edge_vector(H, G, nx.edge_betweenness_centrality(H, **kw)), kw)


@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("normalized", [True, False])
@pytest.mark.parametrize("endpoints", [False, True])
def test_nodes_match_networkx(corpus_graph, weight, normalized, endpoints):
    name, H = corpus_graph
    check_nodes(H, weight=weight, normalized=normalized, endpoints=endpoints)


@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("normalized", [True, False])
def test_edges_match_networkx(corpus_graph, weight, normalized):
    name, H = corpus_graph
    check_edges(H, weight=weight, normalized=normalized)


def test_undirected_views_of_directed_corpus(corpus_graph):
    """Directed graphs of the corpus seen as undirected, and undirected ones as directed."""
    name, H = corpus_graph
    H2 = H.to_undirected() if H.is_directed() else H.to_directed()
    check_nodes(H2, weight="weight")
    check_edges(H2, weight="weight")


def _read(data_dir, folder, file, directed):
    G = ig.read_edgelist(data_dir / folder / file, directed=directed)
    return G, G.to_networkx()


def test_email_eu_core_matches_networkx(data_dir):
    G, H = _read(data_dir, "email_eu_core", "email-Eu-core.txt.gz", True)
    assert G.num_nodes == 1005 and H.is_directed()
    check_nodes(H, G)


def test_email_eu_core_edges_match_networkx(data_dir):
    G, H = _read(data_dir, "email_eu_core", "email-Eu-core.txt.gz", True)
    check_edges(H, G, normalized=False)


@pytest.mark.slow
def test_ca_grqc_matches_networkx(data_dir):
    G, H = _read(data_dir, "snap_ca_grqc", "ca-GrQc.txt.gz", False)
    check_nodes(H, G)
    check_edges(H, G)


