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
    "modularity",
    # louvain and leiden
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


def _membership_of(G: Graph, communities: Any) -> np.ndarray:
    """uint32 community ids per node id from a :class:`Partition`, an integer array (one id per
    node) or an iterable of node-label collections that must partition the nodes."""
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
    return _canonical(arr).astype(np.uint32)


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
    One parallel pass over fixed blocks of nodes sums each node's strength and its arcs inside
    its community, then one sequential O(n) pass adds the strengths into community totals.
    O(n + m) work, O(n) memory; partial sums are added in a fixed order, so the value is
    bit-identical for any number of threads. It agrees with networkx to rounding (about 1e-16).
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
    if isinstance(resolution, bool) or not isinstance(resolution, (int, float, np.integer, np.floating)):
        raise TypeError(f"resolution must be a float, got {type(resolution).__name__}")
    return _ig.modularity(
        core,
        membership,
        resolution=float(resolution),
        use_weights=use_weights(G, weight),
        threads=check_threads(threads),
    )


# ---- louvain and leiden -----------------------------------------------------------------------
