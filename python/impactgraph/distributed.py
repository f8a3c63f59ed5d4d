"""Beyond one machine: impactgraph's embarrassingly parallel work on a Dask cluster.

Four kinds of work split cleanly into independent tasks, each a pure function of (graph, block,
seed), so Dask can run them on any worker and retry a lost one without changing the answer:

* :func:`betweenness` — sampled (or exact) betweenness: the sources' leaves of the single-machine
  summation tree are cut into subtrees, each subtree runs on a worker, and the partial sums are
  added back in the tree's own order, so the result has exactly the bits of
  :func:`impactgraph.centrality.betweenness_centrality` for the same ``seed``;
* Monte-Carlo diffusion (:func:`independent_cascade`, :func:`linear_threshold`,
  :func:`threshold_contagion`, :func:`sir`, :func:`sis`) — the simulations ``0..n_sims-1`` are cut
  into blocks, simulation ``s`` uses the random stream ``(seed, s)`` wherever it runs
  (``first_sim``), and the integer counts are summed: identical to the single-machine result;
* :func:`analyze_subnetworks` — every local network of a meta-network (the members of each group
  of a :class:`~impactgraph.multilevel.MultiLevelNetwork`) or every graph of a list is analysed
  on a worker with :func:`analyze_subnetwork`; the rows come back as one pandas table;
* :func:`influence_maximization` (IMM) — the reverse-reachable (RR) sets of every round are
  drawn on the workers in blocks of indices (set ``i`` uses the stream ``(seed, i)`` wherever it
  is drawn) and gathered, in index order, to the client, where the core runs IMM's own rounds,
  estimates and greedy maximum cover: identical to
  :func:`impactgraph.diffusion.influence_maximization` with ``method="imm"``.

The graph travels once per worker: ``client.scatter(..., broadcast=True)`` of a compact payload
(the CSR arrays and labels, rebuilt into a :class:`~impactgraph.Graph` once per worker
process), or, with ``path=`` (a file written by :meth:`Graph.save`) on storage every worker
sees, each worker process memory-maps the file once (cached by path, size and modification
time). ``client=None`` starts a ``LocalCluster`` (one single-threaded worker process per core)
for the call and closes it afterwards; a ``Client`` passed in is used and left open. Each task
runs the Rust core with ``threads`` threads (default 1: one worker process per core).

``dask.distributed`` is an optional dependency (``pip install "impactgraph[distributed]"``); it is
imported only when a function of this module runs.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core as _ig
from ._util import check_threads, core_of, int_arg, is_network, real_arg, seed_to_u64, use_weights
from .errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas
    from distributed import Client

    from .diffusion import DiffusionResult, InfluenceResult
    from .graph import Graph
    from .multilevel import MultiLevelNetwork

__all__ = [
    "analyze_subnetwork",
    "analyze_subnetworks",
    "betweenness",
    "independent_cascade",
    "influence_maximization",
    "linear_threshold",
    "local_networks",
    "sir",
    "sis",
    "threshold_contagion",
]

#: Measures :func:`analyze_subnetwork` knows, in the order of the table's columns.
MEASURES = ("degree", "components", "pagerank", "core", "clustering", "communities")

#: Default number of tasks per worker thread: enough to balance uneven blocks.
_TASKS_PER_WORKER = 4


# ---- shipping the graph --------------------------------------------------------------------------


class GraphPayload:
    """A :class:`~impactgraph.Graph` in a form that pickles: its edges, labels and shape.

    Dask ships it to each worker once (``client.scatter(payload, broadcast=True)``); on the
    worker, :meth:`graph` rebuilds the CSR once and keeps it (the rebuilt graph has exactly the
    original CSR: neighbours sorted by id, the same weights). The arrays of the payload cost
    ``16 m`` bytes (``24 m`` weighted) on the wire.

    Examples
    --------
    >>> import pickle, impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1], [1, 2], labels=["a", "b", "c"])
    >>> H = pickle.loads(pickle.dumps(GraphPayload(G))).graph()
    >>> H.labels, H.edges()[:2]
    (['a', 'b', 'c'], (array([0, 1]), array([1, 2])))
    """

    __slots__ = ("_state", "_graph", "_lock")

    def __init__(self, G: Graph) -> None:
        core_of(G)
        src, dst, w = G.edges()
        labels = G.labels if G.has_labels else None
        self._state = (src, dst, w, G.directed, G.num_nodes, labels)
        self._graph: Graph | None = G
        self._lock = threading.Lock()

    def __getstate__(self) -> tuple[Any, ...]:
        return self._state

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._state = state
        self._graph = None
        self._lock = threading.Lock()

    def graph(self) -> Graph:
        """The graph (rebuilt on first use in this process, then reused)."""
        with self._lock:
            if self._graph is None:
                from .graph import Graph

                src, dst, w, directed, n, labels = self._state

                def c(a: np.ndarray) -> np.ndarray:  # may arrive as an unaligned view of a frame
                    return np.require(a, requirements=["C", "A", "W"])

                self._graph = Graph.from_edges(
                    c(src), c(dst), None if w is None else c(w), directed=directed, num_nodes=n,
                    labels=labels, threads=1,
                )
            return self._graph


#: Graphs memory-mapped by this process, by (path, size, mtime_ns).
_MAPPED: dict[tuple[str, int, int], Graph] = {}
_MAPPED_LOCK = threading.Lock()


class GraphFile:
    """A graph file (written by :meth:`Graph.save`) that every worker can read.

    Pickles as its path only; :meth:`graph` memory-maps the file once per process (a module-level
    cache keyed by path, size and modification time, so a rewritten file is mapped anew).

    Examples
    --------
    >>> import os, tempfile, impactgraph as ig
    >>> path = os.path.join(tempfile.mkdtemp(), "g.igraph")
    >>> ig.Graph.from_edges([0, 1], [1, 2]).save(path)
    >>> ref = GraphFile(path)
    >>> ref.graph() is ref.graph(), ref.graph().num_edges
    (True, 2)
    """

    __slots__ = ("path",)

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.path.abspath(os.fspath(path))

    def __getstate__(self) -> str:
        return self.path

    def __setstate__(self, state: str) -> None:
        self.path = state

    def graph(self) -> Graph:
        """The memory-mapped graph (mapped on first use in this process, then reused)."""
        from .graph import Graph

        st = os.stat(self.path)
        key = (self.path, st.st_size, st.st_mtime_ns)
        with _MAPPED_LOCK:
            G = _MAPPED.get(key)
            if G is None:
                for old in [k for k in _MAPPED if k[0] == self.path]:
                    del _MAPPED[old]
                G = Graph.load(self.path, mmap=True)
                _MAPPED[key] = G
            return G


def _resolve(G: Graph | None, path: str | os.PathLike[str] | None) -> tuple[Graph, GraphPayload | GraphFile]:
    """The graph on the client and what to ship: the file reference when ``path`` is given."""
    if path is not None:
        ref = GraphFile(path)
        local = ref.graph() if G is None else G
        core_of(local)
        if local.num_nodes != ref.graph().num_nodes or local.num_edges != ref.graph().num_edges:
            raise InvalidParameterError(f"invalid path: {ref.path!r} does not hold the graph G")
        return local, ref
    if G is None:
        raise TypeError("give a graph G or the path of a saved graph file")
    core_of(G)
    return G, GraphPayload(G)


def _ship(client: Client, ref: GraphPayload | GraphFile) -> Any:
    """A future of the payload on every worker, or the (tiny) file reference itself."""
    if isinstance(ref, GraphFile):
        return ref
    return client.scatter(ref, broadcast=True, hash=False)


# ---- the cluster -----------------------------------------------------------------------------------


@contextlib.contextmanager
def _client(client: Client | None) -> Iterator[Client]:
    """``client``, or a fresh ``LocalCluster`` client closed on exit."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - exercised without dask only
        raise ImportError(
            'impactgraph.distributed needs dask.distributed: pip install "impactgraph[distributed]"'
        ) from e
    if client is not None:
        if not isinstance(client, Client):
            raise TypeError(f"client must be a dask.distributed.Client or None, got {type(client).__name__}")
        yield client
        return
    n = os.cpu_count() or 1
    with LocalCluster(
        n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, Client(cluster) as c:
        yield c


def _workers(client: Client) -> int:
    """Total worker threads (at least 1)."""
    return max(1, sum(client.nthreads().values()))


def _blocks(blocks: Any, client: Client) -> int:
    if blocks is None:
        return _TASKS_PER_WORKER * _workers(client)
    b = int_arg("blocks", blocks)
    if b < 1:
        raise InvalidParameterError(f"invalid blocks: must be at least 1, got {b}")
    return b


# ---- betweenness --------------------------------------------------------------------------------


def _bc_task(ref: GraphPayload | GraphFile, lo: int, hi: int, kw: dict[str, Any], threads: int | None) -> np.ndarray:
    """Unscaled betweenness sums of leaves ``lo..hi`` (runs on a worker)."""
    return _ig.betweenness_partial(core_of(ref.graph()), lo, hi, threads=threads, **kw)


def _add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a + b`` elementwise, as the core's ``left += right``."""
    out = np.array(a, dtype=np.float64, copy=True)
    out += b
    return out


def _split(lo: int, hi: int, depth: int) -> Any:
    """The subtrees of the core's summation tree over leaves ``lo..hi`` cut ``depth`` levels
    down: a leaf range ``(lo, hi)`` or a pair ``(left, right)`` (the tree halves at
    ``lo + (hi - lo) // 2``, as ``rayon::join`` does in the core)."""
    if depth == 0 or hi - lo <= 1:
        return (lo, hi)
    mid = lo + (hi - lo) // 2
    return [_split(lo, mid, depth - 1), _split(mid, hi, depth - 1)]


def betweenness(
    G: Graph | None = None,
    /,
    *,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    endpoints: bool = False,
    seed: int | None = None,
    sources: Iterable[Any] | None = None,
    path: str | os.PathLike[str] | None = None,
    client: Client | None = None,
    blocks: int | None = None,
    threads: int | None = 1,
) -> np.ndarray:
    """Betweenness of every node on a Dask cluster: the same result, bit for bit, as
    :func:`impactgraph.centrality.betweenness_centrality` with the same arguments.

    Parameters
    ----------
    G : Graph, optional
        The graph; may be omitted when ``path`` is given.
    k, normalized, weight, endpoints, seed, sources
        As in :func:`impactgraph.centrality.betweenness_centrality` (``k`` sampled sources drawn
        from ``seed`` exactly as there; ``seed=None`` draws one seed on the client).
    path : str or os.PathLike, optional
        A file written by ``G.save(path)`` that every worker can read (shared storage): each
        worker process memory-maps it once instead of receiving the graph over the network.
    client : dask.distributed.Client, optional
        The cluster to use (left open). ``None``: a ``LocalCluster`` with one single-threaded
        worker process per core, closed at the end.
    blocks : int, optional
        About how many tasks to cut the sources into (default: 4 per worker thread); rounded up
        to a power of two, at most one per leaf of the summation tree.
    threads : int or None, default 1
        Rust threads per task (``None``: all the worker machine's cores).

    Returns
    -------
    numpy.ndarray
        float64 betweenness per node id.

    Raises
    ------
    TypeError, InvalidParameterError, NodeNotFoundError, InvalidGraphError
        As :func:`impactgraph.centrality.betweenness_centrality`, raised on the client before any
        task is sent; ``InvalidParameterError`` also if ``path`` does not hold ``G``.
    ImportError
        ``dask.distributed`` is not installed.

    Notes
    -----
    The single-machine kernel cuts the (sorted) sources into fixed-size leaves and adds the
    leaves' accumulators along a fixed binary tree. Here the tree is cut ``ceil(log2(blocks))``
    levels down; every subtree is one task (``betweenness_partial`` on a worker, with the same
    leaves and the same inner tree) and the client adds the subtrees' sums back pairwise along
    the top of the same tree, then rescales. Floating-point additions therefore happen in the
    same order with the same operands: the result is identical, not just close (tests compare
    with ``==``). Each task moves one float64 array of ``n`` values back; the reduction runs on
    the workers (one task per addition). Retried tasks recompute the same sums.

    Examples
    --------
    >>> import impactgraph as ig
    >>> from impactgraph import distributed
    >>> G = ig.generators.rmat(8, edge_factor=4, seed=1)
    >>> b = distributed.betweenness(G, k=64, seed=3, client=client)  # doctest: +SKIP
    >>> bool((b == ig.betweenness_centrality(G, k=64, seed=3)).all())  # doctest: +SKIP
    True
    """
    from .centrality import _flag, _sample_size, _source_ids

    local, ref = _resolve(G, path)
    core = core_of(local)
    kw: dict[str, Any] = {
        "k": _sample_size(k, local.num_nodes),
        "use_weights": use_weights(local, weight),
        "endpoints": _flag("endpoints", endpoints),
        "seed": seed_to_u64(seed) if k is not None or seed is not None else 0,
        "sources": _source_ids(local, sources, k),
    }
    norm = _flag("normalized", normalized)
    th = check_threads(threads)
    leaves = _ig.betweenness_leaves(core, **kw)  # validates every parameter on the client
    with _client(client) as c:
        nb = _blocks(blocks, c)
        depth = max(0, math.ceil(math.log2(nb))) if leaves > 1 else 0
        g = _ship(c, ref)

        def submit(node: Any) -> Any:
            if isinstance(node, tuple):
                lo, hi = node
                return c.submit(_bc_task, g, lo, hi, kw, th, pure=False)
            left, right = submit(node[0]), submit(node[1])
            return c.submit(_add, left, right, pure=False)

        sums = submit(_split(0, leaves, depth)).result()
    sums = np.require(sums, dtype=np.float64, requirements=["C", "A"])
    return _ig.betweenness_rescale(core, sums, normalized=norm, **kw)


# ---- Monte-Carlo diffusion -----------------------------------------------------------------------


def _sim_task(
    ref: GraphPayload | GraphFile, model: str, seeds: Any, first: int, count: int, seed: int,
    threads: int | None, kw: dict[str, Any],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Simulations ``first..first+count`` of ``model`` (runs on a worker): their spreads, and
    the integer reach counts and step counts (sums over the block)."""
    from . import diffusion

    r = getattr(diffusion, model)(
        ref.graph(), seeds, n_sims=count, seed=seed, first_sim=first, threads=threads, **kw
    )
    return r.spread, _counts(r.node_probability, count), _counts(r.curve, count)


def _counts(mean: np.ndarray, n: int) -> np.ndarray:
    """The integer sums behind a mean over ``n`` simulations (``c / n`` rounds to within
    ``c * 2**-53`` of the exact quotient, so ``rint(mean * n)`` recovers ``c`` while
    ``c < 2**51``)."""
    return np.rint(np.asarray(mean, dtype=np.float64) * n).astype(np.int64)


def _simulate(
    model: str, G: Graph | None, seeds: Any, n_sims: Any, seed: Any, path: Any, client: Client | None,
    blocks: Any, threads: Any, kw: dict[str, Any],
) -> DiffusionResult:
    from . import diffusion

    if is_network(G):
        raise TypeError(
            "impactgraph.distributed runs diffusion on a Graph; for a MultiLevelNetwork build "
            "diffusion.cascade_graph(net, ...) (or contagion_graph) once and pass that graph"
        )
    local, ref = _resolve(G, path)
    n = int_arg("n_sims", n_sims)
    if n < 1:
        raise InvalidParameterError(f"invalid n_sims: must be at least 1, got {n}")
    s = seed_to_u64(seed)
    th = check_threads(threads)
    # Validate every argument on the client with one simulation (the first of the run).
    getattr(diffusion, model)(local, seeds, n_sims=1, seed=s, threads=1, **kw)
    with _client(client) as c:
        nb = min(_blocks(blocks, c), n)
        bounds = [n * i // nb for i in range(nb + 1)]
        g = _ship(c, ref)
        big = {name: (c.scatter(v, broadcast=True, hash=False) if isinstance(v, np.ndarray) else v) for name, v in kw.items()}
        futures = [
            c.submit(_sim_task, g, model, seeds, lo, hi - lo, s, th, big, pure=False)
            for lo, hi in zip(bounds[:-1], bounds[1:])
            if hi > lo
        ]
        parts = c.gather(futures)
    spread = np.concatenate([p[0] for p in parts])
    reached = np.zeros(local.num_nodes, dtype=np.int64)
    steps = max(p[2].shape[0] for p in parts)
    curve = np.zeros(steps, dtype=np.int64)
    for _, r, cv in parts:
        reached += r
        curve[: cv.shape[0]] += cv
    return diffusion.DiffusionResult(local, model, spread, reached, curve / n, n)


_SIM_DOC = """
    Parameters
    ----------
    G : Graph, optional
        The graph (may be omitted when ``path`` is given). A ``MultiLevelNetwork`` is refused:
        build ``diffusion.cascade_graph(net, ...)`` once and pass it.
    seeds, {model_args}n_sims, max_steps, seed
        As in :func:`impactgraph.diffusion.{model}`; ``seed=None`` draws one seed on the client.
    path, client, threads
        As in :func:`betweenness` (``threads``: Rust threads per task, default 1).
    blocks : int, optional
        Number of tasks (default: 4 per worker thread, at most ``n_sims``).

    Returns
    -------
    DiffusionResult
        Equal to ``impactgraph.diffusion.{model}(G, seeds, ..., seed=seed)``: the same
        ``spread`` array, ``node_probability`` and ``curve``, bit for bit.

    Raises
    ------
    As :func:`impactgraph.diffusion.{model}` (checked on the client by running simulation 0
    there before any task is sent); ``ImportError`` without ``dask.distributed``.

    Notes
    -----
    Simulation ``s`` draws from the stream ``(seed, s)`` on whichever worker runs it (the
    ``first_sim`` argument of the single-machine function), so the blocks hold exactly the
    single-machine simulations. The reduction is exact: spreads are concatenated in simulation
    order; reach counts and the per-step counts are integers, summed, and divided by ``n_sims``
    once at the end, as the core does. A retried block recomputes the same simulations.

    Examples
    --------
    >>> import impactgraph as ig
    >>> from impactgraph import distributed
    >>> G = ig.generators.rmat(8, edge_factor=4, seed=1)
    >>> r = distributed.{model}(G, [0, 1], {example}n_sims=1000, seed=7, client=client)  # doctest: +SKIP
    >>> one = ig.diffusion.{model}(G, [0, 1], {example}n_sims=1000, seed=7)
    >>> bool((r.spread == one.spread).all())  # doctest: +SKIP
    True
"""


def independent_cascade(
    G: Graph | None = None,
    seeds: Any = (),
    /,
    *,
    p: Any = 0.1,
    weight: str | None = "weight",
    n_sims: int = 1000,
    max_steps: int | None = None,
    seed: int | None = None,
    path: str | os.PathLike[str] | None = None,
    client: Client | None = None,
    blocks: int | None = None,
    threads: int | None = 1,
) -> DiffusionResult:
    kw = {"p": p, "weight": weight, "max_steps": max_steps}
    return _simulate("independent_cascade", G, seeds, n_sims, seed, path, client, blocks, threads, kw)


def linear_threshold(
    G: Graph | None = None,
    seeds: Any = (),
    /,
    *,
    thresholds: Any = None,
    weight: str | None = "weight",
    n_sims: int = 1000,
    max_steps: int | None = None,
    seed: int | None = None,
    path: str | os.PathLike[str] | None = None,
    client: Client | None = None,
    blocks: int | None = None,
    threads: int | None = 1,
) -> DiffusionResult:
    kw = {"thresholds": thresholds, "weight": weight, "max_steps": max_steps}
    return _simulate("linear_threshold", G, seeds, n_sims, seed, path, client, blocks, threads, kw)


def threshold_contagion(
    G: Graph | None = None,
    seeds: Any = (),
    /,
    *,
    fraction: Any = 0.5,
    n_sims: int = 1,
    max_steps: int | None = None,
    seed: int | None = None,
    path: str | os.PathLike[str] | None = None,
    client: Client | None = None,
    blocks: int | None = None,
    threads: int | None = 1,
) -> DiffusionResult:
    kw = {"fraction": fraction, "max_steps": max_steps}
    return _simulate("threshold_contagion", G, seeds, n_sims, seed, path, client, blocks, threads, kw)


def sir(
    G: Graph | None = None,
    seeds: Any = (),
    /,
    *,
    beta: float,
    gamma: float,
    n_sims: int = 1000,
    max_steps: int | None = None,
    seed: int | None = None,
    path: str | os.PathLike[str] | None = None,
    client: Client | None = None,
    blocks: int | None = None,
    threads: int | None = 1,
) -> DiffusionResult:
    kw = {"beta": beta, "gamma": gamma, "max_steps": max_steps}
    return _simulate("sir", G, seeds, n_sims, seed, path, client, blocks, threads, kw)


def sis(
    G: Graph | None = None,
    seeds: Any = (),
    /,
    *,
    beta: float,
    gamma: float,
    n_sims: int = 1000,
    max_steps: int = 100,
    seed: int | None = None,
    path: str | os.PathLike[str] | None = None,
    client: Client | None = None,
    blocks: int | None = None,
    threads: int | None = 1,
) -> DiffusionResult:
    kw = {"beta": beta, "gamma": gamma, "max_steps": max_steps}
    return _simulate("sis", G, seeds, n_sims, seed, path, client, blocks, threads, kw)


for _f, _args, _ex, _title in [
    (independent_cascade, "p, weight, ", "p=0.05, ", "Independent cascade (Kempe et al. 2003)"),
    (linear_threshold, "thresholds, weight, ", "", "Linear threshold model"),
    (threshold_contagion, "fraction, ", "", "Fractional-threshold contagion"),
    (sir, "beta, gamma, ", "beta=0.1, gamma=0.2, ", "SIR epidemic"),
    (sis, "beta, gamma, ", "beta=0.1, gamma=0.2, ", "SIS epidemic"),
]:
    _f.__doc__ = (
        f"{_title}, Monte Carlo, with the simulations split across a Dask cluster.\n"
        + _SIM_DOC.format(model=_f.__name__, model_args=_args, example=_ex)
    )
del _f, _args, _ex, _title


# ---- influence maximisation (IMM) ---------------------------------------------------------------

#: Fewest RR sets per task when ``blocks`` is not given (a task prepares the sampler in O(n + m)).
_MIN_RR_BLOCK = 512


def _rr_task(
    ref: GraphPayload | GraphFile, first: int, count: int, kw: dict[str, Any], threads: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """RR sets ``first..first+count`` as (offsets from 0, nodes) (runs on a worker)."""
    return _ig.rr_sets_range(core_of(ref.graph()), first, count, threads=threads, **kw)


def influence_maximization(
    G: Graph | None,
    k: int,
    /,
    *,
    model: str = "ic",
    p: Any = 0.1,
    weight: str | None = "weight",
    epsilon: float = 0.1,
    ell: float = 1.0,
    seed: int | None = None,
    path: str | os.PathLike[str] | None = None,
    client: Client | None = None,
    blocks: int | None = None,
    threads: int | None = 1,
) -> InfluenceResult:
    """Influence maximisation by IMM with the reverse-reachable sampling split across a Dask
    cluster: the same result as ``impactgraph.diffusion.influence_maximization(G, k,
    method="imm", ...)`` with the same ``seed``.

    Parameters
    ----------
    G : Graph or None
        The graph (``None`` when ``path`` is given). A ``MultiLevelNetwork`` is refused: build
        ``H = diffusion.cascade_graph(net, ...)`` once and pass it with ``p=H.edges()[2]``.
    k : int
        Number of seeds, ``1 <= k <= n``.
    model, p, weight, epsilon, ell, seed
        As in :func:`impactgraph.diffusion.influence_maximization` (``seed=None`` draws one seed
        on the client).
    path, client, threads
        As in :func:`betweenness` (``threads``: Rust threads per task, default 1).
    blocks : int, optional
        Tasks per batch of RR sets (default: one per worker thread, each of at least 512 sets).

    Returns
    -------
    InfluenceResult
        Equal to the single-machine IMM: the same ``seeds``, ``seed_ids``, ``spread`` (bit for
        bit), ``n_rr_sets`` and ``work``.

    Raises
    ------
    TypeError, InvalidParameterError, InvalidGraphError
        As :func:`impactgraph.diffusion.influence_maximization`, raised on the client before any
        task is sent; ``InvalidParameterError`` also for ``blocks < 1`` or a ``path`` that does
        not hold ``G``.
    GraphTooLargeError
        As the single-machine call (more than ``2**32 - 1`` RR sets, or a forecast of more than
        ``2**30`` entries); also when the sets gathered on the client pass ``2**30`` entries.
    ImportError
        ``dask.distributed`` is not installed.

    Notes
    -----
    IMM draws RR sets in batches: a pilot, the rounds of its lower-bound search (up to
    ``theta_i`` sets each, a number that depends on the coverage of the sets drawn so far), and
    the final ``theta`` fresh sets. The control flow runs in the core on the client
    (``imm_driven``), exactly as in :func:`impactgraph.diffusion.influence_maximization`; each
    time it needs the sets ``first..first + count``, that range is cut into blocks, each block
    is one task (``rr_sets_range`` on a worker: set ``i`` draws from the stream ``(seed, i)``
    wherever it runs), and the blocks come back in index order. The greedy maximum cover depends
    only on the sets, so the seeds, estimates and counts are identical; a retried task redraws
    the same sets. The cover needs every set of a round in the client's memory (about 4 bytes
    per node entry on the wire and 8 in memory, at most ``2**30`` entries); the workers do the
    sampling, which is most of IMM's time on cascades of any size.

    Examples
    --------
    >>> import impactgraph as ig
    >>> from impactgraph import distributed
    >>> G = ig.generators.rmat(8, edge_factor=4, seed=1)
    >>> r = distributed.influence_maximization(G, 3, p=0.05, seed=7, client=client)  # doctest: +SKIP
    >>> one = ig.diffusion.influence_maximization(G, 3, p=0.05, seed=7)
    >>> r.seeds == one.seeds and bool((r.spread == one.spread).all())  # doctest: +SKIP
    True
    """
    from . import diffusion

    if is_network(G):
        raise TypeError(
            "impactgraph.distributed runs IMM on a Graph; for a MultiLevelNetwork build "
            "H = diffusion.cascade_graph(net, ...) once and pass H with p=H.edges()[2]"
        )
    local, ref = _resolve(G, path)
    core = core_of(local)
    # The checks of the single-machine call, in its order.
    kk = int_arg("k", k)
    mod = diffusion._im_choice("model", model, ("ic", "lt"))
    probs = diffusion._im_edge_prob(local, p) if mod == "ic" else {"p": 0.0}
    uw = use_weights(local, weight)
    s = seed_to_u64(seed)
    th = check_threads(threads)
    n = local.num_nodes
    if not 1 <= kk <= n:
        raise InvalidParameterError(f"invalid k: must be between 1 and the number of nodes ({n}), got {kk}")
    eps = real_arg("epsilon", epsilon)
    el = real_arg("ell", ell)
    _ig.imm_check(n, kk, epsilon=eps, ell=el)
    kw: dict[str, Any] = {"model": mod, "use_weights": uw, "seed": s, **probs}
    _ig.rr_sets_range(core, 0, 0, threads=1, **kw)  # the model's probabilities and weights
    with _client(client) as c:
        nb = None if blocks is None else _blocks(blocks, c)
        workers = _workers(c)
        g = _ship(c, ref)
        big = {name: (c.scatter(v, broadcast=True, hash=False) if isinstance(v, np.ndarray) else v) for name, v in kw.items()}

        def generate(first: int, count: int) -> list[tuple[np.ndarray, np.ndarray]]:
            parts = nb if nb is not None else max(1, min(workers, count // _MIN_RR_BLOCK))
            parts = min(parts, count)
            bounds = [first + count * i // parts for i in range(parts + 1)]
            futures = [
                c.submit(_rr_task, g, lo, hi - lo, big, th, pure=False)
                for lo, hi in zip(bounds[:-1], bounds[1:])
                if hi > lo
            ]
            # Arrays may arrive as unaligned views of a frame: the core reads aligned ones.
            return [
                (np.require(o, np.uint64, ["C", "A"]), np.require(v, np.uint32, ["C", "A"]))
                for o, v in c.gather(futures)
            ]

        ids, spread, n_rr, work = _ig.imm_driven(n, kk, epsilon=eps, ell=el, generate=generate)
    seed_ids = np.asarray(ids, dtype=np.int64)
    return diffusion.InfluenceResult(
        diffusion._im_labels_of(local, seed_ids), seed_ids, spread, "imm", mod, n_rr, int(work)
    )


# ---- per-subnetwork analysis -----------------------------------------------------------------------


def analyze_subnetwork(
    G: Graph,
    /,
    *,
    measures: Sequence[str] = MEASURES,
    seed: int = 0,
    threads: int | None = 1,
) -> dict[str, Any]:
    """Summary measures of one (small or mid-sized) network: one row of
    :func:`analyze_subnetworks`.

    Parameters
    ----------
    G : Graph
    measures : sequence of str, default all of :data:`MEASURES`
        ``"degree"``: ``mean_degree`` and ``top_connector`` (the label of highest degree, the
        lowest id on ties); ``"components"``: ``components`` and ``largest_component`` (weakly
        connected for directed graphs); ``"pagerank"``: ``top_pagerank`` and its value
        ``max_pagerank``; ``"core"``: ``max_core`` (degeneracy); ``"clustering"``:
        ``transitivity`` (undirected graphs; NaN for directed ones); ``"communities"``:
        ``communities`` and ``modularity`` of the Leiden partition with ``seed``.
        ``nodes``, ``edges`` and ``density`` are always present.
    seed : int, default 0
        Seed of the community detection.
    threads : int or None, default 1
        Rust threads.

    Returns
    -------
    dict
        Column name -> value (Python scalars; labels as stored in ``G``; ``None`` for the top
        node of an empty graph).

    Raises
    ------
    InvalidParameterError
        An unknown measure.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2, 3], [1, 2, 0, 4], labels=list("abcde"))
    >>> row = analyze_subnetwork(G, measures=("degree", "components", "core"))
    >>> row["nodes"], row["edges"], row["density"], row["top_connector"], row["components"], row["max_core"]
    (5, 4, 0.4, 'a', 2, 2)
    """
    from . import centrality, community, structure

    ms = _measures(measures)
    th = check_threads(threads)
    n, m = G.num_nodes, G.num_edges
    pairs = n * (n - 1) if G.directed else n * (n - 1) / 2
    row: dict[str, Any] = {"nodes": n, "edges": m, "density": float(m / pairs) if pairs else float("nan")}
    labels = G.labels

    def label(i: int) -> Hashable | None:
        return None if i < 0 else (labels[i].item() if isinstance(labels, np.ndarray) else labels[i])

    if "degree" in ms:
        deg = structure.degree(G, threads=th)
        row["mean_degree"] = float(deg.mean()) if n else float("nan")
        row["top_connector"] = label(int(np.argmax(deg)) if n else -1)
    if "components" in ms:
        cc = (structure.weakly_connected_components if G.directed else structure.connected_components)(G, threads=th)
        sizes = np.bincount(cc) if n else np.zeros(0, dtype=np.int64)
        row["components"] = int(sizes.shape[0])
        row["largest_component"] = int(sizes.max()) if n else 0
    if "pagerank" in ms:
        pr = centrality.pagerank(G, threads=th) if n else np.zeros(0)
        row["top_pagerank"] = label(int(np.argmax(pr)) if n else -1)
        row["max_pagerank"] = float(pr.max()) if n else float("nan")
    if "core" in ms:
        row["max_core"] = int(centrality.core_number(G, threads=th).max()) if n else 0
    if "clustering" in ms:
        row["transitivity"] = float("nan") if G.directed else float(centrality.transitivity(G, threads=th))
    if "communities" in ms:
        if m:
            part = community.leiden_communities(G, seed=seed, threads=th)
            row["communities"] = len(part)
            row["modularity"] = float(part.modularity)
        else:
            row["communities"] = n
            row["modularity"] = float("nan")
    return row


def _measures(measures: Any) -> tuple[str, ...]:
    if isinstance(measures, str):
        measures = (measures,)
    ms = tuple(measures)
    bad = [x for x in ms if x not in MEASURES]
    if bad:
        raise InvalidParameterError(f"unknown measures {bad!r}: choose from {list(MEASURES)!r}")
    return ms


def local_networks(
    net: MultiLevelNetwork, /, level: str | int, *, member_level: str | int | None = None
) -> tuple[list[Hashable], list[np.ndarray], Graph]:
    """The local networks of a multi-level network: for every group of ``level``, its direct
    members on ``member_level`` (default: the level just below) and the ties among them.

    Returns
    -------
    groups : list
        Group labels, by increasing id.
    members : list of numpy.ndarray
        For each group, the local ids (int64, increasing) of its members in ``graph``.
    graph : Graph
        ``net.graph(member_level)``: the local network of a group is its subgraph induced by
        ``members``.

    Raises
    ------
    InvalidParameterError
        An unknown level, or ``level`` is the lowest level and ``member_level`` is not given.

    Examples
    --------
    >>> import impactgraph as ig
    >>> nodes = {"node": ["ann", "bob", "cat", "org1", "org2"], "level": ["member"] * 3 + ["org"] * 2}
    >>> ties = {"source": ["ann", "bob"], "target": ["bob", "cat"]}
    >>> mem = {"member": ["ann", "bob", "bob", "cat"], "group": ["org1", "org1", "org2", "org2"]}
    >>> net = ig.multilevel.MultiLevelNetwork.from_tables(nodes, ties, mem)
    >>> groups, members, G = local_networks(net, "org")
    >>> groups, [m.tolist() for m in members]
    (['org1', 'org2'], [[0, 1], [1, 2]])
    """
    levels = net.levels
    li = _level_index(levels, level, "level")
    if member_level is None:
        if li == 0:
            raise InvalidParameterError(f"level {levels[li]!r} is the lowest level: give member_level")
        ml = li - 1
    else:
        ml = _level_index(levels, member_level, "member_level")
    G = net.graph(ml)
    gids = net.level_nodes(li)
    mem, grp = net.memberships(ml)
    local = np.full(net.num_nodes, -1, dtype=np.int64)
    local[net.level_nodes(ml)] = np.arange(net.level_nodes(ml).shape[0], dtype=np.int64)
    gpos = np.full(net.num_nodes, -1, dtype=np.int64)
    gpos[gids] = np.arange(gids.shape[0], dtype=np.int64)
    keep = gpos[grp] >= 0
    g_of, m_of = gpos[grp[keep]], local[mem[keep]]
    order = np.lexsort((m_of, g_of))
    g_of, m_of = g_of[order], m_of[order]
    bounds = np.searchsorted(g_of, np.arange(gids.shape[0] + 1))
    members = [np.unique(m_of[bounds[i] : bounds[i + 1]]) for i in range(gids.shape[0])]
    labels = net.labels
    groups = [labels[i].item() if isinstance(labels, np.ndarray) else labels[i] for i in gids.tolist()]
    return groups, members, G


def _level_index(levels: tuple[str, ...], level: Any, name: str) -> int:
    if isinstance(level, (int, np.integer)) and not isinstance(level, bool):
        if 0 <= int(level) < len(levels):
            return int(level)
    elif level in levels:
        return levels.index(level)
    raise InvalidParameterError(f"invalid {name}: unknown level {level!r}; the levels are {list(levels)!r}")


def _induced(G: Graph, ids: np.ndarray) -> Graph:
    """The subgraph of ``G`` induced by the (sorted, distinct) node ids ``ids``, relabelled
    ``0..len(ids)-1`` in that order, with ``G``'s labels."""
    from .graph import Graph

    A = G.to_scipy()[ids][:, ids].tocoo()
    r, c, w = A.row.astype(np.int64), A.col.astype(np.int64), A.data
    if not G.directed:
        keep = r <= c
        r, c, w = r[keep], c[keep], w[keep]
    labels = G.labels
    sub_labels = labels[ids] if isinstance(labels, np.ndarray) else [labels[i] for i in ids.tolist()]
    return Graph.from_edges(
        r, c, w if G.weighted else None, directed=G.directed, num_nodes=ids.shape[0], labels=sub_labels, threads=1
    )


