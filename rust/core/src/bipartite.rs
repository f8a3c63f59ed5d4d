//! One-mode projections of two-mode (bipartite, affiliation) graphs.
//!
//! Given a graph `B` and a list of `rows` (the nodes to project onto, e.g. the people of a
//! person–event graph), two rows `u` and `v` are tied when they share a neighbour on the other
//! side. This is the sparse product `A·A` restricted to the rows, computed row by row
//! (Gustavson's SpGEMM) with a dense per-task accumulator and a list of touched columns, as in
//! `community::level`'s row sums: no dense matrix is ever built, memory is O(n) per task plus
//! the output.
//!
//! # Definitions (networkx's `bipartite.projection`)
//!
//! Write `S(u)` for the out-neighbours of `u` (the neighbours in an undirected graph) and
//! `P(v)` for the in-neighbours of `v`. The candidates of a row `u` are the nodes `v != u`
//! reached by two steps `u -> w -> v`; `c(u, v) = |S(u) ∩ P(v)|` is their number of shared
//! neighbours (every candidate has `c >= 1`). The weight of the tie `u -> v` is
//!
//! | [`Weighting`] | weight | networkx |
//! |---|---|---|
//! | `Count` | `c(u, v)` | `weighted_projected_graph` (and `projected_graph`, unweighted) |
//! | `Ratio` | `c(u, v) / (n - rows)` | `weighted_projected_graph(ratio=True)` |
//! | `Newman` | `sum over w in S(u) ∩ P(v) with d(w) > 1 of 1 / (d(w) - 1)`, `d(w) = |S(w)|` | `collaboration_weighted_projected_graph` |
//! | `Jaccard` | `c / (|S(u)| + |P(v)| - c)` | `overlap_weighted_projected_graph` |
//! | `Overlap` | `c / min(|S(u)|, |P(v)|)` | `overlap_weighted_projected_graph(jaccard=False)` |
//!
//! For a directed graph the projection is directed (`u -> v` when a path `u -> w -> v`
//! exists), exactly as networkx defines it; for an undirected graph every weight is symmetric.
//! A self-loop is a neighbour like any other (networkx's `B[u]` contains `u`).
//!
//! # Output
//!
//! A [`Projection`]: for each row in input order, its targets in increasing id order with
//! their weights (CSR layout). With [`ProjectionParams::within`] the targets are restricted to
//! the rows (the projection proper); without it every node reached in two steps is a target
//! (networkx adds such nodes to its result when the input is not bipartite). With
//! [`ProjectionParams::once`] (for undirected graphs) a tie between two rows is reported only
//! from the row that comes first in `rows`. Ties whose weight is below
//! [`ProjectionParams::min_weight`] are dropped.
//!
//! # Determinism
//!
//! Each row is computed sequentially (Newman sums are added in increasing id of the shared
//! neighbour), so the result is bit-identical for any number of threads.
//!
//! # References
//!
//! M. E. J. Newman, *Scientific collaboration networks. II. Shortest paths, weighted networks,
//! and centrality*, Phys. Rev. E 64, 016132 (2001); S. P. Borgatti and D. S. Halgin,
//! *Analyzing affiliation networks*, The SAGE Handbook of Social Network Analysis (2011);
//! F. G. Gustavson, *Two fast algorithms for sparse matrices: multiplication and permuted
//! transposition*, ACM TOMS 4(3) (1978).

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::{Error, Result};
use crate::{EdgeIdx, NodeId};

/// Rows per parallel task.
const ROWS_PER_TASK: usize = 256;

/// How the ties of a projection are weighted. See the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighting {
    /// Number of shared neighbours.
    Count,
    /// Number of shared neighbours over the number of non-row nodes (`n - rows`).
    Ratio,
    /// Newman's collaboration weight: `1 / (d(w) - 1)` summed over the shared neighbours.
    Newman,
    /// Jaccard index of the two neighbourhoods.
    Jaccard,
    /// Shared neighbours over the smaller of the two neighbourhoods.
    Overlap,
}

