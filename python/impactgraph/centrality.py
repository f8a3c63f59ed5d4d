"""Centrality measures. Results are float64 numpy arrays indexed by node id (use
:func:`impactgraph.as_dict` for ``{label: value}``)."""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core as _ig
from ._util import check_threads, core_of, node_vector, use_weights
from .errors import InvalidParameterError
from ._util import seed_to_u64

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .graph import Graph

__all__ = [
    "betweenness_centrality",
    "edge_betweenness_centrality",
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


def _sample_size(k: Any, n: int) -> int | None:
    """``k`` as ``None`` or an int in ``[0, n]`` (networkx: ``ValueError`` from ``random.sample``)."""
    if k is None:
        return None
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"k must be an int or None, got {type(k).__name__}")
    k = int(k)
    if k < 0 or k > n:
        raise InvalidParameterError(f"invalid k: must be in [0, n] = [0, {n}] (sources to sample), got {k}")
    return k


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool, got {type(value).__name__}")
    return bool(value)


def betweenness_centrality(
    G: Graph,
    /,
    *,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    endpoints: bool = False,
    seed: int | None = None,
    threads: int | None = None,
) -> np.ndarray:
    """Shortest-path betweenness of every node, with exactly networkx's
    ``betweenness_centrality`` semantics (exact, or estimated from ``k`` sampled sources).

    ``b(v)`` is the sum, over pairs of nodes ``s != t`` (both different from ``v`` unless
    ``endpoints``), of the fraction of shortest ``s``-``t`` paths through ``v``.

    Parameters
    ----------
    G : Graph
        Directed or undirected; self-loops never lie on a shortest path.
    k : int, optional
        Number of sources to sample (without replacement) for an estimate; ``None`` (or
        ``k == n``) gives the exact value. Must be in ``[0, n]``.
    normalized : bool, default True
        Divide by the number of pairs, ``(n-1)(n-2)`` (``n(n-1)`` with ``endpoints``); otherwise
        undirected values count each unordered pair once. With ``k``, the rescaling is
        networkx's (sources and non-sources scaled differently when ``endpoints`` is false).
    weight : str or None, default None
        ``None``: paths by hop count (BFS). An attribute name: paths by total weight
        (Dijkstra) with the weights stored in ``G`` at build time, if any; weights must be
        non-negative. Ties are exact float equality of path lengths, as in networkx.
    endpoints : bool, default False
        Count the endpoints of each path too.
    seed : int, optional
        Seed of the source sample (used with ``k``); ``None`` draws fresh entropy. The sample
        depends only on the seed, not on ``threads``.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it, bit for bit.

    Returns
    -------
    numpy.ndarray
        float64 betweenness per node id. Empty for the empty graph. With ``k == 1`` and
        ``endpoints=False`` the sampled source gets NaN, as in networkx (0/0).

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; ``k``, ``seed`` or a flag of the wrong type; a callable
        ``weight``.
    InvalidParameterError
        ``k`` negative or larger than ``n`` (networkx: ``ValueError``), ``k == 0`` on a graph
        where networkx divides by zero, a bad ``seed`` or ``threads``.
    InvalidGraphError
        A negative edge weight with ``weight`` not ``None``.

    Notes
    -----
    Brandes' algorithm [1]_: one BFS (or Dijkstra) per source counting shortest paths, then a
    dependency pass over the visit order (no predecessor lists). The BFS is direction-optimising:
    each level is expanded top-down from the frontier or bottom-up from the unvisited nodes,
    whichever scans fewer arcs, and each level of the dependency pass pulls from successors or
    pushes to predecessors likewise. O(k m) time unweighted, O(k (m + n log n)) weighted (``k = n`` when exact); sampled
    sources as in [2]_. Parallel over sources: sources are cut into fixed-size leaves combined
    by a fixed binary tree, so the result is bit-identical for any number of threads; memory
    O(n) per leaf in progress (about O(threads log(k) n) floats). Agrees with networkx to
    rounding (about 1e-15 relative). With zero-weight edges, paths are counted along
    zero-weight edges in the order nodes are settled; networkx's result then depends on its
    adjacency order. Polls for Ctrl-C once per source.

    References
    ----------
    .. [1] U. Brandes, "A faster algorithm for betweenness centrality", Journal of
       Mathematical Sociology 25(2) (2001) 163-177.
    .. [2] U. Brandes and C. Pich, "Centrality estimation in large networks", International
       Journal of Bifurcation and Chaos 17(7) (2007) 2303-2318.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2, 3]), np.array([1, 2, 3, 4]))
    >>> ig.betweenness_centrality(G)
    array([0.        , 0.5       , 0.66666667, 0.5       , 0.        ])
    >>> ig.betweenness_centrality(G, normalized=False)
    array([0., 3., 4., 3., 0.])
    >>> ig.betweenness_centrality(G, k=5, seed=1, normalized=False)  # k == n: exact
    array([0., 3., 4., 3., 0.])
    """
    core = core_of(G)
    return _ig.betweenness_centrality(
        core,
        k=_sample_size(k, G.num_nodes),
        normalized=_flag("normalized", normalized),
        use_weights=use_weights(G, weight),
        endpoints=_flag("endpoints", endpoints),
        seed=seed_to_u64(seed) if k is not None or seed is not None else 0,
        threads=check_threads(threads),
    )


