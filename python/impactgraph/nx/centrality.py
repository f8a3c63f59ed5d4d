"""networkx adapters: centrality (networkx's signatures and result types over
impactgraph.centrality): link analysis and spectral measures, cores, clustering, shortest-path
centralities and structural holes."""

from __future__ import annotations

from typing import Any  # noqa: F401

import networkx as nx  # noqa: F401

from .. import centrality as _c  # noqa: F401
from ._registry import networkx_algorithm  # noqa: F401
from .convert import node_dict, node_list, source_graph, threads  # noqa: F401

# ---- section: spectral, cores, clustering ----
# ---- end section: spectral, cores, clustering ----


# ---- section: paths, structural holes ----
# Shortest-path centralities (betweenness, closeness, harmonic) and Burt's structural holes
# (constraint, effective size), with networkx's checks, sampling and result types.

import numpy as np  # noqa: E402

from ..errors import InvalidGraphError as _InvalidGraphError  # noqa: E402
from ..graph import Graph as _Graph  # noqa: E402


def _paths_rng(seed: Any) -> Any:
    """networkx's ``random.Random`` (``@py_random_state`` has already made one when networkx
    dispatches); an int or ``None`` from a direct call becomes one the same way."""
    if hasattr(seed, "sample"):
        return seed
    return nx.utils.create_py_random_state(seed)


def _paths_sources(G: Any, k: Any, seed: Any, n_pairs: int) -> list | None:
    """The sources networkx draws for ``k``: ``seed.sample(list(G), k)`` with its own
    ``random.Random`` (so the sample, and the result, equal networkx's); its ``ValueError``
    for ``k`` out of range and ``ZeroDivisionError`` for ``k == 0`` where it rescales."""
    if k is None:
        return None
    sample = _paths_rng(seed).sample(node_list(G), k)
    if not sample and n_pairs >= 2:
        raise ZeroDivisionError("float division by zero")  # networkx's _rescale with k = 0
    return sample


def _negative_weights(G: Any, what: str) -> NotImplementedError:
    """networkx's Dijkstra does not check for negative weights here: its result depends on
    its adjacency order, which impactgraph does not reproduce (networkx runs instead)."""
    return NotImplementedError(f"negative edge weights: networkx's {what} is order-dependent there")


def _multi_min(G: Any, weight: Any) -> Any:
    """For a weighted multigraph (``weight``: the attribute naming the edge length), the graph
    networkx's shortest paths see: one edge per node pair weighing the least of its parallel
    edges (networkx's multigraph weight function), not the sum the conversion keeps.
    Unweighted, parallel edges are one arc already."""
    nxg = getattr(G, "_nx_graph", None)
    if weight is None or nxg is None or not nxg.is_multigraph():
        return G
    best: dict = {}
    for u, v, w in nxg.edges(data=weight, default=1):
        key = (u, v)
        if key not in best or w < best[key]:
            best[key] = w
    labels = node_list(G)
    index = {x: i for i, x in enumerate(labels)}
    src = np.fromiter((index[u] for u, _ in best), dtype=np.int64, count=len(best))
    dst = np.fromiter((index[v] for _, v in best), dtype=np.int64, count=len(best))
    wts = np.fromiter(best.values(), dtype=np.float64, count=len(best))
    H = _Graph.from_edges(src, dst, wts, directed=G.directed, num_nodes=len(labels), labels=labels)
    H._nx_graph = nxg
    return H


@networkx_algorithm(multigraph=True)
def betweenness_centrality(G: Any, k: Any = None, normalized: Any = True, weight: Any = None, endpoints: Any = False, seed: Any = None) -> dict:
    n = len(G)
    if k == n:
        k = None  # networkx: the full population is exact
    sources = _paths_sources(G, k, seed, n if endpoints else n - 1)
    try:
        vals = _c.betweenness_centrality(
            _multi_min(G, weight),
            normalized=bool(normalized),
            weight=weight,
            endpoints=bool(endpoints),
            sources=sources,
            threads=threads(),
        )
    except _InvalidGraphError:
        raise _negative_weights(G, "betweenness") from None
    return node_dict(G, vals)


def _positive_weights(G: Any, weight: Any, what: str) -> bool | str:
    """Decline zero or negative weights of a networkx graph: networkx's Dijkstra there counts
    a zero-weight edge back to a settled node as a shortest path (and does not check for
    negative weights), so its result depends on its adjacency order."""
    if weight is None or isinstance(G, _Graph):
        return True
    if any(d.get(weight, 1) <= 0 for _, _, d in G.edges(data=True)):
        return (
            f"zero or negative weights: networkx's {what} then depends on its adjacency order "
            "(zero-weight edges double-count paths), which impactgraph does not reproduce"
        )
    return True


