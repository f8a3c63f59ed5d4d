"""Seeded random graph generators: R-MAT / Graph500 Kronecker graphs, the stochastic block model,
Erdős–Rényi G(n, p), the LFR community benchmark, and the multi-level impact network of the
embedded example (:func:`impact_network`).

Every generator is parallel and reproducible: the same ``seed`` gives the identical graph on any
number of threads and on every platform, because the random streams come from impactgraph's
own generator (xoshiro256** seeded through SplitMix64, one stream per edge block or per node),
not from a dependency that could change. ``seed=None`` draws a fresh 64-bit seed from the
operating system (``numpy.random.SeedSequence().entropy``). The impact network is the
exception: it is vectorised numpy on one ``numpy.random.Generator(PCG64(seed))`` stream (see
:func:`impact_network_tables`).
"""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core as _ig
from ._util import check_threads, seed_to_u64
from .errors import InvalidParameterError
from .graph import Graph

if TYPE_CHECKING:
    import pandas

    from .multilevel import MultiLevelNetwork

__all__ = ["rmat", "rmat_edges", "sbm", "gnp", "lfr", "impact_network", "impact_network_tables"]

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
    The same graph as :func:`rmat_edges` followed by :meth:`Graph.from_edges`, built without
    the edge list: the edges are generated twice (once to count the rows, once to place them
    straight into the CSR), O(m * scale) work in parallel. Peak memory is the CSR before
    duplicates are merged (``4`` bytes per generated arc, ``8`` per node) plus ``12`` bytes per
    node and about 50 MB of buffers (2.5 GB in all at scale 24). The same seed gives the same
    graph on any number of threads. With Graph500's parameters about 13 % of the
    ``16 * 2**scale`` generated edges are duplicates or self-loops (scale 16: 909,438 edges
    remain).

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


# --------------------------------------------------------------------------------------------
# The embedded example: a multi-level impact network
# --------------------------------------------------------------------------------------------

#: Sector names of :func:`impact_network_tables` (the default ``sectors``).
SECTORS: tuple[str, ...] = (
    "education",
    "health",
    "environment",
    "housing",
    "economic development",
    "arts",
    "faith",
    "government",
)

#: Region names of :func:`impact_network_tables` (the default ``regions``).
REGIONS: tuple[str, ...] = (
    "Central",
    "North",
    "Northeast",
    "East",
    "Southeast",
    "South",
    "Southwest",
    "West",
    "Northwest",
    "Riverside",
    "Highlands",
    "Coast",
)

# Member-member tie mechanisms: shares of the drawn ties (see impact_network_tables' Notes).
_TIE_MIX = (("organization", 0.62), ("local_network", 0.14), ("region", 0.10), ("sector", 0.08), ("any", 0.06))
# Mean tie weight minus one (weight = 1 + Poisson(lambda)) by mechanism.
_TIE_LAMBDA = {"organization": 2.0, "local_network": 1.0, "region": 0.5, "sector": 0.5, "any": 0.25}
# Organization partnerships.
_PARTNER_MIX = (("local_network", 0.5), ("sector", 0.25), ("region", 0.15), ("any", 0.10))
_PROPENSITY_TAIL = 1.5  # P(theta > x) ~ x**-1.5 (density exponent 2.5)
_PROPENSITY_CAP = 300.0


class _Picker:
    """Weighted draws of an item within a group, vectorised.

    Items are sorted by group and their weights accumulated once; a draw for group ``g`` is a
    uniform point in ``g``'s stretch of the cumulative sum, found by binary search. Groups
    without items (or without weight) give -1.
    """

    def __init__(self, item_group: np.ndarray, weight: np.ndarray, n_groups: int) -> None:
        self.order = np.argsort(item_group, kind="stable")
        self.cw = np.cumsum(weight[self.order], dtype=np.float64)
        counts = np.bincount(item_group, minlength=n_groups)
        self.ends = np.cumsum(counts)
        self.starts = self.ends - counts
        cw0 = np.concatenate(([0.0], self.cw))
        self.lo = cw0[self.starts]
        self.hi = cw0[self.ends]

    def pick(self, groups: np.ndarray, u: np.ndarray) -> np.ndarray:
        lo = self.lo[groups]
        hi = self.hi[groups]
        pos = np.searchsorted(self.cw, lo + u * (hi - lo), side="right")
        np.clip(pos, self.starts[groups], np.maximum(self.ends[groups] - 1, 0), out=pos)
        out = self.order[np.minimum(pos, self.order.size - 1)] if self.order.size else np.zeros_like(pos)
        return np.where(hi > lo, out, -1)


