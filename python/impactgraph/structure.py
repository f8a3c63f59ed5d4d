"""Structure of a graph: degrees, degree centralities and (strongly) connected components.

Results are numpy arrays indexed by node id (use :func:`impactgraph.as_dict` for
``{label: value}``). Component labels are canonical: component ``k`` is the one whose smallest
node id is the ``k``-th smallest among the components' smallest node ids, so labels are
``0..k-1`` and identical for any number of threads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core as _ig
from ._util import check_threads, core_of, use_weights
from .errors import InvalidGraphError

if TYPE_CHECKING:
    from .graph import Graph

__all__ = [
    "degree",
    "in_degree",
    "out_degree",
    "degree_centrality",
    "in_degree_centrality",
    "out_degree_centrality",
    "connected_components",
    "number_connected_components",
    "is_connected",
    "weakly_connected_components",
    "number_weakly_connected_components",
    "is_weakly_connected",
    "strongly_connected_components",
    "number_strongly_connected_components",
    "is_strongly_connected",
]

_NULL_GRAPH = "Connectivity is undefined for the null graph."


def _directed_only(G: Graph, what: str) -> None:
    if not G.directed:
        raise InvalidGraphError(f"{what} is not implemented for undirected graphs (networkx raises NetworkXNotImplemented)")


def _checked(G: Any) -> Graph:
    """``G`` itself once checked to be a :class:`Graph` (``TypeError`` otherwise)."""
    core_of(G)
    return G


def _degrees(G: Graph, direction: str, weight: Any, threads: Any) -> np.ndarray:
    core = core_of(G)
    t = check_threads(threads)
    if use_weights(G, weight):
        return _ig.strength(core, direction=direction, threads=t)
    # uint64 degrees are far below 2**63: reinterpret as int64 without a copy.
    return _ig.degree(core, direction=direction, threads=t).view(np.int64)


def _labels(arr: np.ndarray) -> np.ndarray:
    """uint32 canonical labels as int32 (no copy), or int64 beyond 2**31 - 1 labels."""
    if arr.size and int(arr.max()) >= 2**31:
        return arr.astype(np.int64)
    return arr.view(np.int32)


def degree(G: Graph, /, *, weight: str | None = None, threads: int | None = None) -> np.ndarray:
    """Degree of every node, as networkx's ``G.degree``.

    Parameters
    ----------
    G : Graph
    weight : str, optional
        ``None`` (default) counts arcs; an attribute name (any ``str``) sums the weights stored
        in ``G`` at build time, if ``G`` is weighted.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    numpy.ndarray
        int64 degrees, or float64 strengths when ``weight`` is given and ``G`` is weighted.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`, ``weight`` is not ``None`` or a ``str``.

    Notes
    -----
    In an undirected graph a self-loop adds 2 to the degree (2 * weight to the strength), as in
    networkx. For a directed graph the degree is in-degree plus out-degree. O(n) (O(n + m)
    weighted) work in parallel; each row's weights are summed in neighbour order, so the result
    is identical for any number of threads.

    References
    ----------
    .. [1] M. E. J. Newman, "Networks", 2nd ed., Oxford University Press, 2018, section 6.10.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 1]), np.array([1, 2, 1]), np.array([1.0, 2.0, 0.5]))
    >>> ig.degree(G)
    array([1, 4, 1])
    >>> ig.degree(G, weight="weight")
    array([1., 4., 2.])
    """
    return _degrees(G, "all", weight, threads)


def in_degree(G: Graph, /, *, weight: str | None = None, threads: int | None = None) -> np.ndarray:
    """In-degree of every node of a directed graph, as networkx's ``G.in_degree``.

    Parameters
    ----------
    G : Graph
        A directed graph.
    weight : str, optional
        ``None`` counts arcs; an attribute name sums the stored weights (if ``G`` is weighted).
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        int64 in-degrees, or float64 in-strengths when weighted.

    Raises
    ------
    InvalidGraphError
        ``G`` is undirected (networkx's undirected graphs have no ``in_degree``).

    Notes
    -----
    O(n) (O(n + m) weighted), parallel, deterministic.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 1]), directed=True)
    >>> ig.in_degree(G)
    array([0, 2, 1])
    """
    _directed_only(_checked(G), "in_degree")
    return _degrees(G, "in", weight, threads)


def out_degree(G: Graph, /, *, weight: str | None = None, threads: int | None = None) -> np.ndarray:
    """Out-degree of every node of a directed graph, as networkx's ``G.out_degree``.

    Parameters
    ----------
    G : Graph
        A directed graph.
    weight : str, optional
        ``None`` counts arcs; an attribute name sums the stored weights (if ``G`` is weighted).
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        int64 out-degrees, or float64 out-strengths when weighted.

    Raises
    ------
    InvalidGraphError
        ``G`` is undirected.

    Notes
    -----
    O(n) (O(n + m) weighted), parallel, deterministic.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 1]), directed=True)
    >>> ig.out_degree(G)
    array([1, 1, 1])
    """
    _directed_only(_checked(G), "out_degree")
    return _degrees(G, "out", weight, threads)


def _centrality(G: Graph, direction: str, threads: Any) -> np.ndarray:
    n = G.num_nodes
    if n <= 1:
        return np.ones(n, dtype=np.float64)
    d = _ig.degree(core_of(G), direction=direction, threads=check_threads(threads))
    return d * (1.0 / (n - 1.0))


def degree_centrality(G: Graph, /, *, threads: int | None = None) -> np.ndarray:
    """Degree centrality: the degree of each node divided by ``n - 1``, as networkx.

    Parameters
    ----------
    G : Graph
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        float64 per node. A graph of one node gives ``[1.0]`` (networkx's convention for
        ``n <= 1``); the empty graph an empty array.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`.

    Notes
    -----
    Weights are ignored, as in networkx. Values can exceed 1 with self-loops (counted twice) or,
    for directed graphs, since in- and out-degree are added. The same formula as networkx
    (``degree * (1 / (n - 1))``), so the values are bit-identical to networkx's.

    References
    ----------
    .. [1] L. C. Freeman, "Centrality in social networks conceptual clarification", Social
       Networks 1 (1979) 215-239.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 0]), np.array([1, 2]))
    >>> ig.degree_centrality(G)
    array([1. , 0.5, 0.5])
    """
    core_of(G)
    return _centrality(G, "all", threads)


def in_degree_centrality(G: Graph, /, *, threads: int | None = None) -> np.ndarray:
    """In-degree centrality of a directed graph: in-degree / ``(n - 1)``, as networkx.

    Parameters
    ----------
    G : Graph
        A directed graph.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        float64 per node; ``[1.0]`` for a single node.

    Raises
    ------
    InvalidGraphError
        ``G`` is undirected (networkx: ``NetworkXNotImplemented``).

    Notes
    -----
    O(n), weights ignored, bit-identical to networkx.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 2]), np.array([1, 1]), directed=True)
    >>> ig.in_degree_centrality(G)
    array([0., 1., 0.])
    """
    _directed_only(_checked(G), "in_degree_centrality")
    return _centrality(G, "in", threads)


def out_degree_centrality(G: Graph, /, *, threads: int | None = None) -> np.ndarray:
    """Out-degree centrality of a directed graph: out-degree / ``(n - 1)``, as networkx.

    Parameters
    ----------
    G : Graph
        A directed graph.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        float64 per node; ``[1.0]`` for a single node.

    Raises
    ------
    InvalidGraphError
        ``G`` is undirected (networkx: ``NetworkXNotImplemented``).

    Notes
    -----
    O(n), weights ignored, bit-identical to networkx.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 2]), np.array([1, 1]), directed=True)
    >>> ig.out_degree_centrality(G)
    array([0.5, 0. , 0.5])
    """
    _directed_only(_checked(G), "out_degree_centrality")
    return _centrality(G, "out", threads)


def connected_components(G: Graph, /, *, threads: int | None = None) -> np.ndarray:
    """Connected-component label of every node (weak components for a directed graph).

    Parameters
    ----------
    G : Graph
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        int32 labels ``0..k-1`` (int64 only beyond 2**31 - 1 components), numbered in increasing
        order of each component's smallest node id. ``np.bincount(labels)`` gives the sizes.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`.

    Notes
    -----
    networkx's ``connected_components`` yields sets and refuses directed graphs; here a
    directed graph gives its weakly connected components (as igraph and NetworKit do), the
    same as :func:`weakly_connected_components`. Afforest [1]_: a lock-free parallel
    union-find that links two sampled neighbours per node, skips the largest intermediate
    component, then links the remaining arcs. O(n + m) work, 4n bytes of extra memory.
    Labels are canonical, hence identical for any number of threads.

    References
    ----------
    .. [1] M. Sutton, T. Ben-Nun and A. Barak, "Optimizing Parallel Graph Connectivity
       Computation via Subgraph Sampling", IPDPS 2018.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([3, 0]), np.array([2, 1]), num_nodes=5)
    >>> ig.connected_components(G)
    array([0, 0, 1, 1, 2], dtype=int32)
    """
    return _labels(_ig.connected_components(core_of(G), threads=check_threads(threads)))


def number_connected_components(G: Graph, /, *, threads: int | None = None) -> int:
    """Number of connected components (weak components for a directed graph).

    Parameters
    ----------
    G : Graph
    threads : int, optional
        Number of threads.

    Returns
    -------
    int
        0 for the empty graph.

    Notes
    -----
    See :func:`connected_components` (networkx refuses directed graphs here).

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> ig.number_connected_components(ig.Graph.from_edges(np.array([0]), np.array([1]), num_nodes=4))
    3
    """
    labels = connected_components(G, threads=threads)
    return int(labels.max()) + 1 if labels.size else 0


def is_connected(G: Graph, /, *, threads: int | None = None) -> bool:
    """Whether the graph is connected (weakly, for a directed graph).

    Parameters
    ----------
    G : Graph
    threads : int, optional
        Number of threads.

    Returns
    -------
    bool

    Raises
    ------
    InvalidGraphError
        ``G`` has no nodes (networkx: ``NetworkXPointlessConcept``).

    Notes
    -----
    See :func:`connected_components` (networkx refuses directed graphs here).

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> ig.is_connected(ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2])))
    True
    """
    if _checked(G).num_nodes == 0:
        raise InvalidGraphError(_NULL_GRAPH)
    return number_connected_components(G, threads=threads) == 1


def weakly_connected_components(G: Graph, /, *, threads: int | None = None) -> np.ndarray:
    """Weakly-connected-component label of every node of a directed graph.

    Parameters
    ----------
    G : Graph
        A directed graph.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        int32 canonical labels, as :func:`connected_components`.

    Raises
    ------
    InvalidGraphError
        ``G`` is undirected (networkx: ``NetworkXNotImplemented``).

    Notes
    -----
    Afforest with the in-arcs of the nodes outside the largest intermediate component (see
    :func:`connected_components`). O(n + m), parallel, deterministic.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([2, 1]), np.array([0, 3]), directed=True)
    >>> ig.weakly_connected_components(G)
    array([0, 1, 0, 1], dtype=int32)
    """
    _directed_only(_checked(G), "weakly_connected_components")
    return connected_components(G, threads=threads)


def number_weakly_connected_components(G: Graph, /, *, threads: int | None = None) -> int:
    """Number of weakly connected components of a directed graph (0 if empty).

    Raises
    ------
    InvalidGraphError
        ``G`` is undirected.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> ig.number_weakly_connected_components(ig.Graph.from_edges(np.array([0]), np.array([1]), directed=True))
    1
    """
    _directed_only(_checked(G), "number_weakly_connected_components")
    return number_connected_components(G, threads=threads)


def is_weakly_connected(G: Graph, /, *, threads: int | None = None) -> bool:
    """Whether a directed graph is weakly connected.

    Raises
    ------
    InvalidGraphError
        ``G`` is undirected, or has no nodes (networkx: ``NetworkXPointlessConcept``).

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> ig.is_weakly_connected(ig.Graph.from_edges(np.array([1]), np.array([0]), directed=True))
    True
    """
    _directed_only(_checked(G), "is_weakly_connected")
    return is_connected(G, threads=threads)


def strongly_connected_components(G: Graph, /, *, threads: int | None = None) -> np.ndarray:
    """Strongly-connected-component label of every node of a directed graph.

    Parameters
    ----------
    G : Graph
        A directed graph.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        int32 labels ``0..k-1`` in increasing order of each component's smallest node id.

    Raises
    ------
    InvalidGraphError
        ``G`` is undirected (networkx: ``NetworkXNotImplemented``; use
        :func:`connected_components`).

    Notes
    -----
    Parallel trimming of nodes without live in- or out-arcs (singleton components), one
    parallel forward-backward search from the node of largest in x out degree (the giant
    component of a small-world graph) [1]_, then an iterative Tarjan search [2]_ of the rest
    (an explicit stack: no recursion limit on long paths). O(n + m) work, about 17n bytes of
    extra memory. Labels are canonical, hence identical for any number of threads.

    References
    ----------
    .. [1] S. Hong, N. C. Rodia and K. Olukotun, "On fast parallel detection of strongly
       connected components (SCC) in small-world graphs", SC 2013.
    .. [2] R. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1 (1972).

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2, 2]), np.array([1, 2, 1, 3]), directed=True)
    >>> ig.strongly_connected_components(G)
    array([0, 1, 1, 2], dtype=int32)
    """
    _directed_only(_checked(G), "strongly_connected_components")
    return _labels(_ig.strongly_connected_components(core_of(G), threads=check_threads(threads)))


def number_strongly_connected_components(G: Graph, /, *, threads: int | None = None) -> int:
    """Number of strongly connected components of a directed graph (0 if empty).

    Raises
    ------
    InvalidGraphError
        ``G`` is undirected.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 1]), np.array([1, 0, 2]), directed=True)
    >>> ig.number_strongly_connected_components(G)
    2
    """
    labels = strongly_connected_components(G, threads=threads)
    return int(labels.max()) + 1 if labels.size else 0


def is_strongly_connected(G: Graph, /, *, threads: int | None = None) -> bool:
    """Whether a directed graph is strongly connected.

    Raises
    ------
    InvalidGraphError
        ``G`` is undirected, or has no nodes (networkx: ``NetworkXPointlessConcept``).

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> ig.is_strongly_connected(ig.Graph.from_edges(np.array([0, 1]), np.array([1, 0]), directed=True))
    True
    """
    _directed_only(_checked(G), "is_strongly_connected")
    if G.num_nodes == 0:
        raise InvalidGraphError(_NULL_GRAPH)
    return number_strongly_connected_components(G, threads=threads) == 1
