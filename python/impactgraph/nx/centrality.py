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
# networkx's checks are reproduced before impactgraph runs, so that the same bad input raises the
# same networkx exception; data-dependent cases impactgraph does not cover (negative weights in
# pagerank, a HITS power iteration slower than ARPACK) raise NotImplementedError, which makes
# networkx run its own implementation instead.

import math as _sp_math  # noqa: E402
import numbers as _sp_numbers  # noqa: E402

import numpy as _sp_np  # noqa: E402

from ..errors import InvalidGraphError as _SpInvalidGraph  # noqa: E402
from ..errors import NotConvergedError as _SpNotConverged  # noqa: E402


def _sp_lookup(G: Any) -> Any:
    """``key -> id`` (``None`` when ``key`` is not a node), with networkx's ``key in G``
    semantics (dict lookup: ``1.0`` and ``True`` find node ``1``; unhashable keys are not
    nodes)."""
    if G.has_labels:
        mp = G._mapping()

        def look(k: Any) -> int | None:
            try:
                return mp.get(k)
            except TypeError:
                return None

    else:
        rng = range(len(G))

        def look(k: Any) -> int | None:
            try:
                hash(k)
                return int(k) if k in rng else None
            except (TypeError, ValueError):
                return None

    return look


def _sp_vector(G: Any, values: Any) -> Any:
    """A float64 array by node id from a ``{node: value}`` mapping, as networkx's
    ``[d.get(n, 0) for n in G]``: keys that are not nodes are ignored, missing nodes are 0."""
    out = _sp_np.zeros(len(G), dtype=_sp_np.float64)
    look = _sp_lookup(G)
    for k, v in values.items():
        i = look(k)
        if i is not None:
            out[i] = float(v)
    return out


def _sp_real_values(name: str, values: Any) -> bool | str:
    """``True`` when every value of the mapping is a finite non-negative real, else the reason
    (impactgraph's power iterations take probability-like vectors)."""
    if values is None:
        return True
    if not hasattr(values, "items"):
        return f"{name} is not a mapping"
    for v in values.values():
        if isinstance(v, bool) or not isinstance(v, _sp_numbers.Real) or not _sp_math.isfinite(v) or v < 0:
            return f"{name} has a value that is not a finite non-negative number ({v!r})"
    return True


def _sp_is_node_dict(G: Any, values: Any) -> bool:
    """Whether the mapping names exactly the nodes of ``G`` (a networkx graph or ours)."""
    if not hasattr(values, "keys") or len(values) != len(G):
        return False
    if hasattr(G, "_node"):
        try:
            return all(k in G._node for k in values)
        except TypeError:
            return False
    look = _sp_lookup(G)
    seen = {look(k) for k in values}
    return None not in seen and len(seen) == len(G)


def _sp_ordered(G: Any, arr: Any, keys: Any = None) -> dict:
    """``{node: float}``; in the order of ``keys`` (a mapping naming every node, e.g. networkx's
    ``nstart``, whose order networkx's result follows) when given."""
    out = node_dict(G, arr)
    if keys is None:
        return out
    return {k: out[k] for k in keys}


def _sp_nbunch(G: Any, nodes: Any) -> tuple[bool, list, list]:
    """networkx's ``nodes in G`` / ``G.nbunch_iter(nodes)``: ``(single, keys, ids)`` with the
    same ``NetworkXError`` messages; nodes not in ``G`` are skipped."""
    look = _sp_lookup(G)
    labels = node_list(G)
    i = look(nodes)
    if i is not None:
        return True, [labels[i]], [i]
    try:
        it = iter(nodes)
    except TypeError:
        raise nx.NetworkXError(f"Node {nodes} is not in the graph.") from None
    keys: list = []
    ids: list = []
    for x in it:
        try:
            hash(x)
        except TypeError:
            raise nx.NetworkXError(f"Node {x} in sequence nbunch is not a valid node.") from None
        j = look(x)
        if j is not None:
            keys.append(labels[j])
            ids.append(j)
    return False, keys, ids


