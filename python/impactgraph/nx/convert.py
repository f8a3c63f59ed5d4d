"""Conversions between networkx graphs and impactgraph graphs, and networkx-typed results.

``from_networkx`` is what networkx's dispatcher calls (through
:meth:`BackendInterface.convert_from_nx`) and caches in ``G.__networkx_cache__``; the helpers
below turn impactgraph's arrays back into what networkx returns: dicts keyed by the original
nodes with Python ``float``/``int`` values, lists of sets of nodes, networkx graphs.
"""

from __future__ import annotations

import numbers
import random
from itertools import chain
from operator import methodcaller
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import numpy as np

from ..graph import Graph

__all__ = [
    "from_networkx",
    "to_networkx",
    "node_list",
    "node_dict",
    "node_sets",
    "node_ids",
    "source_graph",
    "adjacency_rows",
    "seed_int",
    "threads",
]


def from_networkx(
    G: Any,
    edge_attrs: Mapping[str, Any] | None = None,
    node_attrs: Mapping[str, Any] | None = None,
    preserve_edge_attrs: bool = False,
    preserve_node_attrs: bool = False,
    preserve_graph_attrs: bool = False,
) -> Graph:
    """An impactgraph :class:`Graph` of the networkx graph ``G``: same node order and labels,
    one weight per edge from the attribute named in ``edge_attrs`` (``{name: default}``; edges
    without it weigh ``default``; a graph whose weights are all 1 is built unweighted, which gives
    the same results faster). Parallel edges of a multigraph are merged, their weights summed
    (networkx's ``to_scipy_sparse_array``); without ``edge_attrs`` they become one edge.

    The networkx graph is kept on the result (:func:`source_graph`) so that adapters returning
    graphs (``k_core``, projections) can copy node, edge and graph attributes from it, as
    networkx does; nothing else is taken from it.

    Raises ``NotImplementedError`` (networkx then falls back or tries the next backend) when a
    weight is not a finite real number.
    """
    if isinstance(G, Graph):
        return G
    if not _standard_storage(G):
        raise NotImplementedError(
            f"{type(G).__name__} overrides networkx's adjacency views; impactgraph converts only graphs "
            "stored as networkx's Graph, DiGraph, MultiGraph and MultiDiGraph store them"
        )
    nodes = list(G._adj)
    n = len(nodes)
    attr = None
    default: Any = 1
    if edge_attrs:
        attr, default = next(iter(edge_attrs.items()))
        if default is None:
            default = 1
    plain = nodes == list(range(n)) and all(type(u) is int for u in nodes)
    index = None if plain else {u: i for i, u in enumerate(nodes)}
    if G.is_multigraph():
        src, dst, w = _edges_slow(G, index, attr, default)
    else:
        # one pass over networkx's adjacency dicts at C speed (chain/map/fromiter): every arc,
        # then keep each undirected edge once (u <= v by id)
        adj = G._adj
        indptr, dst = _rows(adj, index)
        total = dst.shape[0]
        src = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr).astype(np.int64))
        w = None if attr is None else np.full(total, _real(default, attr))
        # edges without any attribute (a plain graph) need no per-edge lookup
        if attr is not None and sum(map(len, chain.from_iterable(map(_values, adj.values())))) > 0:
            datas = chain.from_iterable(map(_values, adj.values()))
            try:
                w = np.fromiter(map(methodcaller("get", attr, default), datas), dtype=np.float64, count=total)
            except (TypeError, ValueError) as e:
                raise NotImplementedError(f"edge attribute {attr!r} is not a real number on every edge: {e}") from None
        if not G.is_directed():
            keep = src <= dst
            src, dst = src[keep], dst[keep]
            if w is not None:
                w = w[keep]
    if w is not None:
        if not np.isfinite(w).all():
            raise NotImplementedError(f"edge attribute {attr!r} is not finite on every edge (NaN or infinity)")
        if not G.is_multigraph() and (w == 1.0).all():
            w = None  # all weights 1 (or no edge has the attribute and the default is 1): unweighted
    H = Graph.from_edges(
        src,
        dst,
        w,
        directed=G.is_directed(),
        num_nodes=n,
        labels=None if plain else nodes,
        duplicates="sum",
    )
    H._nx_graph = G
    return H


_values = methodcaller("values")


def _rows(adj: Any, index: dict | None) -> tuple[np.ndarray, np.ndarray]:
    """(uint64 offsets, uint32 ids) of networkx's adjacency mapping, rows and entries in its own
    order (``index`` maps labels to ids; ``None`` when the labels are the ids)."""
    indptr = np.zeros(len(adj) + 1, dtype=np.uint64)
    np.cumsum(np.fromiter(map(len, adj.values()), dtype=np.uint64, count=len(adj)), out=indptr[1:])
    keys = chain.from_iterable(adj.values())
    ids = np.fromiter(keys if index is None else map(index.__getitem__, keys), dtype=np.uint32, count=int(indptr[-1]))
    return indptr, ids


def adjacency_rows(G: Graph) -> tuple[np.ndarray, np.ndarray]:
    """The out-rows of ``G`` as networkx orders them: when ``G`` was converted from a networkx
    graph, that graph's node order and adjacency insertion order; otherwise ``G``'s own CSR
    (rows sorted by id, the order of :meth:`Graph.to_networkx`'s graph)."""
    src = G._nx_graph
    if src is None or not _standard_storage(src):
        return G._core.indptr(False).astype(np.uint64, copy=False), G._core.indices(False)
    return _rows(src._adj, None if not G.has_labels else G._mapping())


