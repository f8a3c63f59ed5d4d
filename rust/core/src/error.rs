//! The one error type of the core. Every fallible public function returns
//! `Result<_, Error>`; the core never panics on user input.
//!
//! The Python binding maps each variant to one `impactgraph` exception class
//! (`rust/python/src/errors.rs`), so the variants carry the data a good message needs.

use std::fmt;

/// Errors returned by `impactgraph-core`.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A parameter value is out of its domain (`alpha` outside [0, 1], `tol <= 0`, ...).
    InvalidParameter {
        /// Name of the parameter, as the user sees it.
        name: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// Two input arrays that must have the same length do not.
    LengthMismatch {
        /// Name of the first array.
        first: &'static str,
        /// Its length.
        first_len: usize,
        /// Name of the second array.
        second: &'static str,
        /// Its length.
        second_len: usize,
    },
    /// A node id in an input array is negative or not below the number of nodes.
    NodeOutOfRange {
        /// Name of the array (`"src"`, `"dst"`, `"seeds"`, ...).
        array: &'static str,
        /// Position in that array.
        index: usize,
        /// The offending value (as i128 so negative and huge values both print faithfully).
        value: i128,
        /// The number of nodes.
        num_nodes: u64,
    },
    /// A weight is NaN or infinite, or negative where the algorithm needs non-negative weights.
    InvalidWeight {
        /// Name of the array.
        array: &'static str,
        /// Position in that array (edge index or arc index).
        index: usize,
        /// The offending value.
        value: f64,
        /// What the algorithm needs ("finite", "non-negative", ...).
        requirement: &'static str,
    },
    /// `duplicates="error"` and the edge list holds an edge twice.
    DuplicateEdge {
        /// Source id.
        src: u64,
        /// Target id.
        dst: u64,
    },
    /// The graph does not fit the index types (more than `u32::MAX` nodes, so that every id is below `u32::MAX`).
    TooLarge {
        /// What overflowed.
        message: String,
    },
    /// The graph is empty (or otherwise unsuitable) and the algorithm has no defined answer.
    InvalidGraph {
        /// Why.
        message: String,
    },
    /// An iterative method did not reach its tolerance.
    NotConverged {
        /// Iterations performed.
        iterations: usize,
        /// The tolerance asked for.
        tolerance: f64,
    },
    /// The computation was cancelled (Ctrl-C) through a [`crate::Cancel`] token.
    Interrupted,
    /// A file could not be opened or read.
    Io {
        /// The path.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// A file was read but its content is malformed.
    Parse {
        /// The path.
        path: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong with the line.
        message: String,
    },
    /// A file could not be created or written.
    Write {
        /// The path.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// A binary graph file is malformed: bad magic, unsupported version, truncated, checksum
    /// mismatch or inconsistent arrays.
    Format {
        /// The path.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// Shorthand for [`Error::InvalidParameter`].
    pub fn param(name: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidParameter {
            name,
            message: message.into(),
        }
    }

    /// `Ok` when two arrays that must have the same length do; [`Error::LengthMismatch`]
    /// naming both otherwise.
    pub fn check_same_len(
        first: &'static str,
        first_len: usize,
        second: &'static str,
        second_len: usize,
    ) -> Result<()> {
        if first_len == second_len {
            Ok(())
        } else {
            Err(Error::LengthMismatch {
                first,
                first_len,
                second,
                second_len,
            })
        }
    }

    /// Shorthand for [`Error::InvalidGraph`].
    pub fn graph(message: impl Into<String>) -> Self {
        Error::InvalidGraph {
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidParameter { name, message } => write!(f, "invalid {name}: {message}"),
            Error::LengthMismatch {
                first,
                first_len,
                second,
                second_len,
            } => write!(
                f,
                "{first} and {second} must have the same length, got {first_len} and {second_len}"
            ),
            Error::NodeOutOfRange {
                array,
                index,
                value,
                num_nodes,
            } => {
                if *value < 0 {
                    write!(f, "{array}[{index}] = {value} is negative; node ids must be non-negative")
                } else {
                    write!(f, "{array}[{index}] = {value} is out of range; node ids must be in 0..{num_nodes}")
                }
            }
            Error::InvalidWeight {
                array,
                index,
                value,
                requirement,
            } if value.abs() >= 1e16 && value.is_finite() => write!(
                f,
                "{array}[{index}] = {value:e} is not a valid weight: weights must be {requirement}"
            ),
            Error::InvalidWeight {
                array,
                index,
                value,
                requirement,
            } => write!(f, "{array}[{index}] = {value} is not a valid weight: weights must be {requirement}"),
            Error::DuplicateEdge { src, dst } => write!(
                f,
                "duplicate edge ({src}, {dst}) and duplicates=\"error\" was requested"
            ),
            Error::TooLarge { message } => write!(f, "graph too large: {message}"),
            Error::InvalidGraph { message } => write!(f, "{message}"),
            Error::NotConverged {
                iterations,
                tolerance,
            } => write!(
                f,
                "power iteration failed to converge within {iterations} iterations (tol={tolerance:e})"
            ),
            Error::Interrupted => write!(f, "interrupted"),
            Error::Io { path, message } => write!(f, "cannot read {path:?}: {message}"),
            Error::Write { path, message } => write!(f, "cannot write {path:?}: {message}"),
            Error::Format { path, message } => write!(f, "{path:?}: {message}"),
            Error::Parse {
                path,
                line,
                message,
            } => write!(f, "{path}:{line}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// Result alias of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;
