"""Argument checking shared by the public modules (private)."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeGuard, overload

import numpy as np

from .errors import InvalidParameterError

if TYPE_CHECKING:
    from . import _core
    from .graph import Graph
    from .multilevel import MultiLevelNetwork

__all__ = ["core_of", "use_weights", "check_threads", "node_vector", "seed_to_u64", "real_arg", "int_arg", "is_network"]


def core_of(G: Any, name: str = "G") -> _core.CoreGraph:
    """The native graph inside ``G``, or ``TypeError`` if ``G`` is not an impactgraph Graph."""
    from .graph import Graph

    if not isinstance(G, Graph):
        raise TypeError(
            f"{name} must be an impactgraph.Graph, got {type(G).__name__}; "
            "build one with Graph.from_edges, Graph.from_networkx, Graph.from_scipy or read_edgelist"
        )
    return G._core


def use_weights(G: Graph, weight: Any) -> bool:
    """Whether an algorithm should use the graph's weights.

    ``weight=None`` ignores them; any attribute name (networkx's default for the function) uses
    the weights stored at build time, if the graph has any. Weights are data fixed at build, never
    a callable.
    """
    if weight is None:
        return False
    if callable(weight):
        raise TypeError(
            "weight must be None or an attribute name: impactgraph stores weights once, at graph "
            "build, and does not call a function per edge"
        )
    if not isinstance(weight, str):
        raise TypeError(f"weight must be None or a str, got {type(weight).__name__}")
    return bool(G.weighted)


def check_threads(threads: Any) -> int | None:
    """``None`` (the global rayon pool) or a positive number of threads."""
    if threads is None:
        return None
    if isinstance(threads, bool) or not isinstance(threads, numbers.Integral):
        raise TypeError(f"threads must be a positive int or None, got {type(threads).__name__}")
    if threads < 1:
        raise InvalidParameterError(f"invalid threads: must be a positive int or None, got {threads}")
    return int(threads)


def node_vector(G: Graph, values: Any, name: str) -> np.ndarray | None:
    """A float64 array of length ``n`` from a ``{label: value}`` mapping (missing labels are 0,
    as in networkx) or an array-like indexed by node id; ``None`` stays ``None``."""
    if values is None:
        return None
    n = G.num_nodes
    if isinstance(values, Mapping):
        out = np.zeros(n, dtype=np.float64)
        if values:
            ids = G.node_ids(list(values.keys()))
            try:
                vals = np.fromiter((float(v) for v in values.values()), dtype=np.float64, count=len(values))
            except (TypeError, ValueError) as e:
                raise TypeError(f"{name} values must be numbers: {e}") from None
            out[ids] = vals
        return out
    arr = np.asarray(values)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a mapping {{node: number}} or a numeric array, got dtype {arr.dtype}")
    if arr.ndim != 1 or arr.shape[0] != n:
        raise InvalidParameterError(f"invalid {name}: expected an array of length {n} (one value per node), got shape {arr.shape}")
    return np.ascontiguousarray(arr, dtype=np.float64)


def seed_to_u64(seed: Any) -> int:
    """A 64-bit seed from ``None`` (fresh OS entropy) or a non-negative int."""
    if seed is None:
        return int(np.random.SeedSequence().entropy) & 0xFFFF_FFFF_FFFF_FFFF  # type: ignore[arg-type]
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be a non-negative int or None, got {type(seed).__name__}")
    if seed < 0 or seed >= 2**64:
        raise InvalidParameterError(f"invalid seed: must be in [0, 2**64), got {seed}")
    return int(seed)


def real_arg(name: str, value: Any) -> float:
    """A real number (Python or numpy, not bool) as a float; its range is checked by the core,
    which names the argument."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a float, got {type(value).__name__}")
    return float(value)


@overload
def int_arg(name: str, value: Any, *, optional: Literal[False] = False, non_negative: bool = False) -> int: ...
@overload
def int_arg(name: str, value: Any, *, optional: bool, non_negative: bool = False) -> int | None: ...
def int_arg(name: str, value: Any, *, optional: bool = False, non_negative: bool = False) -> int | None:
    """An int (Python or numpy, not bool); ``None`` passes when ``optional``; negative values are
    an :class:`InvalidParameterError` when ``non_negative``."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        kind = "an int or None" if optional else "an int"
        raise TypeError(f"{name} must be {kind}, got {type(value).__name__}")
    if non_negative and value < 0:
        raise InvalidParameterError(f"invalid {name}: must be a non-negative int, got {value}")
    return int(value)


def is_network(x: Any) -> TypeGuard[MultiLevelNetwork]:
    """Whether ``x`` is a :class:`~impactgraph.multilevel.MultiLevelNetwork` (imported lazily:
    the modules that accept one are imported by ``multilevel`` itself)."""
    from .multilevel import MultiLevelNetwork

    return isinstance(x, MultiLevelNetwork)
