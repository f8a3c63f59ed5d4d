"""Weaver roles: the Guimerà–Amaral cartography of nodes in a partitioned network, and brokers.

Each node is placed by two numbers computed against a partition into communities: its
within-module degree z-score ``z`` (how connected it is inside its own community, compared with
the other members) and its participation coefficient ``P`` (how evenly its ties are spread over
the communities). Thresholds on ``(z, P)`` give seven roles, from ultra-peripheral members to
kinless hubs; Burt's constraint adds the brokers who span structural holes.

Results are numpy arrays indexed by node id (use :func:`impactgraph.as_dict` for
``{label: value}``).
"""

from __future__ import annotations

import dataclasses
import numbers
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core as _ig
from ._util import check_threads, core_of, real_arg, use_weights
from .errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas

    from .graph import Graph

__all__ = [
    "ROLE_NAMES",
    "RolesResult",
    "participation_coefficient",
    "within_module_degree",
    "weaver_roles",
]

#: Role code -> name (Guimerà & Amaral 2005, R1..R7).
ROLE_NAMES: dict[int, str] = {
    1: "ultra-peripheral",
    2: "peripheral",
    3: "connector",
    4: "kinless",
    5: "provincial hub",
    6: "connector hub",
    7: "kinless hub",
}

#: Hub threshold on z, and the upper P bounds of R1..R3 (non-hubs) and R5..R6 (hubs).
HUB_Z = 2.5
_NONHUB_P = (0.05, 0.62, 0.80)
_HUB_P = (0.30, 0.75)
#: Rounding allowance of the threshold comparisons.
_EPS = 1e-12


def _measures(G: Any, communities: Any, weight: Any, threads: Any) -> tuple[np.ndarray, ...]:
    """``(membership, degree, within_degree, participation, z)`` from the core."""
    from .community import _membership_of

    core = core_of(G)
    membership = _membership_of(G, communities)
    deg, within, part, z = _ig.community_roles(
        core, membership, use_weights=use_weights(G, weight), threads=check_threads(threads)
    )
    return membership, deg, within, part, z


def participation_coefficient(
    G: Graph, communities: Any, /, *, weight: str | None = None, threads: int | None = None
) -> np.ndarray:
    """Participation coefficient of every node: how evenly its ties spread over communities.

    ``P_i = 1 - sum_s (k_is / k_i) ** 2`` with ``k_i`` the degree of ``i`` and ``k_is`` the
    number of its ties to nodes of community ``s``. ``P = 0`` when all ties stay in one
    community; it tends to 1 as they spread evenly over many.

    Parameters
    ----------
    G : Graph
        Directed or undirected.
    communities : Partition, array-like of int, or iterable of sets of nodes
        A :class:`~impactgraph.community.Partition`, a non-negative integer community id per node
        id, or collections of node labels that partition the nodes.
    weight : str or None, default None
        ``None`` counts ties; an attribute name uses the weights stored in ``G`` at build time
        (if any), which must be non-negative (strengths replace degrees).
    threads : int, optional
        Number of threads (default: all, or ``RAYON_NUM_THREADS``); the result does not depend
        on it.

    Returns
    -------
    numpy.ndarray
        float64 ``P`` per node id, in ``[0, 1)``; 0 for nodes without ties.

    Raises
    ------
    TypeError
        ``G`` is not a :class:`Graph`; ``communities`` of the wrong type or a non-integer dtype;
        ``weight`` not ``None`` or a str.
    InvalidParameterError
        ``communities`` does not have one id per node, has negative ids, or its sets do not
        partition the nodes.
    InvalidGraphError
        A negative weight (with ``weight`` not ``None``).

    Notes
    -----
    Undirected graphs: a self-loop counts 2 in ``k_i`` and in ``k_{i, s_i}`` (as in
    :func:`impactgraph.degree`). Directed graphs use the total degree: ``k_is`` counts the arcs
    from ``i`` to ``s`` plus those from ``s`` to ``i``. One parallel pass over the arcs with a
    per-thread scratch array of one slot per community: O(n + m) work, O(n + c) memory per
    thread. Each node is computed by one task in neighbour order, so the result is bit-identical
    for any number of threads.

    References
    ----------
    .. [1] R. Guimerà and L. A. N. Amaral, "Functional cartography of complex metabolic
       networks", Nature 433 (2005) 895-900.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 1, 2, 2], [1, 2, 0, 3])
    >>> ig.roles.participation_coefficient(G, [0, 0, 0, 1]).round(4)
    array([0.    , 0.    , 0.4444, 0.    ])
    """
    return _measures(G, communities, weight, threads)[3]


