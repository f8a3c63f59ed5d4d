"""Multi-level member networks: members, organizations, local networks, meta-networks.

A :class:`MultiLevelNetwork` holds nodes on ordered *levels* (lowest first; by default
``member``, ``organization``, ``local_network``, ``meta_network``, but any names), optional node
attributes (sector, region, joined date...), **ties** between two nodes of one level
(member–member collaboration, organization–organization partnership; weighted, directed or
not) and **memberships** from a node to a node of a higher level (a member belongs to several
organizations, an organization to a local network...). Ties and memberships may carry a time.

Built from three tables with :meth:`MultiLevelNetwork.from_tables`, it gives plain
:class:`~impactgraph.Graph` views for every algorithm of impactgraph: one level's ties
(:meth:`~MultiLevelNetwork.graph`), the one-mode projection of a level through its groups
(:meth:`~MultiLevelNetwork.project`, the Rust bipartite kernel of :mod:`impactgraph.bipartite`),
and ties rolled up to a higher level (:meth:`~MultiLevelNetwork.rollup`). It also finds the
members that bridge groups (:meth:`~MultiLevelNetwork.bridging_members`) and cuts the network at
a time (:meth:`~MultiLevelNetwork.snapshot`).

Belonging is transitive: a member of an organization that belongs to a local network belongs
to that local network too. Memberships may skip levels (a member directly in a local network).
"""

from __future__ import annotations

import dataclasses
import numbers
import os
from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core as _ig
from ._util import check_threads, real_arg
from .bipartite import _weighting
from .errors import FileFormatError, GraphIOError, InvalidParameterError, NodeNotFoundError
from .graph import Graph

if TYPE_CHECKING:
    import pandas

__all__ = ["MultiLevelNetwork", "BridgingMembers", "DEFAULT_LEVELS"]

#: The default level names, lowest first.
DEFAULT_LEVELS = ("member", "organization", "local_network", "meta_network")

_TIE_DUPLICATES = ("error", "sum", "first")


# ---------------------------------------------------------------------------------- tables
def _read_table(obj: Any, name: str) -> pandas.DataFrame | None:
    """A pandas DataFrame from a DataFrame, pyarrow Table, dict of columns or file path."""
    import pandas as pd

    if obj is None:
        return None
    if isinstance(obj, pd.DataFrame):
        return obj
    if isinstance(obj, (str, os.PathLike)):
        path = os.fspath(obj)
        low = path.lower()
        for suffix in (".gz", ".bz2", ".xz", ".zst"):
            if low.endswith(suffix):
                low = low[: -len(suffix)]
        if not os.path.exists(path):
            raise GraphIOError(f"{name} table file not found: {path}")
        try:
            if low.endswith((".parquet", ".pq")):
                return pd.read_parquet(path)
            if low.endswith((".tsv", ".tab")):
                return pd.read_csv(path, sep="\t")
            if low.endswith(".csv"):
                return pd.read_csv(path)
        except (OSError, ValueError) as e:
            raise FileFormatError(f"cannot read the {name} table {path}: {e}") from None
        raise FileFormatError(f"{name} table {path}: unknown file type (use .csv, .tsv or .parquet)")
    if isinstance(obj, Mapping):
        try:
            return pd.DataFrame(dict(obj))
        except ValueError as e:
            raise InvalidParameterError(f"invalid {name} table: {e}") from None
    if type(obj).__module__.startswith("pyarrow") and hasattr(obj, "to_pandas"):
        return obj.to_pandas()
    raise TypeError(
        f"{name} must be a pandas DataFrame, a pyarrow Table, a dict of columns or a path, got {type(obj).__name__}"
    )


def _require(df: pandas.DataFrame, name: str, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InvalidParameterError(
            f"the {name} table is missing column {missing[0]!r} (it has {', '.join(map(repr, df.columns))})"
        )


def _codes(index: pandas.Index, values: Any, what: str, value_set: Any = None) -> np.ndarray:
    """Node ids (int64) of ``values`` (a pandas Series); NodeNotFoundError naming the first
    unknown one. String labels are looked up with pyarrow's hash join (``value_set``: the node
    labels as a pyarrow string array), anything else with :meth:`pandas.Index.get_indexer`."""
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    ids = None
    if value_set is not None:
        import pyarrow as pa
        import pyarrow.compute as pc

        try:
            arr = pa.array(values)
            if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
                found = pc.index_in(arr, value_set=value_set)
                ids = np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
        except (pa.ArrowException, TypeError, ValueError):
            ids = None
    if ids is None:
        vals = values.to_numpy() if hasattr(values, "to_numpy") else np.asarray(values)
        try:
            ids = np.asarray(index.get_indexer(vals), dtype=np.int64)
        except (TypeError, ValueError):
            ids = np.asarray(index.get_indexer(np.asarray(vals, dtype=object)), dtype=np.int64)
    bad = np.flatnonzero(ids < 0)
    if bad.size:
        v = values.iloc[int(bad[0])] if hasattr(values, "iloc") else values[int(bad[0])]
        v = v.item() if isinstance(v, np.generic) else v
        raise NodeNotFoundError(f"{what} {v!r} is not a node of the nodes table")
    return ids


def _string_set(labels: Any) -> Any:
    """The labels as a pyarrow string array when they are all strings, else None."""
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    try:
        arr = pa.array(labels)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        return arr if arr.null_count == 0 else None
    return None


def _time_array(col: Any, name: str) -> np.ndarray:
    """Times as int64, float64 (NaN = no time) or datetime64[ns] (NaT = no time)."""
    import pandas as pd

    s = pd.Series(col)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
    kind = s.dtype.kind
    if kind == "b":
        raise InvalidParameterError(f"invalid {name} time column: booleans are not times")
    if kind in "iu":
        return s.to_numpy(dtype=np.int64)
    if kind == "f":
        return s.to_numpy(dtype=np.float64)
    if kind == "M":
        return s.to_numpy(dtype="datetime64[ns]")
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):  # nullable Int64 etc.
        return s.astype("float64").to_numpy()
    try:
        try:
            out = pd.to_datetime(s, errors="raise", format="ISO8601")
        except (ValueError, TypeError):
            out = pd.to_datetime(s, errors="raise", format="mixed")
    except (ValueError, TypeError, OverflowError) as e:
        raise InvalidParameterError(
            f"invalid {name} time column: must be numbers, datetimes or ISO date strings ({e})"
        ) from None
    if isinstance(out.dtype, pd.DatetimeTZDtype):
        out = out.dt.tz_convert("UTC").dt.tz_localize(None)
    return out.to_numpy(dtype="datetime64[ns]")


def _missing(t: np.ndarray) -> np.ndarray:
    if t.dtype.kind in "fM":
        return np.isnan(t)
    return np.zeros(t.shape[0], dtype=bool)


