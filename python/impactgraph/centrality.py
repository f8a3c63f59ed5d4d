"""Centrality measures. Results are float64 numpy arrays indexed by node id (use
:func:`impactgraph.as_dict` for ``{label: value}``)."""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core as _ig
from ._util import check_threads, core_of, int_arg, node_vector, real_arg, use_weights
from .errors import InvalidParameterError
from ._util import seed_to_u64

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from .graph import Graph

__all__ = [
    "betweenness_centrality",
    "betweenness_centrality_subset",
    "edge_betweenness_centrality",
    "pagerank",
    "core_number",
    "k_core",
    "triangles",
    "clustering",
    "average_clustering",
    "transitivity",
    "closeness_centrality",
    "harmonic_centrality",
    "constraint",
    "effective_size",
    "eigenvector_centrality",
    "katz_centrality",
    "hits",
]


def _count(name: str, value: Any) -> int:
    """A non-negative int."""
    n = int_arg(name, value, non_negative=True)
    assert n is not None
    return n


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
        alpha=real_arg("alpha", alpha),
        personalization=node_vector(G, personalization, "personalization"),
        nstart=node_vector(G, nstart, "nstart"),
        dangling=node_vector(G, dangling, "dangling"),
        tol=real_arg("tol", tol),
        max_iter=_count("max_iter", max_iter),
        use_weights=use_weights(G, weight),
        threads=check_threads(threads),
    )


# ---- k-cores, triangles and clustering ---------------------------------------------------------


def core_number(G: Graph, /, *, threads: int | None = None) -> np.ndarray:
    """Core number of every node, with networkx's ``core_number`` semantics.

    The core number of a node is the largest ``k`` such that the node belongs to the k-core: the
    largest subgraph in which every node has degree at least ``k``.

    Parameters
    ----------
    G : Graph
        Undirected or directed, without self-loops. For directed graphs the degree is the
        in-degree plus the out-degree (a reciprocated pair of arcs counts twice), as in networkx.
        Weights are ignored.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    numpy.ndarray
        int64 core number per node id (networkx returns Python ints). Empty for the empty graph.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`.
    InvalidGraphError
        ``G`` has self-loops (networkx raises ``NetworkXNotImplemented``); build it with
        ``self_loops=False``.

    Notes
    -----
    Level-synchronous parallel peeling (PKC [2]_, NetworKit's ParK): at level ``k`` every node of
    remaining degree ``k`` is removed, decrementing (atomically) its neighbours still above ``k``;
    those that fall to ``k`` join the level. Empty levels are skipped, small frontiers are drained
    on one thread. O(m + n k_max) work, O(n) memory besides the graph. On one thread, or for
    graphs with fewer than 2**17 arcs, the sequential O(m) bucket algorithm of [1]_ (networkx's)
    runs instead. Core numbers are unique, so the result is identical for any number of threads.
    Polls for Ctrl-C once per round.

    References
    ----------
    .. [1] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores decomposition of
       networks", arXiv:cs/0310049, 2003.
    .. [2] H. Kabir and K. Madduri, "Parallel k-core decomposition on multicore platforms",
       IPDPSW 2017.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> # a triangle 0-1-2 with a pendant 3 on node 2, and an isolated node 4
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2, 2]), np.array([1, 2, 0, 3]), num_nodes=5)
    >>> ig.core_number(G)
    array([2, 2, 2, 1, 0])
    """
    core = core_of(G)
    return _ig.core_number(core, threads=check_threads(threads))


