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


def _holes_values(G: Any, measure: str, nodes: Any, weight: Any) -> np.ndarray:
    """impactgraph's constraint or effective size of every node, with networkx's error for the
    null graph; weights the kernel refuses hand the call back to networkx."""
    if len(G) == 0 and nodes is None:
        raise nx.NetworkXError("Graph has no nodes or edges")  # networkx's adjacency_matrix
    try:
        return getattr(_c, measure)(G, weight=weight, threads=threads()) if len(G) else np.zeros(0)
    except _InvalidGraphError as e:
        raise NotImplementedError(f"{measure}: {e}") from None


@networkx_algorithm
def constraint(G: Any, nodes: Any = None, weight: Any = None) -> dict:
    vals = _holes_values(G, "constraint", nodes, weight)
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
    vals = _holes_values(G, "effective_size", nodes, weight)
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
