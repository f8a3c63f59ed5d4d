"""networkx adapters: structure (degree centralities, components), over impactgraph.structure."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
import numpy as np

from .. import _core as _ig
from .. import structure as _st
from ._registry import networkx_algorithm
from .convert import adjacency_rows, node_dict, node_list, node_sets, threads

# ---- section: degree ----


@networkx_algorithm(linear_time=True)
def degree_centrality(G: Any) -> dict:
    if len(G) <= 1:
        return {v: 1 for v in node_list(G)}
    return node_dict(G, _st.degree_centrality(G, threads=threads()))


@networkx_algorithm(linear_time=True)
def in_degree_centrality(G: Any) -> dict:
    if len(G) <= 1:
        return {v: 1 for v in node_list(G)}
    return node_dict(G, _st.in_degree_centrality(G, threads=threads()))


@networkx_algorithm(linear_time=True)
def out_degree_centrality(G: Any) -> dict:
    if len(G) <= 1:
        return {v: 1 for v in node_list(G)}
    return node_dict(G, _st.out_degree_centrality(G, threads=threads()))


# ---- end section: degree ----

# ---- section: components ----
# networkx's ``@not_implemented_for("directed"/"undirected")`` runs before dispatch, so the
# adapters below only ever see the graph kind networkx accepts. Multigraphs are accepted:
# parallel edges (merged by the conversion) do not change connectivity.


def _components(G: Any, labels: Any) -> Iterator[set]:
    """Components as sets of nodes, in networkx's order for connected/weakly connected
    components: by the first node (in node order) of each component (canonical labels number
    them so). A generator, as networkx's; each set is a fresh object."""
    return iter(node_sets(G, labels))


@networkx_algorithm(multigraph=True, linear_time=True)
def connected_components(G: Any) -> Iterator[set]:
    return _components(G, _st.connected_components(G, threads=threads()))


@networkx_algorithm(multigraph=True, linear_time=True)
def number_connected_components(G: Any) -> int:
    return _st.number_connected_components(G, threads=threads())


@networkx_algorithm(multigraph=True, linear_time=True)
def is_connected(G: Any) -> bool:
    if G.num_nodes == 0:
        raise nx.NetworkXPointlessConcept("Connectivity is undefined for the null graph.")
    return bool(_st.is_connected(G, threads=threads()))


@networkx_algorithm(multigraph=True, linear_time=True)
def node_connected_component(G: Any, n: Any) -> set:
    try:
        (i,) = G.node_ids([n]).tolist()
    except (KeyError, TypeError, ValueError):
        raise KeyError(n) from None  # networkx: KeyError from G._adj[n]
    labels = _st.connected_components(G, threads=threads())
    keys = node_list(G)
    return {keys[j] for j in np.flatnonzero(labels == labels[i]).tolist()}


@networkx_algorithm(multigraph=True, linear_time=True)
def weakly_connected_components(G: Any) -> Iterator[set]:
    return _components(G, _st.weakly_connected_components(G, threads=threads()))


@networkx_algorithm(multigraph=True, linear_time=True)
def number_weakly_connected_components(G: Any) -> int:
    return _st.number_weakly_connected_components(G, threads=threads())


@networkx_algorithm(multigraph=True, linear_time=True)
def is_weakly_connected(G: Any) -> bool:
    if G.num_nodes == 0:
        raise nx.NetworkXPointlessConcept("Connectivity is undefined for the null graph.")
    return bool(_st.is_weakly_connected(G, threads=threads()))


def _in_label_order(G: Any, labels: np.ndarray) -> list[set]:
    """Components as sets of nodes, component ``0`` first (labels are ``0..k-1``)."""
    lab = np.asarray(labels, dtype=np.int64)
    order = np.argsort(lab, kind="stable")
    cuts = np.flatnonzero(np.diff(lab[order])) + 1
    keys = node_list(G)
    return [{keys[i] for i in g.tolist()} for g in np.split(order, cuts)] if lab.size else []


@networkx_algorithm(multigraph=True, linear_time=True)
def strongly_connected_components(G: Any) -> Iterator[set]:
    # networkx yields Tarjan's components in depth-first finishing order (its node and adjacency
    # order), which condensation's numbering and networkx's tests rely on: the same search, in Rust
    indptr, indices = adjacency_rows(G)
    order = _ig.strongly_connected_components_in_search_order(indptr, indices)
    return iter(_in_label_order(G, order))


@networkx_algorithm(multigraph=True, linear_time=True)
def number_strongly_connected_components(G: Any) -> int:
    return _st.number_strongly_connected_components(G, threads=threads())


@networkx_algorithm(multigraph=True, linear_time=True)
def is_strongly_connected(G: Any) -> bool:
    if G.num_nodes == 0:
        raise nx.NetworkXPointlessConcept("Connectivity is undefined for the null graph.")
    return bool(_st.is_strongly_connected(G, threads=threads()))


# ---- end section: components ----
