//! Spectral centralities by pull-based power iteration: eigenvector centrality, Katz
//! centrality and HITS hubs/authorities, with networkx's iterations and stopping rules.

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::{Adjacency, Csr};
use crate::error::{Error, Result};

/// Nodes per parallel block. Reductions add per-block partial results in block order, so every
/// result is bit-identical for any number of threads.
const BLOCK: usize = 2048;

/// Parameters of [`eigenvector_centrality`]; `Default` gives networkx's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct EigenvectorParams {
    /// Maximum number of iterations (networkx: 100).
    pub max_iter: usize,
    /// Stop once `sum |x - x_last| < n * tol`; must be positive (networkx: 1e-6).
    pub tol: f64,
    /// Start vector (finite, not all zero, non-zero sum; normalised by its sum). `None`: all ones.
    pub nstart: Option<Vec<f64>>,
    /// Use the arc weights (if the graph has any) or count every arc as 1.
    pub use_weights: bool,
}

impl Default for EigenvectorParams {
    fn default() -> Self {
        EigenvectorParams {
            max_iter: 100,
            tol: 1e-6,
            nstart: None,
            use_weights: false,
        }
    }
}

/// The `beta` of Katz centrality: one value for every node, or one per node.
#[derive(Debug, Clone, PartialEq)]
pub enum KatzBeta {
    /// The same attenuation term for every node.
    Scalar(f64),
    /// One term per node (length `n`).
    PerNode(Vec<f64>),
}

/// Parameters of [`katz_centrality`]; `Default` gives networkx's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct KatzParams {
    /// Attenuation factor (networkx: 0.1). Not range-checked (as networkx); must be finite.
    pub alpha: f64,
    /// Constant term (networkx: 1.0).
    pub beta: KatzBeta,
    /// Maximum number of iterations (networkx: 1000).
    pub max_iter: usize,
    /// Stop once `sum |x - x_last| < n * tol`; must be positive (networkx: 1e-6).
    pub tol: f64,
    /// Start vector, used as given (networkx does not normalise it). `None`: zeros.
    pub nstart: Option<Vec<f64>>,
    /// Divide the result by its Euclidean norm.
    pub normalized: bool,
    /// Use the arc weights (if the graph has any) or count every arc as 1.
    pub use_weights: bool,
}

impl Default for KatzParams {
    fn default() -> Self {
        KatzParams {
            alpha: 0.1,
            beta: KatzBeta::Scalar(1.0),
            max_iter: 1000,
            tol: 1e-6,
            nstart: None,
            normalized: true,
            use_weights: false,
        }
    }
}

/// Parameters of [`hits`]; `Default` gives networkx's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct HitsParams {
    /// Maximum number of power iterations (networkx: 100).
    pub max_iter: usize,
    /// Stop once the L1 change of the max-normalised hub vector is below `tol` (networkx: 1e-8).
    pub tol: f64,
    /// Start hub vector (finite, non-negative, positive sum). `None`: uniform.
    pub nstart: Option<Vec<f64>>,
    /// Normalise hubs and authorities to sum 1; otherwise authorities have unit Euclidean norm
    /// and hubs are `A @ authorities`.
    pub normalized: bool,
    /// Use the arc weights (if the graph has any) or count every arc as 1 (networkx's `hits`
    /// always uses the `"weight"` attribute).
    pub use_weights: bool,
}

impl Default for HitsParams {
    fn default() -> Self {
        HitsParams {
            max_iter: 100,
            tol: 1e-8,
            nstart: None,
            normalized: true,
            use_weights: true,
        }
    }
}

fn check_tol(tol: f64) -> Result<()> {
    if tol.is_nan() || tol <= 0.0 {
        return Err(Error::param("tol", format!("must be positive, got {tol}")));
    }
    Ok(())
}

