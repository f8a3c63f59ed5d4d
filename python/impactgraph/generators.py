"""Seeded random graph generators: R-MAT / Graph500 Kronecker graphs, the stochastic block model,
Erdős–Rényi G(n, p) and the LFR community benchmark.

Every generator is parallel and reproducible: the same ``seed`` gives the identical graph on any
number of threads and on every platform, because the random streams come from impactgraph's
own generator (xoshiro256** seeded through SplitMix64, one stream per edge block or per node),
not from a dependency that could change. ``seed=None`` draws a fresh 64-bit seed from the
operating system (``numpy.random.SeedSequence().entropy``).
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from . import _core as _ig
from ._util import check_threads, seed_to_u64
from .errors import InvalidParameterError
from .graph import Graph

__all__ = ["rmat", "rmat_edges", "sbm", "gnp", "lfr"]

_U32_MAX = 2**32 - 1
_U64_MAX = 2**64 - 1


def _int_arg(name: str, value: Any, hi: int) -> int:
    """A non-negative int (Python or numpy) no larger than ``hi``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    v = int(value)
    if v < 0 or v > hi:
        raise InvalidParameterError(f"invalid {name}: must be an int in [0, {hi}], got {v}")
    return v


def _real_arg(name: str, value: Any) -> float:
    """A real number as a float (its range is checked by the core, which names the argument)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a float, got {type(value).__name__}")
    return float(value)


def _prob_arg(name: str, value: Any) -> float:
    v = _real_arg(name, value)
    if not 0.0 <= v <= 1.0:  # also rejects NaN
        raise InvalidParameterError(f"invalid {name}: must be a probability in [0, 1], got {v}")
    return v


def rmat_edges(
    scale: int,
    edge_factor: int = 16,
    a: float = 0.57,
    b: float = 0.19,
    c: float = 0.19,
    *,
    seed: int | None = None,
    threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The edge list of a Graph500-style R-MAT graph, as generated.

    Each of the ``m = edge_factor * 2**scale`` edges chooses one quadrant of the adjacency
    matrix per level, ``scale`` times: top-left with probability ``a``, top-right ``b``,
    bottom-left ``c`` and bottom-right ``d = 1 - a - b - c``. Node ids are then relabelled by a
    uniformly random permutation of ``0..2**scale - 1`` drawn from the seed, as in the Graph500
    reference generator, so that the hubs are not all at low ids. Duplicates and self-loops are
    kept. The same arrays can be handed to every graph library of a benchmark.

    Parameters
    ----------
    scale : int
        log2 of the number of nodes, at most 31.
    edge_factor : int, default 16
        Edges per node.
    a, b, c : float, default 0.57, 0.19, 0.19
        Quadrant probabilities (Graph500's defaults), each in [0, 1] with ``a + b + c <= 1``.
    seed : int, optional
        A non-negative int (Python or numpy) below 2**64. ``None`` draws a fresh seed from
        ``numpy.random.SeedSequence().entropy``.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    src, dst : numpy.ndarray of uint32
        The endpoints, ``m`` each, in generation order.

    Raises
    ------
    TypeError
        A non-integer ``scale``, ``edge_factor`` or ``seed``, or a non-numeric probability.
    InvalidParameterError
        ``scale > 31``, a probability outside [0, 1], ``a + b + c > 1``, a negative ``seed``.
    GraphTooLargeError
        ``m`` edges cannot be allocated.

    Notes
    -----
    O(m * scale) work in parallel blocks of 16384 edges (block ``k`` uses random stream
    ``(seed, k)``), so the result is identical for any number of threads. Memory: ``8 m`` bytes
    for the result plus ``4 * 2**scale`` for the permutation. Quadrant probabilities are resolved
    to multiples of 2**-32.

    References
    ----------
    .. [1] D. Chakrabarti, Y. Zhan and C. Faloutsos, "R-MAT: A recursive model for graph
       mining", SIAM International Conference on Data Mining, 2004.
    .. [2] Graph500 Steering Committee, "Graph500 benchmark specification" (Kronecker
       generator), https://graph500.org/

    Examples
    --------
    >>> import impactgraph as ig
    >>> src, dst = ig.rmat_edges(10, 16, seed=42)
    >>> src.dtype, src.shape
    (dtype('uint32'), (16384,))
    >>> bool((src < 1024).all() and (dst < 1024).all())
    True
    """
    s, d = _ig.rmat_edges(
        _int_arg("scale", scale, _U32_MAX),
        _int_arg("edge_factor", edge_factor, _U64_MAX),
        _real_arg("a", a),
        _real_arg("b", b),
        _real_arg("c", c),
        seed=seed_to_u64(seed),
        threads=check_threads(threads),
    )
    return s, d


