"""Reading and writing graphs: edge-list text files (parsed in Rust), Parquet edge tables, and
the binary graph file (:func:`save_graph`, :func:`load_graph`; format in docs/graph_format.md)."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from typing import Any

import numpy as np

from . import _core as _ig
from ._util import check_threads
from .errors import InvalidGraphError, InvalidParameterError
from .graph import Duplicates, Graph, WeightDtype, _weight_array, _weight_dtype_name

__all__ = ["load_graph", "read_edgelist", "read_parquet", "save_graph", "write_parquet"]

_NODETYPES = {None: "auto", int: "int", str: "str", "auto": "auto", "int": "int", "str": "str"}


def read_edgelist(
    path: str | os.PathLike[str],
    *,
    delimiter: str | None = None,
    comments: str = "#%",
    weight_column: int | None = None,
    nodetype: type | str | None = None,
    directed: bool = False,
    duplicates: Duplicates = "sum",
    self_loops: bool = True,
    skip_rows: int = 0,
    threads: int | None = None,
    progress: bool | None = None,
    weight_dtype: WeightDtype = "float64",
) -> Graph:
    """Read a graph from an edge-list text file (whitespace, CSV or TSV; plain or gzip).

    Each non-comment line holds a source and a target name and, optionally, more columns (ignored
    unless one is the weight column). The parser runs in Rust, in parallel, streaming the file in
    blocks of up to 32 MiB; the next block is read (and decompressed) while one is parsed.

    Parameters
    ----------
    path : str or os.PathLike
        The file; gzip is recognised by its magic bytes, whatever the extension.
    delimiter : str, optional
        One ASCII character separating fields; fields are trimmed of surrounding spaces and
        tabs, so TSV names may contain spaces. No quoting. Default: runs of spaces and tabs, or
        ``","`` (CSV) when the first data line contains a comma and its comma-separated fields
        contain no spaces or tabs.
    comments : str, default "#%"
        Characters that start a comment; the rest of the line is ignored and lines left empty
        are skipped (networkx's rule, with ``%`` added for KONECT and Matrix Market headers).
        ``""`` turns comments off. May not contain the delimiter, a space or a tab.
    weight_column : int, optional
        0-based column holding the edge weight (2 for ``u v w`` lines). Default: unweighted.
    nodetype : {None, int, str}
        ``int`` or ``str`` names; ``None`` reads integers when every name is one (``"007"`` is
        then ``7``, as with networkx's ``nodetype=int``), else strings exactly as written (the
        file is then read a second time).
    directed : bool, default False
    duplicates : {"sum", "first", "error"}, default "sum"
        See :meth:`Graph.from_edges`.
    self_loops : bool, default True
        Keep self-loops.
    skip_rows : int, default 0
        Lines to skip at the top (a header), counted before comments and blank lines. A
        UTF-8 byte-order mark is always skipped.
    threads : int, optional
        Threads for parsing and building.
    progress : bool, optional
        A progress line on stderr (bytes read of the file's size, then edges placed, with rate
        and elapsed time; redrawn at most 4 times a second and cleared at the end). ``None``
        (default): only when stderr is a terminal and the load takes more than a second;
        ``True``: always (one line per second when stderr is not a terminal); ``False``: never.
    weight_dtype : {"float64", "float32"}, default "float64"
        How the weights are stored; see :meth:`Graph.from_edges`.

    Returns
    -------
    Graph
        Node ids follow the order of first appearance (line by line, source before target), as
        networkx's ``read_edgelist`` orders its nodes; ``G.labels`` holds the names (an int64
        array, or a list of str). When the integer names are exactly ``0..n-1`` in order, the
        graph carries no separate labels.

    Raises
    ------
    GraphIOError
        The file cannot be opened or read (missing, a directory, corrupt gzip).
    FileFormatError
        A malformed line: fewer than two fields (networkx skips such lines silently), an empty
        name, a missing or non-finite weight, a name that is not a 64-bit integer with
        ``nodetype=int``, a name that is not UTF-8, a line over 64 MiB (a binary file). The
        message and ``.line`` give the 1-based line number, ``.path`` the file.
    InvalidParameterError
        A bad option (``weight_column < 2``, a multi-character delimiter, comment characters
        that include the delimiter or a blank, ...).

    Notes
    -----
    Memory: the ids of each block are kept as one compact chunk (8 bytes per edge, 16 with
    weights) whose arcs are counted per node while the file is parsed; then the CSR is
    allocated and the chunks are placed into it one by one, each freed as soon as it is
    placed. Peak: the CSR (``8 (n + 1) + 4 a`` bytes, ``12 a`` with weights, ``a`` arcs: 2m for
    undirected graphs; twice that for directed ones) + one copy of the ids + the names + buffers
    of about three blocks (32 MiB each); the text is never held whole, and the edge list never
    passes through numpy.

    Parallel: tokenizing, parsing and name look-ups run on all threads; only the insertion of
    each distinct name is sequential, and gzip decompression runs on one thread. The result is
    identical for any number of threads.

    Examples
    --------
    >>> import tempfile, os, impactgraph as ig
    >>> path = os.path.join(tempfile.mkdtemp(), "ties.txt")
    >>> _ = open(path, "w").write("# who works with whom\\nana ben 2.5\\nben cho 1\\n")
    >>> G = ig.read_edgelist(path, weight_column=2)
    >>> G.labels, G.num_edges, G.edges()[2]
    (['ana', 'ben', 'cho'], 2, array([2.5, 1. ]))
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    if nodetype not in _NODETYPES:
        raise TypeError(f"nodetype must be None, int or str, got {nodetype!r}")
    if delimiter is not None and not isinstance(delimiter, str):
        raise TypeError(f"delimiter must be a str or None, got {type(delimiter).__name__}")
    if delimiter is not None and (len(delimiter) != 1 or not delimiter.isascii()):
        raise InvalidParameterError(f"invalid delimiter: must be one ASCII character, got {delimiter!r}")
    if not isinstance(comments, str) or not comments.isascii():
        raise InvalidParameterError(f"invalid comments: must be a str of ASCII characters, got {comments!r}")
    for name, value in (("skip_rows", skip_rows), ("weight_column", weight_column)):
        if value is None and name == "weight_column":
            continue
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
        if value < 0:
            raise InvalidParameterError(f"invalid {name}: must be non-negative, got {value}")
    threads = check_threads(threads)
    wdt = _weight_dtype_name(weight_dtype)
    if duplicates not in ("sum", "first", "error"):
        raise InvalidGraphError(f'duplicates must be "sum", "first" or "error", got {duplicates!r}')
    counter = _ig.LoadProgress()
    with _ProgressLine("read_edgelist", counter, progress, units=("B", "edges")):
        core, names = _ig.read_edgelist_graph(
            os.fspath(path),
            delimiter=delimiter,
            comments=comments,
            weight_column=None if weight_column is None else int(weight_column),
            node_type=_NODETYPES[nodetype],
            skip_rows=int(skip_rows),
            directed=bool(directed),
            duplicates=duplicates,
            self_loops=bool(self_loops),
            threads=threads,
            progress=counter,
            weight_dtype=wdt,
        )
    n = len(names)
    labels: np.ndarray | list[str] | None = names
    if isinstance(names, np.ndarray):
        if np.array_equal(names, np.arange(n)):
            labels = None
        else:
            names.setflags(write=False)
    return Graph(core, labels, _trusted_labels=True)