def _duplicate_rows(key: np.ndarray, time: np.ndarray | None) -> np.ndarray:
    """Mask of rows that repeat an earlier row's key (and time)."""
    import pandas as pd

    if time is None:
        return np.asarray(pd.Series(key).duplicated(keep="first").to_numpy())
    return np.asarray(pd.DataFrame({"k": key, "t": time}).duplicated(keep="first").to_numpy())


def _first_codes(key: np.ndarray, time: np.ndarray | None) -> np.ndarray:
    """Group number of each row, groups in the order of their first row."""
    import pandas as pd

    if time is None:
        return np.asarray(pd.factorize(key)[0], dtype=np.int64)
    return np.asarray(pd.MultiIndex.from_arrays([key, time]).factorize()[0], dtype=np.int64)


def _label_of(labels: np.ndarray | list, i: int) -> Hashable:
    v = labels[int(i)]
    return v.item() if isinstance(v, np.generic) else v


def _make_graph(
    src: np.ndarray,
    dst: np.ndarray,
    w: np.ndarray | None,
    n: int,
    labels: Any,
    directed: bool,
    threads: int | None,
    duplicates: str = "sum",
) -> Graph:
    core = _ig.from_edges(
        np.ascontiguousarray(src, dtype=np.int64),
        np.ascontiguousarray(dst, dtype=np.int64),
        None if w is None else np.ascontiguousarray(w, dtype=np.float64),
        directed=directed,
        num_nodes=n,
        duplicates=duplicates,
        self_loops=True,
        threads=threads,
    )
    return Graph(core, labels, _trusted_labels=True)


