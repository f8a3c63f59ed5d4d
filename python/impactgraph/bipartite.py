"""One-mode projections of two-mode (bipartite, affiliation) graphs.

A person–event graph projected onto the people ties two people when they attended a common
event; the tie's weight counts the shared events (``"count"``), or normalises them
(``"ratio"``, ``"jaccard"``, ``"overlap"``), or weighs each event by its size (``"newman"``).
The projection is the sparse product ``A·A`` restricted to the projected nodes, computed in
Rust row by row in parallel, without a dense matrix. The definitions are networkx's
(``networkx.algorithms.bipartite.projection``), including directed graphs: there ``u -> v`` when
a path ``u -> w -> v`` exists, and the neighbourhoods are the successors of ``u`` and the
predecessors of ``v``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core as _ig
from ._util import check_threads, core_of, real_arg
from .errors import InvalidParameterError

if TYPE_CHECKING:
    from .graph import Graph

__all__ = ["projection_ties", "projected_graph", "shared_neighbors", "WEIGHTINGS"]

#: The weightings of a projection (``None``: an unweighted graph, the ties of ``"count"``).
WEIGHTINGS = ("count", "ratio", "newman", "jaccard", "overlap")


def _weighting(weighting: Any, allow_none: bool) -> str:
    if weighting is None and allow_none:
        return "count"
    if not isinstance(weighting, str) or weighting not in WEIGHTINGS:
        allowed = ", ".join(repr(w) for w in ((None,) if allow_none else ()) + WEIGHTINGS)
        raise InvalidParameterError(f"invalid weighting: must be one of {allowed}, got {weighting!r}")
    return weighting


def _row_ids(G: Graph, nodes: Any) -> np.ndarray:
    """uint32 ids of the projected nodes: a boolean mask of length n, or an iterable of node
    labels (ids when the graph has none), distinct."""
    n = G.num_nodes
    if isinstance(nodes, np.ndarray) and nodes.dtype == np.bool_:
        if nodes.ndim != 1 or nodes.shape[0] != n:
            raise InvalidParameterError(f"invalid nodes: a boolean mask must have length {n}, got shape {nodes.shape}")
        return np.flatnonzero(nodes).astype(np.uint32)
    if isinstance(nodes, (str, bytes)) or not isinstance(nodes, Iterable):
        raise TypeError(f"nodes must be an iterable of nodes or a boolean mask, got {type(nodes).__name__}")
    ids = G.node_ids(nodes if isinstance(nodes, np.ndarray) else list(nodes))
    if ids.size > 1:
        uniq, counts = np.unique(ids, return_counts=True)
        if uniq.size != ids.size:
            dup = int(uniq[np.argmax(counts > 1)])
            raise InvalidParameterError(f"invalid nodes: node {_label(G, dup)!r} appears more than once")
    return ids.astype(np.uint32)


def _label(G: Graph, i: int) -> Hashable:
    labels = G.labels
    return labels[i].item() if isinstance(labels, np.ndarray) else labels[i]


def projection_ties(
    G: Graph,
    nodes: Any,
    /,
    *,
    weighting: str = "count",
    min_weight: float | None = None,
    within: bool = True,
    threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ties of the one-mode projection of ``G`` onto ``nodes``, as edge arrays.

    Parameters
    ----------
    G : Graph
        A two-mode graph (nothing checks that it is bipartite); edge weights are ignored.
    nodes : iterable of nodes, or numpy bool array of length n
        The distinct nodes to project onto (labels, or ids when ``G`` has no labels), or a mask.
    weighting : {"count", "ratio", "newman", "jaccard", "overlap"}, default "count"
        With ``c`` the number of shared neighbours of ``u`` and ``v``, ``S(u)`` the
        (out-)neighbours of ``u`` and ``P(v)`` the (in-)neighbours of ``v``: ``"count"`` is
        ``c``; ``"ratio"`` is ``c / (n - len(nodes))``; ``"newman"`` sums ``1 / (d(w) - 1)``
        over the shared neighbours ``w`` of degree ``d(w) > 1``; ``"jaccard"`` is
        ``c / |S(u) ∪ P(v)|``; ``"overlap"`` is ``c / min(|S(u)|, |P(v)|)``.
    min_weight : float, optional
        Drop ties whose weight is below this.
    within : bool, default True
        Keep only ties between projected nodes. ``False`` also keeps ties to any other node
        reached in two steps (none when ``G`` is bipartite and ``nodes`` one of its sides; this
        is what networkx does for other graphs).
    threads : int, optional
        Number of threads (default: all).

    Returns
    -------
    src, dst : numpy.ndarray of int64
        Node ids of ``G``, grouped by ``src`` in the order of ``nodes``, then by increasing
        ``dst``. An undirected tie appears once, from whichever of its ends comes first in
        ``nodes`` (from the projected end, for a tie to a node outside ``nodes``).
    weight : numpy.ndarray of float64
        The weight of each tie.

    Raises
    ------
    NodeNotFoundError
        A node is not in ``G``.
    InvalidParameterError
        A repeated node, an unknown weighting, a NaN ``min_weight``, or ``"ratio"`` with every
        node projected.

    Notes
    -----
    O(number of two-step paths from the projected nodes) work, parallel over the projected
    nodes; O(n) scratch per thread plus the result; no dense matrix. Newman sums are added in
    increasing id of the shared neighbour, so results are identical for any number of threads.

    Examples
    --------
    >>> import impactgraph as ig
    >>> # people 0, 1, 2 and events 3, 4
    >>> G = ig.Graph.from_edges([0, 1, 1, 2], [3, 3, 4, 4])
    >>> src, dst, w = ig.bipartite.projection_ties(G, [0, 1, 2])
    >>> src.tolist(), dst.tolist(), w.tolist()
    ([0, 1], [1, 2], [1.0, 1.0])
    """
    core_of(G)
    how = _weighting(weighting, allow_none=False)
    if not isinstance(within, (bool, np.bool_)):
        raise TypeError(f"within must be a bool, got {type(within).__name__}")
    return _ties(G, _row_ids(G, nodes), how, min_weight, bool(within), threads)


