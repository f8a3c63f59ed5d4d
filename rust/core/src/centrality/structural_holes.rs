//! Burt's structural holes: constraint and effective size, with networkx's semantics (its
//! sparse-matrix path, used whenever all nodes are asked for).

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::{Error, Result};

/// The mutual-weight matrix `M = A + A^T` in CSR form (explicit zeros dropped, as SciPy's
/// sparse addition does), with per-row sums and maxima.
struct Mutual {
    indptr: Vec<u64>,
    indices: Vec<u32>,
    m: Vec<f64>,
}

fn mutual(g: &Csr, use_weights: bool) -> Mutual {
    let n = g.num_nodes();
    let out = g.out_adj();
    let wt = |adj: &crate::csr::Adjacency, e: usize| -> f64 {
        match (&adj.weights, use_weights) {
            (Some(w), true) => w[e],
            _ => 1.0,
        }
    };
    // Per node: the merged row (out-row + in-row for directed graphs, 2 * row otherwise).
    let rows: Vec<(Vec<u32>, Vec<f64>)> = (0..n)
        .into_par_iter()
        .with_min_len(256)
        .map(|u| {
            let mut idx = Vec::new();
            let mut val = Vec::new();
            if !g.is_directed() {
                for e in out.range(u) {
                    let x = 2.0 * wt(out, e);
                    if x != 0.0 {
                        idx.push(out.indices[e]);
                        val.push(x);
                    }
                }
            } else {
                let inn = g.in_adj();
                let (ro, ri) = (out.range(u), inn.range(u));
                let (mut i, mut j) = (ro.start, ri.start);
                while i < ro.end || j < ri.end {
                    let a = if i < ro.end { out.indices[i] } else { u32::MAX };
                    let b = if j < ri.end { inn.indices[j] } else { u32::MAX };
                    let (v, x) = if a < b {
                        i += 1;
                        (a, wt(out, i - 1))
                    } else if b < a {
                        j += 1;
                        (b, wt(inn, j - 1))
                    } else {
                        i += 1;
                        j += 1;
                        (a, wt(out, i - 1) + wt(inn, j - 1))
                    };
                    if x != 0.0 {
                        idx.push(v);
                        val.push(x);
                    }
                }
            }
            (idx, val)
        })
        .collect();
    let mut indptr = Vec::with_capacity(n + 1);
    indptr.push(0u64);
    let mut acc = 0u64;
    for r in &rows {
        acc += r.0.len() as u64;
        indptr.push(acc);
    }
    let mut indices = Vec::with_capacity(acc as usize);
    let mut m = Vec::with_capacity(acc as usize);
    for (i, v) in rows {
        indices.extend_from_slice(&i);
        m.extend_from_slice(&v);
    }
    Mutual { indptr, indices, m }
}

impl Mutual {
    #[inline]
    fn range(&self, u: usize) -> std::ops::Range<usize> {
        self.indptr[u] as usize..self.indptr[u + 1] as usize
    }
    /// `M[u, j] / d[u]` per stored entry.
    fn scaled(&self, d: &[f64]) -> Vec<f64> {
        let n = d.len();
        (0..n)
            .into_par_iter()
            .with_min_len(256)
            .flat_map_iter(|u| self.m[self.range(u)].iter().map(move |x| x / d[u]))
            .collect()
    }
    fn row_sums(&self, n: usize) -> Vec<f64> {
        (0..n)
            .into_par_iter()
            .map(|u| self.m[self.range(u)].iter().sum())
            .collect()
    }
}

/// Per-thread scratch: position of each node in the current ego row (`u32::MAX`: absent).
fn scratch(n: usize) -> Vec<u32> {
    vec![u32::MAX; n]
}