def _global_pick(weight: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    """``size`` indices drawn with probability proportional to ``weight``."""
    cw = np.cumsum(weight, dtype=np.float64)
    x = rng.random(size) * cw[-1]
    order = np.argsort(x)  # sorted keys make the binary searches cache-friendly
    pos = np.empty(size, dtype=np.int64)
    pos[order] = np.searchsorted(cw, x[order], side="right")
    return np.minimum(pos, weight.size - 1)


def _spread(n: int, k: int, weight: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A group in ``0..k-1`` for each of ``n`` items, proportional to ``weight``, every group
    used at least once when ``n >= k`` (the first ``k`` items of a random order seed the groups)."""
    out = _global_pick(weight, n, rng)
    if n >= k:
        out[rng.permutation(n)[:k]] = np.arange(k)
    return out


def _labels(prefix: str, n: int) -> np.ndarray:
    """``prefix`` followed by 1..n zero-padded to the width of n, as an object array."""
    digits = np.char.zfill(np.arange(1, n + 1).astype(str), len(str(n)))
    return np.char.add(prefix, digits).astype(object)


def _years(n: int, first: int, last: int, skew: float, rng: np.random.Generator) -> np.ndarray:
    """Integer years in [first, last]: ``first + floor(span * U**skew)`` (skew < 1: later years
    more likely, i.e. growth; skew > 1: earlier)."""
    span = last - first + 1
    return first + np.minimum((span * rng.random(n) ** skew).astype(np.int64), span - 1)


def _after(base: np.ndarray, last: int, skew: float, rng: np.random.Generator) -> np.ndarray:
    """A year in [base, last]: ``base + floor((last - base + 1) * U**skew)`` (skew > 1: soon
    after ``base``)."""
    room = last - base + 1
    return base + np.minimum((room * rng.random(base.size) ** skew).astype(np.int64), room - 1)


def _pos_arg(name: str, value: Any, *, at_least: float = 0.0, strict: bool = True) -> float:
    v = _real_arg(name, value)
    ok = v > at_least if strict else v >= at_least
    if not (ok and np.isfinite(v)):
        rel = ">" if strict else ">="
        raise InvalidParameterError(f"invalid {name}: must be a finite number {rel} {at_least:g}, got {v}")
    return v


def _count_arg(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    v = int(value)
    if not 1 <= v <= 2**30:  # pair codes (min * n + max) * 8 + kind fit an int64
        raise InvalidParameterError(f"invalid {name}: must be an int in [1, 2**30], got {v}")
    return v


def _names_arg(name: str, value: Any) -> list[str]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise TypeError(f"{name} must be a sequence of str, got {type(value).__name__}")
    out = list(value)
    if not out:
        raise InvalidParameterError(f"invalid {name}: must name at least one {name[:-1]}")
    for x in out:
        if not isinstance(x, str):
            raise TypeError(f"{name} must be a sequence of str, got an item of type {type(x).__name__}")
    if len(set(out)) != len(out):
        raise InvalidParameterError(f"invalid {name}: names must be distinct")
    return out


def _member_of(row: np.ndarray, mo_member: np.ndarray) -> np.ndarray:
    """The member of membership ``row`` (-1 stays -1)."""
    return np.where(row >= 0, mo_member[np.maximum(row, 0)], -1)


def _merge_pairs(codes: np.ndarray, a: np.ndarray, b: np.ndarray, kind: np.ndarray, n: int) -> np.ndarray:
    """Add the pairs (a, b) with their kind (0-7) to ``codes``, the sorted distinct codes
    ``(min * n + max) * 8 + kind`` of the pairs so far; self-loops are dropped and a repeated
    pair keeps its smallest kind."""
    ok = a != b
    lo = np.minimum(a[ok], b[ok])
    hi = np.maximum(a[ok], b[ok])
    out = np.concatenate((codes, (lo * n + hi) * 8 + kind[ok]))
    out.sort()
    pair = out >> 3
    first = np.ones(out.size, dtype=bool)
    first[1:] = pair[1:] != pair[:-1]
    return out[first]


def _keep_exactly(codes: np.ndarray, target: int, rng: np.random.Generator) -> np.ndarray:
    """A uniformly random subset of ``target`` of ``codes`` (all of them if fewer), in order."""
    extra = codes.size - target
    if extra <= 0:
        return codes
    keep = np.ones(codes.size, dtype=bool)
    keep[rng.choice(codes.size, extra, replace=False)] = False
    return codes[keep]


def impact_network_tables(
    n_members: int = 100_000,
    n_organizations: int = 3_000,
    n_local_networks: int = 150,
    n_meta_networks: int = 8,
    *,
    mean_member_ties: float = 10.0,
    mean_memberships: float = 1.3,
    mean_partnerships: float = 4.0,
    sectors: Any = SECTORS,
    regions: Any = REGIONS,
    first_year: int = 2016,
    last_year: int = 2025,
    seed: int | None = 0,
) -> tuple[pandas.DataFrame, pandas.DataFrame, pandas.DataFrame]:
    """The tables of a synthetic multi-level impact network: members, organizations, local
    networks and meta-networks, with sectors, regions and years.

    The embedded example of ``impactgraph analyze --example``: about 100,000 members in 3,000
    organizations, 150 local networks and 8 meta-networks (the defaults), generated
    deterministically from ``seed``. The three tables are in the format of
    ``MultiLevelNetwork.from_tables`` (see :func:`impact_network`).

    Parameters
    ----------
    n_members, n_organizations, n_local_networks, n_meta_networks : int
        Number of nodes on each level, each at least 1 (exact).
    mean_member_ties : float, default 10.0
        Mean number of member-member ties per member (mean degree of the member level); exact
        up to rounding, unless the groups are too small to hold that many distinct ties.
    mean_memberships : float, default 1.3
        Mean number of organizations per member, at least 1. A member belongs to
        ``1 + Poisson(mean_memberships - 1)`` organizations, so a share
        ``1 - exp(1 - mean_memberships)`` (26 % by default) bridges two or more.
    mean_partnerships : float, default 4.0
        Mean number of partnerships (organization-organization ties) per organization.
    sectors : sequence of str, default :data:`SECTORS`
        Sector names (eight by default: education, health, environment, housing, economic
        development, arts, faith, government).
    regions : sequence of str, default :data:`REGIONS`
        Region names (twelve by default).
    first_year, last_year : int, default 2016, 2025
        The years over which nodes join and ties and memberships form (integers, inclusive).
    seed : int or None, default 0
        A non-negative int below 2**64; ``None`` draws a fresh seed from the operating system.

    Returns
    -------
    nodes : pandas.DataFrame
        Columns ``node`` (str label), ``level`` (str: ``"member"``, ``"organization"``,
        ``"local_network"`` or ``"meta_network"``), ``sector`` (str), ``region`` (str) and
        ``joined`` (int64 year). Rows are members, then organizations, local networks and
        meta-networks; labels are ``"m000001"``... (zero-padded to the width of
        ``n_members``), ``"o0001"``..., ``"l001"``... and ``"x1"``....
    ties : pandas.DataFrame
        Columns ``source``, ``target`` (str labels), ``weight`` (float64, a positive integer
        count of interactions) and ``time`` (int64 year the tie formed). Member-member ties
        first, then organization partnerships; each undirected tie once, no self-loops, no
        duplicates, every tie within one level.
    memberships : pandas.DataFrame
        Columns ``member``, ``group`` (str labels) and ``time`` (int64 year). Every
        membership goes up exactly one level (member to organization, organization to local
        network, local network to meta-network); no duplicates; every member, organization
        and local network has at least one.

    Raises
    ------
    TypeError
        A non-integer count, year or seed, a non-numeric mean, sector or region names that
        are not a sequence of str.
    InvalidParameterError
        A count below 1 or above 2**30, ``mean_member_ties`` or ``mean_partnerships`` not
        positive, ``mean_memberships < 1``, ``first_year > last_year``, empty or repeated
        sector or region names, a negative seed.

    Notes
    -----
    The model, in order (``U`` is uniform on [0, 1)):

    1. **Meta-networks** get a theme sector (``i mod len(sectors)``), a random home region
       and a founding year in the first three years. Each has an attractiveness drawn from a
       lognormal(0, 0.75).
    2. **Local networks** get a region (regions have Zipf weights ``1/(r+1)**0.8``, so some
       regions are big) and join one meta-network chosen by attractiveness; 15 % join a
       second one. Their sector is their meta-network's theme half of the time, else random.
       Every meta-network gets at least one local network (when there are enough).
       Attractiveness: lognormal(0, 1).
    3. **Organizations** join one local network chosen by attractiveness (heavy-tailed sizes);
       20 % join a second one, in the same region when it has another. An organization takes
       its local network's region (85 %) and sector (60 %), else random ones. Sizes
       (attractiveness): ``1 + Pareto(1.6)``, so a few organizations are very large.
    4. **Members** join a primary organization chosen by size and take its region and sector;
       ``Poisson(mean_memberships - 1)`` extra organizations (capped at the number of
       organizations) come from the same region (60 %), the same sector (20 %) or anywhere
       (20 %), chosen by size: these multi-members are the bridging identities between
       groups. Repeated draws of the same organization are redrawn up to four times. Every
       organization gets at least one member (when there are enough), and likewise every
       local network an organization.
    5. **Member-member ties.** Each member has an activity ``theta ~ 1 + Pareto(1.5)``
       (``P(theta > x) ~ x**-1.5``, capped at 300). A tie picks its first end in proportion to
       theta, then a mechanism: 62 % a member of one of its organizations, 14 % of an
       organization of its primary local network, 10 % of its region, 8 % of its sector, 6 %
       anyone; the second end is chosen in proportion to theta within that pool
       (degree-corrected stochastic block model), or to ``theta**2`` for "anyone" (and when a
       pool is empty). The activity makes degrees heavy-tailed; the long-range ties join the
       most active members to each other, a core (k-core number about 17 at the default
       size) around a periphery of members with a few ties in their own organization. Ties
       are drawn in rounds until ``round(n_members * mean_member_ties / 2)`` distinct ties
       exist (self-loops and repeats are discarded), then a random subset of exactly that
       many is kept (a pair drawn twice keeps the mechanism listed first). Repeats are
       commonest inside organizations, so about 56 % of the kept ties (default size) join
       members who share an organization and 74 % members of the same region. Weight:
       ``1 + Poisson(lambda)`` with lambda 2 inside an organization, 1 inside a local
       network, 0.5 within a region or sector, 0.25 otherwise. Default size: member degrees
       have median 7, 99th percentile 64 and maximum about 1,000; about 0.5 % of the members
       have no tie (they still have memberships); Louvain finds about 20 large communities
       (modularity 0.66), each mostly (80-90 %) in one region and mixing sectors.
    6. **Partnerships** (organization-organization ties): ``round(n_organizations *
       mean_partnerships / 2)`` distinct ties, the first end by ``sqrt(size)``, the second by
       ``sqrt(size)`` among organizations of the same local network (50 %), sector (25 %),
       region (15 %) or anywhere (10 %). Weight ``1 + Poisson(1)``.
    7. **Years** (integers, chosen over ``datetime64`` so that snapshots take plain ints).
       A year drawn "with skew s" is ``first_year + floor(span * U**s)``, ``span`` the
       number of years; a year "s after b" is ``b + floor((last_year - b + 1) * U**s)``, so
       nothing passes ``last_year`` and nothing piles up on it. Meta-networks are founded in
       the first three years; local networks (skew 3) and organizations (skew 2.5) mostly
       early, never before the group they first join; members with skew 0.9, never before
       their primary organization, so the network grows (default size: 10 % of the members
       by 2018, 30 % by 2020, 54 % by 2022). A first membership forms when the member joins;
       second ones (and an organization's second local network, a local network's second
       meta-network) 2 (1.5 for members) after both ends exist; a tie 4 after both ends
       joined (org partnerships: 2). A member's ``joined`` is the year of its first
       membership; tie and membership times are never before either end's ``joined``.

    Everything is vectorised numpy drawing from one ``numpy.random.Generator(PCG64(seed))``
    in a fixed order, single-threaded: the same seed gives identical tables on any machine
    and thread count, for a given numpy version (numpy guarantees the PCG64 bit stream; its
    Poisson, Pareto and lognormal samplers may change across numpy major releases). The
    default size takes about a second (0.9 s of CPU) and adds about 150 MB to the peak memory
    of the process; the finished tables take about 35 MB (labels are strings, which pandas
    stores as its string dtype).

    Examples
    --------
    >>> import impactgraph as ig
    >>> nodes, ties, memberships = ig.impact_network_tables(2_000, 60, 6, 2, seed=1)
    >>> nodes["level"].value_counts().to_dict()
    {'member': 2000, 'organization': 60, 'local_network': 6, 'meta_network': 2}
    >>> list(nodes.columns), list(ties.columns)
    (['node', 'level', 'sector', 'region', 'joined'], ['source', 'target', 'weight', 'time'])
    >>> list(memberships.columns)
    ['member', 'group', 'time']
    >>> nodes["node"].iloc[[0, 2000, 2060, 2066]].tolist()
    ['m0001', 'o01', 'l1', 'x1']
    >>> int((ties["source"].str[0] == "m").sum())   # 2000 * 10 / 2 member-member ties
    10000
    """
    import pandas as pd

    n_m = _count_arg("n_members", n_members)
    n_o = _count_arg("n_organizations", n_organizations)
    n_l = _count_arg("n_local_networks", n_local_networks)
    n_x = _count_arg("n_meta_networks", n_meta_networks)
    k_ties = _pos_arg("mean_member_ties", mean_member_ties)
    k_mem = _pos_arg("mean_memberships", mean_memberships, at_least=1.0, strict=False)
    k_part = _pos_arg("mean_partnerships", mean_partnerships)
    sector_names = _names_arg("sectors", sectors)
    region_names = _names_arg("regions", regions)
    y0 = _int_arg_signed("first_year", first_year)
    y1 = _int_arg_signed("last_year", last_year)
    if y0 > y1:
        raise InvalidParameterError(f"invalid first_year, last_year: first_year {y0} is after last_year {y1}")
    rng = np.random.Generator(np.random.PCG64(seed_to_u64(seed)))
    n_sec = len(sector_names)
    n_reg = len(region_names)
    sector_w = np.ones(n_sec)
    region_w = 1.0 / np.arange(1, n_reg + 1) ** 0.8

    # 1. meta-networks
    x_sector = np.arange(n_x) % n_sec
    x_region = rng.integers(0, n_reg, n_x)
    x_joined = y0 + rng.integers(0, min(3, y1 - y0 + 1), n_x)
    x_attr = rng.lognormal(0.0, 0.75, n_x)

    # 2. local networks
    l_region = _global_pick(region_w, n_l, rng)
    l_meta = _spread(n_l, n_x, x_attr, rng)
    l_sector = np.where(rng.random(n_l) < 0.5, x_sector[l_meta], _global_pick(sector_w, n_l, rng))
    l_joined = np.maximum(_years(n_l, y0, y1, 3.0, rng), x_joined[l_meta])
    l_attr = rng.lognormal(0.0, 1.0, n_l)
    two = np.flatnonzero(rng.random(n_l) < 0.15) if n_x > 1 else np.zeros(0, np.int64)
    shift = rng.integers(1, max(n_x, 2), two.size)
    l_meta2 = (l_meta[two] + shift) % n_x  # a different meta-network
    lm_member = np.concatenate((np.arange(n_l), two))
    lm_group = np.concatenate((l_meta, l_meta2))
    lm_time = np.concatenate((l_joined, _after(np.maximum(l_joined[two], x_joined[l_meta2]), y1, 2.0, rng)))

    # 3. organizations
    o_local = _spread(n_o, n_l, l_attr, rng)
    o_region = np.where(rng.random(n_o) < 0.85, l_region[o_local], _global_pick(region_w, n_o, rng))
    o_sector = np.where(rng.random(n_o) < 0.6, l_sector[o_local], _global_pick(sector_w, n_o, rng))
    o_joined = np.maximum(_years(n_o, y0, y1, 2.5, rng), l_joined[o_local])
    o_size = 1.0 + rng.pareto(1.6, n_o)
    two = np.flatnonzero(rng.random(n_o) < 0.2) if n_l > 1 else np.zeros(0, np.int64)
    same_region = _Picker(l_region, l_attr, n_reg).pick(l_region[o_local[two]], rng.random(two.size))
    anywhere = _global_pick(l_attr, two.size, rng)
    o_local2 = np.where((same_region >= 0) & (same_region != o_local[two]), same_region, anywhere)
    ok = o_local2 != o_local[two]
    two, o_local2 = two[ok], o_local2[ok]
    ol_member = np.concatenate((np.arange(n_o), two))
    ol_group = np.concatenate((o_local, o_local2))
    ol_time = np.concatenate((o_joined, _after(np.maximum(o_joined[two], l_joined[o_local2]), y1, 2.0, rng)))

    # 4. members and their organizations
    m_org = _spread(n_m, n_o, o_size, rng)
    m_region = o_region[m_org]
    m_sector = o_sector[m_org]
    m_joined = np.maximum(_years(n_m, y0, y1, 0.9, rng), o_joined[m_org])
    extra = np.minimum(rng.poisson(k_mem - 1.0, n_m), n_o - 1)
    e_member = np.repeat(np.arange(n_m), extra)
    by_region = _Picker(o_region, o_size, n_reg)
    by_sector = _Picker(o_sector, o_size, n_sec)
    mo_member = np.arange(n_m)
    mo_group = m_org
    todo = e_member
    for _ in range(5):
        r = rng.random(todo.size)
        u = rng.random(todo.size)
        g_reg = by_region.pick(m_region[todo], u)
        g_sec = by_sector.pick(m_sector[todo], u)
        g_any = _global_pick(o_size, todo.size, rng)
        g = np.where(r < 0.6, g_reg, np.where(r < 0.8, g_sec, g_any))
        g = np.where(g >= 0, g, g_any)
        mem = np.concatenate((mo_member, todo))
        grp = np.concatenate((mo_group, g))
        key = mem * n_o + grp
        _, first = np.unique(key, return_index=True)
        first.sort()
        rejected = np.setdiff1d(np.arange(key.size), first, assume_unique=True)
        mo_member, mo_group = mem[first], grp[first]
        todo = mem[rejected]
        if todo.size == 0:
            break
    order = np.lexsort((mo_group, mo_member))
    mo_member, mo_group = mo_member[order], mo_group[order]
    is_primary = mo_group == m_org[mo_member]
    mo_time = np.where(
        is_primary,
        m_joined[mo_member],
        _after(np.maximum(m_joined[mo_member], o_joined[mo_group]), y1, 1.5, rng),
    )

    # 5. member-member ties
    theta = np.minimum(1.0 + rng.pareto(_PROPENSITY_TAIL, n_m), _PROPENSITY_CAP)
    m_local = o_local[m_org]
    theta_core = theta**2  # long-range ties favour the most active: a connected core
    in_org = _Picker(mo_group, theta[mo_member], n_o)
    mo_start = np.searchsorted(mo_member, np.arange(n_m))
    mo_count = np.bincount(mo_member, minlength=n_m)
    org_in_local = _Picker(o_local, o_size, n_l)
    m_by_region = _Picker(m_region, theta, n_reg)
    m_by_sector = _Picker(m_sector, theta, n_sec)
    target = int(round(n_m * k_ties / 2.0))
    cum_p = np.cumsum([p for _, p in _TIE_MIX])
    lambdas = np.array([_TIE_LAMBDA[k] for k, _ in _TIE_MIX])
    codes = np.zeros(0, np.int64)
    for _ in range(6):
        need = target - codes.size
        if need <= 0:
            break
        size = int(need * 1.15) + 16
        a = _global_pick(theta, size, rng)
        kind = np.minimum(np.searchsorted(cum_p, rng.random(size), side="right"), len(_TIE_MIX) - 1)
        u = rng.random(size)
        v = rng.random(size)
        b = np.full(size, -1, dtype=np.int64)
        # 0: a member of one of a's organizations (chosen uniformly)
        i = np.flatnonzero(kind == 0)
        org = mo_group[mo_start[a[i]] + (v[i] * mo_count[a[i]]).astype(np.int64)]
        b[i] = _member_of(in_org.pick(org, u[i]), mo_member)
        # 1: a member of an organization of a's primary local network
        i = np.flatnonzero(kind == 1)
        lorg = org_in_local.pick(m_local[a[i]], v[i])
        b[i] = _member_of(in_org.pick(np.where(lorg >= 0, lorg, m_org[a[i]]), u[i]), mo_member)
        # 2, 3: a member of a's region, sector
        i = np.flatnonzero(kind == 2)
        b[i] = m_by_region.pick(m_region[a[i]], u[i])
        i = np.flatnonzero(kind == 3)
        b[i] = m_by_sector.pick(m_sector[a[i]], u[i])
        # 4 (and any empty pool): anyone
        i = np.flatnonzero(b < 0)
        b[i] = _global_pick(theta_core, i.size, rng)
        codes = _merge_pairs(codes, a, b, kind, n_m)
    codes = _keep_exactly(codes, target, rng)  # sorted by (source, target)
    mech = codes & 7
    t_src, t_dst = np.divmod(codes >> 3, n_m)
    t_weight = 1.0 + rng.poisson(lambdas[mech]).astype(np.float64)
    t_time = _after(np.maximum(m_joined[t_src], m_joined[t_dst]), y1, 4.0, rng)

    # 6. organization partnerships
    p_target = int(round(n_o * k_part / 2.0))
    p_target = min(p_target, n_o * (n_o - 1) // 2)
    w_o = np.sqrt(o_size)
    o_by_local = _Picker(o_local, w_o, n_l)
    o_by_sector = _Picker(o_sector, w_o, n_sec)
    o_by_region = _Picker(o_region, w_o, n_reg)
    cum_q = np.cumsum([p for _, p in _PARTNER_MIX])
    codes = np.zeros(0, np.int64)
    for _ in range(6):
        need = p_target - codes.size
        if need <= 0:
            break
        size = int(need * 1.2) + 16
        a = _global_pick(w_o, size, rng)
        kind = np.minimum(np.searchsorted(cum_q, rng.random(size), side="right"), len(_PARTNER_MIX) - 1)
        u = rng.random(size)
        b_any = _global_pick(w_o, size, rng)
        b = np.choose(
            kind,
            (o_by_local.pick(o_local[a], u), o_by_sector.pick(o_sector[a], u), o_by_region.pick(o_region[a], u), b_any),
        )
        b = np.where(b >= 0, b, b_any)
        codes = _merge_pairs(codes, a, b, np.zeros(size, np.int64), n_o)
    p_src, p_dst = np.divmod(_keep_exactly(codes, p_target, rng) >> 3, n_o)
    p_weight = 1.0 + rng.poisson(1.0, p_src.size).astype(np.float64)
    p_time = _after(np.maximum(o_joined[p_src], o_joined[p_dst]), y1, 2.0, rng)

    # tables (global ids: members, organizations, local networks, meta-networks)
    off_o, off_l, off_x = n_m, n_m + n_o, n_m + n_o + n_l
    labels = np.concatenate((_labels("m", n_m), _labels("o", n_o), _labels("l", n_l), _labels("x", n_x)))
    level_names = np.array(["member", "organization", "local_network", "meta_network"], dtype=object)
    sec = np.array(sector_names, dtype=object)
    reg = np.array(region_names, dtype=object)
    nodes = pd.DataFrame(
        {
            "node": labels,
            "level": np.repeat(level_names, [n_m, n_o, n_l, n_x]),
            "sector": sec[np.concatenate((m_sector, o_sector, l_sector, x_sector))],
            "region": reg[np.concatenate((m_region, o_region, l_region, x_region))],
            "joined": np.concatenate((m_joined, o_joined, l_joined, x_joined)).astype(np.int64),
        }
    )
    ties = pd.DataFrame(
        {
            "source": labels[np.concatenate((t_src, p_src + off_o))],
            "target": labels[np.concatenate((t_dst, p_dst + off_o))],
            "weight": np.concatenate((t_weight, p_weight)),
            "time": np.concatenate((t_time, p_time)).astype(np.int64),
        }
    )
    memberships = pd.DataFrame(
        {
            "member": labels[np.concatenate((mo_member, ol_member + off_o, lm_member + off_l))],
            "group": labels[np.concatenate((mo_group + off_o, ol_group + off_l, lm_group + off_x))],
            "time": np.concatenate((mo_time, ol_time, lm_time)).astype(np.int64),
        }
    )
    return nodes, ties, memberships


def _int_arg_signed(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return int(value)


def impact_network(
    n_members: int = 100_000,
    n_organizations: int = 3_000,
    n_local_networks: int = 150,
    n_meta_networks: int = 8,
    *,
    mean_member_ties: float = 10.0,
    mean_memberships: float = 1.3,
    mean_partnerships: float = 4.0,
    sectors: Any = SECTORS,
    regions: Any = REGIONS,
    first_year: int = 2016,
    last_year: int = 2025,
    seed: int | None = 0,
) -> MultiLevelNetwork:
    """A synthetic multi-level impact network (the embedded example of ``impactgraph analyze
    --example``).

    ``MultiLevelNetwork.from_tables(*impact_network_tables(...))``: see
    :func:`impact_network_tables` for the parameters and the model.

    Parameters
    ----------
    n_members, n_organizations, n_local_networks, n_meta_networks : int
        Number of nodes on each level.
    mean_member_ties, mean_memberships, mean_partnerships, sectors, regions
        As in :func:`impact_network_tables`.
    first_year, last_year, seed
        As in :func:`impact_network_tables`.

    Returns
    -------
    MultiLevelNetwork
        Levels ``("member", "organization", "local_network", "meta_network")``, node
        attributes ``sector``, ``region`` and ``joined`` (int year), timed ties and
        memberships (int years).

    Raises
    ------
    TypeError, InvalidParameterError
        As :func:`impact_network_tables`.

    Notes
    -----
    Deterministic for a given ``seed`` (default 0). The default size (about 100,000 members,
    500,000 member ties) takes about two seconds, half of it in ``from_tables``.

    Examples
    --------
    >>> import impactgraph as ig
    >>> net = ig.impact_network(2_000, 60, 6, 2, seed=1)
    >>> net.levels
    ('member', 'organization', 'local_network', 'meta_network')
    >>> net.level_counts()
    {'member': 2000, 'organization': 60, 'local_network': 6, 'meta_network': 2}
    >>> net.graph("member").num_edges
    10000
    >>> sorted(net.attributes)
    ['joined', 'region', 'sector']
    """
    from .multilevel import MultiLevelNetwork

    tables = impact_network_tables(
        n_members,
        n_organizations,
        n_local_networks,
        n_meta_networks,
        mean_member_ties=mean_member_ties,
        mean_memberships=mean_memberships,
        mean_partnerships=mean_partnerships,
        sectors=sectors,
        regions=regions,
        first_year=first_year,
        last_year=last_year,
        seed=seed,
    )
    return MultiLevelNetwork.from_tables(*tables)
