"""Diffusion: how an innovation spreads through the network, and where to seed it.

Monte-Carlo models (independent cascade, linear threshold, fractional-threshold contagion,
SIR, SIS) run their simulations in parallel in the Rust core; simulation ``s`` draws from its
own random stream derived from ``seed``, so a result is the same on any number of threads.
Influence maximisation picks seed sets (CELF greedy, IMM reverse-reachable sets).
"""

from __future__ import annotations

# ---- models -----------------------------------------------------------------------------------

import numbers as _numbers
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any
from typing import cast as _cast

import numpy as _np

from . import _core as _ig
from ._util import check_threads as _check_threads
from ._util import core_of as _core_of
from ._util import int_arg as _int_arg
from ._util import is_network as _is_network
from ._util import real_arg as _real_arg
from ._util import seed_to_u64 as _seed_to_u64
from ._util import use_weights as _use_weights
from .errors import InvalidParameterError as _InvalidParameterError

if _TYPE_CHECKING:
    from collections.abc import Hashable

    from .graph import Graph
    from .multilevel import MultiLevelNetwork

_MODELS: list[str] = [
    "DiffusionResult",
    "MultiLevelDiffusionResult",
    "by_level",
    "cascade_graph",
    "contagion_graph",
    "independent_cascade",
    "linear_threshold",
    "threshold_contagion",
    "sir",
    "sis",
]


class DiffusionResult:
    """The outcome of ``n_sims`` simulations of a diffusion model: what every model returns.

    Attributes
    ----------
    graph : Graph
        The graph the model ran on.
    model : str
        The model's name (``"independent_cascade"``, ``"sir"``, ...).
    spread : numpy.ndarray
        int64, the number of nodes reached (activated, adopted, ever infected) in each
        simulation, seeds included, in simulation order.
    node_probability : numpy.ndarray
        float64 by node id: the fraction of simulations in which the node was reached.
    curve : numpy.ndarray
        float64, the mean over the simulations of the number of nodes newly reached at each step
        (step 0: the seeds); a simulation that stopped early counts 0. For SIS it is the mean
        number infected at each step (the prevalence) instead.
    n_sims : int
        Number of simulations.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1], [1, 2], labels=["a", "b", "c"])
    >>> r = ig.diffusion.independent_cascade(G, ["a"], p=1.0, n_sims=4, seed=1)
    >>> r
    DiffusionResult(independent_cascade, 4 simulations, mean spread 3 ± 0 of 3 nodes)
    >>> r.mean_spread, r.std_spread, r.spread.tolist(), r.curve.tolist()
    (3.0, 0.0, [3, 3, 3, 3], [1.0, 1.0, 1.0])
    >>> r.as_dict()
    {'a': 1.0, 'b': 1.0, 'c': 1.0}
    """

    __slots__ = ("graph", "model", "spread", "node_probability", "curve", "n_sims")

    def __init__(
        self, G: Graph, model: str, spread: _Any, reached: _Any, curve: _Any, n_sims: int
    ) -> None:
        self.graph = G
        self.model = model
        self.n_sims = int(n_sims)
        self.spread = _np.asarray(spread, dtype=_np.int64)
        self.node_probability = _np.asarray(reached, dtype=_np.float64) / max(self.n_sims, 1)
        self.curve = _np.asarray(curve, dtype=_np.float64)
        for a in (self.spread, self.node_probability, self.curve):
            a.setflags(write=False)

    @property
    def mean_spread(self) -> float:
        """Mean number of nodes reached per simulation."""
        return float(self.spread.mean()) if self.spread.size else float("nan")

    @property
    def std_spread(self) -> float:
        """Sample standard deviation (``ddof=1``) of the spread; 0 for a single simulation.
        The standard error of :attr:`mean_spread` is ``std_spread / sqrt(n_sims)``."""
        if self.spread.size < 2:
            return 0.0
        return float(self.spread.std(ddof=1))

    def as_dict(self) -> dict[Hashable, float]:
        """``{label: probability of being reached}``."""
        from .graph import as_dict

        return as_dict(self.graph, self.node_probability)

    def __repr__(self) -> str:
        return (
            f"DiffusionResult({self.model}, {self.n_sims} simulation{'s' if self.n_sims != 1 else ''}, "
            f"mean spread {self.mean_spread:.4g} ± {self.std_spread:.3g} of {self.graph.num_nodes} nodes)"
        )


# ---- multi-level networks: one combined graph over all levels ----------------------------------


def _network_of(net: _Any) -> MultiLevelNetwork:
    if not _is_network(net):
        raise TypeError(f"net must be an impactgraph.multilevel.MultiLevelNetwork, got {type(net).__name__}")
    return _cast("MultiLevelNetwork", net)


def _probabilities(x: _Any, count: int, name: str, order: str) -> _np.ndarray:
    """float64 probabilities, ``count`` of them, from one probability or an array (``order``
    says whose); :class:`InvalidParameterError` for a value outside [0, 1] or NaN."""
    if isinstance(x, _numbers.Real) and not isinstance(x, bool):
        v = float(x)
        if not 0.0 <= v <= 1.0:
            raise _InvalidParameterError(f"invalid {name}: a probability must be in [0, 1], got {v}")
        return _np.full(count, v, dtype=_np.float64)
    if x is None or isinstance(x, (bool, str, bytes, dict, set)):
        raise TypeError(f"{name} must be a float or an array of floats ({order}), got {type(x).__name__}")
    arr = _np.asarray(x)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a float or an array of floats ({order}), got dtype {arr.dtype}")
    if arr.ndim != 1 or arr.shape[0] != count:
        raise _InvalidParameterError(f"invalid {name}: expected {count} probabilities ({order}), got shape {arr.shape}")
    arr = _np.ascontiguousarray(arr, dtype=_np.float64)
    bad = _np.flatnonzero(~((arr >= 0.0) & (arr <= 1.0)))
    if bad.size:
        i = int(bad[0])
        raise _InvalidParameterError(
            f"invalid {name}: a probability must be in [0, 1], got {float(arr[i])} at position {i}"
        )
    return arr