/// A user vector of length `n` with finite entries.
fn check_vector(v: &[f64], name: &'static str, n: usize) -> Result<()> {
    if v.len() != n {
        return Err(Error::param(
            name,
            format!(
                "expected one entry per node ({n}), got an array of length {}",
                v.len()
            ),
        ));
    }
    if let Some(i) = v.iter().position(|x| !x.is_finite()) {
        return Err(Error::param(
            name,
            format!("entry {i} is {}; entries must be finite", v[i]),
        ));
    }
    Ok(())
}

/// The weights of `adj` when used (`None`: every arc counts 1).
fn weights_of(adj: &Adjacency, use_weights: bool) -> Option<&[f64]> {
    if use_weights {
        adj.weights.as_deref()
    } else {
        None
    }
}

/// `sum_{u in row v} w(u, v) * x[u]`, added to `init` in row order.
#[inline(always)]
fn row_dot(adj: &Adjacency, w: Option<&[f64]>, v: usize, x: &[f64], init: f64) -> f64 {
    let r = adj.range(v);
    let mut acc = init;
    match w {
        Some(w) => {
            for (&u, &wt) in adj.indices[r.clone()].iter().zip(&w[r]) {
                acc += x[u as usize] * wt;
            }
        }
        None => {
            for &u in &adj.indices[r] {
                acc += x[u as usize];
            }
        }
    }
    acc
}

/// `out[v] = f(v)` for every node, in parallel blocks; `parts[b] = red(lo, block values)`.
fn pull<F, R>(out: &mut [f64], parts: &mut [f64], f: F, red: R)
where
    F: Fn(usize) -> f64 + Sync,
    R: Fn(usize, &[f64]) -> f64 + Sync,
{
    out.par_chunks_mut(BLOCK)
        .zip(parts.par_iter_mut())
        .enumerate()
        .for_each(|(b, (ys, p))| {
            let lo = b * BLOCK;
            for (i, y) in ys.iter_mut().enumerate() {
                let v = lo + i;
                *y = f(v);
            }
            *p = red(lo, ys);
        });
}

/// Per-block map over `(x, y)` pairs (both length n), returning the block-ordered sum of `f`.
fn block_sum<F>(x: &[f64], y: &[f64], parts: &mut [f64], f: F) -> f64
where
    F: Fn(f64, f64) -> f64 + Sync,
{
    parts.par_iter_mut().enumerate().for_each(|(b, p)| {
        let lo = b * BLOCK;
        let hi = (lo + BLOCK).min(x.len());
        let mut s = 0.0;
        for i in lo..hi {
            s += f(x[i], y[i]);
        }
        *p = s;
    });
    parts.iter().sum()
}

/// Euclidean norm with a fixed (block) summation order.
fn norm2(x: &[f64], parts: &mut [f64]) -> f64 {
    block_sum(x, x, parts, |a, _| a * a).sqrt()
}

