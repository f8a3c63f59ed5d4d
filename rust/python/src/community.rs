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

fn register_multilevel(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(louvain, m)?)?;
    m.add_function(wrap_pyfunction!(leiden, m)?)?;
    Ok(())
}

/// Levels (int32 membership per level, finest first) and their modularity.
type Levels<'py> = (Vec<Bound<'py, numpy::PyArray1<i32>>>, Vec<f64>);

fn levels_to_py(py: Python<'_>, h: community::Hierarchy) -> Levels<'_> {
    use numpy::IntoPyArray;
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