/// Burt's constraint of every node, exactly as networkx's `constraint(G, weight=...)`.
///
/// With `M = A + A^T` (mutual weights; a self-loop counts twice, as in networkx) and
/// `P = M / rowsum(M)`, the constraint of `u` is `sum_j (P[u,j] + (P P)[u,j])^2` over the
/// `j` with `P[u,j] > 0` (self-loops included, as networkx's sparse path does). NaN where
/// `rowsum(M)[u] - 2 P[u,u] == 0` (isolated nodes; networkx's test, verbatim).
///
/// Per node `u`, the entries of row `u` are marked in a per-thread scratch (no allocation per
/// node), then for each neighbour `w` the row of `w` is walked to accumulate `P[u,w] P[w,j]`.
/// Each node is computed by one task, so results do not depend on the thread count.
///
/// # Complexity
/// O(sum of squared degrees) work, parallel over nodes; O(n + arcs) memory.
///
/// # Reference
/// R. S. Burt, "Structural holes and good ideas", American Journal of Sociology 110 (2004)
/// 349–399.
///
/// # Errors
/// * [`Error::InvalidGraph`] – the graph has no nodes (networkx: `NetworkXError`).
/// * [`Error::Interrupted`] – `cancel` fired.
pub fn constraint(g: &Csr, use_weights: bool, cancel: &Cancel) -> Result<Vec<f64>> {
    let n = g.num_nodes();
    if n == 0 {
        return Err(Error::graph("Graph has no nodes or edges"));
    }
    let mm = mutual(g, use_weights);
    let s = mm.row_sums(n);
    let p = mm.scaled(&s);
    let res: Vec<f64> = (0..n)
        .into_par_iter()
        .with_min_len(64)
        .map_init(
            || (scratch(n), Vec::<f64>::new()),
            |(pos, acc), u| {
                if cancel.is_cancelled() {
                    return 0.0;
                }
                let r = mm.range(u);
                let diag = mm.indices[r.clone()]
                    .binary_search(&(u as u32))
                    .map_or(0.0, |k| p[r.start + k]);
                if s[u] - 2.0 * diag == 0.0 {
                    return f64::NAN;
                }
                acc.clear();
                for (k, e) in r.clone().enumerate() {
                    pos[mm.indices[e] as usize] = k as u32;
                    acc.push(p[e]);
                }
                for e in r.clone() {
                    let w = mm.indices[e] as usize;
                    let puw = p[e];
                    for f in mm.range(w) {
                        let k = pos[mm.indices[f] as usize];
                        if k != u32::MAX {
                            acc[k as usize] += puw * p[f];
                        }
                    }
                }
                let mut c = 0.0;
                for (k, e) in r.enumerate() {
                    if p[e] > 0.0 {
                        c += acc[k] * acc[k];
                    }
                    pos[mm.indices[e] as usize] = u32::MAX;
                }
                c
            },
        )
        .collect();
    cancel.check()?;
    Ok(res)
}

