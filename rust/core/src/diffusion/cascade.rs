//! Independent cascade (Kempe, Kleinberg & Tardos 2003).
//!
//! Each node activated at step `t` gets one chance to activate each of its out-neighbours at
//! step `t + 1`, succeeding on the arc `(u, v)` with probability `p(u, v)`, independently of
//! everything else. Seeds are active at step 0. An undirected edge is two arcs, each tried by
//! its tail (when that tail activates first, the other direction never matters).
//!
//! # Complexity
//! With one probability for every arc, each active node jumps from success to success along
//! its row with geometric skips ([`Geometric`]), so a simulation costs
//! O(reached + successes) rather than O(arcs of the reached nodes). With per-arc
//! probabilities each examined arc costs one uniform draw.
//!
//! # References
//! D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a social
//! network", KDD 2003.

use super::{
    check_probability, check_seeds, monte_carlo_from, out_arc_probs, DiffusionResult, EdgeProb,
    SimScratch, Trace,
};
use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::Result;
use crate::rng::{Geometric, Rng};

/// The Monte-Carlo settings shared by every model.
#[derive(Debug, Clone, PartialEq)]
pub struct SimParams {
    /// Number of simulations (at least 1).
    pub n_sims: usize,
    /// Stop after this many steps (`None`: until nothing changes).
    pub max_steps: Option<usize>,
    /// Seed of the simulations' random streams (simulation `s` uses `Rng::stream(seed, s)`).
    pub seed: u64,
    /// Index of the first simulation: the run is simulations `first_sim..first_sim + n_sims` of
    /// the stream family of `seed` (0 normally; a block of a run split across processes).
    pub first_sim: u64,
}

impl Default for SimParams {
    fn default() -> Self {
        SimParams {
            n_sims: 1000,
            max_steps: None,
            seed: 0,
            first_sim: 0,
        }
    }
}

impl SimParams {
    /// `max_steps` as a number (`usize::MAX` for "no limit").
    pub(crate) fn steps(&self) -> usize {
        self.max_steps.unwrap_or(usize::MAX)
    }
}

/// Activation probabilities prepared for [`ic_once`]: one value for every arc (sampled with
/// geometric skips) or one per out-arc (aligned with `g.out_adj().indices`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ArcProbs {
    /// The same probability on every arc, with its skip sampler.
    Constant(f64, Geometric),
    /// One probability per out-arc.
    PerArc(Vec<f64>),
}

impl ArcProbs {
    /// Prepare the probabilities of `p` on `g` (weights used by the weighted cascade when
    /// `use_weights`).
    ///
    /// # Errors
    /// As [`out_arc_probs`]: a probability outside `[0, 1]` or NaN, a per-edge array of the
    /// wrong length, negative weights for the weighted cascade.
    pub(crate) fn new(g: &Csr, p: &EdgeProb, use_weights: bool) -> Result<Self> {
        match p {
            EdgeProb::Constant(x) => {
                check_probability("p", *x)?;
                Ok(ArcProbs::Constant(*x, Geometric::new(*x)))
            }
            _ => Ok(ArcProbs::PerArc(out_arc_probs(g, p, use_weights)?)),
        }
    }
}