def _arc_graph(net: MultiLevelNetwork, src: _Any, dst: _Any, prob: _Any) -> Graph:
    """The directed Graph of the arcs ``src[i] -> dst[i]`` over the network's nodes (its
    labels), self-loops dropped, each arc once; with ``prob``, the probabilities are the
    weights and an arc given several times keeps the largest."""
    from .graph import Graph as _Graph

    s = _np.concatenate([_np.asarray(a, dtype=_np.int64) for a in src])
    d = _np.concatenate([_np.asarray(a, dtype=_np.int64) for a in dst])
    keep = s != d
    s, d = s[keep], d[keep]
    pr = None if prob is None else _np.concatenate(prob)[keep]
    order = _np.lexsort((d, s))
    s, d = s[order], d[order]
    if s.size:
        first = _np.ones(s.size, dtype=bool)
        first[1:] = (s[1:] != s[:-1]) | (d[1:] != d[:-1])
        starts = _np.flatnonzero(first)
        if pr is not None:
            pr = pr[order]
            if starts.size < s.size:
                pr = _np.maximum.reduceat(pr, starts)
        s, d = s[starts], d[starts]
    return _Graph.from_edges(
        s, d, pr, directed=True, num_nodes=int(net.num_nodes), labels=net.labels, duplicates="error"
    )


def cascade_graph(
    net: MultiLevelNetwork, /, *, p: _Any = 0.1, q: _Any = 0.1, q_down: _Any = None
) -> Graph:
    """The directed graph on which :func:`independent_cascade` runs for a multi-level network:
    every node of every level (the network's global ids and labels), one arc per way a node
    can activate another, its weight the probability that it does.

    - each tie ``u - v`` gives the arcs ``u -> v`` and ``v -> u`` with probability ``p``
      (only ``u -> v`` when the network is directed);
    - each membership of ``m`` in group ``g`` gives ``m -> g`` with probability ``q`` (a
      member brings the innovation to its group) and ``g -> m`` with probability ``q_down``
      (a group to its members).

    Self-loops are dropped. A tie listed several times (at several times, see
    :meth:`~impactgraph.multilevel.MultiLevelNetwork.from_tables`) is one relationship: one
    arc each way, with the largest of its probabilities (not one chance per listing).

    Parameters
    ----------
    net : MultiLevelNetwork
    p : float or array_like, default 0.1
        Tie probability: one for all, or one per tie in the order of ``net.ties()``.
    q : float or array_like, default 0.1
        Member -> group probability: one for all, or one per membership in the order of
        ``net.memberships()``.
    q_down : float or array_like, optional
        Group -> member probability, same forms; default ``q``.

    Returns
    -------
    Graph
        Directed, weighted (weights = probabilities), labelled like the network; its
        ``edges()`` weights are the ``p`` array :func:`independent_cascade` takes, so
        ``influence_maximization(H, k, p=H.edges()[2])`` picks seeds across levels.

    Raises
    ------
    TypeError
        ``net`` is not a MultiLevelNetwork; a non-numeric probability.
    InvalidParameterError
        A probability outside [0, 1] or NaN; an array of the wrong length.

    Examples
    --------
    Two organizations sharing member ``c``; ``a`` and ``b`` are tied:

    >>> from impactgraph.multilevel import MultiLevelNetwork
    >>> from impactgraph.diffusion import cascade_graph
    >>> net = MultiLevelNetwork.from_tables(
    ...     {"node": ["a", "b", "c", "O1", "O2"], "level": ["member"] * 3 + ["organization"] * 2},
    ...     {"source": ["a"], "target": ["b"]},
    ...     {"member": ["a", "c", "c"], "group": ["O1", "O1", "O2"]})
    >>> H = cascade_graph(net, p=0.5, q=1.0, q_down=0.25)
    >>> src, dst, prob = H.edges()
    >>> for u, v, w in zip(src.tolist(), dst.tolist(), prob.tolist()):
    ...     print(H.labels[u], "->", H.labels[v], w)
    a -> b 0.5
    a -> O1 1.0
    b -> a 0.5
    c -> O1 1.0
    c -> O2 1.0
    O1 -> a 0.25
    O1 -> c 0.25
    O2 -> c 0.25
    """
    net = _network_of(net)
    if isinstance(p, str):
        raise _InvalidParameterError(
            f"invalid p: on a multi-level network p is a probability or one per tie, got {p!r}"
        )
    src, dst, _ = net.ties()
    mem, grp = net.memberships()
    pt = _probabilities(p, len(src), "p", "one per tie, in the order of net.ties()")
    order = "one per membership, in the order of net.memberships()"
    qu = _probabilities(q, len(mem), "q", order)
    qd = qu if q_down is None else _probabilities(q_down, len(mem), "q_down", order)
    s, d, pr = [src, mem, grp], [dst, grp, mem], [pt, qu, qd]
    if not net.directed:
        s, d, pr = s + [dst], d + [src], pr + [pt]
    return _arc_graph(net, s, d, pr)


def contagion_graph(net: MultiLevelNetwork, /) -> Graph:
    """The directed graph on which :func:`threshold_contagion` runs for a multi-level network:
    the in-neighbours of a node are the neighbours whose adoption it weighs.

    - each tie ``u - v`` gives the arcs ``u -> v`` and ``v -> u`` (only ``u -> v`` when the
      network is directed: ``v`` weighs ``u``);
    - each membership of ``m`` in group ``g`` gives ``m -> g`` and ``g -> m``: a group weighs
      its members (and its own-level ties, and the groups it belongs to), a member its ties
      and its groups.

    Self-loops are dropped and every arc appears once; the graph is unweighted.

    Parameters
    ----------
    net : MultiLevelNetwork

    Returns
    -------
    Graph
        Directed, labelled like the network (global ids).

    Raises
    ------
    TypeError
        ``net`` is not a MultiLevelNetwork.

    Examples
    --------
    >>> import impactgraph as ig
    >>> from impactgraph.multilevel import MultiLevelNetwork
    >>> from impactgraph.diffusion import contagion_graph
    >>> net = MultiLevelNetwork.from_tables(
    ...     {"node": ["a", "b", "O1"], "level": ["member", "member", "organization"]},
    ...     {"source": ["a"], "target": ["b"]}, {"member": ["a"], "group": ["O1"]})
    >>> H = contagion_graph(net)
    >>> H.num_edges, ig.in_degree(H).tolist()
    (4, [2, 1, 1])
    """
    net = _network_of(net)
    src, dst, _ = net.ties()
    mem, grp = net.memberships()
    s, d = [src, mem, grp], [dst, grp, mem]
    if not net.directed:
        s, d = s + [dst], d + [src]
    return _arc_graph(net, s, d, None)