@betweenness_centrality._can_run
def _(G: Any, k: Any = None, normalized: Any = True, weight: Any = None, endpoints: Any = False, seed: Any = None) -> bool | str:
    return _positive_weights(G, weight, "betweenness")


def _edge_keys(G: Any, src: Any, dst: Any, vals: Any, weight: Any) -> dict:
    """``{(u, v): value}`` keyed by the original nodes, in networkx's ``G.edges()`` order and
    orientation when the networkx graph is at hand (the CSR order otherwise: each undirected
    edge once, its earlier node first, as networkx orients it); ``(u, v, key)`` for
    multigraphs, as networkx."""
    labels = node_list(G)
    out = {(labels[u], labels[v]): x for u, v, x in zip(src.tolist(), dst.tolist(), vals.tolist())}
    nxg = getattr(G, "_nx_graph", None)
    if nxg is None:
        return out
    if nxg.is_multigraph():
        return _edge_keys_multi(nxg, out, weight)
    return {e: out[e] for e in nxg.edges()}


def _edge_keys_multi(nxg: Any, out: dict, weight: Any) -> dict:
    """networkx's ``_add_edge_keys``: a node pair's value is shared equally by its parallel
    edges of least weight; the others get 0."""
    res = dict.fromkeys(nxg.edges, 0.0)
    for (u, v), x in out.items():
        d = nxg[u][v]
        ws = {key: (1 if weight is None else attr.get(weight, 1)) for key, attr in d.items()}
        wt = min(ws.values())
        keys = [key for key, w in ws.items() if w == wt]
        for key in keys:
            res[(u, v, key)] = x / len(keys)
    return res


@networkx_algorithm(multigraph=True)
def edge_betweenness_centrality(G: Any, k: Any = None, normalized: Any = True, weight: Any = None, seed: Any = None) -> dict:
    sources = _paths_sources(G, k, seed, len(G))
    try:
        src, dst, vals = _c.edge_betweenness_centrality(
            _multi_min(G, weight), normalized=bool(normalized), weight=weight, sources=sources, threads=threads()
        )
    except _InvalidGraphError:
        raise _negative_weights(G, "betweenness") from None
    return _edge_keys(G, src, dst, vals, weight)


@edge_betweenness_centrality._can_run
def _(G: Any, k: Any = None, normalized: Any = True, weight: Any = None, seed: Any = None) -> bool | str:
    return _positive_weights(G, weight, "edge betweenness")


@networkx_algorithm(multigraph=True)
def betweenness_centrality_subset(G: Any, sources: Any, targets: Any, normalized: Any = False, weight: Any = None) -> dict:
    labels = node_list(G)
    index = {v: i for i, v in enumerate(labels)}
    src = []
    for s in sources:  # networkx loops over the sources: a repeated one counts twice
        if s not in index:
            raise KeyError(s)  # networkx: G[s] in its BFS / Dijkstra
        src.append(index[s])
    tgt = [index[t] for t in set(targets) if t in index]
    try:
        vals = _c.betweenness_centrality_subset(
            _multi_min(G, weight),
            [labels[i] for i in src],
            [labels[i] for i in tgt],
            normalized=bool(normalized),
            weight=weight,
            threads=threads(),
        )
    except _InvalidGraphError:
        raise _negative_weights(G, "betweenness") from None
    return node_dict(G, vals)


@betweenness_centrality_subset._can_run
def _(G: Any, sources: Any, targets: Any, normalized: Any = False, weight: Any = None) -> bool | str:
    return _positive_weights(G, weight, "subset betweenness")


def _contradictory(G: Any, all_sources: bool) -> Exception:
    """A negative length: networkx's Dijkstra raises ``ValueError`` when it meets one, which in
    an undirected graph is certain once every node is a source; elsewhere its result depends
    on its visit order (networkx runs instead)."""
    if all_sources and not G.is_directed():
        return ValueError("Contradictory paths found: negative weights?")
    return NotImplementedError("negative edge lengths: networkx's result is order-dependent there")


@networkx_algorithm(multigraph=True)
def closeness_centrality(G: Any, u: Any = None, distance: Any = None, wf_improved: Any = True) -> Any:
    H = _multi_min(G, distance)
    if u is not None:
        try:
            ids = G.node_ids([u])
        except (KeyError, TypeError):
            if distance is None:
                raise nx.NodeNotFound(f"Source {u} is not in G") from None
            raise nx.NodeNotFound(f"Node {u} not found in graph") from None
        try:
            vals = _c.closeness_centrality(H, distance=distance, wf_improved=bool(wf_improved), nbunch=[u], threads=threads())
        except _InvalidGraphError:
            raise _contradictory(G, False) from None
        return float(vals[int(ids[0])])
    try:
        vals = _c.closeness_centrality(H, distance=distance, wf_improved=bool(wf_improved), threads=threads())
    except _InvalidGraphError:
        raise _contradictory(G, True) from None
    return node_dict(G, vals)


