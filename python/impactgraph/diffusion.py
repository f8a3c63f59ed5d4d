"""Diffusion: how an innovation spreads through the network, and where to seed it.

Monte-Carlo models (independent cascade, linear threshold, fractional-threshold contagion,
SIR, SIS) run their simulations in parallel in the Rust core; simulation ``s`` draws from its
own random stream derived from ``seed``, so a result is the same on any number of threads.
Influence maximisation picks seed sets (CELF greedy, IMM reverse-reachable sets).
"""

from __future__ import annotations

# ---- models -----------------------------------------------------------------------------------

_MODELS: list[str] = []

# ---- end of models ----------------------------------------------------------------------------

# (keep these lines: they separate the two sections so that both can change independently)

# ---- influence maximisation -------------------------------------------------------------------

_INFLUENCE: list[str] = ["InfluenceResult", "influence_maximization", "reverse_reachable_sets"]

import numbers as _numbers  # noqa: E402
from typing import TYPE_CHECKING as _TYPE_CHECKING  # noqa: E402
from typing import Any as _Any  # noqa: E402

import numpy as _np  # noqa: E402

from . import _core as _ig_im  # noqa: E402
from ._util import check_threads as _check_threads  # noqa: E402
from ._util import core_of as _core_of  # noqa: E402
from ._util import int_arg as _int_arg  # noqa: E402
from ._util import real_arg as _real_arg  # noqa: E402
from ._util import seed_to_u64 as _seed_to_u64  # noqa: E402
from ._util import use_weights as _use_weights  # noqa: E402
from .errors import InvalidParameterError as _InvalidParameterError  # noqa: E402

if _TYPE_CHECKING:
    from collections.abc import Hashable

    from .graph import Graph


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
    depend on the thread count. Memory: about 8 bytes per RR set and 8 per node entry.

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
        ids, spread, n_rr, work = _ig_im.influence_imm(
            g, kk, model=mod, use_weights=uw, epsilon=eps, ell=el, seed=s, threads=th, **probs
        )
    else:
        ns = _int_arg("n_sims", n_sims, non_negative=True)
        ids, spread, _, work = _ig_im.influence_celf(
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
    return _ig_im.rr_sets(g, c, model=mod, use_weights=uw, seed=s, threads=th, **probs)

# ---- end of influence maximisation ------------------------------------------------------------

__all__ = _MODELS + _INFLUENCE