class MultiLevelDiffusionResult(DiffusionResult):
    """A :class:`DiffusionResult` on a multi-level network: ``graph`` is the combined graph
    (:func:`cascade_graph` or :func:`contagion_graph`), node ids are the network's global ids.

    Attributes
    ----------
    network : MultiLevelNetwork
        The network the model ran on.
    level_spread : numpy.ndarray
        float64 by level index (the order of ``network.levels``): the mean number of that
        level's nodes reached per simulation, seeds included. It sums to :attr:`mean_spread`
        (up to rounding); :func:`by_level` gives it as ``{level: mean}``.

    Examples
    --------
    >>> from impactgraph.multilevel import MultiLevelNetwork
    >>> import impactgraph as ig
    >>> net = MultiLevelNetwork.from_tables(
    ...     {"node": ["a", "b", "c", "O1", "O2"], "level": ["member"] * 3 + ["organization"] * 2},
    ...     None, {"member": ["a", "b", "b", "c"], "group": ["O1", "O1", "O2", "O2"]})
    >>> r = ig.diffusion.independent_cascade(net, ["a"], p=0.0, q=1.0, n_sims=3, seed=0)
    >>> r.spread.tolist(), ig.diffusion.by_level(r)
    ([5, 5, 5], {'member': 3.0, 'organization': 2.0, 'local_network': 0.0, 'meta_network': 0.0})
    """

    __slots__ = ("network", "level_spread")

    def __init__(
        self,
        G: Graph,
        model: str,
        spread: _Any,
        reached: _Any,
        curve: _Any,
        n_sims: int,
        *,
        network: MultiLevelNetwork,
    ) -> None:
        super().__init__(G, model, spread, reached, curve, n_sims)
        self.network = network
        lev = _np.asarray(network.node_level, dtype=_np.int64)
        counts = _np.bincount(lev, weights=_np.asarray(reached, dtype=_np.float64), minlength=len(network.levels))
        self.level_spread = counts / max(self.n_sims, 1)
        self.level_spread.setflags(write=False)

    def __repr__(self) -> str:
        levels = ", ".join(f"{name} {v:.4g}" for name, v in zip(self.network.levels, self.level_spread.tolist()))
        return super().__repr__()[:-1] + f"; by level: {levels})"


def by_level(result: DiffusionResult) -> dict[str, float]:
    """``{level: mean number of that level's nodes reached per simulation}`` of a diffusion on a
    multi-level network (:attr:`MultiLevelDiffusionResult.level_spread` by name).

    Parameters
    ----------
    result : MultiLevelDiffusionResult

    Returns
    -------
    dict of str to float
        Every level of the network, in its order (0.0 for a level never reached).

    Raises
    ------
    TypeError
        ``result`` does not come from a multi-level network.

    Examples
    --------
    See :class:`MultiLevelDiffusionResult`.
    """
    if not isinstance(result, MultiLevelDiffusionResult):
        raise TypeError(
            "by_level needs the result of a diffusion on a MultiLevelNetwork, got "
            f"{type(result).__name__}"
        )
    return {str(name): float(v) for name, v in zip(result.network.levels, result.level_spread.tolist())}


def _seed_ids(G: Graph, seeds: _Any) -> _np.ndarray:
    """uint32 ids of the seed nodes: an iterable of labels (ids when the graph has none) or a
    single label; :class:`NodeNotFoundError` for an unknown one."""
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__"):
        seeds = [seeds]
    if isinstance(seeds, _np.ndarray) and seeds.ndim != 1:
        raise _InvalidParameterError(f"invalid seeds: expected a 1-d array of nodes, got shape {seeds.shape}")
    ids = G.node_ids(seeds if isinstance(seeds, _np.ndarray) else list(seeds))
    return ids.astype(_np.uint32)


def _model_args(
    G: Graph, seeds: _Any, n_sims: _Any, max_steps: _Any, seed: _Any, threads: _Any, first_sim: _Any = 0
) -> tuple[_Any, _np.ndarray, dict[str, _Any]]:
    """The arguments every model shares, checked: the core graph, the seed ids and the keyword
    arguments of the simulation driver (``n_sims``, ``max_steps``, ``seed``, ``first_sim``,
    ``threads``)."""
    g = _core_of(G)
    ids = _seed_ids(G, seeds)
    n = _int_arg("n_sims", n_sims)
    assert n is not None
    if n < 1:
        raise _InvalidParameterError(f"invalid n_sims: must be at least 1, got {n}")
    kw = {
        "n_sims": n,
        "max_steps": _int_arg("max_steps", max_steps, optional=True, non_negative=True),
        "seed": _seed_to_u64(seed),
        "first_sim": _int_arg("first_sim", first_sim, non_negative=True),
        "threads": _check_threads(threads),
    }
    return g, ids, kw


def _node_values(G: Graph, x: _Any, name: str) -> _np.ndarray:
    """A float64 array with one value per node from a scalar or an array-like."""
    if isinstance(x, _numbers.Real) and not isinstance(x, bool):
        return _np.full(G.num_nodes, float(x), dtype=_np.float64)
    arr = _np.asarray(x)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a float or an array of floats (one per node), got dtype {arr.dtype}")
    if arr.ndim != 1 or arr.shape[0] != G.num_nodes:
        raise _InvalidParameterError(
            f"invalid {name}: expected one value per node ({G.num_nodes}), got shape {arr.shape}"
        )
    return _np.ascontiguousarray(arr, dtype=_np.float64)