def _nbunch_set(G: Any, nbunch: Any) -> set:
    """``set(G.nbunch_iter(nbunch))`` with networkx's semantics (a node, or an iterable whose
    nodes not in ``G`` are skipped; ``NetworkXError`` otherwise), built in networkx's order so
    that the set iterates as networkx's does."""
    nxg = getattr(G, "_nx_graph", None)
    if nxg is not None:
        return set(nxg.nbunch_iter(nbunch))
    labels = node_list(G)
    index = dict.fromkeys(labels)
    try:
        if nbunch in index:
            return {nbunch}
    except TypeError:
        pass
    try:
        it = iter(nbunch)
    except TypeError:
        raise nx.NetworkXError("nbunch is not a node or a sequence of nodes.") from None
    out = set()
    for v in it:
        try:
            if v in index:
                out.add(v)
        except TypeError:
            raise nx.NetworkXError(f"Node {v} in sequence nbunch is not a valid node.") from None
    return out


@networkx_algorithm(multigraph=True)
def harmonic_centrality(G: Any, nbunch: Any = None, distance: Any = None, sources: Any = None) -> dict:
    n = len(G)
    nb = _nbunch_set(G, nbunch) if nbunch is not None else set(node_list(G))
    src = _nbunch_set(G, sources) if sources is not None else set(node_list(G))
    if not nb:
        return {}
    try:
        vals = _c.harmonic_centrality(
            _multi_min(G, distance),
            distance=distance,
            nbunch=None if len(nb) == n else list(nb),
            sources=None if len(src) == n else list(src),
            threads=threads(),
        )
    except _InvalidGraphError:
        raise _contradictory(G, len(nb) == n and len(src) == n) from None
    ids = G.node_ids(list(nb)).tolist()
    # networkx starts every node at the int 0 and adds 1 / d: a node nothing reaches stays 0.
    return {v: (x if x != 0.0 else 0) for v, x in zip(nb, vals[ids].tolist())}


def _holes_rows(G: Any, ids: list) -> list[tuple[bool, bool, bool]]:
    """For networkx's per-node path (``nodes=...``), per id: no successor (``len(G[v]) == 0``),
    no successor but itself (``all(u == v for u in G[v])``), no neighbour (in or out) but
    itself."""
    core = G._core
    n = len(G)

    def degrees(incoming: bool) -> tuple[np.ndarray, np.ndarray]:
        ptr, idx = core.indptr(incoming), core.indices(incoming)
        deg = np.diff(ptr).astype(np.int64)
        src = np.repeat(np.arange(n, dtype=np.int64), deg)
        return deg, np.bincount(src[idx == src], minlength=n)

    out_deg, out_loops = degrees(False)
    in_deg, in_loops = degrees(True) if G.directed else (out_deg, out_loops)
    sel = np.asarray(ids, dtype=np.int64)
    empty = out_deg[sel] == 0
    out_self = out_deg[sel] == out_loops[sel]
    only_self = out_self & (in_deg[sel] == in_loops[sel]) & (out_deg[sel] + in_deg[sel] > 0)
    return list(zip(empty.tolist(), out_self.tolist(), only_self.tolist()))


def _holes_nodes(G: Any, nodes: Any) -> tuple[list, list]:
    """networkx iterates ``nodes`` and indexes ``G[v]``: a node not in ``G`` is a ``KeyError``."""
    nodes = list(nodes)
    try:
        ids = G.node_ids(nodes).tolist()
    except (KeyError, TypeError):
        labels = dict.fromkeys(node_list(G))
        bad = next(v for v in nodes if v not in labels)
        raise KeyError(bad) from None
    return nodes, ids


def _self_loop_weight(G: Any, v: int, weight: Any) -> float:
    core = G._core
    ptr, idx, w = core.indptr(False), core.indices(False), core.weights(False)
    lo, hi = int(ptr[v]), int(ptr[v + 1])
    if weight is None or w is None:
        return 1.0
    return float(w[lo:hi][idx[lo:hi] == v].sum())


