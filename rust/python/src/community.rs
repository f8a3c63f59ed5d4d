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

fn register_basics(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(modularity, m)?)?;
    Ok(())
}

/// Modularity of `membership` (one uint32 community id per node), networkx's value.
#[pyfunction]
#[pyo3(signature = (graph, membership, *, resolution, use_weights, threads=None))]
fn modularity(
    py: Python<'_>,
    graph: &Bound<'_, PyGraph>,
    membership: numpy::PyReadonlyArray1<'_, u32>,
    resolution: f64,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<f64> {
    let membership: Vec<u32> = membership.as_array().to_vec();
    let g = &graph.get().csr;
    detached(py, threads, |c| {
        community::modularity(g, &membership, resolution, use_weights, c)
    })
}

// ---- louvain and leiden ---------------------------------------------------------------------

fn register_multilevel(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
