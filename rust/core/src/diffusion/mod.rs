//! Diffusion on graphs: how an innovation (or an infection) spreads from seed nodes.
//!
//! Every model is a Monte-Carlo simulation run `n_sims` times. Simulation `s` of a call seeded
//! with `seed` draws from its own stream `Rng::stream(seed, s)` and nothing else, so the
//! result is the same on any number of threads. The simulations run in parallel in fixed
//! blocks; each worker adds its per-node counts into its own buffer, reduced at the end
//! (integer sums, so the reduction order does not matter).
//!
//! This module holds what the models share: the result type, the edge-probability models of
//! the cascades, argument checks and the Monte-Carlo driver [`monte_carlo`].
//!
//! - `cascade`: independent cascade;
//! - `threshold`: linear threshold and fractional-threshold (complex) contagion;
//! - `epidemic`: discrete-time SIR and SIS;
//! - `influence`: influence maximisation (CELF, IMM).

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::{Adjacency, Csr};
use crate::error::{Error, Result};
use crate::rng::Rng;

// ---- submodules (one line per family; keep this block as it is) ----
pub mod cascade;
pub mod epidemic;
pub mod influence;
pub mod threshold;
// ---- end of submodules ----

/// Simulations per parallel task (fixed: the work split must not depend on the thread count).
const SIM_BLOCK: usize = 8;

/// The outcome of `n_sims` simulations of a diffusion model.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffusionResult {
    /// Number of nodes reached (activated / ever infected) in each simulation, seeds included.
    pub spread: Vec<u32>,
    /// For each node, the number of simulations that reached it.
    pub reached: Vec<u32>,
    /// Mean number of nodes newly reached at each step over all simulations (step 0: the
    /// seeds); as long as the longest simulation (a simulation that ended early counts 0).
    pub curve: Vec<f64>,
    /// Number of simulations.
    pub n_sims: usize,
}

impl DiffusionResult {
    /// Mean of [`Self::spread`].
    pub fn mean_spread(&self) -> f64 {
        if self.spread.is_empty() {
            return f64::NAN;
        }
        self.spread.iter().map(|&x| x as f64).sum::<f64>() / self.spread.len() as f64
    }
}

/// How an active node `u` activates its out-neighbour `v` in a cascade.
#[derive(Debug, Clone, PartialEq)]
pub enum EdgeProb {
    /// The same probability on every arc.
    Constant(f64),
    /// One probability per edge, in the order of the graph's edge list (each undirected edge
    /// once with `src <= dst`, sorted by `(src, dst)`; directed: the out-arcs in CSR order),
    /// used in both directions of an undirected edge.
    PerEdge(Vec<f64>),
    /// Kempe et al.'s weighted cascade: `p(u, v) = 1 / indegree(v)` (in-strength with weights
    /// `w(u, v) / s_in(v)` when the graph's weights are used).
    WeightedCascade,
}

/// Check a probability parameter: finite and in `[0, 1]`.
///
/// # Errors
/// [`Error::InvalidParameter`].
pub(crate) fn check_probability(name: &'static str, p: f64) -> Result<()> {
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::param(
            name,
            format!("must be a probability in [0, 1], got {p}"),
        ));
    }
    Ok(())
}

/// Check `n_sims >= 1` (and below `u32::MAX`, the range of the per-node counts).
///
/// # Errors
/// [`Error::InvalidParameter`].
pub(crate) fn check_n_sims(n_sims: usize) -> Result<()> {
    if n_sims == 0 || n_sims >= u32::MAX as usize {
        return Err(Error::param(
            "n_sims",
            format!("must be at least 1 (and below 2**32 - 1), got {n_sims}"),
        ));
    }
    Ok(())
}

/// The seed set: every id below the number of nodes, duplicates dropped (first kept).
///
/// # Errors
/// [`Error::NodeOutOfRange`] (array `"seeds"`).
pub(crate) fn check_seeds(g: &Csr, seeds: &[u32]) -> Result<Vec<u32>> {
    let n = g.num_nodes();
    let mut seen = std::collections::HashSet::with_capacity(seeds.len());
    let mut out = Vec::with_capacity(seeds.len());
    for (index, &s) in seeds.iter().enumerate() {
        if s as usize >= n {
            return Err(Error::NodeOutOfRange {
                array: "seeds",
                index,
                value: s as i128,
                num_nodes: n as u64,
            });
        }
        if seen.insert(s) {
            out.push(s);
        }
    }
    Ok(out)
}