@networkx_algorithm
def constraint(G: Any, nodes: Any = None, weight: Any = None) -> dict:
    if len(G) == 0 and nodes is None:
        raise nx.NetworkXError("Graph has no nodes or edges")  # networkx's adjacency_matrix
    try:
        vals = _c.constraint(G, weight=weight, threads=threads()) if len(G) else np.zeros(0)
    except _InvalidGraphError as e:
        raise NotImplementedError(f"constraint: {e}") from None
    if nodes is None:
        return node_dict(G, vals)
    # networkx's per-node path: NaN without successors; a node whose only neighbour is itself
    # gets (p_vv + p_vv p_vv)^2 = 4 (0 for a zero-weight loop) instead of the default path's NaN.
    nodes, ids = _holes_nodes(G, nodes)
    out = {}
    for v, i, (empty, _, loop) in zip(nodes, ids, _holes_rows(G, ids)):
        if empty:
            out[v] = float("nan")
        elif loop:
            out[v] = 4.0 if _self_loop_weight(G, i, weight) != 0 else 0.0
        else:
            out[v] = float(vals[i])
    return out


@networkx_algorithm
def effective_size(G: Any, nodes: Any = None, weight: Any = None) -> dict:
    if len(G) == 0 and nodes is None:
        raise nx.NetworkXError("Graph has no nodes or edges")  # networkx's adjacency_matrix
    try:
        vals = _c.effective_size(G, weight=weight, threads=threads()) if len(G) else np.zeros(0)
    except _InvalidGraphError as e:
        raise NotImplementedError(f"effective_size: {e}") from None
    if nodes is None:
        return node_dict(G, vals)
    # networkx's per-node path tests the successors only (networkx issue #2661): NaN for a
    # node with no successor but itself, even a directed node with in-arcs.
    nodes, ids = _holes_nodes(G, nodes)
    if not G.directed and weight is None:
        return _borgatti(G, nodes, ids)
    out = {}
    for v, i, (_, out_self, _) in zip(nodes, ids, _holes_rows(G, ids)):
        out[v] = float("nan") if out_self else float(vals[i])
    return out


def _borgatti(G: Any, nodes: list, ids: list) -> dict:
    """networkx's per-node path for undirected graphs with ``weight=None``: Borgatti's
    ``n - 2t/n`` over the ego network without ego (``n`` neighbours, ``t`` ties among them,
    self-loops of neighbours included), from impactgraph's triangle counts."""
    core = G._core
    ptr, idx = core.indptr(False), core.indices(False)
    tri = _c.triangles(G, threads=threads())
    src = np.repeat(np.arange(len(G)), np.diff(ptr).astype(np.int64))
    loop = np.zeros(len(G), dtype=bool)
    loop[src[idx == src]] = True
    out = {}
    for v, i in zip(nodes, ids):
        row = np.unique(idx[ptr[i] : ptr[i + 1]])
        row = row[row != i]
        k = row.size
        if k == 0:
            out[v] = float("nan")
            continue
        t = int(tri[i]) + int(loop[row].sum())
        out[v] = k - (2 * t) / k
    return out


def _mutual_weights_uniform(G: Any, weight: Any) -> bool:
    """Whether every non-zero mutual weight ``a_uv + a_vu`` of the networkx graph is the same
    number: then every row maximum is too, and networkx's default effective-size path (which
    divides by the wrong axis's maxima) gives the right values."""
    mutual: dict = {}
    for u, v, d in G.edges(data=True):
        w = 1 if weight is None else d.get(weight, 1)
        key = frozenset((u, v))
        mutual[key] = mutual.get(key, 0) + (2 * w if u == v or not G.is_directed() else w)
    return len({x for x in mutual.values() if x != 0}) <= 1


def _holes_weights_ok(G: Any, weight: Any) -> bool | str:
    if weight is None or isinstance(G, _Graph):
        return True
    if any(d.get(weight, 1) <= 0 for _, _, d in G.edges(data=True)):
        return (
            "zero or negative weights: networkx's default and nodes= paths disagree there (a "
            "zero-weight neighbour counts in the nodes= path only), so networkx runs"
        )
    return True


@constraint._can_run
def _(G: Any, nodes: Any = None, weight: Any = None) -> bool | str:
    return _holes_weights_ok(G, weight)


@effective_size._can_run
def _(G: Any, nodes: Any = None, weight: Any = None) -> bool | str:
    ok = _holes_weights_ok(G, weight)
    if ok is not True or nodes is not None or isinstance(G, _Graph):
        return ok
    if (G.is_directed() or weight is not None) and not _mutual_weights_uniform(G, weight):
        return (
            "networkx 3.6's default path (nodes=None) divides by the wrong axis's maxima when "
            "mutual weights differ (directed or weighted graphs; networkx PR #8906) and then "
            "disagrees with its own nodes= path; impactgraph computes Burt's definition (= the "
            "nodes= path), so networkx runs"
        )
    return True


# ---- end section: paths, structural holes ----
