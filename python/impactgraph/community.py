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

from . import _core as _ig
from ._util import check_threads, core_of, int_arg, real_arg, seed_to_u64, use_weights
from .errors import InvalidParameterError

if TYPE_CHECKING:
    from collections.abc import Hashable

    from .graph import Graph

__all__ = [
    "Partition",
    "normalized_mutual_info",
    # modularity and label propagation
    "modularity",
    "label_propagation_communities",
    "asyn_lpa_communities",
    "fast_label_propagation_communities",
    "cdlp",
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
    # Already canonical (as the detectors return it) iff the running maximum starts at 0 and
    # grows by steps of at most 1: then a copy in O(n) instead of a sort.
    if m.dtype.kind in "iu":
        run = np.maximum.accumulate(m)
        ok = run[0] == 0 and run[-1] < 2**31 and m.min() >= 0
        if ok and (run.size == 1 or np.diff(run).max() <= 1):
            return m.astype(np.int32)
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
        if v.dtype.kind not in "iu" and v.size:
            raise TypeError(f"{name} must hold integer community ids, got dtype {v.dtype}")
        if v.ndim != 1:
            raise InvalidParameterError(f"invalid {name}: expected a 1-d array, got shape {v.shape}")
    if x.shape != y.shape:
        raise InvalidParameterError(f"invalid partitions: lengths differ ({x.shape[0]} and {y.shape[0]})")
    n = x.shape[0]
    if n == 0:
        return 1.0
    xi, kx = _dense_ids(x)
    yi, ky = _dense_ids(y)
    cx = np.bincount(xi, minlength=kx)
    cy = np.bincount(yi, minlength=ky)
    if kx * ky <= 4 * n + 1024:  # the contingency table fits: count without sorting
        joint = np.bincount(xi * ky + yi, minlength=kx * ky)
        cells = np.flatnonzero(joint)
        cxy = joint[cells].astype(np.float64)
    else:
        cells, counts = np.unique(xi * ky + yi, return_counts=True)
        cxy = counts.astype(np.float64)
    if np.count_nonzero(cx) == 1 and np.count_nonzero(cy) == 1:
        return 1.0
    hx, hy = _entropy(cx, n), _entropy(cy, n)
    if hx + hy == 0.0:
        return 0.0
    mi = float(np.sum(cxy / n * np.log(cxy * n / (cx[cells // ky] * cy[cells % ky]).astype(np.float64))))
    return float(min(max(2.0 * mi / (hx + hy), 0.0), 1.0))


def _dense_ids(v: np.ndarray) -> tuple[np.ndarray, int]:
    """Ids ``0..k-1`` (int64) for the values of ``v``: the values themselves when they are small
    non-negative ints (empty ids are harmless: they count 0), else their ranks (a sort)."""
    if v.min() >= 0 and v.max() < 2 * v.size + 16:
        return v.astype(np.int64, copy=False), int(v.max()) + 1
    u, inv = np.unique(v, return_inverse=True)
    return inv.reshape(-1).astype(np.int64, copy=False), int(u.size)


def _entropy(counts: np.ndarray, n: int) -> float:
    """Shannon entropy (nats) of the distribution ``counts / n`` (zero counts ignored)."""
    c = counts[counts > 0].astype(np.float64)
    return -float(np.sum(c / n * np.log(c / n)))


def _partition_modularity(p: Partition) -> float:
    """Modularity of a :class:`Partition` (filled in by the modularity section below)."""
    return modularity(p.graph, p, weight="weight" if p.weighted else None, resolution=p.resolution)


# ---- modularity and label propagation ---------------------------------------------------------


def _membership_of(G: Graph, communities: Any) -> np.ndarray:
    """uint32 community ids per node id from a :class:`Partition`, an integer array (one id per
    node) or an iterable of node-label collections that must partition the nodes."""
    from collections.abc import Mapping

    n = G.num_nodes
    if isinstance(communities, Partition):
        m = communities.membership
        if m.shape[0] != n:
            raise InvalidParameterError(
                f"invalid communities: the partition has {m.shape[0]} nodes, the graph {n}"
            )
        return m.astype(np.uint32)
    if isinstance(communities, np.ndarray):
        arr = communities
    elif isinstance(communities, Mapping):
        raise TypeError(
            "communities must be a Partition, an integer array of community ids per node or an "
            "iterable of sets of nodes, not a mapping"
        )
    else:
        try:
            items = list(communities)
        except TypeError:
            raise TypeError(
                "communities must be a Partition, an integer array of community ids per node or "
                f"an iterable of sets of nodes, got {type(communities).__name__}"
            ) from None
        if items and all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in items):
            arr = np.asarray(items)
        else:
            return _membership_from_sets(G, items)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"communities as an array must hold integer community ids, got dtype {arr.dtype}")
    if arr.ndim != 1 or arr.shape[0] != n:
        raise InvalidParameterError(
            f"invalid communities: expected one community id per node ({n}), got shape {arr.shape}"
        )
    if arr.size and arr.min() < 0:
        raise InvalidParameterError("invalid communities: community ids must be non-negative")
    if arr.size and arr.max() > np.iinfo(np.uint32).max:
        return _canonical(arr).astype(np.uint32)
    return arr.astype(np.uint32)  # the core compacts any uint32 ids itself


def _membership_from_sets(G: Graph, items: list[Any]) -> np.ndarray:
    """Community ids from collections of node labels; ``InvalidParameterError`` ("not a
    partition") names a node that is missing, repeated or not in the graph."""
    from .errors import NodeNotFoundError

    n = G.num_nodes
    ids_per: list[np.ndarray] = []
    for i, c in enumerate(items):
        if isinstance(c, (str, bytes)) or not hasattr(c, "__iter__"):
            raise TypeError(
                f"communities[{i}] must be a set (or list) of nodes, got {type(c).__name__}"
            )
        try:
            ids_per.append(G.node_ids(list(c)))
        except NodeNotFoundError as e:
            raise InvalidParameterError(f"communities is not a partition of the nodes: {e}") from None
    memb = np.full(n, -1, dtype=np.int64)
    if ids_per:
        ids = np.concatenate(ids_per)
        which = np.repeat(np.arange(len(ids_per), dtype=np.int64), [a.size for a in ids_per])
        counts = np.bincount(ids, minlength=n)
        if (counts > 1).any():
            bad = int(np.flatnonzero(counts > 1)[0])
            raise InvalidParameterError(
                f"communities is not a partition of the nodes: node {_label(G, bad)!r} is in more "
                "than one community (or repeated)"
            )
        memb[ids] = which
    missing = np.flatnonzero(memb < 0)
    if missing.size:
        raise InvalidParameterError(
            f"communities is not a partition of the nodes: node {_label(G, int(missing[0]))!r} is "
            f"in no community ({missing.size} node{'s' if missing.size != 1 else ''} missing)"
        )
    return _canonical(memb).astype(np.uint32)


def _label(G: Graph, i: int) -> Any:
    if not G.has_labels:
        return i
    x = G.labels[i]
    return x.item() if isinstance(x, np.generic) else x


def modularity(
    G: Graph,
    communities: Any,
    /,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    threads: int | None = None,
) -> float:
    r"""Modularity of a partition of the nodes, exactly networkx's ``community.modularity``.

    .. math::

        Q = \sum_c \left[ \frac{L_c}{m} - \gamma \left(\frac{k_c}{2m}\right)^2 \right]

    with ``m`` the number (total weight) of edges, ``L_c`` the number (weight) of edges inside
    community ``c``, ``k_c`` the sum of the degrees of its nodes and ``gamma`` the resolution.
    Directed graphs use the Leicht–Newman form ``L_c / m - gamma k_c^out k_c^in / m^2``.

    Parameters
    ----------
    G : Graph
        Undirected or directed. A self-loop counts once in ``m`` and ``L_c`` and twice in the
        degree of its node (undirected), as in networkx.
    communities : Partition, array_like of int, or iterable of sets of nodes
        A :class:`Partition`; an integer array with one community id per node id (any
        non-negative ids, equal ids meaning the same community); or, as in networkx, an
        iterable of sets (or lists) of node labels that partition the nodes.
    weight : str or None, default "weight"
        ``None`` counts every edge as 1; an attribute name uses the weights stored in ``G`` at
        build time (if any). Weights must be non-negative.
    resolution : float, default 1.0
        The resolution ``gamma`` (any finite value): above 1 favours smaller communities, below
        1 larger ones.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    float
        The modularity, in [-1/2, 1] at resolution 1.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; ``communities`` is neither a partition, an integer array
        nor an iterable of collections; a non-numeric ``resolution``.
    InvalidParameterError
        ``communities`` is not a partition of the nodes (a node missing, repeated or not in the
        graph: networkx's ``NotAPartition``), an array of the wrong length or with negative ids,
        or ``resolution`` not finite.
    InvalidGraphError
        A negative edge weight (with ``weight`` not ``None``), or a graph without edges (total
        weight 0), for which modularity is undefined (networkx raises ``ZeroDivisionError``).

    Notes
    -----
    The communities are renumbered canonically, one parallel pass over fixed blocks of nodes
    sums each node's strength and its arcs inside its community, then one sequential O(n) pass
    adds the strengths into community totals. O(n + m) work, O(n) memory; partial sums are added
    in a fixed order, so the value is bit-identical for any number of threads and for any
    naming of the communities (array, sets or :class:`Partition`). It agrees with networkx to rounding (about 1e-16).
    An iterable of sets is converted in O(n) numpy operations after one label lookup per node.

    References
    ----------
    .. [1] M. E. J. Newman and M. Girvan, "Finding and evaluating community structure in
       networks", Phys. Rev. E 69, 026113, 2004.
    .. [2] E. A. Leicht and M. E. J. Newman, "Community structure in directed networks",
       Phys. Rev. Lett. 100, 118703, 2008.
    .. [3] J. Reichardt and S. Bornholdt, "Statistical mechanics of community detection",
       Phys. Rev. E 74, 016110, 2006 (the resolution).

    Examples
    --------
    Two triangles joined by an edge (networkx's ``barbell_graph(3, 0)``):

    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 0, 1, 3, 3, 4, 2], [1, 2, 2, 4, 5, 5, 3])
    >>> round(ig.community.modularity(G, [{0, 1, 2}, {3, 4, 5}]), 12)  # 5/14
    0.357142857143
    >>> round(ig.community.modularity(G, [0, 0, 0, 1, 1, 1], resolution=0.5), 12)  # 6/7 - 1/4
    0.607142857143
    >>> ig.community.modularity(G, [{0, 1, 2}, {3, 4}])
    Traceback (most recent call last):
    ...
    impactgraph.errors.InvalidParameterError: communities is not a partition of the nodes: node 5 is in no community (1 node missing)
    """
    core = core_of(G)
    membership = _membership_of(G, communities)
    return _ig.modularity(
        core,
        membership,
        resolution=real_arg("resolution", resolution),
        use_weights=use_weights(G, weight),
        threads=check_threads(threads),
    )



def label_propagation_communities(G: Graph, /, *, seed: int | None = None, threads: int | None = None) -> Partition:
    """Communities by semi-synchronous label propagation, exactly networkx's
    ``label_propagation_communities`` when ``seed`` is ``None``.

    The nodes are coloured greedily (networkx's ``greedy_color``, ``largest_first`` strategy:
    by decreasing degree, ties in node order, each node taking the smallest colour unused by its
    neighbours). Every node starts with its own label. Rounds are repeated until every node with
    a neighbour holds one of the most frequent labels among its neighbours; in a round the
    colour classes are updated in turn, each node taking the most frequent neighbour label, its
    current label if that is among the most frequent, else the largest of them.

    Parameters
    ----------
    G : Graph
        Undirected; weights are ignored (as in networkx). A self-loop makes a node count its own
        label once.
    seed : int, optional
        ``None`` (default): no randomness, networkx's result. An int: the node order is a random
        permutation drawn from the seed instead of the node-id order. That order gives the
        initial labels, breaks the degree ties of the colouring and ranks labels for the
        "largest" tie rule, so the result is exactly networkx's on the same graph with its nodes
        inserted in that order. The same seed gives the same partition on any number of threads.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    Partition
        Canonical membership (ids ``0..k-1`` by first appearance along node ids), unweighted
        (``weighted=False``, so :attr:`Partition.modularity` ignores weights) at resolution 1.
        ``set(map(frozenset, p))`` equals networkx's communities.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; ``seed`` or ``threads`` not an int.
    InvalidGraphError
        ``G`` is directed (networkx raises ``NetworkXNotImplemented``).
    InvalidParameterError
        ``seed`` outside [0, 2**64) or ``threads < 1``.

    Notes
    -----
    Nodes of one colour class are not adjacent, so each class is updated in parallel (new labels
    computed from the current ones, then written), with networkx's sequential result. Each node
    finds its most frequent labels by sorting its neighbours' labels: O(m log d) per round plus
    an O(m) completion check (networkx's ``_labeling_complete``) before each round, and
    O(n log n + m) for the colouring (a sequential greedy pass). O(n + m) memory. There is no
    round limit, as in networkx (the semi-synchronous scheme converges [1]_); Ctrl-C is polled
    every round.

    References
    ----------
    .. [1] G. Cordasco and L. Gargano, "Community detection via semi-synchronous label
       propagation algorithms", IEEE BASNA 2010, 1-8.

    Examples
    --------
    Two triangles joined by an edge (networkx's ``barbell_graph(3, 0)``):

    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 0, 1, 3, 3, 4, 2], [1, 2, 2, 4, 5, 5, 3])
    >>> p = ig.community.label_propagation_communities(G)
    >>> p.communities
    [{0, 1, 2}, {3, 4, 5}]
    >>> round(p.modularity, 6)
    0.357143
    """
    core = core_of(G)
    s = None if seed is None else seed_to_u64(seed)
    memb = _ig.label_propagation_communities(core, seed=s, threads=check_threads(threads))
    return Partition(G, memb, weighted=False)


def asyn_lpa_communities(
    G: Graph,
    /,
    *,
    weight: str | None = None,
    seed: int | None = None,
    max_iter: int | None = None,
    threads: int | None = None,
) -> Partition:
    """Communities by asynchronous label propagation, with networkx's
    ``asyn_lpa_communities`` rules.

    Every node starts with its own label. Each sweep visits the nodes in a fresh random order; a
    node with at least one neighbour (successor, in a directed graph) whose label is not among
    the most frequent (heaviest, with weights) labels of its neighbours takes one of those
    uniformly at random. Sweeps stop after the first one without a change: every node then holds
    one of its neighbours' heaviest labels.

    Parameters
    ----------
    G : Graph
        Undirected or directed (directed graphs look at successors only, as networkx). A
        self-loop counts the node's own label.
    weight : str or None, default None
        ``None`` counts every neighbour once; an attribute name sums the weights stored in ``G``
        at build time (if any) per label. Weights must be non-negative.
    seed : int, optional
        Seed of the random node orders and tie-breaks; ``None`` draws a fresh one from the
        operating system. Sweep ``k`` uses the stream ``(seed, k)`` of impactgraph's generator,
        so results are reproducible but differ from networkx's (another generator).
    max_iter : int, optional
        At most this many sweeps (positive); ``None`` (default, networkx's only behaviour): until
        a sweep changes nothing. A stopped run returns the labels as they are, which may not be
        stable yet.
    threads : int, optional
        Accepted for a uniform API: the sweeps are sequential (each update sees the previous
        ones), so the result never depends on it.

    Returns
    -------
    Partition
        Canonical membership; ``weighted`` is ``weight is not None`` (and the graph weighted).

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; a non-int ``seed``, ``max_iter`` or ``threads``; a
        callable ``weight``.
    InvalidParameterError
        ``max_iter < 1``, ``seed`` outside [0, 2**64), ``threads < 1``.
    InvalidGraphError
        A negative weight (with ``weight`` not ``None``).

    Notes
    -----
    O(n + m) per sweep with one dense accumulator of n floats and a list of the labels seen
    around the current node (no allocation per node); the number of sweeps is small in practice
    (about 5 to 10 on social networks [1]_). Ctrl-C is polled every 65536 nodes.

    References
    ----------
    .. [1] U. N. Raghavan, R. Albert and S. Kumara, "Near linear time algorithm to detect
       community structures in large-scale networks", Phys. Rev. E 76, 036106, 2007.

    Examples
    --------
    Two 4-cliques joined by one edge:

    >>> import numpy as np, impactgraph as ig
    >>> src, dst = np.triu_indices(4, 1)
    >>> G = ig.Graph.from_edges(np.r_[src, src + 4, 3], np.r_[dst, dst + 4, 4])
    >>> p = ig.community.asyn_lpa_communities(G, seed=1)
    >>> p.membership
    array([0, 0, 0, 0, 1, 1, 1, 1], dtype=int32)
    """
    core = core_of(G)
    if max_iter is not None:
        if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)):
            raise TypeError(f"max_iter must be a positive int or None, got {type(max_iter).__name__}")
        if max_iter < 1:
            raise InvalidParameterError(f"invalid max_iter: must be a positive int or None, got {max_iter}")
    w = use_weights(G, weight)
    memb = _ig.asyn_lpa_communities(
        core,
        use_weights=w,
        seed=seed_to_u64(seed),
        max_iter=None if max_iter is None else int(max_iter),
        threads=check_threads(threads),
    )
    return Partition(G, memb, weighted=w)


def fast_label_propagation_communities(
    G: Graph,
    /,
    *,
    weight: str | None = None,
    seed: int | None = None,
    threads: int | None = None,
) -> Partition:
    """Communities by fast label propagation, with networkx's
    ``fast_label_propagation_communities`` rules.

    Every node starts with its own label and the nodes enter a queue in a random order. The
    node at the head leaves the queue; if it has a neighbour it takes one of the most frequent
    (heaviest, with weights) labels among all its neighbours, chosen uniformly at random (its
    own label included). If its label changed, every neighbour outside the queue holding another
    label joins the back of the queue. It stops when the queue is empty: every node then holds
    one of its neighbours' heaviest labels.

    Parameters
    ----------
    G : Graph
        Undirected or directed; directions are ignored (in- and out-neighbours both count, a
        neighbour in both directions twice, as networkx). An undirected self-loop counts the
        node's own label once, a directed one twice.
    weight : str or None, default None
        ``None`` counts every neighbour once; an attribute name sums the weights stored in ``G``
        at build time (if any) per label. Weights must be non-negative.
    seed : int, optional
        Seed of the initial order and of the tie-breaks; ``None`` draws a fresh one from the
        operating system. Reproducible, but not networkx's random stream.
    threads : int, optional
        Accepted for a uniform API: the updates are sequential, so the result never depends on
        it.

    Returns
    -------
    Partition
        Canonical membership; ``weighted`` is ``weight is not None`` (and the graph weighted).

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; a non-int ``seed`` or ``threads``; a callable ``weight``.
    InvalidParameterError
        ``seed`` outside [0, 2**64), ``threads < 1``.
    InvalidGraphError
        A negative weight (with ``weight`` not ``None``).

    Notes
    -----
    Each update costs the degree of the node; only nodes whose neighbourhood changed are
    revisited, which makes it several times faster than :func:`asyn_lpa_communities` [1]_.
    O(n) extra memory (a ring queue, a dense accumulator of n floats, flags). Ctrl-C is polled
    every 65536 updates.

    References
    ----------
    .. [1] V. A. Traag and L. Šubelj, "Large network community detection by fast label
       propagation", Sci. Rep. 13, 2701, 2023.

    Examples
    --------
    Two triangles and an isolated node:

    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2, 3, 4, 5], [1, 2, 0, 4, 5, 3], num_nodes=7)
    >>> ig.community.fast_label_propagation_communities(G, seed=1).membership
    array([0, 0, 0, 1, 1, 1, 2], dtype=int32)
    """
    core = core_of(G)
    w = use_weights(G, weight)
    memb = _ig.fast_label_propagation_communities(
        core, use_weights=w, seed=seed_to_u64(seed), threads=check_threads(threads)
    )
    return Partition(G, memb, weighted=w)


def cdlp(G: Graph, /, *, max_iter: int = 10, threads: int | None = None) -> np.ndarray:
    """Community detection by label propagation as LDBC Graphalytics defines it (CDLP).

    Every node starts with its own label (its LDBC vertex id); in each of ``max_iter``
    synchronous iterations every node takes the most frequent label among its neighbours, ties
    going to the smallest label. A node without neighbours keeps its label. In directed graphs
    both in- and out-neighbours count, a neighbour in both directions twice (and a self-loop
    counts the node's own label twice; once in undirected graphs).

    Parameters
    ----------
    G : Graph
        Undirected or directed; weights are ignored. Labels are the node labels of ``G`` when
        they are integers (LDBC vertex ids, e.g. from :func:`impactgraph.io.read_edgelist`),
        otherwise the node ids ``0..n-1``; ties go to the smallest of them.
    max_iter : int, default 10
        Number of iterations (LDBC's ``max-iterations``); 0 returns the initial labels.
        Iterations stop early once no label changes.
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    numpy.ndarray
        int64 label of every node id: the integer node label (or node id) whose initial label the
        node ends with, as in LDBC's expected outputs.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; a non-int ``max_iter`` or ``threads``.
    InvalidParameterError
        ``max_iter < 0`` or ``threads < 1``.

    Notes
    -----
    Double-buffered synchronous updates, parallel over fixed blocks of nodes; each node sorts its
    neighbours' labels to find the most frequent (O(m log d) per iteration, O(n) extra memory).
    Deterministic on any number of threads. Synchronous propagation can oscillate (two labels
    swapping across an edge), which is why LDBC fixes the number of iterations. Not networkx's
    algorithm (networkx has none with these rules); the LDBC validation graphs are the oracle.

    References
    ----------
    .. [1] A. Iosup et al., "LDBC Graphalytics: A Benchmark for Large-Scale Graph Analysis on
       Parallel and Distributed Platforms", PVLDB 9(13), 2016, and the Graphalytics
       specification, section "Community Detection using Label Propagation".
    .. [2] U. N. Raghavan, R. Albert and S. Kumara, Phys. Rev. E 76, 036106, 2007.

    Examples
    --------
    A triangle 10-11-12 with a pendant 13, and a separate edge 20-21 whose two labels swap at
    every iteration (synchronous updates oscillate):

    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2, 2, 4], [1, 2, 0, 3, 5], labels=[10, 11, 12, 13, 20, 21])
    >>> ig.community.cdlp(G, max_iter=3)
    array([10, 10, 10, 10, 21, 20])
    >>> ig.community.cdlp(G, max_iter=4)
    array([10, 10, 10, 10, 20, 21])
    """
    core = core_of(G)
    max_iter = int_arg("max_iter", max_iter, non_negative=True)
    ids = _int_labels(G)
    order = None
    if ids is not None:
        order = np.empty(ids.size, dtype=np.uint32)
        order[np.argsort(ids, kind="stable")] = np.arange(ids.size, dtype=np.uint32)
    out = _ig.cdlp(core, order, max_iter=int(max_iter), threads=check_threads(threads)).astype(np.int64)
    return out if ids is None else ids[out]


def _int_labels(G: Graph) -> np.ndarray | None:
    """The node labels as an int64 array when they are all integers, else ``None``."""
    if not G.has_labels:
        return None
    labels = G.labels
    if isinstance(labels, np.ndarray):
        if labels.dtype.kind in "iu":
            return labels.astype(np.int64)
        return None
    if all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in labels):
        return np.asarray(labels, dtype=np.int64)
    return None


# ---- louvain and leiden -----------------------------------------------------------------------


def _ml_max_level(max_level: Any) -> int | None:
    m = int_arg("max_level", max_level, optional=True)
    if m is not None and m <= 0:
        raise InvalidParameterError(f"invalid max_level: must be a positive integer or None, got {m}")
    return m


def _louvain_levels(
    G: Graph, weight: Any, resolution: Any, threshold: Any, max_level: Any, seed: Any, threads: Any
) -> tuple[list[np.ndarray], list[float], float, bool]:
    core = core_of(G)
    res = real_arg("resolution", resolution)
    w = use_weights(G, weight)
    levels, mods = _ig.louvain(
        core,
        resolution=res,
        threshold=real_arg("threshold", threshold),
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
    res = real_arg("resolution", resolution)
    w = use_weights(G, weight)
    n_it = int_arg("n_iterations", n_iterations)
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