/// The position of `v` in the sorted row `u` of `adj`, if present.
#[inline]
fn arc_index(adj: &Adjacency, u: usize, v: u32) -> Option<usize> {
    let r = adj.range(u);
    adj.indices[r.clone()]
        .binary_search(&v)
        .ok()
        .map(|k| r.start + k)
}

/// The edge index of every out-arc (`PerEdge`'s order): for undirected graphs the arc
/// `(u, v)` and `(v, u)` share the index of the edge with `src <= dst`.
fn out_arc_edge_ids(g: &Csr) -> Vec<usize> {
    let out = g.out_adj();
    let n = g.num_nodes();
    if g.is_directed() {
        return (0..out.indices.len()).collect();
    }
    // Edge ids of the arcs (u, v >= u), numbered in CSR order.
    let mut ids = vec![usize::MAX; out.indices.len()];
    let mut next = 0usize;
    for u in 0..n {
        for e in out.range(u) {
            if out.indices[e] as usize >= u {
                ids[e] = next;
                next += 1;
            }
        }
    }
    for u in 0..n {
        for e in out.range(u) {
            let v = out.indices[e] as usize;
            if v < u {
                // The twin arc (v, u) is in row v (rows are sorted).
                if let Some(t) = arc_index(out, v, u as u32) {
                    ids[e] = ids[t];
                }
            }
        }
    }
    ids
}

/// The activation probability of every out-arc of `g` (aligned with `g.out_adj().indices`).
///
/// # Errors
/// [`Error::InvalidParameter`] (a probability outside `[0, 1]`), [`Error::LengthMismatch`]
/// (`PerEdge` not of length `num_edges`).
pub(crate) fn out_arc_probs(g: &Csr, p: &EdgeProb, use_weights: bool) -> Result<Vec<f64>> {
    let out = g.out_adj();
    match p {
        EdgeProb::Constant(x) => {
            check_probability("p", *x)?;
            Ok(vec![*x; out.indices.len()])
        }
        EdgeProb::PerEdge(v) => {
            Error::check_same_len("p", v.len(), "edges", g.num_edges())?;
            for &x in v {
                check_probability("p", x)?;
            }
            Ok(out_arc_edge_ids(g).into_iter().map(|i| v[i]).collect())
        }
        EdgeProb::WeightedCascade => {
            let w = g.checked_weights(
                use_weights,
                "the weighted cascade needs non-negative weights",
            )?;
            let inc = g.in_adj();
            let n = g.num_nodes();
            // In-strength of every node (in-degree when unweighted).
            let s_in: Vec<f64> = match w {
                None => (0..n).map(|v| inc.degree(v) as f64).collect(),
                Some(w) => {
                    let mut s = vec![0.0; n];
                    for e in 0..out.indices.len() {
                        s[out.indices[e] as usize] += w[e];
                    }
                    s
                }
            };
            Ok((0..out.indices.len())
                .map(|e| {
                    let v = out.indices[e] as usize;
                    let x = w.map_or(1.0, |w| w[e]);
                    if s_in[v] > 0.0 {
                        (x / s_in[v]).min(1.0)
                    } else {
                        0.0
                    }
                })
                .collect())
        }
    }
}

/// The activation probability of every in-arc of `g` (aligned with `g.in_adj().indices`: the
/// in-arc `v <- u` carries `p(u, v)`), for reverse sampling.
///
/// # Errors
/// As [`out_arc_probs`].
pub(crate) fn in_arc_probs(g: &Csr, p: &EdgeProb, use_weights: bool) -> Result<Vec<f64>> {
    let po = out_arc_probs(g, p, use_weights)?;
    let out = g.out_adj();
    let inc = g.in_adj();
    let n = g.num_nodes();
    let mut pi = vec![0.0; inc.indices.len()];
    for v in 0..n {
        for e in inc.range(v) {
            let u = inc.indices[e] as usize;
            if let Some(t) = arc_index(out, u, v as u32) {
                pi[e] = po[t];
            }
        }
    }
    Ok(pi)
}

