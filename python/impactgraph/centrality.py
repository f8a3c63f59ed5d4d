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
    "eigenvector_centrality",
    "katz_centrality",
    "hits",
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


# ---- spectral centralities and structural holes -------------------------------------------


def eigenvector_centrality(
    G: Graph,
    /,
    *,
    max_iter: int = 100,
    tol: float = 1e-06,
    nstart: Mapping[Any, float] | np.ndarray | None = None,
    weight: str | None = None,
    threads: int | None = None,
) -> np.ndarray:
    """Eigenvector centrality of every node, with exactly networkx's iteration.

    Power iteration ``x = x_last (A + I)`` over the in-arcs (a node gathers from its
    predecessors), divided by the Euclidean norm each step, stopped when
    ``sum(|x - x_last|) < n * tol``.

    Parameters
    ----------
    G : Graph
        Undirected graphs use each edge both ways (a self-loop once).
    max_iter : int, default 100
        Maximum number of iterations.
    tol : float, default 1e-06
        Convergence tolerance (positive).
    nstart : dict or array_like, optional
        Starting vector (``{label: value}``, missing nodes 0, or an array by node id); divided
        by its sum. Default: all ones.
    weight : str or None, default None
        ``None`` counts every arc as 1; an attribute name uses the weights stored in ``G``.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        float64 centrality per node id, unit Euclidean norm.

    Raises
    ------
    InvalidGraphError
        ``G`` has no nodes (networkx: ``NetworkXPointlessConcept``).
    InvalidParameterError
        ``tol <= 0``; ``nstart`` all zero (networkx: ``NetworkXError``), summing to zero, of
        the wrong length or non-finite.
    NotConvergedError
        No convergence within ``max_iter`` iterations (networkx:
        ``PowerIterationFailedConvergence``).

    Notes
    -----
    The same arithmetic as ``nx.eigenvector_centrality`` (per node: ``x_last[v]`` plus the
    in-neighbours in id order), so results agree to rounding. Pull-based and parallel over
    blocks of nodes; the norm and the error are summed per block in block order, so the result
    is bit-identical for any number of threads. O(n + m) per iteration, O(n) extra memory.
    Polls for Ctrl-C once per iteration.

    References
    ----------
    .. [1] P. Bonacich, "Power and centrality: A family of measures", American Journal of
       Sociology 92 (1987) 1170-1182.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2]))
    >>> ig.eigenvector_centrality(G, tol=1e-12, max_iter=1000).round(6)
    array([0.5     , 0.707107, 0.5     ])
    """
    core = core_of(G)
    return _ig.eigenvector_centrality(
        core,
        max_iter=_count("max_iter", max_iter),
        tol=_real("tol", tol),
        nstart=node_vector(G, nstart, "nstart"),
        use_weights=use_weights(G, weight),
        threads=check_threads(threads),
    )


def katz_centrality(
    G: Graph,
    /,
    *,
    alpha: float = 0.1,
    beta: float | Mapping[Any, float] | np.ndarray = 1.0,
    max_iter: int = 1000,
    tol: float = 1e-06,
    nstart: Mapping[Any, float] | np.ndarray | None = None,
    normalized: bool = True,
    weight: str | None = None,
    threads: int | None = None,
) -> np.ndarray:
    """Katz centrality of every node, with exactly networkx's iteration.

    Power iteration ``x = alpha * x_last A + beta`` over the in-arcs from ``nstart`` (zeros),
    stopped when ``sum(|x - x_last|) < n * tol``; then divided by its Euclidean norm if
    ``normalized``.

    Parameters
    ----------
    G : Graph
        Undirected graphs use each edge both ways (a self-loop once).
    alpha : float, default 0.1
        Attenuation factor; should be below ``1 / lambda_max`` (not checked, as networkx).
    beta : float, dict or array_like, default 1.0
        Constant term: a scalar, or one value per node (a mapping must name every node, as
        networkx requires; or an array by node id).
    max_iter : int, default 1000
        Maximum number of iterations.
    tol : float, default 1e-06
        Convergence tolerance (positive).
    nstart : dict or array_like, optional
        Starting vector, used as given (missing nodes 0). Default: zeros.
    normalized : bool, default True
        Divide the result by its Euclidean norm.
    weight : str or None, default None
        ``None`` counts every arc as 1; an attribute name uses the weights stored in ``G``.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        float64 centrality per node id (empty for the empty graph, as networkx).

    Raises
    ------
    InvalidParameterError
        ``beta`` mapping missing a node (networkx: ``NetworkXError``), a vector of the wrong
        length, a non-finite ``alpha``/``beta``/``nstart``, ``tol <= 0``.
    NotConvergedError
        No convergence within ``max_iter`` iterations.

    Notes
    -----
    The same arithmetic as ``nx.katz_centrality``, so results agree to rounding. Pull-based,
    parallel over blocks of nodes, block-ordered reductions: bit-identical for any number of
    threads. O(n + m) per iteration, O(n) extra memory.

    References
    ----------
    .. [1] L. Katz, "A new status index derived from sociometric analysis", Psychometrika 18
       (1953) 39-43.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1]), np.array([1, 2]), directed=True)
    >>> ig.katz_centrality(G, alpha=0.5, normalized=False)
    array([1.  , 1.5 , 1.75])
    """
    core = core_of(G)
    from collections.abc import Mapping as _Mapping

    beta_vec = None
    beta_scalar = 1.0
    if isinstance(beta, _Mapping):
        if len(beta) != G.num_nodes or not np.array_equal(
            np.sort(G.node_ids(list(beta.keys()))), np.arange(G.num_nodes)
        ):
            raise InvalidParameterError("invalid beta: beta dictionary must have a value for every node")
        beta_vec = node_vector(G, beta, "beta")
    elif isinstance(beta, numbers.Real) and not isinstance(beta, bool):
        beta_scalar = float(beta)
    else:
        beta_vec = node_vector(G, beta, "beta")
    return _ig.katz_centrality(
        core,
        alpha=_real("alpha", alpha),
        beta=beta_scalar,
        beta_per_node=beta_vec,
        max_iter=_count("max_iter", max_iter),
        tol=_real("tol", tol),
        nstart=node_vector(G, nstart, "nstart"),
        normalized=bool(normalized),
        use_weights=use_weights(G, weight),
        threads=check_threads(threads),
    )


