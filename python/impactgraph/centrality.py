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
