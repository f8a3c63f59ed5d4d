//! Community detection: `impactgraph_core::community`. Argument checks beyond types live in the
//! core (which names the argument) and in `python/impactgraph/community.py`.

#[allow(unused_imports)]
use impactgraph_core::community;
use pyo3::prelude::*;

#[allow(unused_imports)]
use crate::graph::PyGraph;
#[allow(unused_imports)]
use crate::run::detached;

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // modularity and label propagation
    register_basics(m)?;
    // louvain and leiden
    register_multilevel(m)?;
    Ok(())
}

// ---- modularity and label propagation -------------------------------------------------------

fn register_basics(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}

// ---- louvain and leiden ---------------------------------------------------------------------

fn register_multilevel(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