def rmat(
    scale: int,
    edge_factor: int = 16,
    a: float = 0.57,
    b: float = 0.19,
    c: float = 0.19,
    *,
    directed: bool = False,
    seed: int | None = None,
    threads: int | None = None,
) -> Graph:
    """A Graph500-style R-MAT graph on ``2**scale`` nodes, as a simple graph.

    The edges of :func:`rmat_edges` with duplicates merged and self-loops dropped, unweighted.
    Isolated nodes are kept: the graph always has ``2**scale`` nodes and at most
    ``edge_factor * 2**scale`` edges.

    Parameters
    ----------
    scale, edge_factor, a, b, c, seed, threads
        As in :func:`rmat_edges`.
    directed : bool, default False
        Keep ``(u, v)`` and ``(v, u)`` as two edges (``True``) or merge them.

    Returns
    -------
    Graph

    Raises
    ------
    TypeError, InvalidParameterError, GraphTooLargeError
        As :func:`rmat_edges`.

    Notes
    -----
    :func:`rmat_edges` followed by :meth:`Graph.from_edges`: O(m * scale) work in parallel,
    peak memory the ``8 m``-byte edge list plus the CSR. The same seed gives the same graph on
    any number of threads. With Graph500's parameters about 13 % of the ``16 * 2**scale``
    generated edges are duplicates or self-loops (scale 16: 909,438 edges remain).

    References
    ----------
    .. [1] D. Chakrabarti, Y. Zhan and C. Faloutsos, "R-MAT: A recursive model for graph
       mining", SIAM International Conference on Data Mining, 2004.
    .. [2] Graph500 Steering Committee, "Graph500 benchmark specification" (Kronecker
       generator), https://graph500.org/

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.rmat(8, 8, seed=1)
    >>> G.num_nodes, G.num_self_loops, G.directed
    (256, 0, False)
    >>> G.num_edges <= 8 * 256
    True
    """
    core = _ig.rmat(
        _int_arg("scale", scale, _U32_MAX),
        _int_arg("edge_factor", edge_factor, _U64_MAX),
        _real_arg("a", a),
        _real_arg("b", b),
        _real_arg("c", c),
        directed=bool(directed),
        seed=seed_to_u64(seed),
        threads=check_threads(threads),
    )
    return Graph(core)


