# Type stubs of the native module impactgraph._core (checked by `python -m mypy.stubtest impactgraph._core`).
# One section per binding file of rust/python/src; keep each section in its family's order.
import os
from collections.abc import Callable, Iterable
from typing import Literal, final

import numpy as np
import numpy.typing as npt

__version__: str

# ---- graph.rs -------------------------------------------------------------------------------
@final
class CoreGraph:
    @property
    def num_nodes(self) -> int: ...
    @property
    def num_edges(self) -> int: ...
    @property
    def num_arcs(self) -> int: ...
    @property
    def num_self_loops(self) -> int: ...
    @property
    def directed(self) -> bool: ...
    @property
    def weighted(self) -> bool: ...
    @property
    def weight_dtype(self) -> Literal["float64", "float32"] | None: ...
    @property
    def nbytes(self) -> int: ...
    @property
    def mapped(self) -> bool: ...
    def indptr(self, incoming: bool) -> npt.NDArray[np.uint64]: ...
    def indices(self, incoming: bool) -> npt.NDArray[np.uint32]: ...
    def weights(self, incoming: bool) -> npt.NDArray[np.float64] | npt.NDArray[np.float32] | None: ...
    def unweighted(self) -> CoreGraph: ...

def from_edges(
    src: npt.NDArray[np.integer],
    dst: npt.NDArray[np.integer],
    weights: npt.NDArray[np.float64] | None = None,
    *,
    directed: bool = False,
    num_nodes: int | None = None,
    duplicates: str = "sum",
    self_loops: bool = True,
    threads: int | None = None,
    weight_dtype: str = "float64",
) -> CoreGraph: ...

# ---- io.rs ----------------------------------------------------------------------------------
def save_graph(
    graph: CoreGraph,
    path: str | os.PathLike[str],
    labels: npt.NDArray[np.int64] | list[str] | None = None,
    *,
    labels_as_list: bool = False,
) -> None: ...
def load_graph(
    path: str | os.PathLike[str], *, mmap: bool = True, verify: bool = True
) -> tuple[CoreGraph, npt.NDArray[np.int64] | list[int] | list[str] | None]: ...
def read_edgelist(
    path: str | os.PathLike[str],
    *,
    delimiter: str | None = None,
    comments: str = "#%",
    weight_column: int | None = None,
    node_type: str = "auto",
    skip_rows: int = 0,
    threads: int | None = None,
) -> tuple[
    npt.NDArray[np.uint32], npt.NDArray[np.uint32], npt.NDArray[np.float64] | None, npt.NDArray[np.int64] | list[str]
]: ...
def read_edgelist_graph(
    path: str | os.PathLike[str],
    *,
    delimiter: str | None = None,
    comments: str = "#%",
    weight_column: int | None = None,
    node_type: str = "auto",
    skip_rows: int = 0,
    directed: bool = False,
    duplicates: str = "sum",
    self_loops: bool = True,
    threads: int | None = None,
    progress: LoadProgress | None = None,
    weight_dtype: str = "float64",
) -> tuple[CoreGraph, npt.NDArray[np.int64] | list[str]]: ...
@final
class LoadProgress:
    def __new__(cls) -> LoadProgress: ...
    @property
    def stage(self) -> int: ...
    @property
    def done(self) -> int: ...
    @property
    def total(self) -> int: ...

_Ids = npt.NDArray[np.int64] | npt.NDArray[np.int32] | npt.NDArray[np.uint32] | npt.NDArray[np.uint64]

@final
class EdgeChunkBuilder:
    def __new__(
        cls,
        *,
        directed: bool = False,
        num_nodes: int | None = None,
        duplicates: str = "sum",
        self_loops: bool = True,
        weighted: bool = False,
        weight_dtype: str = "float64",
    ) -> EdgeChunkBuilder: ...
    @property
    def num_nodes(self) -> int: ...
    @property
    def num_counted(self) -> int: ...
    def count(self, src: _Ids, dst: _Ids, *, threads: int | None = None) -> None: ...
    def start_placing(self, num_nodes: int | None = None) -> None: ...
    def place(
        self, src: _Ids, dst: _Ids, weights: npt.NDArray[np.float64] | None = None, *, threads: int | None = None
    ) -> None: ...
    def finish(self, *, threads: int | None = None) -> CoreGraph: ...

@final
class NameTable:
    def __new__(cls) -> NameTable: ...
    def __len__(self) -> int: ...
    def ids(self, names: npt.NDArray[np.int64] | list[str]) -> npt.NDArray[np.uint32]: ...
    def lookup(self, names: npt.NDArray[np.int64]) -> npt.NDArray[np.uint32]: ...
    def labels(self) -> npt.NDArray[np.int64] | list[str]: ...

