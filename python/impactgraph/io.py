"""Reading and writing graphs: edge-list text files (parsed in Rust), Parquet edge tables, and
the binary graph file (:func:`save_graph`, :func:`load_graph`; format in docs/graph_format.md)."""

from __future__ import annotations

import json
import os
from typing import Any

import numpy as np

from . import _core as _ig
from ._util import check_threads
from .errors import InvalidGraphError, InvalidParameterError
from .graph import Duplicates, Graph, WeightDtype, _weight_dtype_name

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
    Memory: the id arrays (8 bytes per edge, 16 with weights), the name table and buffers of
    about three blocks, then the CSR built from them; the text is never held whole.

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
    src, dst, w, names = _ig.read_edgelist(
        os.fspath(path),
        delimiter=delimiter,
        comments=comments,
        weight_column=None if weight_column is None else int(weight_column),
        node_type=_NODETYPES[nodetype],
        skip_rows=int(skip_rows),
        threads=threads,
    )
    n = len(names)
    labels: np.ndarray | list[str] | None = names
    if isinstance(names, np.ndarray):
        if np.array_equal(names, np.arange(n)):
            labels = None
        else:
            names.setflags(write=False)
    if duplicates not in ("sum", "first", "error"):
        raise InvalidGraphError(f'duplicates must be "sum", "first" or "error", got {duplicates!r}')
    core = _ig.from_edges(
        src,
        dst,
        w,
        directed=bool(directed),
        num_nodes=n,
        duplicates=duplicates,
        self_loops=bool(self_loops),
        threads=threads,
        weight_dtype=wdt,
    )
    return Graph(core, labels, _trusted_labels=True)


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
    weight_dtype: WeightDtype = "float64",
) -> Graph:
    """Read a graph from a Parquet edge table (any Parquet file with two endpoint columns).

    Node labels are the endpoint values in order of first appearance, unless the file was
    written by :func:`write_parquet`, whose metadata restores every node (isolates included), the
    node order and the directedness (``directed=None`` takes it from the file, default
    undirected). ``weight_dtype`` as in :meth:`Graph.from_edges` (a float32 weight column is
    read as float32 values either way; pass ``weight_dtype="float32"`` to store them so).

    Raises
    ------
    GraphIOError
        The file cannot be read.
    InvalidGraphError
        A missing column, missing values in the endpoint columns.

    Examples
    --------
    See :func:`write_parquet`.
    """
    import pyarrow.parquet as pq

    from .errors import GraphIOError

    try:
        table = pq.read_table(os.fspath(path))
    except (OSError, ValueError) as e:  # pyarrow raises ArrowInvalid (a ValueError) on garbage
        raise GraphIOError(f"cannot read {os.fspath(path)!r} as Parquet: {e}", os.fspath(path)) from None
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