/// Eigenvector centrality of every node, with exactly networkx's `eigenvector_centrality`.
///
/// Starting from `nstart / sum(nstart)` (all ones by default), each iteration computes
/// `x = x_last (A + I)` (pulling over the in-arcs: a node gathers from its predecessors; an
/// undirected graph uses each edge both ways, a self-loop once), divides by the Euclidean norm
/// (or by 1 if it is 0), and stops once `sum |x - x_last| < n * tol`. Per node the sum starts
/// with `x_last[v]` and adds the in-neighbours in id order, as networkx does.
///
/// # Arguments
/// * `g` – the graph. * `params` – see [`EigenvectorParams`]. * `cancel` – polled per iteration.
///
/// # Errors
/// * [`Error::InvalidGraph`] – the graph has no nodes (networkx: `NetworkXPointlessConcept`).
/// * [`Error::InvalidParameter`] – `tol` not positive; `nstart` of the wrong length, non-finite,
///   all zero (networkx: `NetworkXError`) or summing to zero (networkx: `ZeroDivisionError`).
/// * [`Error::NotConverged`] – not converged in `max_iter` iterations.
/// * [`Error::Interrupted`] – `cancel` fired.
///
/// # Complexity
/// O(n + arcs) per iteration, parallel over blocks of nodes; O(n) extra memory.
///
/// # Reference
/// P. Bonacich, "Power and centrality: A family of measures", American Journal of Sociology 92
/// (1987) 1170–1182; M. Newman, *Networks: An Introduction*, Oxford, 2010, §7.2.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::{eigenvector_centrality, EigenvectorParams}, BuildOptions, Cancel, Csr};
/// // Triangle: every node has centrality 1/sqrt(3).
/// let g = Csr::from_edges(&[0u32, 1, 2], &[1u32, 2, 0], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let x = eigenvector_centrality(&g, &EigenvectorParams::default(), &Cancel::new()).unwrap();
/// assert!(x.iter().all(|v| (v - 3f64.sqrt().recip()).abs() < 1e-12));
/// ```
pub fn eigenvector_centrality(
    g: &Csr,
    params: &EigenvectorParams,
    cancel: &Cancel,
) -> Result<Vec<f64>> {
    check_tol(params.tol)?;
    let n = g.num_nodes();
    if n == 0 {
        return Err(Error::graph("cannot compute centrality for the null graph"));
    }
    let mut x = match &params.nstart {
        Some(v) => {
            check_vector(v, "nstart", n)?;
            if v.iter().all(|&a| a == 0.0) {
                return Err(Error::param(
                    "nstart",
                    "initial vector cannot have all zero values",
                ));
            }
            let s: f64 = v.iter().sum();
            if s == 0.0 || !s.is_finite() {
                return Err(Error::param(
                    "nstart",
                    format!("entries sum to {s}; the sum must be finite and non-zero"),
                ));
            }
            v.iter().map(|a| a / s).collect::<Vec<f64>>()
        }
        None => vec![1.0 / n as f64; n],
    };
    let adj = g.in_adj();
    let w = weights_of(adj, params.use_weights);
    let mut y = vec![0.0f64; n];
    let mut parts = vec![0.0f64; n.div_ceil(BLOCK)];
    let threshold = n as f64 * params.tol;
    for _ in 0..params.max_iter {
        cancel.check()?;
        {
            let xl = &x[..];
            pull(
                &mut y,
                &mut parts,
                |v| row_dot(adj, w, v, xl, xl[v]),
                |_, ys| ys.iter().map(|a| a * a).sum(),
            );
        }
        let norm = parts.iter().sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        y.par_chunks_mut(BLOCK).for_each(|ys| {
            for a in ys {
                *a /= norm;
            }
        });
        let err = block_sum(&y, &x, &mut parts, |a, b| (a - b).abs());
        std::mem::swap(&mut x, &mut y);
        if err < threshold {
            return Ok(x);
        }
    }
    Err(Error::NotConverged {
        iterations: params.max_iter,
        tolerance: params.tol,
    })
}

