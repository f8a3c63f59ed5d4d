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

    fn sim_params(n_sims: usize, max_steps: Option<usize>, seed: u64, first_sim: u64) -> SimParams {
        SimParams {
            n_sims,
            max_steps,
            seed,
            first_sim,
        }
    }

    /// Independent cascade: `edge_p` (per edge, `G.edges()` order) if given, else the constant `p`
    /// if given, else the weighted cascade.
    #[pyfunction]
    #[pyo3(signature = (graph, seeds, *, p=None, edge_p=None, use_weights, n_sims, max_steps=None, seed, first_sim=0, threads=None))]
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
        first_sim: u64,
        threads: Option<usize>,
    ) -> PyResult<PyResultTuple<'py>> {
        let seeds = seeds.as_array().to_vec();
        let prob = match (edge_p, p) {
            (Some(a), _) => EdgeProb::PerEdge(a.as_array().to_vec()),
            (None, Some(x)) => EdgeProb::Constant(x),
            (None, None) => EdgeProb::WeightedCascade,
        };
        let sim = sim_params(n_sims, max_steps, seed, first_sim);
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| {
            cascade::independent_cascade(g, &seeds, &prob, use_weights, &sim, c)
        })?;
        Ok(result_to_py(py, r))
    }

    /// Linear threshold; `thresholds` per node or `None` (uniform per simulation).
    #[pyfunction]
    #[pyo3(signature = (graph, seeds, *, thresholds=None, use_weights, n_sims, max_steps=None, seed, first_sim=0, threads=None))]
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
        first_sim: u64,
        threads: Option<usize>,
    ) -> PyResult<PyResultTuple<'py>> {
        let seeds = seeds.as_array().to_vec();
        let th: Option<Vec<f64>> = thresholds.map(|a| a.as_array().to_vec());
        let sim = sim_params(n_sims, max_steps, seed, first_sim);
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| {
            threshold::linear_threshold(g, &seeds, th.as_deref(), use_weights, &sim, c)
        })?;
        Ok(result_to_py(py, r))
    }

    /// Fractional-threshold contagion; `thresholds` per node or `None` (uniform per simulation).
    #[pyfunction]
    #[pyo3(signature = (graph, seeds, *, thresholds=None, n_sims, max_steps=None, seed, first_sim=0, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn threshold_contagion<'py>(
        py: Python<'py>,
        graph: &Bound<'py, PyGraph>,
        seeds: PyReadonlyArray1<'py, u32>,
        thresholds: Option<PyReadonlyArray1<'py, f64>>,
        n_sims: usize,
        max_steps: Option<usize>,
        seed: u64,
        first_sim: u64,
        threads: Option<usize>,
    ) -> PyResult<PyResultTuple<'py>> {
        let seeds = seeds.as_array().to_vec();
        let th: Option<Vec<f64>> = thresholds.map(|a| a.as_array().to_vec());
        let sim = sim_params(n_sims, max_steps, seed, first_sim);
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| {
            threshold::threshold_contagion(g, &seeds, th.as_deref(), &sim, c)
        })?;
        Ok(result_to_py(py, r))
    }

    /// Discrete-time SIR.
    #[pyfunction]
    #[pyo3(signature = (graph, seeds, *, beta, gamma, n_sims, max_steps=None, seed, first_sim=0, threads=None))]
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
        first_sim: u64,
        threads: Option<usize>,
    ) -> PyResult<PyResultTuple<'py>> {
        let seeds = seeds.as_array().to_vec();
        let sim = sim_params(n_sims, max_steps, seed, first_sim);
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| {
            epidemic::sir(g, &seeds, beta, gamma, &sim, c)
        })?;
        Ok(result_to_py(py, r))
    }

    /// Discrete-time SIS (`max_steps` required).
    #[pyfunction]
    #[pyo3(signature = (graph, seeds, *, beta, gamma, n_sims, max_steps, seed, first_sim=0, threads=None))]
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
        first_sim: u64,
        threads: Option<usize>,
    ) -> PyResult<PyResultTuple<'py>> {
        let seeds = seeds.as_array().to_vec();
        let sim = sim_params(n_sims, Some(max_steps), seed, first_sim);
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