def within_module_degree(
    G: Graph, communities: Any, /, *, weight: str | None = None, threads: int | None = None
) -> np.ndarray:
    """Within-module degree z-score of every node: how connected it is inside its community.

    ``z_i = (kappa_i - mean_s) / std_s`` with ``kappa_i`` the number of ties of ``i`` to its own
    community ``s`` and ``mean_s``, ``std_s`` the mean and (population) standard deviation of
    ``kappa`` over the members of ``s``; ``z_i = 0`` where ``std_s = 0``.

    Parameters
    ----------
    G : Graph
        Directed or undirected.
    communities : Partition, array-like of int, or iterable of sets of nodes
        As in :func:`participation_coefficient`.
    weight : str or None, default None
        ``None`` counts ties; an attribute name uses the stored (non-negative) weights.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    numpy.ndarray
        float64 ``z`` per node id.

    Raises
    ------
    TypeError
        As in :func:`participation_coefficient`.
    InvalidParameterError
        As in :func:`participation_coefficient`.
    InvalidGraphError
        A negative weight (with ``weight`` not ``None``).

    Notes
    -----
    The standard deviation divides by the community size (``numpy.std``'s default, as in the
    Brain Connectivity Toolbox). Self-loops and directed graphs are counted as in
    :func:`participation_coefficient`. Means and deviations are summed per community by one
    task in node order (two passes), so the result is bit-identical for any number of threads.
    O(n + m) work.

    References
    ----------
    .. [1] R. Guimerà and L. A. N. Amaral, "Functional cartography of complex metabolic
       networks", Nature 433 (2005) 895-900.

    Examples
    --------
    >>> import impactgraph as ig
    >>> G = ig.Graph.from_edges([0, 0, 0, 4], [1, 2, 3, 5])
    >>> ig.roles.within_module_degree(G, [0, 0, 0, 0, 1, 1]).round(4)
    array([ 1.7321, -0.5774, -0.5774, -0.5774,  0.    ,  0.    ])
    """
    return _measures(G, communities, weight, threads)[4]


