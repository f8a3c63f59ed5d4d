//! Burt's structural holes: constraint and effective size, with networkx's semantics.
//!
//! Both measures live on the *mutual weights* `M = A + Aᵀ` (`A` the weighted adjacency matrix,
//! a self-loop on its diagonal once, so an undirected edge of weight `w` has mutual weight `2w`
//! and a self-loop `2w` on the diagonal), normalised by row sum (`P[u, v] = M[u, v] / Σ_w M[u, w]`)
//! or by row maximum (`Q[u, v] = M[u, v] / max_w M[u, w]`):
//!
//! * constraint `c(u) = Σ_{v : M[u,v] > 0} (P[u, v] + Σ_w P[u, w] P[w, v])²`;
//! * effective size `e(u) = Σ_{v : M[u,v] > 0} (1 − Σ_w P[u, w] Q[v, w])`.
//!
//! These are exactly the sparse-matrix formulas networkx 3.6 uses when `nodes=None`
//! (`constraint`, `effective_size` in `networkx/algorithms/structuralholes.py`), including its
//! rules for undefined values (NaN): effective size is NaN for nodes with no neighbour but
//! themselves; constraint is NaN where `Σ_w M[u, w] − 2 P[u, u] == 0` (nodes without edges, and
//! nodes whose only edge is a self-loop of weight 1).
//!
//! # Algorithm
//! Per node `u`, a marker array records the position of each neighbour of `u` in `u`'s row; the
//! inner sums walk the rows of `u`'s neighbours and pick up the marked entries. Work is
//! `O(Σ_w deg(w)²)` (each neighbour's row is walked once per neighbour), memory `O(n)` per
//! worker plus, for directed graphs, the merged in/out rows. Every node's value is computed by
//! one task in a fixed order, so the result is bit-identical for any number of threads.

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::{Error, Result};

/// Nodes per parallel task (also the cancellation stride).
const CHUNK: usize = 1024;

/// Mutual-weight rows: sorted neighbour ids (in- and out-neighbours merged) and `M[u, v]`.
struct Mutual<'a> {
    indptr: std::borrow::Cow<'a, [u64]>,
    indices: std::borrow::Cow<'a, [u32]>,
    weights: MutualWeights<'a>,
}

enum MutualWeights<'a> {
    /// Every mutual weight is this constant (undirected, unweighted: 1 + 1).
    Const(f64),
    /// Twice the stored weight (undirected, weighted).
    Double(&'a [f64]),
    /// Explicit values (directed graphs: `a_uv + a_vu` merged from both rows).
    Owned(Vec<f64>),
}

impl Mutual<'_> {
    #[inline(always)]
    fn range(&self, u: usize) -> std::ops::Range<usize> {
        self.indptr[u] as usize..self.indptr[u + 1] as usize
    }

    #[inline(always)]
    fn m(&self, e: usize) -> f64 {
        match &self.weights {
            MutualWeights::Const(c) => *c,
            MutualWeights::Double(w) => w[e] + w[e],
            MutualWeights::Owned(w) => w[e],
        }
    }
}