mod influence {
    use impactgraph_core::diffusion::influence::{self as im, Model};
    use impactgraph_core::diffusion::EdgeProb;
    use impactgraph_core::Error;
    use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1, PyUntypedArrayMethods};
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;

    use crate::errors::to_pyerr;

    use crate::graph::PyGraph;
    use crate::run::detached;

    pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(influence_imm, m)?)?;
        m.add_function(wrap_pyfunction!(influence_celf, m)?)?;
        m.add_function(wrap_pyfunction!(rr_sets_range, m)?)?;
        m.add_function(wrap_pyfunction!(imm_check, m)?)?;
        m.add_function(wrap_pyfunction!(imm_driven, m)?)?;
        Ok(())
    }

    /// The model: `"ic"` with exactly one of a constant `p`, per-edge `p_edges` or the
    /// weighted cascade, or `"lt"`.
    fn model_of(
        model: &str,
        p: Option<f64>,
        p_edges: Option<PyReadonlyArray1<'_, f64>>,
        weighted_cascade: bool,
    ) -> PyResult<Model> {
        let prob = match (p, p_edges, weighted_cascade) {
            (Some(x), None, false) => EdgeProb::Constant(x),
            (None, Some(a), false) => EdgeProb::PerEdge(a.as_array().to_vec()),
            (None, None, true) => EdgeProb::WeightedCascade,
            _ => {
                return Err(PyValueError::new_err(
                    "give exactly one of p, p_edges or weighted_cascade=True",
                ))
            }
        };
        match model {
            "ic" => Ok(Model::IndependentCascade(prob)),
            "lt" => Ok(Model::LinearThreshold),
            _ => Err(PyValueError::new_err(format!(
                "model must be 'ic' or 'lt', got {model:?}"
            ))),
        }
    }

    /// (seeds in order as uint32, estimated spread after each pick, RR sets of the selection,
    /// RR sets generated in all).
    type Picked<'py> = (
        Bound<'py, PyArray1<u32>>,
        Bound<'py, PyArray1<f64>>,
        usize,
        usize,
    );

    /// IMM (Tang, Shi and Xiao 2015).
    #[pyfunction]
    #[pyo3(signature = (graph, k, *, model, p=None, p_edges=None, weighted_cascade=false,
                        use_weights, epsilon, ell, seed, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn influence_imm<'py>(
        py: Python<'py>,
        graph: &Bound<'py, PyGraph>,
        k: usize,
        model: &str,
        p: Option<f64>,
        p_edges: Option<PyReadonlyArray1<'py, f64>>,
        weighted_cascade: bool,
        use_weights: bool,
        epsilon: f64,
        ell: f64,
        seed: u64,
        threads: Option<usize>,
    ) -> PyResult<Picked<'py>> {
        let params = im::ImmParams {
            k,
            model: model_of(model, p, p_edges, weighted_cascade)?,
            use_weights,
            epsilon,
            ell,
            seed,
        };
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| im::imm(g, &params, c))?;
        Ok((
            r.seeds.into_pyarray(py),
            r.spread.into_pyarray(py),
            r.n_rr_sets,
            r.work,
        ))
    }

    /// CELF (Leskovec et al. 2007), Monte-Carlo gains; the third element is 0.
    #[pyfunction]
    #[pyo3(signature = (graph, k, *, model, p=None, p_edges=None, weighted_cascade=false,
                        use_weights, n_sims, seed, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn influence_celf<'py>(
        py: Python<'py>,
        graph: &Bound<'py, PyGraph>,
        k: usize,
        model: &str,
        p: Option<f64>,
        p_edges: Option<PyReadonlyArray1<'py, f64>>,
        weighted_cascade: bool,
        use_weights: bool,
        n_sims: usize,
        seed: u64,
        threads: Option<usize>,
    ) -> PyResult<Picked<'py>> {
        let params = im::CelfParams {
            k,
            model: model_of(model, p, p_edges, weighted_cascade)?,
            use_weights,
            n_sims,
            seed,
        };
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| im::celf(g, &params, c))?;
        Ok((
            r.seeds.into_pyarray(py),
            r.spread.into_pyarray(py),
            r.n_rr_sets,
            r.work,
        ))
    }

    /// RR sets as (offsets, nodes).
    type Flat<'py> = (Bound<'py, PyArray1<u64>>, Bound<'py, PyArray1<u32>>);

    /// RR sets `first..first + count` as (offsets uint64 from 0, of length count + 1, nodes
    /// uint32): the sets IMM draws at those indices with the same seed (`first=0`: the first
    /// `count`).
    #[pyfunction]
    #[pyo3(signature = (graph, first, count, *, model, p=None, p_edges=None,
                        weighted_cascade=false, use_weights, seed, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn rr_sets_range<'py>(
        py: Python<'py>,
        graph: &Bound<'py, PyGraph>,
        first: usize,
        count: usize,
        model: &str,
        p: Option<f64>,
        p_edges: Option<PyReadonlyArray1<'py, f64>>,
        weighted_cascade: bool,
        use_weights: bool,
        seed: u64,
        threads: Option<usize>,
    ) -> PyResult<Flat<'py>> {
        let model = model_of(model, p, p_edges, weighted_cascade)?;
        let g = &graph.get().csr;
        let r = detached(py, threads, |c| {
            im::rr_sets_range(g, &model, use_weights, first, count, seed, c)
        })?;
        Ok((r.offsets.into_pyarray(py), r.nodes.into_pyarray(py)))
    }

    /// Check IMM's `k`, `epsilon` and `ell` for a graph of `n` nodes (the core's messages).
    #[pyfunction]
    #[pyo3(signature = (n, k, *, epsilon, ell))]
    fn imm_check(py: Python<'_>, n: usize, k: usize, epsilon: f64, ell: f64) -> PyResult<()> {
        im::check_imm(n, k, epsilon, ell).map_err(|e| to_pyerr(py, e))
    }

    /// Why a call of the Python generator failed.
    enum Failed {
        /// The callable raised: re-raised as is.
        Raised(PyErr),
        /// It returned something malformed, or too much: a core error.
        Core(Error),
    }

    /// Call `generate(first, count)` and append the blocks it returns to `rr`, checked.
    fn call_generate(
        py: Python<'_>,
        generate: &Py<PyAny>,
        first: usize,
        count: usize,
        n: usize,
        rr: &mut im::RrSets,
    ) -> Result<(), Failed> {
        let shape = |what: String| {
            Failed::Core(Error::param(
                "generate",
                format!("must return a list of (offsets uint64, nodes uint32) array pairs, {what}"),
            ))
        };
        let out = generate
            .bind(py)
            .call1((first, count))
            .map_err(Failed::Raised)?;
        let items = out
            .try_iter()
            .map_err(|_| shape(format!("got {}", type_name(&out))))?;
        for (b, item) in items.enumerate() {
            let item = item.map_err(Failed::Raised)?;
            let (off, nodes): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item
                .extract()
                .map_err(|_| shape(format!("got {} as block {b}", type_name(&item))))?;
            let off: PyReadonlyArray1<'_, u64> = off.extract().map_err(|_| {
                shape(format!(
                    "got offsets of type {} in block {b}",
                    type_name(&off)
                ))
            })?;
            let nodes: PyReadonlyArray1<'_, u32> = nodes.extract().map_err(|_| {
                shape(format!(
                    "got nodes of type {} in block {b}",
                    type_name(&nodes)
                ))
            })?;
            // Checked before any slice is made of the data.
            if !off.is_aligned() || !nodes.is_aligned() {
                return Err(shape(format!("got an unaligned array in block {b}")));
            }
            let (Ok(o), Ok(v)) = (off.as_slice(), nodes.as_slice()) else {
                return Err(shape(format!("got a non-contiguous array in block {b}")));
            };
            im::append_rr_sets(rr, n, o, v).map_err(Failed::Core)?;
        }
        Ok(())
    }

    /// `type(x).__name__` (and the dtype of an array), for messages.
    fn type_name(x: &Bound<'_, PyAny>) -> String {
        let name = x
            .get_type()
            .name()
            .map(|s| s.to_string())
            .unwrap_or_else(|_| "?".into());
        match x.getattr("dtype").and_then(|d| d.str()) {
            Ok(d) => format!("{name} of dtype {d}"),
            Err(_) => name,
        }
    }

    /// IMM's control flow (the core's `imm_with`) on a graph of `n` nodes, with the RR sets
    /// drawn by the Python callable `generate(first, count)`: it returns the sets
    /// `first..first + count` as a list of (offsets uint64 from 0, nodes uint32) blocks in index
    /// order. Every count, estimate and selection runs in the core with the GIL released; the
    /// GIL is taken only to call `generate` and read its arrays.
    #[pyfunction]
    #[pyo3(signature = (n, k, *, epsilon, ell, generate))]
    fn imm_driven<'py>(
        py: Python<'py>,
        n: usize,
        k: usize,
        epsilon: f64,
        ell: f64,
        generate: Bound<'py, PyAny>,
    ) -> PyResult<Picked<'py>> {
        if n > u32::MAX as usize {
            return Err(to_pyerr(
                py,
                Error::param("n", format!("must be at most 2**32 - 1, got {n}")),
            ));
        }
        if !generate.is_callable() {
            return Err(to_pyerr(
                py,
                Error::param(
                    "generate",
                    format!("must be callable, got {}", type_name(&generate)),
                ),
            ));
        }
        let generate = generate.unbind();
        let mut raised: Option<PyErr> = None;
        let r = {
            // Borrowed, so that the callable is released here, with the GIL.
            let (generate, raised) = (&generate, &mut raised);
            detached(py, None, move |c| {
                let mut gen = |first: usize, count: usize, rr: &mut im::RrSets| {
                    Python::attach(
                        |py| match call_generate(py, generate, first, count, n, rr) {
                            Ok(()) => Ok(()),
                            Err(Failed::Core(e)) => Err(e),
                            Err(Failed::Raised(e)) => {
                                *raised = Some(e);
                                Err(Error::Interrupted)
                            }
                        },
                    )
                };
                im::imm_with(n, k, epsilon, ell, &mut gen, c)
            })
        };
        if let Some(e) = raised {
            return Err(e);
        }
        let r = r?;
        Ok((
            r.seeds.into_pyarray(py),
            r.spread.into_pyarray(py),
            r.n_rr_sets,
            r.work,
        ))
    }
}

fn register_influence(m: &Bound<'_, PyModule>) -> PyResult<()> {
    influence::register(m)
}

// ---- end of influence maximisation ----------------------------------------------------------