def independent_cascade(
    G: Graph | MultiLevelNetwork,
    seeds: _Any,
    /,
    *,
    p: _Any = 0.1,
    q: _Any = None,
    q_down: _Any = None,
    weight: str | None = "weight",
    n_sims: int = 1000,
    max_steps: int | None = None,
    seed: int | None = None,
    first_sim: int = 0,
    threads: int | None = None,
) -> DiffusionResult:
    """Independent cascade (Kempe, Kleinberg & Tardos 2003), Monte Carlo.

    Seeds are active at step 0. A node activated at step ``t`` gets one chance to activate each
    of its (out-)neighbours at step ``t + 1``, succeeding on the arc ``(u, v)`` with probability
    ``p(u, v)``, independently. Directed graphs spread along the edge direction; an undirected
    edge can carry the cascade both ways.

    On a :class:`~impactgraph.multilevel.MultiLevelNetwork` the cascade also crosses levels
    through memberships: a member who becomes active passes it to each of its groups with
    probability ``q``, and an active group to each of its members with probability ``q_down``
    (see :func:`cascade_graph` for the exact arcs). The result is then a
    :class:`MultiLevelDiffusionResult` (ids are the network's node ids, plus
    ``level_spread``).

    Parameters
    ----------
    G : Graph or MultiLevelNetwork
    seeds : iterable of nodes, or a node
        The initially active nodes (labels, or ids when the graph has no labels; the network's
        node labels); duplicates are ignored.
    p : float, array_like or "weighted_cascade", default 0.1
        One probability for every arc; or one per edge, in the order of ``G.edges()`` (used in
        both directions of an undirected edge); or ``"weighted_cascade"``:
        ``p(u, v) = 1 / indegree(v)`` (``w(u, v) / in-strength(v)`` with ``weight``). On a
        network: one probability for every tie, or one per tie in the order of ``net.ties()``
        (no ``"weighted_cascade"``).
    q : float or array_like, optional
        Network only (``TypeError`` on a Graph): the probability that an active member activates
        one of its groups, for every membership or one per membership in the order of
        ``net.memberships()``; default 0.1.
    q_down : float or array_like, optional
        Network only: the probability that an active group activates one of its members
        (same forms); default ``q``.
    weight : str or None, default "weight"
        With ``p="weighted_cascade"``: any name uses the graph's weights if it has them (as
        ``linear_threshold`` and ``influence_maximization`` do), ``None`` counts every
        in-neighbour equally; ignored otherwise.
    n_sims : int, default 1000
        Number of simulations (at least 1).
    max_steps : int, optional
        Stop every simulation after this many steps (default: when no node activates).
    seed : int, optional
        Seed of the simulations' random streams (default: fresh entropy).
    first_sim : int, default 0
        Index of the first simulation: the call runs simulations ``first_sim .. first_sim +
        n_sims - 1`` of the stream family of ``seed``, so a run of ``N`` simulations split into
        blocks (on several processes or machines, as :mod:`impactgraph.distributed` does) adds up
        to exactly the single call (``spread`` concatenated, reach counts and ``curve * n_sims``
        summed).
    threads : int, optional
        Number of threads (default: all); the result does not depend on it.

    Returns
    -------
    DiffusionResult

    Raises
    ------
    InvalidParameterError
        A probability (``p``, ``q``, ``q_down``) outside [0, 1] or NaN, an unknown ``p``
        string, a per-edge (per-tie, per-membership) array of the wrong length, ``n_sims < 1``,
        a negative ``max_steps``.
    NodeNotFoundError
        A seed that is not in the graph (network).
    TypeError
        ``p`` of a non-numeric dtype, non-integer ``n_sims``, ``q`` or ``q_down`` given with a
        Graph.

    Notes
    -----
    Simulation ``s`` draws from its own random stream derived from ``(seed, s)``; the
    simulations run in parallel in fixed blocks, so the result is identical on any number of
    threads. With a constant ``p`` each active node jumps from success to success along its row
    with geometric skips: a simulation costs O(reached + successful arcs), not O(arcs). With
    per-arc probabilities each examined arc costs one uniform draw. Memory: O(n) per thread.

    On a network every call first builds :func:`cascade_graph` (a sort of the ``2 (ties +
    memberships)`` arcs); to run many cascades with the same probabilities build it once and
    call ``independent_cascade(H, seeds, p=H.edges()[2])`` (the same simulations, a plain
    :class:`DiffusionResult`).

    References
    ----------
    D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a social
    network", KDD 2003.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 0, 0], [1, 2, 3], directed=True)
    >>> r = ig.diffusion.independent_cascade(G, [0], p=1.0, n_sims=10, seed=7)
    >>> r.mean_spread, r.node_probability.tolist()
    (4.0, [1.0, 1.0, 1.0, 1.0])
    >>> r = ig.diffusion.independent_cascade(G, [0], p=0.5, n_sims=20000, seed=7)
    >>> abs(r.mean_spread - 2.5) < 0.05  # 1 + 3 * 0.5 on average
    True
    """
    if _is_network(G):
        H = cascade_graph(G, p=p, q=0.1 if q is None else q, q_down=q_down)
        g, ids, kw = _model_args(H, seeds, n_sims, max_steps, seed, threads, first_sim)
        ep = H.edges()[2]
        assert ep is not None
        out = _ig.independent_cascade(g, ids, edge_p=ep, use_weights=False, **kw)
        return MultiLevelDiffusionResult(H, "independent_cascade", *out, network=G)
    if q is not None or q_down is not None:
        raise TypeError("q and q_down apply to a MultiLevelNetwork (memberships), not to a Graph")
    G = _cast("Graph", G)
    g, ids, kw = _model_args(G, seeds, n_sims, max_steps, seed, threads, first_sim)
    if isinstance(p, str):
        if p != "weighted_cascade":
            raise _InvalidParameterError(
                f'invalid p: a string must be "weighted_cascade", got {p!r}'
            )
        out = _ig.independent_cascade(g, ids, use_weights=_use_weights(G, weight), **kw)
    elif isinstance(p, _numbers.Real) and not isinstance(p, bool):
        out = _ig.independent_cascade(g, ids, p=float(p), use_weights=False, **kw)
    else:
        arr = _np.asarray(p)
        if arr.dtype.kind not in "iuf":
            raise TypeError(
                'p must be a float, an array of floats (one per edge) or "weighted_cascade", '
                f"got {type(p).__name__} of dtype {arr.dtype}"
            )
        if arr.ndim != 1 or arr.shape[0] != G.num_edges:
            raise _InvalidParameterError(
                f"invalid p: expected one probability per edge ({G.num_edges}, in G.edges() order), "
                f"got shape {arr.shape}"
            )
        out = _ig.independent_cascade(
            g, ids, edge_p=_np.ascontiguousarray(arr, dtype=_np.float64), use_weights=False, **kw
        )
    return DiffusionResult(G, "independent_cascade", *out)