# ---- generators.rs --------------------------------------------------------------------------
def rmat_edges(
    scale: int,
    edge_factor: int,
    a: float,
    b: float,
    c: float,
    *,
    seed: int,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]: ...
def rmat(
    scale: int,
    edge_factor: int,
    a: float,
    b: float,
    c: float,
    *,
    directed: bool,
    seed: int,
    threads: int | None = None,
) -> CoreGraph: ...
def sbm(
    sizes: list[int],
    p: npt.NDArray[np.float64],
    *,
    directed: bool,
    self_loops: bool,
    seed: int,
    threads: int | None = None,
) -> tuple[CoreGraph, npt.NDArray[np.uint32]]: ...
def gnp(n: int, p: float, *, directed: bool, seed: int, threads: int | None = None) -> CoreGraph: ...
def lfr(
    n: int,
    tau1: float,
    tau2: float,
    mu: float,
    *,
    average_degree: float | None = None,
    min_degree: int | None = None,
    max_degree: int | None = None,
    min_community: int | None = None,
    max_community: int | None = None,
    tol: float,
    max_iters: int,
    seed: int,
    threads: int | None = None,
) -> tuple[CoreGraph, npt.NDArray[np.uint32]]: ...

# ---- structure.rs ---------------------------------------------------------------------------
def degree(graph: CoreGraph, *, direction: str = "all", threads: int | None = None) -> npt.NDArray[np.uint64]: ...
def strength(graph: CoreGraph, *, direction: str = "all", threads: int | None = None) -> npt.NDArray[np.float64]: ...
def connected_components(graph: CoreGraph, *, threads: int | None = None) -> npt.NDArray[np.uint32]: ...
def strongly_connected_components(graph: CoreGraph, *, threads: int | None = None) -> npt.NDArray[np.uint32]: ...
def strongly_connected_components_in_search_order(
    indptr: npt.NDArray[np.uint64], indices: npt.NDArray[np.uint32]
) -> npt.NDArray[np.uint32]: ...

# ---- centrality.rs --------------------------------------------------------------------------
def pagerank(
    graph: CoreGraph,
    *,
    alpha: float,
    personalization: npt.NDArray[np.float64] | None,
    nstart: npt.NDArray[np.float64] | None,
    dangling: npt.NDArray[np.float64] | None,
    tol: float,
    max_iter: int,
    use_weights: bool,
    threads: int | None = None,
) -> npt.NDArray[np.float64]: ...

# ---- centrality.rs: k-cores, triangles and clustering -----------------------------------------
def core_number(graph: CoreGraph, *, threads: int | None = None) -> npt.NDArray[np.int64]: ...
def induced_subgraph(
    graph: CoreGraph, keep: npt.NDArray[np.bool_], *, threads: int | None = None
) -> tuple[CoreGraph, npt.NDArray[np.int64]]: ...
def triangles(graph: CoreGraph, *, threads: int | None = None) -> npt.NDArray[np.int64]: ...
def clustering(graph: CoreGraph, *, use_weights: bool, threads: int | None = None) -> npt.NDArray[np.float64]: ...
def average_clustering(
    graph: CoreGraph, *, use_weights: bool, count_zeros: bool, threads: int | None = None
) -> float: ...
def transitivity(graph: CoreGraph, *, threads: int | None = None) -> float: ...

# ---- centrality.rs: closeness and harmonic ---------------------------------------------------
def closeness_centrality(
    graph: CoreGraph,
    *,
    use_weights: bool,
    wf_improved: bool,
    threads: int | None = None,
) -> npt.NDArray[np.float64]: ...
def harmonic_centrality(
    graph: CoreGraph, *, use_weights: bool, threads: int | None = None
) -> npt.NDArray[np.float64]: ...
def closeness_centrality_of(
    graph: CoreGraph,
    targets: npt.NDArray[np.uint32],
    *,
    use_weights: bool,
    wf_improved: bool,
    threads: int | None = None,
) -> npt.NDArray[np.float64]: ...
def harmonic_centrality_of(
    graph: CoreGraph,
    targets: npt.NDArray[np.uint32],
    *,
    sources: npt.NDArray[np.uint32] | None = None,
    use_weights: bool,
    threads: int | None = None,
) -> npt.NDArray[np.float64]: ...