/// Per-worker buffers of one simulation: a visit mark per node (an epoch counter, so that a
/// new simulation clears nothing) and two frontier lists.
#[derive(Debug)]
pub(crate) struct SimScratch {
    mark: Vec<u32>,
    epoch: u32,
    /// The nodes of the current step.
    pub frontier: Vec<u32>,
    /// The nodes of the next step.
    pub next: Vec<u32>,
    /// Free per-node buffers for a model's own state (sized `n` by the model on first use).
    pub f64s: Vec<f64>,
    /// Free per-node buffer for a model's own state.
    pub u32s: Vec<u32>,
}

impl SimScratch {
    pub fn new(n: usize) -> Self {
        SimScratch {
            mark: vec![0; n],
            epoch: 0,
            frontier: Vec::new(),
            next: Vec::new(),
            f64s: Vec::new(),
            u32s: Vec::new(),
        }
    }

    /// Start a new simulation: every node unmarked, the frontiers empty.
    #[inline]
    pub fn reset(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.epoch = 1;
        }
        self.frontier.clear();
        self.next.clear();
    }

    /// Mark `v`; true if it was not marked yet in this simulation.
    #[inline(always)]
    pub fn visit(&mut self, v: u32) -> bool {
        let m = &mut self.mark[v as usize];
        if *m == self.epoch {
            false
        } else {
            *m = self.epoch;
            true
        }
    }

    /// Step 0 of a simulation: mark the `seeds` (distinct ids), put them in the frontier and in
    /// `t.reached`, and count them in `t.per_step`.
    #[inline]
    pub fn start(&mut self, seeds: &[u32], t: &mut Trace) {
        for &v in seeds {
            if self.visit(v) {
                self.frontier.push(v);
                t.reached.push(v);
            }
        }
        t.per_step.push(self.frontier.len() as u32);
    }

    /// Prefetch the mark of `v` (a hint; no effect on results).
    #[inline(always)]
    pub fn prefetch_mark(&self, v: u32) {
        if let Some(m) = self.mark.get(v as usize) {
            cascade::prefetch(m);
        }
    }

    /// Whether `v` is marked in this simulation.
    #[inline(always)]
    pub fn is_marked(&self, v: u32) -> bool {
        self.mark[v as usize] == self.epoch
    }
}

/// What one simulation reports: every node it reached (each once) and the number newly
/// reached at each step (`per_step[0]`: the seeds).
#[derive(Debug, Default)]
pub(crate) struct Trace {
    pub reached: Vec<u32>,
    pub per_step: Vec<u32>,
}

/// Per-worker sums of the driver.
struct Acc {
    counts: Vec<u32>,
    curve: Vec<u64>,
    spread: Vec<(usize, u32)>,
}

/// Run `simulate` `n_sims` times in parallel; simulation `s` gets `Rng::stream(seed, s)`, a
/// reset scratch and an empty trace. The result does not depend on the number of threads.
///
/// # Errors
/// [`Error::InvalidParameter`] (`n_sims`), [`Error::Interrupted`] (polled between blocks).
pub(crate) fn monte_carlo<F>(
    n: usize,
    n_sims: usize,
    seed: u64,
    cancel: &Cancel,
    simulate: F,
) -> Result<DiffusionResult>
where
    F: Fn(&mut Rng, &mut SimScratch, &mut Trace) + Sync,
{
    monte_carlo_from(n, n_sims, seed, 0, cancel, simulate)
}