def linear_threshold(
    G: Graph,
    seeds: _Any,
    /,
    *,
    thresholds: _Any = None,
    weight: str | None = "weight",
    n_sims: int = 1000,
    max_steps: int | None = None,
    seed: int | None = None,
    first_sim: int = 0,
    threads: int | None = None,
) -> DiffusionResult:
    """Linear threshold model (Kempe, Kleinberg & Tardos 2003), Monte Carlo.

    Every arc ``(u, v)`` carries the influence ``b(u, v) = w(u, v) / in-strength(v)``
    (``1 / indegree(v)`` unweighted), so each node's in-weights sum to 1 (self-loops carry no
    influence). An inactive node becomes active at step ``t + 1`` when the total influence of
    its in-neighbours active at step ``t`` reaches its threshold ``θ_v`` (with at least one
    active in-neighbour).

    Parameters
    ----------
    G : Graph
    seeds : iterable of nodes, or a node
        The initially active nodes (labels, or ids when the graph has no labels).
    thresholds : None, float or array_like, default None
        ``None``: every node draws ``θ_v`` uniform in (0, 1] anew in every simulation (Kempe
        et al.'s model); a float in [0, 1] for every node, or one per node id (fixed over the
        simulations).
    weight : str or None, default "weight"
        ``None`` counts every in-neighbour equally; an attribute name uses the graph's weights
        (if any; they must be non-negative).
    n_sims, max_steps, seed, first_sim, threads
        As in :func:`independent_cascade`.

    Returns
    -------
    DiffusionResult

    Raises
    ------
    InvalidParameterError
        A threshold outside [0, 1] or NaN, a thresholds array of the wrong length, ``n_sims < 1``.
    InvalidGraphError
        Negative weights.
    NodeNotFoundError
        A seed that is not in the graph.
    TypeError
        Non-numeric thresholds.

    Notes
    -----
    With random thresholds the model is equivalent to the live-edge process in which every node
    keeps at most one in-arc, ``(u, v)`` with probability ``b(u, v)`` (Kempe et al., Thm 2.5).
    Influence sums are compared with an absolute tolerance of 1e-12. Each simulation costs
    O(arcs of the activated nodes); the result is the same on any number of threads.

    References
    ----------
    D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a social
    network", KDD 2003. M. Granovetter, "Threshold models of collective behavior", Am. J. Sociol.
    83(6), 1978.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1], [2, 2], directed=True)  # 0 -> 2 <- 1, b = 1/2 each
    >>> ig.diffusion.linear_threshold(G, [0], thresholds=0.5, n_sims=1).spread.tolist()
    [2]
    >>> r = ig.diffusion.linear_threshold(G, [0], n_sims=20000, seed=3)
    >>> bool(abs(r.node_probability[2] - 0.5) < 0.02)  # P(θ <= 1/2)
    True
    """
    g, ids, kw = _model_args(G, seeds, n_sims, max_steps, seed, threads, first_sim)
    uw = _use_weights(G, weight)
    th = None if thresholds is None else _node_values(G, thresholds, "thresholds")
    out = _ig.linear_threshold(g, ids, thresholds=th, use_weights=uw, **kw)
    return DiffusionResult(G, "linear_threshold", *out)


def threshold_contagion(
    G: Graph | MultiLevelNetwork,
    seeds: _Any,
    /,
    *,
    fraction: _Any = 0.5,
    n_sims: int = 1,
    max_steps: int | None = None,
    seed: int | None = None,
    first_sim: int = 0,
    threads: int | None = None,
) -> DiffusionResult:
    """Watts' fractional-threshold (complex) contagion.

    A node adopts at step ``t + 1`` when at least one of its (in-)neighbours has adopted by step
    ``t`` and the fraction of its (in-)neighbours that have (self-loops left out) is at least
    its threshold: ``adopted / indegree >= fraction_v``. Seeds adopt at step 0; adoption is for
    good.

    On a :class:`~impactgraph.multilevel.MultiLevelNetwork` a node's neighbours are its tie
    neighbours on its own level (its in-neighbours when ties are directed), its groups (the
    nodes it is a member of) and its members: a member weighs its peers and its
    organizations, an organization its member individuals, its partner organizations and its
    local networks, and so on up (see :func:`contagion_graph`). The result is then a
    :class:`MultiLevelDiffusionResult`.

    Parameters
    ----------
    G : Graph or MultiLevelNetwork
    seeds : iterable of nodes, or a node
        The initial adopters.
    fraction : float, array_like or None, default 0.5
        The threshold of every node (a float in [0, 1]) or of each node id (on a network: its
        global ids, in the order of ``net.labels``). With given
        thresholds the model is deterministic: it runs once, every simulation is that run and
        ``seed`` is unused (so ``n_sims=1``, the default, is enough). ``None``: thresholds uniform
        in (0, 1], drawn anew in every simulation (then equal to :func:`linear_threshold` with
        ``weight=None``), which is where ``n_sims`` and ``seed`` matter.
    n_sims : int, default 1
    max_steps, seed, first_sim, threads
        As in :func:`independent_cascade`.

    Returns
    -------
    DiffusionResult

    Raises
    ------
    InvalidParameterError
        A fraction outside [0, 1] or NaN, an array of the wrong length, ``n_sims < 1``.
    NodeNotFoundError
        A seed that is not in the graph.

    Notes
    -----
    The fraction is computed as ``adopted / indegree`` in float64, exactly as Python computes
    it. Cost O(arcs of the adopters) per simulation (plus, on a network, building
    :func:`contagion_graph`).

    References
    ----------
    D. J. Watts, "A simple model of global cascades on random networks", PNAS 99(9), 2002.
    D. Centola and M. Macy, "Complex contagions and the weakness of long ties", Am. J. Sociol.
    113(3), 2007.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2, 1], [1, 2, 3, 3])  # path 0-1-2-3 plus 1-3
    >>> ig.diffusion.threshold_contagion(G, [0], fraction=0.5).spread.tolist()
    [1]
    >>> r = ig.diffusion.threshold_contagion(G, [0], fraction=[0.5, 0.3, 0.5, 0.5])
    >>> r.spread.tolist(), r.curve.tolist()
    ([4], [1.0, 1.0, 2.0])
    """
    net = None
    if _is_network(G):
        net, G = G, contagion_graph(G)
    G = _cast("Graph", G)
    g, ids, kw = _model_args(G, seeds, n_sims, max_steps, seed, threads, first_sim)
    th = None if fraction is None else _node_values(G, fraction, "fraction")
    out = _ig.threshold_contagion(g, ids, thresholds=th, **kw)
    if net is not None:
        return MultiLevelDiffusionResult(G, "threshold_contagion", *out, network=net)
    return DiffusionResult(G, "threshold_contagion", *out)