# --- betweenness (centrality) ---
def betweenness_centrality(
    graph: CoreGraph,
    *,
    k: int | None,
    normalized: bool,
    use_weights: bool,
    endpoints: bool,
    seed: int,
    sources: npt.NDArray[np.uint32] | None = None,
    threads: int | None = None,
) -> npt.NDArray[np.float64]: ...
def betweenness_leaves(
    graph: CoreGraph,
    *,
    k: int | None,
    use_weights: bool,
    endpoints: bool,
    seed: int,
    sources: npt.NDArray[np.uint32] | None = None,
) -> int: ...
def betweenness_partial(
    graph: CoreGraph,
    lo: int,
    hi: int,
    *,
    k: int | None,
    use_weights: bool,
    endpoints: bool,
    seed: int,
    sources: npt.NDArray[np.uint32] | None = None,
    threads: int | None = None,
) -> npt.NDArray[np.float64]: ...
def betweenness_rescale(
    graph: CoreGraph,
    sums: npt.NDArray[np.float64],
    *,
    k: int | None,
    normalized: bool,
    use_weights: bool,
    endpoints: bool,
    seed: int,
    sources: npt.NDArray[np.uint32] | None = None,
) -> npt.NDArray[np.float64]: ...
def betweenness_centrality_subset(
    graph: CoreGraph,
    sources: npt.NDArray[np.uint32],
    targets: npt.NDArray[np.uint32],
    *,
    normalized: bool,
    use_weights: bool,
    threads: int | None = None,
) -> npt.NDArray[np.float64]: ...
def edge_betweenness_centrality(
    graph: CoreGraph,
    *,
    k: int | None,
    normalized: bool,
    use_weights: bool,
    seed: int,
    sources: npt.NDArray[np.uint32] | None = None,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32], npt.NDArray[np.float64]]: ...

# -- centrality: structural holes (rust/python/src/centrality.rs) --
def constraint(graph: CoreGraph, *, use_weights: bool, threads: int | None = None) -> npt.NDArray[np.float64]: ...
def effective_size(graph: CoreGraph, *, use_weights: bool, threads: int | None = None) -> npt.NDArray[np.float64]: ...

# ---- centrality.rs: eigenvector, Katz, HITS -------------------------------------------
def eigenvector_centrality(
    graph: CoreGraph,
    *,
    max_iter: int,
    tol: float,
    nstart: npt.NDArray[np.float64] | None,
    use_weights: bool,
    threads: int | None = None,
) -> npt.NDArray[np.float64]: ...
def katz_centrality(
    graph: CoreGraph,
    *,
    alpha: float,
    beta: float,
    beta_per_node: npt.NDArray[np.float64] | None,
    max_iter: int,
    tol: float,
    nstart: npt.NDArray[np.float64] | None,
    normalized: bool,
    use_weights: bool,
    threads: int | None = None,
) -> npt.NDArray[np.float64]: ...
def hits(
    graph: CoreGraph,
    *,
    max_iter: int,
    tol: float,
    nstart: npt.NDArray[np.float64] | None,
    normalized: bool,
    use_weights: bool,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...

# ---- community.rs: modularity and label propagation --------------------------------------------
def modularity(
    graph: CoreGraph,
    membership: npt.NDArray[np.uint32],
    *,
    resolution: float,
    use_weights: bool,
    threads: int | None = None,
) -> float: ...
def label_propagation_communities(
    graph: CoreGraph, *, seed: int | None = None, threads: int | None = None
) -> npt.NDArray[np.uint32]: ...
def asyn_lpa_communities(
    graph: CoreGraph,
    *,
    use_weights: bool,
    seed: int,
    max_iter: int | None = None,
    threads: int | None = None,
) -> npt.NDArray[np.uint32]: ...
def fast_label_propagation_communities(
    graph: CoreGraph,
    *,
    use_weights: bool,
    seed: int,
    threads: int | None = None,
) -> npt.NDArray[np.uint32]: ...
def cdlp(
    graph: CoreGraph,
    order: npt.NDArray[np.uint32] | None = None,
    *,
    max_iter: int,
    threads: int | None = None,
) -> npt.NDArray[np.uint32]: ...

# ---- community.rs: louvain and leiden ---------------------------------------------------------
def louvain(
    graph: CoreGraph,
    *,
    resolution: float,
    threshold: float,
    max_level: int | None,
    seed: int,
    use_weights: bool,
    threads: int | None = None,
) -> tuple[list[npt.NDArray[np.int32]], list[float]]: ...
def leiden(
    graph: CoreGraph,
    *,
    resolution: float,
    max_level: int | None,
    n_iterations: int,
    seed: int,
    use_weights: bool,
    threads: int | None = None,
) -> tuple[list[npt.NDArray[np.int32]], list[float]]: ...

# ---- diffusion: models ----
_DiffusionTuple = tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32], npt.NDArray[np.float64], int]