def k_core(
    G: Graph,
    /,
    k: int | None = None,
    *,
    core_number: Mapping[Any, int] | np.ndarray | None = None,
    threads: int | None = None,
) -> Graph:
    """The k-core of ``G``: the subgraph induced by the nodes whose core number is at least
    ``k``, with networkx's ``k_core`` semantics.

    Parameters
    ----------
    G : Graph
        Undirected or directed; without self-loops unless ``core_number`` is given (as in
        networkx, which then keeps the self-loops between kept nodes).
    k : int, optional
        The order of the core; default the largest core number. A ``k`` above it gives a graph
        without nodes, as in networkx.
    core_number : dict or array_like of int, optional
        Precomputed core numbers: a ``{label: core}`` mapping (nodes missing from it are not
        kept) or an integer array indexed by node id. Default: :func:`core_number` of ``G``.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    Graph
        A new graph with the kept nodes in their original order, their labels (for a graph
        without labels, the original ids become the labels), the edges between them with their
        weights, and the directedness of ``G``.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; ``k`` is not an int; ``core_number`` is not integer.
    InvalidGraphError
        ``G`` has self-loops and ``core_number`` is not given; ``k`` is ``None`` and there is no
        core number to take the maximum of (the empty graph: networkx raises ``ValueError``);
        an array ``core_number`` of the wrong length.
    NodeNotFoundError
        A ``core_number`` mapping names a node that is not in ``G`` (networkx ignores it).

    Notes
    -----
    The core numbers as :func:`core_number`, then one parallel pass over the kept nodes' arcs
    and the parallel CSR builder: O(n + m) beyond the decomposition.

    References
    ----------
    .. [1] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores decomposition of
       networks", arXiv:cs/0310049, 2003.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2, 2]), np.array([1, 2, 0, 3]), labels=list("abcd"))
    >>> H = ig.k_core(G)
    >>> H.labels, H.num_edges
    (['a', 'b', 'c'], 3)
    >>> ig.k_core(G, 5).num_nodes
    0
    """
    from collections.abc import Mapping as _Mapping

    from .errors import InvalidGraphError
    from .graph import Graph as _Graph

    core = core_of(G)
    t = check_threads(threads)
    n = G.num_nodes
    if core_number is None:
        cn = _ig.core_number(core, threads=t)
        present = np.ones(n, dtype=bool)
        values = cn
    elif isinstance(core_number, _Mapping):
        cn = np.zeros(n, dtype=np.int64)
        present = np.zeros(n, dtype=bool)
        if core_number:
            ids = G.node_ids(list(core_number.keys()))
            vals = [_count_any("core_number values", v) for v in core_number.values()]
            cn[ids] = vals
            present[ids] = True
            values = np.asarray(vals, dtype=np.int64)
        else:
            values = cn[:0]
    else:
        arr = np.asarray(core_number)
        if arr.dtype.kind not in "iu":
            raise TypeError(f"core_number must be a mapping {{node: int}} or an integer array, got dtype {arr.dtype}")
        if arr.ndim != 1 or arr.shape[0] != n:
            raise InvalidGraphError(
                f"core_number must have one entry per node ({n}), got shape {arr.shape}"
            )
        cn = arr.astype(np.int64)
        present = np.ones(n, dtype=bool)
        values = cn
    if k is None:
        if values.size == 0:
            raise InvalidGraphError(
                "k_core with k=None takes the largest core number, and there is none (the graph "
                "has no nodes; networkx raises ValueError); pass k explicitly"
            )
        kk = int(values.max())
    else:
        kk = _count_any("k", k)
    keep = np.ascontiguousarray(present & (cn >= kk))
    sub, ids = _ig.induced_subgraph(core, keep, threads=t)
    labels: Any
    if G.has_labels:
        lab = G._labels
        if isinstance(lab, list):
            labels = [lab[i] for i in ids.tolist()]
        else:
            labels = lab[ids]
            labels.setflags(write=False)
    elif ids.shape[0] == n:
        labels = None
    else:
        labels = ids
        labels.setflags(write=False)
    return _Graph(sub, labels, _trusted_labels=True)