def sir(
    G: Graph,
    seeds: _Any,
    /,
    *,
    beta: float,
    gamma: float,
    n_sims: int = 1000,
    max_steps: int | None = None,
    seed: int | None = None,
    first_sim: int = 0,
    threads: int | None = None,
) -> DiffusionResult:
    """Discrete-time SIR epidemic, Monte Carlo.

    Seeds are infected at step 0. At each step every infected node infects each susceptible
    (out-)neighbour with probability ``beta`` (independently per pair), and then every node
    that was infected at the start of the step recovers for good with probability ``gamma``.
    With ``gamma=1`` this is the Reed–Frost chain-binomial model.

    Parameters
    ----------
    G : Graph
    seeds : iterable of nodes, or a node
        The initially infected nodes.
    beta : float
        Per-step transmission probability along an edge, in [0, 1].
    gamma : float
        Per-step recovery probability, in [0, 1].
    n_sims, seed, first_sim, threads
        As in :func:`independent_cascade`.
    max_steps : int, optional
        Stop after this many steps (default: when no node is infected; required when
        ``gamma == 0``).

    Returns
    -------
    DiffusionResult
        ``spread``: the final size (number ever infected); ``node_probability``: the
        probability of ever being infected; ``curve``: mean new infections per step.

    Raises
    ------
    InvalidParameterError
        ``beta`` or ``gamma`` outside [0, 1] or NaN, ``gamma == 0`` without ``max_steps``,
        ``n_sims < 1``.
    NodeNotFoundError
        A seed that is not in the graph.

    Notes
    -----
    Infections use geometric skips along each infected node's row: a node-step costs
    O(1 + beta · degree). The result is the same on any number of threads.

    References
    ----------
    W. O. Kermack and A. G. McKendrick, Proc. R. Soc. A 115, 1927; H. Abbey, "An examination
    of the Reed–Frost theory of epidemics", Hum. Biol. 24, 1952.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2], [1, 2, 3])  # path 0-1-2-3
    >>> r = ig.diffusion.sir(G, [0], beta=1.0, gamma=1.0, n_sims=5, seed=0)
    >>> r.spread.tolist(), r.curve.tolist()
    ([4, 4, 4, 4, 4], [1.0, 1.0, 1.0, 1.0])
    """
    g, ids, kw = _model_args(G, seeds, n_sims, max_steps, seed, threads, first_sim)
    b, c = _real_arg("beta", beta), _real_arg("gamma", gamma)
    out = _ig.sir(g, ids, beta=b, gamma=c, **kw)
    return DiffusionResult(G, "sir", *out)


def sis(
    G: Graph,
    seeds: _Any,
    /,
    *,
    beta: float,
    gamma: float,
    n_sims: int = 1000,
    max_steps: int = 100,
    seed: int | None = None,
    first_sim: int = 0,
    threads: int | None = None,
) -> DiffusionResult:
    """Discrete-time SIS epidemic, Monte Carlo.

    As :func:`sir`, except that a recovering node becomes susceptible again (from the next step
    on). Each step: every infected node infects each susceptible (out-)neighbour with
    probability ``beta``; then every node infected at the start of the step recovers with
    probability ``gamma``. A simulation runs ``max_steps`` steps or until no node is infected.

    Parameters
    ----------
    G : Graph
    seeds : iterable of nodes, or a node
        The initially infected nodes.
    beta, gamma : float
        Transmission and recovery probabilities per step, in [0, 1].
    max_steps : int, default 100
        Number of steps simulated.
    n_sims, seed, first_sim, threads
        As in :func:`independent_cascade`.

    Returns
    -------
    DiffusionResult
        ``spread``: the number of nodes ever infected (seeds included);
        ``node_probability``: the probability of being infected at least once within
        ``max_steps``; ``curve``: the mean **prevalence**, the number infected at each step
        ``0..max_steps`` (0 after a simulation died out).

    Raises
    ------
    InvalidParameterError
        ``beta`` or ``gamma`` outside [0, 1] or NaN, ``n_sims < 1``, negative ``max_steps``.
    NodeNotFoundError
        A seed that is not in the graph.

    Notes
    -----
    Cost O(1 + beta · degree) per infected node-step (geometric skips); the result is the same
    on any number of threads.

    References
    ----------
    R. Pastor-Satorras, C. Castellano, P. Van Mieghem and A. Vespignani, "Epidemic processes
    in complex networks", Rev. Mod. Phys. 87, 925, 2015.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2], [1, 2, 0])  # triangle
    >>> r = ig.diffusion.sis(G, [0], beta=1.0, gamma=0.0, max_steps=3, n_sims=2, seed=0)
    >>> r.curve.tolist(), r.spread.tolist()
    ([1.0, 3.0, 3.0, 3.0], [3, 3])
    """
    g, ids, kw = _model_args(G, seeds, n_sims, None, seed, threads, first_sim)
    b, c = _real_arg("beta", beta), _real_arg("gamma", gamma)
    kw["max_steps"] = _int_arg("max_steps", max_steps, non_negative=True)
    out = _ig.sis(g, ids, beta=b, gamma=c, **kw)
    return DiffusionResult(G, "sis", *out)


# ---- end of models ----------------------------------------------------------------------------

# (keep these lines: they separate the two sections so that both can change independently)

# ---- influence maximisation -------------------------------------------------------------------

_INFLUENCE: list[str] = ["InfluenceResult", "influence_maximization", "reverse_reachable_sets"]


class InfluenceResult:
    """The seed set chosen by :func:`influence_maximization`, in order of selection.

    Attributes
    ----------
    seeds : list
        The seed nodes (labels; ids where the graph has no labels), in the order the greedy
        picked them.
    seed_ids : numpy.ndarray
        The same nodes as int64 ids.
    spread : numpy.ndarray
        float64, ``spread[i]`` is the estimated expected spread (nodes reached, seeds
        included) of the first ``i + 1`` seeds: for IMM ``n`` times the fraction of the RR sets
        they cover, for CELF the Monte-Carlo mean over ``n_sims`` simulations.
    method : str
        ``"imm"`` or ``"celf"``.
    model : str
        ``"ic"`` or ``"lt"``.
    n_rr_sets : int or None
        IMM: the number of RR sets of the final node selection (``None`` for CELF).
    work : int
        IMM: RR sets generated in all (lower-bound search included); CELF: spread evaluations
        (each of ``n_sims`` simulations).
    """

    __slots__ = ("seeds", "seed_ids", "spread", "method", "model", "n_rr_sets", "work")

    def __init__(
        self,
        seeds: list[Hashable],
        seed_ids: _np.ndarray,
        spread: _np.ndarray,
        method: str,
        model: str,
        n_rr_sets: int | None,
        work: int,
    ) -> None:
        self.seeds = seeds
        self.seed_ids = seed_ids
        self.spread = spread
        self.method = method
        self.model = model
        self.n_rr_sets = n_rr_sets
        self.work = work

    def __len__(self) -> int:
        return len(self.seeds)

    def as_dict(self) -> dict[str, _Any]:
        """The attributes as a dict of plain Python values."""
        return {
            "seeds": list(self.seeds),
            "seed_ids": self.seed_ids.tolist(),
            "spread": self.spread.tolist(),
            "method": self.method,
            "model": self.model,
            "n_rr_sets": self.n_rr_sets,
            "work": self.work,
        }

    def __repr__(self) -> str:
        final = float(self.spread[-1]) if self.spread.size else 0.0
        return (
            f"InfluenceResult({self.method}, {self.model}: {len(self.seeds)} seeds, "
            f"estimated spread {final:.4g})"
        )