/// Parameters of [`project`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProjectionParams {
    /// The weight of a tie.
    pub weighting: Weighting,
    /// Drop ties whose weight is below this (`None`: keep every tie).
    pub min_weight: Option<f64>,
    /// Keep only targets that are rows themselves (`true`), or every node reached in two steps.
    pub within: bool,
    /// Report a tie between rows `rows[i]` and `rows[j]` only from the first of them (`i < j`);
    /// ties to non-rows are always reported. Meant for undirected graphs, whose ties are
    /// symmetric.
    pub once: bool,
}

impl Default for ProjectionParams {
    fn default() -> Self {
        ProjectionParams {
            weighting: Weighting::Count,
            min_weight: None,
            within: true,
            once: false,
        }
    }
}

/// The ties of a projection in CSR layout: the targets of `rows[i]` are
/// `targets[indptr[i]..indptr[i + 1]]`, in increasing id order, with `weights` alongside.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Projection {
    /// `rows.len() + 1` offsets.
    pub indptr: Vec<EdgeIdx>,
    /// Target node ids (ids of the input graph).
    pub targets: Vec<NodeId>,
    /// One weight per target.
    pub weights: Vec<f64>,
}

impl Projection {
    /// Number of ties (each undirected tie appears once from each of its rows).
    pub fn num_ties(&self) -> usize {
        self.targets.len()
    }
}

/// Scratch space of one task: a dense accumulator over all nodes and the touched columns.
struct Acc {
    count: Vec<u32>,
    sum: Vec<f64>,
    touched: Vec<NodeId>,
}

impl Acc {
    fn new(n: usize, newman: bool) -> Self {
        Acc {
            count: vec![0; n],
            sum: if newman { vec![0.0; n] } else { Vec::new() },
            touched: Vec::new(),
        }
    }
}

/// Output of one task.
#[derive(Default)]
struct Part {
    lens: Vec<EdgeIdx>,
    targets: Vec<NodeId>,
    weights: Vec<f64>,
}

/// One-mode projection of `g` onto `rows`. See the module documentation for the weights.
///
/// # Arguments
/// * `g` – any graph (directed or not; its edge weights are ignored).
/// * `rows` – the distinct nodes to project onto, in the order of the result's rows.
/// * `params` – weighting, threshold and whether targets are restricted to the rows.
///
/// # Errors
/// [`Error::NodeOutOfRange`] for a row id `>= n`, [`Error::InvalidParameter`] for a repeated
/// row, a NaN `min_weight` or `Ratio` with no node outside the rows, [`Error::Interrupted`].
///
/// # Complexity
/// O(sum over rows u of sum over w in S(u) of |S(w)|) work (the number of two-step paths),
/// plus sorting each row's targets; O(n) scratch per task and the output. Parallel over rows.
///
/// # Example
/// ```
/// use impactgraph_core::{Cancel, Csr, BuildOptions};
/// use impactgraph_core::bipartite::{project, ProjectionParams, Weighting};
/// // people 0, 1, 2 and events 3, 4: 0-3, 1-3, 1-4, 2-4
/// let g = Csr::from_edges(&[0u32, 1, 1, 2], &[3u32, 3, 4, 4], None,
///                         &BuildOptions::default(), &Cancel::new()).unwrap();
/// let p = project(&g, &[0, 1, 2], &ProjectionParams::default(), &Cancel::new()).unwrap();
/// assert_eq!(p.indptr, vec![0, 1, 3, 4]);
/// assert_eq!(p.targets, vec![1, 0, 2, 1]);
/// assert_eq!(p.weights, vec![1.0; 4]);
/// ```
pub fn project(
    g: &Csr,
    rows: &[NodeId],
    params: &ProjectionParams,
    cancel: &Cancel,
) -> Result<Projection> {
    let n = g.num_nodes();
    let filter = Filter::new(n, rows, params.within, params.once)?;
    if let Some(t) = params.min_weight {
        if t.is_nan() {
            return Err(Error::param("min_weight", "must be a number, got NaN"));
        }
    }
    let others = n - rows.len();
    if params.weighting == Weighting::Ratio && others == 0 {
        return Err(Error::param(
            "weighting",
            format!(
                "ratio needs nodes outside the projected ones: the {} projected nodes are the whole graph",
                rows.len()
            ),
        ));
    }
    let newman = params.weighting == Weighting::Newman;
    let parts: Vec<Result<Part>> = rows
        .par_chunks(ROWS_PER_TASK)
        .enumerate()
        .map_init(
            || Acc::new(n, newman),
            |acc, (c, chunk)| {
                let mut part = Part::default();
                for (k, &u) in chunk.iter().enumerate() {
                    cancel.check()?;
                    let before = part.targets.len();
                    let i = (c * ROWS_PER_TASK + k) as NodeId;
                    project_row(g, u, i, &filter, params, others, acc, &mut part);
                    part.lens.push((part.targets.len() - before) as EdgeIdx);
                }
                Ok(part)
            },
        )
        .collect();
    let mut out = Projection {
        indptr: Vec::with_capacity(rows.len() + 1),
        ..Projection::default()
    };
    out.indptr.push(0);
    let mut total: EdgeIdx = 0;
    let parts = parts.into_iter().collect::<Result<Vec<Part>>>()?;
    let ties: usize = parts.iter().map(|p| p.targets.len()).sum();
    out.targets.reserve_exact(ties);
    out.weights.reserve_exact(ties);
    for p in parts {
        for l in p.lens {
            total += l;
            out.indptr.push(total);
        }
        out.targets.extend_from_slice(&p.targets);
        out.weights.extend_from_slice(&p.weights);
    }
    Ok(out)
}

