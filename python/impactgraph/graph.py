"""The immutable :class:`Graph` and its constructors and exports."""

from __future__ import annotations

import os
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from . import _core as _ig
from ._util import check_threads
from .errors import InvalidGraphError, InvalidParameterError, NodeNotFoundError

if TYPE_CHECKING:
    import networkx
    import pandas
    import scipy.sparse

__all__ = ["Graph", "as_dict"]

Duplicates = Literal["sum", "first", "error"]
#: What ``weight_dtype=`` accepts: a numpy float64/float32 dtype or its name.
WeightDtype = Literal["float64", "float32"] | type[np.float64] | type[np.float32] | np.dtype[Any]


def _weight_dtype_name(weight_dtype: Any) -> str:
    """``"float64"`` or ``"float32"`` for a dtype-like, or :class:`InvalidParameterError`."""
    dt = None
    if weight_dtype is not None:
        try:
            dt = np.dtype(weight_dtype)
        except (TypeError, ValueError):
            dt = None
    if dt is None or dt not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise InvalidParameterError(
            f'weight_dtype must be "float64" or "float32" (or numpy.float64 / numpy.float32), got {weight_dtype!r}'
        )
    return dt.name


def _edge_array(a: Any, name: str) -> np.ndarray:
    arr = np.asarray(a)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must be an array of integer node ids, got dtype {arr.dtype}")
    if arr.ndim != 1:
        raise TypeError(f"{name} must be 1-dimensional, got shape {arr.shape}")
    return arr


def _weight_array(w: Any, name: str = "weights") -> np.ndarray:
    arr = np.asarray(w)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    if arr.ndim != 1:
        raise TypeError(f"{name} must be 1-dimensional, got shape {arr.shape}")
    return np.ascontiguousarray(arr, dtype=np.float64)


def _normalize_labels(labels: Any, n: int) -> np.ndarray | list | None:
    """Validated labels: ``None``, a non-object numpy array, or a list; unique, length ``n``."""
    if labels is None:
        return None
    if hasattr(labels, "to_numpy") and not isinstance(labels, np.ndarray):
        labels = labels.to_numpy()
    if isinstance(labels, np.ndarray) and labels.dtype != object:
        if labels.ndim != 1:
            raise TypeError(f"labels must be 1-dimensional, got shape {labels.shape}")
        if labels.shape[0] != n:
            raise InvalidGraphError(f"labels has {labels.shape[0]} entries but the graph has {n} nodes")
        if np.unique(labels).shape[0] != n:
            raise InvalidGraphError("labels must be unique: two nodes share a label")
        out = labels.copy()
        out.setflags(write=False)
        return out
    lst = list(labels)
    if len(lst) != n:
        raise InvalidGraphError(f"labels has {len(lst)} entries but the graph has {n} nodes")
    try:
        unique = len(set(lst))
    except TypeError as e:
        raise TypeError(f"labels must be hashable: {e}") from None
    if unique != n:
        raise InvalidGraphError("labels must be unique: two nodes share a label")
    return lst


