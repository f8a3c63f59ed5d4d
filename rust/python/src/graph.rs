//! The frozen `CoreGraph` class (an immutable `Csr`) and its builders.

use impactgraph_core::{BuildOptions, Csr, Duplicates, NodeIndex, WeightDtype};
use numpy::{PyArray1, PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::run::detached;

/// An immutable CSR graph owned by Rust. Python's `impactgraph.Graph` wraps one, with labels.
#[pyclass(frozen, name = "CoreGraph", module = "impactgraph._core")]
pub struct PyGraph {
    /// The graph.
    pub csr: Csr,
}

impl PyGraph {
    /// Wrap a core graph.
    pub fn new(csr: Csr) -> Self {
        PyGraph { csr }
    }
}

#[pymethods]
impl PyGraph {
    /// Number of nodes.
    #[getter]
    fn num_nodes(&self) -> usize {
        self.csr.num_nodes()
    }
    /// Number of edges (an undirected edge counts once).
    #[getter]
    fn num_edges(&self) -> usize {
        self.csr.num_edges()
    }
    /// Number of stored out-arcs.
    #[getter]
    fn num_arcs(&self) -> usize {
        self.csr.num_arcs()
    }
    /// Number of self-loops.
    #[getter]
    fn num_self_loops(&self) -> usize {
        self.csr.num_self_loops()
    }
    /// Directed or not.
    #[getter]
    fn directed(&self) -> bool {
        self.csr.is_directed()
    }
    /// Weighted or not.
    #[getter]
    fn weighted(&self) -> bool {
        self.csr.is_weighted()
    }
    /// numpy name of the stored weight dtype (`"float64"` or `"float32"`), or None.
    #[getter]
    fn weight_dtype(&self) -> Option<&'static str> {
        self.csr.weight_dtype().map(WeightDtype::name)
    }
    /// Bytes held by the adjacency arrays.
    #[getter]
    fn nbytes(&self) -> usize {
        self.csr.nbytes()
    }
    /// Whether the arrays are views into a memory-mapped file (`Graph.load(..., mmap=True)`).
    #[getter]
    fn mapped(&self) -> bool {
        self.csr.out_adj().indptr.is_mapped()
    }
    /// Copy of the out-adjacency `indptr` (uint64).
    fn indptr<'py>(&self, py: Python<'py>, incoming: bool) -> Bound<'py, PyArray1<u64>> {
        PyArray1::from_slice(py, &self.adj(incoming).indptr)
    }
    /// Copy of the out-adjacency `indices` (uint32).
    fn indices<'py>(&self, py: Python<'py>, incoming: bool) -> Bound<'py, PyArray1<u32>> {
        PyArray1::from_slice(py, &self.adj(incoming).indices)
    }
    /// Copy of the arc weights in their stored dtype (float64 or float32), or None.
    fn weights<'py>(&self, py: Python<'py>, incoming: bool) -> Option<Bound<'py, PyAny>> {
        let w = self.adj(incoming).weights.as_ref()?;
        Some(match (w.as_f32(), w.as_f64_stored()) {
            (Some(w32), _) => PyArray1::from_slice(py, w32).into_any(),
            (None, Some(w64)) => PyArray1::from_slice(py, w64).into_any(),
            (None, None) => PyArray1::from_slice(py, w.as_f64()).into_any(),
        })
    }
    /// The same graph without weights.
    fn unweighted(&self, py: Python<'_>) -> PyGraph {
        py.detach(|| PyGraph::new(self.csr.unweighted()))
    }
    fn __repr__(&self) -> String {
        format!(
            "CoreGraph(num_nodes={}, num_edges={}, directed={}, weighted={})",
            self.csr.num_nodes(),
            self.csr.num_edges(),
            self.csr.is_directed(),
            self.csr.is_weighted()
        )
    }
}

impl PyGraph {
    fn adj(&self, incoming: bool) -> &impactgraph_core::Adjacency {
        if incoming {
            self.csr.in_adj()
        } else {
            self.csr.out_adj()
        }
    }
}