/// The ties of one row, appended to `part` (targets sorted); leaves `acc` zeroed.
#[allow(clippy::too_many_arguments)]
fn project_row(
    g: &Csr,
    u: NodeId,
    i: NodeId,
    filter: &Filter,
    params: &ProjectionParams,
    others: usize,
    acc: &mut Acc,
    part: &mut Part,
) {
    let newman = params.weighting == Weighting::Newman;
    let out = g.out_adj();
    let su = out.neighbors(u as usize);
    for &w in su {
        let sw = out.neighbors(w as usize);
        let inc = if newman && sw.len() > 1 {
            1.0 / (sw.len() - 1) as f64
        } else {
            0.0
        };
        for &v in sw {
            if v == u || !filter.keep(i, v) {
                continue;
            }
            let c = &mut acc.count[v as usize];
            if *c == 0 {
                acc.touched.push(v);
            }
            *c += 1;
            if newman {
                acc.sum[v as usize] += inc;
            }
        }
    }
    acc.touched.sort_unstable();
    let inn = g.in_adj();
    for &v in &acc.touched {
        let vi = v as usize;
        let c = acc.count[vi] as f64;
        let w = match params.weighting {
            Weighting::Count => c,
            Weighting::Ratio => c / others as f64,
            Weighting::Newman => acc.sum[vi],
            Weighting::Jaccard => c / ((su.len() + inn.degree(vi)) as f64 - c),
            Weighting::Overlap => c / su.len().min(inn.degree(vi)) as f64,
        };
        acc.count[vi] = 0;
        if newman {
            acc.sum[vi] = 0.0;
        }
        if params.min_weight.is_some_and(|t| w < t) {
            continue;
        }
        part.targets.push(v);
        part.weights.push(w);
    }
    acc.touched.clear();
}

/// Every two-step path `u -> w -> v` (`v != u`) from the rows: the shared neighbours `w` behind
/// each tie, as networkx's `projected_graph(multigraph=True)` keys its edges.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SharedNeighbors {
    /// `rows.len() + 1` offsets.
    pub indptr: Vec<EdgeIdx>,
    /// The other end `v` of each path, sorted by `(v, w)` within a row.
    pub targets: Vec<NodeId>,
    /// The shared neighbour `w` of each path.
    pub via: Vec<NodeId>,
}