def _sp_multiplicity(G: Any) -> Any:
    """For a networkx multigraph converted without weights, the graph whose weights count the
    parallel edges (networkx's adjacency matrices sum them, each weighing 1); else ``G``."""
    src = G._nx_graph
    if src is None or not src.is_multigraph() or G.weighted:
        return G
    from ..graph import Graph as _Graph

    look = _sp_lookup(G)
    ends = _sp_np.fromiter((look(x) for e in src.edges() for x in e), dtype=_sp_np.int64)
    return _Graph.from_edges(
        ends[0::2],
        ends[1::2],
        _sp_np.ones(ends.shape[0] // 2),
        directed=G.directed,
        num_nodes=len(G),
        labels=node_list(G) if G.has_labels else None,
        duplicates="sum",
    )


def _sp_not_converged(max_iter: Any) -> Exception:
    return nx.PowerIterationFailedConvergence(max_iter)


@networkx_algorithm(multigraph=True)
def pagerank(
    G: Any,
    alpha: float = 0.85,
    personalization: Any = None,
    max_iter: int = 100,
    tol: float = 1.0e-6,
    nstart: Any = None,
    weight: Any = "weight",
    dangling: Any = None,
) -> dict:
    n = len(G)
    if n == 0:
        return {}
    p = None if personalization is None else _sp_vector(G, personalization)
    if p is not None and p.sum() == 0:
        raise ZeroDivisionError
    x0 = None if nstart is None else _sp_vector(G, nstart)
    d = None if dangling is None else _sp_vector(G, dangling)
    # networkx divides by these sums: a zero sum gives NaN scores that never converge
    if max_iter <= 0 or not tol > 0 or (x0 is not None and x0.sum() == 0) or (d is not None and d.sum() == 0):
        raise _sp_not_converged(max_iter)
    H = _sp_multiplicity(G)
    if H is not G:
        G, weight = H, "weight"
    try:
        pr = _c.pagerank(
            G,
            alpha=alpha,
            personalization=p,
            max_iter=max_iter,
            tol=tol,
            nstart=x0,
            weight=weight,
            dangling=d,
            threads=threads(),
        )
    except _SpNotConverged:
        raise _sp_not_converged(max_iter) from None
    except _SpInvalidGraph as e:  # negative weights: networkx's row normalisation runs anyway
        raise NotImplementedError(f"impactgraph's pagerank: {e}") from None
    return node_dict(G, pr)


@pagerank._can_run
def _(
    G: Any,
    alpha: float = 0.85,
    personalization: Any = None,
    max_iter: int = 100,
    tol: float = 1.0e-6,
    nstart: Any = None,
    weight: Any = "weight",
    dangling: Any = None,
) -> bool | str:
    if not isinstance(alpha, _sp_numbers.Real) or isinstance(alpha, bool) or not 0 <= alpha <= 1:
        return f"alpha={alpha!r} is not in [0, 1] (impactgraph's pagerank is a probability iteration)"
    for name, vals in (("personalization", personalization), ("nstart", nstart), ("dangling", dangling)):
        ok = _sp_real_values(name, vals)
        if ok is not True:
            return ok
    return True


@networkx_algorithm(multigraph=True)
def hits(G: Any, max_iter: int = 100, tol: float = 1.0e-8, nstart: Any = None, normalized: bool = True) -> tuple:
    n = len(G)
    if n == 0:
        return {}, {}
    if max_iter <= 0:
        raise _sp_not_converged(max_iter)
    x0 = None if nstart is None else _sp_vector(G, nstart)
    # networkx's max_iter counts ARPACK restarts of min(n, 20) Lanczos steps, each one product
    # with A and one with A^T; the power iteration gets the same number of products.
    budget = max_iter * min(n, 20)
    G = _sp_multiplicity(G)
    try:
        # tol=0 is ARPACK's machine precision
        h, a = _c.hits(G, max_iter=budget, tol=tol or 1e-15, nstart=x0, normalized=normalized, threads=threads())
    except _SpNotConverged:
        raise NotImplementedError(
            f"impactgraph's HITS power iteration did not converge in {budget} sweeps; ARPACK (networkx) may"
        ) from None
    except _SpInvalidGraph as e:  # no arc of positive weight: networkx returns NaN scores
        raise NotImplementedError(f"impactgraph's hits: {e}") from None
    return node_dict(G, h), node_dict(G, a)


@hits._can_run
def _(G: Any, max_iter: int = 100, tol: float = 1.0e-8, nstart: Any = None, normalized: bool = True) -> bool | str:
    if not isinstance(tol, _sp_numbers.Real) or isinstance(tol, bool) or not tol >= 0:
        return f"tol={tol!r} is negative or not a number"
    if nstart is not None:
        ok = _sp_real_values("nstart", nstart)
        if ok is not True:
            return ok
        if not _sp_is_node_dict(G, nstart) or not sum(nstart.values()) > 0:
            return "nstart does not give a positive start value to exactly the graph's nodes"
    return True


@networkx_algorithm
def eigenvector_centrality(G: Any, max_iter: int = 100, tol: float = 1.0e-6, nstart: Any = None, weight: Any = None) -> dict:
    if len(G) == 0:
        raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
    x0 = None
    if nstart is not None:
        if all(v == 0 for v in nstart.values()):
            raise nx.NetworkXError("initial vector cannot have all zero values")
        if sum(nstart.values()) == 0:
            raise ZeroDivisionError("division by zero")
        x0 = _sp_vector(G, nstart)
    if max_iter <= 0 or not tol > 0:
        raise _sp_not_converged(max_iter)
    try:
        x = _c.eigenvector_centrality(G, max_iter=max_iter, tol=tol, nstart=x0, weight=weight or None, threads=threads())
    except _SpNotConverged:
        raise _sp_not_converged(max_iter) from None
    return _sp_ordered(G, x, nstart)


@eigenvector_centrality._can_run
def _(G: Any, max_iter: int = 100, tol: float = 1.0e-6, nstart: Any = None, weight: Any = None) -> bool | str:
    if nstart is not None and not _sp_is_node_dict(G, nstart):
        return "nstart does not name exactly the graph's nodes (networkx then iterates over nstart's keys)"
    if nstart is not None:
        for v in nstart.values():
            if isinstance(v, bool) or not isinstance(v, _sp_numbers.Real) or not _sp_math.isfinite(v):
                return f"nstart has a value that is not a finite number ({v!r})"
    return True


@networkx_algorithm
def katz_centrality(
    G: Any,
    alpha: float = 0.1,
    beta: Any = 1.0,
    max_iter: int = 1000,
    tol: float = 1.0e-6,
    nstart: Any = None,
    normalized: bool = True,
    weight: Any = None,
) -> dict:
    if len(G) == 0:
        return {}
    try:
        b: Any = float(beta)
    except (TypeError, ValueError, AttributeError) as err:
        if set(beta) != set(node_list(G)):
            raise nx.NetworkXError("beta dictionary must have a value for every node") from err
        if not hasattr(beta, "items"):
            raise NotImplementedError("beta is neither a number nor a mapping") from None
        b = _sp_vector(G, beta)
    x0 = None if nstart is None else _sp_vector(G, nstart)
    if max_iter <= 0 or not tol > 0:
        raise _sp_not_converged(max_iter)
    try:
        x = _c.katz_centrality(
            G,
            alpha=alpha,
            beta=b,
            max_iter=max_iter,
            tol=tol,
            nstart=x0,
            normalized=bool(normalized),
            weight=weight,
            threads=threads(),
        )
    except _SpNotConverged:
        raise _sp_not_converged(max_iter) from None
    return _sp_ordered(G, x, nstart)


@katz_centrality._can_run
def _(
    G: Any,
    alpha: float = 0.1,
    beta: Any = 1.0,
    max_iter: int = 1000,
    tol: float = 1.0e-6,
    nstart: Any = None,
    normalized: bool = True,
    weight: Any = None,
) -> bool | str:
    if nstart is not None and not _sp_is_node_dict(G, nstart):
        return "nstart does not name exactly the graph's nodes (networkx then iterates over nstart's keys)"
    if not isinstance(alpha, _sp_numbers.Real) or isinstance(alpha, bool) or not _sp_math.isfinite(alpha):
        return f"alpha={alpha!r} is not a finite number"
    for name, vals in (("nstart", nstart), ("beta", beta if hasattr(beta, "values") else None)):
        for v in () if vals is None else vals.values():
            if isinstance(v, bool) or not isinstance(v, _sp_numbers.Real) or not _sp_math.isfinite(v):
                return f"{name} has a value that is not a finite number ({v!r})"
    return True


def _sp_negative_weights(G: Any, weight: Any) -> bool:
    if weight is None or not G.weighted:
        return False
    w = G.edges()[2]
    return w is not None and bool((w < 0).any())


@networkx_algorithm(multigraph=True)
def eigenvector_centrality_numpy(G: Any, weight: Any = None, max_iter: int = 50, tol: float = 0) -> dict:
    from .. import structure as _st

    if len(G) == 0:
        raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
    H = _sp_multiplicity(G)  # networkx's adjacency matrix sums parallel edges
    if H is not G:
        G, weight = H, "weight"
    connected = _st.is_strongly_connected(G) if G.directed else _st.is_connected(G)
    if not connected:
        raise nx.AmbiguousSolution(
            "`eigenvector_centrality_numpy` does not give consistent results for disconnected graphs"
        )
    if _sp_negative_weights(G, weight):  # ARPACK's largest real part is not the power iteration's limit
        raise NotImplementedError("impactgraph's eigenvector centrality needs non-negative weights")
    # networkx asks ARPACK for the Perron vector (tol=0: machine precision; max_iter restarts of
    # min(n, 20) Arnoldi steps): the power iteration on A + I converges to the same vector
    # (strongly connected), with the same budget of matrix-vector products
    budget = max(int(max_iter), 1) * min(len(G), 20)
    try:
        x = _c.eigenvector_centrality(G, max_iter=budget, tol=max(float(tol), 1e-15), weight=weight, threads=threads())
    except _SpNotConverged:
        raise NotImplementedError(
            f"impactgraph's power iteration did not reach the Perron vector in {budget} sweeps; ARPACK (networkx) may"
        ) from None
    return node_dict(G, x)


@networkx_algorithm
def katz_centrality_numpy(G: Any, alpha: float = 0.1, beta: Any = 1.0, normalized: bool = True, weight: Any = None) -> dict:
    if len(G) == 0:
        return {}
    keys = None
    if hasattr(beta, "keys"):
        if set(beta.keys()) != set(node_list(G)):
            raise nx.NetworkXError("beta dictionary must have a value for every node")
        keys = list(beta.keys())
        b: Any = _sp_vector(G, beta)
        scale = float(_sp_np.abs(b).max())
    else:
        try:
            b = float((_sp_np.ones(1) * beta)[0])
        except (TypeError, ValueError, AttributeError) as err:
            raise nx.NetworkXError("beta must be a number") from err
        scale = abs(b)
    # networkx solves (I - alpha A^T) x = beta; its solution is the limit of katz_centrality's
    # iteration when alpha < 1 / lambda_max, reached here to ~1e-13 relative
    if scale == 0:
        x = _sp_np.zeros(len(G))
    else:
        try:
            x = _c.katz_centrality(
                G,
                alpha=alpha,
                beta=b,
                max_iter=10_000,
                tol=1e-14 * scale,
                normalized=False,
                weight=weight,
                threads=threads(),
            )
        except _SpNotConverged:
            raise NotImplementedError(
                "the Katz iteration does not converge (alpha >= 1 / lambda_max?): networkx's linear solve runs"
            ) from None
    if normalized:
        with _sp_np.errstate(divide="ignore", invalid="ignore"):
            x = x / (_sp_np.sign(x.sum()) * _sp_np.linalg.norm(x))
    return _sp_ordered(G, x, keys)


@katz_centrality_numpy._can_run
def _(G: Any, alpha: float = 0.1, beta: Any = 1.0, normalized: bool = True, weight: Any = None) -> bool | str:
    if not isinstance(alpha, _sp_numbers.Real) or isinstance(alpha, bool) or not _sp_math.isfinite(alpha):
        return f"alpha={alpha!r} is not a finite number"
    if hasattr(beta, "values"):
        for v in beta.values():
            if isinstance(v, bool) or not isinstance(v, _sp_numbers.Real) or not _sp_math.isfinite(v):
                return f"beta has a value that is not a finite number ({v!r})"
    elif isinstance(beta, _sp_numbers.Real) and not _sp_math.isfinite(beta):
        return f"beta={beta!r} is not finite"
    elif not isinstance(beta, (_sp_numbers.Real, str)) and _sp_np.ndim(beta) != 0:
        return "beta is an array: networkx broadcasts it against a column of ones"
    return True


_SP_SELF_LOOPS = (
    "Input graph has self loops which is not permitted; "
    "Consider using G.remove_edges_from(nx.selfloop_edges(G))."
)


def _sp_core_numbers(G: Any) -> Any:
    """Core numbers by node id (int64), networkx's self-loop error."""
    if G.num_self_loops > 0:
        raise nx.NetworkXNotImplemented(_SP_SELF_LOOPS)
    return _c.core_number(G, threads=threads())


@networkx_algorithm
def core_number(G: Any) -> dict:
    return node_dict(G, _sp_core_numbers(G), kind=int)


def _sp_core_subgraph(G: Any, keep: Any, k: Any, core: Any, default_k: int) -> Any:
    """networkx's ``G.subgraph(nodes).copy()`` of the source networkx graph, the nodes chosen by
    ``keep(values, k)`` on the core numbers (native, by id) or by ``keep(v, k, core)`` on a
    given ``core_number`` mapping, exactly as networkx filters it."""
    src = source_graph(G)
    if core is None:
        cn = _sp_core_numbers(G)
        if k is None:
            k = int(cn.max()) + default_k  # ValueError on the empty graph, as max() of nothing
        labels = node_list(G)
        nodes = [labels[i] for i in _sp_np.flatnonzero(keep(cn, k)).tolist()]
    else:
        if k is None:
            k = max(core.values()) + default_k
        nodes = [v for v in core if keep(core[v], k)]
    return src.subgraph(nodes).copy()


@networkx_algorithm
def k_core(G: Any, k: Any = None, core_number: Any = None) -> Any:
    if G._nx_graph is None and core_number is None and (k is None or isinstance(k, int)) and len(G):
        # an impactgraph Graph given directly: the k-core as an impactgraph Graph
        if G.num_self_loops > 0:
            raise nx.NetworkXNotImplemented(_SP_SELF_LOOPS)
        return _c.k_core(G, k, threads=threads())
    return _sp_core_subgraph(G, lambda c, k: c >= k, k, core_number, 0)


@networkx_algorithm
def k_shell(G: Any, k: Any = None, core_number: Any = None) -> Any:
    return _sp_core_subgraph(G, lambda c, k: c == k, k, core_number, 0)


@networkx_algorithm
def k_crust(G: Any, k: Any = None, core_number: Any = None) -> Any:
    return _sp_core_subgraph(G, lambda c, k: c <= k, k, core_number, -1)


@networkx_algorithm
def k_corona(G: Any, k: Any, core_number: Any = None) -> Any:
    if core_number is not None:  # networkx's filter, on the given mapping
        src = source_graph(G)
        c = core_number
        if k is None:
            k = max(c.values())
        nodes = [v for v in c if c[v] == k and k == sum(1 for w in src[v] if c[w] >= k)]
        return src.subgraph(nodes).copy()
    cn = _sp_core_numbers(G)
    if k is None:
        k = int(cn.max())
    # out-neighbours (``G[v]``) with core number >= k, counted over the CSR rows
    core = G._core
    indptr = core.indptr(False).astype(_sp_np.int64)
    idx = core.indices(False)
    rows = _sp_np.repeat(_sp_np.arange(len(G)), _sp_np.diff(indptr))
    strong = _sp_np.bincount(rows, weights=(cn[idx] >= k), minlength=len(G))
    mask = (cn == k) & (strong == k)
    labels = node_list(G)
    return source_graph(G).subgraph([labels[i] for i in _sp_np.flatnonzero(mask).tolist()]).copy()


@networkx_algorithm(multigraph=True)
def triangles(G: Any, nodes: Any = None) -> Any:
    # networkx counts neighbour sets (parallel edges once, as the conversion merges them); with
    # ``nodes`` it goes through a helper that refuses multigraphs
    if nodes is not None and G._nx_graph is not None and G._nx_graph.is_multigraph():
        raise nx.NetworkXNotImplemented("not implemented for multigraph type")
    t = _c.triangles(G, threads=threads())
    if nodes is None:
        return node_dict(G, t, kind=int)
    single, keys, ids = _sp_nbunch(G, nodes)
    vals = t[_sp_np.asarray(ids, dtype=_sp_np.int64)].tolist()
    if single:
        return vals[0]
    return dict(zip(keys, vals))


def _sp_local_should_run(G: Any, nodes: Any) -> bool | str:
    """``should_run`` of the functions with ``nodes``: one node of a networkx graph is a local
    count (networkx's O(degree^2)), cheaper than converting the graph; else the generic rule
    (decline tiny graphs)."""
    from ..graph import Graph as _Graph
    from .interface import _min_size

    if isinstance(G, _Graph):
        return True
    if nodes is not None and nodes in G:
        return "one node: networkx's local count costs less than converting the whole graph"
    size = G.number_of_nodes() + G.number_of_edges()
    if size < _min_size():
        return f"graph is small ({size} nodes + edges): conversion costs more than it saves"
    return True


@triangles._should_run
def _(G: Any, nodes: Any = None) -> bool | str:
    return _sp_local_should_run(G, nodes)


def _sp_clustering_values(G: Any, weight: Any) -> Any:
    """Clustering by node id as a list of Python numbers: ``0`` (an int, as networkx's
    ``0 if t == 0``) where there is no triangle."""
    if weight is not None and G.weighted:
        _, _, w = G.edges()
        if w is not None and w.size and w.max() == 0 and G.num_edges > G.num_self_loops:
            raise ZeroDivisionError("float division by zero")
    try:
        c = _c.clustering(G, weight=weight, threads=threads())
    except _SpInvalidGraph as e:
        raise NotImplementedError(f"impactgraph's clustering: {e}") from None
    return [0 if v == 0 else v for v in c.tolist()]


@networkx_algorithm
def clustering(G: Any, nodes: Any = None, weight: Any = None) -> Any:
    vals = _sp_clustering_values(G, weight)
    if nodes is None:
        return dict(zip(node_list(G), vals))
    single, keys, ids = _sp_nbunch(G, nodes)
    if single:
        return vals[ids[0]]
    return {k: vals[i] for k, i in zip(keys, ids)}


@clustering._should_run
def _(G: Any, nodes: Any = None, weight: Any = None) -> bool | str:
    return _sp_local_should_run(G, nodes)


@networkx_algorithm
def average_clustering(G: Any, nodes: Any = None, weight: Any = None, count_zeros: bool = True) -> float:
    # networkx's own sum over the values in node order: the same float, bit for bit
    c = _sp_clustering_values(G, weight) if nodes is None else clustering(G, nodes, weight=weight).values()
    if not count_zeros:
        c = [v for v in c if abs(v) > 0]
    return sum(c) / len(c)


@networkx_algorithm
def transitivity(G: Any) -> Any:
    if len(G) == 0:
        return 0
    t = _c.transitivity(G, threads=threads())
    return 0 if t == 0 else t


# ---- end section: spectral, cores, clustering ----


# ---- section: paths, structural holes ----
# ---- end section: paths, structural holes ----