def _csr(rows: np.ndarray, cols: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(indptr, cols sorted by (row, col))`` of the pairs ``(rows, cols)``."""
    order = np.lexsort((cols, rows))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return indptr, cols[order]


def _expand(indptr: np.ndarray, items: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each ``rows[k]``, every item of its CSR row: ``(k repeated, items)``."""
    deg = indptr[rows + 1] - indptr[rows]
    k = np.repeat(np.arange(rows.shape[0], dtype=np.int64), deg)
    if k.size == 0:
        return k, np.zeros(0, dtype=items.dtype)
    starts = np.repeat(indptr[rows], deg)
    offs = np.arange(k.shape[0], dtype=np.int64) - np.repeat(np.cumsum(deg) - deg, deg)
    return k, items[starts + offs]


# ---------------------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True, eq=False)
class BridgingMembers:
    """Nodes that belong to two or more groups, returned by
    :meth:`MultiLevelNetwork.bridging_members`; one entry per such node, by increasing id.

    Attributes
    ----------
    node_ids : numpy.ndarray of int64
        Global node ids of the bridging nodes.
    labels : list
        Their labels.
    num_groups : numpy.ndarray of int64
        Number ``k`` of groups each belongs to (``k >= 2``).
    pairs : numpy.ndarray of int64
        Group pairs it connects: ``k (k - 1) / 2``.
    sole_pairs : numpy.ndarray of int64
        Of those pairs, how many share no other node of the level: the pairs that depend on
        this node alone.
    group_indptr, group_ids : numpy.ndarray of int64
        The groups of bridging node ``i`` are ``group_ids[group_indptr[i]:group_indptr[i+1]]``
        (global ids, increasing).
    group_labels : list
        Labels of all nodes of the network by id (to name the groups).
    """

    node_ids: np.ndarray
    labels: list
    num_groups: np.ndarray
    pairs: np.ndarray
    sole_pairs: np.ndarray
    group_indptr: np.ndarray
    group_ids: np.ndarray
    group_labels: Any = dataclasses.field(repr=False)

    def __len__(self) -> int:
        return int(self.node_ids.shape[0])

    def groups(self, i: int) -> list:
        """Labels of the groups of the ``i``-th bridging node."""
        ids = self.group_ids[self.group_indptr[i] : self.group_indptr[i + 1]]
        return [_label_of(self.group_labels, g) for g in ids.tolist()]

    def to_pandas(self) -> pandas.DataFrame:
        """One row per bridging node, indexed by its label: ``num_groups``, ``pairs``,
        ``sole_pairs`` and ``groups`` (a list of group labels)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "num_groups": self.num_groups,
                "pairs": self.pairs,
                "sole_pairs": self.sole_pairs,
                "groups": [self.groups(i) for i in range(len(self))],
            },
            index=pd.Index(self.labels, name="node"),
        )


# ---------------------------------------------------------------------------------- network
class MultiLevelNetwork:
    """Nodes on ordered levels, ties inside a level and memberships to higher levels.

    Build one with :meth:`from_tables`. Node ids are ``0..n-1`` in the order of the ``nodes``
    table; every array result is indexed by these global ids, and every :class:`Graph` view
    uses the local ids of one level (the order of :meth:`level_nodes`) and node labels.

    Storage: the ties as three arrays (int64 ends, float64 weights, optional times), the
    memberships as two arrays (plus times) and, once needed, their CSR member → group and
    group → member; :attr:`nbytes` counts them.

    Examples
    --------
    >>> import impactgraph as ig
    >>> nodes = {"node": ["ann", "bob", "cat", "org1", "org2"],
    ...          "level": ["member"] * 3 + ["organization"] * 2}
    >>> ties = {"source": ["ann"], "target": ["cat"]}
    >>> memberships = {"member": ["ann", "bob", "bob", "cat"], "group": ["org1", "org1", "org2", "org2"]}
    >>> net = ig.multilevel.MultiLevelNetwork.from_tables(nodes, ties, memberships)
    >>> net
    MultiLevelNetwork(member=3, organization=2, local_network=0, meta_network=0, ties=1, memberships=4, directed=False)
    >>> P = net.project("member")
    >>> P.labels, P.edges()
    (['ann', 'bob', 'cat'], (array([0, 1]), array([1, 2]), array([1., 1.])))
    >>> net.rollup("organization").edges()  # the tie ann - cat, and bob in both
    (array([0]), array([1]), array([2.]))
    """

    def __init__(self) -> None:  # use from_tables
        self._levels: tuple[str, ...] = ()
        self._labels: np.ndarray | list = []
        self._index: Any = None
        self._node_level = np.zeros(0, dtype=np.int8)
        self._attrs: dict[str, np.ndarray] = {}
        self._directed = False
        self._weighted = False
        self._tsrc = np.zeros(0, dtype=np.int64)
        self._tdst = np.zeros(0, dtype=np.int64)
        self._tw = np.zeros(0, dtype=np.float64)
        self._ttime: np.ndarray | None = None
        self._mmem = np.zeros(0, dtype=np.int64)
        self._mgrp = np.zeros(0, dtype=np.int64)
        self._mtime: np.ndarray | None = None
        self._cache: dict[Any, Any] = {}

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_tables(
        cls,
        nodes: Any,
        ties: Any = None,
        memberships: Any = None,
        *,
        levels: Sequence[str] | None = None,
        directed: bool = False,
        duplicates: str = "error",
        threads: int | None = None,
    ) -> MultiLevelNetwork:
        """Build a network from a nodes table, a ties table and a memberships table.

        Parameters
        ----------
        nodes : table
            Columns ``node`` (any hashable label, unique) and ``level`` (a level name); every
            other column is a node attribute (:meth:`attribute`). A table is a pandas
            DataFrame, a pyarrow Table, a dict of columns, or a path to a ``.csv``, ``.tsv``
            or ``.parquet`` file (optionally ``.gz`` for text).
        ties : table, optional
            Columns ``source``, ``target`` (node labels of one level), optional ``weight``
            (finite, non-negative; default 1) and optional ``time``.
        memberships : table, optional
            Columns ``member``, ``group`` (the group on a higher level than the member) and
            optional ``time``.
        levels : sequence of str, optional
            The level names, lowest first; must include every level of ``nodes`` and may add
            empty ones. Default: :data:`DEFAULT_LEVELS` when every level in ``nodes`` is one of
            them, else the levels in order of first appearance in ``nodes``.
        directed : bool, default False
            Whether ties are directed (``source -> target``). Memberships have no direction.
        duplicates : {"error", "sum", "first"}, default "error"
            A tie given twice (same ends, in either order when undirected, and same time) raises
            :class:`InvalidParameterError`, or is merged into its first row, keeping the sum of
            the weights (``"sum"``) or the first weight (``"first"``). A membership given twice
            (same member and group, whatever the time) raises, or keeps its first row.
        threads : int, optional
            Number of threads (default: all).

        Returns
        -------
        MultiLevelNetwork

        Raises
        ------
        TypeError
            A table of an unsupported type.
        GraphIOError, FileFormatError
            A path that does not exist or cannot be read.
        NodeNotFoundError
            A tie or membership names a node that is not in ``nodes``.
        InvalidParameterError
            A missing column, a duplicate node label, a level not in ``levels``, a tie between
            two levels, a tie from a node to itself, a membership that does not go up a level, a duplicate tie or membership
            (with ``duplicates="error"``), a NaN, infinite or negative weight, a time column
            that is neither numbers nor datetimes, or time columns of different kinds.

        Notes
        -----
        Times are numbers (int or float; NaN means "no time") or datetimes (numpy/pandas
        datetime64, or strings that :func:`pandas.to_datetime` parses, such as ISO dates;
        time zones are converted to UTC; NaT means "no time"). Ties and memberships must use
        the same kind. Labels are mapped to ids with :meth:`pandas.Index.get_indexer`: O(n + m)
        vectorised work, no Python loop per row.
        """
        import pandas as pd

        check_threads(threads)
        if duplicates not in _TIE_DUPLICATES:
            raise InvalidParameterError(f'duplicates must be "error", "sum" or "first", got {duplicates!r}')
        if not isinstance(directed, (bool, np.bool_)):
            raise TypeError(f"directed must be a bool, got {type(directed).__name__}")
        nd = _read_table(nodes, "nodes")
        if nd is None:
            raise TypeError("nodes must be a table, got None")
        _require(nd, "nodes", ("node", "level"))
        td = _read_table(ties, "ties")
        md = _read_table(memberships, "memberships")
        if td is not None:
            _require(td, "ties", ("source", "target"))
        if md is not None:
            _require(md, "memberships", ("member", "group"))

        net = cls()
        net._directed = bool(directed)
        # --- nodes
        node_col = nd["node"]
        if node_col.isna().any():
            raise InvalidParameterError("invalid nodes table: a node label is missing (NaN/None)")
        index = pd.Index(node_col.to_numpy())
        if not index.is_unique:
            dup = index[index.duplicated()][0]
            raise InvalidParameterError(f"duplicate node label {dup!r} in the nodes table")
        n = len(index)
        net._index = index
        labels_arr = index.to_numpy()
        if labels_arr.dtype == object:
            net._labels = labels_arr.tolist()
        else:
            labels_arr = labels_arr.copy()
            labels_arr.setflags(write=False)
            net._labels = labels_arr
        level_col = nd["level"]
        present = list(pd.unique(level_col.to_numpy()))
        if levels is None:
            lv = DEFAULT_LEVELS if all(isinstance(x, str) and x in DEFAULT_LEVELS for x in present) else present
        else:
            if isinstance(levels, str) or not isinstance(levels, Sequence):
                raise TypeError(f"levels must be a sequence of level names, got {type(levels).__name__}")
            lv = list(levels)
            if len(set(lv)) != len(lv):
                raise InvalidParameterError(f"invalid levels: a level name repeats in {lv!r}")
            unknown = [x for x in present if x not in lv]
            if unknown:
                raise InvalidParameterError(f"node level {unknown[0]!r} is not one of levels {lv!r}")
        if not all(isinstance(x, str) for x in lv):
            raise InvalidParameterError(f"invalid levels: level names must be str, got {list(lv)!r}")
        if len(lv) > 127:
            raise InvalidParameterError(f"too many levels: at most 127, got {len(lv)}")
        net._levels = tuple(str(x) for x in lv)
        net._node_level = np.asarray(
            pd.Index(list(net._levels)).get_indexer(level_col.to_numpy()), dtype=np.int8
        )
        for c in nd.columns:
            if c in ("node", "level"):
                continue
            col = nd[c]
            if isinstance(col.dtype, pd.DatetimeTZDtype):
                col = col.dt.tz_convert("UTC").dt.tz_localize(None)
            arr = np.asarray(col.to_numpy())
            if arr.dtype.kind == "U":
                arr = arr.astype(object)
            net._attrs[str(c)] = arr

        value_set = _string_set(node_col) if index.dtype.kind not in "iufb" else None
        times: list[np.ndarray] = []
        # --- ties
        if td is not None and len(td):
            s = _codes(index, td["source"], "tie source", value_set)
            d = _codes(index, td["target"], "tie target", value_set)
            ls, ld = net._node_level[s], net._node_level[d]
            bad = np.flatnonzero(ls != ld)
            if bad.size:
                i = int(bad[0])
                raise InvalidParameterError(
                    f"tie {_label_of(net._labels, s[i])!r} - {_label_of(net._labels, d[i])!r} joins two levels "
                    f"({net._levels[ls[i]]!r} and {net._levels[ld[i]]!r}); use a membership instead"
                )
            loop = np.flatnonzero(s == d)
            if loop.size:
                i = int(loop[0])
                raise InvalidParameterError(
                    f"invalid tie {_label_of(net._labels, s[i])!r} - {_label_of(net._labels, s[i])!r} (row {i}): "
                    "a tie from a node to itself"
                )
            if "weight" in td.columns:
                wcol = td["weight"]
                if not pd.api.types.is_numeric_dtype(wcol.dtype) or pd.api.types.is_bool_dtype(wcol.dtype):
                    raise InvalidParameterError(f"invalid tie weights: must be numbers, got dtype {wcol.dtype}")
                w = np.asarray(wcol.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)
                badw = np.flatnonzero(~np.isfinite(w) | (w < 0))
                if badw.size:
                    raise InvalidParameterError(
                        f"invalid tie weight {w[badw[0]]!r} (row {int(badw[0])}): weights must be finite and >= 0"
                    )
                net._weighted = True
            else:
                w = np.ones(s.shape[0], dtype=np.float64)
            tt = _time_array(td["time"], "ties") if "time" in td.columns else None
            if tt is not None:
                times.append(tt)
            a, b = (s, d) if directed else (np.minimum(s, d), np.maximum(s, d))
            key = a * np.int64(n) + b
            dup = _duplicate_rows(key, tt)
            if dup.any():
                if duplicates == "error":
                    i = int(np.argmax(dup))
                    raise InvalidParameterError(
                        f"duplicate tie {_label_of(net._labels, s[i])!r} - {_label_of(net._labels, d[i])!r} "
                        f"(row {i}); pass duplicates='sum' or 'first' to merge"
                    )
                if duplicates == "sum":
                    codes = _first_codes(key, tt)
                    wsum = np.bincount(codes, weights=w)
                    keep = ~dup
                    w = wsum[codes[keep]]
                else:
                    keep = ~dup
                    w = w[keep]
                s, d = s[keep], d[keep]
                tt = None if tt is None else tt[keep]
            net._tsrc, net._tdst, net._tw, net._ttime = s, d, np.ascontiguousarray(w), tt
        elif td is not None and "time" in td.columns:
            net._ttime = _time_array(td["time"], "ties")
            times.append(net._ttime)
        # --- memberships
        if md is not None and len(md):
            m = _codes(index, md["member"], "member", value_set)
            g = _codes(index, md["group"], "group", value_set)
            lm, lg = net._node_level[m], net._node_level[g]
            bad = np.flatnonzero(lm >= lg)
            if bad.size:
                i = int(bad[0])
                raise InvalidParameterError(
                    f"membership {_label_of(net._labels, m[i])!r} -> {_label_of(net._labels, g[i])!r} does not go "
                    f"up a level ({net._levels[lm[i]]!r} -> {net._levels[lg[i]]!r})"
                )
            mt = _time_array(md["time"], "memberships") if "time" in md.columns else None
            if mt is not None:
                times.append(mt)
            dup = _duplicate_rows(m * np.int64(n) + g, None)
            if dup.any():
                if duplicates == "error":
                    i = int(np.argmax(dup))
                    raise InvalidParameterError(
                        f"duplicate membership {_label_of(net._labels, m[i])!r} -> {_label_of(net._labels, g[i])!r} "
                        f"(row {i}); pass duplicates='first' to keep the first"
                    )
                keep = ~dup
                m, g = m[keep], g[keep]
                mt = None if mt is None else mt[keep]
            net._mmem, net._mgrp, net._mtime = m, g, mt
        elif md is not None and "time" in md.columns:
            net._mtime = _time_array(md["time"], "memberships")
            times.append(net._mtime)
        kinds = {("M" if t.dtype.kind == "M" else "n") for t in times}
        if len(kinds) > 1:
            raise InvalidParameterError("ties and memberships times must both be numbers or both datetimes")
        net._mcsr()
        return net

    def _derive(self, tie_keep: np.ndarray | None, mem_keep: np.ndarray | None) -> MultiLevelNetwork:
        net = MultiLevelNetwork()
        net._levels, net._labels, net._index = self._levels, self._labels, self._index
        net._node_level, net._attrs = self._node_level, self._attrs
        net._directed, net._weighted = self._directed, self._weighted
        if tie_keep is None:
            net._tsrc, net._tdst, net._tw, net._ttime = self._tsrc, self._tdst, self._tw, self._ttime
        else:
            net._tsrc, net._tdst, net._tw = self._tsrc[tie_keep], self._tdst[tie_keep], self._tw[tie_keep]
            net._ttime = None if self._ttime is None else self._ttime[tie_keep]
        if mem_keep is None:
            net._mmem, net._mgrp, net._mtime = self._mmem, self._mgrp, self._mtime
        else:
            net._mmem, net._mgrp = self._mmem[mem_keep], self._mgrp[mem_keep]
            net._mtime = None if self._mtime is None else self._mtime[mem_keep]
        return net

    # ------------------------------------------------------------------ basic properties
    @property
    def levels(self) -> tuple[str, ...]:
        """The level names, lowest first."""
        return self._levels

    @property
    def num_nodes(self) -> int:
        """Number of nodes on all levels."""
        return int(self._node_level.shape[0])

    @property
    def num_ties(self) -> int:
        """Number of ties (an undirected tie counts once)."""
        return int(self._tsrc.shape[0])

    @property
    def num_memberships(self) -> int:
        """Number of memberships."""
        return int(self._mmem.shape[0])

    @property
    def labels(self) -> np.ndarray | list:
        """Node labels by global id: a read-only numpy array, or a list for object labels."""
        return list(self._labels) if isinstance(self._labels, list) else self._labels

    @property
    def node_level(self) -> np.ndarray:
        """Level index (int8) of every node, by global id."""
        out = self._node_level.view()
        out.setflags(write=False)
        return out

    @property
    def directed(self) -> bool:
        """Whether ties are directed."""
        return self._directed

    @property
    def weighted(self) -> bool:
        """Whether the ties table had a ``weight`` column."""
        return self._weighted

    @property
    def timed(self) -> bool:
        """Whether ties or memberships have a ``time`` column."""
        return self._ttime is not None or self._mtime is not None

    @property
    def attributes(self) -> tuple[str, ...]:
        """Names of the node attributes (the extra columns of the nodes table)."""
        return tuple(self._attrs)

    @property
    def nbytes(self) -> int:
        """Bytes held by the id, weight, time and level arrays (labels and attributes not
        included)."""
        total = self._node_level.nbytes + self._tsrc.nbytes + self._tdst.nbytes + self._tw.nbytes
        total += self._mmem.nbytes + self._mgrp.nbytes
        for t in (self._ttime, self._mtime):
            if t is not None:
                total += t.nbytes
        if "mcsr" in self._cache:
            total += sum(a.nbytes for a in self._cache["mcsr"])
        return int(total)

    def __len__(self) -> int:
        return self.num_nodes

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.level_counts().items())
        return (
            f"MultiLevelNetwork({counts}, ties={self.num_ties}, memberships={self.num_memberships}, "
            f"directed={self._directed})"
        )

    def level_counts(self) -> dict[str, int]:
        """Number of nodes on each level, ``{level: count}`` in level order."""
        c = np.bincount(self._node_level.astype(np.int64), minlength=len(self._levels))
        return {name: int(c[i]) for i, name in enumerate(self._levels)}

    def _level(self, level: Any, name: str = "level") -> int:
        if isinstance(level, str):
            try:
                return self._levels.index(level)
            except ValueError:
                raise InvalidParameterError(f"unknown {name} {level!r}: the levels are {list(self._levels)!r}") from None
        if isinstance(level, numbers.Integral) and not isinstance(level, bool):
            if 0 <= int(level) < len(self._levels):
                return int(level)
            raise InvalidParameterError(f"invalid {name}: index {level} is out of range 0..{len(self._levels) - 1}")
        raise TypeError(f"{name} must be a level name (str) or index, got {type(level).__name__}")

    def level_nodes(self, level: str | int) -> np.ndarray:
        """Global ids (int64, increasing) of the nodes of ``level`` (a name or index)."""
        li = self._level(level)
        key = ("nodes", li)
        if key not in self._cache:
            out = np.flatnonzero(self._node_level == li).astype(np.int64)
            out.setflags(write=False)
            self._cache[key] = out
        return self._cache[key]

    def _local(self) -> np.ndarray:
        """Local id of every node within its level."""
        if "local" not in self._cache:
            local = np.zeros(self.num_nodes, dtype=np.int64)
            for li in range(len(self._levels)):
                ids = self.level_nodes(li)
                local[ids] = np.arange(ids.shape[0], dtype=np.int64)
            self._cache["local"] = local
        return self._cache["local"]

    def _level_labels(self, li: int) -> np.ndarray | list:
        ids = self.level_nodes(li)
        if isinstance(self._labels, list):
            return [self._labels[i] for i in ids.tolist()]
        out = self._labels[ids]
        out.setflags(write=False)
        return out

    def attribute(self, name: str) -> np.ndarray:
        """The node attribute ``name`` by global id (object dtype for strings)."""
        try:
            return self._attrs[name]
        except (KeyError, TypeError):
            raise InvalidParameterError(
                f"unknown attribute {name!r}: the attributes are {list(self._attrs)!r}"
            ) from None

    def node_id(self, label: Hashable) -> int:
        """The global id of the node with this label."""
        try:
            i = self._index.get_loc(label)
        except (KeyError, TypeError):
            raise NodeNotFoundError(f"node {label!r} is not in the network") from None
        if not isinstance(i, (int, np.integer)):
            raise NodeNotFoundError(f"node {label!r} is not in the network")
        return int(i)

    # ------------------------------------------------------------------ ties, memberships, times
    def ties(self, level: str | int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The ties ``(src, dst, weight)`` (int64 global ids, float64 weights, 1 when the ties
        table had none), each undirected tie once, in input order; only those of ``level``
        when given."""
        if level is None:
            return self._tsrc.copy(), self._tdst.copy(), self._tw.copy()
        keep = self._node_level[self._tsrc] == self._level(level)
        return self._tsrc[keep], self._tdst[keep], self._tw[keep]

    def tie_times(self) -> np.ndarray | None:
        """The time of every tie (as in :meth:`ties`), or ``None`` when ties have no time."""
        return None if self._ttime is None else self._ttime.copy()

    def memberships(self, level: str | int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The memberships ``(member, group)`` as int64 global ids, in input order; only those
        whose member is on ``level`` when given."""
        if level is None:
            return self._mmem.copy(), self._mgrp.copy()
        keep = self._node_level[self._mmem] == self._level(level)
        return self._mmem[keep], self._mgrp[keep]

    def membership_times(self) -> np.ndarray | None:
        """The time of every membership, or ``None`` when memberships have no time."""
        return None if self._mtime is None else self._mtime.copy()

    def times(self) -> np.ndarray:
        """The distinct times of ties and memberships, increasing (missing times left out)."""
        parts = [t[~_missing(t)] for t in (self._ttime, self._mtime) if t is not None]
        if not parts:
            return np.zeros(0, dtype=np.float64)
        if len(parts) == 2 and parts[0].dtype != parts[1].dtype and parts[0].dtype.kind != "M":
            parts = [p.astype(np.float64) for p in parts]
        return np.unique(np.concatenate(parts))

    def _keep_nodes(
        self, node_keep: np.ndarray, tie_keep: np.ndarray | None, mem_keep: np.ndarray | None
    ) -> MultiLevelNetwork:
        """A copy with only the nodes of the mask ``node_keep`` (ids re-densified in the same
        order) and the ties and memberships kept by their masks whose two ends are kept."""
        ids = np.flatnonzero(node_keep).astype(np.int64)
        new_id = np.cumsum(node_keep, dtype=np.int64) - 1
        tk = node_keep[self._tsrc] & node_keep[self._tdst]
        mk = node_keep[self._mmem] & node_keep[self._mgrp]
        tk = tk if tie_keep is None else tk & tie_keep
        mk = mk if mem_keep is None else mk & mem_keep
        net = self._derive(tk, mk)
        net._tsrc, net._tdst = new_id[net._tsrc], new_id[net._tdst]
        net._mmem, net._mgrp = new_id[net._mmem], new_id[net._mgrp]
        net._index = self._index[ids]
        if isinstance(self._labels, list):
            net._labels = np.asarray(self._labels, dtype=object)[ids].tolist()
        else:
            labels = self._labels[ids]
            labels.setflags(write=False)
            net._labels = labels
        net._node_level = self._node_level[ids]
        net._attrs = {k: v[ids] for k, v in self._attrs.items()}
        return net

    def _node_times(self, name: Any) -> np.ndarray:
        """The node attribute ``name`` as times: int64, float64 (NaN = no time) or
        datetime64[ns] (NaT = no time)."""
        import pandas as pd

        if not isinstance(name, str):
            raise TypeError(f"node_time must be an attribute name (str), got {type(name).__name__}")
        arr = self.attribute(name)
        kind = arr.dtype.kind
        if kind in "iu":
            return arr.astype(np.int64, copy=False)
        if kind == "f":
            return arr.astype(np.float64, copy=False)
        if kind == "M":
            return arr.astype("datetime64[ns]", copy=False)
        if kind == "O":
            s = pd.Series(arr, dtype=object)
            present = s[s.notna()]
            if all(isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_)) for x in present):
                return np.asarray(pd.to_numeric(s, errors="coerce").astype(np.float64).to_numpy())
            if all(isinstance(x, (str, np.datetime64)) or hasattr(x, "isoformat") for x in present):
                try:
                    return _time_array(s, "node")
                except InvalidParameterError:
                    pass
                first = next((x for x in present if not isinstance(x, str)), present.iloc[0] if len(present) else None)
                raise InvalidParameterError(
                    f"invalid node_time attribute {name!r}: must hold numbers or datetimes (or ISO date "
                    f"strings), got values such as {first!r}"
                )
        raise InvalidParameterError(
            f"invalid node_time attribute {name!r}: must hold numbers or datetimes, got dtype {arr.dtype}"
        )

    def snapshot(self, t: Any, *, node_time: str | None = None) -> MultiLevelNetwork:
        """The network at time ``t``: the ties and memberships whose time is ``<= t``, and
        every one that has no time; with ``node_time``, only the nodes that have joined by ``t``.

        Parameters
        ----------
        t : number or datetime
            A number when times are numbers, and anything :class:`pandas.Timestamp` accepts (a
            datetime, ``numpy.datetime64``, an ISO string) when they are datetimes.
        node_time : str, optional
            The name of a node attribute holding each node's joining time (numbers or
            datetimes, the same kind as the ties' and memberships' times; NaN/NaT/None = always
            present). When given, the nodes whose time is ``> t`` are dropped, with every tie
            and membership touching them. Default: every node is kept.

        Returns
        -------
        MultiLevelNetwork
            Without ``node_time`` it has the same nodes and ids. With ``node_time`` the **node
            ids change**: the kept nodes are re-numbered ``0..n'-1`` in their original order;
            their labels, levels and attributes are kept, so map results back by label
            (:attr:`labels`, :meth:`node_id`), not by id.

        Raises
        ------
        InvalidParameterError
            ``t`` is not a valid time; ``node_time`` is not an attribute of the network (the
            message lists them), does not hold numbers or datetimes, or is of another kind
            (numbers vs datetimes) than the ties' and memberships' times.
        TypeError
            ``node_time`` is not a str.

        Notes
        -----
        O(n + m) numpy masks, no Python loop per node, tie or membership (labels that are
        Python objects are re-listed once).

        Examples
        --------
        >>> import impactgraph as ig
        >>> nodes = {"node": ["ann", "bob", "cat", "x", "y"], "level": ["member"] * 3 + ["organization"] * 2}
        >>> ties = {"source": ["ann", "bob"], "target": ["bob", "cat"], "weight": [2.0, 1.0], "time": [2020, 2023]}
        >>> mem = {"member": ["ann", "bob", "bob", "cat"], "group": ["x", "x", "y", "y"], "time": [2019, 2019, 2022, 2022]}
        >>> net = ig.multilevel.MultiLevelNetwork.from_tables(nodes, ties, mem)
        >>> net.times().tolist()
        [2019, 2020, 2022, 2023]
        >>> s = net.snapshot(2021)
        >>> s.num_ties, s.num_memberships, s.members_of("y")
        (1, 2, [])

        With a joining time per node, the nodes not yet joined are dropped (ids re-numbered):

        >>> nodes["joined"] = [2019, 2019, 2022, 2019, 2022]
        >>> net = ig.multilevel.MultiLevelNetwork.from_tables(nodes, ties, mem)
        >>> s = net.snapshot(2021, node_time="joined")
        >>> s.labels, s.num_ties, s.num_memberships
        (['ann', 'bob', 'x'], 1, 2)
        """
        import pandas as pd

        ntime = None if node_time is None else self._node_times(node_time)
        ref = self._ttime if self._ttime is not None else self._mtime
        if ref is not None and ntime is not None and (ref.dtype.kind == "M") != (ntime.dtype.kind == "M"):
            kinds = ("datetimes", "numbers") if ref.dtype.kind == "M" else ("numbers", "datetimes")
            raise InvalidParameterError(
                f"invalid node_time attribute {node_time!r}: the ties' and memberships' times are {kinds[0]} "
                f"but the node times are {kinds[1]}"
            )
        if ref is None:
            ref = ntime
        if ref is None:
            return self._derive(None, None)
        if ref.dtype.kind == "M":
            try:
                ts = pd.Timestamp(t)
            except (ValueError, TypeError) as e:
                raise InvalidParameterError(f"invalid time {t!r}: {e}") from None
            if ts.tzinfo is not None:
                ts = ts.tz_convert("UTC").tz_localize(None)
            tv: Any = np.datetime64(ts.to_datetime64(), "ns")
        else:
            tv = real_arg("t", t)

        def keep(times: np.ndarray | None) -> np.ndarray | None:
            if times is None:
                return None
            return np.asarray(_missing(times) | (times <= tv))

        if ntime is None:
            return self._derive(keep(self._ttime), keep(self._mtime))
        node_keep = keep(ntime)
        assert node_keep is not None
        return self._keep_nodes(node_keep, keep(self._ttime), keep(self._mtime))

    # ------------------------------------------------------------------ membership structure
    def _mcsr(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(m_indptr, m_groups, g_indptr, g_members)``: the Rust CSR member -> groups and
        group -> members over global ids, each row increasing (indptr as int64)."""
        if "mcsr" not in self._cache:
            mi, mg, gi, gm = _ig.membership_csr(
                np.ascontiguousarray(self._mmem, dtype=np.int64),
                np.ascontiguousarray(self._mgrp, dtype=np.int64),
                np.ascontiguousarray(self._node_level),
            )
            self._cache["mcsr"] = (mi.astype(np.int64), mg, gi.astype(np.int64), gm)
        return self._cache["mcsr"]

    def _affiliation(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """Distinct pairs ``(node of level lo, group of level hi)`` joined by a chain of
        memberships, sorted by (node, group); global ids."""
        key = ("aff", lo, hi)
        if key in self._cache:
            return self._cache[key]
        mi, mg, _, _ = self._mcsr()
        lvl = self._node_level
        nodes = self.level_nodes(lo)
        k, g = _expand(mi, mg, nodes)
        x = nodes[k]
        done_x, done_g = [], []
        while x.size:
            lg = lvl[g]
            fin = lg == hi
            done_x.append(x[fin])
            done_g.append(g[fin])
            go = lg < hi
            x, g = x[go], g[go]
            if x.size:
                # keep chains distinct so that work stays bounded
                n = np.int64(self.num_nodes)
                u = np.unique(x * n + g)
                x, g = u // n, u % n
                k, g = _expand(mi, mg, g)
                x = x[k]
        if done_x:
            xs, gs = np.concatenate(done_x), np.concatenate(done_g)
        else:
            xs = gs = np.zeros(0, dtype=np.int64)
        n = np.int64(self.num_nodes)
        u = np.unique(xs * n + gs)
        out = (u // n, u % n)
        self._cache[key] = out
        return out

    def groups_of(self, node: Hashable) -> list:
        """Labels of the groups ``node`` belongs to directly, by increasing id."""
        i = self.node_id(node)
        mi, mg, _, _ = self._mcsr()
        return [_label_of(self._labels, g) for g in mg[mi[i] : mi[i + 1]].tolist()]

    def members_of(self, group: Hashable) -> list:
        """Labels of the direct members of ``group``, by increasing id."""
        i = self.node_id(group)
        _, _, gi, gm = self._mcsr()
        return [_label_of(self._labels, m) for m in gm[gi[i] : gi[i + 1]].tolist()]

    # ------------------------------------------------------------------ graph views
    def graph(self, level: str | int | None = None, *, weight: bool = True, threads: int | None = None) -> Graph:
        """A plain :class:`~impactgraph.Graph` for the algorithms of impactgraph.

        Parameters
        ----------
        level : str or int, optional
            The level whose ties make the graph: its nodes (local ids in the order of
            :meth:`level_nodes`, labelled), directed when the network is. ``None``: every node
            (global ids, labels), every tie, and every membership as an undirected edge of
            weight 1 (two arcs, member -> group and group -> member, in a directed network).
        weight : bool, default True
            Weighted by the tie weights when the ties table had a ``weight`` column; ``False``
            (or no such column) gives an unweighted graph. Ties repeated at several times are
            merged, their weights summed.
        threads : int, optional
            Number of threads (default: all).

        Returns
        -------
        Graph

        Raises
        ------
        InvalidParameterError
            An unknown level.

        Examples
        --------
        >>> import impactgraph as ig
        >>> nodes = {"node": ["ann", "bob", "cat", "x", "y"], "level": ["member"] * 3 + ["organization"] * 2}
        >>> ties = {"source": ["ann", "bob"], "target": ["bob", "cat"], "weight": [2.0, 1.0], "time": [2020, 2023]}
        >>> mem = {"member": ["ann", "bob", "bob", "cat"], "group": ["x", "x", "y", "y"], "time": [2019, 2019, 2022, 2022]}
        >>> net = ig.multilevel.MultiLevelNetwork.from_tables(nodes, ties, mem)
        >>> G = net.graph("member")
        >>> G.labels, G.edges()
        (['ann', 'bob', 'cat'], (array([0, 1]), array([1, 2]), array([2., 1.])))
        >>> net.graph().num_edges  # 2 ties + 4 memberships
        6
        """
        th = check_threads(threads)
        wt = bool(weight) and self._weighted
        if level is None:
            m, g = self._mmem, self._mgrp
            if self._directed:
                src = np.concatenate([self._tsrc, m, g])
                dst = np.concatenate([self._tdst, g, m])
                ones = 2 * m.shape[0]
            else:
                src = np.concatenate([self._tsrc, m])
                dst = np.concatenate([self._tdst, g])
                ones = m.shape[0]
            w = np.concatenate([self._tw, np.ones(ones)]) if wt else None
            return _make_graph(src, dst, w, self.num_nodes, self.labels, self._directed, th)
        li = self._level(level)
        s, d, w0 = self.ties(li)
        local = self._local()
        return _make_graph(
            local[s],
            local[d],
            w0 if wt else None,
            self.level_nodes(li).shape[0],
            self._level_labels(li),
            self._directed,
            th,
        )

    def _bipartite(self, lo: int, hi: int, threads: int | None) -> tuple[Graph, int, np.ndarray]:
        """Two-mode graph: nodes of ``lo`` (ids 0..k-1) then groups of ``hi``; also k and the
        affiliation pairs' local ends."""
        key = ("bipartite", lo, hi)
        if key not in self._cache:
            x, g = self._affiliation(lo, hi)
            local = self._local()
            k = self.level_nodes(lo).shape[0]
            ng = self.level_nodes(hi).shape[0]
            B = _make_graph(local[x], local[g] + k, None, k + ng, None, False, threads, duplicates="error")
            self._cache[key] = (B, k, local[x])
        return self._cache[key]

    def _via(self, li: int, via: Any) -> int:
        if via is None:
            if li + 1 >= len(self._levels):
                raise InvalidParameterError(f"level {self._levels[li]!r} is the top level: it has no groups")
            return li + 1
        vi = self._level(via, "via")
        if vi <= li:
            raise InvalidParameterError(
                f"via level {self._levels[vi]!r} must be above level {self._levels[li]!r}"
            )
        return vi

    def project(
        self,
        level: str | int,
        via: str | int | None = None,
        *,
        weighting: str | None = "count",
        min_weight: float | None = None,
        threads: int | None = None,
    ) -> Graph:
        """One-mode projection: nodes of ``level`` tied when they share a group of level ``via``.

        Parameters
        ----------
        level : str or int
            The level to project onto.
        via : str or int, optional
            The level of the groups (default: the level just above). Belonging is transitive
            (a member of an organization is in the organization's local network).
        weighting : {"count", "newman", "jaccard", "overlap", "ratio", None}, default "count"
            As in :func:`impactgraph.bipartite.projected_graph`: shared groups, Newman's
            collaboration weight, Jaccard or overlap of the group sets, count over the number
            of groups of ``via``; ``None`` gives an unweighted graph.
        min_weight : float, optional
            Drop ties whose weight is below this.
        threads : int, optional
            Number of threads (default: all).

        Returns
        -------
        Graph
            Undirected, on the nodes of ``level`` (local ids, labels).

        Raises
        ------
        InvalidParameterError
            An unknown level or weighting, ``via`` not above ``level``, or ``level`` the top
            level without ``via``.

        Notes
        -----
        The Rust kernel of :func:`impactgraph.bipartite.projection_ties` on the two-mode graph
        of ``level``'s nodes and ``via``'s groups: O(two-step paths) work in parallel, no dense
        matrix; its rows become the graph's CSR directly (no edge list, no sort). networkx's ``weighted_projected_graph`` (count), ``collaboration_weighted_
        projected_graph`` (newman) and ``overlap_weighted_projected_graph`` (jaccard; overlap
        with ``jaccard=False``) give the same ties and weights.

        Examples
        --------
        >>> import impactgraph as ig
        >>> nodes = {"node": ["ann", "bob", "cat", "x", "y"], "level": ["member"] * 3 + ["organization"] * 2}
        >>> ties = {"source": ["ann", "bob"], "target": ["bob", "cat"], "weight": [2.0, 1.0], "time": [2020, 2023]}
        >>> mem = {"member": ["ann", "bob", "bob", "cat"], "group": ["x", "x", "y", "y"], "time": [2019, 2019, 2022, 2022]}
        >>> net = ig.multilevel.MultiLevelNetwork.from_tables(nodes, ties, mem)
        >>> net.project("member").edges()  # ann-bob share x, bob-cat share y
        (array([0, 1]), array([1, 2]), array([1., 1.]))
        >>> net.project("organization", via="organization")
        Traceback (most recent call last):
        ...
        impactgraph.errors.InvalidParameterError: via level 'organization' must be above level 'organization'
        """
        th = check_threads(threads)
        how = _weighting(weighting, allow_none=True)
        li = self._level(level)
        vi = self._via(li, via)
        B, k, _ = self._bipartite(li, vi, th)
        mw = None if min_weight is None else real_arg("min_weight", min_weight)
        core = _ig.project_members(B._core, k, weighting=how, min_weight=mw, weighted=weighting is not None, threads=th)
        return Graph(core, self._level_labels(li), _trusted_labels=True)

    def rollup(
        self,
        level: str | int,
        *,
        how: str = "count",
        include_memberships: bool = True,
        from_level: str | int | None = None,
        self_loops: bool = False,
        threads: int | None = None,
    ) -> Graph:
        """Ties of a lower level aggregated to the groups of ``level``.

        Parameters
        ----------
        level : str or int
            The level of the groups (not the lowest level).
        how : {"count", "sum"}, default "count"
            A tie ``u - v`` of ``from_level`` adds 1 (``"count"``) or its weight (``"sum"``) to
            the tie ``g - h`` for every group ``g`` of ``u`` and ``h`` of ``v`` on ``level``
            (a node in several groups counts for each pair; belonging is transitive).
        include_memberships : bool, default True
            Also add, for two groups that share ``k`` nodes of ``from_level``, ``k`` to their
            tie (each shared node adds 1, whatever ``how``).
        from_level : str or int, optional
            The level whose ties and members are rolled up (default: the level just below).
        self_loops : bool, default False
            Keep ties inside one group (``g == h``) as a self-loop; by default they are dropped.
        threads : int, optional
            Number of threads (default: all).

        Returns
        -------
        Graph
            Weighted, on the nodes of ``level`` (local ids, labels); directed when the network
            is (a directed tie ``u -> v`` adds to ``g -> h``; shared members add to both
            ``g -> h`` and ``h -> g``); undirected otherwise (``g - h`` and ``h - g`` are the
            same tie).

        Raises
        ------
        InvalidParameterError
            An unknown level, ``how`` not "count" or "sum", ``from_level`` not below ``level``.

        Notes
        -----
        In Rust, parallel over groups with one accumulator per thread (no dense matrix):
        O(sum over ties of |groups(u)| |groups(v)| + sum over members of |groups|^2) work.
        Results are identical for any number of threads.

        Examples
        --------
        >>> import impactgraph as ig
        >>> nodes = {"node": ["ann", "bob", "cat", "x", "y"], "level": ["member"] * 3 + ["organization"] * 2}
        >>> ties = {"source": ["ann", "bob"], "target": ["bob", "cat"], "weight": [2.0, 1.0], "time": [2020, 2023]}
        >>> mem = {"member": ["ann", "bob", "bob", "cat"], "group": ["x", "x", "y", "y"], "time": [2019, 2019, 2022, 2022]}
        >>> net = ig.multilevel.MultiLevelNetwork.from_tables(nodes, ties, mem)
        >>> # ann-bob (2): x-y +2 (x-x dropped); bob-cat (1): x-y +1 (y-y dropped); bob in both: +1
        >>> R = net.rollup("organization", how="sum")
        >>> R.labels, R.edges()
        (['x', 'y'], (array([0]), array([1]), array([4.])))
        >>> net.rollup("organization", include_memberships=False, self_loops=True).edges()
        (array([0, 0, 1]), array([0, 1, 1]), array([1., 2., 1.]))
        """
        th = check_threads(threads)
        if how not in ("count", "sum"):
            raise InvalidParameterError(f'how must be "count" or "sum", got {how!r}')
        hi = self._level(level)
        if from_level is None:
            if hi == 0:
                raise InvalidParameterError(f"level {self._levels[0]!r} is the lowest level: nothing to roll up")
            lo = hi - 1
        else:
            lo = self._level(from_level, "from_level")
            if lo >= hi:
                raise InvalidParameterError(
                    f"from_level {self._levels[lo]!r} must be below level {self._levels[hi]!r}"
                )
        x, g = self._affiliation(lo, hi)
        local = self._local()
        k = self.level_nodes(lo).shape[0]
        ng = self.level_nodes(hi).shape[0]
        s, d, w = self.ties(lo)
        indptr, tgt, wt = _ig.rollup(
            local[x],
            local[g],
            k,
            ng,
            np.ascontiguousarray(local[s]),
            np.ascontiguousarray(local[d]),
            np.ascontiguousarray(w) if how == "sum" else None,
            sum=how == "sum",
            include_memberships=bool(include_memberships),
            self_loops=bool(self_loops),
            directed=self._directed,
            threads=th,
        )
        src = np.repeat(np.arange(ng, dtype=np.int64), np.diff(indptr).astype(np.int64))
        return _make_graph(
            src, tgt.astype(np.int64), wt, ng, self._level_labels(hi), self._directed, th, duplicates="error"
        )

    def bridging_members(
        self, level: str | int = "member", via: str | int | None = None, *, threads: int | None = None
    ) -> BridgingMembers:
        """Nodes of ``level`` that belong to two or more groups of level ``via`` (default: the
        level above), the group pairs they connect, and how many of those pairs share no other
        node of ``level``.

        Parameters
        ----------
        level : str or int, default "member"
            The level of the bridging nodes.
        via : str or int, optional
            The level of the groups (default: the level just above); belonging is transitive.
        threads : int, optional
            Number of threads (default: all).

        Returns
        -------
        BridgingMembers

        Raises
        ------
        InvalidParameterError
            An unknown level, ``via`` not above ``level``, or ``level`` the top level.

        Notes
        -----
        In Rust: the co-membership counts of every pair of groups (O(sum over nodes of k^2),
        parallel over groups, no dense matrix), then a binary search per pair of each node's
        ``k`` groups, parallel over nodes.

        Examples
        --------
        >>> import impactgraph as ig
        >>> nodes = {"node": ["ann", "bob", "cat", "x", "y", "z"], "level": ["member"] * 3 + ["organization"] * 3}
        >>> mem = {"member": ["ann", "ann", "ann", "bob", "bob", "cat"], "group": ["x", "y", "z", "x", "y", "z"]}
        >>> b = ig.multilevel.MultiLevelNetwork.from_tables(nodes, None, mem).bridging_members()
        >>> b.labels, b.num_groups.tolist(), b.pairs.tolist(), b.sole_pairs.tolist()
        (['ann', 'bob'], [3, 2], [3, 1], [2, 0])
        >>> b.to_pandas().loc["ann", "groups"]
        ['x', 'y', 'z']
        """
        li = self._level(level)
        vi = self._via(li, via)
        th = check_threads(threads)
        x, g = self._affiliation(li, vi)
        local = self._local()
        nodes = self.level_nodes(li)
        ng, _pairs, _sole = _ig.bridging(
            local[x], local[g], nodes.shape[0], self.level_nodes(vi).shape[0], threads=th
        )
        bridge = ng >= 2
        bx = nodes[bridge]
        bcnt = ng[bridge].astype(np.int64)
        npairs = _pairs[bridge].astype(np.int64)
        sole = _sole[bridge].astype(np.int64)
        gip = np.zeros(bx.shape[0] + 1, dtype=np.int64)
        np.cumsum(bcnt, out=gip[1:])
        gids = g[bridge[local[x]]]
        return BridgingMembers(
            node_ids=bx.astype(np.int64),
            labels=[_label_of(self._labels, i) for i in bx.tolist()],
            num_groups=bcnt.astype(np.int64),
            pairs=npairs.astype(np.int64),
            sole_pairs=sole.astype(np.int64),
            group_indptr=gip,
            group_ids=gids.astype(np.int64),
            group_labels=self._labels,
        )
