"""The exception hierarchy of impactgraph.

Every error that impactgraph raises on bad input is either a ``TypeError`` (wrong type or
dtype) or a subclass of :class:`ImpactGraphError` that also derives from the natural built-in,
so that ``except ValueError`` (or ``KeyError``, ``RuntimeError``, ``OSError``) works as well.
The Rust binding maps each core error variant to one of these classes
(``rust/python/src/errors.rs``).
"""

from __future__ import annotations

__all__ = [
    "ImpactGraphError",
    "InvalidGraphError",
    "InvalidParameterError",
    "NodeNotFoundError",
    "NotConvergedError",
    "GraphTooLargeError",
    "GraphIOError",
    "FileFormatError",
]


class ImpactGraphError(Exception):
    """Base class of every impactgraph error."""


class InvalidGraphError(ImpactGraphError, ValueError):
    """The graph or its edge data is invalid for the operation.

    Examples: edge arrays of different lengths, node ids out of range, NaN weights, a duplicate
    edge with ``duplicates="error"``, an empty graph where the answer is undefined.
    """


class InvalidParameterError(ImpactGraphError, ValueError):
    """A parameter is outside its domain (``alpha`` not in [0, 1], ``tol <= 0``, ...)."""


class NodeNotFoundError(ImpactGraphError, KeyError):
    """A node label or id is not in the graph."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class NotConvergedError(ImpactGraphError, RuntimeError):
    """An iterative method did not converge within ``max_iter`` iterations.

    Attributes
    ----------
    iterations : int
        Number of iterations performed.
    tolerance : float
        The tolerance that was asked for.
    """

    def __init__(self, message: str, iterations: int = 0, tolerance: float = 0.0) -> None:
        super().__init__(message)
        self.iterations = iterations
        self.tolerance = tolerance

    def __str__(self) -> str:
        return str(self.args[0])


class GraphTooLargeError(ImpactGraphError, ValueError):
    """The graph does not fit the index types (more than 2**32 - 1 nodes: ids are u32 with 2**32 - 1 kept free)."""


class GraphIOError(ImpactGraphError, OSError):
    """A file could not be opened or read.

    Attributes
    ----------
    path : str
        The file.
    """

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])


class FileFormatError(InvalidGraphError):
    """A file was read but its content is malformed.

    Attributes
    ----------
    path : str
        The file.
    line : int
        The 1-based line number of the first malformed line.
    """

    def __init__(self, message: str, path: str = "", line: int = 0) -> None:
        super().__init__(message)
        self.path = path
        self.line = line

    def __str__(self) -> str:
        return str(self.args[0])