/// The mutual-weight rows of `g`, checking that weights (when used) are non-negative.
fn mutual<'a>(g: &'a Csr, use_weights: bool, cancel: &Cancel) -> Result<Mutual<'a>> {
    let out = g.out_adj();
    let weights = g.checked_weights(
        use_weights,
        "constraint and effective size need non-negative weights",
    )?;
    if !g.is_directed() {
        return Ok(Mutual {
            indptr: std::borrow::Cow::Borrowed(&out.indptr),
            indices: std::borrow::Cow::Borrowed(&out.indices),
            weights: match weights {
                Some(w) => MutualWeights::Double(w),
                None => MutualWeights::Const(2.0),
            },
        });
    }
    // Directed: merge each node's out-row and in-row (both sorted) into one row of a_uv + a_vu.
    let inn = g.in_adj();
    let in_weights = if use_weights {
        inn.weights.as_deref()
    } else {
        None
    };
    let n = g.num_nodes();
    let merged_len = |u: usize| {
        let (a, b) = (out.neighbors(u), inn.neighbors(u));
        let (mut i, mut j, mut k) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            i += (x <= y) as usize;
            j += (y <= x) as usize;
            k += 1;
        }
        k + (a.len() - i) + (b.len() - j)
    };
    let mut indptr = vec![0u64; n + 1];
    indptr[1..]
        .par_iter_mut()
        .enumerate()
        .for_each(|(u, d)| *d = merged_len(u) as u64);
    for u in 0..n {
        indptr[u + 1] += indptr[u];
    }
    cancel.check()?;
    let total = indptr[n] as usize;
    let mut indices = vec![0u32; total];
    let mut values = vec![0f64; total];
    // Split the output into per-node slices in parallel (rows are contiguous).
    let mut idx_rows: Vec<&mut [u32]> = Vec::with_capacity(n);
    let mut val_rows: Vec<&mut [f64]> = Vec::with_capacity(n);
    {
        let (mut ri, mut rv) = (indices.as_mut_slice(), values.as_mut_slice());
        for u in 0..n {
            let len = (indptr[u + 1] - indptr[u]) as usize;
            let (a, b) = std::mem::take(&mut ri).split_at_mut(len);
            let (c, d) = std::mem::take(&mut rv).split_at_mut(len);
            idx_rows.push(a);
            val_rows.push(c);
            ri = b;
            rv = d;
        }
    }
    idx_rows
        .par_iter_mut()
        .zip(val_rows.par_iter_mut())
        .enumerate()
        .for_each(|(u, (ri, rv))| {
            let (a, b) = (out.neighbors(u), inn.neighbors(u));
            let (ra, rb) = (out.range(u), inn.range(u));
            let wa = |i: usize| weights.map_or(1.0, |w| w[ra.start + i]);
            let wb = |j: usize| in_weights.map_or(1.0, |w| w[rb.start + j]);
            let (mut i, mut j, mut k) = (0, 0, 0);
            while i < a.len() || j < b.len() {
                let x = a.get(i).copied().unwrap_or(u32::MAX);
                let y = b.get(j).copied().unwrap_or(u32::MAX);
                let (v, m) = if x < y {
                    i += 1;
                    (x, wa(i - 1))
                } else if y < x {
                    j += 1;
                    (y, wb(j - 1))
                } else {
                    i += 1;
                    j += 1;
                    (x, wa(i - 1) + wb(j - 1))
                };
                ri[k] = v;
                rv[k] = m;
                k += 1;
            }
        });
    Ok(Mutual {
        indptr: std::borrow::Cow::Owned(indptr),
        indices: std::borrow::Cow::Owned(indices),
        weights: MutualWeights::Owned(values),
    })
}

/// Per-node row sums (in row order, as scipy's `sum(axis=1)`) and row maxima of `M`.
fn row_sums_and_maxima(mu: &Mutual<'_>, n: usize) -> (Vec<f64>, Vec<f64>) {
    (0..n)
        .into_par_iter()
        .with_min_len(CHUNK)
        .map(|u| {
            let r = mu.range(u);
            let mut s = 0.0;
            let mut mx = 0.0f64;
            for e in r {
                let m = mu.m(e);
                s += m;
                mx = mx.max(m);
            }
            (s, mx)
        })
        .unzip()
}

/// Which measure a sweep computes.
#[derive(Clone, Copy, PartialEq)]
enum Measure {
    Constraint,
    EffectiveSize,
}

/// Run `measure` for every node: parallel over fixed chunks of nodes, one marker array per task.
fn sweep(g: &Csr, use_weights: bool, measure: Measure, cancel: &Cancel) -> Result<Vec<f64>> {
    if g.num_nodes() == 0 {
        // networkx (with scipy): NetworkXError "Graph has no nodes or edges"
        return Err(Error::graph(
            "the graph has no nodes: constraint and effective size are undefined for the null graph",
        ));
    }
    let mu = mutual(g, use_weights, cancel)?;
    // Monomorphise the inner loops for each kind of mutual weight.
    match &mu.weights {
        MutualWeights::Const(c) => {
            let c = *c;
            sweep_with(&mu, |_| c, g.num_nodes(), measure, cancel)
        }
        MutualWeights::Double(w) => {
            sweep_with(&mu, |e| w[e] + w[e], g.num_nodes(), measure, cancel)
        }
        MutualWeights::Owned(w) => sweep_with(&mu, |e| w[e], g.num_nodes(), measure, cancel),
    }
}

