//! Centrality measures.
//!
//! * [`pagerank`] — PageRank by power iteration with networkx's exact semantics
//!   (personalization, dangling redistribution, start vector, L1 stopping rule).
//! * [`core_number`], [`induced_subgraph`] — k-core decomposition (parallel peeling) and the
//!   subgraph induced by a node set (networkx `core_number`, `k_core`).
//! * [`triangles`], [`clustering`], [`average_clustering`], [`transitivity`] — triangle counts
//!   and clustering coefficients (undirected/directed, unweighted/weighted) as networkx.
//! * [`closeness_centrality`], [`harmonic_centrality`] — incoming shortest-path lengths by
//!   bit-parallel multi-source BFS or Dijkstra, with networkx's semantics.
//! * [`betweenness_centrality`], [`edge_betweenness_centrality`] — Brandes betweenness of nodes
//!   and edges (BFS or Dijkstra), exact or over `k` sampled sources, networkx's semantics.
//! * [`constraint`], [`effective_size`] — Burt's structural holes (brokerage) with networkx's
//!   semantics, in `O(Σ deg²)` work.
//! * [`eigenvector_centrality`], [`katz_centrality`], [`hits`] — power iterations with networkx's
//!   stopping rules.

mod closeness;
mod pagerank;

pub use closeness::{
    closeness_centrality, closeness_centrality_of, harmonic_centrality, harmonic_centrality_of,
};
pub use pagerank::{pagerank, PageRankParams};

mod clustering;
mod kcore;

pub use clustering::{average_clustering, clustering, transitivity, triangles};
pub use kcore::{core_number, induced_subgraph};

mod betweenness;

pub use betweenness::{
    betweenness_centrality, betweenness_centrality_subset, betweenness_leaves, betweenness_partial,
    betweenness_rescale, edge_betweenness_centrality, BetweennessParams, EdgeValues,
};

mod structural_holes;

pub use structural_holes::{constraint, effective_size};
mod eigenvector;
pub use eigenvector::{
    eigenvector_centrality, hits, katz_centrality, EigenvectorParams, HitsParams, KatzBeta,
    KatzParams,
};
