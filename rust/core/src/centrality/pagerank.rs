//! PageRank by pull-based power iteration, with networkx's `_pagerank_scipy` semantics.

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::{Adjacency, Csr};
use crate::error::{Error, Result};
use crate::par;

/// Nodes per parallel block. Reductions add per-block partial sums in block order, so every
/// result is bit-identical for any number of threads.
const BLOCK: usize = 2048;

/// Parameters of [`pagerank`]; `Default` gives networkx's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRankParams {
    /// Damping factor, in `[0, 1]` (networkx: `alpha=0.85`).
    pub alpha: f64,
    /// Teleport distribution, one non-negative entry per node with a positive sum; normalised
    /// to sum 1. `None`: uniform.
    pub personalization: Option<Vec<f64>>,
    /// Start vector, same rules; `None`: uniform.
    pub nstart: Option<Vec<f64>>,
    /// Where the rank of dangling nodes (out-strength 0) goes, same rules; `None`: the
    /// (normalised) personalization vector.
    pub dangling: Option<Vec<f64>>,
    /// Tolerance: stop once `sum |x - x_last| < n * tol`. Must be positive.
    pub tol: f64,
    /// Maximum number of iterations.
    pub max_iter: usize,
    /// Use the arc weights (if the graph has any) or count every arc as 1.
    pub use_weights: bool,
}

impl Default for PageRankParams {
    fn default() -> Self {
        PageRankParams {
            alpha: 0.85,
            personalization: None,
            nstart: None,
            dangling: None,
            tol: 1e-6,
            max_iter: 100,
            use_weights: true,
        }
    }
}

/// A probability vector: uniform or explicit (already normalised).
#[derive(Clone, Copy)]
enum Dist<'a> {
    Uniform(f64),
    Values(&'a [f64]),
}

impl Dist<'_> {
    #[inline(always)]
    fn at(&self, i: usize) -> f64 {
        match self {
            Dist::Uniform(c) => *c,
            Dist::Values(v) => v[i],
        }
    }
}

/// Check a user vector (length `n`, finite, non-negative, positive sum) and normalise it.
fn normalized(v: Option<&[f64]>, name: &'static str, n: usize) -> Result<Option<Vec<f64>>> {
    let Some(v) = v else { return Ok(None) };
    if v.len() != n {
        return Err(Error::param(
            name,
            format!(
                "expected one entry per node ({n}), got an array of length {}",
                v.len()
            ),
        ));
    }
    if let Some(i) = v
        .par_iter()
        .position_first(|x| !(x.is_finite() && *x >= 0.0))
    {
        return Err(Error::param(
            name,
            format!(
                "entry {i} is {}; entries must be finite and non-negative",
                v[i]
            ),
        ));
    }
    let s = par::det_sum_slice(v);
    if s == 0.0 {
        return Err(Error::param(
            name,
            "entries sum to zero; at least one must be positive",
        ));
    }
    if !s.is_finite() {
        return Err(Error::param(name, "the sum of the entries overflows"));
    }
    Ok(Some(v.par_iter().map(|x| x / s).collect()))
}

/// The loop-invariant data of one pull sweep.
struct Sweep<'a> {
    adj: &'a Adjacency,
    weights: &'a [f64],
    alpha: f64,
    dangling: Dist<'a>,
    teleport: Dist<'a>,
}

impl Sweep<'_> {
    /// Compute the new scores of the nodes `lo..lo + xs.len()` into `xs`; return their L1 change.
    #[inline]
    fn block<const WEIGHTED: bool>(
        &self,
        lo: usize,
        xs: &mut [f64],
        x: &[f64],
        contrib: &[f64],
        dsum: f64,
    ) -> f64 {
        let (indptr, indices) = (&self.adj.indptr, &self.adj.indices);
        let beta = 1.0 - self.alpha;
        let mut err = 0.0;
        for (i, out) in xs.iter_mut().enumerate() {
            let v = lo + i;
            let (a, b) = (indptr[v] as usize, indptr[v + 1] as usize);
            let mut acc = 0.0;
            if WEIGHTED {
                for (&u, &w) in indices[a..b].iter().zip(&self.weights[a..b]) {
                    acc += w * contrib[u as usize];
                }
            } else {
                for &u in &indices[a..b] {
                    acc += contrib[u as usize];
                }
            }
            let val = self.alpha * (acc + dsum * self.dangling.at(v)) + beta * self.teleport.at(v);
            err += (val - x[v]).abs();
            *out = val;
        }
        err
    }
}

