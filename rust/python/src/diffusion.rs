//! Binding of `impactgraph_core::diffusion`: cascades, thresholds, epidemics and influence
//! maximisation. Converts and checks the arrays, releases the GIL, calls the core.

use pyo3::prelude::*;

/// Register the diffusion functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // independent cascade, linear threshold, threshold contagion, SIR, SIS
    register_models(m)?;
    // CELF and IMM
    register_influence(m)?;
    Ok(())
}

// ---- models ---------------------------------------------------------------------------------

fn register_models(m: &Bound<'_, PyModule>) -> PyResult<()> {
    models::register(m)
}

/// The model functions, in their own namespace so that this section's imports stay its own.
mod models {
    use impactgraph_core::diffusion::{
        cascade::{self, SimParams},
        epidemic, threshold, DiffusionResult, EdgeProb,
    };
    use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
    use pyo3::prelude::*;

    use crate::graph::PyGraph;
    use crate::run::detached;

    pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(independent_cascade, m)?)?;
        m.add_function(wrap_pyfunction!(linear_threshold, m)?)?;
        m.add_function(wrap_pyfunction!(threshold_contagion, m)?)?;
        m.add_function(wrap_pyfunction!(sir, m)?)?;
        m.add_function(wrap_pyfunction!(sis, m)?)?;
        Ok(())
    }

    /// A result as `(spread uint32, reached uint32, curve float64, n_sims)`.
    type PyResultTuple<'py> = (
        Bound<'py, PyArray1<u32>>,
        Bound<'py, PyArray1<u32>>,
        Bound<'py, PyArray1<f64>>,
        usize,
    );

    fn result_to_py(py: Python<'_>, r: DiffusionResult) -> PyResultTuple<'_> {
        (
            r.spread.into_pyarray(py),
            r.reached.into_pyarray(py),
            r.curve.into_pyarray(py),
            r.n_sims,
        )
    }

    fn sim_params(n_sims: usize, max_steps: Option<usize>, seed: u64) -> SimParams {
        SimParams {
            n_sims,
            max_steps,
            seed,
        }
    }

    /// Independent cascade: `edge_p` (per edge, `G.edges()` order) if given, else the constant `p`
    /// if given, else the weighted cascade.
    #[pyfunction]
    #[pyo3(signature = (graph, seeds, *, p=None, edge_p=None, use_weights, n_sims, max_steps=None, seed, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn independent_cascade<'py>(
        py: Python<'py>,
        graph: &Bound<'py, PyGraph>,
        seeds: PyReadonlyArray1<'py, u32>,
        p: Option<f64>,
        edge_p: Option<PyReadonlyArray1<'py, f64>>,
        use_weights: bool,
        n_sims: usize,
        max_steps: Option<usize>,
        seed: u64,
        threads: Option<usize>,
    ) -> PyResult<PyResultTuple<'py>> {
        let seeds = seeds.as_array().to_vec();
        let prob = match (edge_p, p) {
            (Some(a), _) => EdgeProb::PerEdge(a.as_array().to_vec()),
            (None, Some(x)) => EdgeProb::Constant(x),
            (None, None) => EdgeProb::WeightedCascade,
        };
        let sim = sim_params(n_sims, max_steps, seed);
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| {
            cascade::independent_cascade(g, &seeds, &prob, use_weights, &sim, c)
        })?;
        Ok(result_to_py(py, r))
    }

    /// Linear threshold; `thresholds` per node or `None` (uniform per simulation).
    #[pyfunction]
    #[pyo3(signature = (graph, seeds, *, thresholds=None, use_weights, n_sims, max_steps=None, seed, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn linear_threshold<'py>(
        py: Python<'py>,
        graph: &Bound<'py, PyGraph>,
        seeds: PyReadonlyArray1<'py, u32>,
        thresholds: Option<PyReadonlyArray1<'py, f64>>,
        use_weights: bool,
        n_sims: usize,
        max_steps: Option<usize>,
        seed: u64,
        threads: Option<usize>,
    ) -> PyResult<PyResultTuple<'py>> {
        let seeds = seeds.as_array().to_vec();
        let th: Option<Vec<f64>> = thresholds.map(|a| a.as_array().to_vec());
        let sim = sim_params(n_sims, max_steps, seed);
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| {
            threshold::linear_threshold(g, &seeds, th.as_deref(), use_weights, &sim, c)
        })?;
        Ok(result_to_py(py, r))
    }

    /// Fractional-threshold contagion; `thresholds` per node or `None` (uniform per simulation).
    #[pyfunction]
    #[pyo3(signature = (graph, seeds, *, thresholds=None, n_sims, max_steps=None, seed, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn threshold_contagion<'py>(
        py: Python<'py>,
        graph: &Bound<'py, PyGraph>,
        seeds: PyReadonlyArray1<'py, u32>,
        thresholds: Option<PyReadonlyArray1<'py, f64>>,
        n_sims: usize,
        max_steps: Option<usize>,
        seed: u64,
        threads: Option<usize>,
    ) -> PyResult<PyResultTuple<'py>> {
        let seeds = seeds.as_array().to_vec();
        let th: Option<Vec<f64>> = thresholds.map(|a| a.as_array().to_vec());
        let sim = sim_params(n_sims, max_steps, seed);
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| {
            threshold::threshold_contagion(g, &seeds, th.as_deref(), &sim, c)
        })?;
        Ok(result_to_py(py, r))
    }

    /// Discrete-time SIR.
    #[pyfunction]
    #[pyo3(signature = (graph, seeds, *, beta, gamma, n_sims, max_steps=None, seed, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn sir<'py>(
        py: Python<'py>,
        graph: &Bound<'py, PyGraph>,
        seeds: PyReadonlyArray1<'py, u32>,
        beta: f64,
        gamma: f64,
        n_sims: usize,
        max_steps: Option<usize>,
        seed: u64,
        threads: Option<usize>,
    ) -> PyResult<PyResultTuple<'py>> {
        let seeds = seeds.as_array().to_vec();
        let sim = sim_params(n_sims, max_steps, seed);
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| {
            epidemic::sir(g, &seeds, beta, gamma, &sim, c)
        })?;
        Ok(result_to_py(py, r))
    }

    /// Discrete-time SIS (`max_steps` required).
    #[pyfunction]
    #[pyo3(signature = (graph, seeds, *, beta, gamma, n_sims, max_steps, seed, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn sis<'py>(
        py: Python<'py>,
        graph: &Bound<'py, PyGraph>,
        seeds: PyReadonlyArray1<'py, u32>,
        beta: f64,
        gamma: f64,
        n_sims: usize,
        max_steps: usize,
        seed: u64,
        threads: Option<usize>,
    ) -> PyResult<PyResultTuple<'py>> {
        let seeds = seeds.as_array().to_vec();
        let sim = sim_params(n_sims, Some(max_steps), seed);
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| {
            epidemic::sis(g, &seeds, beta, gamma, &sim, c)
        })?;
        Ok(result_to_py(py, r))
    }
}

// ---- end of models --------------------------------------------------------------------------

// (keep these lines: they separate the two sections so that both can change independently)

// ---- influence maximisation -----------------------------------------------------------------

fn register_influence(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}

// ---- end of influence maximisation ----------------------------------------------------------
