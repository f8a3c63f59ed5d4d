"""The main job: analyse a multi-level impact network (or a plain graph) end to end.

:func:`analyze` computes, on the member level, who is central (degree, PageRank, betweenness),
where the core is (core numbers), which learning clusters exist (Leiden communities), the
network-weaver roles (Guimerà–Amaral cartography and brokers) and who bridges groups; for every
level the degree and core distributions; network health per level and over time; a cross-level
diffusion from the top connectors. It returns an :class:`AnalysisResult` (pandas tables and a
JSON-ready summary) and, with ``out``, writes them into a folder atomically together with a
self-contained HTML report. ``impactgraph analyze`` (see :mod:`impactgraph.__main__`) is its
command line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import json
import math
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ._util import check_threads, int_arg, seed_to_u64
from .errors import GraphIOError, InvalidParameterError

if TYPE_CHECKING:
    import pandas

    from .graph import Graph

__all__ = ["AnalysisResult", "StderrProgress", "analyze", "atomic_output_dir", "EXACT_BETWEENNESS_MAX_NODES"]

#: Level graphs with at most this many nodes get exact betweenness (when ``betweenness_k`` is None).
EXACT_BETWEENNESS_MAX_NODES = 5000
#: Sampled sources of the betweenness estimate above :data:`EXACT_BETWEENNESS_MAX_NODES` nodes.
DEFAULT_BETWEENNESS_K = 256
#: Seeds of the diffusion: the members of highest degree.
DIFFUSION_SEEDS = 10
#: Tie and membership probabilities of the cross-level independent cascade.
DIFFUSION_P = 0.05
DIFFUSION_Q = 0.1
#: At most this many time points for health over time.
MAX_TIME_POINTS = 8
#: Sampled betweenness sources per snapshot of health over time (its Gini is the costly part).
OVER_TIME_BETWEENNESS_K = 32
#: Node attribute of joining times: when present, health over time drops the nodes not yet joined.
NODE_TIME_ATTRIBUTE = "joined"
#: Rows of ``summary["top_nodes"]`` and ``summary["bridging"]["top"]``.
TOP_NODES = 20
#: Community sizes kept in the summary.
MAX_COMMUNITY_SIZES = 500
#: Labels listed per community in the communities table.
TOP_MEMBERS_PER_COMMUNITY = 5

#: Columns of :attr:`AnalysisResult.nodes`.
NODE_COLUMNS = ("node", "level", "degree", "pagerank", "betweenness", "core", "community", "role", "bridging")

#: The files written into ``out``, in writing order.
OUTPUT_FILES = ("nodes.parquet", "nodes.csv", "communities.csv", "health.json", "summary.json", "report.html")

#: Health metrics followed over time in the summary.
OVER_TIME_METRICS = ("nodes", "edges", "giant_component_share", "modularity", "degree_gini")

ProgressCallback = Callable[[int, int, str, "float | None"], None]


# ---- progress ------------------------------------------------------------------------------------


class StderrProgress:
    """Step-by-step progress on ``stderr``: the callable :func:`analyze` takes as ``progress``.

    Called as ``progress(step, total, name, seconds)``: with ``seconds=None`` when step ``step``
    (1-based) of ``total`` starts, with its duration when it ends. On a terminal it prints
    ``[3/9] betweenness ...`` and, once a step has run for more than a second, redraws an
    elapsed-time line with a spinner from a background thread (``\\r``), ending with the step's
    time. Elsewhere (a file, a pipe, CI logs) it prints one line per step that took more than a
    second, with its time, and nothing for quick steps. ``quiet=True`` prints nothing.

    Parameters
    ----------
    stream : file-like, optional
        Default ``sys.stderr`` (looked up at each call).
    quiet : bool, default False
    tty : bool, optional
        Force the terminal (``True``) or line (``False``) mode; default ``stream.isatty()``.
    interval : float, default 0.1
        Seconds between redraws of the live line.

    Examples
    --------
    >>> import io
    >>> from impactgraph.analyze import StderrProgress
    >>> buf = io.StringIO()
    >>> p = StderrProgress(stream=buf)
    >>> p(1, 2, "degree", None); p(1, 2, "degree", 0.01)
    >>> p(2, 2, "betweenness", None); p(2, 2, "betweenness", 3.25)
    >>> buf.getvalue()
    '[2/2] betweenness 3.2 s\\n'
    """

    _SPIN = "|/-\\"

    def __init__(self, stream: Any = None, *, quiet: bool = False, tty: bool | None = None, interval: float = 0.1) -> None:
        self._stream = stream
        self.quiet = bool(quiet)
        self._tty = tty
        self.interval = float(interval)
        self._stop: threading.Event | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._open = False  # a live line without its newline is on the terminal

    @property
    def stream(self) -> Any:
        return sys.stderr if self._stream is None else self._stream

    @property
    def tty(self) -> bool:
        if self._tty is not None:
            return self._tty
        try:
            return bool(self.stream.isatty())
        except (AttributeError, ValueError):
            return False

    def _write(self, text: str) -> None:
        with self._lock:
            try:
                self.stream.write(text)
                self.stream.flush()
            except (OSError, ValueError):  # a closed stderr never breaks the analysis
                pass

    def __call__(self, step: int, total: int, name: str, seconds: float | None) -> None:
        if self.quiet:
            return
        head = f"[{step}/{total}] {name}"
        if seconds is None:
            if self.tty:
                self._stop_spinner()
                self._write(f"\r\x1b[K{head} ...")
                self._open = True
                self._start_spinner(head)
            return
        self._stop_spinner()
        self._open = False
        if self.tty:
            self._write(f"\r\x1b[K{head} {seconds:.1f} s\n" if seconds > 1.0 else f"\r\x1b[K{head} done\n")
        elif seconds > 1.0:
            self._write(f"{head} {seconds:.1f} s\n")

    def _start_spinner(self, head: str) -> None:
        stop = threading.Event()
        t0 = time.perf_counter()

        def run() -> None:
            i = 0
            if stop.wait(1.0):
                return
            while not stop.is_set():
                elapsed = time.perf_counter() - t0
                self._write(f"\r\x1b[K{head} {self._SPIN[i % 4]} {elapsed:5.1f} s")
                i += 1
                stop.wait(self.interval)

        self._stop = stop
        self._thread = threading.Thread(target=run, name="impactgraph-progress", daemon=True)
        self._thread.start()

    def _stop_spinner(self) -> None:
        if self._stop is not None:
            self._stop.set()
            if self._thread is not None:
                self._thread.join()
        self._stop = None
        self._thread = None

    def close(self) -> None:
        """Stop the live line (if any) and end it (a step that failed); safe to call twice."""
        self._stop_spinner()
        if self._open:
            self._write("\n")
            self._open = False


class _Steps:
    """Runs named steps, records their time and reports them to a progress callable."""

    def __init__(self, total: int, progress: ProgressCallback | None) -> None:
        self.total = total
        self.progress = progress
        self.timings: dict[str, float] = {}
        self.i = 0

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        self.i += 1
        i = min(self.i, self.total)
        if self.progress is not None:
            self.progress(i, self.total, name, None)
        t0 = time.perf_counter()
        yield  # on an exception the step is not reported as done
        dt = time.perf_counter() - t0
        self.timings[name] = self.timings.get(name, 0.0) + dt
        if self.progress is not None:
            self.progress(i, self.total, name, dt)


# ---- atomic output -------------------------------------------------------------------------------


def _check_out(out: Path, force: bool) -> None:
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise GraphIOError(f"output {str(out)!r} exists and is not a folder", str(out))
        if not force and any(out.iterdir()):
            raise GraphIOError(
                f"output folder {str(out)!r} exists and is not empty; use force=True (--force) to replace it",
                str(out),
            )


@contextlib.contextmanager
def atomic_output_dir(out: str | os.PathLike[str], *, force: bool = False) -> Iterator[Path]:
    """A temporary folder next to ``out`` that becomes ``out`` when the ``with`` block succeeds.

    The folder is made by ``tempfile.mkdtemp(dir=out.parent, prefix=".<name>.tmp-")`` (the same
    file system, so the final ``os.rename`` is atomic). If the block raises (any exception,
    ``KeyboardInterrupt`` included) the temporary folder is removed and ``out`` is untouched.
    When ``out`` exists and is not empty it is an error unless ``force``; with ``force`` the old
    folder is renamed aside, the new one renamed into place, then the old one deleted (if the
    second rename fails, the old folder is put back). An empty existing folder is replaced. At
    no moment does ``out`` hold a half-written result.

    Parameters
    ----------
    out : str or os.PathLike
        The folder to create; its parent is created if missing.
    force : bool, default False
        Replace an existing non-empty folder.

    Yields
    ------
    pathlib.Path
        The temporary folder to write into.

    Raises
    ------
    GraphIOError
        ``out`` exists and is a file, or a non-empty folder without ``force`` (checked before
        the block runs and again before the rename); the parent cannot be created.

    Examples
    --------
    >>> import os, tempfile
    >>> from impactgraph.analyze import atomic_output_dir
    >>> out = os.path.join(tempfile.mkdtemp(), "report")
    >>> with atomic_output_dir(out) as tmp:
    ...     _ = (tmp / "a.txt").write_text("hello")
    >>> sorted(os.listdir(out))
    ['a.txt']
    """
    out = Path(os.fspath(out)).absolute()
    _check_out(out, force)
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.tmp-"))
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(tmp, 0o777 & ~mask)  # mkdtemp makes it private; the result is a normal folder
    except OSError as e:
        raise GraphIOError(f"cannot create the output folder {str(out)!r}: {e.strerror or e}", str(out)) from None
    try:
        yield tmp
        _check_out(out, force)
        old: Path | None = None
        if out.exists():
            if any(out.iterdir()):
                old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.old-"))
                os.rename(out, old / "x")
            else:
                os.rmdir(out)
        try:
            os.rename(tmp, out)
        except BaseException:
            if old is not None:
                os.rename(old / "x", out)
                shutil.rmtree(old, ignore_errors=True)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


# ---- JSON helpers --------------------------------------------------------------------------------


def _py(v: Any) -> Any:
    """A JSON-ready Python value: numpy scalars to int/float/bool, NaN/inf to None, arrays and
    tuples to lists, dict keys to str."""
    if isinstance(v, Mapping):
        return {str(k): _py(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_py(x) for x in v]
    if isinstance(v, np.ndarray):
        return [_py(x) for x in v.tolist()]
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return f if math.isfinite(f) else None
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (np.datetime64, _dt.date, _dt.datetime)):
        return str(v)
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return str(v)


def _records(df: pandas.DataFrame) -> list[dict[str, Any]]:
    return [_py(r) for r in df.to_dict(orient="records")]


def _time_str(t: Any) -> str:
    if isinstance(t, (float, np.floating)) and float(t).is_integer():
        return str(int(t))
    if isinstance(t, np.datetime64):
        return str(t)
    return str(t)


# ---- per-level metrics ---------------------------------------------------------------------------


def _empty() -> np.ndarray:
    return np.empty(0)


@dataclasses.dataclass
class _Level:
    """The metrics of one level graph (local ids = order of the level's nodes)."""

    name: str
    ids: np.ndarray  # global ids (for a plain graph: arange(n))
    graph: Graph
    projected: bool = False
    degree: np.ndarray = dataclasses.field(default_factory=_empty)
    pagerank: np.ndarray = dataclasses.field(default_factory=_empty)
    betweenness: np.ndarray = dataclasses.field(default_factory=_empty)
    betweenness_sources: int = 0
    core: np.ndarray = dataclasses.field(default_factory=_empty)
    community: np.ndarray = dataclasses.field(default_factory=_empty)
    modularity: float = math.nan
    roles: Any = None
    bridging: np.ndarray = dataclasses.field(default_factory=_empty)


def _loopless(G: Graph, threads: int | None) -> Graph:
    if not G.num_self_loops:
        return G
    from .graph import Graph as _Graph

    src, dst, w = G.edges()
    keep = src != dst
    return _Graph.from_edges(
        src[keep], dst[keep], None if w is None else w[keep], directed=G.directed, num_nodes=G.num_nodes,
        labels=G.labels if G.has_labels else None, threads=threads,
        weight_dtype=G.weight_dtype or "float64",
    )


def _labels_of(G: Graph) -> np.ndarray:
    if G.has_labels:
        lab = G.labels
        return lab if isinstance(lab, np.ndarray) else np.asarray(lab, dtype=object)
    return np.arange(G.num_nodes)


def _is_multilevel(data: Any) -> bool:
    try:
        from .multilevel import MultiLevelNetwork
    except ImportError:
        return False
    return isinstance(data, MultiLevelNetwork)


def _load(data: Any, directed: bool, threads: int | None) -> Any:
    """A Graph or MultiLevelNetwork from what :func:`analyze` accepts."""
    from .graph import Graph

    if isinstance(data, Graph) or _is_multilevel(data):
        return data
    if isinstance(data, (str, os.PathLike)):
        from .io import read_edgelist

        return read_edgelist(data, directed=directed, threads=threads)
    if isinstance(data, (tuple, list)) and len(data) == 3:
        from .multilevel import MultiLevelNetwork

        return MultiLevelNetwork.from_tables(*data, directed=directed, threads=threads)
    raise TypeError(
        "data must be an impactgraph Graph, a MultiLevelNetwork, an edge-list path or a "
        f"(nodes, ties, memberships) tuple of tables, got {type(data).__name__}"
    )


def _betweenness_k(k: int | None, n: int) -> int | None:
    if k is None:
        return None if n <= EXACT_BETWEENNESS_MAX_NODES else DEFAULT_BETWEENNESS_K
    return None if k >= n else k


# ---- the analysis --------------------------------------------------------------------------------


@dataclasses.dataclass(eq=False)
class AnalysisResult:
    """What :func:`analyze` returns.

    Attributes
    ----------
    nodes : pandas.DataFrame
        One row per node of every level (levels lowest first, nodes in id order), columns
        :data:`NODE_COLUMNS`: ``node`` (label), ``level``, ``degree`` (int), ``pagerank``,
        ``betweenness`` (float), ``core`` (int), ``community`` (int, numbered per level),
        ``role`` (weaver role name), ``bridging`` (bool). See :func:`analyze` for how each is
        computed and where it is undefined.
    communities : pandas.DataFrame
        One row per community of the member level (largest first): ``community``, ``size``,
        ``top_members`` (labels of the highest-PageRank members, ``"; "``-separated) and, for
        each categorical node attribute (``sector``, ``region``, ...),
        ``dominant_<attr>`` and ``dominant_<attr>_share``.
    summary : dict
        The JSON-ready summary (the contract of :mod:`impactgraph.report`).
    timings : dict of str to float
        Seconds per step.
    health : pandas.DataFrame
        Health metrics, one row per level plus ``"all"`` (``"graph"`` for a plain graph).
    health_over_time : pandas.DataFrame or None
        Health per time point and level (timed networks only).
    out : pathlib.Path or None
        The folder written, if any.
    """

    nodes: pandas.DataFrame
    communities: pandas.DataFrame
    summary: dict[str, Any]
    timings: dict[str, float]
    health: pandas.DataFrame
    health_over_time: pandas.DataFrame | None = None
    out: Path | None = None

    def __repr__(self) -> str:
        net = self.summary.get("network", {})
        return (
            f"AnalysisResult({net.get('kind')}: {net.get('nodes')} nodes, {net.get('edges')} edges, "
            f"{len(self.communities)} member communities, out={None if self.out is None else str(self.out)!r})"
        )


def analyze(
    data: Any,
    out: str | os.PathLike[str] | None = None,
    *,
    seed: int = 42,
    threads: int | None = None,
    betweenness_k: int | None = None,
    directed: bool = False,
    diffusion_runs: int = 200,
    progress: ProgressCallback | None = None,
    force: bool = False,
    name: str | None = None,
    timings: Mapping[str, float] | None = None,
) -> AnalysisResult:
    """Analyse a multi-level impact network (or a plain graph) and optionally write a report.

    Parameters
    ----------
    data : MultiLevelNetwork, Graph, path or tuple
        The network. A path is read as an edge list (:func:`impactgraph.read_edgelist`, with
        ``directed``); a ``(nodes, ties, memberships)`` tuple of tables is passed to
        :meth:`MultiLevelNetwork.from_tables` (with ``directed``).
    out : str or os.PathLike, optional
        Folder to write (see Notes); ``None`` writes nothing.
    seed : int, default 42
        Seed of every random step (Leiden, sampled betweenness, diffusion, health). The same
        seed gives the same result on any number of threads.
    threads : int, optional
        Number of threads for every kernel (default: all).
    betweenness_k : int, optional
        Sampled sources of the betweenness estimate. ``None``: exact up to 5,000 nodes per level
        graph, 256 sampled sources above. ``k >= n`` is exact.
    directed : bool, default False
        Only used when ``data`` is a path or a tuple of tables.
    diffusion_runs : int, default 200
        Monte-Carlo simulations of the diffusion.
    progress : callable, optional
        ``progress(step, total, name, seconds)``, called when each step starts (``seconds``
        None) and ends; :class:`StderrProgress` draws it on stderr. Default: silent.
    force : bool, default False
        Replace ``out`` if it exists and is not empty.
    name : str, optional
        The network's name in the report (default: "impact network" or "graph").
    timings : dict of str to float, optional
        Seconds of steps run before (loading, generating), listed first in the timings.

    Returns
    -------
    AnalysisResult

    Raises
    ------
    TypeError
        ``data`` of an unsupported type; an option of the wrong type.
    InvalidParameterError
        ``betweenness_k < 1``, ``diffusion_runs < 1``, a bad ``seed`` or ``threads``.
    GraphIOError
        ``out`` exists and is not empty (without ``force``) or is a file; an edge list that
        cannot be read. Checked before any computation.
    InvalidGraphError
        An empty network (no nodes).

    Notes
    -----
    Per level ``L`` (for a plain graph: the one level ``"graph"``) the metrics are computed on
    ``net.graph(L)`` (that level's ties, with their weights). A level without ties whose nodes
    have memberships one level up (affiliation-only data, e.g. people × organisations) is
    analysed through its projection ``net.project(L)`` (two nodes tied when they share a group,
    weight = number of shared groups); the summary's level entry then has ``"projected": true``.

    - ``degree``: :func:`impactgraph.degree` (ties counted, unweighted; in + out when directed);
    - ``pagerank``: :func:`impactgraph.pagerank` (weighted when the ties have weights);
    - ``betweenness``: :func:`impactgraph.betweenness_centrality`, normalized, unweighted,
      exact up to 5,000 nodes else estimated from ``k`` sampled sources with ``seed``;
    - ``core``: :func:`impactgraph.core_number` (self-loops ignored);
    - ``community``: :func:`impactgraph.community.leiden_communities` with
      ``n_iterations=2`` and ``seed`` (weighted), ids per level (community 0 of the members is
      unrelated to community 0 of the organizations);
    - ``role``: :func:`impactgraph.roles.weaver_roles` against those communities (the seven
      Guimerà–Amaral role names);
    - ``bridging``: the node has memberships in two or more groups of the next level up
      (``net.bridging_members(L)``); always False on the top level and for a plain graph.

    Every metric is defined for every node (isolated nodes get degree 0, core 0, PageRank
    ``(1 - alpha) / n`` plus their share of the dangling mass, betweenness 0, a singleton
    community, role "ultra-peripheral").

    Health: :func:`impactgraph.health.health` on the network (one row per level, plus
    ``"all"`` for ``net.graph()``; the row of a projected level holds the health of its
    projection, with the network's ``memberships`` and ``bridging_members`` counts), reusing
    the communities above (weighted modularity), with
    the nodes' ``sector`` attribute for the mixing measures when they carry one; over time
    (timed networks) :func:`impactgraph.health.health_over_time` on at most 8 time points
    evenly spread over ``net.times()``, with betweenness Ginis from 32 sampled sources per
    snapshot. When the nodes have a ``joined`` attribute of joining times (numbers or
    datetimes, the kind of the ties' times; :data:`NODE_TIME_ATTRIBUTE`), each snapshot holds
    only the nodes with ``joined <= t`` (``node_time="joined"``; missing = always present), so
    node counts grow over time and members not yet joined are not counted as isolates; the
    time points are then spread over the tie, membership and joining times together, and
    ``summary["health_over_time"]["node_time"]`` is ``"joined"`` (else None). Diffusion: :func:`impactgraph.diffusion.independent_cascade` from the 10
    members of highest degree (ties by id), with ``p=0.05`` per tie and ``q=0.1`` per
    membership (both directions), ``diffusion_runs`` simulations; on a plain graph ``p=0.05``
    per edge. ``summary["diffusion"]["mean_adopted"]`` is the cumulative mean number adopted
    after each step and ``level_spread`` the mean adopted per level at the end.

    Output (``out``): ``nodes.parquet`` and ``nodes.csv`` (:attr:`AnalysisResult.nodes`),
    ``communities.csv``, ``health.json`` (``{"levels": [...], "over_time": [...] or null}``),
    ``summary.json`` and ``report.html`` (:func:`impactgraph.report.write_html`), written into
    a temporary folder next to ``out`` then renamed into place (:func:`atomic_output_dir`):
    an interrupted run leaves no partial folder and never half-overwrites an existing one.

    Examples
    --------
    >>> import impactgraph as ig
    >>> from impactgraph.analyze import analyze
    >>> G = ig.Graph.from_edges([0, 1, 2, 3, 4, 5, 2], [1, 2, 0, 4, 5, 3, 3], labels=list("abcdef"))
    >>> r = analyze(G, seed=1, diffusion_runs=10)
    >>> r.nodes[["node", "degree", "core", "community"]].head(3).to_dict("list")
    {'node': ['a', 'b', 'c'], 'degree': [2, 2, 3], 'core': [2, 2, 2], 'community': [0, 0, 0]}
    >>> r.summary["communities"]["count"], round(r.summary["communities"]["modularity"], 4)
    (2, 0.3571)
    """
    import pandas as pd

    from .graph import Graph

    t_total = time.perf_counter()
    t = check_threads(threads)
    seed_u = seed_to_u64(seed)
    bk = int_arg("betweenness_k", betweenness_k, optional=True)
    if bk is not None and bk < 1:
        raise InvalidParameterError(f"invalid betweenness_k: must be a positive int or None, got {bk}")
    runs = int_arg("diffusion_runs", diffusion_runs)
    if runs < 1:
        raise InvalidParameterError(f"invalid diffusion_runs: must be at least 1, got {runs}")
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be None or a callable, got {type(progress).__name__}")
    out_path = None if out is None else Path(os.fspath(out)).absolute()
    if out_path is not None:
        _check_out(out_path, force)

    needs_load = not (isinstance(data, Graph) or _is_multilevel(data))
    steps = _Steps(13 + needs_load, progress)
    if timings is not None:
        steps.timings.update({str(k): float(v) for k, v in timings.items()})
    if needs_load:
        with steps.step("load"):
            data = _load(data, directed, t)
    multilevel = not isinstance(data, Graph)
    net: Any = data if multilevel else None
    from .errors import InvalidGraphError

    n_total = net.num_nodes if multilevel else data.num_nodes
    if n_total == 0:
        raise InvalidGraphError("cannot analyse an empty network (no nodes)")

    from . import centrality as _c
    from . import community as _comm
    from . import roles as _roles
    from . import structure as _s

    # -- level graphs
    levels: list[_Level] = []
    with steps.step("level graphs"):
        if multilevel:
            for i, lev in enumerate(net.levels):
                ids = np.asarray(net.level_nodes(lev), dtype=np.int64)
                if ids.size == 0:
                    continue
                G = net.graph(lev)
                projected = False
                if G.num_edges == 0 and i + 1 < len(net.levels) and len(net.memberships(lev)[0]) > 0:
                    G = net.project(lev, threads=t)
                    projected = True
                levels.append(_Level(lev, ids, G, projected))
        else:
            levels.append(_Level("graph", np.arange(data.num_nodes, dtype=np.int64), data))
    main = levels[0]

    with steps.step("degree"):
        for L in levels:
            L.degree = np.asarray(_s.degree(L.graph, threads=t), dtype=np.int64)
    with steps.step("pagerank"):
        for L in levels:
            L.pagerank = _c.pagerank(L.graph, threads=t)
    with steps.step("betweenness"):
        for L in levels:
            k = _betweenness_k(bk, L.graph.num_nodes)
            L.betweenness = _c.betweenness_centrality(L.graph, k=k, seed=seed_u, threads=t)
            L.betweenness_sources = L.graph.num_nodes if k is None else k
    with steps.step("core number"):
        for L in levels:
            L.core = np.asarray(_c.core_number(_loopless(L.graph, t), threads=t), dtype=np.int64)
    with steps.step("communities"):
        for L in levels:
            part = _comm.leiden_communities(L.graph, n_iterations=2, seed=seed_u, threads=t)
            L.community = np.asarray(part.membership, dtype=np.int64)
            L.modularity = float(part.modularity) if L.graph.num_edges else math.nan
    with steps.step("roles"):
        for L in levels:
            L.roles = _roles.weaver_roles(L.graph, L.community, threads=t)
    bridging_tables: dict[str, pd.DataFrame] = {}
    with steps.step("bridging"):
        for L in levels:
            L.bridging = np.zeros(L.ids.size, dtype=bool)
            if multilevel and L.name != net.levels[-1]:
                tab = _bridging_table(net, L.name)
                bridging_tables[L.name] = tab
                if len(tab):
                    pos = np.searchsorted(L.ids, tab["id"].to_numpy(np.int64))
                    L.bridging[pos] = True

    with steps.step("health"):
        health_df = _health(data, levels, seed_u, t)
    with steps.step("diffusion"):
        diffusion = _diffusion(data, main, runs, seed_u, t)
    health_time_df: pd.DataFrame | None = None
    with steps.step("health over time"):
        if multilevel and getattr(net, "timed", False):
            health_time_df = _health_over_time(net, seed_u, t)

    with steps.step("tables"):
        nodes_df = _nodes_table(levels)
        comm_df = _communities_table(net, main)
        summary = _summary(
            data, multilevel, name, seed, levels, main, health_df, health_time_df, diffusion, bridging_tables
        )

    if out_path is not None:
        with steps.step("write"):
            summary["files"] = list(OUTPUT_FILES)
            summary["timings"] = _py(steps.timings)
            with atomic_output_dir(out_path, force=force) as tmp:
                _write(tmp, nodes_df, comm_df, health_df, health_time_df, summary)
    else:
        steps.i += 1  # the write step is skipped
    steps.timings["total"] = time.perf_counter() - t_total + sum(float(v) for v in (timings or {}).values())
    summary["timings"] = _py(steps.timings)
    if out_path is not None:  # the final timings, after the atomic rename: replace the file whole
        with contextlib.suppress(OSError):
            part = out_path / ".summary.json.tmp"
            _write_json(part, summary)
            os.replace(part, out_path / "summary.json")
    return AnalysisResult(
        nodes=nodes_df,
        communities=comm_df,
        summary=summary,
        timings=dict(steps.timings),
        health=health_df,
        health_over_time=health_time_df,
        out=out_path,
    )


# ---- the steps -----------------------------------------------------------------------------------


def _bridging_table(net: Any, level: str) -> pandas.DataFrame:
    """``id`` (global), ``node``, ``groups``, ``pairs``, ``sole_pairs`` of the level's bridging
    members (in two or more groups), from ``net.bridging_members``, by increasing id."""
    import pandas as pd

    bm = net.bridging_members(level)
    return pd.DataFrame(
        {
            "id": np.asarray(bm.node_ids, dtype=np.int64),
            "node": [str(x) for x in bm.labels],
            "groups": np.asarray(bm.num_groups, dtype=np.int64),
            "pairs": np.asarray(bm.pairs, dtype=np.int64),
            "sole_pairs": np.asarray(bm.sole_pairs, dtype=np.int64),
        }
    )


def _attribute_codes(net: Any, ids: np.ndarray, name: str) -> np.ndarray | None:
    try:
        vals = np.asarray(net.attribute(name))[ids]
    except Exception:  # noqa: BLE001 - a missing attribute means no mixing measures
        return None
    return vals


def _health(data: Any, levels: list[_Level], seed: int, threads: int | None) -> pandas.DataFrame:
    """Health rows (index ``level``): :func:`impactgraph.health.health` of the network (one row
    per level and ``"all"``) or of the plain graph (one row), reusing the communities found."""
    from . import health as _h

    if not _is_multilevel(data):
        L = levels[0]
        df = _h.health(L.graph, communities=L.community, weight="weight", seed=seed, threads=threads).to_pandas()
    else:
        net = data
        comms = {L.name: L.community for L in levels if not L.projected}
        attr = "sector" if "sector" in tuple(net.attributes) else None
        df = _h.health(net, communities=comms, attribute=attr, weight="weight", seed=seed, threads=threads).to_pandas()
        for L in levels:
            if not L.projected:
                continue
            # affiliation-only level: the health of the graph its metrics come from
            cats = None if attr is None else _attribute_codes(net, L.ids, attr)
            if cats is not None and any(c is None or (isinstance(c, float) and math.isnan(c)) for c in cats.tolist()):
                cats = None
            rep = _h.health(L.graph, communities=L.community, attribute=cats, weight="weight", seed=seed, threads=threads)
            for key, value in rep.metrics.items():
                df.loc[L.name, key] = value
    df.index.name = "level"
    return df


def _top_by_degree(main: _Level, k: int) -> np.ndarray:
    """Local ids of the ``k`` nodes of highest degree (ties broken by id)."""
    order = np.argsort(-main.degree, kind="stable")
    return order[: min(k, order.size)]


def _diffusion(data: Any, main: _Level, runs: int, seed: int, threads: int | None) -> dict[str, Any]:
    from . import diffusion as _d

    seeds_local = _top_by_degree(main, DIFFUSION_SEEDS)
    labels = _labels_of(main.graph)
    seed_labels = [labels[i] for i in seeds_local.tolist()]
    level_spread: dict[str, float] | None = None
    if not _is_multilevel(data):
        res = _d.independent_cascade(main.graph, seed_labels, p=DIFFUSION_P, weight=None, n_sims=runs, seed=seed, threads=threads)
        q = None
    else:
        net = data
        q = DIFFUSION_Q
        res = _d.independent_cascade(net, seed_labels, p=DIFFUSION_P, q=q, n_sims=runs, seed=seed, threads=threads)
        level_spread = _d.by_level(res)
    curve = np.asarray(res.curve, dtype=np.float64)
    out: dict[str, Any] = {
        "model": "independent cascade",
        "p": DIFFUSION_P,
        "q": q,
        "n_sims": runs,
        "seeds": [str(s) for s in seed_labels],
        "steps": list(range(curve.size)),
        "mean_adopted": np.cumsum(curve).tolist(),
        "mean_spread": float(res.mean_spread),
        "std_spread": float(res.std_spread),
    }
    if level_spread is not None:
        out["level_spread"] = level_spread
    return out


def _time_points(times: Any) -> list[Any]:
    ts = list(times)
    if len(ts) <= MAX_TIME_POINTS:
        return ts
    idx = np.unique(np.linspace(0, len(ts) - 1, MAX_TIME_POINTS).round().astype(np.int64))
    return [ts[i] for i in idx.tolist()]


def _health_over_time(net: Any, seed: int, threads: int | None) -> pandas.DataFrame | None:
    """Columns ``time``, ``level`` and the health metrics, one row per time point and level."""
    import pandas as pd

    from . import health as _h

    node_time = NODE_TIME_ATTRIBUTE if NODE_TIME_ATTRIBUTE in tuple(net.attributes) else None
    if node_time is not None:
        try:
            all_times = _h._default_times(net, node_time)
        except InvalidParameterError:  # not times, or not the kind of the ties' times: ignore it
            node_time = None
    if node_time is None:
        all_times = np.asarray(net.times())
    times = _time_points(all_times)
    if not times:
        return None
    attr = "sector" if "sector" in tuple(net.attributes) else None
    df = _h.health_over_time(
        net, times, node_time=node_time, attribute=attr, weight="weight", seed=seed,
        betweenness_k=OVER_TIME_BETWEENNESS_K, threads=threads,
    ).reset_index()
    df.attrs["node_time"] = node_time
    return df


def _nodes_table(levels: list[_Level]) -> pandas.DataFrame:
    import pandas as pd

    parts = []
    for L in levels:
        labels = _labels_of(L.graph)
        parts.append(
            pd.DataFrame(
                {
                    "node": labels,
                    "level": L.name,
                    "degree": L.degree,
                    "pagerank": L.pagerank,
                    "betweenness": L.betweenness,
                    "core": L.core,
                    "community": L.community,
                    "role": np.asarray(L.roles.role_name, dtype=object),
                    "bridging": L.bridging,
                }
            )
        )
    df = pd.concat(parts, ignore_index=True)
    df["level"] = df["level"].astype(object)
    return df


def _communities_table(net: Any, main: _Level) -> pandas.DataFrame:
    import pandas as pd

    labels = _labels_of(main.graph)
    comm = main.community
    sizes = np.bincount(comm)
    order = np.lexsort((-main.pagerank, comm))  # by community, then PageRank descending
    sorted_comm = comm[order]
    starts = np.searchsorted(sorted_comm, np.arange(sizes.size))
    top: list[str] = []
    for c in range(sizes.size):
        sel = order[starts[c] : starts[c] + min(TOP_MEMBERS_PER_COMMUNITY, int(sizes[c]))]
        top.append("; ".join(str(labels[i]) for i in sel.tolist()))
    df = pd.DataFrame({"community": np.arange(sizes.size), "size": sizes, "top_members": top})
    if net is not None:
        for attr in _categorical_attributes(net, main):
            vals = _attribute_codes(net, main.ids, attr)
            if vals is None:
                continue
            cats, codes = np.unique(np.asarray([str(v) for v in vals.tolist()], dtype=object), return_inverse=True)
            counts = np.zeros((sizes.size, cats.size), dtype=np.int64)
            np.add.at(counts, (comm, codes.ravel()), 1)
            best = counts.argmax(axis=1)
            df[f"dominant_{attr}"] = cats[best]
            df[f"dominant_{attr}_share"] = counts[np.arange(sizes.size), best] / np.maximum(sizes, 1)
    return df.sort_values(["size", "community"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _categorical_attributes(net: Any, main: _Level) -> list[str]:
    """Node attributes of the member level with string values and at most 100 categories."""
    out = []
    for attr in tuple(getattr(net, "attributes", ())):
        vals = _attribute_codes(net, main.ids, attr)
        if vals is None or vals.dtype.kind not in "OUS" or vals.size == 0:
            continue
        if not all(isinstance(v, str) for v in vals[:100].tolist()):
            continue
        if len(set(vals.tolist())) <= 100:
            out.append(str(attr))
    return out


def _distribution(values: np.ndarray, key: str, level: str) -> dict[str, Any]:
    v, c = np.unique(values, return_counts=True)
    return {"level": level, key: v.tolist(), "count": c.tolist()}


def _summary(
    data: Any,
    multilevel: bool,
    name: str | None,
    seed: int,
    levels: list[_Level],
    main: _Level,
    health_df: pandas.DataFrame,
    health_time_df: pandas.DataFrame | None,
    diffusion: dict[str, Any],
    bridging_tables: dict[str, pandas.DataFrame],
) -> dict[str, Any]:
    from . import __version__
    from .roles import ROLE_NAMES

    if multilevel:
        net = data
        level_rows = []
        n_edges = 0
        for lev in net.levels:
            ties = len(net.ties(lev)[0])
            memb = len(net.memberships(lev)[0])
            n_edges += ties + memb
            lrow: dict[str, Any] = {"level": lev, "nodes": int(len(net.level_nodes(lev))), "ties": ties, "memberships_up": memb}
            proj = [L for L in levels if L.name == lev and L.projected]
            if proj:
                lrow["projected"] = True
                lrow["projected_ties"] = proj[0].graph.num_edges
            level_rows.append(lrow)
        network = {
            "kind": "multilevel", "name": name or "impact network", "nodes": int(net.num_nodes), "edges": int(n_edges),
            "directed": bool(net.directed), "levels": level_rows,
        }
    else:
        G = data
        network = {
            "kind": "graph", "name": name or "graph", "nodes": G.num_nodes, "edges": G.num_edges, "directed": G.directed,
            "levels": [{"level": "graph", "nodes": G.num_nodes, "ties": G.num_edges, "memberships_up": 0}],
        }
    hrows = [{"level": str(lev), **_py(rec)} for lev, rec in zip(health_df.index, health_df.to_dict(orient="records"))]

    labels = _labels_of(main.graph)
    top = np.lexsort((np.arange(main.pagerank.size), -main.pagerank))[:TOP_NODES]
    role_names = main.roles.role_name
    top_nodes = [
        {
            "node": str(labels[i]), "level": main.name, "degree": int(main.degree[i]), "pagerank": float(main.pagerank[i]),
            "betweenness": float(main.betweenness[i]), "core": int(main.core[i]), "community": int(main.community[i]),
            "role": str(role_names[i]), "bridging": bool(main.bridging[i]),
        }
        for i in top.tolist()
    ]
    counts = {ROLE_NAMES[k]: int(v) for k, v in enumerate(np.bincount(main.roles.role, minlength=8).tolist()) if k in ROLE_NAMES}
    counts["broker"] = int(np.count_nonzero(main.roles.broker))
    sizes = np.sort(np.bincount(main.community))[::-1]

    bridging = None
    if main.name in bridging_tables:
        tab = bridging_tables[main.name]
        best = tab.sort_values(["pairs", "sole_pairs", "groups", "id"], ascending=[False, False, False, True], kind="stable")
        bridging = {
            "level": main.name,
            "count": int(len(tab)),
            "top": [
                {"node": r.node, "groups": int(r.groups), "pairs": int(r.pairs), "sole_pairs": int(r.sole_pairs)}
                for r in best.head(TOP_NODES).itertuples()
            ],
        }

    over_time = None
    if health_time_df is not None and len(health_time_df):
        times = list(dict.fromkeys(health_time_df["time"].tolist()))
        metrics: dict[str, dict[str, list[Any]]] = {}
        for metric in OVER_TIME_METRICS:
            if metric not in health_time_df.columns:
                continue
            per: dict[str, list[Any]] = {}
            for lev, g in health_time_df.groupby("level", sort=False):
                s = dict(zip(g["time"].tolist(), g[metric].tolist()))
                per[str(lev)] = [_py(s.get(tp)) for tp in times]
            metrics[metric] = per
        over_time = {
            "time": [_time_str(tp) for tp in times], "metrics": metrics,
            "node_time": health_time_df.attrs.get("node_time"),
        }

    return _py(
        {
            "title": f"impactgraph analysis: {network['name']}",
            "generated_by": f"impactgraph {__version__}",
            "created": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "seed": seed,
            "network": network,
            "timings": {},
            "health": hrows,
            "degree_distribution": [_distribution(L.degree, "degree", L.name) for L in levels],
            "core_periphery": [_distribution(L.core, "core", L.name) for L in levels],
            "communities": {
                "level": main.name, "count": int(sizes.size), "modularity": main.modularity,
                "sizes": sizes[:MAX_COMMUNITY_SIZES].tolist(),
            },
            "roles": {"level": main.name, "counts": counts},
            "top_nodes": top_nodes,
            "bridging": bridging,
            "diffusion": diffusion,
            "health_over_time": over_time,
            "betweenness": {"level": main.name, "sources": main.betweenness_sources, "exact": main.betweenness_sources >= main.graph.num_nodes},
            "files": [],
        }
    )


# ---- writing -------------------------------------------------------------------------------------


def _write_json(path: Path, obj: Any) -> None:
    text = json.dumps(obj, indent=1, allow_nan=False, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def _for_files(df: pandas.DataFrame) -> pandas.DataFrame:
    """The nodes table with labels as one type (str unless all are int) for Parquet."""
    col = df["node"]
    if col.dtype.kind in "iu":
        return df
    vals = col.tolist()
    if all(isinstance(v, str) for v in vals):
        return df
    if all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in vals):
        return df.assign(node=np.asarray(vals, dtype=np.int64))
    return df.assign(node=[str(v) for v in vals])


def _write(
    tmp: Path,
    nodes: pandas.DataFrame,
    communities: pandas.DataFrame,
    health_df: pandas.DataFrame,
    health_time_df: pandas.DataFrame | None,
    summary: dict[str, Any],
) -> None:
    nodes = _for_files(nodes)
    nodes.to_parquet(tmp / "nodes.parquet", index=False)
    nodes.to_csv(tmp / "nodes.csv", index=False)
    communities.to_csv(tmp / "communities.csv", index=False)
    over = None if health_time_df is None else _records(health_time_df)
    _write_json(tmp / "health.json", {"levels": summary["health"], "over_time": over})
    _write_json(tmp / "summary.json", summary)
    _write_report(summary, tmp / "report.html")


def _write_report(summary: dict[str, Any], path: Path) -> None:
    try:
        from .report import write_html
    except ImportError:
        pass
    else:
        write_html(summary, path)
        return
    import html  # a minimal page until impactgraph.report exists

    body = html.escape(json.dumps(summary, indent=1))
    path.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(summary['title'])}</title></head>"
        f"<body><h1>{html.escape(summary['title'])}</h1><pre>{body}</pre></body></html>\n",
        encoding="utf-8",
    )
