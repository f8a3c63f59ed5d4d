//! Centrality measures.
//!
//! * [`pagerank`] — PageRank by power iteration with networkx's exact semantics
//!   (personalization, dangling redistribution, start vector, L1 stopping rule).
//! * [`constraint`], [`effective_size`] — Burt's structural holes (brokerage) with networkx's
//!   semantics, in `O(Σ deg²)` work.

mod pagerank;

pub use pagerank::{pagerank, PageRankParams};

mod structural_holes;

pub use structural_holes::{constraint, effective_size};
