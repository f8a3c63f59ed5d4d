//! Centrality measures.
//!
//! * [`pagerank`] — PageRank by power iteration with networkx's exact semantics
//!   (personalization, dangling redistribution, start vector, L1 stopping rule).
//! * [`betweenness_centrality`], [`edge_betweenness_centrality`] — Brandes betweenness of nodes
//!   and edges (BFS or Dijkstra), exact or over `k` sampled sources, networkx's semantics.

mod pagerank;

pub use pagerank::{pagerank, PageRankParams};

mod betweenness;

pub use betweenness::{
    betweenness_centrality, edge_betweenness_centrality, BetweennessParams, EdgeValues,
};
