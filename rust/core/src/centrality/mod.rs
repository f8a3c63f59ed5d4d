//! Centrality measures.
//!
//! * [`pagerank`] — PageRank by power iteration with networkx's exact semantics
//!   (personalization, dangling redistribution, start vector, L1 stopping rule).

mod pagerank;

pub use pagerank::{pagerank, PageRankParams};
