//! Threshold models: Kempe et al.'s linear threshold and Watts' fractional-threshold (complex)
//! contagion.
//!
//! **Linear threshold.** Every arc `(u, v)` carries an influence weight
//! `b(u, v) = w(u, v) / s_in(v)` (`1 / indegree(v)` unweighted), so the in-weights of every node
//! sum to 1 (self-loops carry no influence and do not count in `s_in`). Each node draws a
//! threshold `θ_v` uniform in `(0, 1]` per simulation (or takes the given one); an inactive node
//! becomes active at step `t + 1` when the total weight of its in-neighbours active at step `t`
//! reaches `θ_v` (and at least one in-neighbour is active; sums are compared with an absolute
//! tolerance of 1e-12 so that all in-neighbours active always reaches `θ = 1`).
//!
//! **Fractional threshold.** The same with `b(u, v) = 1 / indegree(v)` counted exactly: a node
//! adopts when at least one in-neighbour has adopted and `adopted / indegree >= θ_v` (the
//! division done in `f64`, as Python does it). With given thresholds it is deterministic.
//!
//! # References
//! * D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
//!   social network", KDD 2003.
//! * D. J. Watts, "A simple model of global cascades on random networks", PNAS 99(9), 2002.

use super::cascade::{prefetch, SimParams};
use super::{
    check_n_sims, check_probability, check_seeds, monte_carlo, monte_carlo_from, DiffusionResult,
    SimScratch, Trace,
};
use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::{Error, Result};
use crate::rng::Rng;

/// How far ahead the loops prefetch.
const AHEAD: usize = 8;

/// Activation tolerance of the weight sums.
const EPS: f64 = 1e-12;

/// In-strength of every node (in-degree unweighted), self-loops left out.
fn in_strength(g: &Csr, w: Option<&[f64]>) -> Vec<f64> {
    let out = g.out_adj();
    let mut s = vec![0.0; g.num_nodes()];
    for u in 0..g.num_nodes() {
        for e in out.range(u) {
            let v = out.indices[e] as usize;
            if v != u {
                s[v] += w.map_or(1.0, |w| w[e]);
            }
        }
    }
    s
}

/// The LT influence weight `b(u, v)` of every out-arc (aligned with `g.out_adj().indices`).
///
/// # Errors
/// [`Error::InvalidGraph`] (negative or non-finite weights when `use_weights`).
pub(crate) fn lt_out_weights(g: &Csr, use_weights: bool) -> Result<Vec<f64>> {
    let w = g.checked_weights(
        use_weights,
        "the linear threshold model needs non-negative weights",
    )?;
    let s = in_strength(g, w);
    let out = g.out_adj();
    let mut b = vec![0.0; out.indices.len()];
    for u in 0..g.num_nodes() {
        for e in out.range(u) {
            let v = out.indices[e] as usize;
            if v != u && s[v] > 0.0 {
                b[e] = w.map_or(1.0, |w| w[e]) / s[v];
            }
        }
    }
    Ok(b)
}

/// The LT influence weight `b(u, v)` of every in-arc (aligned with `g.in_adj().indices`: the
/// in-arc `v <- u` carries `b(u, v)`): the input of [`lt_once`] and of reverse sampling.
///
/// # Errors
/// As [`lt_out_weights`].
pub(crate) fn lt_in_weights(g: &Csr, use_weights: bool) -> Result<Vec<f64>> {
    let w = g.checked_weights(
        use_weights,
        "the linear threshold model needs non-negative weights",
    )?;
    let inc = g.in_adj();
    let wi = if w.is_some() {
        inc.weights.as_deref()
    } else {
        None
    };
    let mut b = vec![0.0; inc.indices.len()];
    for v in 0..g.num_nodes() {
        let r = inc.range(v);
        let s: f64 = r
            .clone()
            .filter(|&e| inc.indices[e] as usize != v)
            .map(|e| wi.map_or(1.0, |w| w[e]))
            .sum();
        if s > 0.0 {
            for e in r {
                if inc.indices[e] as usize != v {
                    b[e] = wi.map_or(1.0, |w| w[e]) / s;
                }
            }
        }
    }
    Ok(b)
}

