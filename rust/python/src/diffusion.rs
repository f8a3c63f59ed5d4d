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

fn register_models(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}

// ---- end of models --------------------------------------------------------------------------

// (keep these lines: they separate the two sections so that both can change independently)

// ---- influence maximisation -----------------------------------------------------------------

fn register_influence(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}

// ---- end of influence maximisation ----------------------------------------------------------
