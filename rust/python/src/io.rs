//! Binding of the edge-list reader: converts options, reads with the GIL released, returns
//! numpy arrays and the labels.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use impactgraph_core::builder::ChunkedBuilder;
use impactgraph_core::io::{
    read_edgelist as core_read, read_edgelist_graph as core_read_graph, EdgeListOptions, Labels,
    LoadProgress, NameTable, NodeType,
};
use impactgraph_core::store::{self, StoredLabels};
use impactgraph_core::{BuildOptions, Cancel, Error};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::graph::{duplicates_of, f64_array, PyGraph};
use crate::run::detached;

type ReadResult<'py> = (
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
    Option<Bound<'py, PyArray1<f64>>>,
    Bound<'py, PyAny>,
);

/// Read an edge list; returns `(src, dst, weights or None, labels)` where labels is an int64
/// array or a list of str.
#[pyfunction]
#[pyo3(signature = (path, *, delimiter=None, comments="#%", weight_column=None, node_type="auto", skip_rows=0, threads=None))]
#[allow(clippy::too_many_arguments)]
pub fn read_edgelist<'py>(
    py: Python<'py>,
    path: PathBuf,
    delimiter: Option<&str>,
    comments: &str,
    weight_column: Option<usize>,
    node_type: &str,
    skip_rows: usize,
    threads: Option<usize>,
) -> PyResult<ReadResult<'py>> {
    let opts = edgelist_options(delimiter, comments, weight_column, node_type, skip_rows)?;
    let el = detached(py, threads, |c| core_read(&path, &opts, c))?;
    let labels = labels_to_py(py, el.labels)?;
    Ok((
        el.src.into_pyarray(py),
        el.dst.into_pyarray(py),
        el.weights.map(|w| w.into_pyarray(py)),
        labels,
    ))
}

/// The reader options, validated.
fn edgelist_options(
    delimiter: Option<&str>,
    comments: &str,
    weight_column: Option<usize>,
    node_type: &str,
    skip_rows: usize,
) -> PyResult<EdgeListOptions> {
    let delimiter = match delimiter {
        None => None,
        Some(d) if d.len() == 1 && d.is_ascii() => Some(d.as_bytes()[0]),
        Some(d) => {
            return Err(PyValueError::new_err(format!(
                "delimiter must be a single ASCII character or None, got {d:?}"
            )))
        }
    };
    if !comments.is_ascii() {
        return Err(PyValueError::new_err("comments must be ASCII characters"));
    }
    let node_type = match node_type {
        "auto" => NodeType::Auto,
        "int" => NodeType::Int,
        "str" => NodeType::Str,
        other => {
            return Err(PyTypeError::new_err(format!(
                "node_type must be \"auto\", \"int\" or \"str\", got {other:?}"
            )))
        }
    };
    Ok(EdgeListOptions {
        delimiter,
        comments: comments.as_bytes().to_vec(),
        weight_column,
        node_type,
        skip_rows,
    })
}

fn labels_to_py(py: Python<'_>, labels: Labels) -> PyResult<Bound<'_, PyAny>> {
    Ok(match labels {
        Labels::Int(v) => v.into_pyarray(py).into_any(),
        Labels::Str(v) => PyList::new(py, v)?.into_any(),
    })
}

/// A load's progress counters, shared with the reading thread and polled from Python.
#[pyclass(frozen, name = "LoadProgress", module = "impactgraph._core")]
pub struct PyLoadProgress {
    inner: Arc<LoadProgress>,
}

#[pymethods]
impl PyLoadProgress {
    #[new]
    fn py_new() -> Self {
        PyLoadProgress {
            inner: Arc::new(LoadProgress::default()),
        }
    }
    /// 0 while reading (units: file bytes), 1 while building (units: edges).
    #[getter]
    fn stage(&self) -> u64 {
        self.inner.stage.load(Ordering::Relaxed)
    }
    #[getter]
    fn done(&self) -> u64 {
        self.inner.done.load(Ordering::Relaxed)
    }
    #[getter]
    fn total(&self) -> u64 {
        self.inner.total.load(Ordering::Relaxed)
    }
}

/// Read an edge list straight into a graph; returns `(graph, labels)` where labels is an
/// int64 array or a list of str.
#[pyfunction]
#[pyo3(signature = (path, *, delimiter=None, comments="#%", weight_column=None, node_type="auto", skip_rows=0, directed=false, duplicates="sum", self_loops=true, threads=None, progress=None, weight_dtype="float64"))]
#[allow(clippy::too_many_arguments)]
pub fn read_edgelist_graph<'py>(
    py: Python<'py>,
    path: PathBuf,
    delimiter: Option<&str>,
    comments: &str,
    weight_column: Option<usize>,
    node_type: &str,
    skip_rows: usize,
    directed: bool,
    duplicates: &str,
    self_loops: bool,
    threads: Option<usize>,
    progress: Option<&PyLoadProgress>,
    weight_dtype: &str,
) -> PyResult<(PyGraph, Bound<'py, PyAny>)> {
    let opts = edgelist_options(delimiter, comments, weight_column, node_type, skip_rows)?;
    let build = BuildOptions {
        directed,
        num_nodes: None,
        duplicates: duplicates_of(duplicates)?,
        self_loops,
        weight_dtype: crate::graph::weight_dtype(weight_dtype)?,
    };
    let progress = progress.map(|p| Arc::clone(&p.inner));
    let (g, labels) = detached(py, threads, |c| {
        core_read_graph(&path, &opts, &build, progress.as_deref(), c)
    })?;
    Ok((PyGraph::new(g), labels_to_py(py, labels)?))
}