fn sweep_with<M: Fn(usize) -> f64 + Sync + Copy>(
    mu: &Mutual<'_>,
    m: M,
    n: usize,
    measure: Measure,
    cancel: &Cancel,
) -> Result<Vec<f64>> {
    let (sum, max) = row_sums_and_maxima(mu, n);
    let mut out = vec![0f64; n];
    out.par_chunks_mut(CHUNK).enumerate().try_for_each_init(
        // pos[v]: 1 + position of v in the current node's row (0: not a neighbour); pu and
        // acc: per-position values. pos is reset after each node, so a task never clears O(n).
        || (vec![0u32; n], Vec::<f64>::new(), Vec::<f64>::new()),
        |(pos, pu, acc), (c, chunk)| {
            cancel.check()?;
            for (i, slot) in chunk.iter_mut().enumerate() {
                let u = c * CHUNK + i;
                *slot = node_value(mu, m, &sum, &max, u, measure, pos, pu, acc);
            }
            Ok::<(), Error>(())
        },
    )?;
    Ok(out)
}

/// Constraint or effective size of node `u` (see the module docs for the formulas).
#[inline]
#[allow(clippy::too_many_arguments)]
fn node_value<M: Fn(usize) -> f64 + Copy>(
    mu: &Mutual<'_>,
    m: M,
    sum: &[f64],
    max: &[f64],
    u: usize,
    measure: Measure,
    pos: &mut [u32],
    pu: &mut Vec<f64>,
    acc: &mut Vec<f64>,
) -> f64 {
    let ru = mu.range(u);
    let row = &mu.indices[ru.clone()];
    let su = sum[u];
    let self_p = match row.binary_search(&(u as u32)) {
        Ok(k) => m(ru.start + k) / su,
        Err(_) => 0.0,
    };
    match measure {
        // networkx: NaN where sum_mutual_weights - 2 * P[u, u] == 0.
        Measure::Constraint if su - 2.0 * self_p == 0.0 => return f64::NAN,
        // networkx: NaN where the row sum of P minus P[u, u] is 0 (no neighbour but u).
        Measure::EffectiveSize if row.iter().all(|&v| v as usize == u) => return f64::NAN,
        _ => {}
    }
    // pu and acc are indexed by 1 + position in u's row; slot 0 is a sink for the scan of a
    // neighbour's row (pu[0] = 0 adds an exact +0.0; acc[0] is never read), so the scan has no
    // data-dependent branch and the sums of the real slots are unchanged.
    pu.clear();
    acc.clear();
    pu.push(0.0);
    acc.push(0.0);
    for (k, &v) in row.iter().enumerate() {
        pos[v as usize] = k as u32 + 1;
        let p = m(ru.start + k) / su; // P[u, v]
        pu.push(p);
        acc.push(match measure {
            Measure::Constraint => p, // the direct term
            Measure::EffectiveSize => 0.0,
        });
    }
    let value = match measure {
        Measure::Constraint => {
            // acc[v] += P[u, w] P[w, v] for w in N(u), v in N(w) ∩ N(u).
            for (k, &w) in row.iter().enumerate() {
                let w = w as usize;
                let f = pu[k + 1] / sum[w];
                common(mu, row, pos, w, |j, e| acc[j] += f * m(e));
            }
            let mut c = 0.0;
            for (k, a) in acc.iter().enumerate().skip(1) {
                if pu[k] > 0.0 {
                    c += a * a;
                }
            }
            c
        }
        Measure::EffectiveSize => {
            // For each neighbour v: r_v = Σ_{w ∈ N(u) ∩ N(v)} P[u, w] M[v, w] / max_v.
            for (k, &v) in row.iter().enumerate() {
                let v = v as usize;
                let mut r = 0.0;
                common(mu, row, pos, v, |j, e| r += pu[j] * m(e));
                acc[k + 1] = r / max[v];
            }
            let mut s = 0.0;
            for (k, r) in acc.iter().enumerate().skip(1) {
                if pu[k] > 0.0 {
                    s += 1.0 - r;
                }
            }
            s
        }
    };
    for &v in row {
        pos[v as usize] = 0;
    }
    value
}

