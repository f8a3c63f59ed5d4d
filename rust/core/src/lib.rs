//! # impactgraph-core
//!
//! Graph storage and parallel graph algorithms for impactgraph, in pure Rust (no Python).
//! The Python binding (`impactgraph-python`) converts arrays, releases the GIL and calls in here.
//!
//! * [`csr`] — the immutable CSR graph ([`Csr`]) and its parallel builder.
//! * [`io`] — the edge-list parser.
//! * [`store`] — the binary graph file: save, load (memory-mapped via [`Buf`]) and validation.
//! * [`generators`] — seeded R-MAT and stochastic block model generators.
//! * [`lfr`] — the LFR community benchmark (re-exported as [`generators::lfr`]).
//! * [`structure`] — degrees and connected components.
//! * [`centrality`] — centrality measures.
//! * [`community`] — modularity, label propagation, Louvain and Leiden.
//! * [`bipartite`] — one-mode projections of two-mode graphs.
//!
//! Every long loop polls a [`Cancel`] token; every parallel result is identical for any number
//! of threads (fixed chunking of floating-point reductions, per-task RNG streams).

pub mod bipartite;
pub mod buf;
pub mod builder;
pub mod cancel;
pub mod centrality;
pub mod community;
pub mod csr;
pub mod diffusion;
pub mod error;
pub mod generators;
pub mod io;
pub mod lfr;
pub mod multilevel;
pub mod par;
pub mod rng;
pub mod roles;
pub mod store;
pub mod structure;
pub mod weights;

/// Node id type: dense ids `0..n`.
pub type NodeId = u32;
/// Arc offset type of CSR `indptr`.
pub type EdgeIdx = u64;

pub use buf::Buf;
pub use cancel::Cancel;
pub use csr::{Adjacency, BuildOptions, Csr, Duplicates, NodeIndex};
pub use error::{Error, Result};
pub use weights::{WeightDtype, Weights};
