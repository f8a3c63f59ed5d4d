//! Degrees, strengths and (strongly) connected components: `impactgraph_core::structure`.
//! Argument checks beyond types live in `python/impactgraph/structure.py`.

use impactgraph_core::structure::{self, Direction};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::graph::PyGraph;
use crate::run::detached;

/// `"out"`, `"in"` or `"all"`.
fn direction(s: &str) -> PyResult<Direction> {
    match s {
        "out" => Ok(Direction::Out),
        "in" => Ok(Direction::In),
        "all" => Ok(Direction::All),
        other => Err(PyValueError::new_err(format!(
            "direction must be \"out\", \"in\" or \"all\", got {other:?}"
        ))),
    }
}

/// Degree of every node (uint64); a self-loop counts 2 in undirected graphs.
#[pyfunction]
#[pyo3(signature = (graph, *, direction="all", threads=None))]
fn degree<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    direction: &str,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<u64>>> {
    let (g, dir) = (&graph.get().csr, self::direction(direction)?);
    let d = detached(py, threads, |_| Ok(structure::degree(g, dir)))?;
    Ok(d.into_pyarray(py))
}

/// Strength (weighted degree, float64) of every node.
#[pyfunction]
#[pyo3(signature = (graph, *, direction="all", threads=None))]
fn strength<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    direction: &str,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let (g, dir) = (&graph.get().csr, self::direction(direction)?);
    let s = detached(py, threads, |_| Ok(structure::strength(g, dir)))?;
    Ok(s.into_pyarray(py))
}

/// Canonical connected-component labels (uint32); weak components of a directed graph.
#[pyfunction]
#[pyo3(signature = (graph, *, threads=None))]
fn connected_components<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<u32>>> {
    let g = &graph.get().csr;
    let l = detached(py, threads, |c| structure::connected_components(g, c))?;
    Ok(l.into_pyarray(py))
}

/// Canonical strongly-connected-component labels (uint32).
#[pyfunction]
#[pyo3(signature = (graph, *, threads=None))]
fn strongly_connected_components<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<u32>>> {
    let g = &graph.get().csr;
    let l = detached(py, threads, |c| {
        structure::strongly_connected_components(g, c)
    })?;
    Ok(l.into_pyarray(py))
}

/// Strongly connected components numbered in depth-first finishing order, from raw CSR rows
/// in search order (uint64 `indptr`, uint32 `indices`): networkx's yield order.
#[pyfunction]
#[pyo3(signature = (indptr, indices))]
fn strongly_connected_components_in_search_order<'py>(
    py: Python<'py>,
    indptr: PyReadonlyArray1<'py, u64>,
    indices: PyReadonlyArray1<'py, u32>,
) -> PyResult<Bound<'py, PyArray1<u32>>> {
    let (p, i) = (indptr.as_array().to_vec(), indices.as_array().to_vec());
    let l = detached(py, None, |c| {
        structure::strongly_connected_components_in_search_order(&p, &i, c)
    })?;
    Ok(l.into_pyarray(py))
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(degree, m)?)?;
    m.add_function(wrap_pyfunction!(strength, m)?)?;
    m.add_function(wrap_pyfunction!(connected_components, m)?)?;
    m.add_function(wrap_pyfunction!(strongly_connected_components, m)?)?;
    m.add_function(wrap_pyfunction!(
        strongly_connected_components_in_search_order,
        m
    )?)?;
    Ok(())
}