/// Check per-node thresholds: one per node, each in `[0, 1]`.
fn check_thresholds(g: &Csr, name: &'static str, th: Option<&[f64]>) -> Result<()> {
    if let Some(th) = th {
        Error::check_same_len(name, th.len(), "nodes", g.num_nodes())?;
        for &x in th {
            check_probability(name, x)?;
        }
    }
    Ok(())
}

/// The frontier loop of both threshold models. Every node keeps one `f64` of state in
/// `s.f64s`, `clean` (`NaN` or `0.0`) until the node is first influenced in this simulation
/// (and again on return). Each arc `e = (u, v)` from a node `u` activated at the previous step
/// to an inactive `v` calls `arc(e, u, v, state of v, first touch)`, which updates the state
/// and says whether `v` activates now.
#[inline(always)]
fn frontier_run<A: FnMut(usize, u32, u32, &mut f64, bool) -> bool>(
    g: &Csr,
    clean: f64,
    seeds: &[u32],
    max_steps: usize,
    s: &mut SimScratch,
    t: &mut Trace,
    mut arc: A,
) {
    let n = g.num_nodes();
    if s.f64s.len() != n {
        s.f64s.clear();
        s.f64s.resize(n, clean);
    }
    let is_clean = |x: f64| {
        if clean.is_nan() {
            x.is_nan()
        } else {
            x == clean
        }
    };
    let out = g.out_adj();
    s.start(seeds, t);
    let mut step = 0usize;
    while !s.frontier.is_empty() && step < max_steps {
        step += 1;
        let mut frontier = std::mem::take(&mut s.frontier);
        let mut next = std::mem::take(&mut s.next);
        next.clear();
        for (k, &u) in frontier.iter().enumerate() {
            if let Some(&w) = frontier.get(k + AHEAD) {
                prefetch(&out.indptr[w as usize]);
            }
            let r = out.range(u as usize);
            for e in r.clone() {
                if let Some(&w) = out.indices.get(e + AHEAD).filter(|_| e + AHEAD < r.end) {
                    s.prefetch_mark(w);
                    prefetch(&s.f64s[w as usize]);
                }
                // Self-loops are skipped too: `u` itself is marked.
                let v = out.indices[e];
                if s.is_marked(v) {
                    continue;
                }
                let x = &mut s.f64s[v as usize];
                let first = is_clean(*x);
                if first {
                    s.u32s.push(v);
                }
                if arc(e, u, v, x, first) {
                    s.visit(v);
                    next.push(v);
                }
            }
        }
        t.reached.extend_from_slice(&next);
        if !next.is_empty() {
            t.per_step.push(next.len() as u32);
        }
        frontier.clear();
        s.frontier = next;
        s.next = frontier;
    }
    for &v in &s.u32s {
        s.f64s[v as usize] = clean;
    }
    s.u32s.clear();
}

/// One LT simulation, the weight of out-arc `e = (u, v)` given by `b(e, v)`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn lt_run<B: Fn(usize, usize, u32) -> f64>(
    g: &Csr,
    b: B,
    thresholds: Option<&[f64]>,
    seeds: &[u32],
    max_steps: usize,
    rng: &mut Rng,
    s: &mut SimScratch,
    t: &mut Trace,
) {
    frontier_run(
        g,
        f64::NAN,
        seeds,
        max_steps,
        s,
        t,
        |e, u, v, rem, first| {
            if first {
                // First touch in this simulation: the threshold.
                *rem = match thresholds {
                    Some(th) => th[v as usize],
                    None => rng.next_f64_nonzero(),
                };
            }
            *rem -= b(e, u as usize, v);
            *rem <= EPS
        },
    )
}

