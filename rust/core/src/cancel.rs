//! Cooperative cancellation. Long loops call [`Cancel::check`] once per source, sweep or
//! iteration; the binding sets the flag when Python receives SIGINT. The check is one
//! relaxed atomic load, cheap enough for any loop that does at least O(degree) work.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Error;

/// A cancellation token shared between the caller and a running computation.
#[derive(Debug, Default)]
pub struct Cancel {
    flag: AtomicBool,
}

impl Cancel {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Ask the computation to stop at its next check.
    pub fn cancel(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }

    /// Whether [`Cancel::cancel`] was called.
    #[inline]
    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }

    /// `Err(Error::Interrupted)` once cancelled, `Ok(())` otherwise.
    #[inline]
    pub fn check(&self) -> Result<(), Error> {
        if self.is_cancelled() {
            Err(Error::Interrupted)
        } else {
            Ok(())
        }
    }
}
