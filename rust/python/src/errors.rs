//! The one mapping from `impactgraph_core::Error` to Python exceptions.
//!
//! The exception classes live in `python/impactgraph/errors.py` so that each can derive both
//! from `ImpactGraphError` and from the natural built-in (`ValueError`, `KeyError`,
//! `RuntimeError`, `OSError`); this module looks them up once and caches them.

use impactgraph_core::Error;
use pyo3::exceptions::{PyKeyboardInterrupt, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyModule, PyType};

static ERRORS_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The exception class `impactgraph.errors.<name>`.
fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    let module =
        ERRORS_MODULE.get_or_try_init(py, || py.import("impactgraph.errors").map(Bound::unbind))?;
    Ok(module.bind(py).getattr(name)?.cast_into::<PyType>()?)
}

fn raise(
    py: Python<'_>,
    name: &str,
    args: impl for<'a> pyo3::PyErrArguments + Send + Sync + 'static,
) -> PyErr {
    match class(py, name) {
        Ok(cls) => PyErr::from_type(cls, args),
        Err(e) => e,
    }
}

/// Convert a core error to the matching Python exception.
pub fn to_pyerr(py: Python<'_>, err: Error) -> PyErr {
    let msg = err.to_string();
    match err {
        Error::InvalidParameter { .. } => raise(py, "InvalidParameterError", (msg,)),
        Error::NodeOutOfRange { array, .. } if array == "src" || array == "dst" => {
            raise(py, "InvalidGraphError", (msg,))
        }
        Error::NodeOutOfRange { .. } => raise(py, "NodeNotFoundError", (msg,)),
        Error::LengthMismatch { .. }
        | Error::InvalidWeight { .. }
        | Error::DuplicateEdge { .. }
        | Error::InvalidGraph { .. } => raise(py, "InvalidGraphError", (msg,)),
        Error::TooLarge { .. } => raise(py, "GraphTooLargeError", (msg,)),
        Error::NotConverged {
            iterations,
            tolerance,
        } => raise(py, "NotConvergedError", (msg, iterations, tolerance)),
        Error::Interrupted => PyKeyboardInterrupt::new_err(msg),
        Error::Io { path, .. } | Error::Write { path, .. } => {
            raise(py, "GraphIOError", (msg, path))
        }
        Error::Parse { path, line, .. } => raise(py, "FileFormatError", (msg, path, line)),
        Error::Format { path, .. } => raise(py, "FileFormatError", (msg, path, 0u64)),
    }
}

/// A bug: a panic inside the core. Never expected; reported as a RuntimeError, not a crash.
pub fn internal(what: &str) -> PyErr {
    PyRuntimeError::new_err(format!(
        "impactgraph internal error (please report this bug): {what}"
    ))
}