def hits(
    G: Graph,
    /,
    *,
    max_iter: int = 100,
    tol: float = 1e-08,
    nstart: Mapping[Any, float] | np.ndarray | None = None,
    normalized: bool = True,
    threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """HITS hub and authority scores of every node.

    Power iteration ``a = A^T h``, ``h = A a`` (each scaled by ``1 / max``) from the uniform hub
    vector, stopped when the L1 change of ``h`` is below ``tol`` (networkx's own power
    iteration, ``_hits_python``); then, as ``nx.hits``, ``h = A a`` and both are normalised.

    Parameters
    ----------
    G : Graph
        The weights stored in ``G`` are used if it has any (``nx.hits`` always uses the
        ``"weight"`` attribute).
    max_iter : int, default 100
        Maximum number of power iterations (networkx counts ARPACK restarts instead).
    tol : float, default 1e-08
        Tolerance on the L1 change of the max-normalised hub vector (positive).
    nstart : dict or array_like, optional
        Starting hub vector (non-negative, positive sum). Default: uniform.
    normalized : bool, default True
        Divide hubs and authorities by their sums. Otherwise the authorities have unit
        Euclidean norm (non-negative sign) and the hubs are ``A @ authorities``, as networkx.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        float64 hubs and authorities per node id (both empty for the empty graph).

    Raises
    ------
    InvalidGraphError
        No arc of positive weight (networkx returns NaN scores there).
    InvalidParameterError
        ``tol <= 0``; a bad ``nstart``.
    NotConvergedError
        No convergence within ``max_iter`` iterations.

    Notes
    -----
    networkx's ``hits`` computes the leading singular vector with SciPy's ``svds`` (ARPACK).
    Where the top singular value of ``A`` is simple, both return the same vector: the results
    agree to about ``tol`` (with ``tol=1e-12`` to 1e-9 relative, which the tests check, along
    with a dense-SVD oracle). Where it is not simple (e.g. bipartite undirected graphs), the
    singular vector is not unique; this function returns the power-iteration limit from the
    start vector, ARPACK an arbitrary one. Parallel pull sweeps with block-ordered reductions:
    bit-identical for any number of threads. O(n + m) per iteration.

    References
    ----------
    .. [1] J. Kleinberg, "Authoritative sources in a hyperlinked environment", Journal of the
       ACM 46 (1999) 604-632.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 0]), np.array([1, 2]), directed=True)
    >>> hubs, authorities = ig.hits(G)
    >>> hubs, authorities
    (array([1., 0., 0.]), array([0. , 0.5, 0.5]))
    """
    core = core_of(G)
    return _ig.hits(
        core,
        max_iter=_count("max_iter", max_iter),
        tol=_real("tol", tol),
        nstart=node_vector(G, nstart, "nstart"),
        normalized=bool(normalized),
        use_weights=bool(G.weighted),
        threads=check_threads(threads),
    )
