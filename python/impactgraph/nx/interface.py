"""The networkx backend interface of impactgraph (entry point ``networkx.backends``).

networkx (≥ 3.2) dispatches a call such as ``nx.pagerank(G, backend="impactgraph")`` here: it
asks :meth:`BackendInterface.can_run` whether the arguments are supported, :meth:`should_run`
whether it is worth it, converts networkx graphs with :meth:`convert_from_nx` (and caches the
result in ``G.__networkx_cache__``), calls the function of the same name on this object and,
when testing, converts the result back with :meth:`convert_to_nx`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from ..graph import Graph
from . import bipartite, centrality, community, structure  # noqa: F401  (registers adapters)
from ._registry import LINEAR_TIME, MULTIGRAPH_OK, NX_TEST_XFAILS, REGISTRY
from .convert import from_networkx, to_networkx

__all__ = ["BackendInterface", "backend_interface"]

#: Below this many nodes + edges a networkx graph is not converted (should_run declines):
#: converting it costs more than impactgraph saves. ``nx.config.backends.impactgraph.min_size``.
DEFAULT_MIN_SIZE = 200


def _graphs_in(args: tuple, kwargs: Mapping[str, Any]) -> list[Any]:
    out = [a for a in args if hasattr(a, "is_multigraph") and hasattr(a, "is_directed")]
    out += [v for v in kwargs.values() if hasattr(v, "is_multigraph") and hasattr(v, "is_directed")]
    return out


def _converted(g: Any) -> bool:
    """Whether networkx's cache on ``g`` holds a graph converted for impactgraph."""
    cache = getattr(g, "__networkx_cache__", None)
    if not cache:
        return False
    import networkx as nx

    return bool(nx.config.cache_converted_graphs and cache.get("backends", {}).get("impactgraph"))


def _min_size() -> int:
    try:
        import networkx as nx

        v = nx.config.backends.impactgraph.min_size
    except Exception:
        return DEFAULT_MIN_SIZE
    return DEFAULT_MIN_SIZE if v is None else int(v)


class BackendInterface:
    """impactgraph's networkx backend: one attribute per implemented networkx function."""

    @staticmethod
    def convert_from_nx(
        G: Any,
        edge_attrs: Mapping[str, Any] | None = None,
        node_attrs: Mapping[str, Any] | None = None,
        preserve_edge_attrs: bool = False,
        preserve_node_attrs: bool = False,
        preserve_graph_attrs: bool = False,
        name: str | None = None,
        graph_name: str | None = None,
    ) -> Graph:
        """A networkx graph as an impactgraph :class:`~impactgraph.Graph` (node order and labels
        kept; the one requested edge attribute, with its default, as the weights)."""
        return from_networkx(
            G,
            edge_attrs=edge_attrs,
            node_attrs=node_attrs,
            preserve_edge_attrs=preserve_edge_attrs,
            preserve_node_attrs=preserve_node_attrs,
            preserve_graph_attrs=preserve_graph_attrs,
        )

    @staticmethod
    def convert_to_nx(result: Any, *, name: str | None = None) -> Any:
        """impactgraph graphs become networkx graphs; every other result is already networkx's
        type (dicts of Python numbers, sets of nodes) and is returned as it is."""
        return to_networkx(result)

    @staticmethod
    def can_run(name: str, args: tuple, kwargs: Mapping[str, Any]) -> bool | str:
        """``True``, or the reason impactgraph cannot run ``name`` with these arguments."""
        fn = REGISTRY.get(name)
        if fn is None:
            return f"impactgraph does not implement {name}"
        if name not in MULTIGRAPH_OK:
            for g in _graphs_in(args, kwargs):
                if g.is_multigraph():
                    return "multigraphs are not supported by impactgraph's implementation"
        for key in ("weight", "distance"):
            if callable(kwargs.get(key)):
                return f"{key} is a function: impactgraph reads weights from one edge attribute"
        check: Callable[..., Any] | None = fn.can_run  # type: ignore[attr-defined]
        if check is not None:
            try:
                return check(*args, **kwargs)
            except TypeError as e:  # wrong arguments: let networkx raise its own error
                return f"arguments not understood: {e}"
        return True

    @staticmethod
    def should_run(name: str, args: tuple, kwargs: Mapping[str, Any]) -> bool | str:
        """Decline graphs so small that converting them costs more than impactgraph saves
        (threshold ``nx.config.backends.impactgraph.min_size``, default 200 nodes + edges), and
        linear-time functions (degree centralities, components) on graphs not yet converted;
        impactgraph graphs always run."""
        fn = REGISTRY[name]
        check: Callable[..., Any] | None = fn.should_run  # type: ignore[attr-defined]
        if check is not None:
            return check(*args, **kwargs)
        graphs = _graphs_in(args, kwargs)
        if not graphs or any(isinstance(g, Graph) for g in graphs):
            return True
        size = max(g.number_of_nodes() + g.number_of_edges() for g in graphs)
        if size < _min_size():
            return f"graph is small ({size} nodes + edges): conversion costs more than it saves"
        if name in LINEAR_TIME and not all(_converted(g) for g in graphs):
            return (
                "networkx's implementation is one linear pass, as cheap as converting the graph: "
                "impactgraph runs it once a converted graph is cached (after any other impactgraph call)"
            )
        return True

    @staticmethod
    def on_start_tests(items: list[Any]) -> None:
        """networkx's test-suite hook (its conftest calls it with the collected tests): mark the
        tests listed in ``NX_TEST_XFAILS`` xfail(strict) with their reason."""
        import pytest

        for item in items:
            reason = NX_TEST_XFAILS.get(f"{item.path.name}::{item.getmodpath()}")
            if reason is not None:
                item.add_marker(pytest.mark.xfail(reason=reason, strict=True))

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(REGISTRY))


for _name, _fn in REGISTRY.items():
    setattr(BackendInterface, _name, staticmethod(_fn))

#: The object networkx loads from the ``networkx.backends`` entry point.
backend_interface = BackendInterface()


def implemented() -> list[str]:
    """Names of the networkx functions impactgraph implements."""
    return sorted(REGISTRY)


def signature_of(name: str) -> inspect.Signature:
    return inspect.signature(REGISTRY[name])