def _count_any(name: str, value: Any) -> int:
    """An int of any sign (``k`` may be negative in networkx: then every node is kept)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return int(value)


def triangles(G: Graph, /, *, threads: int | None = None) -> np.ndarray:
    """Number of triangles through each node, with networkx's ``triangles`` semantics.

    Parameters
    ----------
    G : Graph
        Undirected; self-loops are ignored. Weights are ignored.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        int64 triangle count per node id.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`.
    InvalidGraphError
        ``G`` is directed (networkx raises ``NetworkXNotImplemented``).

    Notes
    -----
    Nodes are ranked by (degree, id) and every edge is oriented towards the higher rank, so each
    triangle is found exactly once, from its lowest-ranked node, by merging two sorted
    out-lists of length at most ``sqrt(2m)``: O(m sqrt(m)) work, O(n + m) extra memory plus one
    int64 counter per node and worker thread. Parallel over nodes in small dynamically scheduled
    tasks; each thread adds into its own counters, summed at the end (exact integers), so the
    result is identical for any number of threads.

    References
    ----------
    .. [1] T. Schank and D. Wagner, "Finding, counting and listing all triangles in large
       graphs, an experimental study", WEA 2005.
    .. [2] M. Latapy, "Main-memory triangle computations for very large (sparse (power-law))
       graphs", Theoretical Computer Science 407 (2008) 458-473.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2, 2]), np.array([1, 2, 0, 3]))
    >>> ig.triangles(G)
    array([1, 1, 1, 0])
    """
    core = core_of(G)
    return _ig.triangles(core, threads=check_threads(threads))


def clustering(G: Graph, /, *, weight: str | None = None, threads: int | None = None) -> np.ndarray:
    """Local clustering coefficient of every node, with networkx's ``clustering`` semantics.

    Undirected: ``c_i = 2 T_i / (d_i (d_i - 1))``. Directed (Fagiolo [2]_):
    ``c_i = T_i / (2 (d_tot (d_tot - 1) - 2 d_bi))`` with ``T_i`` the directed triangles through
    ``i``, ``d_tot`` its in + out degree and ``d_bi`` its reciprocated neighbours. Weighted
    (Onnela et al. [3]_): each triangle counts the geometric mean of its three weights divided
    by the largest weight in the graph. ``c_i = 0`` where there is no triangle.

    Parameters
    ----------
    G : Graph
        Undirected or directed; self-loops are ignored (their weight still counts in the largest
        weight, as in networkx).
    weight : str or None, default None
        ``None`` counts every edge as 1; an attribute name uses the weights stored in ``G`` at
        build time (if any).
    threads : int, optional
        Number of threads; the result does not depend on it (bit for bit).

    Returns
    -------
    numpy.ndarray
        float64 clustering coefficient per node id.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; ``weight`` is not ``None`` or a str.
    InvalidGraphError
        Weighted, with the largest weight 0 (networkx raises ``ZeroDivisionError``).

    Notes
    -----
    The four cases share one formula, ``t_i = sum_{j != k} C_ij C_ik C_jk`` with ``C`` the
    adjacency, ``A + A^T`` (directed), ``cbrt(W / max W)`` (weighted) or
    ``cbrt(W / max W) + cbrt(W / max W)^T``. Unweighted graphs use the oriented triangle
    enumeration of :func:`triangles` (O(m sqrt(m)), exact integers). Weighted graphs compute
    each node's own sum in one task in a fixed order (merge, or binary search when one list is
    much shorter), so the floats are bit-identical for any number of threads; values agree with
    networkx to rounding (``cbrt(a) cbrt(b) cbrt(c)`` instead of ``cbrt(a b c)``, about 1e-15).

    References
    ----------
    .. [1] D. J. Watts and S. H. Strogatz, "Collective dynamics of 'small-world' networks",
       Nature 393 (1998) 440-442.
    .. [2] G. Fagiolo, "Clustering in complex directed networks", Phys. Rev. E 76 (2007) 026107.
    .. [3] J.-P. Onnela, J. Saramaki, J. Kertesz and K. Kaski, "Intensity and coherence of
       motifs in weighted complex networks", Phys. Rev. E 71 (2005) 065103.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2, 2]), np.array([1, 2, 0, 3]))
    >>> ig.clustering(G).round(4)
    array([1.    , 1.    , 0.3333, 0.    ])
    >>> W = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 0]), np.array([1.0, 2.0, 4.0]))
    >>> ig.clustering(W, weight="weight").round(6)
    array([0.5, 0.5, 0.5])
    """
    core = core_of(G)
    return _ig.clustering(core, use_weights=use_weights(G, weight), threads=check_threads(threads))


def average_clustering(
    G: Graph, /, *, weight: str | None = None, count_zeros: bool = True, threads: int | None = None
) -> float:
    """Mean of :func:`clustering` over the nodes, with networkx's ``average_clustering``
    semantics.

    Parameters
    ----------
    G : Graph
        Undirected or directed; self-loops are ignored.
    weight : str or None, default None
        As in :func:`clustering`.
    count_zeros : bool, default True
        ``False`` averages only over the nodes whose clustering is not 0.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; ``count_zeros`` is not a bool.
    InvalidGraphError
        No node to average over: the empty graph, or ``count_zeros=False`` and every value 0
        (networkx raises ``ZeroDivisionError``); the errors of :func:`clustering`.

    Notes
    -----
    :func:`clustering`, then a sum over fixed blocks of nodes added in block order
    (bit-identical for any number of threads; networkx adds in node order, so the two differ by
    rounding, about 1e-16 relative).

    References
    ----------
    .. [1] J. Saramaki, M. Kivela, J.-P. Onnela, K. Kaski and J. Kertesz, "Generalizations of
       the clustering coefficient to weighted complex networks", Phys. Rev. E 75 (2007) 027105.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2, 2]), np.array([1, 2, 0, 3]))
    >>> round(ig.average_clustering(G), 6), round(ig.average_clustering(G, count_zeros=False), 6)
    (0.583333, 0.777778)
    """
    core = core_of(G)
    if not isinstance(count_zeros, (bool, np.bool_)):
        raise TypeError(f"count_zeros must be a bool, got {type(count_zeros).__name__}")
    return float(
        _ig.average_clustering(
            core,
            use_weights=use_weights(G, weight),
            count_zeros=bool(count_zeros),
            threads=check_threads(threads),
        )
    )


def transitivity(G: Graph, /, *, threads: int | None = None) -> float:
    """Transitivity (global clustering) ``3 * triangles / triads``, with networkx's
    ``transitivity`` semantics.

    Parameters
    ----------
    G : Graph
        Self-loops and weights are ignored. For a directed graph, networkx's value: its triangle
        count on the out-neighbour sets ``S(v)``, ``sum_v sum_{w in S(v)} |S(v) & S(w)|`` over
        ``sum_v |S(v)| (|S(v)| - 1)``.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    float
        0 for a graph without triangles (or without nodes), as in networkx.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`.

    Notes
    -----
    The triangle counts of :func:`triangles` and the degrees, summed as exact integers
    (``sum 2 T_i / sum d_i (d_i - 1)``), then one division: identical for any number of
    threads and equal to networkx's exact integer division.

    References
    ----------
    .. [1] M. E. J. Newman, "The structure and function of complex networks", SIAM Review 45
       (2003) 167-256.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2, 2]), np.array([1, 2, 0, 3]))
    >>> ig.transitivity(G)
    0.6
    """
    core = core_of(G)
    return float(_ig.transitivity(core, threads=check_threads(threads)))


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


def _subset_ids(G: Graph, nodes: Any) -> np.ndarray | None:
    """Distinct node ids (uint32, in first-seen order) of the labels ``nodes``; ``None`` stays
    ``None``."""
    if nodes is None:
        return None
    ids = G.node_ids(nodes)
    _, first = np.unique(ids, return_index=True)
    return ids[np.sort(first)].astype(np.uint32)


def _scatter(n: int, ids: np.ndarray, vals: np.ndarray) -> np.ndarray:
    out = np.full(n, np.nan)
    out[ids] = vals
    return out


def _few(targets: np.ndarray | None, n: int) -> bool:
    """Whether one traversal per target beats the all-nodes multi-source kernel (whose
    batches of 64 to 256 sources share each pass over the graph)."""
    return targets is not None and 8 * targets.size < n


def closeness_centrality(
    G: Graph,
    /,
    *,
    distance: str | None = None,
    wf_improved: bool = True,
    nbunch: Iterable[Any] | None = None,
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
    nbunch : iterable of nodes, optional
        Compute only these nodes (labels), one traversal each, instead of all ``n``; the
        other entries of the result are NaN. networkx's ``u`` is ``nbunch=[u]``.
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
    With ``nbunch``, one BFS (or Dijkstra) per listed node, parallel over them. Without weights, all
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
    targets = _subset_ids(G, nbunch)
    if targets is not None and _few(targets, G.num_nodes):
        vals = _ig.closeness_centrality_of(
            core,
            targets,
            use_weights=_distance_weights(G, distance),
            wf_improved=_flag("wf_improved", wf_improved),
            threads=check_threads(threads),
        )
        return _scatter(G.num_nodes, targets, vals)
    vals = _ig.closeness_centrality(
        core,
        use_weights=_distance_weights(G, distance),
        wf_improved=_flag("wf_improved", wf_improved),
        threads=check_threads(threads),
    )
    return vals if targets is None else _scatter(G.num_nodes, targets, vals[targets])


def harmonic_centrality(
    G: Graph,
    /,
    *,
    distance: str | None = None,
    nbunch: Iterable[Any] | None = None,
    sources: Iterable[Any] | None = None,
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
    nbunch : iterable of nodes, optional
        Compute only these nodes (labels); the other entries of the result are NaN.
    sources : iterable of nodes, optional
        Sum only over paths from these nodes (labels); default: every node.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    numpy.ndarray
        float64 harmonic centrality per node id (not normalised, as in networkx); NaN for nodes
        outside ``nbunch``. Empty for the empty graph.

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
    With ``nbunch`` or ``sources``, one BFS (or Dijkstra) per node of ``nbunch`` (every node
    without it) over the in-arcs, counting only the sources. Otherwise the same kernels as
    :func:`closeness_centrality`: a
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
    targets = _subset_ids(G, nbunch)
    srcs = _subset_ids(G, sources)
    if srcs is None and not _few(targets, G.num_nodes):
        vals = _ig.harmonic_centrality(
            core,
            use_weights=_distance_weights(G, distance),
            threads=check_threads(threads),
        )
        return vals if targets is None else _scatter(G.num_nodes, targets, vals[targets])
    if targets is None:
        targets = np.arange(G.num_nodes, dtype=np.uint32)
    vals = _ig.harmonic_centrality_of(
        core,
        targets,
        sources=srcs,
        use_weights=_distance_weights(G, distance),
        threads=check_threads(threads),
    )
    return _scatter(G.num_nodes, targets, vals)


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


def _source_ids(G: Graph, sources: Any, k: Any) -> np.ndarray | None:
    """The ``sources`` of a betweenness call as distinct uint32 ids (``None`` stays ``None``)."""
    if sources is None:
        return None
    if k is not None:
        raise InvalidParameterError("invalid sources: give either k or sources, not both")
    ids = G.node_ids(sources)
    if np.unique(ids).size != ids.size:
        raise InvalidParameterError("invalid sources: the nodes must be distinct")
    return ids.astype(np.uint32)


def betweenness_centrality(
    G: Graph,
    /,
    *,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    endpoints: bool = False,
    seed: int | None = None,
    sources: Iterable[Any] | None = None,
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
    sources : iterable of nodes, optional
        An explicit sample of distinct source nodes (labels), instead of ``k`` and ``seed``:
        the estimate from exactly these sources, rescaled as networkx rescales a sample of
        ``len(sources)`` nodes. This is how the networkx backend reproduces networkx's own
        ``seed.sample(list(G), k)`` draw, and so its result.
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
        ``k`` negative or larger than ``n`` (networkx: ``ValueError``), ``k == 0`` (or empty
        ``sources``) on a graph where networkx divides by zero, a bad ``seed`` or ``threads``,
        repeated ``sources``, or both ``k`` and ``sources``.
    NodeNotFoundError
        A node of ``sources`` is not in the graph.
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
        sources=_source_ids(G, sources, k),
        threads=check_threads(threads),
    )


def betweenness_centrality_subset(
    G: Graph,
    /,
    sources: Iterable[Any],
    targets: Iterable[Any],
    *,
    normalized: bool = False,
    weight: str | None = None,
    threads: int | None = None,
) -> np.ndarray:
    """Betweenness over the shortest paths from ``sources`` to ``targets`` only, with exactly
    networkx's ``betweenness_centrality_subset`` semantics.

    ``b(v)`` is the sum, over ``s`` in ``sources`` and ``t`` in ``targets`` (``t != s``,
    ``v`` not an endpoint), of the fraction of shortest ``s``-``t`` paths through ``v``.

    Parameters
    ----------
    G : Graph
        Directed or undirected.
    sources, targets : iterable of nodes
        Node labels. A source listed twice counts twice, as in networkx's loop; targets form a
        set.
    normalized : bool, default False
        Divide by ``(n-1)(n-2)``; otherwise undirected values are halved (each unordered pair
        once), as networkx.
    weight : str or None, default None
        ``None``: hop counts (BFS); an attribute name: the weights stored in ``G`` (Dijkstra),
        which must be non-negative.
    threads : int, optional
        Number of threads; the result does not depend on it, bit for bit.

    Returns
    -------
    numpy.ndarray
        float64 betweenness per node id.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`, or an option of the wrong type.
    NodeNotFoundError
        A source or target is not in the graph.
    InvalidGraphError
        A negative edge weight with ``weight`` not ``None``.

    Notes
    -----
    Brandes' kernel of :func:`betweenness_centrality` with the ``1`` of ``(1 + delta(w)) /
    sigma(w)`` counted only at targets; O(|sources| m) unweighted, parallel over sources and
    bit-identical for any number of threads.

    References
    ----------
    .. [1] U. Brandes, "On variants of shortest-path betweenness centrality and their generic
       computation", Social Networks 30(2) (2008) 136-145.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 3]))  # path 0-1-2-3
    >>> ig.betweenness_centrality_subset(G, [0], [3])
    array([0. , 0.5, 0.5, 0. ])
    """
    core = core_of(G)
    return _ig.betweenness_centrality_subset(
        core,
        G.node_ids(sources).astype(np.uint32),
        G.node_ids(targets).astype(np.uint32),
        normalized=_flag("normalized", normalized),
        use_weights=use_weights(G, weight),
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
    sources: Iterable[Any] | None = None,
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
    sources : iterable of nodes, optional
        An explicit sample of distinct source nodes instead of ``k`` and ``seed``, scaled by
        ``n / len(sources)`` as networkx scales its own sample.
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
        ``k`` negative or larger than ``n``, or ``k == 0`` (or empty ``sources``) on a graph
        with at least two nodes (networkx divides by zero); repeated ``sources``, or both ``k``
        and ``sources``.
    NodeNotFoundError
        A node of ``sources`` is not in the graph.
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
        sources=_source_ids(G, sources, k),
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
        The null graph (as networkx), or a negative edge weight (with ``weight`` not ``None``).

    Notes
    -----
    The same formula as networkx 3.6's ``nx.constraint(G)`` (its sparse-matrix path, used when
    ``nodes`` is None), so results agree to rounding. Computed per node with a marker array over
    its neighbours: ``O(n + sum_w min(deg w, deg u log deg w))`` work, parallel over nodes, each node's value
    computed by one task (bit-identical for any number of threads); a hub's row is searched
    (galloping) rather than scanned when its neighbour's row is much shorter; ``O(n)`` memory per thread,
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
        The null graph (as networkx), or a negative edge weight (with ``weight`` not ``None``).

    Notes
    -----
    Burt's definition as networkx documents it and computes it per node (``nodes=...``). For
    undirected unweighted graphs this equals networkx 3.6's default ``nx.effective_size(G)``;
    for weighted or directed graphs networkx's default (sparse-matrix) path divides by the wrong
    axis's maxima and disagrees with its own per-node path (networkx PR #8906; igraph and UCINET
    agree with the per-node values, as do we). networkx's per-node path also returns NaN for
    directed nodes with in-arcs only (it tests the successors, networkx issue #2661); we sum over
    in- and out-neighbours as the definition says. Computed per node in
    ``O(n + sum_w min(deg w, deg u log deg w))`` work, parallel over nodes, bit-identical for any
    number of threads; networkx's default path builds a dense ``n x n`` matrix. Efficiency is
    ``effective_size(G) / degree``.

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
        tol=real_arg("tol", tol),
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
        alpha=real_arg("alpha", alpha),
        beta=beta_scalar,
        beta_per_node=beta_vec,
        max_iter=_count("max_iter", max_iter),
        tol=real_arg("tol", tol),
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
        tol=real_arg("tol", tol),
        nstart=node_vector(G, nstart, "nstart"),
        normalized=bool(normalized),
        use_weights=bool(G.weighted),
        threads=check_threads(threads),
    )