/// Call `f(j, e)` for every common neighbour `x` of `u` and `w`, in increasing order of `x`,
/// with `j` 1 + the position of `x` in `u`'s row (`row`, marked in `pos`) and `e` the arc
/// `w → x`. The scan also calls `f(0, e)` for `w`'s other neighbours (slot 0 is a sink).
///
/// Scans `w`'s row against the marker array, or, when `w`'s row is much longer than `u`'s
/// (a hub next to a small node), looks each of `u`'s neighbours up in it by galloping binary
/// search: `O(min(deg w, deg u · log deg w))`. Both visit the same pairs in the same order, so
/// the floating-point sums do not depend on the choice.
#[inline(always)]
fn common(mu: &Mutual<'_>, row: &[u32], pos: &[u32], w: usize, mut f: impl FnMut(usize, usize)) {
    let rw = mu.range(w);
    let dw = rw.len();
    let lg = usize::BITS - dw.leading_zeros();
    if row.len() * (lg as usize + 2) < dw {
        let nbrs = &mu.indices[rw.clone()];
        let mut lo = 0;
        for (j, &x) in row.iter().enumerate() {
            lo += nbrs[lo..].partition_point(|&y| y < x);
            if lo == dw {
                break;
            }
            if nbrs[lo] == x {
                f(j + 1, rw.start + lo);
            }
        }
    } else {
        for e in rw {
            f(pos[mu.indices[e] as usize] as usize, e);
        }
    }
}

/// Burt's constraint of every node, with networkx's semantics (see the module docs).
///
/// # Arguments
/// * `g` – any graph; directed graphs use in- and out-neighbours (networkx's `all_neighbors`).
/// * `use_weights` – use the stored weights (if any) or count every arc as 1.
/// * `cancel` – polled once per chunk of nodes.
///
/// # Errors
/// [`Error::InvalidGraph`] for the null graph (as networkx) or a negative weight (when used);
/// [`Error::Interrupted`].
///
/// # Complexity
/// `O(n + Σ_w deg(w)²)` work, parallel over nodes; `O(n)` memory per worker (plus the merged
/// rows, `12 a` bytes, for directed graphs).
///
/// # Reference
/// R. S. Burt, "Structural holes and good ideas", American Journal of Sociology 110 (2004)
/// 349–399.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::constraint, BuildOptions, Cancel, Csr};
/// // A star 0-1, 0-2, 0-3: the centre is constrained 3 * (1/3)² = 1/3, each leaf 1.
/// let g = Csr::from_edges(&[0u32, 0, 0], &[1u32, 2, 3], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let c = constraint(&g, false, &Cancel::new()).unwrap();
/// assert!((c[0] - 1.0 / 3.0).abs() < 1e-15 && c[1] == 1.0);
/// ```
pub fn constraint(g: &Csr, use_weights: bool, cancel: &Cancel) -> Result<Vec<f64>> {
    sweep(g, use_weights, Measure::Constraint, cancel)
}

