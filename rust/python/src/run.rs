//! Running a core computation with the GIL released, on an optional thread count, while
//! staying responsive to Ctrl-C.
//!
//! The computation runs on a scoped worker thread (inside a scoped rayon pool when `threads` is
//! given). The calling thread, normally Python's main thread, waits for it with a 50 ms timeout
//! and between waits briefly re-attaches to run Python's signal handlers; on
//! `KeyboardInterrupt` it sets the [`Cancel`] flag, waits for the computation to return
//! `Err(Interrupted)` at its next check, and re-raises the `KeyboardInterrupt`.

use std::sync::mpsc;
use std::time::Duration;

use impactgraph_core::{Cancel, Error};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::errors::{internal, to_pyerr};

const POLL: Duration = Duration::from_millis(50);

/// Run `f` with the GIL released. See the module documentation.
pub fn detached<T, F>(py: Python<'_>, threads: Option<usize>, f: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce(&Cancel) -> Result<T, Error> + Send,
{
    let pool = match threads {
        None => None,
        Some(0) => {
            return Err(PyValueError::new_err(
                "threads must be a positive integer or None",
            ))
        }
        Some(k) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(k)
                .build()
                .map_err(|e| internal(&format!("cannot start a thread pool: {e}")))?,
        ),
    };
    let cancel = Cancel::new();
    let (outcome, interrupt) = py.detach(|| {
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel::<()>();
            let cancel = &cancel;
            let pool = pool.as_ref();
            let handle = scope.spawn(move || {
                let r = match pool {
                    Some(p) => p.install(|| f(cancel)),
                    None => f(cancel),
                };
                let _ = tx.send(());
                r
            });
            let mut interrupt: Option<PyErr> = None;
            loop {
                match rx.recv_timeout(POLL) {
                    Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        if interrupt.is_none() {
                            if let Err(e) = Python::attach(|py| py.check_signals()) {
                                interrupt = Some(e);
                                cancel.cancel();
                            }
                        }
                    }
                }
            }
            (handle.join(), interrupt)
        })
    });
    if let Some(e) = interrupt {
        return Err(e);
    }
    match outcome {
        Ok(r) => r.map_err(|e| to_pyerr(py, e)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Err(internal(&what))
        }
    }
}
