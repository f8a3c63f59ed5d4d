//! Seeded random graph generators: R-MAT (Graph500), the stochastic block model, G(n, p) and
//! the LFR benchmark.
//! Argument checks beyond types live in the core (`impactgraph_core::generators`) and in
//! `python/impactgraph/generators.py`.

use impactgraph_core::generators;
use numpy::{IntoPyArray, PyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::graph::{f64_array, PyGraph};
use crate::run::detached;

type EdgeArrays<'py> = (Bound<'py, PyArray1<u32>>, Bound<'py, PyArray1<u32>>);

/// The R-MAT edge list `(src, dst)` as two uint32 arrays (duplicates and self-loops included).
#[pyfunction]
#[pyo3(signature = (scale, edge_factor, a, b, c, *, seed, threads=None))]
#[allow(clippy::too_many_arguments)]
fn rmat_edges<'py>(
    py: Python<'py>,
    scale: u32,
    edge_factor: u64,
    a: f64,
    b: f64,
    c: f64,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<EdgeArrays<'py>> {
    let (s, d) = detached(py, threads, |cancel| {
        generators::rmat_edges(scale, edge_factor, a, b, c, seed, cancel)
    })?;
    Ok((s.into_pyarray(py), d.into_pyarray(py)))
}

/// The simple R-MAT graph on 2^scale nodes.
#[pyfunction]
#[pyo3(signature = (scale, edge_factor, a, b, c, *, directed, seed, threads=None))]
#[allow(clippy::too_many_arguments)]
fn rmat(
    py: Python<'_>,
    scale: u32,
    edge_factor: u64,
    a: f64,
    b: f64,
    c: f64,
    directed: bool,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<PyGraph> {
    detached(py, threads, |cancel| {
        generators::rmat(scale, edge_factor, a, b, c, seed, directed, cancel)
    })
    .map(PyGraph::new)
}

/// A stochastic block model: the graph and each node's block (uint32).
#[pyfunction]
#[pyo3(signature = (sizes, p, *, directed, self_loops, seed, threads=None))]
#[allow(clippy::too_many_arguments)]
fn sbm<'py>(
    py: Python<'py>,
    sizes: Vec<usize>,
    p: &Bound<'py, PyAny>,
    directed: bool,
    self_loops: bool,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<(PyGraph, Bound<'py, PyArray1<u32>>)> {
    let p = f64_array(p, "p")?;
    let p = p
        .as_slice()
        .map_err(|_| PyValueError::new_err("p must be C-contiguous"))?;
    let (g, blocks) = detached(py, threads, |cancel| {
        generators::sbm(&sizes, p, directed, self_loops, seed, cancel)
    })?;
    Ok((PyGraph::new(g), blocks.into_pyarray(py)))
}

/// Erdős–Rényi G(n, p).
#[pyfunction]
#[pyo3(signature = (n, p, *, directed, seed, threads=None))]
fn gnp(
    py: Python<'_>,
    n: usize,
    p: f64,
    directed: bool,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<PyGraph> {
    detached(py, threads, |cancel| {
        generators::gnp(n, p, directed, seed, cancel)
    })
    .map(PyGraph::new)
}

/// The LFR benchmark graph and the planted community of every node (uint32).
#[pyfunction]
#[pyo3(signature = (n, tau1, tau2, mu, *, average_degree=None, min_degree=None, max_degree=None,
                    min_community=None, max_community=None, tol, max_iters, seed, threads=None))]
#[allow(clippy::too_many_arguments)]
fn lfr<'py>(
    py: Python<'py>,
    n: u64,
    tau1: f64,
    tau2: f64,
    mu: f64,
    average_degree: Option<f64>,
    min_degree: Option<u64>,
    max_degree: Option<u64>,
    min_community: Option<u64>,
    max_community: Option<u64>,
    tol: f64,
    max_iters: u64,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<(PyGraph, Bound<'py, PyArray1<u32>>)> {
    let params = generators::LfrParams {
        n,
        tau1,
        tau2,
        mu,
        average_degree,
        min_degree,
        max_degree,
        min_community,
        max_community,
        tol,
        max_iters,
        seed,
    };
    let (g, comm) = detached(py, threads, |cancel| generators::lfr(&params, cancel))?;
    Ok((PyGraph::new(g), comm.into_pyarray(py)))
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(rmat_edges, m)?)?;
    m.add_function(wrap_pyfunction!(rmat, m)?)?;
    m.add_function(wrap_pyfunction!(sbm, m)?)?;
    m.add_function(wrap_pyfunction!(gnp, m)?)?;
    m.add_function(wrap_pyfunction!(lfr, m)?)?;
    Ok(())
}