/// Burt's effective size of every node, exactly as networkx's `effective_size(G, weight=...)`.
///
/// With `M = A + A^T`, `P = M / rowsum(M)` (each row by its sum) and `Q[j, w] = M[j, w] /
/// max(M[w, :])` (networkx's `M / M.max(axis=1).toarray()` broadcasts the maxima over the
/// columns; the maximum includes an implicit 0 when the row is not full, as SciPy's), the
/// effective size of `u` is
/// `sum_j (1 - (P Q^T)[u,j])` over the `j` with `P[u,j] > 0`; NaN where
/// `rowsum(P)[u] - P[u,u] == 0` (isolated nodes, also those with only a self-loop).
///
/// Per node `u`, row `u` of `P` is scattered into a per-thread dense scratch, then each
/// neighbour's row of `Q` is walked. Each node is computed by one task.
///
/// # Complexity
/// O(sum of squared degrees) work, parallel over nodes; O(n + arcs) memory.
///
/// # Reference
/// R. S. Burt, *Structural Holes: The Social Structure of Competition*, Harvard University
/// Press, 1992; S. Borgatti, "Structural holes: Unpacking Burt's redundancy measures",
/// Connections 20 (1997) 35–38.
///
/// # Errors
/// * [`Error::InvalidGraph`] – the graph has no nodes (networkx: `NetworkXError`).
/// * [`Error::Interrupted`] – `cancel` fired.
pub fn effective_size(g: &Csr, use_weights: bool, cancel: &Cancel) -> Result<Vec<f64>> {
    let n = g.num_nodes();
    if n == 0 {
        return Err(Error::graph("Graph has no nodes or edges"));
    }
    let mm = mutual(g, use_weights);
    let s = mm.row_sums(n);
    let p = mm.scaled(&s);
    let mx: Vec<f64> = (0..n)
        .into_par_iter()
        .map(|u| {
            let r = mm.range(u);
            let init = if r.len() < n { 0.0 } else { f64::NEG_INFINITY };
            mm.m[r].iter().copied().fold(init, f64::max)
        })
        .collect();
    // networkx divides by `rowmax(M).toarray()`, a 1-D array that NumPy broadcasts over the
    // columns: Q[j, w] = M[j, w] / max(M[w, :]) (M is symmetric, so that is w's maximum).
    let q: Vec<f64> =
        mm.m.par_iter()
            .zip(mm.indices.par_iter())
            .map(|(x, &w)| x / mx[w as usize])
            .collect();
    let res: Vec<f64> = (0..n)
        .into_par_iter()
        .with_min_len(64)
        .map_init(
            || vec![0.0f64; n],
            |val, u| {
                if cancel.is_cancelled() {
                    return 0.0;
                }
                let r = mm.range(u);
                let mut rs = 0.0;
                let mut diag = 0.0;
                for e in r.clone() {
                    rs += p[e];
                    if mm.indices[e] as usize == u {
                        diag = p[e];
                    }
                }
                if rs - diag == 0.0 {
                    return f64::NAN;
                }
                for e in r.clone() {
                    val[mm.indices[e] as usize] = p[e];
                }
                let mut es = 0.0;
                for e in r.clone() {
                    if p[e] > 0.0 {
                        let j = mm.indices[e] as usize;
                        let mut red = 0.0;
                        for f in mm.range(j) {
                            red += val[mm.indices[f] as usize] * q[f];
                        }
                        es += 1.0 - red;
                    }
                }
                for e in r {
                    val[mm.indices[e] as usize] = 0.0;
                }
                es
            },
        )
        .collect();
    cancel.check()?;
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph};

    //   1 -- 0 -- 2      star: constraint of the centre is 2 * (1/2)^2 = 0.5, of a leaf 1;
    //                    effective size of the centre 2, of a leaf 1.
    #[test]
    fn star() {
        let g = build(&[0, 0], &[1, 2], None, false, None);
        let c = Cancel::new();
        assert_eq!(constraint(&g, false, &c).unwrap(), vec![0.5, 1.0, 1.0]);
        assert_eq!(effective_size(&g, false, &c).unwrap(), vec![2.0, 1.0, 1.0]);
    }

    //   0 -- 1 -- 2 -- 0   triangle: p = 1/2 everywhere, local constraint (1/2 + 1/4)^2,
    //                      constraint 2 * 9/16 = 1.125; effective size 2 - 2/2 = 1.
    //   3                  isolated: NaN.
    #[test]
    fn triangle_and_isolate() {
        let g = build(&[0, 1, 2], &[1, 2, 0], None, false, Some(4));
        let c = Cancel::new();
        let x = constraint(&g, false, &c).unwrap();
        assert_eq!(&x[..3], &[1.125; 3]);
        assert!(x[3].is_nan());
        let e = effective_size(&g, false, &c).unwrap();
        assert_eq!(&e[..3], &[1.0; 3]);
        assert!(e[3].is_nan());
    }

    #[test]
    fn same_bits_on_one_and_four_threads() {
        for directed in [false, true] {
            let g = random_graph(500, 3000, directed, true, 7);
            let run = || {
                let c = constraint(&g, true, &Cancel::new()).unwrap();
                let e = effective_size(&g, true, &Cancel::new()).unwrap();
                c.iter()
                    .chain(&e)
                    .map(|x| x.to_bits())
                    .collect::<Vec<u64>>()
            };
            assert_eq!(in_pool(1, run), in_pool(4, run));
        }
    }
}
