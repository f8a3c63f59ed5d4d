//! Centrality measures: `impactgraph_core::centrality`. Argument checks beyond types live in
//! the core (which names the argument) and in `python/impactgraph/centrality.py`.

use impactgraph_core::centrality::{self, PageRankParams};
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;

use crate::graph::{f64_array, PyGraph};
use crate::run::detached;

/// An optional float64 vector argument, copied (Python may mutate it while the GIL is free).
fn vector(arg: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<Vec<f64>>> {
    arg.map(|a| Ok(f64_array(a, name)?.as_array().to_vec()))
        .transpose()
}

/// PageRank (float64 per node) with networkx's semantics.
#[pyfunction]
#[pyo3(signature = (graph, *, alpha, personalization, nstart, dangling, tol, max_iter, use_weights, threads=None))]
#[allow(clippy::too_many_arguments)]
fn pagerank<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    alpha: f64,
    personalization: Option<&Bound<'py, PyAny>>,
    nstart: Option<&Bound<'py, PyAny>>,
    dangling: Option<&Bound<'py, PyAny>>,
    tol: f64,
    max_iter: usize,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let params = PageRankParams {
        alpha,
        personalization: vector(personalization, "personalization")?,
        nstart: vector(nstart, "nstart")?,
        dangling: vector(dangling, "dangling")?,
        tol,
        max_iter,
        use_weights,
    };
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| centrality::pagerank(g, &params, c))?;
    Ok(x.into_pyarray(py))
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(pagerank, m)?)?;
    m.add_function(wrap_pyfunction!(betweenness_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(edge_betweenness_centrality, m)?)?;
    Ok(())
}

/// Betweenness of every node (float64 per node) with networkx's semantics.
#[pyfunction]
#[pyo3(signature = (graph, *, k, normalized, use_weights, endpoints, seed, threads=None))]
#[allow(clippy::too_many_arguments)]
fn betweenness_centrality<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    k: Option<usize>,
    normalized: bool,
    use_weights: bool,
    endpoints: bool,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let params = centrality::BetweennessParams {
        k,
        normalized,
        endpoints,
        use_weights,
        seed,
    };
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::betweenness_centrality(g, &params, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// Betweenness of every edge as (src uint32, dst uint32, value float64), networkx's semantics.
#[pyfunction]
#[pyo3(signature = (graph, *, k, normalized, use_weights, seed, threads=None))]
#[allow(clippy::type_complexity)]
fn edge_betweenness_centrality<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    k: Option<usize>,
    normalized: bool,
    use_weights: bool,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<(
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<f64>>,
)> {
    let params = centrality::BetweennessParams {
        k,
        normalized,
        endpoints: false,
        use_weights,
        seed,
    };
    let g = &graph.get().csr;
    let (s, d, v) = detached(py, threads, |c| {
        centrality::edge_betweenness_centrality(g, &params, c)
    })?;
    Ok((s.into_pyarray(py), d.into_pyarray(py), v.into_pyarray(py)))
}