def sbm(
    sizes: Any,
    p_in: float | None = None,
    p_out: float | None = None,
    *,
    p: Any = None,
    directed: bool = False,
    selfloops: bool = False,
    seed: int | None = None,
    threads: int | None = None,
) -> tuple[Graph, np.ndarray]:
    """A stochastic block model (planted partition) graph.

    Nodes are numbered block by block (block 0 is ``0..sizes[0]-1``, and so on, as networkx's
    ``stochastic_block_model`` numbers them); nodes ``u`` in block ``i`` and ``v`` in block
    ``j`` are joined independently with probability ``p[i][j]``.

    Parameters
    ----------
    sizes : sequence of int
        Block sizes (at least one block; empty blocks are allowed).
    p_in, p_out : float, optional
        Probability of an edge within a block and between blocks: the matrix with ``p_in`` on
        the diagonal and ``p_out`` elsewhere. Give both, or ``p`` instead.
    p : array_like of float, shape (k, k), optional
        The full block probability matrix, ``k = len(sizes)``; symmetric (to within 1e-8,
        networkx's tolerance) unless ``directed``. Undirected graphs use its upper triangle.
    directed : bool, default False
        Sample ``(u, v)`` and ``(v, u)`` independently.
    selfloops : bool, default False
        Also sample a loop ``(u, u)`` with probability ``p[i][i]``.
    seed : int, optional
        A non-negative int below 2**64; ``None`` draws a fresh seed from
        ``numpy.random.SeedSequence().entropy``.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    G : Graph
        ``sum(sizes)`` nodes, unweighted.
    blocks : numpy.ndarray of uint32
        ``blocks[u]`` is the block of node ``u``.

    Raises
    ------
    TypeError
        Non-integer sizes or seed, non-numeric probabilities.
    InvalidParameterError
        No blocks, a negative size, both or neither of (``p_in``, ``p_out``) and ``p``, a
        probability outside [0, 1], a ``p`` of the wrong shape, an asymmetric ``p`` for an
        undirected graph, a negative seed.
    GraphTooLargeError
        More than ``2**32 - 1`` nodes, or more expected edges than memory can hold.

    Notes
    -----
    For each node (in parallel, with its own random stream ``(seed, u)``) the neighbours are
    sampled block by block with geometric skipping [2]_, so the cost is O(n k + m) for ``m``
    edges rather than O(n**2); the graph is identical for any number of threads.

    References
    ----------
    .. [1] P. W. Holland, K. B. Laskey and S. Leinhardt, "Stochastic blockmodels: First steps",
       Social Networks 5(2), 109-137, 1983.
    .. [2] V. Batagelj and U. Brandes, "Efficient generation of large random networks",
       Phys. Rev. E 71, 036113, 2005.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G, blocks = ig.sbm([3, 2], p_in=1.0, p_out=0.0, seed=7)   # two cliques
    >>> blocks
    array([0, 0, 0, 1, 1], dtype=uint32)
    >>> G.num_edges
    4
    >>> G, blocks = ig.sbm([50, 50], p=[[0.3, 0.01], [0.01, 0.3]], seed=7)
    >>> G.num_nodes
    100
    """
    k_sizes = _sizes_arg(sizes)
    k = len(k_sizes)
    if p is not None:
        if p_in is not None or p_out is not None:
            raise InvalidParameterError("invalid p: give either p_in and p_out, or the matrix p, not both")
        try:
            P = np.array(p, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError("p must be a k x k array of probabilities") from None
        if P.ndim != 2 or P.shape != (k, k):
            raise InvalidParameterError(
                f"invalid p: must be a {k} x {k} matrix for {k} blocks, got shape {P.shape}"
            )
    else:
        if p_in is None or p_out is None:
            raise InvalidParameterError("invalid p_in, p_out: give both p_in and p_out, or the matrix p")
        P = np.full((k, k), _prob_arg("p_out", p_out))
        np.fill_diagonal(P, _prob_arg("p_in", p_in))
    core, blocks = _ig.sbm(
        k_sizes,
        np.ascontiguousarray(P, dtype=np.float64).ravel(),
        directed=bool(directed),
        self_loops=bool(selfloops),
        seed=seed_to_u64(seed),
        threads=check_threads(threads),
    )
    return Graph(core), blocks


def _sizes_arg(sizes: Any) -> list[int]:
    arr = np.asarray(sizes)
    if arr.ndim != 1:
        raise TypeError(f"sizes must be a 1-d sequence of ints, got shape {arr.shape}")
    if arr.size and arr.dtype.kind not in "iu":
        raise TypeError(f"sizes must be a sequence of ints, got dtype {arr.dtype}")
    out = [int(x) for x in arr.tolist()]
    for i, s in enumerate(out):
        if s < 0:
            raise InvalidParameterError(f"invalid sizes: sizes[{i}] = {s} is negative")
        if s > _U32_MAX:
            raise InvalidParameterError(f"invalid sizes: sizes[{i}] = {s} is larger than 2**32 - 1")
    return out


def gnp(
    n: int,
    p: float,
    *,
    directed: bool = False,
    seed: int | None = None,
    threads: int | None = None,
) -> Graph:
    """An Erdős–Rényi G(n, p) random graph.

    Every pair of distinct nodes (ordered pair if ``directed``) is an edge independently with
    probability ``p``; no self-loops, as networkx's ``gnp_random_graph``.

    Parameters
    ----------
    n : int
        Number of nodes, at most ``2**32 - 1``.
    p : float
        Edge probability in [0, 1].
    directed : bool, default False
    seed : int, optional
        A non-negative int below 2**64; ``None`` draws a fresh seed from
        ``numpy.random.SeedSequence().entropy``.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    Graph

    Raises
    ------
    TypeError
        Non-integer ``n`` or ``seed``, non-numeric ``p``.
    InvalidParameterError
        A negative ``n``, ``p`` outside [0, 1], a negative seed.
    GraphTooLargeError
        Too many nodes, or more expected edges than memory can hold.

    Notes
    -----
    Geometric skipping per node (random stream ``(seed, u)``), in parallel over nodes:
    O(n + m) expected work and memory, identical for any number of threads.

    References
    ----------
    .. [1] P. Erdős and A. Rényi, "On random graphs I", Publ. Math. Debrecen 6, 290-297, 1959.
    .. [2] V. Batagelj and U. Brandes, "Efficient generation of large random networks",
       Phys. Rev. E 71, 036113, 2005.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.gnp(100, 1.0, seed=3)
    >>> G.num_edges == 100 * 99 // 2
    True
    >>> ig.gnp(1000, 0.01, seed=3).num_nodes
    1000
    """
    core = _ig.gnp(
        _int_arg("n", n, _U64_MAX),
        _real_arg("p", p),
        directed=bool(directed),
        seed=seed_to_u64(seed),
        threads=check_threads(threads),
    )
    return Graph(core)


def _opt_int_arg(name: str, value: Any) -> int | None:
    return None if value is None else _int_arg(name, value, _U64_MAX)


def lfr(
    n: int,
    tau1: float,
    tau2: float,
    mu: float,
    average_degree: float | None = None,
    min_degree: int | None = None,
    max_degree: int | None = None,
    min_community: int | None = None,
    max_community: int | None = None,
    *,
    tol: float = 1e-07,
    max_iters: int = 500,
    seed: int | None = None,
    threads: int | None = None,
) -> tuple[Graph, np.ndarray]:
    """The LFR benchmark graph with planted communities (Lancichinetti, Fortunato and Radicchi).

    Degrees follow a power law with exponent ``tau1``, community sizes a power law with exponent
    ``tau2``, and every node has about a fraction ``mu`` of its edges outside its community.
    Parameter names, meanings and defaults are those of networkx's ``LFR_benchmark_graph``.

    Parameters
    ----------
    n : int
        Number of nodes.
    tau1 : float
        Exponent of the degree distribution, greater than one.
    tau2 : float
        Exponent of the community size distribution, greater than one.
    mu : float
        Fraction of each node's edges that leave its community, in [0, 1].
    average_degree : float, optional
        Desired average degree. Exactly one of ``average_degree`` and ``min_degree`` is given.
    min_degree : int, optional
        Smallest degree (at least 1).
    max_degree : int, optional
        Largest degree, in (0, n]; default ``n``.
    min_community : int, optional
        Smallest community size; default the smallest drawn degree.
    max_community : int, optional
        Largest community size; default the largest drawn degree.
    tol : float, default 1e-07
        networkx's tolerance on the average degree; must be positive when ``average_degree`` is
        given (the cut-off is solved exactly, see Notes).
    max_iters : int, default 500
        Attempts at a community size sequence that can hold every node's internal degree.
    seed : int, optional
        A non-negative int below 2**64; ``None`` draws a fresh seed from
        ``numpy.random.SeedSequence().entropy``.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    G : Graph
        A simple undirected graph on ``n`` nodes.
    communities : numpy.ndarray of int32
        ``communities[u]`` is the planted community of node ``u`` (ids ``0..k-1``).

    Raises
    ------
    TypeError
        A non-integer ``n``, degree, community size, ``max_iters`` or ``seed``, or a
        non-numeric exponent, ``mu``, ``average_degree`` or ``tol``.
    InvalidParameterError
        Where networkx raises: ``tau1`` or ``tau2`` not greater than one, ``mu`` outside
        [0, 1], ``max_degree`` outside (0, n], not exactly one of ``average_degree`` and
        ``min_degree``, a ``min_degree`` or ``min_community`` below 1, an ``average_degree``
        that no power law on [1, max_degree] reaches, ``max_iters < 1``, community sizes that
        cannot hold the internal degrees within ``max_iters`` attempts; and where networkx
        never returns: ``min_degree > max_degree``, ``min_community > max_community`` or
        ``min_community > n``.

    Notes
    -----
    1. Degrees are i.i.d. draws from P(k) ∝ k**-tau1 on [min_degree, max_degree] (networkx's
       truncated Zipf). Given ``average_degree``, the lower cut-off is solved exactly: the
       integer k with mean(k) <= average_degree < mean(k + 1) is found and k's own weight
       lowered so that the expected degree is ``average_degree``. networkx instead rounds a
       continuous approximation to an integer, which can miss the requested mean by 10-35 %
       (``tau1=3, average_degree=5`` gives a mean of 3.2, ``average_degree=10, max_degree=100``
       8.7); with ``min_degree`` both use the same distribution.
    2. Every node's internal degree is ``round((1 - mu) * degree)``.
    3. Community sizes are drawn from P(s) ∝ s**-tau2 on [min_community, max_community] until
       they cover n; the overshoot is taken off the last one. They are redrawn until every
       internal degree fits a community (size - 1 >= internal degree).
    4. Nodes, by decreasing internal degree, take a uniformly random free seat in a community
       large enough for them.
    5. Internal edges come from a configuration model inside each community (in parallel, one
       random stream per community), external edges from a configuration model over all
       external stubs. Self-loops, multi-edges and external edges inside a community are
       removed by degree-preserving double-edge swaps; the rare edge no swap can repair (in
       nearly complete communities) is dropped, so a degree can end slightly below its draw.

    The realised mixing parameter is within about 0.01 of ``mu`` and the mean degree within
    a few percent of ``average_degree``. O(n + m) work; the graph is identical for any number of
    threads. Generating n = 10**6 nodes with average degree 20 takes about a second.

    References
    ----------
    .. [1] A. Lancichinetti, S. Fortunato and F. Radicchi, "Benchmark graphs for testing
       community detection algorithms", Phys. Rev. E 78, 046110, 2008.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G, communities = ig.lfr(250, 3, 1.5, 0.1, average_degree=5, min_community=20, seed=10)
    >>> G.num_nodes, communities.dtype, communities.shape
    (250, dtype('int32'), (250,))
    >>> int(np.bincount(communities).min()) >= 20
    True
    """
    avg = None if average_degree is None else _real_arg("average_degree", average_degree)
    core, comm = _ig.lfr(
        _int_arg("n", n, _U64_MAX),
        _real_arg("tau1", tau1),
        _real_arg("tau2", tau2),
        _real_arg("mu", mu),
        average_degree=avg,
        min_degree=_opt_int_arg("min_degree", min_degree),
        max_degree=_opt_int_arg("max_degree", max_degree),
        min_community=_opt_int_arg("min_community", min_community),
        max_community=_opt_int_arg("max_community", max_community),
        tol=_real_arg("tol", tol),
        max_iters=_int_arg("max_iters", max_iters, _U64_MAX),
        seed=seed_to_u64(seed),
        threads=check_threads(threads),
    )
    # Community ids are below 2**31 (the core checks), so the uint32 buffer reads as int32.
    return Graph(core), comm.view(np.int32)
