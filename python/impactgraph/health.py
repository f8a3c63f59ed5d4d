"""Network health: one table of the measures a network's stewards watch.

:func:`health` gathers, for a plain :class:`~impactgraph.Graph`, its size and density, its
components, clustering, reciprocity, power concentration (degree centralization, Gini of degree
and betweenness), core–periphery shape, learning clusters (communities and modularity) and
mixing by a categorical attribute (E–I index, assortativity). Every measure comes from the
parallel kernels of :mod:`impactgraph.structure`, :mod:`impactgraph.centrality` and
:mod:`impactgraph.community`, plus O(n + m) numpy passes; the formulas are in :func:`health`'s
Notes.

The result is a :class:`HealthReport`: ``metrics`` maps a metric name to its value and
:meth:`HealthReport.to_pandas` gives a one-row table (indexed by ``level``, ``"graph"`` here),
the shape that per-level rows of a multi-level network extend.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast, overload

import numpy as np

from ._util import check_threads, core_of, int_arg, is_network, seed_to_u64, use_weights
from .errors import InvalidGraphError, InvalidParameterError

if TYPE_CHECKING:
    import pandas

    from .graph import Graph
    from .multilevel import MultiLevelNetwork

__all__ = [
    "HealthReport",
    "MultiLevelHealth",
    "health",
    "health_over_time",
    "gini",
    "degree_centralization",
    "ei_index",
]

#: Graphs with at most this many nodes get exact betweenness when ``betweenness_k`` is None.
EXACT_BETWEENNESS_MAX_NODES = 2000
#: Sources sampled for the betweenness Gini above :data:`EXACT_BETWEENNESS_MAX_NODES` nodes.
DEFAULT_BETWEENNESS_K = 128

#: The metric names, in the order of :attr:`HealthReport.metrics`.
METRICS = (
    "nodes",
    "edges",
    "density",
    "self_loops",
    "components",
    "giant_component_share",
    "strong_components",
    "giant_strong_component_share",
    "average_clustering",
    "transitivity",
    "reciprocity",
    "degree_centralization",
    "degree_gini",
    "betweenness_gini",
    "betweenness_sources",
    "max_core",
    "top_core_share",
    "one_shell_share",
    "isolate_share",
    "communities",
    "modularity",
    "largest_community_share",
    "ei_index",
    "attribute_assortativity",
)


class HealthReport:
    """The health measures of one graph (see :func:`health` for each formula).

    Attributes
    ----------
    metrics : dict of str to int or float
        Metric name to value, in a fixed order (:data:`METRICS`); NaN where a measure is
        undefined for this graph (for example reciprocity of an undirected graph).
    directed : bool
        Whether the measured graph is directed.
    level : str
        The row label: ``"graph"`` for a plain graph.

    Examples
    --------
    >>> import impactgraph as ig
    >>> r = ig.health.health(ig.Graph.from_edges([0, 0, 0], [1, 2, 3]), seed=1)
    >>> r.metrics["degree_centralization"], r["nodes"]
    (1.0, 4)
    >>> df = r.to_pandas()
    >>> df.index.name, df.shape, float(df.loc["graph", "density"])
    ('level', (1, 24), 0.5)
    """

    __slots__ = ("metrics", "directed", "level")

    def __init__(self, metrics: Mapping[str, Any], *, directed: bool, level: str = "graph") -> None:
        self.metrics = dict(metrics)
        self.directed = bool(directed)
        self.level = str(level)

    def __getitem__(self, name: str) -> Any:
        return self.metrics[name]

    def as_dict(self) -> dict[str, Any]:
        """The metrics as a plain ``{name: int | float}`` dict (a copy; JSON-ready except NaN)."""
        return dict(self.metrics)

    def to_pandas(self) -> pandas.DataFrame:
        """A one-row ``pandas.DataFrame``: one column per metric, index ``level``."""
        import pandas as pd

        df = pd.DataFrame([self.metrics], index=pd.Index([self.level], name="level"))
        return df

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={_fmt(v)}" for k, v in self.metrics.items())
        return f"HealthReport({body})"


def _fmt(v: Any) -> str:
    return f"{v:.4g}" if isinstance(v, float) else str(v)


# ---- building blocks ----------------------------------------------------------------------------


def gini(values: Any) -> float:
    """Gini coefficient of non-negative values.

    .. math::

        G = \\frac{\\sum_{i=1}^{n} (2i - n - 1)\\, x_{(i)}}{n \\sum_i x_i}

    with ``x_(1) <= ... <= x_(n)`` the sorted values: 0 when all values are equal, ``(n-1)/n``
    when one value holds everything.

    Parameters
    ----------
    values : array_like of float
        Finite, non-negative.

    Returns
    -------
    float
        In ``[0, (n-1)/n]``; 0 when every value is 0 (all equal), NaN for no values.

    Raises
    ------
    InvalidParameterError
        A negative or non-finite value.

    References
    ----------
    .. [1] P. M. Dixon, J. Weiner, T. Mitchell-Olds and R. Woodley, "Bootstrapping the Gini
       coefficient of inequality", Ecology 68 (1987) 1548-1551.

    Examples
    --------
    >>> from impactgraph.health import gini
    >>> gini([1, 1, 1, 1]), gini([0, 0, 0, 4]), gini([1, 2, 3])
    (0.0, 0.75, 0.2222222222222222)
    """
    x = np.sort(np.asarray(values, dtype=np.float64).ravel())
    n = x.size
    if n == 0:
        return math.nan
    if not np.isfinite(x).all() or x[0] < 0:
        raise InvalidParameterError("invalid values: the Gini coefficient needs finite, non-negative values")
    total = float(x.sum())
    if total == 0.0:
        return 0.0
    i = np.arange(1, n + 1, dtype=np.float64)
    return float(np.dot(2.0 * i - n - 1.0, x) / (n * total))


def degree_centralization(G: Graph, /, *, threads: int | None = None) -> float:
    """Freeman's degree centralization: how far the degrees are from a star's.

    Undirected: ``C_D = sum_i (k_max - k_i) / ((n - 1)(n - 2))``, 1 for a star, 0 for a regular
    graph (complete graph, cycle). Directed: the same sum over total degrees ``k_i = in + out``
    divided by its largest value on a simple digraph, ``2 (n - 1)(n - 2)`` (the star with arcs
    both ways), so the bidirected star gives 1 and a one-way star 1/2.

    Parameters
    ----------
    G : Graph
        Degrees as :func:`impactgraph.degree` (a self-loop adds 2, weights ignored); the bound
        holds for graphs without self-loops.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    float
        NaN for fewer than 3 nodes (the denominator is 0).

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`.

    References
    ----------
    .. [1] L. C. Freeman, "Centrality in social networks: conceptual clarification", Social
       Networks 1 (1978/79) 215-239.

    Examples
    --------
    >>> import impactgraph as ig
    >>> from impactgraph.health import degree_centralization
    >>> degree_centralization(ig.Graph.from_edges([0, 0, 0, 0], [1, 2, 3, 4]))  # star
    1.0
    >>> degree_centralization(ig.Graph.from_edges([0, 1, 2, 3], [1, 2, 3, 0]))  # cycle
    0.0
    """
    from .structure import degree

    core_of(G)
    return _centralization(degree(G, threads=check_threads(threads)), G.directed)


def _centralization(deg: np.ndarray, directed: bool) -> float:
    n = deg.size
    if n < 3:
        return math.nan
    s = float(n * int(deg.max()) - int(deg.sum()))
    return s / ((2.0 if directed else 1.0) * (n - 1) * (n - 2))


def _categories(G: Graph, attribute: Any) -> np.ndarray:
    """int64 category codes per node id from an array (one category per node) or a
    ``{label: category}`` mapping covering every node."""
    n = G.num_nodes
    if isinstance(attribute, Mapping):
        if len(attribute) != n:
            missing = next((lab for lab in G if lab not in attribute), None)
            if missing is not None:
                raise InvalidParameterError(f"invalid attribute: node {missing!r} has no category")
        ids = G.node_ids(list(attribute.keys()))
        cats: list[Any] = [None] * n
        for i, c in zip(ids.tolist(), attribute.values()):
            cats[i] = c
        return _codes(cats)
    if isinstance(attribute, (str, bytes)):
        raise TypeError(
            "attribute must be an array of categories (one per node id) or a {node: category} "
            "mapping, not a str (impactgraph graphs carry no node attributes)"
        )
    try:
        arr = np.asarray(attribute)
    except (TypeError, ValueError) as e:
        raise TypeError(f"attribute must be an array of categories or a mapping: {e}") from None
    if arr.ndim != 1 or arr.shape[0] != n:
        raise InvalidParameterError(
            f"invalid attribute: expected one category per node ({n}), got shape {arr.shape}"
        )
    if arr.dtype.kind in "iubUS":
        return np.unique(arr, return_inverse=True)[1].astype(np.int64).ravel()
    return _codes(arr.tolist())


def _codes(cats: list[Any]) -> np.ndarray:
    seen: dict[Any, int] = {}
    try:
        return np.fromiter((seen.setdefault(c, len(seen)) for c in cats), dtype=np.int64, count=len(cats))
    except TypeError as e:
        raise TypeError(f"attribute categories must be hashable: {e}") from None


def ei_index(G: Graph, /, attribute: Any) -> float:
    """Krackhardt and Stern's E–I index of a categorical attribute: ``(E - I) / (E + I)``.

    ``E`` counts the edges between nodes of different categories (external), ``I`` those inside
    a category (internal); each undirected edge and each arc counts once, self-loops are
    ignored. +1: every tie crosses groups; -1: every tie stays inside (an echo chamber).

    Parameters
    ----------
    G : Graph
    attribute : array_like or dict
        One category (any hashable) per node id, or a ``{label: category}`` mapping covering
        every node.

    Returns
    -------
    float
        NaN when ``G`` has no edge besides self-loops.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; unhashable categories; a str ``attribute``.
    InvalidParameterError
        An array of the wrong length, or a node without a category.
    NodeNotFoundError
        A mapping key that is not a node.

    References
    ----------
    .. [1] D. Krackhardt and R. N. Stern, "Informal networks and organizational crises: an
       experimental simulation", Social Psychology Quarterly 51(2) (1988) 123-140.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2, 0], [1, 2, 3, 3])  # a 4-cycle
    >>> ig.health.ei_index(G, ["a", "a", "b", "b"])  # 2 external, 2 internal
    0.0
    """
    core_of(G)
    codes = _categories(G, attribute)
    src, dst, _ = G.edges()
    return _ei(codes, src, dst)


def _ei(codes: np.ndarray, src: np.ndarray, dst: np.ndarray) -> float:
    keep = src != dst
    a, b = codes[src[keep]], codes[dst[keep]]
    total = a.size
    if total == 0:
        return math.nan
    internal = int(np.count_nonzero(a == b))
    return (total - 2 * internal) / total


def _assortativity(codes: np.ndarray, src: np.ndarray, dst: np.ndarray, directed: bool) -> float:
    """networkx's ``attribute_assortativity_coefficient``: ``(tr e - sum a_i b_i) / (1 - sum
    a_i b_i)`` on the normalised mixing matrix ``e`` (undirected edges both ways, self-loops
    once)."""
    if directed:
        x, y = codes[src], codes[dst]
    else:
        loop = src == dst
        x = np.concatenate([codes[src], codes[dst[~loop]]])
        y = np.concatenate([codes[dst], codes[src[~loop]]])
    if x.size == 0:
        return math.nan
    # The mixing matrix is never built (k categories would need k^2 cells): its trace is the
    # share of pairs inside a category, its row and column sums are the categories' shares.
    total = float(x.size)
    k = int(codes.max()) + 1
    trace = np.count_nonzero(x == y) / total
    ab = float(np.dot(np.bincount(x, minlength=k).astype(np.float64), np.bincount(y, minlength=k))) / (total * total)
    if ab == 1.0:
        return math.nan
    return (trace - ab) / (1.0 - ab)


def _reciprocity(src: np.ndarray, dst: np.ndarray, n: int) -> float:
    """networkx's ``overall_reciprocity``: arcs whose reverse arc exists, over all arcs
    (a self-loop is never reciprocated)."""
    m = src.size
    if m == 0:
        return math.nan
    keep = src != dst
    s, d = src[keep].astype(np.uint64), dst[keep].astype(np.uint64)
    fwd = s * np.uint64(n) + d
    rev = d * np.uint64(n) + s
    return int(np.count_nonzero(np.isin(rev, fwd))) / m


def _share(labels: np.ndarray, n: int) -> tuple[int, float]:
    counts = np.bincount(labels)
    return int(counts.size), float(counts.max()) / n


def _betweenness_k(k: Any, n: int) -> int | None:
    k = int_arg("betweenness_k", k, optional=True)
    if k is None:
        return None if n <= EXACT_BETWEENNESS_MAX_NODES else DEFAULT_BETWEENNESS_K
    if k < 1:
        raise InvalidParameterError(f"invalid betweenness_k: must be a positive int or None, got {k}")
    return None if k >= n else k


# ---- the report --------------------------------------------------------------------------------


@overload
def health(
    G: Graph,
    /,
    *,
    communities: Any = None,
    attribute: Any = None,
    weight: str | None = None,
    seed: int | None = None,
    betweenness_k: int | None = None,
    threads: int | None = None,
) -> HealthReport: ...
@overload
def health(
    G: MultiLevelNetwork,
    /,
    *,
    communities: Any = None,
    attribute: Any = None,
    weight: str | None = None,
    seed: int | None = None,
    betweenness_k: int | None = None,
    threads: int | None = None,
) -> MultiLevelHealth: ...
def health(
    G: Graph | MultiLevelNetwork,
    /,
    *,
    communities: Any = None,
    attribute: Any = None,
    weight: str | None = None,
    seed: int | None = None,
    betweenness_k: int | None = None,
    threads: int | None = None,
) -> HealthReport | MultiLevelHealth:
    r"""Network health of a graph: size, cohesion, power concentration, core–periphery,
    learning clusters and mixing, as one :class:`HealthReport`; of a multi-level network, one
    report per level and one for the whole, as a :class:`MultiLevelHealth`.

    Parameters
    ----------
    G : Graph or MultiLevelNetwork
        Undirected or directed, with at least one node. A network gives one row per level (the
        health of ``net.graph(level)``, its ties; a level without nodes gets ``nodes = edges
        = self_loops = 0`` and NaN elsewhere) and a row ``"all"`` (the health of
        ``net.graph(None)``: every node, every tie, every membership as an edge), each with
        the columns ``memberships`` and ``bridging_members`` (see :class:`MultiLevelHealth`).
    communities : Partition, array_like of int or iterable of sets of nodes, optional
        The learning clusters (any form :func:`impactgraph.community.modularity` takes). For a
        network: a mapping ``{level or "all": communities of that row's graph}`` (rows left
        out use Leiden).
        Default: :func:`impactgraph.community.leiden_communities` with ``seed``, ``weight`` and
        ``n_iterations=2`` (leidenalg's default; iterating to convergence costs about 20 times
        more on R-MAT scale 16 for a modularity higher by about 0.002).
    attribute : array_like or dict, optional
        A category per node (one per node id, or ``{label: category}``) for the mixing
        measures; without it ``ei_index`` and ``attribute_assortativity`` are NaN. For a
        network also the name of a node attribute (``"sector"``), and an array is indexed by
        the network's global ids; nodes whose category is missing (None, NaN) are left out
        of the mixing measures with their ties (E and I count the edges between two
        categorised nodes).
    weight : str or None, default None
        ``None`` ignores edge weights everywhere; an attribute name uses the weights stored in
        ``G`` for the learning clusters only (Leiden and modularity). Every other measure is
        unweighted, as networkx computes it by default.
    seed : int, optional
        Seed of Leiden and of the betweenness source sample; ``None`` draws fresh entropy.
    betweenness_k : int, optional
        Number of sampled sources for the betweenness Gini. ``None``: exact betweenness up to
        2,000 nodes, 128 sampled sources above. ``k >= n`` is exact.
    threads : int, optional
        Number of threads. For a given ``seed`` the result does not depend on it.

    Returns
    -------
    HealthReport
        ``metrics`` holds, in this order (NaN where undefined):

        - ``nodes``, ``edges`` (an undirected edge or a self-loop counts once), ``density``
          (networkx's: ``2m / (n(n-1))`` undirected, ``m / (n(n-1))`` directed, 0 for
          ``n = 1``), ``self_loops``;
        - ``components`` (connected; weakly connected when directed) and
          ``giant_component_share`` (nodes in the largest one / n); ``strong_components`` and
          ``giant_strong_component_share`` (directed only);
        - ``average_clustering`` and ``transitivity`` (networkx's, unweighted; Fagiolo's
          clustering when directed);
        - ``reciprocity`` (directed only; networkx's ``overall_reciprocity``: arcs whose
          reverse exists / arcs);
        - ``degree_centralization`` (Freeman, see :func:`degree_centralization`),
          ``degree_gini`` and ``betweenness_gini`` (:func:`gini` of the degrees and of the
          betweenness), ``betweenness_sources`` (sources used: n when exact);
        - ``max_core`` (largest core number), ``top_core_share`` (nodes whose core number is
          ``max_core``, / n), ``one_shell_share`` (core number 1: the periphery, / n),
          ``isolate_share`` (degree 0, / n); core numbers ignore self-loops;
        - ``communities`` (number), ``modularity`` (networkx's, with ``weight``; NaN without
          edges or with total weight 0), ``largest_community_share``;
        - ``ei_index`` (Krackhardt's ``(E - I) / (E + I)``, see :func:`ei_index`) and
          ``attribute_assortativity`` (networkx's ``attribute_assortativity_coefficient``).

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph` or a network; an option of the wrong type.
    InvalidGraphError
        ``G`` (the network) has no nodes (every share is 0/0); a negative weight with
        ``weight``.
    InvalidParameterError
        ``communities`` is not a partition, ``attribute`` of the wrong length or missing a
        node, ``betweenness_k < 1``, a bad ``seed`` or ``threads``.
    NodeNotFoundError
        A node of an ``attribute`` mapping is not in the graph.

    Notes
    -----
    Gini: ``G = sum_i (2i - n - 1) x_(i) / (n sum_i x_i)`` over the sorted values (0 when all
    equal). Freeman centralization: ``C_D = sum_i (k_max - k_i) / ((n-1)(n-2))`` undirected,
    over total degrees and ``2 (n-1)(n-2)`` directed (bidirected star = 1). E–I index:
    ``(E - I) / (E + I)`` over edges (arcs when directed), self-loops ignored. Assortativity:
    ``r = (sum_i e_ii - sum_i a_i b_i) / (1 - sum_i a_i b_i)`` with ``e`` the normalised
    category mixing matrix (undirected edges counted both ways), ``a`` and ``b`` its row and
    column sums.

    Cost: the kernels are parallel and O(n + m) (components, degrees, core numbers,
    modularity, numpy passes), O(m sqrt(m)) (triangles), Leiden, and betweenness O(k m) with
    ``k`` sources (``k = n`` below 2,000 nodes). Each kernel is deterministic for a given
    ``seed`` on any number of threads; sampled betweenness is an estimate (Brandes and
    Pich [3]_) whose Gini varies with ``seed``.

    References
    ----------
    .. [1] L. C. Freeman, "Centrality in social networks: conceptual clarification", Social
       Networks 1 (1978/79) 215-239.
    .. [2] D. Krackhardt and R. N. Stern, "Informal networks and organizational crises",
       Social Psychology Quarterly 51(2) (1988) 123-140.
    .. [3] U. Brandes and C. Pich, "Centrality estimation in large networks", International
       Journal of Bifurcation and Chaos 17(7) (2007) 2303-2318.
    .. [4] M. E. J. Newman, "Mixing patterns in networks", Phys. Rev. E 67 (2003) 026126.
    .. [5] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores decomposition of
       networks", arXiv:cs/0310049, 2003.
    .. [6] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden: guaranteeing
       well-connected communities", Scientific Reports 9 (2019) 5233.

    Examples
    --------
    Two triangles joined by one edge, in two sectors:

    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 0, 1, 3, 3, 4, 2], [1, 2, 2, 4, 5, 5, 3])
    >>> r = ig.health.health(G, attribute=["a", "a", "a", "b", "b", "b"], seed=1)
    >>> r["communities"], round(r["modularity"], 4), r["ei_index"]
    (2, 0.3571, -0.7142857142857143)
    >>> r["max_core"], r["top_core_share"], round(r["transitivity"], 4)
    (2, 1.0, 0.6)
    """
    from . import centrality as _c
    from . import community as _comm
    from . import structure as _s
    from .graph import Graph as _Graph

    if is_network(G):
        return _network_health(
            G,
            communities=communities,
            attribute=attribute,
            weight=weight,
            seed=seed,
            betweenness_k=betweenness_k,
            threads=threads,
        )
    core_of(G)
    G = cast("Graph", G)
    t = check_threads(threads)
    n = G.num_nodes
    if n == 0:
        raise InvalidGraphError("health is undefined for the null graph (no nodes)")
    use_w = use_weights(G, weight)
    k = _betweenness_k(betweenness_k, n)
    seed_u = seed_to_u64(seed)
    codes = None if attribute is None else _categories(G, attribute)
    memb = None if communities is None else _comm._membership_of(G, communities)

    directed = G.directed
    m = G.num_edges
    src, dst, w = G.edges()
    out: dict[str, Any] = {"nodes": n, "edges": m}
    pairs = n * (n - 1)
    out["density"] = 0.0 if n <= 1 else (m if directed else 2 * m) / pairs
    out["self_loops"] = G.num_self_loops

    if directed:
        out["components"], out["giant_component_share"] = _share(_s.weakly_connected_components(G, threads=t), n)
        out["strong_components"], out["giant_strong_component_share"] = _share(
            _s.strongly_connected_components(G, threads=t), n
        )
    else:
        out["components"], out["giant_component_share"] = _share(_s.connected_components(G, threads=t), n)
        out["strong_components"], out["giant_strong_component_share"] = math.nan, math.nan

    out["average_clustering"] = _c.average_clustering(G, threads=t)
    out["transitivity"] = _c.transitivity(G, threads=t)
    out["reciprocity"] = _reciprocity(src, dst, n) if directed else math.nan

    deg = _s.degree(G, threads=t)
    out["degree_centralization"] = _centralization(deg, directed)
    out["degree_gini"] = gini(deg)
    bc = _c.betweenness_centrality(G, k=k, seed=seed_u, threads=t)
    out["betweenness_gini"] = gini(np.nan_to_num(bc, nan=0.0))
    out["betweenness_sources"] = n if k is None else k

    H = G
    if G.num_self_loops:
        keep = src != dst
        H = _Graph.from_edges(src[keep], dst[keep], directed=directed, num_nodes=n, threads=t)
    cores = _c.core_number(H, threads=t)
    kmax = int(cores.max())
    out["max_core"] = kmax
    out["top_core_share"] = float(np.count_nonzero(cores == kmax)) / n
    out["one_shell_share"] = float(np.count_nonzero(cores == 1)) / n
    out["isolate_share"] = float(np.count_nonzero(deg == 0)) / n

    if memb is None:
        memb = _comm.leiden_communities(G, weight=weight, n_iterations=2, seed=seed_u, threads=t).membership
    sizes = np.bincount(memb)
    sizes = sizes[sizes > 0]
    out["communities"] = int(sizes.size)
    wname = "weight" if use_w else None
    if m == 0 or (use_w and w is not None and not np.any(w)):
        out["modularity"] = math.nan  # total weight 0: undefined (networkx divides by 0)
    else:
        out["modularity"] = _comm.modularity(G, memb, weight=wname, threads=t)
    out["largest_community_share"] = float(sizes.max()) / n

    if codes is None:
        out["ei_index"] = math.nan
        out["attribute_assortativity"] = math.nan
    else:
        out["ei_index"] = _ei(codes, src, dst)
        out["attribute_assortativity"] = _assortativity(codes, src, dst, directed)
    return HealthReport({name: out[name] for name in METRICS}, directed=directed)


# ---- multi-level networks ------------------------------------------------------------------------

#: The name of the whole-network row of a :class:`MultiLevelHealth`.
ALL = "all"
#: The columns a :class:`MultiLevelHealth` adds to :data:`METRICS`.
NETWORK_METRICS = ("memberships", "bridging_members")


class MultiLevelHealth:
    """The health of a multi-level network: one :class:`HealthReport` per level and one for the
    whole network (row ``"all"``), plus membership and bridging counts.

    Attributes
    ----------
    reports : dict of str to HealthReport
        Row name (each level in ``levels`` order, then ``"all"``) to its report; a report's
        ``metrics`` hold :data:`METRICS` followed by :data:`NETWORK_METRICS`:
        ``memberships`` (memberships whose member is on the level; all of them for ``"all"``)
        and ``bridging_members`` (the level's nodes that bridge groups of the next level up,
        ``len(net.bridging_members(level))``; 0 for the top level, which has no groups; the
        sum over the levels for ``"all"``).
    levels : tuple of str
        The network's levels.
    directed : bool

    Examples
    --------
    >>> from impactgraph.multilevel import MultiLevelNetwork
    >>> import impactgraph as ig
    >>> net = MultiLevelNetwork.from_tables(
    ...     {"node": ["a", "b", "c", "O1", "O2"], "level": ["member"] * 3 + ["organization"] * 2,
    ...      "sector": ["x", "x", "y", "x", "y"]},
    ...     {"source": ["a", "b"], "target": ["b", "c"]},
    ...     {"member": ["a", "b", "b", "c"], "group": ["O1", "O1", "O2", "O2"]})
    >>> h = ig.health.health(net, attribute="sector", seed=1)
    >>> df = h.to_pandas()
    >>> df.index.tolist()
    ['member', 'organization', 'local_network', 'meta_network', 'all']
    >>> [h["member"][k] for k in ("nodes", "edges", "ei_index", "memberships", "bridging_members")]
    [3, 2, 0.0, 4, 1]
    >>> h["all"]["edges"], h.as_dict()["local_network"]["density"]
    (6, None)
    """

    __slots__ = ("reports", "levels", "directed")

    def __init__(self, reports: Mapping[str, HealthReport], *, levels: Any, directed: bool) -> None:
        self.reports = dict(reports)
        self.levels = tuple(levels)
        self.directed = bool(directed)

    def __getitem__(self, row: str) -> HealthReport:
        return self.reports[row]

    def __iter__(self) -> Any:
        return iter(self.reports)

    def __len__(self) -> int:
        return len(self.reports)

    @property
    def columns(self) -> tuple[str, ...]:
        """The metric names: :data:`METRICS` then :data:`NETWORK_METRICS`."""
        return METRICS + NETWORK_METRICS

    def as_dict(self) -> dict[str, dict[str, int | float | None]]:
        """``{row: {metric: value}}`` with plain Python ints and floats and ``None`` for NaN:
        ready for ``json.dumps``."""
        return {row: {k: _plain(v) for k, v in r.metrics.items()} for row, r in self.reports.items()}

    def to_pandas(self) -> pandas.DataFrame:
        """A ``pandas.DataFrame``: one row per level and ``"all"`` (index ``level``), one column
        per metric."""
        import pandas as pd

        return pd.DataFrame(
            [r.metrics for r in self.reports.values()],
            index=pd.Index(list(self.reports), name="level"),
            columns=list(self.columns),
        )

    def __repr__(self) -> str:
        rows = "; ".join(
            f"{row}: {r['nodes']} nodes, {r['edges']} edges" for row, r in self.reports.items()
        )
        return f"MultiLevelHealth({rows})"


def _plain(v: Any) -> int | float | None:
    if isinstance(v, (bool, np.bool_)):
        return int(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    f = float(v)
    return None if math.isnan(f) else f


def _network_categories(net: Any, attribute: Any) -> np.ndarray | None:
    """int64 category codes per global node id, -1 where a node has no category (None or
    NaN), from a node attribute name, an array by global id or a ``{label: category}``
    mapping (nodes left out have none)."""
    if attribute is None:
        return None
    n = int(net.num_nodes)
    if isinstance(attribute, str):
        if attribute not in tuple(net.attributes):
            raise InvalidParameterError(
                f"invalid attribute: the network has no node attribute {attribute!r} "
                f"(it has {', '.join(map(repr, net.attributes)) or 'none'})"
            )
        values: list[Any] = np.asarray(net.attribute(attribute), dtype=object).tolist()
    elif isinstance(attribute, Mapping):
        labels = list(net.labels)
        index = {lab: i for i, lab in enumerate(labels)}
        values = [None] * n
        for lab, c in attribute.items():
            try:
                values[index[lab]] = c
            except KeyError:
                from .errors import NodeNotFoundError

                raise NodeNotFoundError(f"attribute: node {lab!r} is not in the network") from None
            except TypeError as e:
                raise TypeError(f"attribute keys must be hashable node labels: {e}") from None
    else:
        try:
            arr = np.asarray(attribute, dtype=object)
        except (TypeError, ValueError) as e:
            raise TypeError(f"attribute must be a node attribute name, an array or a mapping: {e}") from None
        if arr.ndim != 1 or arr.shape[0] != n:
            raise InvalidParameterError(
                f"invalid attribute: expected one category per node ({n}), got shape {arr.shape}"
            )
        values = arr.tolist()
    seen: dict[Any, int] = {}
    out = np.empty(n, dtype=np.int64)
    for i, c in enumerate(values):
        if _missing(c):
            out[i] = -1
            continue
        try:
            out[i] = seen.setdefault(c, len(seen))
        except TypeError as e:
            raise TypeError(f"attribute categories must be hashable: {e}") from None
    return out


def _missing(c: Any) -> bool:
    """None, NaN, NaT or pandas.NA: no category."""
    if c is None:
        return True
    if isinstance(c, (float, np.floating)):
        return math.isnan(c)
    if isinstance(c, np.datetime64):
        return bool(np.isnat(c))
    return type(c).__name__ in ("NAType", "NaTType")


def _empty_report(directed: bool, level: str) -> HealthReport:
    metrics: dict[str, Any] = {name: math.nan for name in METRICS}
    metrics.update(nodes=0, edges=0, self_loops=0)
    return HealthReport(metrics, directed=directed, level=level)


def _network_health(
    net: Any,
    *,
    communities: Any,
    attribute: Any,
    weight: str | None,
    seed: Any,
    betweenness_k: Any,
    threads: Any,
) -> MultiLevelHealth:
    levels = tuple(str(x) for x in net.levels)
    if ALL in levels:
        raise InvalidParameterError(f"invalid network: a level named {ALL!r} clashes with the whole-network row")
    if int(net.num_nodes) == 0:
        raise InvalidGraphError("health is undefined for a network without nodes")
    t = check_threads(threads)
    seed_u = seed_to_u64(seed)
    if communities is not None and not isinstance(communities, Mapping):
        raise TypeError(
            "communities of a MultiLevelNetwork must be a mapping {level or 'all': communities of "
            f"that graph}}, got {type(communities).__name__}"
        )
    comm = dict(communities or {})
    unknown = [k for k in comm if k not in levels and k != ALL]
    if unknown:
        raise InvalidParameterError(f"invalid communities: {unknown[0]!r} is not a level of the network nor {ALL!r}")
    codes = _network_categories(net, attribute)
    kw = {"weight": weight, "seed": seed_u, "betweenness_k": betweenness_k, "threads": t}
    directed = bool(net.directed)
    reports: dict[str, HealthReport] = {}
    bridging_total = 0
    for i, level in enumerate(levels):
        ids = np.asarray(net.level_nodes(level), dtype=np.int64)
        if ids.size == 0:
            r = _empty_report(directed, level)
        else:
            G = net.graph(level)
            r = health(G, communities=comm.get(level), **kw)
            _set_mixing(r, G, None if codes is None else codes[ids])
        r.level = level
        r.metrics["memberships"] = int(len(net.memberships(level)[0]))
        bridging = 0
        if i + 1 < len(levels) and ids.size:
            bridging = int(len(net.bridging_members(level).node_ids))
        r.metrics["bridging_members"] = bridging
        bridging_total += bridging
        reports[level] = r
    G = net.graph(None)
    r = health(G, communities=comm.get(ALL), **kw)
    _set_mixing(r, G, codes)
    r.level = ALL
    r.metrics["memberships"] = int(len(net.memberships()[0]))
    r.metrics["bridging_members"] = bridging_total
    reports[ALL] = r
    return MultiLevelHealth(reports, levels=levels, directed=directed)


def _set_mixing(r: HealthReport, G: Graph, codes: np.ndarray | None) -> None:
    """E-I index and assortativity over the edges whose two ends have a category (code >= 0)."""
    if codes is None:
        return
    src, dst, _ = G.edges()
    keep = (codes[src] >= 0) & (codes[dst] >= 0)
    src, dst = src[keep], dst[keep]
    r.metrics["ei_index"] = _ei(codes, src, dst)
    r.metrics["attribute_assortativity"] = _assortativity(codes, src, dst, G.directed)


# ---- over time -----------------------------------------------------------------------------------

#: Default number of snapshots of :func:`health_over_time`.
MAX_DEFAULT_TIMES = 10


def _naive_utc(ts: Any) -> np.datetime64:
    """A timestamp as a naive UTC ``datetime64[ns]`` (what the network stores)."""
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return np.datetime64(ts.to_datetime64(), "ns")


def _datetime_times(net: Any) -> bool:
    return any(t is not None and t.dtype.kind == "M" for t in (net.tie_times(), net.membership_times()))


def _datetime_node_times(net: Any, node_time: str | None) -> bool:
    return node_time is not None and net._node_times(node_time).dtype.kind == "M"


def _default_times(net: MultiLevelNetwork, node_time: str | None) -> np.ndarray:
    """The network's distinct times, merged with the distinct node times of ``node_time``."""
    ts = np.asarray(net.times())
    if node_time is None:
        return ts
    nt = net._node_times(node_time)
    nt = nt[~(np.isnan(nt) if nt.dtype.kind in "fM" else np.zeros(nt.shape[0], dtype=bool))]
    if ts.size == 0:
        return np.unique(nt)
    if (ts.dtype.kind == "M") != (nt.dtype.kind == "M"):
        raise InvalidParameterError(
            f"invalid node_time attribute {node_time!r}: the node times and the ties' and memberships' "
            "times must both be numbers or both datetimes"
        )
    if ts.dtype != nt.dtype and ts.dtype.kind != "M":
        ts, nt = ts.astype(np.float64), nt.astype(np.float64)
    return np.unique(np.concatenate([ts, nt]))


