"""networkx adapters: structure (degree centralities, components), over impactgraph.structure."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
import numpy as np

from .. import structure as _st
from ._registry import networkx_algorithm
from .convert import node_dict, node_list, node_sets, threads

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


def _sinks_first(G: Any, labels: np.ndarray) -> np.ndarray:
    """Component ids ``0..k-1`` in a reverse topological order of the condensation (every
    component after all the components it reaches), ties by first node: the order property of
    networkx's (Tarjan) ``strongly_connected_components``, on which ``condensation``'s
    numbering and tests rely. Kahn's algorithm on the condensation, O(n + m) numpy plus one
    Python step per component and condensation arc."""
    k = int(labels.max()) + 1 if labels.size else 0
    if k <= 1:
        return np.arange(k)
    src, dst, _ = G.edges()
    cu, cv = labels[src].astype(np.int64), labels[dst].astype(np.int64)
    keep = cu != cv
    if not keep.any():
        return np.arange(k)
    arcs = np.unique(cu[keep] * k + cv[keep])
    cu, cv = arcs // k, arcs % k
    outdeg = np.bincount(cu, minlength=k).tolist()
    by_dst = np.argsort(cv, kind="stable")
    pred = cu[by_dst].tolist()
    start = np.searchsorted(cv[by_dst], np.arange(k + 1)).tolist()
    order = [c for c in range(k) if outdeg[c] == 0]
    i = 0
    while i < len(order):  # order grows while it is read: a FIFO queue
        c = order[i]
        i += 1
        for p in pred[start[c] : start[c + 1]]:
            outdeg[p] -= 1
            if outdeg[p] == 0:
                order.append(p)
    return np.asarray(order)


@networkx_algorithm(multigraph=True, linear_time=True)
def strongly_connected_components(G: Any) -> Iterator[set]:
    labels = _st.strongly_connected_components(G, threads=threads())
    sets = node_sets(G, labels)  # sets[c] is component c (canonical labels: by first node)
    return (sets[c] for c in _sinks_first(G, labels).tolist())


@networkx_algorithm(multigraph=True, linear_time=True)
def number_strongly_connected_components(G: Any) -> int:
    return _st.number_strongly_connected_components(G, threads=threads())


@networkx_algorithm(multigraph=True, linear_time=True)
def is_strongly_connected(G: Any) -> bool:
    if G.num_nodes == 0:
        raise nx.NetworkXPointlessConcept("Connectivity is undefined for the null graph.")
    return bool(_st.is_strongly_connected(G, threads=threads()))


# ---- end section: components ----