def _sub_task(
    ref: GraphPayload | GraphFile | None, item: Any, measures: tuple[str, ...], seed: int, threads: int | None
) -> dict[str, Any]:
    """One row (runs on a worker): ``item`` is a member-id array of ``ref``'s graph, or a
    payload of a whole graph."""
    if ref is None:
        G = item.graph()
    else:
        G = _induced(ref.graph(), item)
    return analyze_subnetwork(G, measures=measures, seed=seed, threads=threads)


def analyze_subnetworks(
    data: MultiLevelNetwork | Sequence[Graph] | Mapping[Hashable, Graph],
    /,
    *,
    level: str | int | None = None,
    member_level: str | int | None = None,
    measures: Sequence[str] = MEASURES,
    seed: int = 0,
    client: Client | None = None,
    threads: int | None = 1,
) -> pandas.DataFrame:
    """Analyse every local network of a meta-network (or every graph of a collection) on a Dask
    cluster, one task per subnetwork, and roll the results up into one table.

    Parameters
    ----------
    data : MultiLevelNetwork, sequence of Graph or mapping of name -> Graph
        A network (with ``level``): each group of ``level`` is one subnetwork, its direct members
        on ``member_level`` and their ties (:func:`local_networks`). Or graphs, each a
        subnetwork (named by position or by key).
    level : str or int
        The group level of a network (required with a network, refused otherwise).
    member_level : str or int, optional
        The members' level (default: the level below ``level``).
    measures : sequence of str, default all of :data:`MEASURES`
        See :func:`analyze_subnetwork`.
    seed : int, default 0
        Seed of the community detection (the same for every subnetwork).
    client : dask.distributed.Client, optional
        As in :func:`betweenness`.
    threads : int or None, default 1
        Rust threads per task.

    Returns
    -------
    pandas.DataFrame
        One row per subnetwork, indexed by ``subnetwork`` (group label, position or key), with
        the columns of :func:`analyze_subnetwork`; equal to
        ``pandas.DataFrame([analyze_subnetwork(H, ...) for H in subnetworks])`` computed locally.

    Raises
    ------
    TypeError
        ``data`` of another type, or ``level`` given with graphs.
    InvalidParameterError
        An unknown level or measure; no ``level`` with a network.

    Notes
    -----
    With a network, the members' graph is shipped once per worker and each task extracts its
    group's induced subgraph there (O(rows of the members' CSR)), so only member-id arrays travel
    per task. A collection of graphs ships each graph with its task. Every measure is
    deterministic (Leiden with a fixed seed), so the table does not depend on the worker that
    computed a row or on retries.

    Examples
    --------
    >>> import impactgraph as ig
    >>> from impactgraph import distributed
    >>> graphs = {"a": ig.Graph.from_edges([0, 1], [1, 2]), "b": ig.Graph.from_edges([0], [1])}
    >>> df = distributed.analyze_subnetworks(graphs, measures=("degree",), client=client)  # doctest: +SKIP
    >>> df[["nodes", "edges", "top_connector"]]  # doctest: +SKIP
                nodes  edges  top_connector
    subnetwork
    a               3      2              1
    b               2      1              0
    """
    import pandas as pd

    ms = _measures(measures)
    th = check_threads(threads)
    sd = int_arg("seed", seed, non_negative=True)
    items: list[Any]
    names: list[Hashable]
    if is_network(data):
        if level is None:
            raise InvalidParameterError("level is required with a MultiLevelNetwork: the level of the groups")
        names, items, G = local_networks(data, level, member_level=member_level)
        ref: GraphPayload | None = GraphPayload(G)
    else:
        if level is not None or member_level is not None:
            raise TypeError("level and member_level apply to a MultiLevelNetwork, not to a collection of graphs")
        if isinstance(data, Mapping):
            names, graphs = list(data.keys()), list(data.values())
        elif isinstance(data, Iterable) and not isinstance(data, (str, bytes)):
            graphs = list(data)
            names = list(range(len(graphs)))
        else:
            raise TypeError(
                f"data must be a MultiLevelNetwork or a collection of Graphs, got {type(data).__name__}"
            )
        for i, H in enumerate(graphs):
            core_of(H, f"data[{names[i]!r}]")
        items = [GraphPayload(H) for H in graphs]
        ref = None
    with _client(client) as c:
        g = None if ref is None else c.scatter(ref, broadcast=True, hash=False)
        futures = [c.submit(_sub_task, g, item, ms, sd, th, pure=False) for item in items]
        rows = c.gather(futures)
    df = pd.DataFrame(rows, index=pd.Index(names, name="subnetwork"))
    return df