def health_over_time(
    net: MultiLevelNetwork, /, times: Any = None, *, node_time: str | None = None, **health_kwargs: Any
) -> pandas.DataFrame:
    """The health of a timed multi-level network at several times, and its change.

    For each time ``t``, :func:`health` of ``net.snapshot(t, node_time=node_time)`` (the ties
    and memberships with a time ``<= t``, plus the untimed ones; with ``node_time``, only the
    nodes that have joined by ``t``).

    Parameters
    ----------
    net : MultiLevelNetwork
    times : sequence, optional
        The snapshot times, in the network's time type (numbers; datetimes or anything
        :func:`pandas.to_datetime` parses when the network's times are datetimes), sorted and
        de-duplicated here. Default: the network's distinct times (``net.times()``) if there
        are at most :data:`MAX_DEFAULT_TIMES`, else that many of them evenly spaced by rank,
        the first and the last included.
    **health_kwargs
        Passed to :func:`health` (``communities``, ``attribute``, ``weight``, ``seed``,
        ``betweenness_k``, ``threads``). Pass ``seed`` for reproducible Leiden clusters.

    Returns
    -------
    pandas.DataFrame
        Index ``(time, level)``: for each time, one row per level then ``"all"``. Columns: the
        metrics of :class:`MultiLevelHealth` (:data:`METRICS` then :data:`NETWORK_METRICS`),
        then for each metric ``<metric>_change``, its value minus the value of the same row at
        the previous time (NaN at the first time, or where either value is NaN).

    Raises
    ------
    TypeError
        ``net`` is not a MultiLevelNetwork.
    InvalidParameterError
        ``times`` not given and the network has no times; an empty ``times``; an unknown or
        non-time ``node_time`` attribute, or one whose kind differs from the network's times;
        as :func:`health`.
    ImportError
        pandas is not installed.

    Examples
    --------
    >>> from impactgraph.multilevel import MultiLevelNetwork
    >>> from impactgraph.health import health_over_time
    >>> net = MultiLevelNetwork.from_tables(
    ...     {"node": ["a", "b", "c", "O1"], "level": ["member"] * 3 + ["organization"]},
    ...     {"source": ["a", "b"], "target": ["b", "c"], "time": [2020, 2021]},
    ...     {"member": ["a", "c"], "group": ["O1", "O1"], "time": [2020, 2022]})
    >>> df = health_over_time(net, seed=1)
    >>> m = df.xs("member", level="level")
    >>> m.index.tolist(), m["edges"].tolist(), m["memberships"].tolist()
    ([2020, 2021, 2022], [1, 2, 2], [1, 1, 2])
    >>> m["edges_change"].tolist()
    [nan, 1.0, 0.0]

    With joining times, ``c`` (joined 2022) is left out before 2022:

    >>> net = MultiLevelNetwork.from_tables(
    ...     {"node": ["a", "b", "c", "O1"], "level": ["member"] * 3 + ["organization"],
    ...      "joined": [2019, 2020, 2022, 2019]},
    ...     {"source": ["a", "b"], "target": ["b", "c"], "time": [2020, 2022]},
    ...     {"member": ["a", "c"], "group": ["O1", "O1"], "time": [2020, 2022]})
    >>> m = health_over_time(net, node_time="joined", seed=1).xs("member", level="level")
    >>> m.index.tolist(), m["nodes"].tolist(), m["edges"].tolist()
    ([2019, 2020, 2022], [1, 2, 3], [0, 1, 2])
    """
    import pandas as pd

    if not is_network(net):
        raise TypeError(f"net must be an impactgraph.multilevel.MultiLevelNetwork, got {type(net).__name__}")
    if times is None:
        ts = _default_times(net, node_time)
        if ts.size == 0:
            raise InvalidParameterError(
                "invalid times: the network has no times (no time column); pass times explicitly"
            )
        if ts.size > MAX_DEFAULT_TIMES:
            ts = ts[np.unique(np.linspace(0, ts.size - 1, MAX_DEFAULT_TIMES).round().astype(np.int64))]
    else:
        if isinstance(times, (str, bytes)) or not hasattr(times, "__iter__"):
            times = [times]
        times = list(times)
        if (_datetime_times(net) or _datetime_node_times(net, node_time)) and times:
            try:
                times = [_naive_utc(pd.Timestamp(t)) for t in times]
            except (ValueError, TypeError) as e:
                raise InvalidParameterError(f"invalid times: the network's times are datetimes: {e}") from None
        try:
            ts = np.unique(np.asarray(times))
        except TypeError as e:
            raise TypeError(f"times must be a sequence of comparable times: {e}") from None
        if ts.size == 0:
            raise InvalidParameterError("invalid times: no snapshot time given")
    frames = []
    keys = []
    for t in ts.tolist() if ts.dtype.kind != "M" else list(ts):
        frames.append(health(net.snapshot(t, node_time=node_time), **health_kwargs).to_pandas())
        keys.append(t)
    df = pd.concat(frames, keys=keys, names=["time", "level"])
    cols = list(df.columns)
    change = df.groupby(level="level", sort=False)[cols].diff()
    change.columns = [f"{c}_change" for c in cols]
    return pd.concat([df, change], axis=1)