/// Katz centrality of every node, with exactly networkx's `katz_centrality`.
///
/// Starting from `nstart` (zeros by default), each iteration computes
/// `x = alpha * x_last A + beta` (pulling over the in-arcs), and stops once
/// `sum |x - x_last| < n * tol`; with `normalized` the result is divided by its Euclidean norm
/// (by 1 if that is 0).
///
/// # Errors
/// * [`Error::InvalidParameter`] – `alpha` or `beta` not finite, a per-node `beta` or `nstart`
///   of the wrong length (networkx: `NetworkXError`) or with non-finite entries, `tol` not
///   positive.
/// * [`Error::NotConverged`] – not converged in `max_iter` iterations (e.g. `alpha` at least
///   `1 / lambda_max`).
/// * [`Error::Interrupted`] – `cancel` fired.
///
/// An empty graph gives an empty vector (as networkx).
///
/// # Complexity
/// O(n + arcs) per iteration, parallel over blocks of nodes; O(n) extra memory.
///
/// # Reference
/// L. Katz, "A new status index derived from sociometric analysis", Psychometrika 18 (1953)
/// 39–43.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::{katz_centrality, KatzParams}, BuildOptions, Cancel, Csr};
/// // 0 -> 1: x1 = alpha * x0 + 1 = 1.1, x0 = 1, then normalised.
/// let opts = BuildOptions { directed: true, ..Default::default() };
/// let g = Csr::from_edges(&[0u32], &[1u32], None, &opts, &Cancel::new()).unwrap();
/// let p = KatzParams { normalized: false, ..Default::default() };
/// let x = katz_centrality(&g, &p, &Cancel::new()).unwrap();
/// assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 1.1).abs() < 1e-12);
/// ```
pub fn katz_centrality(g: &Csr, params: &KatzParams, cancel: &Cancel) -> Result<Vec<f64>> {
    check_tol(params.tol)?;
    let alpha = params.alpha;
    if !alpha.is_finite() {
        return Err(Error::param(
            "alpha",
            format!("must be finite, got {alpha}"),
        ));
    }
    let n = g.num_nodes();
    match &params.beta {
        KatzBeta::Scalar(b) if !b.is_finite() => {
            return Err(Error::param("beta", format!("must be finite, got {b}")));
        }
        KatzBeta::PerNode(v) => check_vector(v, "beta", n)?,
        _ => {}
    }
    if let Some(v) = &params.nstart {
        check_vector(v, "nstart", n)?;
    }
    if n == 0 {
        return Ok(Vec::new());
    }
    let beta = |v: usize| match &params.beta {
        KatzBeta::Scalar(b) => *b,
        KatzBeta::PerNode(b) => b[v],
    };
    let adj = g.in_adj();
    let w = weights_of(adj, params.use_weights);
    let mut x = params.nstart.clone().unwrap_or_else(|| vec![0.0; n]);
    let mut y = vec![0.0f64; n];
    let mut parts = vec![0.0f64; n.div_ceil(BLOCK)];
    let threshold = n as f64 * params.tol;
    for _ in 0..params.max_iter {
        cancel.check()?;
        {
            let xl = &x[..];
            pull(
                &mut y,
                &mut parts,
                |v| alpha * row_dot(adj, w, v, xl, 0.0) + beta(v),
                |lo, ys| {
                    ys.iter()
                        .zip(&xl[lo..lo + ys.len()])
                        .map(|(a, b)| (a - b).abs())
                        .sum()
                },
            );
        }
        let err: f64 = parts.iter().sum();
        std::mem::swap(&mut x, &mut y);
        if err < threshold {
            if params.normalized {
                let norm = norm2(&x, &mut parts);
                let s = if norm == 0.0 { 1.0 } else { 1.0 / norm };
                x.par_chunks_mut(BLOCK).for_each(|xs| {
                    for a in xs {
                        *a *= s;
                    }
                });
            }
            return Ok(x);
        }
    }
    Err(Error::NotConverged {
        iterations: params.max_iter,
        tolerance: params.tol,
    })
}

/// Block-ordered maximum (max is exact, so only NaN handling matters: NaN never wins).
fn max_of(x: &[f64]) -> f64 {
    x.par_chunks(BLOCK)
        .map(|c| c.iter().copied().fold(f64::NEG_INFINITY, f64::max))
        .reduce(|| f64::NEG_INFINITY, f64::max)
}