/// Hint the CPU to bring `x` into the cache (no effect on results; a no-op off x86-64).
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults and `x` is a valid reference.
    unsafe {
        use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// How far ahead (in frontier nodes or candidates) the loops prefetch.
const AHEAD: usize = 16;

/// Run ONE independent-cascade simulation from `seeds` (valid, distinct ids) for at most
/// `max_steps` steps (`usize::MAX`: until no node activates), drawing from `rng`.
///
/// `s` must be freshly reset ([`SimScratch::reset`]) and `t` empty (as [`super::monte_carlo`] hands
/// them over); on return `t.reached` lists every active node once (seeds first) and
/// `t.per_step[k]` the number activated at step `k` (step 0: the seeds; no trailing zeros).
/// `probs` comes from [`ArcProbs::new`] on the same graph. `s.u32s` serves as a buffer (left
/// empty).
///
/// Each step runs in two passes so that the cache misses of different nodes overlap: the
/// successful arcs of the whole frontier first (row offsets prefetched ahead), then their
/// heads are marked (marks prefetched ahead). The random draws do not depend on the marks.
pub(crate) fn ic_once(
    g: &Csr,
    probs: &ArcProbs,
    seeds: &[u32],
    max_steps: usize,
    rng: &mut Rng,
    s: &mut SimScratch,
    t: &mut Trace,
) {
    let out = g.out_adj();
    let (indptr, indices) = (&out.indptr, &out.indices);
    s.start(seeds, t);
    let mut cand = std::mem::take(&mut s.u32s);
    let mut arcs: Vec<u64> = Vec::new();
    let mut step = 0usize;
    while !s.frontier.is_empty() && step < max_steps {
        step += 1;
        cand.clear();
        arcs.clear();
        let frontier = &s.frontier;
        for (k, &u) in frontier.iter().enumerate() {
            if let Some(&w) = frontier.get(k + AHEAD) {
                prefetch(&indptr[w as usize]);
            }
            let (start, end) = (indptr[u as usize] as usize, indptr[u as usize + 1] as usize);
            match probs {
                ArcProbs::Constant(_, geo) => {
                    let len = (end - start) as u64;
                    let mut i = geo.skip(rng);
                    while i < len {
                        arcs.push(start as u64 + i);
                        i = i.saturating_add(1).saturating_add(geo.skip(rng));
                    }
                }
                ArcProbs::PerArc(pa) => {
                    for e in start..end {
                        if rng.next_f64() < pa[e] {
                            cand.push(indices[e]);
                        }
                    }
                }
            }
        }
        for (k, &e) in arcs.iter().enumerate() {
            if let Some(&f) = arcs.get(k + AHEAD) {
                prefetch(&indices[f as usize]);
            }
            cand.push(indices[e as usize]);
        }
        let mut next = std::mem::take(&mut s.next);
        next.clear();
        for (k, &v) in cand.iter().enumerate() {
            if let Some(&w) = cand.get(k + AHEAD) {
                s.prefetch_mark(w);
            }
            if s.visit(v) {
                next.push(v);
            }
        }
        t.reached.extend_from_slice(&next);
        if !next.is_empty() {
            t.per_step.push(next.len() as u32);
        }
        let mut old = std::mem::replace(&mut s.frontier, next);
        old.clear();
        s.next = old;
    }
    cand.clear();
    s.u32s = cand;
}

/// Monte-Carlo independent cascade from `seeds` (ids; duplicates ignored).
///
/// # Arguments
/// * `p` – the activation probabilities ([`EdgeProb`]); `use_weights` lets the weighted
///   cascade use the graph's weights.
/// * `sim` – number of simulations, step limit and seed.
///
/// # Errors
/// [`crate::Error::InvalidParameter`] (`p` outside `[0, 1]` or NaN, `n_sims` of 0),
/// [`crate::Error::LengthMismatch`] (per-edge `p`), [`crate::Error::NodeOutOfRange`] (seeds),
/// [`crate::Error::InvalidGraph`] (negative weights, weighted cascade),
/// [`crate::Error::Interrupted`].
///
/// # Complexity
/// O(n_sims · (reached + successes)) with a constant `p`, O(n_sims · arcs of the reached
/// nodes) otherwise, plus O(n) memory per worker; the result does not depend on the number of
/// threads.
///
/// # Example
/// ```
/// use impactgraph_core::diffusion::cascade::{independent_cascade, SimParams};
/// use impactgraph_core::diffusion::EdgeProb;
/// use impactgraph_core::{BuildOptions, Cancel, Csr};
/// // A path 0 - 1 - 2 with p = 1: everything is reached.
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let sim = SimParams { n_sims: 10, ..Default::default() };
/// let r = independent_cascade(&g, &[0], &EdgeProb::Constant(1.0), false, &sim, &Cancel::new()).unwrap();
/// assert_eq!(r.spread, vec![3; 10]);
/// assert_eq!(r.curve, vec![1.0, 1.0, 1.0]);
/// ```
pub fn independent_cascade(
    g: &Csr,
    seeds: &[u32],
    p: &EdgeProb,
    use_weights: bool,
    sim: &SimParams,
    cancel: &Cancel,
) -> Result<DiffusionResult> {
    let seeds = check_seeds(g, seeds)?;
    let probs = ArcProbs::new(g, p, use_weights)?;
    let steps = sim.steps();
    monte_carlo_from(
        g.num_nodes(),
        sim.n_sims,
        sim.seed,
        sim.first_sim,
        cancel,
        |rng, s, t| ic_once(g, &probs, &seeds, steps, rng, s, t),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool};

    fn params(n_sims: usize, seed: u64) -> SimParams {
        SimParams {
            n_sims,
            max_steps: None,
            seed,
            first_sim: 0,
        }
    }

    /// A star 0 -> {1, 2, 3} (directed) with p: the leaves are Bernoulli(p) each.
    #[test]
    fn star_mean_matches_closed_form() {
        let g = build(&[0, 0, 0], &[1, 2, 3], None, true, None);
        let n = 20_000;
        for p in [EdgeProb::Constant(0.3), EdgeProb::PerEdge(vec![0.3; 3])] {
            let r =
                independent_cascade(&g, &[0], &p, false, &params(n, 5), &Cancel::new()).unwrap();
            // Mean 1 + 3p = 1.9, variance 3p(1-p) = 0.63.
            let sd = (0.63 / n as f64).sqrt();
            assert!(
                (r.mean_spread() - 1.9).abs() < 4.0 * sd,
                "{}",
                r.mean_spread()
            );
            assert_eq!(r.reached[0], n as u32);
            // Nothing flows against the arcs.
            let r =
                independent_cascade(&g, &[1], &p, false, &params(50, 5), &Cancel::new()).unwrap();
            assert_eq!(r.spread, vec![1; 50]);
        }
    }

    /// A path 0 - 1 - 2 - 3 (undirected): P(reach 3 from 0) = p^3; `max_steps` cuts it.
    #[test]
    fn path_probabilities_and_step_limit() {
        let g = build(&[0, 1, 2], &[1, 2, 3], None, false, None);
        let n = 40_000;
        let r = independent_cascade(
            &g,
            &[0],
            &EdgeProb::Constant(0.5),
            false,
            &params(n, 1),
            &Cancel::new(),
        )
        .unwrap();
        for (v, want) in [(1, 0.5), (2, 0.25), (3, 0.125)] {
            let got = r.reached[v] as f64 / n as f64;
            let sd = (want * (1.0 - want) / n as f64).sqrt();
            assert!((got - want).abs() < 4.0 * sd, "node {v}: {got}");
        }
        let sim = SimParams {
            max_steps: Some(1),
            ..params(100, 1)
        };
        let r = independent_cascade(
            &g,
            &[0],
            &EdgeProb::Constant(1.0),
            false,
            &sim,
            &Cancel::new(),
        )
        .unwrap();
        assert_eq!(r.spread, vec![2; 100]);
        assert_eq!(r.curve, vec![1.0, 1.0]);
    }

    #[test]
    fn errors_and_thread_independence() {
        let g = build(&[0, 1, 2, 0], &[1, 2, 3, 3], None, false, None);
        let c = Cancel::new();
        let sim = params(10, 0);
        assert!(independent_cascade(&g, &[0], &EdgeProb::Constant(1.5), false, &sim, &c).is_err());
        assert!(
            independent_cascade(&g, &[0], &EdgeProb::Constant(f64::NAN), false, &sim, &c).is_err()
        );
        assert!(independent_cascade(&g, &[9], &EdgeProb::Constant(0.5), false, &sim, &c).is_err());
        assert!(
            independent_cascade(&g, &[0], &EdgeProb::PerEdge(vec![0.5]), false, &sim, &c).is_err()
        );
        assert!(
            independent_cascade(&g, &[0], &EdgeProb::Constant(0.5), false, &params(0, 0), &c)
                .is_err()
        );
        for p in [
            EdgeProb::Constant(0.4),
            EdgeProb::WeightedCascade,
            EdgeProb::PerEdge(vec![0.1, 0.9, 0.5, 0.3]),
        ] {
            let run = |k| {
                in_pool(k, || {
                    independent_cascade(&g, &[0, 2], &p, false, &params(101, 7), &Cancel::new())
                        .unwrap()
                })
            };
            assert_eq!(run(1), run(3));
        }
    }
}
