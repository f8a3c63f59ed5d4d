//! Community detection: `impactgraph_core::community`. Argument checks beyond types live in the
//! core (which names the argument) and in `python/impactgraph/community.py`.

use impactgraph_core::community;
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::graph::PyGraph;
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
    m.add_function(wrap_pyfunction!(label_propagation_communities, m)?)?;
    m.add_function(wrap_pyfunction!(asyn_lpa_communities, m)?)?;
    m.add_function(wrap_pyfunction!(fast_label_propagation_communities, m)?)?;
    m.add_function(wrap_pyfunction!(cdlp, m)?)?;
    Ok(())
}

/// Semi-synchronous label propagation (networkx's); canonical uint32 membership.
#[pyfunction]
#[pyo3(signature = (graph, *, seed=None, threads=None))]
fn label_propagation_communities<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    seed: Option<u64>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<u32>>> {
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| community::label_propagation(g, seed, c))?;
    Ok(x.into_pyarray(py))
}

/// Asynchronous label propagation (networkx's rules, our RNG); canonical uint32 membership.
#[pyfunction]
#[pyo3(signature = (graph, *, use_weights, seed, max_iter=None, threads=None))]
fn asyn_lpa_communities<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    use_weights: bool,
    seed: u64,
    max_iter: Option<usize>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<u32>>> {
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        community::asyn_lpa(g, use_weights, seed, max_iter, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// Fast label propagation (networkx's rules, our RNG); canonical uint32 membership.
#[pyfunction]
#[pyo3(signature = (graph, *, use_weights, seed, threads=None))]
fn fast_label_propagation_communities<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    use_weights: bool,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<u32>>> {
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        community::fast_label_propagation(g, use_weights, seed, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// LDBC CDLP: per node, the node id whose initial label it ends with (uint32). `order` (uint32,
/// a permutation) ranks the nodes' LDBC ids.
#[pyfunction]
#[pyo3(signature = (graph, order=None, *, max_iter, threads=None))]
fn cdlp<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    order: Option<PyReadonlyArray1<'py, u32>>,
    max_iter: usize,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyArray1<u32>>> {
    let order: Option<Vec<u32>> = order.map(|o| o.as_array().to_vec());
    let g = &graph.get().csr;
    let x = detached(py, threads, |c| {
        community::cdlp(g, order.as_deref(), max_iter, c)
    })?;
    Ok(x.into_pyarray(py))
}

/// Modularity of `membership` (one uint32 community id per node), networkx's value.
#[pyfunction]
#[pyo3(signature = (graph, membership, *, resolution, use_weights, threads=None))]
fn modularity(
    py: Python<'_>,
    graph: &Bound<'_, PyGraph>,
    membership: PyReadonlyArray1<'_, u32>,
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

fn register_multilevel(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(louvain, m)?)?;
    m.add_function(wrap_pyfunction!(leiden, m)?)?;
    Ok(())
}

/// Levels (int32 membership per level, finest first) and their modularity.
type Levels<'py> = (Vec<Bound<'py, PyArray1<i32>>>, Vec<f64>);

fn levels_to_py(py: Python<'_>, h: community::Hierarchy) -> Levels<'_> {
    let arrays = h
        .levels
        .into_iter()
        .map(|l| {
            l.into_iter()
                .map(|c| c as i32)
                .collect::<Vec<i32>>()
                .into_pyarray(py)
        })
        .collect();
    (arrays, h.modularity)
}

/// Louvain levels of networkx's `louvain_partitions` and their modularity.
#[pyfunction]
#[pyo3(signature = (graph, *, resolution, threshold, max_level, seed, use_weights, threads=None))]
#[allow(clippy::too_many_arguments)]
fn louvain<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    resolution: f64,
    threshold: f64,
    max_level: Option<usize>,
    seed: u64,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Levels<'py>> {
    let p = community::LouvainParams {
        resolution,
        threshold,
        max_level,
        seed,
        use_weights,
    };
    let g = &graph.get().csr;
    let h = detached(py, threads, |c| community::louvain(g, &p, c))?;
    Ok(levels_to_py(py, h))
}

/// Leiden levels (of the last iteration) and their modularity.
#[pyfunction]
#[pyo3(signature = (graph, *, resolution, max_level, n_iterations, seed, use_weights, threads=None))]
#[allow(clippy::too_many_arguments)]
fn leiden<'py>(
    py: Python<'py>,
    graph: &Bound<'py, PyGraph>,
    resolution: f64,
    max_level: Option<usize>,
    n_iterations: i64,
    seed: u64,
    use_weights: bool,
    threads: Option<usize>,
) -> PyResult<Levels<'py>> {
    let p = community::LeidenParams {
        resolution,
        max_level,
        n_iterations,
        seed,
        use_weights,
    };
    let g = &graph.get().csr;
    let h = detached(py, threads, |c| community::leiden(g, &p, c))?;
    Ok(levels_to_py(py, h))
}