/// Run ONE linear-threshold simulation from `seeds` (valid, distinct ids) for at most
/// `max_steps` steps (`usize::MAX`: until no node activates).
///
/// * `inw` – `b(u, v)` per IN-arc, aligned with `g.in_adj().indices` (from [`lt_in_weights`]);
/// * `thresholds` – one per node in `[0, 1]`, or `None` to draw them uniform in `(0, 1]`
///   (lazily, from `rng`, when a node is first influenced).
///
/// `s` must be freshly reset and `t` empty (as [`monte_carlo`] hands them over); `s.f64s` and
/// `s.u32s` are used (and left clean). On return `t.reached` lists the active nodes (seeds
/// first) and `t.per_step` the number activated per step (no trailing zeros).
///
/// Each influenced arc looks its weight up in the in-row of its head (a binary search);
/// [`linear_threshold`] uses out-aligned weights instead.
#[allow(clippy::too_many_arguments)]
pub(crate) fn lt_once(
    g: &Csr,
    inw: &[f64],
    thresholds: Option<&[f64]>,
    seeds: &[u32],
    max_steps: usize,
    rng: &mut Rng,
    s: &mut SimScratch,
    t: &mut Trace,
) {
    let inc = g.in_adj();
    let b = |_e: usize, u: usize, v: u32| {
        let r = inc.range(v as usize);
        match inc.indices[r.clone()].binary_search(&(u as u32)) {
            Ok(k) => inw[r.start + k],
            Err(_) => 0.0,
        }
    };
    lt_run(g, b, thresholds, seeds, max_steps, rng, s, t)
}

/// Monte-Carlo linear threshold model from `seeds` (ids; duplicates ignored).
///
/// # Arguments
/// * `thresholds` – one per node in `[0, 1]`, or `None`: uniform in `(0, 1]`, drawn anew in
///   every simulation;
/// * `use_weights` – influence proportional to the graph's weights (else `1 / indegree`).
///
/// # Errors
/// [`Error::InvalidParameter`] (thresholds outside `[0, 1]` or NaN, `n_sims` of 0),
/// [`Error::LengthMismatch`] (thresholds), [`Error::NodeOutOfRange`] (seeds),
/// [`Error::InvalidGraph`] (negative weights), [`Error::Interrupted`].
///
/// # Complexity
/// O(n_sims · arcs of the reached nodes); O(n) memory per worker.
///
/// # Example
/// ```
/// use impactgraph_core::diffusion::cascade::SimParams;
/// use impactgraph_core::diffusion::threshold::linear_threshold;
/// use impactgraph_core::{BuildOptions, Cancel, Csr};
/// // A directed path 0 -> 1 -> 2: each node has one in-neighbour of weight 1, so all activate.
/// let o = BuildOptions { directed: true, ..Default::default() };
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], None, &o, &Cancel::new()).unwrap();
/// let sim = SimParams { n_sims: 5, ..Default::default() };
/// let r = linear_threshold(&g, &[0], None, false, &sim, &Cancel::new()).unwrap();
/// assert_eq!(r.spread, vec![3; 5]);
/// ```
pub fn linear_threshold(
    g: &Csr,
    seeds: &[u32],
    thresholds: Option<&[f64]>,
    use_weights: bool,
    sim: &SimParams,
    cancel: &Cancel,
) -> Result<DiffusionResult> {
    let seeds = check_seeds(g, seeds)?;
    check_thresholds(g, "thresholds", thresholds)?;
    check_n_sims(sim.n_sims)?;
    let bw = lt_out_weights(g, use_weights)?;
    let steps = sim.steps();
    if thresholds.is_none() && live_edge_pays(g, &bw, &seeds, steps, sim.seed) {
        let cum = lt_in_cumulative(g, use_weights)?;
        return monte_carlo_from(
            g.num_nodes(),
            sim.n_sims,
            sim.seed,
            sim.first_sim,
            cancel,
            |rng, s, t| lt_live_edge(g, &cum, &seeds, steps, rng, s, t),
        );
    }
    monte_carlo_from(
        g.num_nodes(),
        sim.n_sims,
        sim.seed,
        sim.first_sim,
        cancel,
        |rng, s, t| lt_run(g, |e, _, _| bw[e], thresholds, &seeds, steps, rng, s, t),
    )
}