class Graph:
    """An immutable graph in compressed sparse row (CSR) form, with optional node labels.

    Nodes are dense ids ``0..n-1`` inside; every result is a numpy array indexed by id. Nodes may
    carry any hashable label (``G.labels``); :func:`as_dict` turns a result into
    ``{label: value}``. Build graphs with :meth:`from_edges`, :meth:`from_scipy`,
    :meth:`from_networkx`, :meth:`from_pandas`, :func:`impactgraph.read_edgelist` or the
    generators.

    Storage: ``indptr`` (uint64, n + 1), ``indices`` (uint32, one per arc) and optional float64
    (or, with ``weight_dtype="float32"``, float32) weights; an undirected edge is stored in both
    rows (a self-loop once), a directed graph also keeps its in-adjacency. :attr:`nbytes` is
    ``8 (n + 1) + 4 a`` unweighted, ``8 (n + 1) + 12 a`` weighted (``8 (n + 1) + 8 a`` with
    float32 weights) for ``a`` arcs, twice that for directed graphs.

    Examples
    --------
    >>> import numpy as np
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0, 1, 2]), np.array([1, 2, 0]), labels=["a", "b", "c"])
    >>> G
    Graph(num_nodes=3, num_edges=3, directed=False, weighted=False)
    >>> G.node_ids(["c", "a"])
    array([2, 0])
    """

    __slots__ = ("_core", "_labels", "_key_to_id", "_nx_graph", "__networkx_cache__", "__weakref__")

    #: networkx dispatches a call on an impactgraph Graph to the "impactgraph" backend
    #: (:mod:`impactgraph.nx`) without converting it.
    __networkx_backend__ = "impactgraph"

    def __init__(self, core: _ig.CoreGraph, labels: Any = None, *, _trusted_labels: bool = False) -> None:
        if not isinstance(core, _ig.CoreGraph):
            raise TypeError("Graph() wraps a native graph; use Graph.from_edges, from_networkx, from_scipy or from_pandas")
        self._core = core
        if _trusted_labels:
            self._labels = labels
        else:
            self._labels = _normalize_labels(labels, core.num_nodes)
        self._key_to_id: dict[Hashable, int] | None = None
        # the networkx graph this one was converted from by the networkx backend (impactgraph.nx)
        self._nx_graph: Any = None
        self.__networkx_cache__: dict[str, Any] = {}

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_edges(
        cls,
        src: Any,
        dst: Any,
        weights: Any = None,
        *,
        directed: bool = False,
        num_nodes: int | None = None,
        labels: Any = None,
        duplicates: Duplicates = "sum",
        self_loops: bool = True,
        threads: int | None = None,
        weight_dtype: WeightDtype = "float64",
    ) -> Graph:
        """Build a graph from two arrays of node ids (and optional weights).

        Parameters
        ----------
        src, dst : array_like of int
            Endpoint ids, any integer dtype, same length; ids must lie in ``0..num_nodes-1``.
            The arrays are read in place (no copy) when they are contiguous and of one dtype.
        weights : array_like of float, optional
            One finite weight per edge.
        directed : bool, default False
        num_nodes : int, optional
            Number of nodes; default ``len(labels)`` if labels are given, else the largest id + 1.
        labels : sequence of hashable, optional
            ``labels[i]`` is the label of node ``i``; unique.
        duplicates : {"sum", "first", "error"}, default "sum"
            An edge given more than once (for undirected graphs, ``(u, v)`` and ``(v, u)`` are
            the same edge) keeps the sum of the weights, the first weight in input order, or
            raises :class:`InvalidGraphError`.
        self_loops : bool, default True
            Keep self-loops (``True``) or drop them.
        threads : int, optional
            Number of threads (default: all, or ``RAYON_NUM_THREADS``).
        weight_dtype : {"float64", "float32"} or numpy.float64 / numpy.float32, default "float64"
            How the weights are stored. ``"float32"`` takes 4 bytes per arc instead of 8 (in
            memory, in :meth:`save` files and on :meth:`load`): duplicates are still summed in
            float64, then each weight is rounded once to the nearest float32. Algorithms read the
            weights as float64: the first weighted algorithm widens them once into a float64 copy
            (8 bytes per arc, kept with the graph; not counted in :attr:`nbytes`), unweighted ones
            never do. Every result equals the result on the float64 graph whose weights are the
            rounded values, since widening is exact.

        Returns
        -------
        Graph

        Raises
        ------
        TypeError
            Non-integer ids, non-numeric weights, arrays that are not 1-d.
        InvalidGraphError
            Arrays of different lengths, negative or out-of-range ids, NaN or infinite weights,
            duplicates with ``duplicates="error"``, labels of the wrong length or not unique;
            with ``weight_dtype="float32"``, a weight (or a sum of duplicate weights) whose
            magnitude exceeds the float32 range (about 3.4e38).
        InvalidParameterError
            A ``weight_dtype`` other than float64 or float32.
        GraphTooLargeError
            More than ``2**32 - 1`` nodes.

        Notes
        -----
        O(n + m) work plus a sort of each row, in parallel; peak memory is the input arrays plus
        the CSR. The result (including sums of duplicate weights, added in input order) is
        identical for any number of threads.

        Examples
        --------
        >>> import numpy as np, impactgraph as ig
        >>> G = ig.Graph.from_edges(np.array([0, 0, 1]), np.array([1, 1, 2]), np.array([1.0, 2.0, 5.0]))
        >>> G.num_edges, G.weighted
        (2, True)
        >>> G.edges()[2]
        array([3., 5.])
        >>> H = ig.Graph.from_edges([0, 0, 1], [1, 1, 2], [0.1, 0.2, 5.0], weight_dtype="float32")
        >>> H.weight_dtype, H.edges()[2], H.nbytes
        (dtype('float32'), array([0.3, 5. ], dtype=float32), 64)
        """
        s = _edge_array(src, "src")
        d = _edge_array(dst, "dst")
        if s.dtype != d.dtype:
            s = s.astype(np.int64)
            d = d.astype(np.int64)
        s = np.ascontiguousarray(s)
        d = np.ascontiguousarray(d)
        w = None if weights is None else _weight_array(weights)
        lab = None
        if labels is not None:
            if hasattr(labels, "__len__") and num_nodes is None:
                num_nodes = len(labels)
        if num_nodes is not None:
            if isinstance(num_nodes, bool) or not isinstance(num_nodes, (int, np.integer)):
                raise TypeError(f"num_nodes must be an int, got {type(num_nodes).__name__}")
            if num_nodes < 0:
                raise InvalidGraphError(f"num_nodes must be non-negative, got {num_nodes}")
        if duplicates not in ("sum", "first", "error"):
            raise InvalidGraphError(f'duplicates must be "sum", "first" or "error", got {duplicates!r}')
        wdt = _weight_dtype_name(weight_dtype)
        core = _ig.from_edges(
            s,
            d,
            w,
            directed=bool(directed),
            num_nodes=None if num_nodes is None else int(num_nodes),
            duplicates=duplicates,
            self_loops=bool(self_loops),
            threads=check_threads(threads),
            weight_dtype=wdt,
        )
        lab = labels
        return cls(core, lab)

    @classmethod
    def from_scipy(
        cls,
        A: scipy.sparse.sparray | scipy.sparse.spmatrix,
        *,
        directed: bool = False,
        weighted: bool = True,
        labels: Any = None,
        threads: int | None = None,
        weight_dtype: WeightDtype = "float64",
    ) -> Graph:
        """Build a graph from a square scipy sparse adjacency matrix.

        Every stored entry ``A[i, j]`` is an arc ``i -> j`` with weight ``A[i, j]`` (explicit
        zeros included, as networkx's ``from_scipy_sparse_array`` does). For an undirected graph
        the matrix must be symmetric and the upper triangle (diagonal included) is used.
        ``weight_dtype`` as in :meth:`from_edges`.

        Raises
        ------
        InvalidGraphError
            A non-square matrix, or a non-symmetric one with ``directed=False``.

        Examples
        --------
        >>> import scipy.sparse as sp, impactgraph as ig
        >>> A = sp.csr_array([[0, 2.0], [2.0, 0]])
        >>> ig.Graph.from_scipy(A).edges()
        (array([0]), array([1]), array([2.]))
        """
        import scipy.sparse as sp

        if not sp.issparse(A):
            raise TypeError(f"A must be a scipy sparse matrix or array, got {type(A).__name__}")
        if A.ndim != 2 or A.shape[0] != A.shape[1]:
            raise InvalidGraphError(f"adjacency matrix must be square, got shape {A.shape}")
        if A.dtype.kind not in "biuf":
            raise TypeError(f"adjacency matrix must be numeric, got dtype {A.dtype}")
        coo = sp.coo_array(A)
        row = np.asarray(coo.row, dtype=np.int64)
        col = np.asarray(coo.col, dtype=np.int64)
        data = np.asarray(coo.data, dtype=np.float64)
        if not directed:
            B = sp.csr_array(A)
            if (B != B.T).nnz != 0:
                raise InvalidGraphError("adjacency matrix is not symmetric; pass directed=True for a directed graph")
            keep = row <= col
            row, col, data = row[keep], col[keep], data[keep]
        return cls.from_edges(
            row,
            col,
            data if weighted else None,
            directed=directed,
            num_nodes=A.shape[0],
            labels=labels,
            duplicates="sum",
            threads=threads,
            weight_dtype=weight_dtype,
        )

    @classmethod
    def from_networkx(
        cls,
        G: networkx.Graph,
        weight: str | None = "weight",
        *,
        threads: int | None = None,
        weight_dtype: WeightDtype = "float64",
    ) -> Graph:
        """Build a graph from a networkx graph, keeping its node order and labels.

        Parameters
        ----------
        G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        weight : str or None, default "weight"
            Edge attribute holding the weight. If no edge has it (or ``weight=None``) the graph is
            unweighted; otherwise edges without it weigh 1, as in networkx. Parallel edges of a
            multigraph are merged by summing their weights (networkx's
            ``to_scipy_sparse_array``).
        weight_dtype : {"float64", "float32"}, default "float64"
            As in :meth:`from_edges`.

        Examples
        --------
        >>> import networkx as nx, impactgraph as ig
        >>> H = ig.Graph.from_networkx(nx.path_graph(["x", "y", "z"]))
        >>> H.labels, H.num_edges
        (['x', 'y', 'z'], 2)
        """
        nodes = list(G)
        n = len(nodes)
        index = {u: i for i, u in enumerate(nodes)}
        m = G.number_of_edges()
        src = np.empty(m, dtype=np.int64)
        dst = np.empty(m, dtype=np.int64)
        w = np.empty(m, dtype=np.float64)
        has_weight = False
        if weight is None:
            for k, (u, v) in enumerate(G.edges()):
                src[k] = index[u]
                dst[k] = index[v]
        else:
            for k, (u, v, d) in enumerate(G.edges(data=True)):
                src[k] = index[u]
                dst[k] = index[v]
                x = d.get(weight)
                if x is None:
                    w[k] = 1.0
                else:
                    has_weight = True
                    w[k] = x
        labels: Any = None if nodes == list(range(n)) else nodes
        return cls.from_edges(
            src,
            dst,
            w if has_weight else None,
            directed=G.is_directed(),
            num_nodes=n,
            labels=labels,
            duplicates="sum",
            threads=threads,
            weight_dtype=weight_dtype,
        )

    @classmethod
    def from_pandas(
        cls,
        df: pandas.DataFrame,
        source: Hashable = "source",
        target: Hashable = "target",
        weight: Hashable | None = None,
        *,
        directed: bool = False,
        duplicates: Duplicates = "sum",
        self_loops: bool = True,
        threads: int | None = None,
        weight_dtype: WeightDtype = "float64",
    ) -> Graph:
        """Build a graph from an edge table. Node labels are the values of the two columns, in
        order of first appearance (row by row, source before target), as networkx's
        ``from_pandas_edgelist`` orders them. ``weight_dtype`` as in :meth:`from_edges`.

        Examples
        --------
        >>> import pandas as pd, impactgraph as ig
        >>> df = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "w": [1.5, 2.0]})
        >>> G = ig.Graph.from_pandas(df, weight="w")
        >>> G.labels, G.edges()[2]
        (['a', 'b', 'c'], array([1.5, 2. ]))
        """
        import pandas as pd

        for col in (source, target) + ((weight,) if weight is not None else ()):
            if col not in df.columns:
                raise InvalidGraphError(f"column {col!r} not in the data frame (columns: {list(df.columns)})")
        s = df[source].to_numpy()
        t = df[target].to_numpy()
        both = np.empty(2 * len(s), dtype=np.result_type(s.dtype, t.dtype) if s.dtype.kind == t.dtype.kind else object)
        both[0::2] = s
        both[1::2] = t
        codes, uniques = pd.factorize(both, sort=False)
        if (codes < 0).any():
            raise InvalidGraphError("source and target columns must not contain missing values")
        w = None
        if weight is not None:
            w = _weight_array(df[weight].to_numpy(), f"column {weight!r}")
        labels = uniques.tolist() if isinstance(uniques, np.ndarray) and uniques.dtype == object else uniques
        return cls.from_edges(
            codes[0::2],
            codes[1::2],
            w,
            directed=directed,
            num_nodes=len(uniques),
            labels=labels,
            duplicates=duplicates,
            self_loops=self_loops,
            threads=threads,
            weight_dtype=weight_dtype,
        )

    # ------------------------------------------------------------------ properties
    @property
    def num_nodes(self) -> int:
        """Number of nodes."""
        return int(self._core.num_nodes)

    @property
    def num_edges(self) -> int:
        """Number of edges; an undirected edge (or self-loop) counts once."""
        return int(self._core.num_edges)

    @property
    def directed(self) -> bool:
        """Whether the graph is directed."""
        return bool(self._core.directed)

    @property
    def weighted(self) -> bool:
        """Whether the graph carries edge weights."""
        return bool(self._core.weighted)

    @property
    def weight_dtype(self) -> np.dtype[Any] | None:
        """The stored weight dtype (``float64`` or ``float32``, see :meth:`from_edges`), or
        ``None`` for an unweighted graph."""
        name = self._core.weight_dtype
        return None if name is None else np.dtype(name)

    @property
    def nbytes(self) -> int:
        """Bytes held by the adjacency arrays (labels not included): 8 or 4 bytes per weight by
        :attr:`weight_dtype` (the float64 copy that weighted algorithms widen float32 weights
        into is not counted)."""
        return int(self._core.nbytes)

    @property
    def num_self_loops(self) -> int:
        """Number of self-loops."""
        return int(self._core.num_self_loops)

    @property
    def labels(self) -> np.ndarray | list:
        """Node labels by id: a read-only numpy array (``arange(n)`` when the graph has no
        labels) or a list for arbitrary hashable labels."""
        if self._labels is None:
            return np.arange(self.num_nodes)
        if isinstance(self._labels, list):
            return list(self._labels)
        return self._labels

    @property
    def has_labels(self) -> bool:
        """Whether nodes carry labels other than their ids."""
        return self._labels is not None

    def __len__(self) -> int:
        return self.num_nodes

    def __repr__(self) -> str:
        return (
            f"Graph(num_nodes={self.num_nodes}, num_edges={self.num_edges}, "
            f"directed={self.directed}, weighted={self.weighted})"
        )

    def is_directed(self) -> bool:
        """Whether the graph is directed (networkx's spelling)."""
        return self.directed

    def is_multigraph(self) -> bool:
        """Always ``False``: parallel edges are merged at build."""
        return False

    # networkx's spelling of the basic queries, so that networkx helpers that are not dispatched
    # (``nx.density``, ``nx.number_of_nodes``, ``len(G)``, ``v in G``, ``list(G)``) work on a Graph
    def number_of_nodes(self) -> int:
        """Number of nodes (networkx's spelling of :attr:`num_nodes`)."""
        return self.num_nodes

    def number_of_edges(self) -> int:
        """Number of edges (networkx's spelling of :attr:`num_edges`)."""
        return self.num_edges

    def __iter__(self) -> Iterator[Hashable]:
        """The nodes (labels, or ids ``0..n-1``) in id order, as networkx iterates a graph."""
        labels = self.labels
        return iter(labels.tolist() if isinstance(labels, np.ndarray) else labels)

    def __contains__(self, node: object) -> bool:
        """Whether ``node`` is a node label (or id, for a graph without labels)."""
        try:
            self.node_id(node)  # type: ignore[arg-type]
        except (NodeNotFoundError, TypeError):
            return False
        return True

    # ------------------------------------------------------------------ labels <-> ids
    def _mapping(self) -> dict[Hashable, int]:
        if self._key_to_id is None:
            labels = self._labels
            assert labels is not None
            keys = labels.tolist() if isinstance(labels, np.ndarray) else labels
            self._key_to_id = dict(zip(keys, range(len(keys))))
        return self._key_to_id

    def node_id(self, label: Hashable) -> int:
        """The id of the node with this label; :class:`NodeNotFoundError` if there is none."""
        if self._labels is None:
            if isinstance(label, (int, np.integer)) and not isinstance(label, bool) and 0 <= label < self.num_nodes:
                return int(label)
            raise NodeNotFoundError(f"node {label!r} is not in the graph (nodes are 0..{self.num_nodes - 1})")
        try:
            return self._mapping()[label]
        except KeyError:
            raise NodeNotFoundError(f"node {label!r} is not in the graph") from None
        except TypeError:
            raise NodeNotFoundError(f"node {label!r} is not in the graph (unhashable)") from None

    def node_ids(self, labels: Iterable[Hashable]) -> np.ndarray:
        """Ids (int64 array) of the nodes with these labels; :class:`NodeNotFoundError` names
        the first label that is not in the graph."""
        if self._labels is None:
            arr = np.asarray(list(labels) if not isinstance(labels, np.ndarray) else labels)
            if arr.size == 0:
                return np.zeros(0, dtype=np.int64)
            if arr.dtype.kind not in "iu" or arr.ndim != 1:
                bad = next(x for x in arr.ravel().tolist() if not isinstance(x, int))
                raise NodeNotFoundError(f"node {bad!r} is not in the graph (nodes are 0..{self.num_nodes - 1})")
            out = arr.astype(np.int64)
            badpos = np.flatnonzero((out < 0) | (out >= self.num_nodes))
            if badpos.size:
                raise NodeNotFoundError(
                    f"node {int(out[badpos[0]])} is not in the graph (nodes are 0..{self.num_nodes - 1})"
                )
            return out
        mp = self._mapping()
        keys = labels.tolist() if isinstance(labels, np.ndarray) else list(labels)
        try:
            return np.fromiter((mp[k] for k in keys), dtype=np.int64, count=len(keys))
        except (KeyError, TypeError):
            bad = next(k for k in keys if not _has_key(mp, k))
            raise NodeNotFoundError(f"node {bad!r} is not in the graph") from None

    # ------------------------------------------------------------------ exports
    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """The edges as ``(src, dst, weights)`` arrays (int64, int64, float64 or ``None``; float32
        for a graph built with ``weight_dtype="float32"``), each undirected edge once with
        ``src <= dst``, sorted by ``(src, dst)``."""
        indptr = self._core.indptr(False)
        dst = self._core.indices(False).astype(np.int64)
        src = np.repeat(np.arange(self.num_nodes, dtype=np.int64), np.diff(indptr).astype(np.int64))
        w = self._core.weights(False)
        if not self.directed:
            keep = src <= dst
            src, dst = src[keep], dst[keep]
            if w is not None:
                w = w[keep]
        return src, dst, w

    def to_scipy(self, weight: str | None = "weight") -> scipy.sparse.csr_array:
        """The adjacency matrix as a ``scipy.sparse.csr_array`` (rows are out-arcs), equal to
        ``networkx.to_scipy_sparse_array(G.to_networkx())``. ``weight=None`` gives ones. The data
        is float32 for a graph with float32 weights, else float64."""
        import scipy.sparse as sp

        n = self.num_nodes
        indptr = self._core.indptr(False).astype(np.int64)
        indices = self._core.indices(False).astype(np.int32 if n < 2**31 else np.int64)
        w = self._core.weights(False)
        data = w if (w is not None and weight is not None) else np.ones(indices.shape[0], dtype=np.float64)
        return sp.csr_array((data, indices, indptr), shape=(n, n))

    def to_networkx(self, weight: str = "weight") -> networkx.Graph:
        """A networkx ``Graph`` or ``DiGraph`` with the same nodes (labels, in id order), edges and,
        if weighted, the weights under the attribute ``weight``."""
        import networkx as nx

        H = nx.DiGraph() if self.directed else nx.Graph()
        labels = self.labels
        keys = labels.tolist() if isinstance(labels, np.ndarray) else labels
        H.add_nodes_from(keys)
        src, dst, w = self.edges()
        if w is None:
            H.add_edges_from(zip([keys[i] for i in src.tolist()], [keys[i] for i in dst.tolist()]))
        else:
            H.add_weighted_edges_from(
                zip([keys[i] for i in src.tolist()], [keys[i] for i in dst.tolist()], w.tolist()), weight=weight
            )
        return H

    def to_pandas(self, source: str = "source", target: str = "target", weight: str = "weight") -> pandas.DataFrame:
        """The edges as a data frame of labels (and weights), as :meth:`edges` orders them."""
        import pandas as pd

        src, dst, w = self.edges()
        labels = self.labels
        lab = np.asarray(labels, dtype=object) if isinstance(labels, list) else labels
        cols: dict[str, Any] = {source: lab[src], target: lab[dst]}
        if w is not None:
            cols[weight] = w
        return pd.DataFrame(cols)

    def unweighted(self) -> Graph:
        """The same graph (and labels) without weights."""
        return Graph(self._core.unweighted(), self._labels, _trusted_labels=True)

    # ------------------------------------------------------------------ binary files
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the graph and its labels to a binary graph file (see ``docs/graph_format.md``).

        Parameters
        ----------
        path : str or os.PathLike
            The file to write (overwritten if it exists).

        Raises
        ------
        TypeError
            If the labels are neither integers nor strings.
        GraphIOError
            If the file cannot be written.

        Notes
        -----
        The file is a 256-byte header (magic, version, flags, counts, section table, CRC-32
        checksums) followed by the CSR arrays, each 64-byte aligned:
        ``8 (n + 1) + 4 a`` bytes (``+ 8 a`` for weights, ``+ 4 a`` for float32 weights, which
        load back as float32), doubled for directed graphs (the
        in-adjacency is stored too), plus the labels (``8 n`` bytes for integers, ``8 (n + 1)``
        plus the UTF-8 bytes for strings). ``a`` is the number of stored arcs
        (``2 m`` minus the self-loops for undirected graphs, ``m`` for directed ones). Writing is one parallel checksum pass and one sequential write;
        the GIL is released. Integer labels are stored as int64 (a numpy array comes back as an
        int64 array, a list as a list); strings as UTF-8 (a numpy string array comes back as a
        list of str).

        Examples
        --------
        >>> import os, tempfile, impactgraph as ig
        >>> G = ig.Graph.from_edges([0, 1], [1, 2], labels=["a", "b", "c"])
        >>> path = os.path.join(tempfile.mkdtemp(), "g.igraph")
        >>> G.save(path)
        >>> H = ig.Graph.load(path)
        >>> H.labels, H.num_edges
        (['a', 'b', 'c'], 2)
        """
        labels, as_list = _labels_for_save(self._labels)
        _ig.save_graph(self._core, os.fspath(path), labels, labels_as_list=as_list)

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, mmap: bool = True, verify: bool = True) -> Graph:
        """Read a graph written by :meth:`save`.

        Parameters
        ----------
        path : str or os.PathLike
            The file.
        mmap : bool, default True
            Memory-map the file and use the arrays in place (no copy: a billion-edge graph
            opens in the time of the validation scans; pages are read on first use). With
            ``False`` the arrays are read into memory.
        verify : bool, default True
            Check the CRC-32 checksum of every section (one extra pass over the file, about a
            second per few GB with all cores).

        Returns
        -------
        Graph
            The graph, with the labels it was saved with.

        Raises
        ------
        GraphIOError
            If the file cannot be opened or read (missing, a directory, no permission).
        FileFormatError
            If the file is not a graph file (bad magic), has an unsupported version, is
            truncated, fails a checksum, or holds inconsistent arrays.

        Notes
        -----
        The header, the array shapes, ``indptr`` (starts at 0, non-decreasing, ends at the arc
        count), the neighbour ids (below n, sorted rows) and finite weights are always
        validated with parallel O(n + m) scans, so a corrupt file raises an error and never
        crashes a later algorithm. A mapped file must not be modified or truncated while the
        graph is alive. The GIL is released.

        Examples
        --------
        >>> import os, tempfile, impactgraph as ig
        >>> path = os.path.join(tempfile.mkdtemp(), "g.igraph")
        >>> ig.Graph.from_edges([0, 1], [1, 2], [0.5, 2.0], directed=True).save(path)
        >>> G = ig.Graph.load(path, mmap=False)
        >>> G.directed, G.weighted, G.num_edges
        (True, True, 2)
        """
        core, labels = _ig.load_graph(os.fspath(path), mmap=mmap, verify=verify)
        if isinstance(labels, np.ndarray):
            labels.setflags(write=False)
        return cls(core, labels, _trusted_labels=True)


_I64 = np.iinfo(np.int64)


def _labels_for_save(labels: Any) -> tuple[Any, bool]:
    """Labels as the native writer takes them: ``(None | int64 array | list[str], as_list)``."""
    if labels is None:
        return None, False
    if isinstance(labels, np.ndarray):
        if labels.dtype.kind in "iu":
            if labels.size and labels.dtype.kind == "u" and int(labels.max()) > _I64.max:
                raise TypeError("integer labels must fit int64 to be saved")
            return np.ascontiguousarray(labels, dtype=np.int64), False
        if labels.dtype.kind == "U":
            return labels.tolist(), False
        raise TypeError(f"only integer or string labels can be saved, got a numpy array of dtype {labels.dtype}")
    lst = list(labels)
    if all(isinstance(x, str) for x in lst):
        return lst, False
    if all(isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)) for x in lst):
        if any(not (_I64.min <= int(x) <= _I64.max) for x in lst):
            raise TypeError("integer labels must fit int64 to be saved")
        return np.array([int(x) for x in lst], dtype=np.int64), True
    bad = [x for x in lst if not isinstance(x, (str, int, np.integer)) or isinstance(x, (bool, np.bool_))]
    kinds = f"a label of type {type(bad[0]).__name__}" if bad else "mixed integer and string labels"
    raise TypeError(f"only integer or string labels can be saved (all of one kind), got {kinds}")


def _has_key(mp: dict, k: Any) -> bool:
    try:
        return k in mp
    except TypeError:
        return False


def as_dict(G: Graph, values: Sequence[Any] | np.ndarray) -> dict[Hashable, Any]:
    """``{label: value}`` for a per-node result, with Python ``float``/``int`` values.

    Examples
    --------
    >>> import numpy as np, impactgraph as ig
    >>> G = ig.Graph.from_edges(np.array([0]), np.array([1]), labels=["a", "b"])
    >>> ig.as_dict(G, np.array([0.25, 0.75]))
    {'a': 0.25, 'b': 0.75}
    """
    if not isinstance(G, Graph):
        raise TypeError(f"G must be an impactgraph.Graph, got {type(G).__name__}")
    arr = np.asarray(values)
    if arr.ndim != 1 or arr.shape[0] != G.num_nodes:
        raise InvalidGraphError(f"values must have one entry per node ({G.num_nodes}), got shape {arr.shape}")
    labels = G.labels
    keys = labels.tolist() if isinstance(labels, np.ndarray) else labels
    return dict(zip(keys, arr.tolist()))