/// Burt's effective size of every node, with networkx's semantics (see the module docs).
///
/// Arguments, errors and complexity as [`constraint`].
///
/// # Reference
/// R. S. Burt, *Structural Holes: The Social Structure of Competition*, Harvard University
/// Press, 1992; S. Borgatti, "Structural holes: unpacking Burt's redundancy measures",
/// Connections 20 (1997) 35–38.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::effective_size, BuildOptions, Cancel, Csr};
/// // A triangle 0-1-2 with a pendant 3 on 0: e(0) = 3 - 2·1/3 = 7/3.
/// let g = Csr::from_edges(&[0u32, 1, 2, 0], &[1u32, 2, 0, 3], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let e = effective_size(&g, false, &Cancel::new()).unwrap();
/// assert!((e[0] - 7.0 / 3.0).abs() < 1e-12 && e[3] == 1.0);
/// ```
pub fn effective_size(g: &Csr, use_weights: bool, cancel: &Cancel) -> Result<Vec<f64>> {
    sweep(g, use_weights, Measure::EffectiveSize, cancel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csr::BuildOptions;

    fn graph(edges: &[(u32, u32)], w: Option<&[f64]>, directed: bool, n: u64) -> Csr {
        let (s, d): (Vec<u32>, Vec<u32>) = edges.iter().copied().unzip();
        let opts = BuildOptions {
            directed,
            num_nodes: Some(n),
            ..Default::default()
        };
        Csr::from_edges(&s, &d, w, &opts, &Cancel::new()).unwrap()
    }

    //   1 - 0 - 2      path: c(0) = 2 (1/2)² = 1/2; c(1) = (1 + 1·1/2)²... p_10 = 1, p_02 = 1/2:
    //                  c(1) = (p_10 + p_1w p_w0)² = 1 (w ranges over N(1) = {0}, p_00 = 0).
    #[test]
    fn path_by_hand() {
        let g = graph(&[(1, 0), (0, 2)], None, false, 4);
        let c = constraint(&g, false, &Cancel::new()).unwrap();
        assert_eq!(c[0], 0.5);
        assert_eq!(c[1], 1.0);
        assert!(c[3].is_nan()); // isolated
        let e = effective_size(&g, false, &Cancel::new()).unwrap();
        assert_eq!(&e[..3], &[2.0, 1.0, 1.0]);
        assert!(e[3].is_nan());
    }

    //   0 - 1, 1 - 2, 2 - 0 (triangle): p = 1/2 everywhere;
    //   l(0, 1) = (1/2 + p_02 p_21)² = (3/4)², c = 2 · 9/16 = 9/8; e = 2 - 2·1/2 = 1.
    #[test]
    fn triangle_by_hand() {
        let g = graph(&[(0, 1), (1, 2), (2, 0)], None, false, 3);
        let c = constraint(&g, false, &Cancel::new()).unwrap();
        assert!(c.iter().all(|&x| (x - 9.0 / 8.0).abs() < 1e-15));
        let e = effective_size(&g, false, &Cancel::new()).unwrap();
        assert!(e.iter().all(|&x| (x - 1.0).abs() < 1e-15));
    }

    // Directed 0 -> 1, 1 -> 0, 0 -> 2: mutual weights M[0,1] = 2, M[0,2] = 1;
    // c(0) = (2/3)² + (1/3)² = 5/9; c(2) = (1 + 0)² = 1 (M[2,0] = 1 is its only entry).
    #[test]
    fn directed_mutual_weights() {
        let g = graph(&[(0, 1), (1, 0), (0, 2)], None, true, 3);
        let c = constraint(&g, false, &Cancel::new()).unwrap();
        assert!((c[0] - 5.0 / 9.0).abs() < 1e-15);
        assert_eq!(c[1], 1.0);
        assert_eq!(c[2], 1.0);
    }

    // Self-loop only (weight 1): constraint NaN as networkx's sparse path; effective size NaN.
    #[test]
    fn self_loop_only() {
        let g = graph(&[(0, 0), (1, 2)], None, false, 3);
        assert!(constraint(&g, false, &Cancel::new()).unwrap()[0].is_nan());
        assert!(effective_size(&g, false, &Cancel::new()).unwrap()[0].is_nan());
    }

    #[test]
    fn negative_weight_is_an_error() {
        let g = graph(&[(0, 1), (1, 2)], Some(&[1.0, -2.0]), false, 3);
        assert!(matches!(
            constraint(&g, true, &Cancel::new()),
            Err(Error::InvalidGraph { .. })
        ));
        // ignored when weights are not used
        assert!(constraint(&g, false, &Cancel::new()).is_ok());
    }

    #[test]
    fn cancelled() {
        let g = graph(&[(0, 1)], None, false, 2);
        let c = Cancel::new();
        c.cancel();
        assert!(matches!(
            effective_size(&g, false, &c),
            Err(Error::Interrupted)
        ));
    }
}