/// HITS hub and authority scores of every node, `(hubs, authorities)`.
///
/// Power iteration as networkx's reference implementation (`_hits_python`): from the uniform
/// hub vector (or `nstart / sum(nstart)`), each iteration computes `a = A^T h_last` (pull over
/// the in-arcs) and `h = A a` (pull over the out-arcs), scales both by `1 / max`, and stops once
/// `sum |h - h_last| < tol`. The converged `a` approximates the leading right singular vector
/// of the adjacency matrix `A` (weights used when asked); as networkx's SciPy `hits` does, the
/// hubs are then recomputed as `h = A a`. With `normalized`, both are divided by their sums;
/// otherwise `a` is scaled to unit Euclidean norm (the sign is fixed non-negative) and
/// `h = A a`.
///
/// The leading singular vector is unique when the top singular value of `A` is simple; when it
/// is not (e.g. a bipartite undirected graph, or several components with the same top singular
/// value) the result is the limit of the power iteration from the start vector, a valid
/// singular vector that networkx's ARPACK-based `hits` need not return.
///
/// # Errors
/// * [`Error::InvalidParameter`] – `tol` not positive; `nstart` of the wrong length, with a
///   negative or non-finite entry, or summing to zero.
/// * [`Error::InvalidGraph`] – the graph has no arcs with non-zero weight (every score would
///   be 0/0; networkx returns NaN there).
/// * [`Error::NotConverged`] – not converged in `max_iter` iterations.
/// * [`Error::Interrupted`] – `cancel` fired.
///
/// An empty graph gives two empty vectors (as networkx).
///
/// # Complexity
/// O(n + arcs) per iteration (two sweeps), parallel over blocks of nodes; O(n) extra memory.
///
/// # Reference
/// J. Kleinberg, "Authoritative sources in a hyperlinked environment", Journal of the ACM 46
/// (1999) 604–632.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::{hits, HitsParams}, BuildOptions, Cancel, Csr};
/// // 0 -> 1, 0 -> 2: node 0 is the hub, 1 and 2 the authorities.
/// let opts = BuildOptions { directed: true, ..Default::default() };
/// let g = Csr::from_edges(&[0u32, 0], &[1u32, 2], None, &opts, &Cancel::new()).unwrap();
/// let (h, a) = hits(&g, &HitsParams::default(), &Cancel::new()).unwrap();
/// assert_eq!(h, vec![1.0, 0.0, 0.0]);
/// assert_eq!(a, vec![0.0, 0.5, 0.5]);
/// ```
pub fn hits(g: &Csr, params: &HitsParams, cancel: &Cancel) -> Result<(Vec<f64>, Vec<f64>)> {
    check_tol(params.tol)?;
    let n = g.num_nodes();
    if let Some(v) = &params.nstart {
        check_vector(v, "nstart", n)?;
        if let Some(i) = v.iter().position(|&x| x < 0.0) {
            return Err(Error::param(
                "nstart",
                format!("entry {i} is {}; entries must be non-negative", v[i]),
            ));
        }
        if n > 0 && v.iter().sum::<f64>() == 0.0 {
            return Err(Error::param(
                "nstart",
                "entries sum to zero; at least one must be positive",
            ));
        }
    }
    if n == 0 {
        return Ok((Vec::new(), Vec::new()));
    }
    let (inn, out) = (g.in_adj(), g.out_adj());
    let (win, wout) = (
        weights_of(inn, params.use_weights),
        weights_of(out, params.use_weights),
    );
    let mut h = match &params.nstart {
        Some(v) => {
            let s = 1.0 / v.iter().sum::<f64>();
            v.iter().map(|x| x * s).collect::<Vec<f64>>()
        }
        None => vec![1.0 / n as f64; n],
    };
    let mut a = vec![0.0f64; n];
    let mut hn = vec![0.0f64; n];
    let mut parts = vec![0.0f64; n.div_ceil(BLOCK)];
    let scale = |x: &mut [f64], s: f64| {
        x.par_chunks_mut(BLOCK).for_each(|xs| {
            for v in xs {
                *v *= s;
            }
        })
    };
    let mut converged = false;
    for _ in 0..params.max_iter {
        cancel.check()?;
        {
            let hl = &h[..];
            pull(
                &mut a,
                &mut parts,
                |v| row_dot(inn, win, v, hl, 0.0),
                |_, _| 0.0,
            );
        }
        {
            let al = &a[..];
            pull(
                &mut hn,
                &mut parts,
                |v| row_dot(out, wout, v, al, 0.0),
                |_, _| 0.0,
            );
        }
        let (mh, ma) = (max_of(&hn), max_of(&a));
        if mh.is_nan() || ma.is_nan() || mh <= 0.0 || ma <= 0.0 {
            return Err(Error::graph(
                "HITS is undefined: the graph has no arc of positive weight",
            ));
        }
        scale(&mut hn, 1.0 / mh);
        scale(&mut a, 1.0 / ma);
        let err = block_sum(&hn, &h, &mut parts, |x, y| (x - y).abs());
        std::mem::swap(&mut h, &mut hn);
        if err < params.tol {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(Error::NotConverged {
            iterations: params.max_iter,
            tolerance: params.tol,
        });
    }
    if !params.normalized {
        let nrm = norm2(&a, &mut parts);
        scale(&mut a, 1.0 / nrm);
    }
    // Hubs from the authorities, as networkx: h = A a.
    {
        let al = &a[..];
        pull(
            &mut h,
            &mut parts,
            |v| row_dot(out, wout, v, al, 0.0),
            |_, _| 0.0,
        );
    }
    if params.normalized {
        for x in [&mut h, &mut a] {
            let s = block_sum(x, x, &mut parts, |v, _| v);
            x.par_chunks_mut(BLOCK).for_each(|xs| {
                for v in xs {
                    *v /= s;
                }
            });
        }
    }
    Ok((h, a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph, rmat};

    fn close(a: &[f64], b: &[f64], tol: f64) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
    }

    //   0 -- 1 -- 2   path: A has eigenvalues sqrt2, 0, -sqrt2; A + I has leading
    //                 eigenvector (1, sqrt2, 1) / 2.
    #[test]
    fn eigenvector_path_hand_derived() {
        let g = build(&[0, 1], &[1, 2], None, false, None);
        let p = EigenvectorParams {
            tol: 1e-14,
            max_iter: 1000,
            ..Default::default()
        };
        let x = eigenvector_centrality(&g, &p, &Cancel::new()).unwrap();
        let s = 2f64.sqrt();
        assert!(close(&x, &[0.5, s / 2.0, 0.5], 1e-12), "{x:?}");
    }

    //   1 -- 0 -- 2, 0 -- 3   star with centre 0: leading eigenvector of A is
    //   (sqrt3, 1, 1, 1) / sqrt6.
    #[test]
    fn eigenvector_star_hand_derived() {
        let g = build(&[0, 0, 0], &[1, 2, 3], None, false, None);
        let p = EigenvectorParams {
            tol: 1e-14,
            max_iter: 1000,
            ..Default::default()
        };
        let x = eigenvector_centrality(&g, &p, &Cancel::new()).unwrap();
        let r6 = 6f64.sqrt();
        let want = [3f64.sqrt() / r6, 1.0 / r6, 1.0 / r6, 1.0 / r6];
        assert!(close(&x, &want, 1e-12), "{x:?}");
    }

    //   0 -> 1 -> 2   Katz, alpha 0.5, beta 1: x0 = 1, x1 = 1.5, x2 = 1.75.
    #[test]
    fn katz_path_hand_derived() {
        let g = build(&[0, 1], &[1, 2], None, true, None);
        let p = KatzParams {
            alpha: 0.5,
            normalized: false,
            tol: 1e-14,
            ..Default::default()
        };
        let x = katz_centrality(&g, &p, &Cancel::new()).unwrap();
        assert!(close(&x, &[1.0, 1.5, 1.75], 1e-12), "{x:?}");
        let p = KatzParams {
            beta: KatzBeta::PerNode(vec![2.0, 0.0, 0.0]),
            ..p
        };
        let x = katz_centrality(&g, &p, &Cancel::new()).unwrap();
        assert!(close(&x, &[2.0, 1.0, 0.5], 1e-12), "{x:?}");
    }

    //   triangle 0 - 1 - 2 - 0: hubs = authorities = 1/3.
    #[test]
    fn hits_triangle_and_star() {
        let g = build(&[0, 1, 2], &[1, 2, 0], None, false, None);
        let (h, a) = hits(&g, &HitsParams::default(), &Cancel::new()).unwrap();
        assert!(close(&h, &[1.0 / 3.0; 3], 1e-12) && close(&a, &[1.0 / 3.0; 3], 1e-12));
        // 0 -> 1, 0 -> 2, 3 -> 1: A^T A = [[2,1],[1,1]] on (1, 2): authorities of 1 and 2
        // are the leading eigenvector ((1+sqrt5)/2, 1), normalised.
        let g = build(&[0, 0, 3], &[1, 2, 1], None, true, None);
        let p = HitsParams {
            tol: 1e-14,
            max_iter: 1000,
            ..Default::default()
        };
        let (h, a) = hits(&g, &p, &Cancel::new()).unwrap();
        let phi = (1.0 + 5f64.sqrt()) / 2.0;
        let s = phi + 1.0;
        assert!(close(&a, &[0.0, phi / s, 1.0 / s, 0.0], 1e-12), "{a:?}");
        assert!((h.iter().sum::<f64>() - 1.0).abs() < 1e-12 && h[1] == 0.0 && h[0] > h[3]);
    }

    #[test]
    fn errors() {
        let c = Cancel::new();
        let e = build(&[], &[], None, false, None);
        assert!(matches!(
            eigenvector_centrality(&e, &EigenvectorParams::default(), &c),
            Err(Error::InvalidGraph { .. })
        ));
        assert_eq!(
            katz_centrality(&e, &KatzParams::default(), &c).unwrap(),
            vec![]
        );
        assert_eq!(
            hits(&e, &HitsParams::default(), &c).unwrap(),
            (vec![], vec![])
        );
        let g = build(&[0, 1], &[1, 2], None, false, None);
        let p = EigenvectorParams {
            nstart: Some(vec![0.0; 3]),
            ..Default::default()
        };
        assert!(matches!(
            eigenvector_centrality(&g, &p, &c),
            Err(Error::InvalidParameter { name: "nstart", .. })
        ));
        let p = KatzParams {
            beta: KatzBeta::PerNode(vec![1.0]),
            ..Default::default()
        };
        assert!(matches!(
            katz_centrality(&g, &p, &c),
            Err(Error::InvalidParameter { name: "beta", .. })
        ));
        let p = KatzParams {
            alpha: 1.0,
            ..Default::default()
        };
        assert!(matches!(
            katz_centrality(&g, &p, &c),
            Err(Error::NotConverged { .. })
        ));
        let p = EigenvectorParams {
            max_iter: 1,
            ..Default::default()
        };
        assert!(matches!(
            eigenvector_centrality(&g, &p, &c),
            Err(Error::NotConverged { iterations: 1, .. })
        ));
        let iso = build(&[], &[], None, false, Some(3));
        assert!(matches!(
            hits(&iso, &HitsParams::default(), &c),
            Err(Error::InvalidGraph { .. })
        ));
        c.cancel();
        assert_eq!(
            katz_centrality(&g, &KatzParams::default(), &c),
            Err(Error::Interrupted)
        );
    }

    #[test]
    fn same_bits_on_one_and_four_threads() {
        let g = rmat(13, 80_000, true, 3);
        let run = || {
            let e = eigenvector_centrality(
                &g,
                &EigenvectorParams {
                    max_iter: 10_000,
                    ..Default::default()
                },
                &Cancel::new(),
            )
            .unwrap();
            let k = katz_centrality(
                &g,
                &KatzParams {
                    alpha: 0.001,
                    ..Default::default()
                },
                &Cancel::new(),
            )
            .unwrap();
            let (h, a) = hits(
                &g,
                &HitsParams {
                    max_iter: 10_000,
                    ..Default::default()
                },
                &Cancel::new(),
            )
            .unwrap();
            [e, k, h, a]
                .iter()
                .flat_map(|v| v.iter().map(|x| x.to_bits()))
                .collect::<Vec<u64>>()
        };
        assert_eq!(in_pool(1, run), in_pool(4, run));
        let g = random_graph(200, 600, false, true, 5);
        let p = EigenvectorParams {
            use_weights: true,
            ..Default::default()
        };
        let a = in_pool(1, || {
            eigenvector_centrality(&g, &p, &Cancel::new()).unwrap()
        });
        let b = in_pool(3, || {
            eigenvector_centrality(&g, &p, &Cancel::new()).unwrap()
        });
        assert_eq!(a, b);
    }
}