def independent_cascade(
    graph: CoreGraph,
    seeds: npt.NDArray[np.uint32],
    *,
    p: float | None = None,
    edge_p: npt.NDArray[np.float64] | None = None,
    use_weights: bool,
    n_sims: int,
    max_steps: int | None = None,
    seed: int,
    first_sim: int = 0,
    threads: int | None = None,
) -> _DiffusionTuple: ...
def linear_threshold(
    graph: CoreGraph,
    seeds: npt.NDArray[np.uint32],
    *,
    thresholds: npt.NDArray[np.float64] | None = None,
    use_weights: bool,
    n_sims: int,
    max_steps: int | None = None,
    seed: int,
    first_sim: int = 0,
    threads: int | None = None,
) -> _DiffusionTuple: ...
def threshold_contagion(
    graph: CoreGraph,
    seeds: npt.NDArray[np.uint32],
    *,
    thresholds: npt.NDArray[np.float64] | None = None,
    n_sims: int,
    max_steps: int | None = None,
    seed: int,
    first_sim: int = 0,
    threads: int | None = None,
) -> _DiffusionTuple: ...
def sir(
    graph: CoreGraph,
    seeds: npt.NDArray[np.uint32],
    *,
    beta: float,
    gamma: float,
    n_sims: int,
    max_steps: int | None = None,
    seed: int,
    first_sim: int = 0,
    threads: int | None = None,
) -> _DiffusionTuple: ...
def sis(
    graph: CoreGraph,
    seeds: npt.NDArray[np.uint32],
    *,
    beta: float,
    gamma: float,
    n_sims: int,
    max_steps: int,
    seed: int,
    first_sim: int = 0,
    threads: int | None = None,
) -> _DiffusionTuple: ...

# ---- end of diffusion: models ----

# (keep these lines between the two sections)

# ---- diffusion: influence maximisation ----
def influence_imm(
    graph: CoreGraph,
    k: int,
    *,
    model: str,
    p: float | None = None,
    p_edges: npt.NDArray[np.float64] | None = None,
    weighted_cascade: bool = False,
    use_weights: bool,
    epsilon: float,
    ell: float,
    seed: int,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.float64], int, int]: ...
def influence_celf(
    graph: CoreGraph,
    k: int,
    *,
    model: str,
    p: float | None = None,
    p_edges: npt.NDArray[np.float64] | None = None,
    weighted_cascade: bool = False,
    use_weights: bool,
    n_sims: int,
    seed: int,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.float64], int, int]: ...
def rr_sets_range(
    graph: CoreGraph,
    first: int,
    count: int,
    *,
    model: str,
    p: float | None = None,
    p_edges: npt.NDArray[np.float64] | None = None,
    weighted_cascade: bool = False,
    use_weights: bool,
    seed: int,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32]]: ...
def imm_check(n: int, k: int, *, epsilon: float, ell: float) -> None: ...
def imm_driven(
    n: int,
    k: int,
    *,
    epsilon: float,
    ell: float,
    generate: Callable[[int, int], Iterable[tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32]]]],
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.float64], int, int]: ...

# ---- end of diffusion: influence maximisation ----

# ---- bipartite ----
def project(
    graph: CoreGraph,
    rows: npt.NDArray[np.uint32],
    *,
    weighting: str,
    min_weight: float | None = None,
    within: bool = True,
    once: bool = False,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32], npt.NDArray[np.float64]]: ...
def shared_neighbors(
    graph: CoreGraph,
    rows: npt.NDArray[np.uint32],
    *,
    within: bool = True,
    once: bool = False,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32], npt.NDArray[np.uint32]]: ...

# ---- end of bipartite ----

# ---- roles ----
def community_roles(
    graph: CoreGraph,
    membership: npt.NDArray[np.uint32],
    *,
    use_weights: bool,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...

# ---- end of roles ----

# ---- multilevel ----
def membership_csr(
    member: npt.NDArray[np.int64],
    group: npt.NDArray[np.int64],
    node_level: npt.NDArray[np.int8],
    *,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32], npt.NDArray[np.uint64], npt.NDArray[np.uint32]]: ...
def rollup(
    members: npt.NDArray[np.int64],
    groups: npt.NDArray[np.int64],
    num_members: int,
    num_groups: int,
    src: npt.NDArray[np.int64],
    dst: npt.NDArray[np.int64],
    weights: npt.NDArray[np.float64] | None = None,
    *,
    sum: bool,
    include_memberships: bool,
    self_loops: bool,
    directed: bool,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32], npt.NDArray[np.float64]]: ...
def bridging(
    members: npt.NDArray[np.int64],
    groups: npt.NDArray[np.int64],
    num_members: int,
    num_groups: int,
    *,
    threads: int | None = None,
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint64], npt.NDArray[np.uint64]]: ...
def project_members(
    graph: CoreGraph,
    k: int,
    *,
    weighting: str,
    min_weight: float | None = None,
    weighted: bool = True,
    threads: int | None = None,
) -> CoreGraph: ...

# ---- end of multilevel ----
