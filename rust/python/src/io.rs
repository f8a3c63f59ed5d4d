//! Binding of the edge-list reader: converts options, reads with the GIL released, returns
//! numpy arrays and the labels.

use std::path::PathBuf;

use impactgraph_core::io::{read_edgelist as core_read, EdgeListOptions, Labels, NodeType};
use impactgraph_core::store::{self, StoredLabels};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::graph::PyGraph;
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
    let opts = EdgeListOptions {
        delimiter,
        comments: comments.as_bytes().to_vec(),
        weight_column,
        node_type,
        skip_rows,
    };
    let el = detached(py, threads, |c| core_read(&path, &opts, c))?;
    let labels: Bound<'py, PyAny> = match el.labels {
        Labels::Int(v) => v.into_pyarray(py).into_any(),
        Labels::Str(v) => PyList::new(py, v)?.into_any(),
    };
    Ok((
        el.src.into_pyarray(py),
        el.dst.into_pyarray(py),
        el.weights.map(|w| w.into_pyarray(py)),
        labels,
    ))
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
    m.add_function(wrap_pyfunction!(save_graph, m)?)?;
    m.add_function(wrap_pyfunction!(load_graph, m)?)?;
    Ok(())
}
