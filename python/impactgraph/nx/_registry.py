"""The registry of networkx functions that impactgraph implements (private).

Each adapter is a function with networkx's exact signature, decorated with
:func:`networkx_algorithm`; :mod:`impactgraph.nx.interface` attaches every registered adapter to
the backend interface under networkx's name. An adapter may add a ``can_run`` check with the same
signature (nx-cugraph's pattern)::

    @networkx_algorithm
    def pagerank(G, alpha=0.85, ...): ...

    @pagerank._can_run
    def _(G, alpha=0.85, ...):
        return True or "reason it cannot run"

``should_run`` checks work the same way (``@pagerank._should_run``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["networkx_algorithm", "REGISTRY", "MULTIGRAPH_OK", "LINEAR_TIME", "NX_TEST_XFAILS"]

#: networkx name -> adapter function
REGISTRY: dict[str, Callable[..., Any]] = {}
#: names whose adapters accept multigraphs (the generic check declines them otherwise)
MULTIGRAPH_OK: set[str] = set()
#: names whose networkx implementation is one O(n + m) pass, as cheap as converting the graph:
#: ``should_run`` takes them only when a converted graph is already cached (or given)
LINEAR_TIME: set[str] = set()
#: networkx's own tests that assert what impactgraph cannot reproduce (one draw of networkx's
#: random stream, networkx's internal ordering): ``"file.py::Class.test" -> reason``; marked
#: xfail(strict) by :meth:`BackendInterface.on_start_tests` when networkx's suite runs with us.
NX_TEST_XFAILS: dict[str, str] = {}


def networkx_algorithm(
    func: Callable[..., Any] | None = None,
    *,
    name: str | None = None,
    multigraph: bool = False,
    linear_time: bool = False,
) -> Any:
    """Register ``func`` as impactgraph's implementation of the networkx function ``name``
    (default: the function's own name)."""

    def deco(f: Callable[..., Any]) -> Callable[..., Any]:
        key = name or f.__name__
        if key in REGISTRY:
            raise RuntimeError(f"networkx function {key!r} registered twice")
        REGISTRY[key] = f
        if multigraph:
            MULTIGRAPH_OK.add(key)
        if linear_time:
            LINEAR_TIME.add(key)
        f.can_run = None  # type: ignore[attr-defined]
        f.should_run = None  # type: ignore[attr-defined]

        def _can_run(check: Callable[..., Any]) -> Callable[..., Any]:
            f.can_run = check  # type: ignore[attr-defined]
            return check

        def _should_run(check: Callable[..., Any]) -> Callable[..., Any]:
            f.should_run = check  # type: ignore[attr-defined]
            return check

        f._can_run = _can_run  # type: ignore[attr-defined]
        f._should_run = _should_run  # type: ignore[attr-defined]
        return f

    if func is not None:
        return deco(func)
    return deco
