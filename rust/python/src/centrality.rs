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
    m.add_function(wrap_pyfunction!(core_number, m)?)?;
    m.add_function(wrap_pyfunction!(induced_subgraph, m)?)?;
    m.add_function(wrap_pyfunction!(triangles, m)?)?;
    m.add_function(wrap_pyfunction!(clustering, m)?)?;
    m.add_function(wrap_pyfunction!(average_clustering, m)?)?;
    m.add_function(wrap_pyfunction!(transitivity, m)?)?;
    m.add_function(wrap_pyfunction!(closeness_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(harmonic_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(closeness_centrality_of, m)?)?;
    m.add_function(wrap_pyfunction!(harmonic_centrality_of, m)?)?;
    m.add_function(wrap_pyfunction!(betweenness_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(edge_betweenness_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(betweenness_centrality_subset, m)?)?;
    m.add_function(wrap_pyfunction!(betweenness_leaves, m)?)?;
    m.add_function(wrap_pyfunction!(betweenness_partial, m)?)?;
    m.add_function(wrap_pyfunction!(betweenness_rescale, m)?)?;
    m.add_function(wrap_pyfunction!(constraint, m)?)?;
    m.add_function(wrap_pyfunction!(effective_size, m)?)?;
    m.add_function(wrap_pyfunction!(eigenvector_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(katz_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(hits, m)?)?;
    Ok(())
}

// ---- k-cores, triangles and clustering ------------------------------------------------------

/// Core number per node (int64), networkx's `core_number`.
#[pyfunction]
#[pyo3(signature = (graph, *, threads=None))]
fn core_number<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<i64>>> {
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::core_number(g, c).map(|v| v.into_iter().map(i64::from).collect::<Vec<i64>>())
    })?;
    Ok(x.into_pyarray(py))
}

/// The subgraph induced by the nodes with `keep[u]` (a bool array), and the kept ids (int64).
#[pyfunction]
#[pyo3(signature = (graph, keep, *, threads=None))]
fn induced_subgraph<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    keep: numpy::PyReadonlyArray1<'py, bool>,
    threads: Option<usize>,
) -> PyResult<(PyGraph, Bound<'py, PyArray1<i64>>)> {
    let keep: Vec<bool> = keep.as_array().to_vec();
    let g = &graph.get().csr;
    let (h, ids) = detached(py, threads, |c| centrality::induced_subgraph(g, &keep, c))?;
    let ids: Vec<i64> = ids.into_iter().map(i64::from).collect();
    Ok((PyGraph::new(h), ids.into_pyarray(py)))
}

/// Triangles through each node (int64), networkx's `triangles`.
#[pyfunction]
#[pyo3(signature = (graph, *, threads=None))]
fn triangles<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<i64>>> {
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::triangles(g, c).map(|v| v.into_iter().map(|t| t as i64).collect::<Vec<i64>>())
    })?;
    Ok(x.into_pyarray(py))
}

/// Local clustering coefficient per node (float64), networkx's `clustering`.
#[pyfunction]
#[pyo3(signature = (graph, *, use_weights, threads=None))]
fn clustering<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| centrality::clustering(g, use_weights, c))?;
    Ok(x.into_pyarray(py))
}

/// Mean local clustering, networkx's `average_clustering`.
#[pyfunction]
#[pyo3(signature = (graph, *, use_weights, count_zeros, threads=None))]
fn average_clustering(
    py: Python<'_>,
    graph: &Bound<'_, PyGraph>,
    use_weights: bool,
    count_zeros: bool,
    threads: Option<usize>,
) -> PyResult<f64> {
    let g = &graph.get().csr;
    detached(py, threads, |c| {
        centrality::average_clustering(g, use_weights, count_zeros, c)
    })
}

/// Transitivity, networkx's `transitivity`.
#[pyfunction]
#[pyo3(signature = (graph, *, threads=None))]
fn transitivity(
    py: Python<'_>,
    graph: &Bound<'_, PyGraph>,
    threads: Option<usize>,
) -> PyResult<f64> {
    let g = &graph.get().csr;
    detached(py, threads, |c| centrality::transitivity(g, c))
}

/// Closeness centrality (float64 per node) with networkx's semantics (incoming distances).
#[pyfunction]
#[pyo3(signature = (graph, *, use_weights, wf_improved, threads=None))]
fn closeness_centrality<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    use_weights: bool,
    wf_improved: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::closeness_centrality(g, use_weights, wf_improved, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// Harmonic centrality (float64 per node) with networkx's semantics (incoming distances).
#[pyfunction]
#[pyo3(signature = (graph, *, use_weights, threads=None))]
fn harmonic_centrality<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::harmonic_centrality(g, use_weights, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// Closeness centrality of the nodes `targets` (float64, aligned with `targets`).
#[pyfunction]
#[pyo3(signature = (graph, targets, *, use_weights, wf_improved, threads=None))]
fn closeness_centrality_of<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    targets: numpy::PyReadonlyArray1<'py, u32>,
    use_weights: bool,
    wf_improved: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let targets = targets.as_array().to_vec();
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::closeness_centrality_of(g, use_weights, wf_improved, &targets, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// Harmonic centrality of the nodes `targets` over `sources` (all when `None`), aligned with
/// `targets`.
#[pyfunction]
#[pyo3(signature = (graph, targets, *, sources=None, use_weights, threads=None))]
fn harmonic_centrality_of<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    targets: numpy::PyReadonlyArray1<'py, u32>,
    sources: Option<numpy::PyReadonlyArray1<'py, u32>>,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let targets = targets.as_array().to_vec();
    let sources = sources.map(|a| a.as_array().to_vec());
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::harmonic_centrality_of(g, use_weights, &targets, sources.as_deref(), c)
    })?;
    Ok(x.into_pyarray(py))
}

