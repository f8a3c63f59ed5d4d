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
    "constraint",
    "effective_size",
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


def constraint(G: Graph, /, *, weight: str | None = None, threads: int | None = None) -> np.ndarray:
    """Burt's constraint of every node: how much a node's ties are invested in each other.

    ``c(u) = sum over neighbours v of (p_uv + sum_w p_uw p_wv) ** 2`` with ``p_uv`` the mutual
    weight ``a_uv + a_vu`` of ``u`` and ``v`` divided by the sum of ``u``'s mutual weights. Low
    constraint marks brokers who span structural holes; high constraint, a closed circle.

    Parameters
    ----------
    G : Graph
        Directed graphs use in- and out-neighbours (networkx's ``all_neighbors``).
    weight : str or None, default None
        ``None`` counts every arc as 1; an attribute name uses the weights stored in ``G`` at
        build time (if any), which must be non-negative.
    threads : int, optional
        Number of threads (default: all); the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        float64 constraint per node id; NaN where networkx gives NaN (nodes without edges, and
        nodes whose only edge is a self-loop of weight 1).

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`, or ``weight`` is not ``None`` or a str.
    InvalidGraphError
        A negative edge weight (with ``weight`` not ``None``).

    Notes
    -----
    The same formula as networkx 3.6's ``nx.constraint(G)`` (its sparse-matrix path, used when
    ``nodes`` is None), so results agree to rounding. Computed per node with a marker array over
    its neighbours: ``O(n + sum_w deg(w)**2)`` work, parallel over nodes, each node's value
    computed by one task (bit-identical for any number of threads); ``O(n)`` memory per thread,
    plus the merged in/out rows for directed graphs. networkx's per-node path (``nodes=...``)
    differs from its own default on self-loop-only nodes (4.0 instead of NaN); we follow the
    default.

    References
    ----------
    .. [1] R. S. Burt, "Structural holes and good ideas", American Journal of Sociology 110
       (2004) 349-399.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2]))
    >>> ig.constraint(G).round(4)
    array([0.6111, 1.0069, 1.0069, 1.    ])
    """
    core = core_of(G)
    return _ig.constraint(core, use_weights=use_weights(G, weight), threads=check_threads(threads))


def effective_size(G: Graph, /, *, weight: str | None = None, threads: int | None = None) -> np.ndarray:
    """Burt's effective size of every node: the non-redundant part of its ego network.

    ``e(u) = sum over neighbours v of (1 - sum_w p_uw m_vw)`` with ``p_uw`` the mutual weight of
    ``u`` and ``w`` over the sum of ``u``'s mutual weights and ``m_vw`` the mutual weight of
    ``v`` and ``w`` over ``v``'s largest. Unweighted and undirected, this is Borgatti's
    ``n - 2t/n`` (``n`` neighbours, ``t`` ties among them).

    Parameters
    ----------
    G : Graph
        Directed graphs use in- and out-neighbours (networkx's ``all_neighbors``).
    weight : str or None, default None
        ``None`` counts every arc as 1; an attribute name uses the weights stored in ``G`` at
        build time (if any), which must be non-negative.
    threads : int, optional
        Number of threads (default: all); the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        float64 effective size per node id; NaN for nodes with no neighbour but themselves.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`, or ``weight`` is not ``None`` or a str.
    InvalidGraphError
        A negative edge weight (with ``weight`` not ``None``).

    Notes
    -----
    The same formula as networkx 3.6's ``nx.effective_size(G)`` (its sparse-matrix path, which
    builds a dense ``n x n`` matrix and so runs out of memory on large graphs), computed per node
    in ``O(n + sum_w deg(w)**2)`` work, parallel over nodes, bit-identical for any number of
    threads. Efficiency is ``effective_size(G) / degree``.

    References
    ----------
    .. [1] R. S. Burt, *Structural Holes: The Social Structure of Competition*, Harvard
       University Press, 1992.
    .. [2] S. Borgatti, "Structural holes: unpacking Burt's redundancy measures", Connections 20
       (1997) 35-38.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2]))
    >>> ig.effective_size(G).round(4)
    array([2.3333, 1.    , 1.    , 1.    ])
    """
    core = core_of(G)
    return _ig.effective_size(core, use_weights=use_weights(G, weight), threads=check_threads(threads))