/// The shared neighbours behind every tie of the projection of `g` onto `rows`: one entry
/// `(v, w)` per path `u -> w -> v` with `v != u` (and `v` a row, when `within`; and, when
/// `once`, `v` after `u` in `rows` or not a row), grouped by row in input order, sorted by
/// `(v, w)`.
///
/// # Errors
/// As [`project`]: [`Error::NodeOutOfRange`], [`Error::InvalidParameter`] (a repeated row),
/// [`Error::Interrupted`].
///
/// # Complexity
/// O(number of two-step paths) work and output, plus sorting each row's paths; parallel over
/// rows.
///
/// # Example
/// ```
/// use impactgraph_core::{Cancel, Csr, BuildOptions};
/// use impactgraph_core::bipartite::shared_neighbors;
/// // a and b (0, 1) share events 2 and 3
/// let g = Csr::from_edges(&[0u32, 1, 0, 1], &[2u32, 2, 3, 3], None,
///                         &BuildOptions::default(), &Cancel::new()).unwrap();
/// let s = shared_neighbors(&g, &[0, 1], true, false, &Cancel::new()).unwrap();
/// assert_eq!(s.indptr, vec![0, 2, 4]);
/// assert_eq!(s.targets, vec![1, 1, 0, 0]);
/// assert_eq!(s.via, vec![2, 3, 2, 3]);
/// ```
pub fn shared_neighbors(
    g: &Csr,
    rows: &[NodeId],
    within: bool,
    once: bool,
    cancel: &Cancel,
) -> Result<SharedNeighbors> {
    let filter = Filter::new(g.num_nodes(), rows, within, once)?;
    let out = g.out_adj();
    let parts: Vec<Result<PathsPart>> = rows
        .par_chunks(ROWS_PER_TASK)
        .enumerate()
        .map(|(c, chunk)| {
            let (mut lens, mut pairs) = (Vec::with_capacity(chunk.len()), Vec::new());
            for (k, &u) in chunk.iter().enumerate() {
                cancel.check()?;
                let i = (c * ROWS_PER_TASK + k) as NodeId;
                let before = pairs.len();
                for &w in out.neighbors(u as usize) {
                    for &v in out.neighbors(w as usize) {
                        if v != u && filter.keep(i, v) {
                            pairs.push((v, w));
                        }
                    }
                }
                pairs[before..].sort_unstable();
                lens.push((pairs.len() - before) as EdgeIdx);
            }
            Ok((lens, pairs))
        })
        .collect();
    let mut res = SharedNeighbors {
        indptr: vec![0],
        ..SharedNeighbors::default()
    };
    let mut total: EdgeIdx = 0;
    for part in parts {
        let (lens, pairs) = part?;
        for l in lens {
            total += l;
            res.indptr.push(total);
        }
        res.targets.extend(pairs.iter().map(|p| p.0));
        res.via.extend(pairs.iter().map(|p| p.1));
    }
    Ok(res)
}

/// One task's row lengths and `(target, via)` pairs.
type PathsPart = (Vec<EdgeIdx>, Vec<(NodeId, NodeId)>);

/// Which targets a row keeps: its position in `rows` for every node (`NONE` for non-rows).
struct Filter {
    pos: Vec<NodeId>,
    within: bool,
    once: bool,
}

impl Filter {
    const NONE: NodeId = NodeId::MAX;

    /// Errors for an out-of-range or repeated row.
    fn new(n: usize, rows: &[NodeId], within: bool, once: bool) -> Result<Self> {
        let mut pos = vec![Self::NONE; n];
        for (i, &u) in rows.iter().enumerate() {
            let ui = u as usize;
            if ui >= n {
                return Err(Error::NodeOutOfRange {
                    array: "rows",
                    index: i,
                    value: i128::from(u),
                    num_nodes: n as u64,
                });
            }
            if pos[ui] != Self::NONE {
                return Err(Error::param(
                    "rows",
                    format!("node {u} appears more than once"),
                ));
            }
            pos[ui] = i as NodeId;
        }
        Ok(Filter { pos, within, once })
    }