/// Contiguous slice of an integer array of type `T`, if `arr` is one.
fn int_slice<'a, T: numpy::Element>(
    arr: &'a Option<PyReadonlyArray1<'_, T>>,
    name: &str,
) -> PyResult<Option<&'a [T]>> {
    match arr {
        None => Ok(None),
        Some(a) => a
            .as_slice()
            .map(Some)
            .map_err(|_| PyValueError::new_err(format!("{name} must be C-contiguous"))),
    }
}

/// Run `f` on the two id arrays as slices of one integer dtype.
fn with_ids<R>(
    src: &Bound<'_, PyAny>,
    dst: &Bound<'_, PyAny>,
    f: impl FnOnce(Ids<'_>) -> PyResult<R>,
) -> PyResult<R> {
    macro_rules! try_dtype {
        ($($t:ty => $v:ident),*) => {$(
            if let (Ok(s), Ok(d)) = (src.extract::<PyReadonlyArray1<'_, $t>>(), dst.extract::<PyReadonlyArray1<'_, $t>>()) {
                let (s, d) = (Some(s), Some(d));
                let (s, d) = (int_slice(&s, "src")?.unwrap_or(&[]), int_slice(&d, "dst")?.unwrap_or(&[]));
                return f(Ids::$v(s, d));
            }
        )*};
    }
    try_dtype!(i64 => I64, u32 => U32, i32 => I32, u64 => U64);
    Err(PyTypeError::new_err(
        "src and dst must be 1-d numpy arrays of the same dtype (int64, int32, uint32 or uint64)",
    ))
}

/// Id slices of one of the accepted dtypes.
enum Ids<'a> {
    I64(&'a [i64], &'a [i64]),
    U32(&'a [u32], &'a [u32]),
    I32(&'a [i32], &'a [i32]),
    U64(&'a [u64], &'a [u64]),
}

/// A CSR built from edge chunks: count every chunk, `start_placing`, place the same chunks in
/// the same order, `finish` (see `impactgraph_core::builder::ChunkedBuilder`).
#[pyclass(frozen, name = "EdgeChunkBuilder", module = "impactgraph._core")]
pub struct PyEdgeChunkBuilder {
    inner: Mutex<Option<ChunkedBuilder>>,
}

impl PyEdgeChunkBuilder {
    fn with<R: Send>(
        &self,
        py: Python<'_>,
        threads: Option<usize>,
        f: impl FnOnce(&mut ChunkedBuilder, &Cancel) -> Result<R, Error> + Send,
    ) -> PyResult<R> {
        let mut guard = self
            .inner
            .lock()
            .map_err(|_| PyValueError::new_err("the builder failed earlier"))?;
        let b = guard
            .as_mut()
            .ok_or_else(|| PyValueError::new_err("the builder has already finished"))?;
        detached(py, threads, |c| f(b, c))
    }
}