def _classify(z: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Role codes 1..7 (int8) from z-scores and participation coefficients."""
    hub = z >= HUB_Z - _EPS
    non = np.digitize(p, np.array(_NONHUB_P) + _EPS, right=True) + 1
    hubs = np.digitize(p, np.array(_HUB_P) + _EPS, right=True) + 5
    return np.where(hub, hubs, non).astype(np.int8)


@dataclasses.dataclass(frozen=True, eq=False)
class RolesResult:
    """Weaver roles of every node, returned by :func:`weaver_roles`; arrays indexed by node id.

    Attributes
    ----------
    graph : Graph
        The graph the roles were computed on (its labels index :meth:`to_pandas`).
    role : numpy.ndarray
        int8 role code 1..7 (see :data:`ROLE_NAMES` and :attr:`role_name`).
    z : numpy.ndarray
        float64 within-module degree z-score.
    participation : numpy.ndarray
        float64 participation coefficient.
    constraint : numpy.ndarray
        float64 Burt constraint (NaN for nodes without ties).
    broker : numpy.ndarray
        bool: the node is a broker (low constraint, see :func:`weaver_roles`).
    membership : numpy.ndarray
        int64 community id used for each node.

    All arrays are read-only.
    """

    graph: Graph
    role: np.ndarray
    z: np.ndarray
    participation: np.ndarray
    constraint: np.ndarray
    broker: np.ndarray
    membership: np.ndarray

    def __post_init__(self) -> None:
        for f in ("role", "z", "participation", "constraint", "broker", "membership"):
            getattr(self, f).setflags(write=False)

    @property
    def role_name(self) -> np.ndarray:
        """Role name per node id (object array of str)."""
        names = np.array([""] + [ROLE_NAMES[k] for k in range(1, 8)], dtype=object)
        return names[self.role]

    @property
    def counts(self) -> dict[str, int]:
        """Number of nodes per role name, in role order R1..R7 (zeros included)."""
        c = np.bincount(self.role, minlength=8)
        return {ROLE_NAMES[k]: int(c[k]) for k in range(1, 8)}

    def to_pandas(self) -> pandas.DataFrame:
        """One row per node, indexed by node label: community, z, participation, role, role
        name, constraint and broker."""
        import pandas as pd

        labels = self.graph.labels
        index = pd.Index(np.asarray(labels, dtype=object) if isinstance(labels, list) else labels, name="node")
        return pd.DataFrame(
            {
                "community": self.membership,
                "z": self.z,
                "participation": self.participation,
                "role": self.role,
                "role_name": self.role_name,
                "constraint": self.constraint,
                "broker": self.broker,
            },
            index=index,
        )

    def as_dict(self) -> dict[Any, dict[str, Any]]:
        """``{label: {"community", "z", "participation", "role", "role_name", "constraint",
        "broker"}}`` with Python scalars."""
        labels = self.graph.labels
        keys = labels.tolist() if isinstance(labels, np.ndarray) else labels
        names = self.role_name
        return {
            lab: {
                "community": int(self.membership[i]),
                "z": float(self.z[i]),
                "participation": float(self.participation[i]),
                "role": int(self.role[i]),
                "role_name": str(names[i]),
                "constraint": float(self.constraint[i]),
                "broker": bool(self.broker[i]),
            }
            for i, lab in enumerate(keys)
        }

    def __repr__(self) -> str:
        n = int(self.role.shape[0])
        return f"RolesResult(n={n}, brokers={int(self.broker.sum())}, counts={self.counts})"


def weaver_roles(
    G: Graph,
    communities: Any = None,
    /,
    *,
    weight: str | None = None,
    seed: int | None = None,
    broker_quantile: float = 0.9,
    threads: int | None = None,
) -> RolesResult:
    """Network-weaver roles of every node: the Guimerà–Amaral cartography plus brokers.

    Non-hubs (``z < 2.5``): R1 ultra-peripheral (``P <= 0.05``), R2 peripheral
    (``0.05 < P <= 0.62``), R3 connector (``0.62 < P <= 0.80``), R4 kinless (``P > 0.80``).
    Hubs (``z >= 2.5``): R5 provincial hub (``P <= 0.30``), R6 connector hub
    (``0.30 < P <= 0.75``), R7 kinless hub (``P > 0.75``). Brokers are the nodes with at least
    two ties whose Burt constraint is among the lowest: at or below the
    ``1 - broker_quantile`` quantile of constraint among the nodes with degree >= 2 (so
    ``broker_quantile=0.9`` marks the top 10 % by brokerage).

    Parameters
    ----------
    G : Graph
        Directed or undirected.
    communities : Partition, array-like of int, iterable of sets of nodes, or None
        The partition; ``None`` (default) runs
        :func:`impactgraph.community.leiden_communities` with ``weight`` and ``seed``.
    weight : str or None, default None
        ``None`` counts ties; an attribute name uses the stored (non-negative) weights for
        ``P``, ``z``, the constraint and the default communities.
    seed : int, optional
        Seed of the default Leiden communities (ignored when ``communities`` is given).
    broker_quantile : float, default 0.9
        In ``[0, 1]``: the brokerage quantile above which a node is a broker.
    threads : int, optional
        Number of threads; the result does not depend on it.

    Returns
    -------
    RolesResult
        Role codes and names, ``z``, ``P``, constraint, broker flags, membership, ``counts``,
        ``to_pandas()`` and ``as_dict()``.

    Raises
    ------
    TypeError
        As in :func:`participation_coefficient`; ``broker_quantile`` not a real number.
    InvalidParameterError
        As in :func:`participation_coefficient`; ``broker_quantile`` outside ``[0, 1]``.
    InvalidGraphError
        A negative weight (with ``weight`` not ``None``); the null graph.

    Notes
    -----
    ``P`` and ``z`` come from one parallel pass (see :func:`participation_coefficient` and
    :func:`within_module_degree` for self-loops and directed graphs), the constraint from
    :func:`impactgraph.centrality.constraint`. Threshold comparisons allow ``1e-12`` for
    rounding, so a node whose ``P`` is 0.62 in exact arithmetic is peripheral even if its
    floating-point value is ``0.6200000000000001``. Degree for broker eligibility counts ties
    (self-loops 2, in + out for directed graphs). Deterministic for a given partition and any
    number of threads. O(n + m) plus the constraint's cost.

    References
    ----------
    .. [1] R. Guimerà and L. A. N. Amaral, "Functional cartography of complex metabolic
       networks", Nature 433 (2005) 895-900.
    .. [2] R. S. Burt, "Structural holes and good ideas", American Journal of Sociology 110
       (2004) 349-399.

    Examples
    --------
    >>> import impactgraph as ig
    >>> # two triangles joined by the tie 2-3
    >>> G = ig.Graph.from_edges([0, 1, 2, 3, 4, 5, 2], [1, 2, 0, 4, 5, 3, 3])
    >>> r = ig.roles.weaver_roles(G, [0, 0, 0, 1, 1, 1])
    >>> r.role_name.tolist()
    ['ultra-peripheral', 'ultra-peripheral', 'peripheral', 'peripheral', 'ultra-peripheral', 'ultra-peripheral']
    >>> r.participation.round(4).tolist()
    [0.0, 0.0, 0.4444, 0.4444, 0.0, 0.0]
    >>> r.broker.tolist()
    [False, False, True, True, False, False]
    >>> r.counts["peripheral"]
    2
    """
    from .centrality import constraint
    from .community import leiden_communities
    from .structure import degree

    core_of(G)
    q = real_arg("broker_quantile", broker_quantile)
    if not 0.0 <= q <= 1.0:
        raise InvalidParameterError(f"invalid broker_quantile: must be in [0, 1], got {q}")
    t = check_threads(threads)
    if communities is None:
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral)):
            raise TypeError(f"seed must be a non-negative int or None, got {type(seed).__name__}")
        communities = leiden_communities(G, weight=weight, seed=seed, threads=t)
    membership, _deg, _within, part, z = _measures(G, communities, weight, t)
    cons = constraint(G, weight=weight, threads=t)
    eligible = (degree(G, threads=t) >= 2) & ~np.isnan(cons)
    broker = np.zeros(G.num_nodes, dtype=bool)
    if eligible.any():
        cut = np.quantile(cons[eligible], 1.0 - q)
        broker = eligible & (cons <= cut)
    return RolesResult(
        graph=G,
        role=_classify(z, part),
        z=z,
        participation=part,
        constraint=cons,
        broker=broker,
        membership=membership.astype(np.int64),
    )