/// A contiguous 1-d float64 array as a slice, or a `TypeError` naming the argument.
/// The duplicate policy named `name`.
pub fn duplicates_of(name: &str) -> PyResult<Duplicates> {
    match name {
        "sum" => Ok(Duplicates::Sum),
        "first" => Ok(Duplicates::First),
        "error" => Ok(Duplicates::Error),
        other => Err(PyValueError::new_err(format!(
            "duplicates must be \"sum\", \"first\" or \"error\", got {other:?}"
        ))),
    }
}

pub fn f64_array<'py>(arr: &Bound<'py, PyAny>, name: &str) -> PyResult<PyReadonlyArray1<'py, f64>> {
    let a: PyReadonlyArray1<'py, f64> = arr
        .extract()
        .map_err(|_| PyTypeError::new_err(format!("{name} must be a 1-d float64 numpy array")))?;
    if !a.is_contiguous() {
        return Err(PyValueError::new_err(format!(
            "{name} must be C-contiguous"
        )));
    }
    Ok(a)
}

fn build<T: NodeIndex + numpy::Element>(
    py: Python<'_>,
    src: PyReadonlyArray1<'_, T>,
    dst: PyReadonlyArray1<'_, T>,
    weights: Option<&[f64]>,
    opts: &BuildOptions,
    threads: Option<usize>,
) -> PyResult<PyGraph> {
    let s = src
        .as_slice()
        .map_err(|_| PyValueError::new_err("src must be C-contiguous"))?;
    let d = dst
        .as_slice()
        .map_err(|_| PyValueError::new_err("dst must be C-contiguous"))?;
    detached(py, threads, |c| Csr::from_edges(s, d, weights, opts, c)).map(PyGraph::new)
}

/// `"float64"` or `"float32"` as a [`WeightDtype`], or a `ValueError`.
pub fn weight_dtype(name: &str) -> PyResult<WeightDtype> {
    match name {
        "float64" => Ok(WeightDtype::F64),
        "float32" => Ok(WeightDtype::F32),
        other => Err(PyValueError::new_err(format!(
            "weight_dtype must be \"float64\" or \"float32\", got {other:?}"
        ))),
    }
}

/// Build a graph from edge arrays (`src`, `dst` of one integer dtype, optional float64 weights,
/// stored as `weight_dtype`).
#[pyfunction]
#[pyo3(signature = (src, dst, weights=None, *, directed=false, num_nodes=None, duplicates="sum", self_loops=true, threads=None, weight_dtype="float64"))]
#[allow(clippy::too_many_arguments)]
pub fn from_edges(
    py: Python<'_>,
    src: &Bound<'_, PyAny>,
    dst: &Bound<'_, PyAny>,
    weights: Option<&Bound<'_, PyAny>>,
    directed: bool,
    num_nodes: Option<u64>,
    duplicates: &str,
    self_loops: bool,
    threads: Option<usize>,
    weight_dtype: &str,
) -> PyResult<PyGraph> {
    let weight_dtype = self::weight_dtype(weight_dtype)?;
    let duplicates = duplicates_of(duplicates)?;
    let opts = BuildOptions {
        directed,
        num_nodes,
        duplicates,
        self_loops,
        weight_dtype,
    };
    let w = weights.map(|w| f64_array(w, "weights")).transpose()?;
    let wslice = match &w {
        Some(a) => Some(
            a.as_slice()
                .map_err(|_| PyValueError::new_err("weights must be C-contiguous"))?,
        ),
        None => None,
    };
    macro_rules! try_dtype {
        ($($t:ty),*) => {$(
            if let (Ok(s), Ok(d)) = (src.extract::<PyReadonlyArray1<'_, $t>>(), dst.extract::<PyReadonlyArray1<'_, $t>>()) {
                return build::<$t>(py, s, d, wslice, &opts, threads);
            }
        )*};
    }
    try_dtype!(i64, i32, u32, u64, i16, u16, i8, u8);
    Err(PyTypeError::new_err(
        "src and dst must be 1-d numpy arrays of the same integer dtype",
    ))
}

/// Register the class and builders.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyGraph>()?;
    m.add_function(wrap_pyfunction!(from_edges, m)?)?;
    Ok(())
}
