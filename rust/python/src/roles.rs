//! Node roles in a partitioned network: `impactgraph_core::roles`.
//! Argument checks beyond types, role thresholds and brokers live in
//! `python/impactgraph/roles.py`.

use impactgraph_core::roles;
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::graph::PyGraph;
use crate::run::detached;

/// float64 arrays `(degree, within_degree, participation, z)` per node id.
type Roles<'py> = (
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
);

/// Degree, within-community degree, participation coefficient and within-module z-score.
#[pyfunction]
#[pyo3(signature = (graph, membership, *, use_weights, threads=None))]
fn community_roles<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    membership: PyReadonlyArray1<'py, u32>,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Roles<'py>> {
    let g = &graph.get().csr;
    let m = membership.as_array().to_vec();
    let r = detached(py, threads, |c| {
        roles::community_roles(g, &m, use_weights, c)
    })?;
    Ok((
        r.degree.into_pyarray(py),
        r.within_degree.into_pyarray(py),
        r.participation.into_pyarray(py),
        r.z.into_pyarray(py),
    ))
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(community_roles, m)?)?;
    Ok(())
}
