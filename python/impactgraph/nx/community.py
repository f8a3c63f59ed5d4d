"""networkx adapters: community (networkx's signatures and result types over
impactgraph.community).

Communities come back as networkx returns them: lists (or generators, or ``dict_values`` for
``label_propagation_communities``) of sets of the original nodes, ordered by the first node of
each community in node order. Seeds: networkx's ``@py_random_state`` has already turned ``seed``
into a ``random.Random``; :func:`~impactgraph.nx.convert.seed_int` draws one 64-bit integer from
it, so the same networkx seed gives the same partition (on any number of threads), but not the
partition networkx's own random stream would give.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from networkx.algorithms.community.quality import NotAPartition  # type: ignore[import-untyped]

from .. import community as _cm
from ..errors import InvalidGraphError, InvalidParameterError
from ._registry import NX_TEST_XFAILS, networkx_algorithm
from .convert import node_sets, seed_int, source_graph, threads

_MAX_LEVEL = "max_level argument must be a positive integer or None"
_MULTI_NONE = (
    "weight=None on a multigraph: networkx counts every parallel edge, the converted graph has "
    "merged them without a weight"
)


def _w(weight: Any) -> str | None:
    """The native ``weight``: ``None``, or a name meaning "use the stored weights" (networkx
    allows any hashable attribute name; the converted graph already holds its values)."""
    return None if weight is None else (weight if isinstance(weight, str) else "weight")


def _check_max_level(max_level: Any) -> None:
    if max_level is not None and max_level <= 0:
        raise ValueError(_MAX_LEVEL)


def _weights_ok(call: Any) -> Any:
    """Run ``call()``; a negative (or otherwise invalid) weight, which networkx would use but
    impactgraph refuses, becomes ``NotImplementedError`` so that networkx falls back."""
    try:
        return call()
    except InvalidGraphError as e:
        raise NotImplementedError(f"impactgraph cannot use these weights: {e}") from None


def _finite_resolution(G: Any, weight: Any, resolution: Any) -> bool | str:
    if weight is None and G.is_multigraph():
        return _MULTI_NONE
    try:
        r = float(resolution)
    except (TypeError, ValueError):
        return f"resolution {resolution!r} is not a real number"
    if not math.isfinite(r) or r < 0:
        return f"resolution {resolution!r}: impactgraph optimises modularity for finite resolutions >= 0 only"
    return True


# ---- modularity --------------------------------------------------------------------------------


@networkx_algorithm(multigraph=True)
def modularity(G: Any, communities: Any, weight: Any = "weight", resolution: Any = 1) -> float:
    if not isinstance(communities, list):
        communities = list(communities)
    # networkx iterates each community (``for n in c``): a string is a community of characters
    members = [c if isinstance(c, (set, frozenset, list, tuple)) else list(c) for c in communities]
    try:
        memb = _cm._membership_from_sets(G, members)
    except (InvalidParameterError, TypeError):
        raise NotAPartition(source_graph(G), communities) from None
    try:
        return float(
            _cm.modularity(G, memb, weight=_w(weight), resolution=float(resolution), threads=threads())
        )
    except InvalidGraphError as e:
        if "total edge weight 0" in str(e):
            raise ZeroDivisionError("division by zero") from None
        raise NotImplementedError(f"impactgraph cannot use these weights: {e}") from None


@modularity._can_run
def _(G: Any, communities: Any, weight: Any = "weight", resolution: Any = 1) -> bool | str:
    try:
        r = float(resolution)
    except (TypeError, ValueError):
        return f"resolution {resolution!r} is not a real number"
    if not math.isfinite(r):
        return f"resolution {resolution!r} is not finite"
    if weight is None and G.is_multigraph():
        return _MULTI_NONE
    return True


# ---- label propagation -------------------------------------------------------------------------


@networkx_algorithm
def label_propagation_communities(G: Any) -> Any:
    # networkx returns the ``dict_values`` of its clusters (an iterable, not an iterator),
    # keyed by label in order of each cluster's first node: the same order as node_sets.
    memb = _cm.label_propagation_communities(G, threads=threads()).membership
    return dict(enumerate(node_sets(G, memb))).values()


@networkx_algorithm(multigraph=True)
def asyn_lpa_communities(G: Any, weight: Any = None, seed: Any = None) -> Iterator[set]:
    s = seed_int(seed)
    memb = _weights_ok(
        lambda: _cm.asyn_lpa_communities(G, weight=_w(weight), seed=s, threads=threads()).membership
    )
    return iter(node_sets(G, memb))


@networkx_algorithm(multigraph=True)
def fast_label_propagation_communities(G: Any, *, weight: Any = None, seed: Any = None) -> Iterator[set]:
    s = seed_int(seed)
    memb = _weights_ok(
        lambda: _cm.fast_label_propagation_communities(G, weight=_w(weight), seed=s, threads=threads()).membership
    )
    return iter(node_sets(G, memb))


@fast_label_propagation_communities._can_run
def _(G: Any, *, weight: Any = None, seed: Any = None) -> bool | str:
    if weight is None and G.is_multigraph():
        return _MULTI_NONE
    return True


# ---- louvain and leiden ------------------------------------------------------------------------


def _louvain_levels(
    G: Any, weight: Any, resolution: Any, threshold: Any, max_level: Any, seed: Any
) -> list[Any]:
    if G.num_edges == 0:  # networkx: the singletons, one level (modularity is undefined)
        return [list(range(G.num_nodes))]
    s = seed_int(seed)
    p = _weights_ok(
        lambda: _cm.louvain_communities(
            G,
            weight=_w(weight),
            resolution=float(resolution),
            threshold=float(threshold),
            max_level=max_level,
            seed=s,
            threads=threads(),
        )
    )
    return p.levels


def _louvain_can_run(G: Any, weight: Any, resolution: Any, threshold: Any) -> bool | str:
    ok = _finite_resolution(G, weight, resolution)
    if ok is not True:
        return ok
    try:
        t = float(threshold)
    except (TypeError, ValueError):
        return f"threshold {threshold!r} is not a real number"
    if not math.isfinite(t) or t < 0:
        return f"threshold {threshold!r}: impactgraph stops levels on a gain <= threshold for finite thresholds >= 0 only"
    return True


@networkx_algorithm(multigraph=True)
def louvain_communities(
    G: Any, weight: Any = "weight", resolution: Any = 1, threshold: Any = 0.0000001, max_level: Any = None, seed: Any = None
) -> list[set]:
    _check_max_level(max_level)
    return node_sets(G, _louvain_levels(G, weight, resolution, threshold, max_level, seed)[-1])


@louvain_communities._can_run
def _(
    G: Any, weight: Any = "weight", resolution: Any = 1, threshold: Any = 0.0000001, max_level: Any = None, seed: Any = None
) -> bool | str:
    return _louvain_can_run(G, weight, resolution, threshold)


@networkx_algorithm(multigraph=True)
def louvain_partitions(
    G: Any, weight: Any = "weight", resolution: Any = 1, threshold: Any = 0.0000001, seed: Any = None
) -> Iterator[list[set]]:
    levels = _louvain_levels(G, weight, resolution, threshold, None, seed)
    return (node_sets(G, m) for m in levels)


@louvain_partitions._can_run
def _(G: Any, weight: Any = "weight", resolution: Any = 1, threshold: Any = 0.0000001, seed: Any = None) -> bool | str:
    return _louvain_can_run(G, weight, resolution, threshold)


def _leiden_levels(G: Any, weight: Any, resolution: Any, max_level: Any, seed: Any, n_iterations: Any) -> list[Any]:
    if G.num_edges == 0:
        return [list(range(G.num_nodes))]
    s = seed_int(seed)
    p = _weights_ok(
        lambda: _cm.leiden_communities(
            G,
            weight=_w(weight),
            resolution=float(resolution),
            max_level=max_level,
            n_iterations=n_iterations,
            seed=s,
            threads=threads(),
        )
    )
    return p.levels


@networkx_algorithm(multigraph=True)
def leiden_communities(
    G: Any, weight: Any = "weight", resolution: Any = 1, max_level: Any = None, seed: Any = None, *, n_iterations: int = 1
) -> list[set]:
    _check_max_level(max_level)
    return node_sets(G, _leiden_levels(G, weight, resolution, max_level, seed, n_iterations)[-1])


@leiden_communities._can_run
def _(
    G: Any, weight: Any = "weight", resolution: Any = 1, max_level: Any = None, seed: Any = None, *, n_iterations: int = 1
) -> bool | str:
    return _finite_resolution(G, weight, resolution)


@networkx_algorithm(multigraph=True)
def leiden_partitions(
    G: Any, weight: Any = "weight", resolution: Any = 1, seed: Any = None, *, n_iterations: int = 1
) -> Iterator[list[set]]:
    levels = _leiden_levels(G, weight, resolution, None, seed, n_iterations)
    return (node_sets(G, m) for m in levels)


@leiden_partitions._can_run
def _(G: Any, weight: Any = "weight", resolution: Any = 1, seed: Any = None, *, n_iterations: int = 1) -> bool | str:
    return _finite_resolution(G, weight, resolution)


# ---- networkx tests that assert one outcome of networkx's own random stream ------------------
# Louvain's result depends on the order networkx's ``seed.shuffle`` gives the nodes at each level,
# then on networkx's sequential sweep, its adjacency (insertion) order and its strict ``>``
# tie-breaking between equal gains. impactgraph's Louvain (parallel batches, its own generator)
# finds partitions of comparable modularity, not that draw. networkx itself gives other karate
# partitions for other seeds (seed 0: modularity 0.4198, seeds 1-2: 0.4188, seed 3: 0.4151), and
# the expected one (0.4188) is not the optimum (0.4198).
_NX_RNG = (
    "asserts the partition drawn by networkx's own random stream (random.Random(seed).shuffle of "
    "the nodes at each level and networkx's sequential tie-breaking); impactgraph's seeded Louvain "
    "is reproducible but draws another partition, of comparable modularity"
)
NX_TEST_XFAILS.update(
    {
        "test_louvain.py::test_karate_club_partition": _NX_RNG,
        "test_louvain.py::test_undirected_selfloops": _NX_RNG,
        "test_louvain.py::test_none_weight_param": _NX_RNG,
        "test_louvain.py::test_directed_partition": (
            "asserts the list order of networkx's internal community ids (the id of the node whose "
            "singleton community each one grew from); impactgraph finds the same sets and lists "
            "them by first node"
        ),
    }
)