/// Whether the live-edge form is cheaper: a pilot forward simulation (stream 0) examined more
/// arcs than twice the number of nodes. Depends on the seed only, never on the threads.
fn live_edge_pays(g: &Csr, bw: &[f64], seeds: &[u32], steps: usize, seed: u64) -> bool {
    let n = g.num_nodes();
    let mut s = SimScratch::new(n);
    let mut t = Trace::default();
    s.reset();
    let mut rng = Rng::stream(seed, 0);
    lt_run(
        g,
        |e, _, _| bw[e],
        None,
        seeds,
        steps,
        &mut rng,
        &mut s,
        &mut t,
    );
    let out = g.out_adj();
    let arcs: usize = t.reached.iter().map(|&v| out.degree(v as usize)).sum();
    arcs > 2 * n
}

/// Per in-arc, the cumulative LT weight within its row (`b` of the arcs up to and including
/// it), for sampling each node's live in-arc by binary search.
fn lt_in_cumulative(g: &Csr, use_weights: bool) -> Result<Vec<f64>> {
    let mut b = lt_in_weights(g, use_weights)?;
    let inc = g.in_adj();
    for v in 0..g.num_nodes() {
        let mut acc = 0.0;
        for x in &mut b[inc.range(v)] {
            acc += *x;
            *x = acc;
        }
    }
    Ok(b)
}

/// No live in-arc.
const NONE: u32 = u32::MAX;
/// Depth not known yet / on the current chain / inactive.
const UNKNOWN: u32 = u32::MAX;
const ON_CHAIN: u32 = u32::MAX - 1;
const INACTIVE: u32 = u32::MAX - 2;

/// One LT simulation with random thresholds in its live-edge form (Kempe et al., Claim 2.6:
/// the same distribution of the active set at every step): every node keeps at most one
/// in-arc, `(u, v)` with probability `b(u, v)`; a node is active at step `d` when its chain of
/// kept in-arcs reaches a seed in `d` arcs. O(n + Σ log indegree) per simulation, whatever the
/// spread. Uses `s.u32s` (the kept in-neighbours), `s.next` (depths) and `s.frontier` (the
/// chain being resolved) as buffers, and leaves them empty.
fn lt_live_edge(
    g: &Csr,
    cum: &[f64],
    seeds: &[u32],
    max_steps: usize,
    rng: &mut Rng,
    s: &mut SimScratch,
    t: &mut Trace,
) {
    let n = g.num_nodes();
    let inc = g.in_adj();
    let parent = &mut s.u32s;
    parent.clear();
    parent.extend((0..n).map(|v| {
        let r = inc.range(v);
        let row = &cum[r.clone()];
        let x = rng.next_f64();
        let k = row.partition_point(|&c| c <= x);
        if k < row.len() {
            inc.indices[r.start + k]
        } else {
            NONE
        }
    }));
    let depth = &mut s.next;
    depth.clear();
    depth.resize(n, UNKNOWN);
    for &v in seeds {
        depth[v as usize] = 0;
    }
    let chain = &mut s.frontier;
    for v in 0..n as u32 {
        if depth[v as usize] != UNKNOWN {
            continue;
        }
        // Walk up the kept in-arcs to a node of known depth, a node without one, or a cycle.
        chain.clear();
        let mut x = v;
        let base = loop {
            let d = depth[x as usize];
            if d == ON_CHAIN {
                break INACTIVE; // a cycle without seeds
            }
            if d != UNKNOWN {
                break d;
            }
            depth[x as usize] = ON_CHAIN;
            chain.push(x);
            let p = parent[x as usize];
            if p == NONE {
                break INACTIVE;
            }
            x = p;
        };
        let mut d = base;
        for &y in chain.iter().rev() {
            if d < INACTIVE && (d as usize) < max_steps && d + 1 < INACTIVE {
                d += 1;
            } else {
                d = INACTIVE;
            }
            depth[y as usize] = d;
        }
    }
    for v in 0..n as u32 {
        let d = depth[v as usize];
        if d < INACTIVE {
            t.reached.push(v);
            let d = d as usize;
            if t.per_step.len() <= d {
                t.per_step.resize(d + 1, 0);
            }
            t.per_step[d] += 1;
        }
    }
    chain.clear();
    depth.clear();
    s.u32s.clear();
}