/// Betweenness of every node (float64 per node) with networkx's semantics.
#[pyfunction]
#[pyo3(signature = (graph, *, k, normalized, use_weights, endpoints, seed, sources=None, threads=None))]
#[allow(clippy::too_many_arguments)]
fn betweenness_centrality<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    k: Option<usize>,
    normalized: bool,
    use_weights: bool,
    endpoints: bool,
    seed: u64,
    sources: Option<numpy::PyReadonlyArray1<'py, u32>>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let params = centrality::BetweennessParams {
        k,
        normalized,
        endpoints,
        use_weights,
        seed,
        sources: sources.map(|a| a.as_array().to_vec()),
    };
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::betweenness_centrality(g, &params, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// The parameters of the split betweenness entry points (`normalized` only matters to the
/// rescaling).
fn split_params(
    k: Option<usize>,
    normalized: bool,
    use_weights: bool,
    endpoints: bool,
    seed: u64,
    sources: Option<numpy::PyReadonlyArray1<'_, u32>>,
) -> centrality::BetweennessParams {
    centrality::BetweennessParams {
        k,
        normalized,
        endpoints,
        use_weights,
        seed,
        sources: sources.map(|a| a.as_array().to_vec()),
    }
}

/// Number of leaves of betweenness' summation tree for these parameters.
#[pyfunction]
#[pyo3(signature = (graph, *, k, use_weights, endpoints, seed, sources=None))]
fn betweenness_leaves<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    k: Option<usize>,
    use_weights: bool,
    endpoints: bool,
    seed: u64,
    sources: Option<numpy::PyReadonlyArray1<'py, u32>>,
) -> PyResult<usize> {
    let params = split_params(k, true, use_weights, endpoints, seed, sources);
    let g = &graph.get().csr;
    detached(py, None, |_| centrality::betweenness_leaves(g, &params))
}

/// Unscaled betweenness sums of the leaves `lo..hi` (float64 per node).
#[pyfunction]
#[pyo3(signature = (graph, lo, hi, *, k, use_weights, endpoints, seed, sources=None, threads=None))]
#[allow(clippy::too_many_arguments)]
fn betweenness_partial<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    lo: usize,
    hi: usize,
    k: Option<usize>,
    use_weights: bool,
    endpoints: bool,
    seed: u64,
    sources: Option<numpy::PyReadonlyArray1<'py, u32>>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let params = split_params(k, true, use_weights, endpoints, seed, sources);
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::betweenness_partial(g, &params, lo..hi, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// Betweenness from the summed partial sums of all leaves (float64 per node).
#[pyfunction]
#[pyo3(signature = (graph, sums, *, k, normalized, use_weights, endpoints, seed, sources=None))]
#[allow(clippy::too_many_arguments)]
fn betweenness_rescale<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    sums: numpy::PyReadonlyArray1<'py, f64>,
    k: Option<usize>,
    normalized: bool,
    use_weights: bool,
    endpoints: bool,
    seed: u64,
    sources: Option<numpy::PyReadonlyArray1<'py, u32>>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let params = split_params(k, normalized, use_weights, endpoints, seed, sources);
    let sums = sums.as_array().to_vec();
    let g = &graph.get().csr;
    let x = detached(py, None, |_| {
        centrality::betweenness_rescale(g, &params, sums)
    })?;
    Ok(x.into_pyarray(py))
}

/// Betweenness over the paths from `sources` to `targets` (float64 per node), networkx's
/// `betweenness_centrality_subset`.
#[pyfunction]
#[pyo3(signature = (graph, sources, targets, *, normalized, use_weights, threads=None))]
fn betweenness_centrality_subset<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    sources: numpy::PyReadonlyArray1<'py, u32>,
    targets: numpy::PyReadonlyArray1<'py, u32>,
    normalized: bool,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let (sources, targets) = (sources.as_array().to_vec(), targets.as_array().to_vec());
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::betweenness_centrality_subset(g, &sources, &targets, normalized, use_weights, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// Betweenness of every edge as (src uint32, dst uint32, value float64), networkx's semantics.
#[pyfunction]
#[pyo3(signature = (graph, *, k, normalized, use_weights, seed, sources=None, threads=None))]
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn edge_betweenness_centrality<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    k: Option<usize>,
    normalized: bool,
    use_weights: bool,
    seed: u64,
    sources: Option<numpy::PyReadonlyArray1<'py, u32>>,
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
        sources: sources.map(|a| a.as_array().to_vec()),
    };
    let g = &graph.get().csr;
    let (s, d, v) = detached(py, threads, |c| {
        centrality::edge_betweenness_centrality(g, &params, c)
    })?;
    Ok((s.into_pyarray(py), d.into_pyarray(py), v.into_pyarray(py)))
}

/// Burt's constraint (float64 per node) with networkx's semantics.
#[pyfunction]
#[pyo3(signature = (graph, *, use_weights, threads=None))]
fn constraint<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| centrality::constraint(g, use_weights, c))?;
    Ok(x.into_pyarray(py))
}

/// Burt's effective size (float64 per node) with networkx's semantics.
#[pyfunction]
#[pyo3(signature = (graph, *, use_weights, threads=None))]
fn effective_size<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        centrality::effective_size(g, use_weights, c)
    })?;
    Ok(x.into_pyarray(py))
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