class _Counter:
    """Progress counters updated from Python (the fields of ``_core.LoadProgress``)."""

    def __init__(self) -> None:
        self.stage = 0
        self.done = 0
        self.total = 0

    def start(self, stage: int, total: int) -> None:
        self.stage, self.done, self.total = stage, 0, total


def _amount(x: float, unit: str) -> str:
    if unit == "B":
        for scale, name in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
            if x >= scale:
                return f"{x / scale:.1f} {name}"
        return f"{int(x)} B"
    for step, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if x >= step:
            return f"{x / step:.1f}{prefix} {unit}"
    return f"{int(x)} {unit}"


class _ProgressLine:
    """A progress line on stderr for a load, drawn by a background thread from ``counter``
    (``stage``, ``done``, ``total``: stage 0 reads, stage 1 builds).

    ``mode`` None: only on a terminal, once the load has taken a second; True: always
    (redrawn with ``\\r`` on a terminal, else one line a second); False: never. A terminal line
    is redrawn at most every ``interval`` seconds and cleared at the end. The thread only
    reads the counters, so it never slows the load, and it stops when the load ends or is
    interrupted.
    """

    STAGES = ("reading", "building")

    def __init__(self, title: str, counter: Any, mode: bool | None, *, units: tuple[str, str],
                 stream: Any = None, interval: float = 0.25) -> None:
        if mode is not None and not isinstance(mode, bool):
            raise TypeError(f"progress must be None, True or False, got {mode!r}")
        self.title = title
        self.counter = counter
        self.units = units
        self.stream = sys.stderr if stream is None else stream
        try:
            self.tty = bool(self.stream.isatty())
        except (AttributeError, ValueError):
            self.tty = False
        self.enabled = mode is True or (mode is None and self.tty)
        self.delay = 1.0 if mode is None else 0.0
        self.interval = interval if self.tty else max(interval, 1.0)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = False
        self._t0 = time.perf_counter()

    def line(self) -> str:
        c = self.counter
        stage, done, total = int(c.stage), int(c.done), int(c.total)
        elapsed = time.perf_counter() - self._t0
        unit = self.units[min(stage, 1)]
        text = f"{self.title}: {self.STAGES[min(stage, 1)]} {_amount(done, unit)}"
        if total > 0:
            text += f" / {_amount(total, unit)} ({100.0 * min(done, total) / total:.0f}%)"
        rate = done / elapsed if elapsed > 0 else 0.0
        return text + f", {_amount(rate, unit)}/s, {elapsed:.1f} s"

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed stderr never breaks the load
            pass

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while True:
            if self.tty:
                self._write(f"\r{self.line()}\x1b[K")
            else:
                self._write(self.line() + "\n")
            self._drawn = True
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> _ProgressLine:
        self._t0 = time.perf_counter()
        if self.enabled:
            self._thread = threading.Thread(target=self._run, name="impactgraph-load-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._drawn and self.tty:
            self._write("\r\x1b[K")
        elif self.enabled and not self.tty:
            self._write(self.line() + "\n")


_META_KEY = b"impactgraph"


def write_parquet(
    G: Graph,
    path: str | os.PathLike[str],
    *,
    source: str = "source",
    target: str = "target",
    weight: str = "weight",
) -> None:
    """Write the edges of ``G`` as a Parquet table of node labels (and weights).

    The file's metadata also records whether the graph is directed and, when the labels are
    JSON-representable (str, int, float, bool), every node's label in id order, so that
    :func:`read_parquet` restores isolated nodes and the node order exactly.

    Examples
    --------
    >>> import tempfile, os, numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1], [1, 2], [0.5, 2.0], labels=["a", "b", "c"], num_nodes=3)
    >>> path = os.path.join(tempfile.mkdtemp(), "g.parquet")
    >>> ig.write_parquet(G, path)
    >>> H = ig.read_parquet(path, weight="weight")
    >>> H.labels, H.edges()[2]
    (['a', 'b', 'c'], array([0.5, 2. ]))
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not isinstance(G, Graph):
        raise TypeError(f"G must be an impactgraph.Graph, got {type(G).__name__}")
    src, dst, w = G.edges()
    labels = G.labels
    lab = np.asarray(labels, dtype=object) if isinstance(labels, list) else np.asarray(labels)
    cols = {source: pa.array(lab[src].tolist() if lab.dtype == object else lab[src]),
            target: pa.array(lab[dst].tolist() if lab.dtype == object else lab[dst])}
    if w is not None:
        cols[weight] = pa.array(w)
    table = pa.table(cols)
    meta: dict[str, Any] = {"directed": G.directed, "num_nodes": G.num_nodes}
    keys = labels.tolist() if isinstance(labels, np.ndarray) else labels
    if all(isinstance(k, (str, int, float, bool)) for k in keys):
        meta["labels"] = None if not G.has_labels else keys
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), _META_KEY: json.dumps(meta).encode()})
    pq.write_table(table, os.fspath(path))


def read_parquet(
    path: str | os.PathLike[str],
    source: str = "source",
    target: str = "target",
    weight: str | None = None,
    *,
    directed: bool | None = None,
    duplicates: Duplicates = "sum",
    self_loops: bool = True,
    threads: int | None = None,
    progress: bool | None = None,
    weight_dtype: WeightDtype = "float64",
    _batch_size: int = 1 << 20,
) -> Graph:
    """Read a graph from a Parquet edge table (any Parquet file with two endpoint columns).

    Node labels are the endpoint values in order of first appearance (row by row, source
    before target), unless the file was written by :func:`write_parquet`, whose metadata
    restores every node (isolates included), the node order and the directedness
    (``directed=None`` takes it from the file, default undirected).

    The table is read in record batches (only the needed columns), twice: the first pass
    maps the endpoint values to node ids and counts each node's arcs, the second re-reads the
    batches and places the edges into the CSR. Integer and string endpoint columns take this
    path; other types (floats, dates, mixed) are read whole as before.

    Parameters
    ----------
    path : str or os.PathLike
    source, target : str
        The endpoint columns.
    weight : str, optional
        The weight column (numeric); default unweighted.
    directed : bool, optional
    duplicates : {"sum", "first", "error"}, default "sum"
        See :meth:`Graph.from_edges`.
    self_loops : bool, default True
    threads : int, optional
    progress : bool, optional
        A progress line on stderr (rows of each pass, rate, elapsed time), as in
        :func:`read_edgelist`.
    weight_dtype : {"float64", "float32"}, default "float64"
        How the weights are stored; see :meth:`Graph.from_edges` (a float32 weight column is
        read as float32 values either way; pass ``"float32"`` to store them so).

    Returns
    -------
    Graph

    Raises
    ------
    GraphIOError
        The file cannot be read.
    InvalidGraphError
        A missing column, missing values in the endpoint columns.

    Notes
    -----
    Memory: the CSR (see :func:`read_edgelist`) + the labels and the name table + a few
    batches of the columns (``2**20`` rows each); the edge table is never held whole.

    Examples
    --------
    See :func:`write_parquet`.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .errors import GraphIOError

    where = os.fspath(path)

    def io_error(e: Exception) -> GraphIOError:
        return GraphIOError(f"cannot read {where!r} as Parquet: {e}", where)

    if duplicates not in ("sum", "first", "error"):
        raise InvalidGraphError(f'duplicates must be "sum", "first" or "error", got {duplicates!r}')
    threads = check_threads(threads)
    if os.path.isdir(where):  # a partitioned dataset: read it whole
        return _read_parquet_table(where, source, target, weight, directed, duplicates, self_loops, threads,
                                   weight_dtype)
    try:
        pf = pq.ParquetFile(where)
        schema = pf.schema_arrow
    except (OSError, ValueError) as e:  # pyarrow raises ArrowInvalid (a ValueError) on garbage
        raise io_error(e) from None
    meta_raw = (schema.metadata or {}).get(_META_KEY)
    meta = json.loads(meta_raw) if meta_raw else {}
    if directed is None:
        directed = bool(meta.get("directed", False))
    for col in (source, target) + ((weight,) if weight is not None else ()):
        if col not in schema.names:
            raise InvalidGraphError(f"column {col!r} not in the Parquet file (columns: {schema.names})")
    types = (schema.field(source).type, schema.field(target).type)

    def is_int(t: Any) -> bool:
        return bool(pa.types.is_integer(t) and not pa.types.is_uint64(t))

    def is_str(t: Any) -> bool:
        if pa.types.is_dictionary(t):
            t = t.value_type
        return bool(pa.types.is_string(t) or pa.types.is_large_string(t))

    fixed: int | None = None
    index: Any = None
    table: Any = None
    if "num_nodes" in meta and meta.get("labels", "absent") is None and all(is_int(t) for t in types):
        fixed = int(meta["num_nodes"])  # an unlabelled graph: the endpoint values are the ids
    elif isinstance(meta.get("labels"), list):
        import pandas as pd

        index = pd.Index(meta["labels"])
    elif (all(is_int(t) for t in types) and len({pa.types.is_signed_integer(t) for t in types}) == 1) or all(
        is_str(t) for t in types
    ):
        table = _ig.NameTable()
    else:
        return _read_parquet_table(where, source, target, weight, directed, duplicates, self_loops, threads,
                                   weight_dtype)
    strings = all(is_str(t) for t in types)

    def batches(columns: list[str]) -> Any:
        # One row group at a time: iter_batches over the whole file keeps about the whole
        # file's decoded columns alive (686 MB of Arrow memory for a 644 MB file), per row group
        # only the current one.
        try:
            for i in range(pf.num_row_groups):
                yield from pf.iter_batches(batch_size=int(_batch_size), row_groups=[i], columns=columns)
        except (OSError, ValueError) as e:
            raise io_error(e) from None

    def ids(batch: Any, placing: bool) -> tuple[np.ndarray, np.ndarray]:
        s, t = batch.column(0), batch.column(1)
        if s.null_count or t.null_count:
            raise InvalidGraphError("source and target columns must not contain missing values")
        if fixed is not None:
            return (np.ascontiguousarray(s.to_numpy(), dtype=np.int64),
                    np.ascontiguousarray(t.to_numpy(), dtype=np.int64))
        if index is not None:
            a, b = index.get_indexer(s.to_pandas()), index.get_indexer(t.to_pandas())
            if (a < 0).any() or (b < 0).any():
                raise InvalidGraphError("the edge table names nodes that its metadata does not list")
            return np.ascontiguousarray(a, dtype=np.int64), np.ascontiguousarray(b, dtype=np.int64)
        both: np.ndarray
        if strings:
            import pandas as pd

            both = np.empty(2 * len(s), dtype=object)
            both[0::2] = s.to_numpy(zero_copy_only=False)
            both[1::2] = t.to_numpy(zero_copy_only=False)
            codes, uniques = pd.factorize(both, sort=False)
            got = table.ids(list(uniques))[codes]
        else:
            both = np.empty(2 * len(s), dtype=np.int64)
            both[0::2] = s.to_numpy()
            both[1::2] = t.to_numpy()
            # The second pass only looks names up (in parallel); the first numbers new ones.
            got = table.lookup(both) if placing else table.ids(both)
        return np.ascontiguousarray(got[0::2]), np.ascontiguousarray(got[1::2])

    builder = _ig.EdgeChunkBuilder(directed=bool(directed), num_nodes=fixed, duplicates=duplicates,
                                   self_loops=bool(self_loops), weighted=weight is not None,
                                   weight_dtype=_weight_dtype_name(weight_dtype))
    counter = _Counter()
    rows = pf.metadata.num_rows
    with _ProgressLine("read_parquet", counter, progress, units=("rows", "rows")):
        counter.start(0, rows)
        for batch in batches([source, target]):
            a, b = ids(batch, False)
            builder.count(a, b, threads=threads)
            counter.done += batch.num_rows
        labels: Any = None
        if index is not None:
            labels = meta["labels"]
        num_nodes = len(labels) if labels is not None else len(table) if table is not None else fixed
        builder.start_placing(num_nodes)
        counter.start(1, rows)
        for batch in batches([source, target] + ([weight] if weight is not None else [])):
            a, b = ids(batch, True)
            w = None
            if weight is not None:
                w = _weight_array(batch.column(2).to_numpy(zero_copy_only=False), f"column {weight!r}")
            builder.place(a, b, w, threads=threads)
            counter.done += batch.num_rows
        core = builder.finish(threads=threads)
    if table is not None:
        labels = table.labels()  # empties the table, so only after the second pass
        if isinstance(labels, np.ndarray):
            labels = labels.astype(np.result_type(*(t.to_pandas_dtype() for t in types)), copy=False)
    return Graph(core, labels)


def _read_parquet_table(where: str, source: str, target: str, weight: str | None, directed: bool | None,
                        duplicates: Duplicates, self_loops: bool, threads: int | None,
                        weight_dtype: WeightDtype = "float64") -> Graph:
    """The whole-table reader, for endpoint types other than integers and strings."""
    import pyarrow.parquet as pq

    from .errors import GraphIOError

    try:
        table = pq.read_table(where)
    except (OSError, ValueError) as e:  # pyarrow raises ArrowInvalid (a ValueError) on garbage
        raise GraphIOError(f"cannot read {where!r} as Parquet: {e}", where) from None
    meta_raw = (table.schema.metadata or {}).get(_META_KEY)
    meta = json.loads(meta_raw) if meta_raw else {}
    if directed is None:
        directed = bool(meta.get("directed", False))
    for col in (source, target) + ((weight,) if weight is not None else ()):
        if col not in table.column_names:
            raise InvalidGraphError(f"column {col!r} not in the Parquet file (columns: {table.column_names})")
    if "num_nodes" in meta and meta.get("labels", "absent") is None:
        # An unlabelled graph: the endpoint columns are the ids themselves.
        s = table.column(source).to_numpy()
        d = table.column(target).to_numpy()
        w = table.column(weight).to_numpy() if weight is not None else None
        return Graph.from_edges(s, d, w, directed=directed, num_nodes=int(meta["num_nodes"]),
                                duplicates=duplicates, self_loops=self_loops, threads=threads,
                                weight_dtype=weight_dtype)
    if isinstance(meta.get("labels"), list):
        import pandas as pd

        labels = meta["labels"]
        index = pd.Index(labels)
        s = index.get_indexer(table.column(source).to_pandas())
        d = index.get_indexer(table.column(target).to_pandas())
        if (s < 0).any() or (d < 0).any():
            raise InvalidGraphError("the edge table names nodes that its metadata does not list")
        w = table.column(weight).to_numpy() if weight is not None else None
        return Graph.from_edges(s, d, w, directed=directed, num_nodes=len(labels), labels=labels,
                                duplicates=duplicates, self_loops=self_loops, threads=threads,
                                weight_dtype=weight_dtype)
    return Graph.from_pandas(table.to_pandas(), source, target, weight, directed=directed,
                             duplicates=duplicates, self_loops=self_loops, threads=threads,
                             weight_dtype=weight_dtype)


def save_graph(G: Graph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` to a binary graph file; the same as :meth:`Graph.save`.

    Examples
    --------
    >>> import os, tempfile, impactgraph as ig
    >>> path = os.path.join(tempfile.mkdtemp(), "g.igraph")
    >>> ig.save_graph(ig.Graph.from_edges([0], [1]), path)
    >>> ig.load_graph(path).num_edges
    1
    """
    if not isinstance(G, Graph):
        raise TypeError(f"G must be an impactgraph.Graph, got {type(G).__name__}")
    G.save(path)


def load_graph(path: str | os.PathLike[str], *, mmap: bool = True, verify: bool = True) -> Graph:
    """Read a binary graph file; the same as :meth:`Graph.load` (see there for the options)."""
    return Graph.load(path, mmap=mmap, verify=verify)