#[pymethods]
impl PyEdgeChunkBuilder {
    #[new]
    #[pyo3(signature = (*, directed=false, num_nodes=None, duplicates="sum", self_loops=true, weighted=false, weight_dtype="float64"))]
    fn py_new(
        py: Python<'_>,
        directed: bool,
        num_nodes: Option<u64>,
        duplicates: &str,
        self_loops: bool,
        weighted: bool,
        weight_dtype: &str,
    ) -> PyResult<Self> {
        let opts = BuildOptions {
            directed,
            num_nodes,
            duplicates: duplicates_of(duplicates)?,
            self_loops,
            weight_dtype: crate::graph::weight_dtype(weight_dtype)?,
        };
        let b = ChunkedBuilder::new(&opts, weighted).map_err(|e| crate::errors::to_pyerr(py, e))?;
        Ok(PyEdgeChunkBuilder {
            inner: Mutex::new(Some(b)),
        })
    }

    /// Number of nodes so far.
    #[getter]
    fn num_nodes(&self) -> PyResult<usize> {
        self.peek(|b| b.num_nodes())
    }

    /// Edges counted so far.
    #[getter]
    fn num_counted(&self) -> PyResult<u64> {
        self.peek(|b| b.num_counted())
    }

    /// Count one chunk.
    #[pyo3(signature = (src, dst, *, threads=None))]
    fn count(
        &self,
        py: Python<'_>,
        src: &Bound<'_, PyAny>,
        dst: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<()> {
        with_ids(src, dst, |ids| {
            self.with(py, threads, |b, c| match ids {
                Ids::I64(s, d) => b.count(s, d, c),
                Ids::U32(s, d) => b.count(s, d, c),
                Ids::I32(s, d) => b.count(s, d, c),
                Ids::U64(s, d) => b.count(s, d, c),
            })
        })
    }

    /// End counting; `num_nodes` raises the node count.
    #[pyo3(signature = (num_nodes=None))]
    fn start_placing(&self, py: Python<'_>, num_nodes: Option<u64>) -> PyResult<()> {
        self.with(py, None, |b, _| b.start_placing(num_nodes))
    }

    /// Place one chunk (the chunks counted, in the same order).
    #[pyo3(signature = (src, dst, weights=None, *, threads=None))]
    fn place(
        &self,
        py: Python<'_>,
        src: &Bound<'_, PyAny>,
        dst: &Bound<'_, PyAny>,
        weights: Option<&Bound<'_, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<()> {
        let w = weights.map(|w| f64_array(w, "weights")).transpose()?;
        let w = match &w {
            Some(a) => Some(
                a.as_slice()
                    .map_err(|_| PyValueError::new_err("weights must be C-contiguous"))?,
            ),
            None => None,
        };
        with_ids(src, dst, |ids| {
            self.with(py, threads, |b, c| match ids {
                Ids::I64(s, d) => b.place(s, d, w, c),
                Ids::U32(s, d) => b.place(s, d, w, c),
                Ids::I32(s, d) => b.place(s, d, w, c),
                Ids::U64(s, d) => b.place(s, d, w, c),
            })
        })
    }

    /// Sort, merge duplicates, transpose; the builder cannot be used afterwards.
    #[pyo3(signature = (*, threads=None))]
    fn finish(&self, py: Python<'_>, threads: Option<usize>) -> PyResult<PyGraph> {
        let b = self
            .inner
            .lock()
            .map_err(|_| PyValueError::new_err("the builder failed earlier"))?
            .take()
            .ok_or_else(|| PyValueError::new_err("the builder has already finished"))?;
        detached(py, threads, |c| b.finish(c)).map(PyGraph::new)
    }
}

impl PyEdgeChunkBuilder {
    fn peek<R>(&self, f: impl FnOnce(&ChunkedBuilder) -> R) -> PyResult<R> {
        let guard = self
            .inner
            .lock()
            .map_err(|_| PyValueError::new_err("the builder failed earlier"))?;
        guard
            .as_ref()
            .map(f)
            .ok_or_else(|| PyValueError::new_err("the builder has already finished"))
    }
}

/// Node names to dense ids in order of first appearance, chunk by chunk.
#[pyclass(frozen, name = "NameTable", module = "impactgraph._core")]
pub struct PyNameTable {
    inner: Mutex<NameTable>,
}

#[pymethods]
impl PyNameTable {
    #[new]
    fn py_new() -> Self {
        PyNameTable {
            inner: Mutex::new(NameTable::new()),
        }
    }

    fn __len__(&self) -> PyResult<usize> {
        Ok(self.lock()?.len())
    }