/// PageRank of every node, with exactly networkx's `pagerank` (`_pagerank_scipy`) semantics.
///
/// The transition matrix is row-stochastic by out-strength (the sum of the out-arc weights, or
/// the out-degree without weights); an undirected graph is used in both directions, a
/// self-loop counted once (as in scipy's adjacency matrix). With `p` the personalization and
/// `d` the dangling distribution, each iteration computes
/// `x = alpha * (x A + sum(x[dangling]) * d) + (1 - alpha) * p`, and the method stops as soon
/// as `sum |x - x_last| < n * tol`.
///
/// The iteration pulls over the in-adjacency: per node the contribution
/// `x[u] / out_strength[u]` is computed once, then every node sums its in-neighbours'
/// contributions in row order. No atomics; the dangling mass and the error are summed over
/// fixed blocks of nodes in block order, so results are bit-identical for any number of
/// threads. Two score buffers and one contribution buffer are allocated once.
///
/// # Arguments
/// * `g` – the graph.
/// * `params` – see [`PageRankParams`].
/// * `cancel` – polled once per iteration.
///
/// # Errors
/// * [`Error::InvalidParameter`] – `alpha` outside `[0, 1]` (networkx does not check; values
///   outside make no stochastic sense), `tol` not positive, or a vector of the wrong length,
///   with a negative or non-finite entry, or summing to zero (networkx raises
///   `ZeroDivisionError` for a zero personalization).
/// * [`Error::InvalidWeight`] – a negative arc weight (when weights are used); the index is the
///   arc's position in the out-adjacency.
/// * [`Error::NotConverged`] – not converged within `max_iter` iterations (networkx's
///   `PowerIterationFailedConvergence`).
/// * [`Error::Interrupted`] – `cancel` fired.
///
/// An empty graph gives an empty vector.
///
/// # Complexity
/// O(n + arcs) per iteration, parallel over nodes; O(n) extra memory (four `f64` vectors).
///
/// # Reference
/// L. Page, S. Brin, R. Motwani and T. Winograd, "The PageRank citation ranking: Bringing order
/// to the Web", Stanford InfoLab, 1999; A. Langville and C. Meyer, "A survey of eigenvector
/// methods of web information retrieval", SIAM Review 47 (2005).
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::{pagerank, PageRankParams}, BuildOptions, Cancel, Csr};
/// // 0 -> 1 -> 2 -> 0: a directed cycle, uniform PageRank.
/// let opts = BuildOptions { directed: true, ..Default::default() };
/// let g = Csr::from_edges(&[0u32, 1, 2], &[1u32, 2, 0], None, &opts, &Cancel::new()).unwrap();
/// let x = pagerank(&g, &PageRankParams::default(), &Cancel::new()).unwrap();
/// assert!(x.iter().all(|v| (v - 1.0 / 3.0).abs() < 1e-12));
/// ```
pub fn pagerank(g: &Csr, params: &PageRankParams, cancel: &Cancel) -> Result<Vec<f64>> {
    let alpha = params.alpha;
    if !(0.0..=1.0).contains(&alpha) {
        return Err(Error::param(
            "alpha",
            format!("must be in [0, 1], got {alpha}"),
        ));
    }
    let tol = params.tol;
    if tol.is_nan() || tol <= 0.0 {
        return Err(Error::param("tol", format!("must be positive, got {tol}")));
    }
    let n = g.num_nodes();
    if n == 0 {
        return Ok(Vec::new());
    }
    let pers = normalized(params.personalization.as_deref(), "personalization", n)?;
    let nstart = normalized(params.nstart.as_deref(), "nstart", n)?;
    let dang = normalized(params.dangling.as_deref(), "dangling", n)?;

    let out = g.out_adj();
    let weights = g.checked_weights(params.use_weights, "PageRank needs non-negative weights")?;
    cancel.check()?;

    // 1 / out-strength, 0 for dangling nodes (networkx: S[S != 0] = 1 / S[S != 0]).
    let inv: Vec<f64> = (0..n)
        .into_par_iter()
        .with_min_len(BLOCK)
        .map(|u| {
            let s = match weights {
                Some(w) => w[out.range(u)].iter().sum::<f64>(),
                None => out.degree(u) as f64,
            };
            if s != 0.0 {
                1.0 / s
            } else {
                0.0
            }
        })
        .collect();

    let uniform = 1.0 / n as f64;
    let teleport = pers.as_deref().map_or(Dist::Uniform(uniform), Dist::Values);
    let dangling = dang.as_deref().map_or(teleport, Dist::Values);
    let inadj = g.in_adj();
    let sweep = Sweep {
        adj: inadj,
        weights: if weights.is_some() {
            inadj.weights.as_deref().unwrap_or(&[])
        } else {
            &[]
        },
        alpha,
        dangling,
        teleport,
    };
    let weighted = weights.is_some();

    let mut x = nstart.unwrap_or_else(|| vec![uniform; n]);
    let mut xnew = vec![0.0f64; n];
    let mut contrib = vec![0.0f64; n];
    let blocks = n.div_ceil(BLOCK);
    let mut dpart = vec![0.0f64; blocks];
    let mut epart = vec![0.0f64; blocks];
    let threshold = n as f64 * tol;

    for _ in 0..params.max_iter {
        cancel.check()?;
        // contrib = x / out_strength, and the dangling mass per block.
        {
            let x = &x[..];
            let inv = &inv[..];
            contrib
                .par_chunks_mut(BLOCK)
                .zip(dpart.par_iter_mut())
                .enumerate()
                .for_each(|(b, (c, dp))| {
                    let lo = b * BLOCK;
                    let mut s = 0.0;
                    for (i, ci) in c.iter_mut().enumerate() {
                        let (xu, iu) = (x[lo + i], inv[lo + i]);
                        *ci = xu * iu;
                        if iu == 0.0 {
                            s += xu;
                        }
                    }
                    *dp = s;
                });
        }
        let dsum: f64 = dpart.iter().sum();
        {
            let (x, contrib, sweep) = (&x[..], &contrib[..], &sweep);
            xnew.par_chunks_mut(BLOCK)
                .zip(epart.par_iter_mut())
                .enumerate()
                .for_each(|(b, (xs, ep))| {
                    *ep = if weighted {
                        sweep.block::<true>(b * BLOCK, xs, x, contrib, dsum)
                    } else {
                        sweep.block::<false>(b * BLOCK, xs, x, contrib, dsum)
                    };
                });
        }
        let err: f64 = epart.iter().sum();
        std::mem::swap(&mut x, &mut xnew);
        if err < threshold {
            return Ok(x);
        }
    }
    Err(Error::NotConverged {
        iterations: params.max_iter,
        tolerance: tol,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph, rmat};

    /// Dense, sequential, obviously-correct transcription of networkx's `_pagerank_scipy`.
    fn oracle(g: &Csr, p: &PageRankParams) -> Option<Vec<f64>> {
        let n = g.num_nodes();
        let mut a = vec![vec![0.0; n]; n];
        for (u, row) in a.iter_mut().enumerate() {
            for j in g.out_adj().range(u) {
                let v = g.out_adj().indices[j] as usize;
                row[v] = match (&g.out_adj().weights, p.use_weights) {
                    (Some(w), true) => w[j],
                    _ => 1.0,
                };
            }
        }
        let s: Vec<f64> = a.iter().map(|row| row.iter().sum()).collect();
        let norm = |v: &Option<Vec<f64>>| {
            v.as_ref().map(|v| {
                let t: f64 = v.iter().sum();
                v.iter().map(|x| x / t).collect::<Vec<f64>>()
            })
        };
        let pp = norm(&p.personalization).unwrap_or(vec![1.0 / n as f64; n]);
        let dd = norm(&p.dangling).unwrap_or(pp.clone());
        let mut x = norm(&p.nstart).unwrap_or(vec![1.0 / n as f64; n]);
        for _ in 0..p.max_iter {
            let dsum: f64 = (0..n).filter(|&u| s[u] == 0.0).map(|u| x[u]).sum();
            let mut y = vec![0.0; n];
            for u in 0..n {
                if s[u] != 0.0 {
                    for v in 0..n {
                        y[v] += x[u] * a[u][v] / s[u];
                    }
                }
            }
            let y: Vec<f64> = (0..n)
                .map(|v| p.alpha * (y[v] + dsum * dd[v]) + (1.0 - p.alpha) * pp[v])
                .collect();
            let err: f64 = (0..n).map(|v| (y[v] - x[v]).abs()).sum();
            x = y;
            if err < n as f64 * p.tol {
                return Some(x);
            }
        }
        None
    }

    fn l1(a: &[f64], b: &[f64]) -> f64 {
        a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum()
    }

    fn run(g: &Csr, p: &PageRankParams) -> Result<Vec<f64>> {
        pagerank(g, p, &Cancel::new())
    }

    //   0 -> 1 -> 2      2 is dangling; alpha = 0.5, uniform p and d.
    // Stationary x solves x0 = 1/6 + x2/6, x1 = 1/6 + x0/2 + x2/6, x2 = 1/6 + x1/2 + x2/6:
    // x0 = (1 + x2)/6, x1 = (1 + x2)/4, x2 = 7 (1 + x2)/24, so x = (4/17, 6/17, 7/17).
    #[test]
    fn dangling_path_hand_derived() {
        let g = build(&[0, 1], &[1, 2], None, true, None);
        let p = PageRankParams {
            alpha: 0.5,
            tol: 1e-14,
            max_iter: 200,
            ..Default::default()
        };
        let x = run(&g, &p).unwrap();
        let want = [4.0 / 17.0, 6.0 / 17.0, 7.0 / 17.0];
        assert!(l1(&x, &want) < 1e-12, "{x:?}");
    }

    //   0 -- 1 -- 2   (undirected star at 1; weights 0-1: 1, 1-2: 3), self-loop 2-2 weight 2
    #[test]
    fn weighted_undirected_with_loop_matches_oracle() {
        let g = build(&[0, 1, 2], &[1, 2, 2], Some(&[1.0, 3.0, 2.0]), false, None);
        for use_weights in [true, false] {
            let p = PageRankParams {
                use_weights,
                tol: 1e-12,
                ..Default::default()
            };
            let x = run(&g, &p).unwrap();
            let want = oracle(&g, &p).unwrap();
            assert!(l1(&x, &want) < 1e-12);
            assert!((x.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn random_graphs_with_vectors_match_oracle() {
        for seed in 0..12u64 {
            let directed = seed % 2 == 0;
            let n = 30 + seed as u32 * 5;
            let g = random_graph(n, n as usize * 2, directed, seed % 3 != 0, seed);
            let vec_of = |k: u64| -> Vec<f64> {
                (0..n as u64)
                    .map(|i| ((i * 7 + k * 3) % 5) as f64)
                    .collect()
            };
            let cases = [
                PageRankParams::default(),
                PageRankParams {
                    personalization: Some(vec_of(seed)),
                    ..Default::default()
                },
                PageRankParams {
                    personalization: Some(vec_of(seed)),
                    dangling: Some(vec_of(seed + 1)),
                    nstart: Some(vec_of(seed + 2)),
                    alpha: 0.9,
                    tol: 1e-10,
                    max_iter: 1000,
                    ..Default::default()
                },
            ];
            for p in &cases {
                let x = run(&g, p).unwrap();
                let want = oracle(&g, p).unwrap();
                assert!(l1(&x, &want) < 1e-12, "seed {seed}");
            }
        }
    }

    #[test]
    fn alpha_edges() {
        let g = build(&[0, 1], &[1, 2], None, true, None);
        // alpha = 0: x = p after one iteration.
        let p = PageRankParams {
            alpha: 0.0,
            personalization: Some(vec![1.0, 0.0, 3.0]),
            ..Default::default()
        };
        assert_eq!(run(&g, &p).unwrap(), vec![0.25, 0.0, 0.75]);
    }

    #[test]
    fn not_converged() {
        let g = build(&[0, 1], &[1, 2], None, true, None);
        let p = PageRankParams {
            max_iter: 2,
            ..Default::default()
        };
        assert_eq!(
            run(&g, &p),
            Err(Error::NotConverged {
                iterations: 2,
                tolerance: 1e-6
            })
        );
        let p = PageRankParams {
            max_iter: 0,
            ..Default::default()
        };
        assert!(matches!(
            run(&g, &p),
            Err(Error::NotConverged { iterations: 0, .. })
        ));
    }

    #[test]
    fn invalid_input() {
        let g = build(&[0, 1], &[1, 2], Some(&[1.0, -2.0]), true, None);
        let bad = |p: PageRankParams| run(&g, &p).unwrap_err();
        let name_of = |e: Error| match e {
            Error::InvalidParameter { name, message } => (name, message),
            other => panic!("{other:?}"),
        };
        for a in [-0.1, 1.5, f64::NAN] {
            let (name, _) = name_of(bad(PageRankParams {
                alpha: a,
                ..Default::default()
            }));
            assert_eq!(name, "alpha");
        }
        for t in [0.0, -1.0, f64::NAN] {
            let (name, _) = name_of(bad(PageRankParams {
                tol: t,
                ..Default::default()
            }));
            assert_eq!(name, "tol");
        }
        let (name, msg) = name_of(bad(PageRankParams {
            personalization: Some(vec![1.0, 2.0]),
            ..Default::default()
        }));
        assert_eq!(name, "personalization");
        assert!(msg.contains("length 2"), "{msg}");
        let (name, msg) = name_of(bad(PageRankParams {
            nstart: Some(vec![0.0, 0.0, 0.0]),
            ..Default::default()
        }));
        assert_eq!(name, "nstart");
        assert!(msg.contains("sum to zero"), "{msg}");
        let (name, msg) = name_of(bad(PageRankParams {
            dangling: Some(vec![1.0, f64::INFINITY, 0.0]),
            ..Default::default()
        }));
        assert_eq!(name, "dangling");
        assert!(msg.contains("entry 1"), "{msg}");
        assert_eq!(
            bad(PageRankParams::default()),
            Error::graph(
                "edge (1, 2) has weight -2; PageRank needs non-negative weights (or weight=None)"
            )
        );
        // Ignoring weights makes the negative one harmless.
        assert!(run(
            &g,
            &PageRankParams {
                use_weights: false,
                ..Default::default()
            }
        )
        .is_ok());
        // Empty graph: nothing to rank, but parameters are still checked.
        let e = build(&[], &[], None, true, None);
        assert_eq!(run(&e, &PageRankParams::default()).unwrap(), vec![]);
        assert!(run(
            &e,
            &PageRankParams {
                tol: 0.0,
                ..Default::default()
            }
        )
        .is_err());
    }

    #[test]
    fn same_bits_on_one_and_four_threads() {
        let g = rmat(14, 150_000, true, 9);
        let p = PageRankParams {
            tol: 1e-10,
            ..Default::default()
        };
        let a = in_pool(1, || run(&g, &p).unwrap());
        let b = in_pool(4, || run(&g, &p).unwrap());
        assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
        assert!((a.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn cancelled() {
        let g = build(&[0], &[1], None, true, None);
        let c = Cancel::new();
        c.cancel();
        assert_eq!(
            pagerank(&g, &PageRankParams::default(), &c),
            Err(Error::Interrupted)
        );
    }

    /// Release-mode timing on a 1M-edge R-MAT graph:
    /// `cargo test -p impactgraph-core --release -- --ignored --nocapture bench_`.
    #[test]
    #[ignore]
    fn bench_kernels_1m_edges() {
        use crate::structure::{connected_components, strongly_connected_components};
        use std::time::Instant;
        for directed in [false, true] {
            let t = Instant::now();
            let g = rmat(16, 1_150_000, directed, 1);
            let build = t.elapsed().as_secs_f64();
            let time = |f: &dyn Fn()| {
                f();
                let reps = 5;
                let t = Instant::now();
                for _ in 0..reps {
                    f();
                }
                t.elapsed().as_secs_f64() / reps as f64
            };
            let pr = time(&|| {
                run(&g, &PageRankParams::default()).unwrap();
            });
            let cc = time(&|| {
                connected_components(&g, &Cancel::new()).unwrap();
            });
            let scc = time(&|| {
                strongly_connected_components(&g, &Cancel::new()).unwrap();
            });
            println!(
                "rmat16 directed={directed} n={} m={} threads={} build {build:.3}s \
                 pagerank {pr:.4}s cc {cc:.4}s scc {scc:.4}s",
                g.num_nodes(),
                g.num_edges(),
                rayon::current_num_threads()
            );
        }
    }
}
