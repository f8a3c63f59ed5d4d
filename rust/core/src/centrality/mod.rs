//! Centrality measures.
//!
//! * [`pagerank`] — PageRank by power iteration with networkx's exact semantics
//!   (personalization, dangling redistribution, start vector, L1 stopping rule).
//! * [`eigenvector_centrality`], [`katz_centrality`], [`hits`] — power iterations with networkx's
//!   stopping rules.

mod pagerank;

pub use pagerank::{pagerank, PageRankParams};
mod eigenvector;
pub use eigenvector::{
    eigenvector_centrality, hits, katz_centrality, EigenvectorParams, HitsParams, KatzBeta,
    KatzParams,
};
