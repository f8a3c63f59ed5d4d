"""Centrality measures. Results are float64 numpy arrays indexed by node id (use
:func:`impactgraph.as_dict` for ``{label: value}``)."""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core as _ig
from ._util import check_threads, core_of, node_vector, use_weights
from .errors import InvalidParameterError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .graph import Graph

__all__ = [
    "pagerank",
    "closeness_centrality",
    "harmonic_centrality",
]


def _real(name: str, value: Any) -> float:
    """A real number as a float; its range is checked by the core, which names the argument."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a float, got {type(value).__name__}")
    return float(value)


def _count(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < 0:
        raise InvalidParameterError(f"invalid {name}: must be a non-negative int, got {value}")
    return int(value)


def pagerank(
    G: Graph,
    /,
    *,
    alpha: float = 0.85,
    personalization: Mapping[Any, float] | np.ndarray | None = None,
    max_iter: int = 100,
    tol: float = 1e-06,
    nstart: Mapping[Any, float] | np.ndarray | None = None,
    weight: str | None = "weight",
    dangling: Mapping[Any, float] | np.ndarray | None = None,
    threads: int | None = None,
) -> np.ndarray:
    """PageRank of every node, with exactly networkx's ``pagerank`` semantics.

    Power iteration ``x = alpha * (x A + sum(x[dangling]) * d) + (1 - alpha) * p`` with ``A``
    row-stochastic by out-strength, stopped when ``sum(|x - x_last|) < n * tol``.

    Parameters
    ----------
    G : Graph
        Undirected graphs are used in both directions (a self-loop counts once).
    alpha : float, default 0.85
        Damping factor, in [0, 1].
    personalization : dict or array_like, optional
        Teleport weights ``p``: a ``{label: value}`` mapping (missing nodes get 0, as in
        networkx) or an array of length ``n`` indexed by node id. Non-negative, positive sum;
        normalised to sum 1. Default: uniform.
    max_iter : int, default 100
        Maximum number of iterations.
    tol : float, default 1e-06
        Convergence tolerance (positive); the L1 change must fall below ``n * tol``.
    nstart : dict or array_like, optional
        Starting vector, same forms and rules (normalised). Default: uniform.
    weight : str or None, default "weight"
        ``None`` counts every arc as 1; an attribute name uses the weights stored in ``G`` at
        build time (if any). Weights must be non-negative.
    dangling : dict or array_like, optional
        Where the rank of dangling nodes (no out-arcs, or out-weights summing to 0) goes, same
        forms and rules (normalised). Default: the personalization vector.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    numpy.ndarray
        float64 PageRank per node id, summing to 1. Empty for the empty graph.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; a non-numeric ``alpha``, ``tol``, ``max_iter`` or vector.
    InvalidParameterError
        ``alpha`` outside [0, 1] (networkx does not check), ``tol <= 0``, ``max_iter < 0``, a
        vector of the wrong length, with a negative or non-finite entry, or summing to zero
        (networkx raises ``ZeroDivisionError`` for a zero personalization).
    NodeNotFoundError
        A mapping names a node that is not in ``G`` (networkx ignores such keys).
    InvalidGraphError
        A negative edge weight (with ``weight`` not ``None``).
    NotConvergedError
        No convergence within ``max_iter`` iterations (networkx:
        ``PowerIterationFailedConvergence``).

    Notes
    -----
    The same iteration as networkx's SciPy implementation, so results agree with
    ``nx.pagerank`` to rounding (about 1e-15 per entry). Pull-based over the in-arcs: per
    iteration each node's contribution ``x[u] / out_strength[u]`` is computed once and every node
    sums its in-neighbours' contributions in a fixed order; the dangling mass and the error are
    summed over fixed blocks of nodes, so the result is bit-identical for any number of threads.
    O(n + m) work per iteration; memory: four float64 vectors besides the graph. Polls for
    Ctrl-C once per iteration.

    References
    ----------
    .. [1] L. Page, S. Brin, R. Motwani and T. Winograd, "The PageRank citation ranking:
       Bringing order to the Web", Stanford InfoLab, 1999.
    .. [2] A. Langville and C. Meyer, "A survey of eigenvector methods of web information
       retrieval", SIAM Review 47 (2005) 135-161.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 0]), directed=True)
    >>> ig.pagerank(G).round(6)
    array([0.333333, 0.333333, 0.333333])
    >>> G = ig.Graph.from_edges(np.array([0, 0]), np.array([1, 2]), labels=["hub", "a", "b"])
    >>> ig.as_dict(G, ig.pagerank(G, personalization={"a": 1.0}).round(4))
    {'hub': 0.4595, 'a': 0.3453, 'b': 0.1953}
    """
    core = core_of(G)
    return _ig.pagerank(
        core,
        alpha=_real("alpha", alpha),
        personalization=node_vector(G, personalization, "personalization"),
        nstart=node_vector(G, nstart, "nstart"),
        dangling=node_vector(G, dangling, "dangling"),
        tol=_real("tol", tol),
        max_iter=_count("max_iter", max_iter),
        use_weights=use_weights(G, weight),
        threads=check_threads(threads),
    )


def _distance_weights(G: Graph, distance: Any) -> bool:
    """Whether ``distance`` asks for the stored weights as lengths (``None``: hop counts)."""
    if distance is not None and not isinstance(distance, str):
        if callable(distance):
            raise TypeError(
                "distance must be None or an attribute name: impactgraph stores weights once, at "
                "graph build, and does not call a function per edge"
            )
        raise TypeError(f"distance must be None or a str, got {type(distance).__name__}")
    return use_weights(G, distance)


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool, got {type(value).__name__}")
    return bool(value)


def closeness_centrality(
    G: Graph,
    /,
    *,
    distance: str | None = None,
    wf_improved: bool = True,
    threads: int | None = None,
) -> np.ndarray:
    """Closeness centrality of every node, with exactly networkx's ``closeness_centrality``
    semantics.

    For a node ``v`` with ``r`` other nodes that reach it and ``S`` the sum of their shortest-path
    distances to ``v``, ``C(v) = r / S``, times ``r / (n - 1)`` when ``wf_improved``; 0 when
    nothing reaches ``v`` (or only at distance 0) and for graphs of one node.

    Parameters
    ----------
    G : Graph
        Directed graphs use *incoming* distances ``d(u, v)`` (networkx reverses the graph);
        undirected graphs are used in both directions.
    distance : str or None, default None
        ``None`` counts hops (BFS). An attribute name uses the weights stored in ``G`` at build
        time (if any) as edge lengths (Dijkstra); they must be finite and non-negative. Nodes at
        distance 0 (through zero-length edges) count as reached, as in networkx.
    wf_improved : bool, default True
        Wasserman and Faust's improvement for disconnected graphs: scale by the fraction of the
        other nodes that reach ``v``.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    numpy.ndarray
        float64 closeness per node id. Empty for the empty graph.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; ``distance`` is not ``None`` or a str (callables are not
        supported); ``wf_improved`` is not a bool.
    InvalidGraphError
        A negative edge weight with ``distance`` set (networkx raises ``ValueError`` for some such
        graphs and silently returns wrong values for others).
    InvalidParameterError
        ``threads < 1``.

    Notes
    -----
    networkx's ``u`` argument (one node) is not offered: index the result. Without weights, all
    n breadth-first searches run as a bit-parallel multi-source BFS [3]_ (64 to 256 sources per
    batch, one bit per source in per-node bitsets, per-level counts kept in bit-sliced counters;
    direction-optimising: it pulls over the out-arcs instead of pushing once the frontier is large):
    O(n m / 64) word operations and O(n^2 / 64) bitset work, parallel over batches. With weights:
    one Dijkstra per node (a radix heap over the distances' bits), O(n (m + 64 n)), parallel over
    nodes. Each node's value comes from one traversal (integer sums without weights), so the
    result is bit-identical for any number of threads; it agrees with networkx to rounding
    (exactly, without weights). Memory per thread: O(n) (Dijkstra) or 24 to 96 bytes per node
    (bitsets). Polls for Ctrl-C once per source or batch level.

    References
    ----------
    .. [1] L. C. Freeman, "Centrality in networks: I. Conceptual clarification", Social Networks
       1 (1979) 215-239.
    .. [2] S. Wasserman and K. Faust, "Social Network Analysis: Methods and Applications",
       Cambridge University Press, 1994, p. 201.
    .. [3] M. Then, M. Kaufmann, F. Chirigati, T.-A. Hoang-Vu, K. Pham, A. Kemper, T. Neumann and
       H. T. Vo, "The More the Merrier: Efficient Multi-Source Graph Traversal", PVLDB 8(4)
       (2014) 449-460.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 3]))  # path 0-1-2-3
    >>> ig.closeness_centrality(G)
    array([0.5 , 0.75, 0.75, 0.5 ])
    >>> D = ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2]), directed=True)  # 0->1->2
    >>> ig.closeness_centrality(D, wf_improved=False)  # incoming distances
    array([0.        , 1.        , 0.66666667])
    """
    core = core_of(G)
    return _ig.closeness_centrality(
        core,
        use_weights=_distance_weights(G, distance),
        wf_improved=_flag("wf_improved", wf_improved),
        threads=check_threads(threads),
    )


def harmonic_centrality(
    G: Graph,
    /,
    *,
    distance: str | None = None,
    threads: int | None = None,
) -> np.ndarray:
    """Harmonic centrality of every node, with exactly networkx's ``harmonic_centrality``
    semantics: ``H(v) = sum(1 / d(u, v))`` over the nodes ``u`` that reach ``v``.

    Pairs at distance 0 (``u = v``, zero-length edges) are skipped, as in networkx; unreachable
    pairs contribute 0.

    Parameters
    ----------
    G : Graph
        Directed graphs use distances *to* ``v`` (networkx sums ``1 / d(source, v)``); undirected
        graphs are used in both directions.
    distance : str or None, default None
        ``None`` counts hops (BFS). An attribute name uses the weights stored in ``G`` at build
        time (if any) as edge lengths (Dijkstra); they must be finite and non-negative.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    numpy.ndarray
        float64 harmonic centrality per node id (not normalised, as in networkx). Empty for the
        empty graph.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; ``distance`` is not ``None`` or a str.
    InvalidGraphError
        A negative edge weight with ``distance`` set.
    InvalidParameterError
        ``threads < 1``.

    Notes
    -----
    networkx's ``nbunch`` and ``sources`` arguments are not offered: the result covers every
    node, with every node as a source. The same kernels as :func:`closeness_centrality`: a
    bit-parallel multi-source BFS without weights (the sum is formed per BFS level, ``count /
    level``, in level order), one Dijkstra per node with weights; bit-identical for any number of
    threads, equal to networkx's sums to rounding (about 1e-15 relative). Polls for Ctrl-C once
    per source or batch level.

    References
    ----------
    .. [1] M. Marchiori and V. Latora, "Harmony in the small-world", Physica A 285 (2000)
       539-546.
    .. [2] P. Boldi and S. Vigna, "Axioms for centrality", Internet Mathematics 10 (2014)
       222-262.
    .. [3] M. Then et al., "The More the Merrier: Efficient Multi-Source Graph Traversal",
       PVLDB 8(4) (2014) 449-460.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 3]))  # path 0-1-2-3
    >>> ig.harmonic_centrality(G)
    array([1.83333333, 2.5       , 2.5       , 1.83333333])
    >>> W = ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2]), weights=np.array([2.0, 0.5]))
    >>> ig.harmonic_centrality(W, distance="weight")
    array([0.9, 2.5, 2.4])
    """
    core = core_of(G)
    return _ig.harmonic_centrality(
        core,
        use_weights=_distance_weights(G, distance),
        threads=check_threads(threads),
    )