    /// Whether row number `i` keeps target `v` (`v` is never the row's own node here).
    #[inline]
    fn keep(&self, i: NodeId, v: NodeId) -> bool {
        let p = self.pos[v as usize];
        if p == Self::NONE {
            !self.within
        } else {
            !self.once || p > i
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::csr::BuildOptions;

    fn graph(src: &[u32], dst: &[u32], n: u64, directed: bool) -> Csr {
        let opts = BuildOptions {
            directed,
            num_nodes: Some(n),
            ..BuildOptions::default()
        };
        Csr::from_edges(src, dst, None, &opts, &Cancel::new()).unwrap()
    }

    fn params(weighting: Weighting) -> ProjectionParams {
        ProjectionParams {
            weighting,
            ..ProjectionParams::default()
        }
    }

    /// networkx's definition, literally, with sets.
    fn brute(g: &Csr, rows: &[NodeId], p: &ProjectionParams) -> Vec<Vec<(NodeId, f64)>> {
        let n = g.num_nodes();
        let rowset: BTreeSet<NodeId> = rows.iter().copied().collect();
        let pos = |x: NodeId| rows.iter().position(|&r| r == x).unwrap();
        let succ = |x: NodeId| -> BTreeSet<NodeId> {
            g.out_neighbors(x as usize).iter().copied().collect()
        };
        let pred = |x: NodeId| -> BTreeSet<NodeId> {
            g.in_neighbors(x as usize).iter().copied().collect()
        };
        rows.iter()
            .map(|&u| {
                let su = succ(u);
                let cands: BTreeSet<NodeId> = su
                    .iter()
                    .flat_map(|&w| succ(w))
                    .filter(|&v| v != u && (!p.within || rowset.contains(&v)))
                    .filter(|&v| !p.once || !rowset.contains(&v) || pos(v) > pos(u))
                    .collect();
                cands
                    .into_iter()
                    .filter_map(|v| {
                        let pv = pred(v);
                        let common: Vec<NodeId> = su.intersection(&pv).copied().collect();
                        let c = common.len() as f64;
                        let w = match p.weighting {
                            Weighting::Count => c,
                            Weighting::Ratio => c / (n - rows.len()) as f64,
                            Weighting::Newman => common
                                .iter()
                                .map(|&k| g.out_neighbors(k as usize).len())
                                .filter(|&d| d > 1)
                                .map(|d| 1.0 / (d - 1) as f64)
                                .sum(),
                            Weighting::Jaccard => c / su.union(&pv).count() as f64,
                            Weighting::Overlap => c / su.len().min(pv.len()) as f64,
                        };
                        if p.min_weight.is_some_and(|t| w < t) {
                            None
                        } else {
                            Some((v, w))
                        }
                    })
                    .collect()
            })
            .collect()
    }

    fn rows_of(p: &Projection) -> Vec<Vec<(NodeId, f64)>> {
        p.indptr
            .windows(2)
            .map(|r| {
                (r[0] as usize..r[1] as usize)
                    .map(|k| (p.targets[k], p.weights[k]))
                    .collect()
            })
            .collect()
    }

    fn assert_close(a: &[Vec<(NodeId, f64)>], b: &[Vec<(NodeId, f64)>]) {
        assert_eq!(a.len(), b.len());
        for (ra, rb) in a.iter().zip(b) {
            assert_eq!(ra.len(), rb.len(), "{ra:?} vs {rb:?}");
            for (x, y) in ra.iter().zip(rb) {
                assert_eq!(x.0, y.0);
                assert!(
                    (x.1 - y.1).abs() <= 1e-12 * y.1.abs().max(1.0),
                    "{x:?} vs {y:?}"
                );
            }
        }
    }

    // people 0, 1, 2 and events 3, 4, 5:
    //
    //   0 - 3 - 1 - 4 - 2
    //       |       |
    //       +-- 2   5 (only 1)
    //
    // edges: 0-3, 1-3, 2-3, 1-4, 2-4, 1-5
    fn davis_like() -> Csr {
        graph(&[0, 1, 2, 1, 2, 1], &[3, 3, 3, 4, 4, 5], 6, false)
    }

    #[test]
    fn count_and_newman_by_hand() {
        let g = davis_like();
        let p = project(&g, &[0, 1, 2], &params(Weighting::Count), &Cancel::new()).unwrap();
        assert_eq!(
            rows_of(&p),
            vec![
                vec![(1, 1.0), (2, 1.0)],
                vec![(0, 1.0), (2, 2.0)],
                vec![(0, 1.0), (1, 2.0)]
            ]
        );
        // d(3) = 3 -> 1/2 per pair through 3; d(4) = 2 -> 1 per pair through 4.
        let p = project(&g, &[0, 1, 2], &params(Weighting::Newman), &Cancel::new()).unwrap();
        assert_eq!(
            rows_of(&p),
            vec![
                vec![(1, 0.5), (2, 0.5)],
                vec![(0, 0.5), (2, 1.5)],
                vec![(0, 0.5), (1, 1.5)]
            ]
        );
        // Jaccard(1, 2) = |{3,4}| / |{3,4,5}|; overlap(1, 2) = 2 / min(3, 2).
        let p = project(&g, &[1, 2], &params(Weighting::Jaccard), &Cancel::new()).unwrap();
        assert_eq!(
            rows_of(&p),
            vec![vec![(2, 2.0 / 3.0)], vec![(1, 2.0 / 3.0)]]
        );
        let p = project(&g, &[1, 2], &params(Weighting::Overlap), &Cancel::new()).unwrap();
        assert_eq!(rows_of(&p), vec![vec![(2, 1.0)], vec![(1, 1.0)]]);
        // ratio: n - rows = 3 other nodes
        let p = project(&g, &[0, 1, 2], &params(Weighting::Ratio), &Cancel::new()).unwrap();
        assert_eq!(p.weights[3], 2.0 / 3.0);
    }

    #[test]
    fn directed_uses_successors_and_predecessors() {
        // A=0 -> 2 -> B=1, A -> 3 <- B: only the path through 2 ties A -> B; nothing ties B -> A.
        let g = graph(&[0, 2, 0, 1], &[2, 1, 3, 3], 4, true);
        let p = project(&g, &[0, 1], &params(Weighting::Count), &Cancel::new()).unwrap();
        assert_eq!(rows_of(&p), vec![vec![(1, 1.0)], vec![]]);
        // Jaccard: S(A) = {2, 3}, P(B) = {2}: 1 / 2
        let p = project(&g, &[0, 1], &params(Weighting::Jaccard), &Cancel::new()).unwrap();
        assert_eq!(p.weights, vec![0.5]);
        // Newman: d(2) = 1 -> no contribution, but the tie exists with weight 0
        let p = project(&g, &[0, 1], &params(Weighting::Newman), &Cancel::new()).unwrap();
        assert_eq!(rows_of(&p), vec![vec![(1, 0.0)], vec![]]);
    }

    #[test]
    fn within_and_min_weight() {
        // path 0 - 1 - 2 - 3 projected onto [0, 1]: 0 reaches 2 (not a row), 1 reaches 3.
        let g = graph(&[0, 1, 2], &[1, 2, 3], 4, false);
        let p = project(&g, &[0, 1], &params(Weighting::Count), &Cancel::new()).unwrap();
        assert_eq!(p.num_ties(), 0);
        let all = ProjectionParams {
            within: false,
            ..params(Weighting::Count)
        };
        let p = project(&g, &[0, 1], &all, &Cancel::new()).unwrap();
        assert_eq!(rows_of(&p), vec![vec![(2, 1.0)], vec![(3, 1.0)]]);
        let g = davis_like();
        let once = ProjectionParams {
            once: true,
            ..params(Weighting::Count)
        };
        let p = project(&g, &[2, 0, 1], &once, &Cancel::new()).unwrap();
        assert_eq!(
            rows_of(&p),
            vec![vec![(0, 1.0), (1, 2.0)], vec![(1, 1.0)], vec![]]
        );
        let strong = ProjectionParams {
            min_weight: Some(2.0),
            ..params(Weighting::Count)
        };
        let p = project(&g, &[0, 1, 2], &strong, &Cancel::new()).unwrap();
        assert_eq!(rows_of(&p), vec![vec![], vec![(2, 2.0)], vec![(1, 2.0)]]);
    }

    #[test]
    fn errors() {
        let g = davis_like();
        let c = Cancel::new();
        let p = params(Weighting::Count);
        assert!(matches!(
            project(&g, &[0, 6], &p, &c),
            Err(Error::NodeOutOfRange { index: 1, .. })
        ));
        assert!(matches!(
            project(&g, &[0, 0], &p, &c),
            Err(Error::InvalidParameter { name: "rows", .. })
        ));
        let nan = ProjectionParams {
            min_weight: Some(f64::NAN),
            ..p
        };
        assert!(matches!(
            project(&g, &[0], &nan, &c),
            Err(Error::InvalidParameter {
                name: "min_weight",
                ..
            })
        ));
        let all: Vec<NodeId> = (0..6).collect();
        assert!(matches!(
            project(&g, &all, &params(Weighting::Ratio), &c),
            Err(Error::InvalidParameter {
                name: "weighting",
                ..
            })
        ));
        assert_eq!(project(&g, &all, &p, &c).unwrap().indptr.len(), 7);
        assert_eq!(project(&g, &[], &p, &c).unwrap().indptr, vec![0]);
        c.cancel();
        assert_eq!(project(&g, &[0], &p, &c), Err(Error::Interrupted));
    }

    /// A small deterministic pseudo-random graph (xorshift), with self-loops and both kinds.
    fn random_graph(seed: u64, n: u32, m: usize, directed: bool) -> Csr {
        let mut s = seed | 1;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s % u64::from(n)) as u32
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..m {
            a.push(next());
            b.push(next());
        }
        graph(&a, &b, u64::from(n), directed)
    }

    #[test]
    fn matches_brute_force_on_random_graphs() {
        let kinds = [
            Weighting::Count,
            Weighting::Ratio,
            Weighting::Newman,
            Weighting::Jaccard,
            Weighting::Overlap,
        ];
        for seed in 1..25u64 {
            for directed in [false, true] {
                let g = random_graph(seed * 7919, 30, 70, directed);
                let rows: Vec<NodeId> =
                    (0..30).filter(|x| (x * 7 + seed as u32) % 3 != 0).collect();
                for weighting in kinds {
                    for (within, once) in
                        [(true, false), (false, false), (true, true), (false, true)]
                    {
                        for min_weight in [None, Some(0.5)] {
                            let p = ProjectionParams {
                                weighting,
                                min_weight,
                                within,
                                once,
                            };
                            let got = project(&g, &rows, &p, &Cancel::new()).unwrap();
                            assert_close(&rows_of(&got), &brute(&g, &rows, &p));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn shared_neighbors_are_the_two_step_paths() {
        for directed in [false, true] {
            let g = random_graph(4242, 25, 60, directed);
            let rows: Vec<NodeId> = (0..25).step_by(2).rev().collect();
            for (within, once) in [(true, false), (false, false), (true, true), (false, true)] {
                let s = shared_neighbors(&g, &rows, within, once, &Cancel::new()).unwrap();
                let p = ProjectionParams {
                    within,
                    once,
                    ..params(Weighting::Count)
                };
                let counts = project(&g, &rows, &p, &Cancel::new()).unwrap();
                for (i, &u) in rows.iter().enumerate() {
                    let range = s.indptr[i] as usize..s.indptr[i + 1] as usize;
                    let mut want = Vec::new();
                    for &w in g.out_neighbors(u as usize) {
                        for &v in g.out_neighbors(w as usize) {
                            let pv = rows.iter().position(|&r| r == v);
                            if v != u
                                && (!within || pv.is_some())
                                && (!once || pv.is_none_or(|j| j > i))
                            {
                                want.push((v, w));
                            }
                        }
                    }
                    want.sort_unstable();
                    let got: Vec<(NodeId, NodeId)> =
                        range.map(|k| (s.targets[k], s.via[k])).collect();
                    assert_eq!(got, want);
                    // as many paths as the counts of the row's ties add up to
                    let c: f64 = counts.weights
                        [counts.indptr[i] as usize..counts.indptr[i + 1] as usize]
                        .iter()
                        .sum();
                    assert_eq!(c as usize, got.len());
                }
            }
        }
        assert!(shared_neighbors(&davis_like(), &[1, 1], true, false, &Cancel::new()).is_err());
    }

    #[test]
    fn same_bits_on_any_thread_count() {
        let g = random_graph(99, 3000, 20_000, false);
        let rows: Vec<NodeId> = (0..3000).step_by(2).collect();
        let p = params(Weighting::Newman);
        let run = |t: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap()
                .install(|| project(&g, &rows, &p, &Cancel::new()).unwrap())
        };
        let (a, b) = (run(1), run(3));
        assert_eq!(a.indptr, b.indptr);
        assert_eq!(a.targets, b.targets);
        let bits = |x: &Projection| x.weights.iter().map(|w| w.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a), bits(&b));
    }
}