def edge_betweenness_centrality(
    G: Graph,
    /,
    *,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    seed: int | None = None,
    threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shortest-path betweenness of every edge, with exactly networkx's
    ``edge_betweenness_centrality`` semantics (exact, or estimated from ``k`` sampled sources).

    ``b(e)`` is the sum, over pairs of nodes ``s != t``, of the fraction of shortest
    ``s``-``t`` paths through the edge ``e``.

    Parameters
    ----------
    G : Graph
        Directed or undirected; a self-loop gets 0.
    k : int, optional
        Number of sources to sample (without replacement); ``None`` (or ``k == n``) is exact.
        Must be in ``[0, n]``.
    normalized : bool, default True
        Divide by ``n(n-1)``; otherwise undirected values count each unordered pair once.
        With ``k``, scaled by ``n / k`` as in networkx.
    weight : str or None, default None
        ``None``: hop count (BFS); an attribute name: the weights stored in ``G`` (Dijkstra),
        which must be non-negative.
    seed : int, optional
        Seed of the source sample (used with ``k``); ``None`` draws fresh entropy.
    threads : int, optional
        Number of threads; the result does not depend on it, bit for bit.

    Returns
    -------
    src, dst : numpy.ndarray
        uint32 endpoints of each edge, in the order of :meth:`Graph.edges` (each undirected
        edge once, ``src <= dst``, sorted).
    value : numpy.ndarray
        float64 betweenness of each edge.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; ``k``, ``seed`` or a flag of the wrong type.
    InvalidParameterError
        ``k`` negative or larger than ``n``, or ``k == 0`` on a graph with at least two nodes
        (networkx divides by zero).
    InvalidGraphError
        A negative edge weight with ``weight`` not ``None``.

    Notes
    -----
    Brandes' algorithm [1]_ with the edge accumulation of [2]_; same kernel, parallel scheme
    and determinism as :func:`betweenness_centrality`, with one float64 accumulator per arc for
    each leaf in progress (about O(threads log(k) m) floats).

    References
    ----------
    .. [1] U. Brandes, "A faster algorithm for betweenness centrality", Journal of
       Mathematical Sociology 25(2) (2001) 163-177.
    .. [2] U. Brandes, "On variants of shortest-path betweenness centrality and their generic
       computation", Social Networks 30(2) (2008) 136-145.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2]))
    >>> src, dst, b = ig.edge_betweenness_centrality(G, normalized=False)
    >>> src, dst, b
    (array([0, 1], dtype=uint32), array([1, 2], dtype=uint32), array([2., 2.]))
    """
    core = core_of(G)
    return _ig.edge_betweenness_centrality(
        core,
        k=_sample_size(k, G.num_nodes),
        normalized=_flag("normalized", normalized),
        use_weights=use_weights(G, weight),
        seed=seed_to_u64(seed) if k is not None or seed is not None else 0,
        threads=check_threads(threads),
    )
