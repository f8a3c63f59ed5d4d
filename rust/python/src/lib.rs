//! `impactgraph._core`: the pyo3 binding of `impactgraph-core`.
//!
//! This crate only converts and validates arrays, releases the GIL ([`run::detached`]) and
//! calls the core; no algorithm lives here. One file per algorithm family, each with a
//! `register` function.

use pyo3::prelude::*;

mod bipartite;
mod centrality;
mod community;
mod diffusion;
mod errors;
mod generators;
mod graph;
mod io;
mod multilevel;
mod roles;
mod run;
mod structure;

/// The native module.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    graph::register(m)?;
    io::register(m)?;
    generators::register(m)?;
    structure::register(m)?;
    centrality::register(m)?;
    community::register(m)?;
    diffusion::register(m)?;
    bipartite::register(m)?;
    roles::register(m)?;
    multilevel::register(m)?;
    Ok(())
}