    /// The ids of `names` (an int64 array or a list of str), new names numbered in order.
    fn ids<'py>(
        &self,
        py: Python<'py>,
        names: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyArray1<u32>>> {
        let mut guard = self.lock()?;
        let t: &mut NameTable = &mut guard;
        let ids = if let Ok(a) = names.extract::<PyReadonlyArray1<'_, i64>>() {
            let v = a
                .as_slice()
                .map_err(|_| PyValueError::new_err("names must be C-contiguous"))?;
            py.detach(|| t.ints(v))
        } else if let Ok(v) = names.extract::<Vec<String>>() {
            py.detach(|| t.strs(&v))
        } else {
            return Err(PyTypeError::new_err(
                "names must be an int64 numpy array or a list of str",
            ));
        };
        Ok(ids
            .map_err(|e| crate::errors::to_pyerr(py, e))?
            .into_pyarray(py))
    }

    /// The ids of int64 names already in the table (a parallel look-up; an error for a new
    /// name).
    fn lookup<'py>(
        &self,
        py: Python<'py>,
        names: PyReadonlyArray1<'py, i64>,
    ) -> PyResult<Bound<'py, PyArray1<u32>>> {
        let guard = self.lock()?;
        let t: &NameTable = &guard;
        let v = names
            .as_slice()
            .map_err(|_| PyValueError::new_err("names must be C-contiguous"))?;
        let ids = py.detach(|| t.lookup_ints(v));
        Ok(ids
            .map_err(|e| crate::errors::to_pyerr(py, e))?
            .into_pyarray(py))
    }

    /// The names by id: an int64 array or a list of str. Empties the table (the names move
    /// out), so call it last.
    fn labels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = std::mem::take(&mut *self.lock()?);
        labels_to_py(py, t.into_labels())
    }
}

impl PyNameTable {
    fn lock(&self) -> PyResult<std::sync::MutexGuard<'_, NameTable>> {
        self.inner
            .lock()
            .map_err(|_| PyValueError::new_err("the name table failed earlier"))
    }
}

/// Write `graph` and its labels (None, an int64 array, or a list of str) to a binary graph file;
/// `labels_as_list` records that int labels were a Python list.
#[pyfunction]
#[pyo3(signature = (graph, path, labels=None, *, labels_as_list=false))]
pub fn save_graph(
    py: Python<'_>,
    graph: &PyGraph,
    path: PathBuf,
    labels: Option<&Bound<'_, PyAny>>,
    labels_as_list: bool,
) -> PyResult<()> {
    let labels = match labels {
        None => None,
        Some(l) => Some(if let Ok(a) = l.extract::<PyReadonlyArray1<'_, i64>>() {
            let v = a.as_array().to_vec();
            if labels_as_list {
                StoredLabels::IntList(v)
            } else {
                StoredLabels::IntArray(v)
            }
        } else if let Ok(v) = l.extract::<Vec<String>>() {
            StoredLabels::Str(v)
        } else {
            return Err(PyTypeError::new_err(
                "labels must be None, an int64 numpy array or a list of str",
            ));
        }),
    };
    detached(py, None, |c| {
        store::save(&graph.csr, labels.as_ref(), &path, c)
    })
}

/// Read a binary graph file; returns `(graph, labels)` with labels None, an int64 array, a
/// list of int or a list of str.
#[pyfunction]
#[pyo3(signature = (path, *, mmap=true, verify=true))]
pub fn load_graph<'py>(
    py: Python<'py>,
    path: PathBuf,
    mmap: bool,
    verify: bool,
) -> PyResult<(PyGraph, Bound<'py, PyAny>)> {
    let (g, labels) = detached(py, None, |c| store::load(&path, mmap, verify, c))?;
    let labels: Bound<'py, PyAny> = match labels {
        None => py.None().into_bound(py),
        Some(StoredLabels::IntArray(v)) => v.into_pyarray(py).into_any(),
        Some(StoredLabels::IntList(v)) => PyList::new(py, v)?.into_any(),
        Some(StoredLabels::Str(v)) => PyList::new(py, v)?.into_any(),
    };
    Ok((PyGraph::new(g), labels))
}

/// Register the I/O functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read_edgelist, m)?)?;
    m.add_function(wrap_pyfunction!(read_edgelist_graph, m)?)?;
    m.add_class::<PyLoadProgress>()?;
    m.add_class::<PyEdgeChunkBuilder>()?;
    m.add_class::<PyNameTable>()?;
    m.add_function(wrap_pyfunction!(save_graph, m)?)?;
    m.add_function(wrap_pyfunction!(load_graph, m)?)?;
    Ok(())
}