def _ties(
    G: Graph, rows: np.ndarray, how: str, min_weight: Any, within: bool, threads: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    core = core_of(G)
    mw = None if min_weight is None else real_arg("min_weight", min_weight)
    # undirected ties are symmetric: each once, from the end that comes first in `nodes`
    indptr, targets, weights = _ig.project(
        core, rows, weighting=how, min_weight=mw, within=within, once=not G.directed, threads=check_threads(threads)
    )
    src = np.repeat(rows.astype(np.int64), np.diff(indptr).astype(np.int64))
    return src, targets.astype(np.int64), weights


def projected_graph(
    G: Graph,
    nodes: Any,
    /,
    *,
    weighting: str | None = None,
    min_weight: float | None = None,
    threads: int | None = None,
) -> Graph:
    """The one-mode projection of ``G`` onto ``nodes``, as a graph on those nodes.

    Parameters
    ----------
    G : Graph
        A two-mode graph (nothing checks that it is bipartite); edge weights are ignored.
    nodes : iterable of nodes, or numpy bool array of length n
        The distinct nodes to project onto (labels, or ids when ``G`` has no labels), or a mask.
    weighting : {None, "count", "ratio", "newman", "jaccard", "overlap"}, default None
        ``None`` gives an unweighted graph; the others are described in
        :func:`projection_ties`.
    min_weight : float, optional
        Drop ties whose weight is below this (with ``weighting=None``: fewer than this many
        shared neighbours).
    threads : int, optional
        Number of threads (default: all).

    Returns
    -------
    Graph
        Node ``i`` is ``nodes[i]`` (mask: the ``i``-th selected node), labelled with its label
        in ``G`` (its id in ``G`` when ``G`` has no labels); directed when ``G`` is. Ties to
        nodes outside ``nodes`` are left out.

    Raises
    ------
    NodeNotFoundError
        A node is not in ``G``.
    InvalidParameterError
        A repeated node, an unknown weighting, a NaN ``min_weight``, or ``"ratio"`` with every
        node projected.

    Notes
    -----
    See :func:`projection_ties` for the cost; building the graph adds O(n + ties).
    networkx's ``bipartite.projected_graph``, ``weighted_projected_graph`` (``"count"``,
    ``"ratio"``), ``collaboration_weighted_projected_graph`` (``"newman"``) and
    ``overlap_weighted_projected_graph`` (``"jaccard"``, ``"overlap"``) give the same ties and
    weights.

    References
    ----------
    M. E. J. Newman, Scientific collaboration networks. II. Shortest paths, weighted networks,
    and centrality, Phys. Rev. E 64, 016132 (2001). S. P. Borgatti and D. S. Halgin, Analyzing
    affiliation networks, The SAGE Handbook of Social Network Analysis (2011).

    Examples
    --------
    >>> import impactgraph as ig
    >>> # Ann and Bob went to party p; Bob and Cat to parties p and q
    >>> G = ig.Graph.from_edges([0, 1, 2, 1, 2], [3, 3, 3, 4, 4], labels=["Ann", "Bob", "Cat", "p", "q"])
    >>> P = ig.bipartite.projected_graph(G, ["Ann", "Bob", "Cat"], weighting="count")
    >>> P.labels, P.num_edges
    (['Ann', 'Bob', 'Cat'], 3)
    >>> P.edges()
    (array([0, 0, 1]), array([1, 2, 2]), array([1., 1., 2.]))
    >>> ig.bipartite.projected_graph(G, ["Ann", "Bob", "Cat"], weighting="newman").edges()[2]
    array([0.5, 0.5, 1.5])
    """
    from .graph import Graph

    core_of(G)
    how = _weighting(weighting, allow_none=True)
    rows = _row_ids(G, nodes)
    src, dst, w = _ties(G, rows, how, min_weight, True, threads)
    k = rows.size
    pos = np.zeros(G.num_nodes, dtype=np.int64)
    pos[rows] = np.arange(k, dtype=np.int64)
    labels = G.labels
    if G.has_labels:
        new_labels: Any = [labels[i] for i in rows.tolist()] if isinstance(labels, list) else labels[rows]
    else:
        new_labels = rows.astype(np.int64)
    return Graph.from_edges(
        pos[src],
        pos[dst],
        None if weighting is None else w,
        directed=G.directed,
        num_nodes=k,
        labels=new_labels,
        duplicates="error",
        threads=threads,
    )


def shared_neighbors(
    G: Graph,
    nodes: Any,
    /,
    *,
    within: bool = True,
    threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The shared neighbour behind every tie of the projection of ``G`` onto ``nodes``: one
    row ``(u, v, w)`` per two-step path ``u -> w -> v`` with ``v != u``.

    Parameters
    ----------
    G : Graph
        A two-mode graph (nothing checks that it is bipartite).
    nodes : iterable of nodes, or numpy bool array of length n
        The distinct nodes to project onto (labels, or ids when ``G`` has no labels), or a mask.
    within : bool, default True
        Keep only paths between projected nodes (see :func:`projection_ties`).
    threads : int, optional
        Number of threads (default: all).

    Returns
    -------
    src, dst, via : numpy.ndarray of int64
        Node ids of ``G``, grouped by ``src`` in the order of ``nodes``, then sorted by
        ``(dst, via)``. In an undirected graph each path appears once, from whichever end
        comes first in ``nodes``. The number of rows for ``(u, v)`` is the ``"count"`` weight
        of that tie; networkx's ``projected_graph(multigraph=True)`` has one edge per row,
        keyed by ``via``.

    Raises
    ------
    NodeNotFoundError
        A node is not in ``G``.
    InvalidParameterError
        A repeated node.

    Notes
    -----
    O(number of two-step paths) work and memory, parallel over the projected nodes.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 0, 1], [2, 2, 3, 3], labels=["a", "b", "x", "y"])
    >>> [a.tolist() for a in ig.bipartite.shared_neighbors(G, ["a", "b"])]
    [[0, 0], [1, 1], [2, 3]]
    """
    core = core_of(G)
    if not isinstance(within, (bool, np.bool_)):
        raise TypeError(f"within must be a bool, got {type(within).__name__}")
    rows = _row_ids(G, nodes)
    indptr, targets, via = _ig.shared_neighbors(
        core, rows, within=bool(within), once=not G.directed, threads=check_threads(threads)
    )
    src = np.repeat(rows.astype(np.int64), np.diff(indptr).astype(np.int64))
    return src, targets.astype(np.int64), via.astype(np.int64)
