//! Centrality measures.
//!
//! * [`pagerank`] — PageRank by power iteration with networkx's exact semantics
//!   (personalization, dangling redistribution, start vector, L1 stopping rule).
//! * [`closeness_centrality`], [`harmonic_centrality`] — incoming shortest-path lengths by
//!   bit-parallel multi-source BFS or Dijkstra, with networkx's semantics.

mod closeness;
mod pagerank;

pub use closeness::{closeness_centrality, harmonic_centrality};
pub use pagerank::{pagerank, PageRankParams};
