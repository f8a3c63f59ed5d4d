//! Multi-level networks: `impactgraph_core::multilevel`. Labels, levels, times and argument
//! checks beyond types live in `python/impactgraph/multilevel.py`.

use impactgraph_core::bipartite::Weighting;
use impactgraph_core::multilevel::{self, Relation, RollupParams};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::graph::PyGraph;
use crate::run::detached;

fn slice<'a, T: numpy::Element>(a: &'a PyReadonlyArray1<'_, T>, name: &str) -> PyResult<&'a [T]> {
    a.as_slice()
        .map_err(|_| PyValueError::new_err(format!("{name} must be a contiguous array")))
}

/// `(up_indptr, up_groups, down_indptr, down_members)`: member -> groups and group -> members.
type Csr2<'py> = (
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<u32>>,
);

/// Validated membership CSR over the nodes of `node_level` (int8 level per node).
#[pyfunction]
#[pyo3(signature = (member, group, node_level, *, threads=None))]
fn membership_csr<'py>(
    py: Python<'py>,
    member: PyReadonlyArray1<'py, i64>,
    group: PyReadonlyArray1<'py, i64>,
    node_level: PyReadonlyArray1<'py, i8>,
    threads: Option<usize>,
) -> PyResult<Csr2<'py>> {
    let (m, g, l) = (
        slice(&member, "member")?,
        slice(&group, "group")?,
        slice(&node_level, "node_level")?,
    );
    let r = detached(py, threads, |c| multilevel::memberships(m, g, l, c))?;
    Ok((
        r.up.indptr.into_pyarray(py),
        r.up.items.into_pyarray(py),
        r.down.indptr.into_pyarray(py),
        r.down.items.into_pyarray(py),
    ))
}

type Ties<'py> = (
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<f64>>,
);

/// Ties `src -> dst` between members rolled up to groups through the affiliation
/// `members[i] -> groups[i]`: `(indptr, targets, weights)` with one row per group.
#[pyfunction]
#[pyo3(signature = (
    members, groups, num_members, num_groups, src, dst, weights=None, *,
    sum, include_memberships, self_loops, directed, threads=None
))]
#[allow(clippy::too_many_arguments)]
fn rollup<'py>(
    py: Python<'py>,
    members: PyReadonlyArray1<'py, i64>,
    groups: PyReadonlyArray1<'py, i64>,
    num_members: usize,
    num_groups: usize,
    src: PyReadonlyArray1<'py, i64>,
    dst: PyReadonlyArray1<'py, i64>,
    weights: Option<PyReadonlyArray1<'py, f64>>,
    sum: bool,
    include_memberships: bool,
    self_loops: bool,
    directed: bool,
    threads: Option<usize>,
) -> PyResult<Ties<'py>> {
    let (m, g) = (slice(&members, "members")?, slice(&groups, "groups")?);
    let (s, d) = (slice(&src, "src")?, slice(&dst, "dst")?);
    let w = match &weights {
        Some(w) => Some(slice(w, "weights")?),
        None => None,
    };
    let p = RollupParams {
        sum,
        include_memberships,
        self_loops,
        directed,
    };
    let r = detached(py, threads, |c| {
        let a = Relation::from_pairs(m, g, num_members, num_groups, c)?;
        multilevel::rollup(&a, num_groups, s, d, w, &p, c)
    })?;
    Ok((
        r.indptr.into_pyarray(py),
        r.targets.into_pyarray(py),
        r.weights.into_pyarray(py),
    ))
}

type Bridges<'py> = (
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<u64>>,
);

/// `(num_groups, pairs, sole_pairs)` for every member of the affiliation `members -> groups`.
#[pyfunction]
#[pyo3(signature = (members, groups, num_members, num_groups, *, threads=None))]
fn bridging<'py>(
    py: Python<'py>,
    members: PyReadonlyArray1<'py, i64>,
    groups: PyReadonlyArray1<'py, i64>,
    num_members: usize,
    num_groups: usize,
    threads: Option<usize>,
) -> PyResult<Bridges<'py>> {
    let (m, g) = (slice(&members, "members")?, slice(&groups, "groups")?);
    let r = detached(py, threads, |c| {
        let a = Relation::from_pairs(m, g, num_members, num_groups, c)?;
        multilevel::bridging(&a, num_groups, c)
    })?;
    Ok((
        r.num_groups.into_pyarray(py),
        r.pairs.into_pyarray(py),
        r.sole_pairs.into_pyarray(py),
    ))
}

/// The projection of the two-mode `graph` onto its first `k` nodes, as a graph.
#[pyfunction]
#[pyo3(signature = (graph, k, *, weighting, min_weight=None, weighted=true, threads=None))]
fn project_members(
    py: Python<'_>,
    graph: &Bound<'_, PyGraph>,
    k: usize,
    weighting: &str,
    min_weight: Option<f64>,
    weighted: bool,
    threads: Option<usize>,
) -> PyResult<PyGraph> {
    let w = match weighting {
        "count" => Weighting::Count,
        "ratio" => Weighting::Ratio,
        "newman" => Weighting::Newman,
        "jaccard" => Weighting::Jaccard,
        "overlap" => Weighting::Overlap,
        other => {
            return Err(PyValueError::new_err(format!(
                "weighting must be \"count\", \"ratio\", \"newman\", \"jaccard\" or \"overlap\", got {other:?}"
            )))
        }
    };
    let g = &graph.get().csr;
    let csr = detached(py, threads, |c| {
        multilevel::project_members(g, k, w, min_weight, weighted, c)
    })?;
    Ok(PyGraph::new(csr))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(membership_csr, m)?)?;
    m.add_function(wrap_pyfunction!(rollup, m)?)?;
    m.add_function(wrap_pyfunction!(bridging, m)?)?;
    m.add_function(wrap_pyfunction!(project_members, m)?)?;
    Ok(())
}
