"""networkx adapters: bipartite projections (networkx's signatures and result types), over
:mod:`impactgraph.bipartite`.

networkx builds its result node by node: the projected nodes first, in the order given, with a
shallow copy of their attributes in ``B`` and ``B.graph``; then one edge per tie ``u -> v`` for
every ``v != u`` reached from ``u`` in two steps (a node outside ``nodes`` is added when the
input is not bipartite). The adapters build the same graph from impactgraph's tie arrays
(``within=False``), with the same weight types: ``int`` counts, ``float`` ratios.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from .. import bipartite as _bp
from ._registry import networkx_algorithm
from ..graph import Graph
from .convert import node_list, threads


def _start(B: Any, nodes: Any, *, multigraph: bool = False) -> tuple[Any, list[Any]]:
    """networkx's empty result with ``B``'s graph attributes and the projected nodes (with
    their attributes), and the distinct nodes to project from, in order. An iterator of nodes
    is consumed by adding the nodes, as in networkx (whose loop over it then sees nothing)."""
    import networkx as nx

    if B.is_directed():
        G = nx.MultiDiGraph() if multigraph else nx.DiGraph()
    else:
        G = nx.MultiGraph() if multigraph else nx.Graph()
    src = _nx_source(B)
    if src is not None:
        G.graph.update(src.graph)
        G.add_nodes_from((n, src.nodes[n]) for n in nodes)
    else:  # an impactgraph Graph given directly: no attributes (NodeNotFoundError is a KeyError)
        G.add_nodes_from(n for n in nodes if B.node_id(n) >= 0)
    if isinstance(nodes, Iterator):
        return G, []
    return G, list(dict.fromkeys(nodes))


def _nx_source(B: Any) -> Any:
    """The networkx graph ``B`` was converted from, or ``None`` for an impactgraph Graph given
    directly (networkx dispatches those without conversion)."""
    return getattr(B, "_nx_graph", None) if isinstance(B, Graph) else B


def _ties(B: Any, rows: list[Any], weighting: str) -> tuple[list[Any], list[Any], np.ndarray]:
    """Tie endpoints as nodes of ``B`` and the weights (networkx's ties: ``within=False``)."""
    if not rows:
        return [], [], np.zeros(0)
    src, dst, w = _bp.projection_ties(B, rows, weighting=weighting, within=False, threads=threads())
    keys = node_list(B)
    return [keys[i] for i in src.tolist()], [keys[i] for i in dst.tolist()], w


# ---- section: bipartite ----


@networkx_algorithm(multigraph=True)
def projected_graph(B: Any, nodes: Any, multigraph: bool = False) -> Any:
    import networkx as nx

    src = _nx_source(B)
    if src is not None and src.is_multigraph():  # the converted graph merged the parallel edges
        raise nx.NetworkXError("not defined for multigraphs")
    G, rows = _start(B, nodes, multigraph=multigraph)
    if multigraph:
        if rows:
            us, vs, via = _bp.shared_neighbors(B, rows, within=False, threads=threads())
            keys = node_list(B)
            # one edge per shared neighbour, keyed by it (networkx's add_edge(u, v, key=w))
            G.add_edges_from(
                (keys[u], keys[v], keys[k], {}) for u, v, k in zip(us.tolist(), vs.tolist(), via.tolist())
            )
        return G
    ends_u, ends_v, _ = _ties(B, rows, "count")
    G.add_edges_from(zip(ends_u, ends_v))
    return G


@networkx_algorithm
def weighted_projected_graph(B: Any, nodes: Any, ratio: bool = False) -> Any:
    import networkx as nx

    G, rows = _start(B, nodes)
    n_top = len(B) - len(nodes)
    if n_top < 1:
        raise nx.NetworkXAlgorithmError(
            f"the size of the nodes to project onto ({len(nodes)}) is >= the graph size ({len(B)}).\n"
            "They are either not a valid bipartite partition or contain duplicates"
        )
    us, vs, w = _ties(B, rows, "count")
    if ratio:
        # networkx divides by len(B) - len(nodes), counting repeated nodes: so do we
        weights: list[Any] = (w / n_top).tolist()
    else:
        weights = w.astype(np.int64).tolist()
    G.add_weighted_edges_from(zip(us, vs, weights))
    return G


@networkx_algorithm
def collaboration_weighted_projected_graph(B: Any, nodes: Any) -> Any:
    G, rows = _start(B, nodes)
    us, vs, w = _ties(B, rows, "newman")
    # networkx's weight is sum(...) over the shared neighbours of degree > 1: the int 0 if none
    G.add_weighted_edges_from(zip(us, vs, [x if x != 0.0 else 0 for x in w.tolist()]))
    return G


@networkx_algorithm
def overlap_weighted_projected_graph(B: Any, nodes: Any, jaccard: bool = True) -> Any:
    G, rows = _start(B, nodes)
    us, vs, w = _ties(B, rows, "jaccard" if jaccard else "overlap")
    G.add_weighted_edges_from(zip(us, vs, w.tolist()))
    return G


@networkx_algorithm
def generic_weighted_projected_graph(B: Any, nodes: Any, weight_function: Any = None) -> Any:
    G, rows = _start(B, nodes)
    us, vs, w = _ties(B, rows, "count")
    G.add_weighted_edges_from(zip(us, vs, w.astype(np.int64).tolist()))
    return G


@generic_weighted_projected_graph._can_run
def _(B: Any, nodes: Any, weight_function: Any = None) -> bool | str:
    if weight_function is not None:
        return "weight_function is a Python function of (B, u, v): impactgraph computes the built-in weightings only"
    return True


# ---- end section: bipartite ----
