"""Community detection: learning clusters, groups of nodes tied more densely inside than to the
rest. Louvain and Leiden modularity optimisation, label propagation, modularity, and the
:class:`Partition` every detector returns.

Every random detector takes ``seed``: the same seed gives the same partition on any number of
threads (``seed=None`` draws a fresh seed from the operating system). Community ids are
canonical: ``0..k-1`` in order of first appearance along node ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core as _ig  # noqa: F401
from ._util import check_threads, core_of, seed_to_u64, use_weights  # noqa: F401
from .errors import InvalidParameterError

if TYPE_CHECKING:
    from collections.abc import Hashable

    from .graph import Graph

__all__ = [
    "Partition",
    "normalized_mutual_info",
    # modularity and label propagation
    # louvain and leiden
    "louvain_communities",
    "louvain_partitions",
    "leiden_communities",
]


def _canonical(membership: Any) -> np.ndarray:
    """``membership`` renumbered to ``0..k-1`` in order of first appearance (int32)."""
    m = np.asarray(membership)
    if m.size == 0:
        return np.zeros(0, dtype=np.int32)
    _, first, inverse = np.unique(m, return_index=True, return_inverse=True)
    rank = np.empty(first.size, dtype=np.int32)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size, dtype=np.int32)
    return rank[inverse.reshape(-1)]


class Partition:
    """A partition of a graph's nodes into communities: what every detector returns.

    Attributes
    ----------
    graph : Graph
        The partitioned graph.
    membership : numpy.ndarray
        int32 community id of every node, indexed by node id; ids are ``0..k-1`` in order of
        first appearance along node ids. Read-only.
    levels : list of numpy.ndarray
        For hierarchical detectors (Louvain, Leiden), the membership after each level, finest
        first, each indexed by node id of ``graph``; the last one equals ``membership``. A flat
        partition has one level.
    resolution : float
        The resolution the detector optimised; :attr:`modularity` uses it.
    weighted : bool
        Whether the detector (and :attr:`modularity`) used the edge weights.

    Iterating over a partition gives its communities as sets of node labels (as networkx's
    detectors return them); ``len`` is the number of communities.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2, 3, 4, 5, 2], [1, 2, 0, 4, 5, 3, 3])
    >>> p = ig.community.Partition(G, [5, 5, 5, 9, 9, 9])
    >>> p.membership
    array([0, 0, 0, 1, 1, 1], dtype=int32)
    >>> p.communities
    [{0, 1, 2}, {3, 4, 5}]
    >>> len(p), p.sizes.tolist()
    (2, [3, 3])
    """

    __slots__ = ("graph", "_membership", "_levels", "_modularity", "resolution", "weighted")

    def __init__(
        self,
        G: Graph,
        membership: Any,
        *,
        levels: list[Any] | None = None,
        modularity: float | None = None,
        resolution: float = 1.0,
        weighted: bool | None = None,
    ) -> None:
        core_of(G)
        m = np.asarray(membership)
        if m.dtype.kind not in "iu":
            raise TypeError(f"membership must be an integer array, got dtype {m.dtype}")
        if m.ndim != 1 or m.shape[0] != G.num_nodes:
            raise InvalidParameterError(
                f"invalid membership: expected one community id per node ({G.num_nodes}), got shape {m.shape}"
            )
        if m.size and m.min() < 0:
            raise InvalidParameterError("invalid membership: community ids must be non-negative")
        self.graph = G
        self._membership = _canonical(m)
        self._membership.setflags(write=False)
        lv = [self._membership] if not levels else [_canonical(x) for x in levels]
        for x in lv:
            x.setflags(write=False)
        self._levels = lv
        self._modularity = None if modularity is None else float(modularity)
        self.resolution = float(resolution)
        self.weighted = bool(G.weighted) if weighted is None else bool(weighted)

    @property
    def membership(self) -> np.ndarray:
        """int32 community id per node id, canonical (``0..k-1`` by first appearance)."""
        return self._membership

    @property
    def levels(self) -> list[np.ndarray]:
        """Membership after each level of the hierarchy, finest first."""
        return list(self._levels)

    @property
    def num_communities(self) -> int:
        """Number of communities ``k``."""
        return int(self._membership.max()) + 1 if self._membership.size else 0

    def __len__(self) -> int:
        return self.num_communities

    @property
    def sizes(self) -> np.ndarray:
        """Number of nodes in each community (int64, indexed by community id)."""
        return np.bincount(self._membership, minlength=self.num_communities)

    @property
    def communities(self) -> list[set[Hashable]]:
        """The communities as a list of sets of node labels (ids where the graph has no labels),
        in community-id order."""
        order = np.argsort(self._membership, kind="stable")
        bounds = np.cumsum(self.sizes)[:-1]
        groups = np.split(order, bounds) if order.size else []
        labels = self.graph.labels if self.graph.has_labels else None
        if labels is None:
            return [set(g.tolist()) for g in groups]
        if isinstance(labels, np.ndarray):
            return [set(labels[g].tolist()) for g in groups]
        return [{labels[i] for i in g.tolist()} for g in groups]

    def __iter__(self) -> Iterator[set[Hashable]]:
        return iter(self.communities)

    @property
    def modularity(self) -> float:
        """Modularity of the partition at :attr:`resolution` (with the weights if
        :attr:`weighted`), equal to ``networkx.community.modularity``."""
        if self._modularity is None:
            self._modularity = _partition_modularity(self)
        return self._modularity

    def to_dict(self) -> dict[Hashable, int]:
        """``{label: community id}``."""
        from .graph import as_dict

        return as_dict(self.graph, self._membership)

    def __repr__(self) -> str:
        return (
            f"Partition({self.num_communities} communities of {self.graph.num_nodes} nodes, "
            f"{len(self._levels)} level{'s' if len(self._levels) != 1 else ''})"
        )


def normalized_mutual_info(a: Any, b: Any) -> float:
    """Normalized mutual information of two partitions of the same nodes.

    ``NMI = 2 I(a; b) / (H(a) + H(b))`` (Danon et al. 2005; the arithmetic normalisation of
    scikit-learn's ``normalized_mutual_info_score``, igraph's ``compare_communities(method="nmi")``
    and leidenalg's comparisons). 1 for identical partitions up to renaming; two single-community
    partitions also give 1.

    Parameters
    ----------
    a, b : Partition or array_like of int
        Community ids per node (or :class:`Partition` objects), of equal length.

    Returns
    -------
    float
        In [0, 1].

    References
    ----------
    L. Danon, A. Díaz-Guilera, J. Duch and A. Arenas, "Comparing community structure
    identification", J. Stat. Mech. P09008, 2005.

    Examples
    --------
    >>> from impactgraph.community import normalized_mutual_info
    >>> normalized_mutual_info([0, 0, 1, 1], [5, 5, 2, 2])
    1.0
    >>> round(normalized_mutual_info([0, 0, 1, 1], [0, 1, 0, 1]), 6)
    0.0
    """
    x = a.membership if isinstance(a, Partition) else np.asarray(a)
    y = b.membership if isinstance(b, Partition) else np.asarray(b)
    for name, v in (("a", x), ("b", y)):
        if v.dtype.kind not in "iu":
            raise TypeError(f"{name} must hold integer community ids, got dtype {v.dtype}")
        if v.ndim != 1:
            raise InvalidParameterError(f"invalid {name}: expected a 1-d array, got shape {v.shape}")
    if x.shape != y.shape:
        raise InvalidParameterError(f"invalid partitions: lengths differ ({x.shape[0]} and {y.shape[0]})")
    n = x.shape[0]
    if n == 0:
        return 1.0
    _, xi = np.unique(x, return_inverse=True)
    _, yi = np.unique(y, return_inverse=True)
    xi, yi = xi.reshape(-1), yi.reshape(-1)
    kx, ky = int(xi.max()) + 1, int(yi.max()) + 1
    joint = np.unique(xi.astype(np.int64) * ky + yi, return_counts=True)[1].astype(np.float64) / n
    px = np.bincount(xi).astype(np.float64) / n
    py = np.bincount(yi).astype(np.float64) / n
    hx = -float(np.sum(px * np.log(px)))
    hy = -float(np.sum(py * np.log(py)))
    if kx == 1 and ky == 1:
        return 1.0
    if hx + hy == 0.0:
        return 0.0
    codes = np.unique(xi.astype(np.int64) * ky + yi)
    pxy = px[codes // ky] * py[codes % ky]
    mi = float(np.sum(joint * np.log(joint / pxy)))
    return float(min(max(2.0 * mi / (hx + hy), 0.0), 1.0))


def _partition_modularity(p: Partition) -> float:
    """Modularity of a :class:`Partition` (filled in by the modularity section below)."""
    return modularity(p.graph, p, weight="weight" if p.weighted else None, resolution=p.resolution)


# ---- modularity and label propagation ---------------------------------------------------------


# ---- louvain and leiden -----------------------------------------------------------------------


def _ml_real(name: str, value: Any) -> float:
    """A real number as a float (its range is checked by the core, which names it)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a float, got {type(value).__name__}")
    return float(value)


def _ml_int(name: str, value: Any, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        kind = "an int or None" if optional else "an int"
        raise TypeError(f"{name} must be {kind}, got {type(value).__name__}")
    return int(value)


def _ml_max_level(max_level: Any) -> int | None:
    m = _ml_int("max_level", max_level, optional=True)
    if m is not None and m <= 0:
        raise InvalidParameterError(f"invalid max_level: must be a positive integer or None, got {m}")
    return m


def _louvain_levels(
    G: Graph, weight: Any, resolution: Any, threshold: Any, max_level: Any, seed: Any, threads: Any
) -> tuple[list[np.ndarray], list[float], float, bool]:
    core = core_of(G)
    res = _ml_real("resolution", resolution)
    w = use_weights(G, weight)
    levels, mods = _ig.louvain(
        core,
        resolution=res,
        threshold=_ml_real("threshold", threshold),
        max_level=_ml_max_level(max_level),
        seed=seed_to_u64(seed),
        use_weights=w,
        threads=check_threads(threads),
    )
    return levels, mods, res, w


def louvain_communities(
    G: Graph,
    /,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    threshold: float = 1e-07,
    max_level: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
) -> Partition:
    """Communities of best modularity found by the Louvain method, with networkx's
    ``louvain_communities`` semantics.

    Parameters
    ----------
    G : Graph
        Undirected or directed (directed modularity, as networkx); self-loops count.
    weight : str or None, default "weight"
        ``None`` counts every edge as 1; an attribute name uses the weights stored in ``G``
        (which must be non-negative).
    resolution : float, default 1.0
        Resolution ``gamma`` of the modularity; below 1 favours larger communities, above 1
        smaller ones. Finite and ``>= 0``.
    threshold : float, default 1e-07
        The levels stop after the first level whose modularity gain over the previous level is
        ``<= threshold``. Finite and ``>= 0``.
    max_level : int, optional
        At most this many levels (positive); ``None``: no limit.
    seed : int, optional
        Seed of the random node orders; ``None`` draws fresh entropy. The same seed gives the
        same partition on any number of threads.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    Partition
        The partition of the last level; ``levels`` holds every level's membership on the
        original nodes, finest first (each a coarsening of the previous one), and
        ``modularity`` its modularity (NaN for a graph without edges, where networkx divides
        by zero).

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; an option of the wrong type; a callable ``weight``.
    InvalidParameterError
        ``resolution`` or ``threshold`` negative or not finite, ``max_level <= 0``
        (networkx: ``ValueError``), a bad ``seed`` or ``threads``.
    InvalidGraphError
        A negative or NaN edge weight with ``weight`` not ``None``.

    Notes
    -----
    Blondel et al.'s two phases [1]_, as networkx's ``louvain_partitions``: each level moves
    nodes of the current graph to the neighbouring community of largest modularity gain until
    no move improves, then aggregates communities into nodes. Directed graphs use the directed
    modularity of Dugué & Perez [2]_. The first level is always returned, a later one when it
    moves a node.

    Parallel and deterministic: nodes are visited in a seeded random order cut into batches of
    a fixed size; within a batch the best moves are computed in parallel against the batch's
    starting state and applied in order, and a move whose source or target community changed
    within the batch is re-evaluated exactly first, so every applied move improves modularity.
    After a round only neighbours of moved nodes are revisited. O(m) per round and per
    aggregation, memory O(n + m). Polls for Ctrl-C once per batch.

    References
    ----------
    .. [1] V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast unfolding of
       communities in large networks", J. Stat. Mech. P10008, 2008.
    .. [2] N. Dugué and A. Perez, "Directed Louvain: maximizing modularity in directed
       networks", Université d'Orléans, 2015.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2, 3, 4, 5, 2], [1, 2, 0, 4, 5, 3, 3])
    >>> p = ig.community.louvain_communities(G, seed=1)
    >>> p.communities
    [{0, 1, 2}, {3, 4, 5}]
    >>> round(p.modularity, 6)
    0.357143
    """
    levels, mods, res, w = _louvain_levels(G, weight, resolution, threshold, max_level, seed, threads)
    return Partition(G, levels[-1], levels=levels, modularity=mods[-1], resolution=res, weighted=w)


def louvain_partitions(
    G: Graph,
    /,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    threshold: float = 1e-07,
    max_level: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
) -> list[Partition]:
    """Every level of the Louvain method, finest first, as networkx's ``louvain_partitions``
    yields them.

    Parameters, errors and algorithm are those of :func:`louvain_communities` (``max_level``
    limits the number of levels returned).

    Returns
    -------
    list of Partition
        One partition per level, finest first; each one's ``levels`` holds the levels up to it.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2, 3, 4, 5, 2], [1, 2, 0, 4, 5, 3, 3])
    >>> [len(p) for p in ig.community.louvain_partitions(G, seed=1)]
    [2]
    """
    levels, mods, res, w = _louvain_levels(G, weight, resolution, threshold, max_level, seed, threads)
    return [
        Partition(G, m, levels=levels[: i + 1], modularity=q, resolution=res, weighted=w)
        for i, (m, q) in enumerate(zip(levels, mods))
    ]


def leiden_communities(
    G: Graph,
    /,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    max_level: int | None = None,
    n_iterations: int = -1,
    seed: int | None = None,
    threads: int | None = None,
) -> Partition:
    """Communities of high modularity found by the Leiden algorithm; every community is
    connected.

    Parameters
    ----------
    G : Graph
        Undirected or directed (directed modularity, as :func:`louvain_communities`).
    weight : str or None, default "weight"
        ``None`` counts every edge as 1; an attribute name uses the weights stored in ``G``
        (which must be non-negative).
    resolution : float, default 1.0
        Resolution ``gamma`` of the modularity. Finite and ``>= 0``.
    max_level : int, optional
        At most this many levels per iteration (positive); ``None``: no limit. When it stops
        the levels early, the communities of the last level are split into their connected
        components (which never lowers modularity), so that they stay connected.
    n_iterations : int, default -1
        Iterations of the whole multi-level procedure, each starting from the previous
        partition (as leidenalg and igraph); ``-1`` iterates until an iteration changes
        nothing, ``0`` returns singletons.
    seed : int, optional
        Seed of the node orders and of the refinement; ``None`` draws fresh entropy. The same
        seed gives the same partition on any number of threads.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    Partition
        The partition, with its ``modularity`` (NaN for a graph without edges); ``levels``
        holds the partition after each level of the last iteration, finest first.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; an option of the wrong type; a callable ``weight``.
    InvalidParameterError
        ``resolution`` negative or not finite, ``max_level <= 0``, ``n_iterations < -1``, a
        bad ``seed`` or ``threads``.
    InvalidGraphError
        A negative or NaN edge weight with ``weight`` not ``None``.

    Notes
    -----
    Traag, Waltman and van Eck's algorithm [1]_. Each level: (1) fast local moving, a queue of
    the nodes whose neighbourhood changed (the deterministic batches of
    :func:`louvain_communities`); (2) refinement: within each community, from singletons, every
    well-connected node still alone joins a well-connected subcommunity of non-negative gain
    chosen at random with probability proportional to ``exp(g / 0.01)`` (leidenalg's
    ``theta``), with the gain ``g`` in units of edge weight (leidenalg uses the modularity
    gain, about ``1/m`` per edge, which makes its choice nearly uniform on large graphs; ours is
    nearly greedy and aggregates faster); (3) aggregation of the refined subcommunities, each aggregate node starting in
    its community of step 1. Levels stop when the aggregate would not shrink. Refinement is
    parallel over communities, each drawing from its own random stream of ``(seed, iteration,
    level, community)``. O(m) per round, refinement and aggregation; memory O(n + m). Polls for
    Ctrl-C once per batch.

    References
    ----------
    .. [1] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden: guaranteeing
       well-connected communities", Sci. Rep. 9, 5233, 2019.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2, 3, 4, 5, 2], [1, 2, 0, 4, 5, 3, 3])
    >>> p = ig.community.leiden_communities(G, seed=1)
    >>> p.membership
    array([0, 0, 0, 1, 1, 1], dtype=int32)
    >>> round(p.modularity, 6)
    0.357143
    """
    core = core_of(G)
    res = _ml_real("resolution", resolution)
    w = use_weights(G, weight)
    n_it = _ml_int("n_iterations", n_iterations)
    assert n_it is not None
    if n_it < -1:
        raise InvalidParameterError(f"invalid n_iterations: must be -1 (until stable) or >= 0, got {n_it}")
    levels, mods = _ig.leiden(
        core,
        resolution=res,
        max_level=_ml_max_level(max_level),
        n_iterations=n_it,
        seed=seed_to_u64(seed),
        use_weights=w,
        threads=check_threads(threads),
    )
    return Partition(G, levels[-1], levels=levels, modularity=mods[-1], resolution=res, weighted=w)