def _im_choice(name: str, value: _Any, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if value not in allowed:
        raise _InvalidParameterError(
            f"invalid {name}: must be one of {', '.join(map(repr, allowed))}, got {value!r}"
        )
    return value


def _im_edge_prob(G: Graph, p: _Any) -> dict[str, _Any]:
    """The binding's keywords for ``p``: a probability, a per-edge array (in the order of
    ``G.edges()``) or ``"weighted_cascade"``."""
    if isinstance(p, str):
        if p != "weighted_cascade":
            raise _InvalidParameterError(
                f"invalid p: must be a probability, an array of one probability per edge or "
                f"'weighted_cascade', got {p!r}"
            )
        return {"weighted_cascade": True}
    if isinstance(p, _numbers.Real) and not isinstance(p, bool):
        return {"p": float(p)}
    if isinstance(p, bool) or p is None or isinstance(p, (dict, set)):
        raise TypeError(
            "p must be a float, an array of one probability per edge or 'weighted_cascade', "
            f"got {type(p).__name__}"
        )
    a = _np.asarray(p)
    if a.dtype.kind not in "iuf":
        raise TypeError(f"p as an array must be numeric, got dtype {a.dtype}")
    if a.ndim != 1 or a.shape[0] != G.num_edges:
        raise _InvalidParameterError(
            f"invalid p: expected one probability per edge ({G.num_edges}, in the order of "
            f"G.edges()), got shape {a.shape}"
        )
    return {"p_edges": _np.ascontiguousarray(a, dtype=_np.float64)}


def _im_labels_of(G: Graph, ids: _np.ndarray) -> list[Hashable]:
    if not G.has_labels:
        return ids.tolist()
    labels = G.labels
    if isinstance(labels, _np.ndarray):
        return labels[ids].tolist()
    return [labels[i] for i in ids.tolist()]


def influence_maximization(
    G: Graph,
    k: int,
    /,
    *,
    method: str = "imm",
    model: str = "ic",
    p: _Any = 0.1,
    weight: str | None = "weight",
    epsilon: float = 0.1,
    ell: float = 1.0,
    n_sims: int = 1000,
    seed: int | None = None,
    threads: int | None = None,
) -> InfluenceResult:
    """The ``k`` seed nodes that reach the most nodes in expectation (influence maximisation).

    Parameters
    ----------
    G : Graph
        Directed graphs spread along edge direction; undirected edges both ways.
    k : int
        Number of seeds, ``1 <= k <= n``.
    method : {"imm", "celf"}, default "imm"
        ``"imm"``: reverse-reachable sets (Tang, Shi and Xiao 2015), a ``(1 - 1/e - epsilon)``
        approximation with probability at least ``1 - n**-ell``, near-linear time.
        ``"celf"``: the greedy algorithm with lazy evaluation (Leskovec et al. 2007), each
        marginal gain a Monte-Carlo estimate over ``n_sims`` simulations; ``O(n)`` estimates
        in the first round, so for small graphs.
    model : {"ic", "lt"}, default "ic"
        Independent cascade (with ``p``) or linear threshold (with ``weight``; uniform random
        thresholds).
    p : float, array_like or "weighted_cascade", default 0.1
        IC activation probabilities: one for every edge, one per edge in the order of
        ``G.edges()`` (used in both directions of an undirected edge), or
        ``"weighted_cascade"`` (``p(u, v) = 1 / indegree(v)``, or ``w(u, v) / s_in(v)`` with
        the weights). Ignored by LT.
    weight : str or None, default "weight"
        Whether to use the graph's weights (any name: yes, if the graph has them; ``None``:
        no): LT's influence of ``u`` on ``v`` is ``w(u, v) / s_in(v)``, else
        ``1 / indegree(v)``; the weighted cascade as above.
    epsilon : float, default 0.1
        IMM's approximation slack, in ``(0, 1)``; the number of RR sets grows as
        ``1 / epsilon**2``.
    ell : float, default 1.0
        IMM's confidence exponent (``> 0``).
    n_sims : int, default 1000
        CELF's simulations per spread estimate (``>= 1``).
    seed : int, optional
        Seed of the random streams (``None``: fresh entropy). The same seed gives the same
        result on any number of threads.
    threads : int, optional
        Number of threads (default: all); the result does not depend on it.

    Returns
    -------
    InfluenceResult
        ``seeds`` (labels) and ``seed_ids`` in order of selection, ``spread`` (the estimated
        spread after each pick), ``n_rr_sets`` (IMM) and ``work``.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; an argument of the wrong type.
    InvalidParameterError
        ``k`` outside ``[1, n]``; ``epsilon`` outside ``(0, 1)``; ``ell <= 0``; ``n_sims < 1``;
        an unknown ``method``, ``model`` or ``p`` string; a probability outside ``[0, 1]``; a
        ``p`` array not of length ``G.num_edges``.
    InvalidGraphError
        Negative weights with the weighted cascade or LT.
    GraphTooLargeError
        IMM would need more than ``2**32 - 1`` RR sets, or RR sets holding more than ``2**30``
        node entries in all (about 8 GiB with the selection's index: a supercritical cascade
        with a small ``epsilon``); raised as soon as the sets drawn so far predict it.

    Notes
    -----
    IMM first searches a lower bound ``LB`` of the optimal spread by doubling (``x = n/2, n/4,
    ...``, ``lambda' / x`` RR sets each, ``epsilon' = sqrt(2) epsilon``, ``ell`` raised to
    ``ell (1 + ln 2 / ln n)``), then draws ``theta = lambda* / LB`` fresh RR sets (W. Chen
    2018 showed that reusing the search's sets, as the paper's pseudo-code does, breaks the
    martingale argument) and picks the seeds by greedy maximum coverage with a lazy heap
    (ties to the smallest id). An IC RR set is a reverse breadth-first search from a uniform
    random root over in-arcs kept with their probability (geometric skips over rows of equal
    small probability); an LT RR set is a reverse random walk. RR set ``i`` draws from its own
    stream of ``seed``; sets are generated in parallel in fixed blocks, so the result does not
    depend on the thread count. Memory: about 8 bytes per RR set and 8 per node entry, at most
    ``2**30`` entries: a pilot of the first RR sets forecasts the final size, so a cascade too
    large for ``epsilon`` fails early (``GraphTooLargeError``).

    CELF evaluates ``sigma(S + v) - sigma(S)`` lazily from a max-heap of stale gains (valid
    upper bounds by submodularity). Every estimate uses the same ``n_sims`` random streams
    (common random numbers: less noise between the candidates' gains). The simulations of
    one estimate (and, in the first round, the candidates) run in parallel.

    References
    ----------
    Y. Tang, Y. Shi and X. Xiao, "Influence maximization in near-linear time: a martingale
    approach", SIGMOD 2015. W. Chen, "An issue in the martingale analysis of the influence
    maximization algorithm IMM", CSoNet 2018. J. Leskovec, A. Krause, C. Guestrin,
    C. Faloutsos, J. VanBriesen and N. Glance, "Cost-effective outbreak detection in
    networks", KDD 2007. D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of
    influence through a social network", KDD 2003.

    Examples
    --------
    A star 0 -> 1..4 and an arc 5 -> 6, every arc live (``p=1``): the hub reaches 5 nodes,
    then node 5 adds 2.

    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 0, 0, 0, 5], [1, 2, 3, 4, 6], directed=True)
    >>> r = ig.diffusion.influence_maximization(G, 2, p=1.0, seed=1)
    >>> r.seeds
    [0, 5]
    >>> round(float(r.spread[0])), float(r.spread[1])
    (5, 7.0)
    """
    g = _core_of(G)
    kk = _int_arg("k", k)
    meth = _im_choice("method", method, ("imm", "celf"))
    mod = _im_choice("model", model, ("ic", "lt"))
    probs = _im_edge_prob(G, p) if mod == "ic" else {"p": 0.0}
    uw = _use_weights(G, weight)
    s = _seed_to_u64(seed)
    th = _check_threads(threads)
    if not 1 <= kk <= G.num_nodes:  # (the core checks too; a huge int would not fit its usize)
        raise _InvalidParameterError(
            f"invalid k: must be between 1 and the number of nodes ({G.num_nodes}), got {kk}"
        )
    if meth == "imm":
        eps = _real_arg("epsilon", epsilon)
        el = _real_arg("ell", ell)
        ids, spread, n_rr, work = _ig.influence_imm(
            g, kk, model=mod, use_weights=uw, epsilon=eps, ell=el, seed=s, threads=th, **probs
        )
    else:
        ns = _int_arg("n_sims", n_sims, non_negative=True)
        ids, spread, _, work = _ig.influence_celf(
            g, kk, model=mod, use_weights=uw, n_sims=ns, seed=s, threads=th, **probs
        )
        n_rr = None
    seed_ids = _np.asarray(ids, dtype=_np.int64)
    return InfluenceResult(_im_labels_of(G, seed_ids), seed_ids, spread, meth, mod, n_rr, int(work))


def reverse_reachable_sets(
    G: Graph,
    count: int,
    /,
    *,
    model: str = "ic",
    p: _Any = 0.1,
    weight: str | None = "weight",
    seed: int | None = None,
    threads: int | None = None,
) -> tuple[_np.ndarray, _np.ndarray]:
    """``count`` random reverse-reachable (RR) sets, the sample behind IMM.

    An RR set is the set of nodes that reach a uniformly random root in a random live-edge
    world of the model (root first). For any seed set ``S``, ``n`` times the fraction of RR
    sets that ``S`` meets is an unbiased estimate of its expected spread (Borgs et al. 2014).

    Parameters
    ----------
    G : Graph
    count : int
        Number of sets (``>= 0``).
    model, p, weight, seed, threads
        As in :func:`influence_maximization`.

    Returns
    -------
    (indptr, nodes) : tuple of numpy.ndarray
        Set ``i`` is ``nodes[indptr[i]:indptr[i + 1]]`` (node ids); ``indptr`` is uint64 of
        length ``count + 1``, ``nodes`` uint32.

    Raises
    ------
    TypeError, InvalidParameterError, InvalidGraphError
        As :func:`influence_maximization`; ``InvalidGraphError`` for a graph without nodes.
    GraphTooLargeError
        The sets would hold more than ``2**30`` node entries (predicted while sampling).

    Notes
    -----
    Set ``i`` draws from its own random stream of ``seed``: the sets are the same on any
    number of threads, and IMM run with the same seed samples its first sets identically.

    References
    ----------
    C. Borgs, M. Brautbar, J. Chayes and B. Lucier, "Maximizing social influence in nearly
    optimal time", SODA 2014.

    Examples
    --------
    Every arc of the path 0 -> 1 -> 2 live: the set of root ``v`` is ``v`` and its ancestors.

    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1], [1, 2], directed=True)
    >>> indptr, nodes = ig.diffusion.reverse_reachable_sets(G, 100, p=1.0, seed=7)
    >>> sets = [nodes[a:b].tolist() for a, b in zip(indptr[:-1], indptr[1:])]
    >>> all(sorted(s) == list(range(s[0] + 1)) for s in sets)
    True
    >>> indptr.dtype, nodes.dtype
    (dtype('uint64'), dtype('uint32'))
    """
    g = _core_of(G)
    c = _int_arg("count", count, non_negative=True)
    mod = _im_choice("model", model, ("ic", "lt"))
    probs = _im_edge_prob(G, p) if mod == "ic" else {"p": 0.0}
    uw = _use_weights(G, weight)
    s = _seed_to_u64(seed)
    th = _check_threads(threads)
    return _ig.rr_sets_range(g, 0, c, model=mod, use_weights=uw, seed=s, threads=th, **probs)

# ---- end of influence maximisation ------------------------------------------------------------

__all__ = _MODELS + _INFLUENCE