/// [`monte_carlo`] for simulations `first..first + n_sims` (simulation `s` gets
/// `Rng::stream(seed, s)`; `spread` lists them in order). The blocks of a split run add up
/// exactly: `reached` and `curve * n_sims` are integer sums.
///
/// # Errors
/// As [`monte_carlo`]; [`Error::InvalidParameter`] if `first + n_sims` overflows `u64`.
pub(crate) fn monte_carlo_from<F>(
    n: usize,
    n_sims: usize,
    seed: u64,
    first: u64,
    cancel: &Cancel,
    simulate: F,
) -> Result<DiffusionResult>
where
    F: Fn(&mut Rng, &mut SimScratch, &mut Trace) + Sync,
{
    if first.checked_add(n_sims as u64).is_none() {
        return Err(Error::param(
            "first_sim",
            "first_sim + n_sims overflows a u64",
        ));
    }
    check_n_sims(n_sims)?;
    let blocks = n_sims.div_ceil(SIM_BLOCK);
    let acc = (0..blocks)
        .into_par_iter()
        .fold(
            || {
                (
                    SimScratch::new(n),
                    Trace::default(),
                    Acc {
                        counts: vec![0; n],
                        curve: Vec::new(),
                        spread: Vec::new(),
                    },
                )
            },
            |(mut s, mut t, mut a), b| {
                if cancel.is_cancelled() {
                    return (s, t, a);
                }
                for sim in b * SIM_BLOCK..((b + 1) * SIM_BLOCK).min(n_sims) {
                    s.reset();
                    t.reached.clear();
                    t.per_step.clear();
                    let mut rng = Rng::stream(seed, first + sim as u64);
                    simulate(&mut rng, &mut s, &mut t);
                    for &v in &t.reached {
                        a.counts[v as usize] += 1;
                    }
                    if a.curve.len() < t.per_step.len() {
                        a.curve.resize(t.per_step.len(), 0);
                    }
                    for (c, &x) in a.curve.iter_mut().zip(&t.per_step) {
                        *c += u64::from(x);
                    }
                    a.spread.push((sim, t.reached.len() as u32));
                }
                (s, t, a)
            },
        )
        .map(|(_, _, a)| a)
        .reduce(
            || Acc {
                counts: Vec::new(),
                curve: Vec::new(),
                spread: Vec::new(),
            },
            |mut x, mut y| {
                if x.counts.len() < y.counts.len() {
                    std::mem::swap(&mut x, &mut y);
                }
                for (a, b) in x.counts.iter_mut().zip(&y.counts) {
                    *a += b;
                }
                if x.curve.len() < y.curve.len() {
                    x.curve.resize(y.curve.len(), 0);
                }
                for (a, b) in x.curve.iter_mut().zip(&y.curve) {
                    *a += b;
                }
                x.spread.append(&mut y.spread);
                x
            },
        );
    cancel.check()?;
    let mut spread = acc.spread;
    spread.sort_unstable_by_key(|&(s, _)| s);
    let mut reached = acc.counts;
    reached.resize(n, 0);
    Ok(DiffusionResult {
        spread: spread.into_iter().map(|(_, x)| x).collect(),
        reached,
        curve: acc
            .curve
            .iter()
            .map(|&c| c as f64 / n_sims as f64)
            .collect(),
        n_sims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csr::BuildOptions;
    use crate::structure::testutil::in_pool;

    fn graph(s: &[u32], d: &[u32], directed: bool) -> Csr {
        let o = BuildOptions {
            directed,
            ..Default::default()
        };
        Csr::from_edges(s, d, None, &o, &Cancel::new()).unwrap()
    }

    /// `PerEdge` follows the edge list (`src <= dst`, sorted) in both directions.
    #[test]
    fn per_edge_probabilities_follow_the_edge_list() {
        // Edges (sorted): (0,1) (0,2) (1,2) (2,3).
        let g = graph(&[2, 0, 1, 3], &[1, 2, 0, 2], false);
        let p = EdgeProb::PerEdge(vec![0.1, 0.2, 0.3, 0.4]);
        let po = out_arc_probs(&g, &p, false).unwrap();
        // Rows: 0: [1, 2], 1: [0, 2], 2: [0, 1, 3], 3: [2].
        assert_eq!(po, [0.1, 0.2, 0.1, 0.3, 0.2, 0.3, 0.4, 0.4]);
        assert_eq!(in_arc_probs(&g, &p, false).unwrap(), po);
        let d = graph(&[0, 0, 1, 2], &[1, 2, 2, 0], true);
        let p = EdgeProb::PerEdge(vec![0.1, 0.2, 0.3, 0.4]);
        assert_eq!(out_arc_probs(&d, &p, false).unwrap(), [0.1, 0.2, 0.3, 0.4]);
        // In-rows: 0: [2], 1: [0], 2: [0, 1].
        assert_eq!(in_arc_probs(&d, &p, false).unwrap(), [0.4, 0.1, 0.2, 0.3]);
        assert!(matches!(
            out_arc_probs(&d, &EdgeProb::PerEdge(vec![0.1]), false),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(out_arc_probs(&d, &EdgeProb::PerEdge(vec![0.1, 0.2, 1.5, 0.0]), false).is_err());
        assert!(out_arc_probs(&d, &EdgeProb::Constant(f64::NAN), false).is_err());
    }

    #[test]
    fn weighted_cascade_is_one_over_indegree() {
        let d = graph(&[0, 0, 1, 2], &[1, 2, 2, 0], true);
        let po = out_arc_probs(&d, &EdgeProb::WeightedCascade, false).unwrap();
        assert_eq!(po, [1.0, 0.5, 0.5, 1.0]);
    }

    #[test]
    fn seeds_are_checked_and_deduplicated() {
        let g = graph(&[0, 1], &[1, 2], false);
        assert_eq!(check_seeds(&g, &[2, 0, 2]).unwrap(), [2, 0]);
        assert!(matches!(
            check_seeds(&g, &[0, 3]),
            Err(Error::NodeOutOfRange { index: 1, .. })
        ));
        assert!(check_n_sims(0).is_err());
    }

    /// The driver gives the same result on any number of threads, and its sums add up.
    #[test]
    fn monte_carlo_is_thread_independent() {
        let run = |t: usize| {
            in_pool(t, || {
                monte_carlo(50, 37, 9, &Cancel::new(), |rng, s, tr| {
                    // Reach a random number of random nodes, one per step.
                    let k = 1 + rng.below(10) as usize;
                    for _ in 0..k {
                        let v = rng.below(50) as u32;
                        if s.visit(v) {
                            tr.reached.push(v);
                            tr.per_step.push(1);
                        }
                    }
                })
                .unwrap()
            })
        };
        let a = run(1);
        assert_eq!(a, run(3));
        assert_eq!(a.spread.len(), 37);
        let total: u32 = a.spread.iter().sum();
        assert_eq!(a.reached.iter().sum::<u32>(), total);
        let curve: f64 = a.curve.iter().sum();
        assert!((curve * 37.0 - total as f64).abs() < 1e-9);
    }

    /// Simulations `0..37` split into blocks with `first` add up to the single run exactly.
    #[test]
    fn monte_carlo_blocks_add_up() {
        let sim = |rng: &mut Rng, s: &mut SimScratch, tr: &mut Trace| {
            let k = 1 + rng.below(10) as usize;
            for _ in 0..k {
                let v = rng.below(50) as u32;
                if s.visit(v) {
                    tr.reached.push(v);
                    tr.per_step.push(1);
                }
            }
        };
        let c = Cancel::new();
        let whole = monte_carlo(50, 37, 9, &c, sim).unwrap();
        let (mut spread, mut reached, mut steps) = (Vec::new(), vec![0u32; 50], Vec::<u64>::new());
        for (first, len) in [(0u64, 5usize), (5, 20), (25, 12)] {
            let b = monte_carlo_from(50, len, 9, first, &c, sim).unwrap();
            spread.extend(b.spread);
            for (x, y) in reached.iter_mut().zip(&b.reached) {
                *x += y;
            }
            steps.resize(steps.len().max(b.curve.len()), 0);
            for (x, y) in steps.iter_mut().zip(&b.curve) {
                *x += (y * len as f64).round() as u64;
            }
        }
        assert_eq!(spread, whole.spread);
        assert_eq!(reached, whole.reached);
        let curve: Vec<f64> = steps.iter().map(|&x| x as f64 / 37.0).collect();
        assert_eq!(curve, whole.curve);
        assert!(monte_carlo_from(50, 2, 9, u64::MAX, &c, sim).is_err());
    }
}