def _standard_storage(G: Any) -> bool:
    """Whether ``G`` keeps its edges where networkx's own classes do (``G._adj`` read through the
    standard views): subclasses that compute neighbours on the fly (networkx's ``_AntiGraph``)
    do not, and are left to networkx."""
    import networkx as nx

    if not isinstance(G, nx.Graph) or not hasattr(G, "_adj"):
        return False
    base = next(c for c in (nx.MultiDiGraph, nx.MultiGraph, nx.DiGraph, nx.Graph) if isinstance(G, c))
    cls = type(G)
    return all(
        getattr(cls, a, None) is getattr(base, a, None)
        for a in ("adj", "edges", "__getitem__", "neighbors", "number_of_edges", "__iter__")
    )


def _real(x: Any, attr: str) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        raise NotImplementedError(f"the default of edge attribute {attr!r} is not a real number: {x!r}") from None


def _edges_slow(G: Any, index: dict | None, attr: str | None, default: Any) -> tuple:
    """Edge arrays through ``G.edges()`` (multigraphs: parallel edges are summed at build)."""
    if attr is None:
        pairs = list(G.edges())
        w = None
    else:
        triples = list(G.edges(data=attr, default=default))
        pairs = [(u, v) for u, v, _ in triples]
        try:
            w = np.fromiter((d for _, _, d in triples), dtype=np.float64, count=len(triples))
        except (TypeError, ValueError) as e:
            raise NotImplementedError(f"edge attribute {attr!r} is not a real number on every edge: {e}") from None
    m = len(pairs)
    flat = chain.from_iterable(pairs)
    arr = np.fromiter(flat if index is None else map(index.__getitem__, flat), dtype=np.int64, count=2 * m)
    return arr[0::2], arr[1::2], w


def to_networkx(obj: Any) -> Any:
    """An impactgraph Graph as the networkx graph it came from (or a new one); anything else
    unchanged."""
    if isinstance(obj, Graph):
        src = obj._nx_graph
        if src is not None:
            return src
        return obj.to_networkx()
    return obj


def source_graph(G: Graph) -> Any:
    """The networkx graph that ``G`` was converted from, or a new networkx graph of ``G``."""
    src = G._nx_graph
    return src if src is not None else G.to_networkx()


def node_list(G: Graph) -> list[Hashable]:
    """The nodes of ``G`` in id order (its labels, or ``0..n-1``), as Python objects."""
    labels = G.labels
    return labels.tolist() if isinstance(labels, np.ndarray) else labels


def node_dict(G: Graph, values: np.ndarray | Iterable[Any], kind: type = float) -> dict[Hashable, Any]:
    """``{node: value}`` with Python ``float`` (or ``int`` with ``kind=int``) values."""
    arr = np.asarray(values)
    if kind is int:
        arr = arr.astype(np.int64, copy=False)
    elif kind is float:
        arr = arr.astype(np.float64, copy=False)
    return dict(zip(node_list(G), arr.tolist()))


def node_sets(G: Graph, membership: np.ndarray) -> list[set[Hashable]]:
    """The communities of a membership vector as a list of sets of nodes, ordered by their
    first node in id order."""
    memb = np.asarray(membership, dtype=np.int64)
    if memb.size == 0:
        return []
    order = np.argsort(memb, kind="stable")
    sorted_m = memb[order]
    cuts = np.flatnonzero(np.diff(sorted_m)) + 1
    groups = np.split(order, cuts)
    groups.sort(key=lambda g: int(g[0]))
    keys = node_list(G)
    return [{keys[i] for i in g.tolist()} for g in groups]


def node_ids(G: Graph, nodes: Iterable[Hashable]) -> np.ndarray:
    """Ids of the given nodes (networkx ``NodeNotFound`` semantics are left to the caller)."""
    return G.node_ids(nodes)


def seed_int(seed: Any) -> int:
    """A 64-bit integer seed from what networkx hands a backend: an int, ``None``, a
    ``random.Random`` (``@py_random_state`` has already turned an int into one) or a numpy
    ``RandomState``/``Generator``. The same networkx seed gives the same integer, so the same
    result."""
    if seed is None:
        return random.getrandbits(64)
    if isinstance(seed, bool):
        raise TypeError("seed must be an int, None or a random generator")
    if isinstance(seed, numbers.Integral):
        return int(seed) & (2**64 - 1)
    if isinstance(seed, random.Random):
        return seed.getrandbits(64)
    if isinstance(seed, np.random.RandomState):
        return int(seed.randint(0, 2**63 - 1, dtype=np.int64))
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(0, 2**63 - 1))
    if seed is random or seed is np.random:
        return random.getrandbits(64) if seed is random else int(np.random.randint(0, 2**63 - 1, dtype=np.int64))
    inner = getattr(seed, "_rng", None)  # networkx's PythonRandomInterface around a numpy RandomState
    if isinstance(inner, (np.random.RandomState, np.random.Generator)):
        return seed_int(inner)
    raise TypeError(f"seed must be an int, None or a random generator, got {type(seed).__name__}")


def threads() -> int | None:
    """The thread count from ``nx.config.backends.impactgraph.threads`` (``None``: all)."""
    try:
        import networkx as nx

        t = nx.config.backends.impactgraph.threads
    except Exception:
        return None
    return None if t is None else int(t)
