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
    m.add_function(wrap_pyfunction!(eigenvector_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(katz_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(hits, m)?)?;
    Ok(())
}

/// Eigenvector centrality (float64 per node) with networkx's semantics.
#[pyfunction]
#[pyo3(signature = (graph, *, max_iter, tol, nstart, use_weights, threads=None))]
fn eigenvector_centrality<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    max_iter: usize,
    tol: f64,
    nstart: Option<&Bound<'py, PyAny>>,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let params = centrality::EigenvectorParams {
        max_iter,
        tol,
        nstart: vector(nstart, "nstart")?,
        use_weights,
    };
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::eigenvector_centrality(g, &params, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// Katz centrality (float64 per node) with networkx's semantics; `beta_per_node` overrides `beta`.
#[pyfunction]
#[pyo3(signature = (graph, *, alpha, beta, beta_per_node, max_iter, tol, nstart, normalized, use_weights, threads=None))]
#[allow(clippy::too_many_arguments)]
fn katz_centrality<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    alpha: f64,
    beta: f64,
    beta_per_node: Option<&Bound<'py, PyAny>>,
    max_iter: usize,
    tol: f64,
    nstart: Option<&Bound<'py, PyAny>>,
    normalized: bool,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let params = centrality::KatzParams {
        alpha,
        beta: match vector(beta_per_node, "beta")? {
            Some(v) => centrality::KatzBeta::PerNode(v),
            None => centrality::KatzBeta::Scalar(beta),
        },
        max_iter,
        tol,
        nstart: vector(nstart, "nstart")?,
        normalized,
        use_weights,
    };
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| centrality::katz_centrality(g, &params, c))?;
    Ok(x.into_pyarray(py))
}

/// HITS `(hubs, authorities)` (float64 per node).
#[pyfunction]
#[pyo3(signature = (graph, *, max_iter, tol, nstart, normalized, use_weights, threads=None))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn hits<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    max_iter: usize,
    tol: f64,
    nstart: Option<&Bound<'py, PyAny>>,
    normalized: bool,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<(Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<f64>>)> {
    let params = centrality::HitsParams {
        max_iter,
        tol,
        nstart: vector(nstart, "nstart")?,
        normalized,
        use_weights,
    };
    let g = &graph.get().csr;
    let (h, a) = detached(py, threads, |c| centrality::hits(g, &params, c))?;
    Ok((h.into_pyarray(py), a.into_pyarray(py)))
}