/// One fractional-threshold run with given thresholds (exact counts; see the module docs).
fn fraction_run(
    g: &Csr,
    indeg: &[u32],
    th: &[f64],
    seeds: &[u32],
    max_steps: usize,
    s: &mut SimScratch,
    t: &mut Trace,
) {
    frontier_run(g, 0.0, seeds, max_steps, s, t, |_, _, v, c, _| {
        *c += 1.0;
        *c / indeg[v as usize] as f64 >= th[v as usize]
    })
}

/// Watts' fractional-threshold contagion from `seeds` (ids; duplicates ignored).
///
/// A node adopts at step `t + 1` when at least one in-neighbour has adopted by step `t` and the
/// fraction of its in-neighbours (self-loops left out) that have is at least its threshold.
///
/// # Arguments
/// * `thresholds` – one per node in `[0, 1]`: the model is then deterministic, so it runs once
///   and every simulation is that run (seed unused); `None`: thresholds uniform in `(0, 1]`,
///   drawn anew in every simulation (the linear threshold model with `b = 1 / indegree`).
///
/// # Errors
/// As [`linear_threshold`].
///
/// # Complexity
/// O(n_sims · arcs of the adopting nodes).
pub fn threshold_contagion(
    g: &Csr,
    seeds: &[u32],
    thresholds: Option<&[f64]>,
    sim: &SimParams,
    cancel: &Cancel,
) -> Result<DiffusionResult> {
    let seeds = check_seeds(g, seeds)?;
    check_thresholds(g, "fraction", thresholds)?;
    let steps = sim.steps();
    match thresholds {
        None => linear_threshold(g, &seeds, None, false, sim, cancel),
        Some(th) => {
            let inc = g.in_adj();
            let indeg: Vec<u32> = (0..g.num_nodes())
                .map(|v| {
                    inc.neighbors(v)
                        .iter()
                        .filter(|&&u| u as usize != v)
                        .count() as u32
                })
                .collect();
            check_n_sims(sim.n_sims)?;
            // Deterministic: run once, and every simulation is that run.
            let one = monte_carlo(g.num_nodes(), 1, sim.seed, cancel, |_, s, t| {
                fraction_run(g, &indeg, th, &seeds, steps, s, t)
            })?;
            let k = sim.n_sims as u32;
            Ok(DiffusionResult {
                spread: vec![one.spread[0]; sim.n_sims],
                reached: one.reached.iter().map(|&x| x * k).collect(),
                curve: one.curve,
                n_sims: sim.n_sims,
            })
        }
    }
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

    /// In- and out-aligned weights agree, and in-weights sum to 1 per node.
    #[test]
    fn weights_sum_to_one() {
        //  0 -> 2 (w 1), 1 -> 2 (w 3), 2 -> 0 (w 2), 2 -> 2 (loop)
        let g = build(
            &[0, 1, 2, 2],
            &[2, 2, 0, 2],
            Some(&[1.0, 3.0, 2.0, 5.0]),
            true,
            None,
        );
        let bo = lt_out_weights(&g, true).unwrap();
        // Out rows: 0: [2], 1: [2], 2: [0, 2].
        assert_eq!(bo, [0.25, 0.75, 1.0, 0.0]);
        let bi = lt_in_weights(&g, true).unwrap();
        // In rows: 0: [2], 1: [], 2: [0, 1, 2].
        assert_eq!(bi, [1.0, 0.25, 0.75, 0.0]);
        assert_eq!(lt_out_weights(&g, false).unwrap(), [0.5, 0.5, 1.0, 0.0]);
    }

    /// Node 2 with in-neighbours 0 and 1 (b = 1/2 each), seed 0: active iff θ <= 1/2.
    #[test]
    fn two_parents_probability_one_half() {
        let g = build(&[0, 1], &[2, 2], None, true, None);
        let n = 20_000;
        let r = linear_threshold(&g, &[0], None, false, &params(n, 3), &Cancel::new()).unwrap();
        let got = r.reached[2] as f64 / n as f64;
        assert!((got - 0.5).abs() < 4.0 * (0.25 / n as f64).sqrt(), "{got}");
        // lt_once with in-aligned weights gives the same distribution (same streams: same bits).
        let inw = lt_in_weights(&g, false).unwrap();
        let r2 = monte_carlo(3, n, 3, &Cancel::new(), |rng, s, t| {
            lt_once(&g, &inw, None, &[0], usize::MAX, rng, s, t)
        })
        .unwrap();
        assert_eq!(r, r2);
        // Both seeds: always.
        let r =
            linear_threshold(&g, &[0, 1], None, false, &params(100, 3), &Cancel::new()).unwrap();
        assert_eq!(r.reached[2], 100);
        // Given thresholds.
        let th = [0.5, 0.5, 0.5];
        let r =
            linear_threshold(&g, &[0], Some(&th), false, &params(10, 3), &Cancel::new()).unwrap();
        assert_eq!(r.spread, vec![2; 10]);
    }

    /// Fractional threshold on a path and a hub.
    #[test]
    fn fractional_threshold_deterministic() {
        //   0 - 1 - 2 - 3, 1 - 3
        let g = build(&[0, 1, 2, 1], &[1, 2, 3, 3], None, false, None);
        let th = [0.5, 0.5, 0.5, 0.5];
        let r = threshold_contagion(&g, &[0], Some(&th), &params(3, 0), &Cancel::new()).unwrap();
        // 1 has 3 neighbours: 1/3 < 1/2, nothing spreads.
        assert_eq!(r.spread, vec![1; 3]);
        let th = [0.5, 0.3, 0.5, 0.5];
        let r = threshold_contagion(&g, &[0], Some(&th), &params(3, 0), &Cancel::new()).unwrap();
        // 1 adopts (1/3 >= 0.3), then 2 (1/2) and 3 (1/2).
        assert_eq!(r.spread, vec![4; 3]);
        assert_eq!(r.curve, vec![1.0, 1.0, 2.0]);
        let bad = [0.5, 1.5, 0.5, 0.5];
        assert!(threshold_contagion(&g, &[0], Some(&bad), &params(3, 0), &Cancel::new()).is_err());
        assert!(
            threshold_contagion(&g, &[0], Some(&th[..2]), &params(3, 0), &Cancel::new()).is_err()
        );
    }

    /// 0 -> 2, 1 -> 2, 2 -> 3, 1 -> 3, 3 -> 3 (loop), seed 0: P(2) = 1/2, P(3) = 1/4 (3 keeps
    /// the arc from 2, which is active), in both forms; the step-1 and step-2 curve too; and
    /// the step limit.
    #[test]
    fn live_edge_form_matches_threshold_form() {
        let g = build(&[0, 1, 2, 1, 3], &[2, 2, 3, 3, 3], None, true, None);
        let n = 40_000;
        let bw = lt_out_weights(&g, false).unwrap();
        let cum = lt_in_cumulative(&g, false).unwrap();
        let c = Cancel::new();
        for steps in [usize::MAX, 1] {
            let fwd = monte_carlo(4, n, 5, &c, |rng, s, t| {
                lt_run(&g, |e, _, _| bw[e], None, &[0], steps, rng, s, t)
            })
            .unwrap();
            let live = monte_carlo(4, n, 5, &c, |rng, s, t| {
                lt_live_edge(&g, &cum, &[0], steps, rng, s, t)
            })
            .unwrap();
            let p3 = if steps == 1 { 0.0 } else { 0.25 };
            for r in [&fwd, &live] {
                let sd = |p: f64| (p * (1.0 - p) / n as f64).sqrt();
                let got = |v: usize| r.reached[v] as f64 / n as f64;
                assert_eq!(r.reached[0], n as u32);
                assert_eq!(r.reached[1], 0);
                assert!((got(2) - 0.5).abs() < 4.0 * sd(0.5), "{}", got(2));
                assert!((got(3) - p3).abs() <= 4.0 * sd(p3), "{}", got(3));
                assert!((r.curve[1] - 0.5).abs() < 4.0 * sd(0.5));
                if steps > 1 {
                    assert!((r.curve[2] - 0.25).abs() < 4.0 * sd(0.25));
                }
            }
        }
        // A cycle without seeds stays inactive: 1 <-> 2, seed 0 isolated.
        let g = build(&[1, 2], &[2, 1], None, true, Some(3));
        let r = linear_threshold(&g, &[0], None, false, &params(20, 1), &c).unwrap();
        assert_eq!(r.reached, [20, 0, 0]);
        let cum = lt_in_cumulative(&g, false).unwrap();
        let r = monte_carlo(3, 20, 1, &c, |rng, s, t| {
            lt_live_edge(&g, &cum, &[0], usize::MAX, rng, s, t)
        })
        .unwrap();
        assert_eq!(r.reached, [20, 0, 0]);
        assert_eq!(r.spread, vec![1; 20]);
    }

    /// A dense graph where the spread is large takes the live-edge form, and stays
    /// thread-independent.
    #[test]
    fn live_edge_chosen_on_dense_graphs() {
        let mut src = Vec::new();
        let mut dst = Vec::new();
        for u in 0..30u32 {
            for v in u + 1..30 {
                src.push(u);
                dst.push(v);
            }
        }
        let g = build(&src, &dst, None, false, None);
        let bw = lt_out_weights(&g, false).unwrap();
        assert!(live_edge_pays(&g, &bw, &[0, 1, 2, 3, 4], usize::MAX, 3));
        let run = |k| {
            in_pool(k, || {
                linear_threshold(
                    &g,
                    &[0, 1, 2, 3, 4],
                    None,
                    false,
                    &params(200, 3),
                    &Cancel::new(),
                )
                .unwrap()
            })
        };
        assert_eq!(run(1), run(2));
        // The same mean spread as the threshold form (4 standard errors).
        let n = 4000;
        let live = linear_threshold(
            &g,
            &[0, 1, 2, 3, 4],
            None,
            false,
            &params(n, 9),
            &Cancel::new(),
        )
        .unwrap();
        let fwd = monte_carlo(30, n, 9, &Cancel::new(), |rng, s, t| {
            lt_run(
                &g,
                |e, _, _| bw[e],
                None,
                &[0, 1, 2, 3, 4],
                usize::MAX,
                rng,
                s,
                t,
            )
        })
        .unwrap();
        let var = |r: &DiffusionResult| {
            let m = r.mean_spread();
            r.spread
                .iter()
                .map(|&x| (x as f64 - m).powi(2))
                .sum::<f64>()
                / (n - 1) as f64
        };
        let se = ((var(&live) + var(&fwd)) / n as f64).sqrt();
        assert!(
            (live.mean_spread() - fwd.mean_spread()).abs() < 4.0 * se,
            "{} {}",
            live.mean_spread(),
            fwd.mean_spread()
        );
    }

    #[test]
    fn thread_independence() {
        let g = build(&[0, 1, 2, 0, 3, 4], &[1, 2, 3, 3, 4, 0], None, false, None);
        let run = |k| {
            in_pool(k, || {
                linear_threshold(&g, &[0], None, false, &params(97, 11), &Cancel::new()).unwrap()
            })
        };
        assert_eq!(run(1), run(3));
    }
}
