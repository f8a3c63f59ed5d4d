//! One-mode projections: `impactgraph_core::bipartite`. Argument checks beyond types live in
//! `python/impactgraph/bipartite.py`.

use impactgraph_core::bipartite::{self, ProjectionParams, Weighting};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::graph::PyGraph;
use crate::run::detached;

/// `"count"`, `"ratio"`, `"newman"`, `"jaccard"` or `"overlap"`.
fn weighting(s: &str) -> PyResult<Weighting> {
    match s {
        "count" => Ok(Weighting::Count),
        "ratio" => Ok(Weighting::Ratio),
        "newman" => Ok(Weighting::Newman),
        "jaccard" => Ok(Weighting::Jaccard),
        "overlap" => Ok(Weighting::Overlap),
        other => Err(PyValueError::new_err(format!(
            "weighting must be \"count\", \"ratio\", \"newman\", \"jaccard\" or \"overlap\", got {other:?}"
        ))),
    }
}

type Ties<'py> = (
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<f64>>,
);

type Paths<'py> = (
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
);

/// Projection of `graph` onto `rows` (uint32 ids): `(indptr, targets, weights)`.
#[pyfunction]
#[pyo3(signature = (graph, rows, *, weighting, min_weight=None, within=true, once=false, threads=None))]
#[allow(clippy::too_many_arguments)]
fn project<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    rows: PyReadonlyArray1<'py, u32>,
    weighting: &str,
    min_weight: Option<f64>,
    within: bool,
    once: bool,
    threads: Option<usize>,
) -> PyResult<Ties<'py>> {
    let p = ProjectionParams {
        weighting: self::weighting(weighting)?,
        min_weight,
        within,
        once,
    };
    let (g, rows) = (&graph.get().csr, rows.as_array().to_vec());
    let r = detached(py, threads, |c| bipartite::project(g, &rows, &p, c))?;
    Ok((
        r.indptr.into_pyarray(py),
        r.targets.into_pyarray(py),
        r.weights.into_pyarray(py),
    ))
}

/// Two-step paths from `rows` (uint32 ids): `(indptr, targets, via)`.
#[pyfunction]
#[pyo3(signature = (graph, rows, *, within=true, once=false, threads=None))]
fn shared_neighbors<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    rows: PyReadonlyArray1<'py, u32>,
    within: bool,
    once: bool,
    threads: Option<usize>,
) -> PyResult<Paths<'py>> {
    let (g, rows) = (&graph.get().csr, rows.as_array().to_vec());
    let r = detached(py, threads, |c| {
        bipartite::shared_neighbors(g, &rows, within, once, c)
    })?;
    Ok((
        r.indptr.into_pyarray(py),
        r.targets.into_pyarray(py),
        r.via.into_pyarray(py),
    ))
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(project, m)?)?;
    m.add_function(wrap_pyfunction!(shared_neighbors, m)?)?;
    Ok(())
}
