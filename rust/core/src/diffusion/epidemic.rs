//! Discrete-time SIR and SIS epidemics.
//!
//! Seeds are infected at step 0. At each step, first every infected node infects each of its
//! susceptible out-neighbours with probability `beta` (independently per pair, so a
//! susceptible node with `k` infected in-neighbours is infected with probability
//! `1 - (1 - beta)^k`); nodes infected in this step become infectious at the next one. Then
//! every node that was infected at the start of the step recovers with probability `gamma`:
//! in SIR it is removed for good, in SIS it becomes susceptible again (from the next step on).
//! With `gamma = 1` SIR is the Reed–Frost chain-binomial model.
//!
//! Results: `spread` counts the nodes ever infected (seeds included) and `reached` the
//! simulations in which each node was ever infected. `curve` is, for SIR, the mean number newly
//! infected at each step; for SIS, the mean number infected (the prevalence) at each step.
//!
//! # References
//! * W. O. Kermack and A. G. McKendrick, "A contribution to the mathematical theory of
//!   epidemics", Proc. R. Soc. A 115, 1927.
//! * H. Abbey, "An examination of the Reed–Frost theory of epidemics", Hum. Biol. 24, 1952.

use super::cascade::SimParams;
use super::{check_probability, check_seeds, monte_carlo_from, DiffusionResult, SimScratch, Trace};
use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::{Error, Result};
use crate::rng::{Geometric, Rng};

/// Infection of the susceptible out-neighbours of `u` with geometric skips; `hit(v)` decides
/// whether `v` is susceptible (and marks it infected when it is).
#[inline(always)]
fn infect_row(row: &[u32], geo: &Geometric, rng: &mut Rng, mut hit: impl FnMut(u32)) {
    let len = row.len() as u64;
    let mut i = geo.skip(rng);
    while i < len {
        hit(row[i as usize]);
        i = i.saturating_add(1).saturating_add(geo.skip(rng));
    }
}

fn check_rates(beta: f64, gamma: f64) -> Result<()> {
    check_probability("beta", beta)?;
    check_probability("gamma", gamma)
}

/// The step loop of both epidemics, from the frontier `s.start` left: each step hands the
/// nodes infected at its start and an empty `next` to `step(infected, next, s, t, step)`,
/// which fills `next` with the nodes infected at the next step.
#[inline(always)]
fn run_steps<F: FnMut(&[u32], &mut Vec<u32>, &mut SimScratch, &mut Trace, usize)>(
    max_steps: usize,
    cancel: &Cancel,
    s: &mut SimScratch,
    t: &mut Trace,
    mut step_fn: F,
) {
    let mut step = 0usize;
    while !s.frontier.is_empty() && step < max_steps {
        // A long epidemic stops at Ctrl-C (the driver then reports the interruption).
        if step % 64 == 63 && cancel.is_cancelled() {
            break;
        }
        step += 1;
        let mut infected = std::mem::take(&mut s.frontier);
        let mut next = std::mem::take(&mut s.next);
        next.clear();
        step_fn(&infected, &mut next, s, t, step);
        infected.clear();
        s.frontier = next;
        s.next = infected;
    }
}

/// One SIR run.
#[allow(clippy::too_many_arguments)]
fn sir_once(
    g: &Csr,
    geo: &Geometric,
    gamma: f64,
    seeds: &[u32],
    max_steps: usize,
    cancel: &Cancel,
    rng: &mut Rng,
    s: &mut SimScratch,
    t: &mut Trace,
) {
    let out = g.out_adj();
    s.start(seeds, t);
    run_steps(max_steps, cancel, s, t, |infected, next, s, t, step| {
        let before = t.reached.len();
        for &u in infected {
            infect_row(out.neighbors(u as usize), geo, rng, |v| {
                if s.visit(v) {
                    t.reached.push(v);
                }
            });
        }
        let new = t.reached.len() - before;
        next.extend_from_slice(&t.reached[before..]);
        for &u in infected {
            if rng.next_f64() >= gamma {
                next.push(u);
            }
        }
        if new > 0 {
            // Steps with no new infection in between count 0.
            t.per_step.resize(step, 0);
            t.per_step.push(new as u32);
        }
    });
}

/// One SIS run: `s.u32s[v]` is 1 while `v` is infected.
#[allow(clippy::too_many_arguments)]
fn sis_once(
    g: &Csr,
    geo: &Geometric,
    gamma: f64,
    seeds: &[u32],
    max_steps: usize,
    cancel: &Cancel,
    rng: &mut Rng,
    s: &mut SimScratch,
    t: &mut Trace,
) {
    let n = g.num_nodes();
    if s.u32s.len() != n {
        s.u32s.clear();
        s.u32s.resize(n, 0);
    }
    let out = g.out_adj();
    s.start(seeds, t);
    for &v in &s.frontier {
        s.u32s[v as usize] = 1;
    }
    run_steps(max_steps, cancel, s, t, |infected, next, s, t, _| {
        {
            let state = &mut s.u32s;
            for &u in infected {
                infect_row(out.neighbors(u as usize), geo, rng, |v| {
                    if state[v as usize] == 0 {
                        state[v as usize] = 1;
                        next.push(v);
                    }
                });
            }
        }
        for &v in next.iter() {
            if s.visit(v) {
                t.reached.push(v);
            }
        }
        for &u in infected {
            if rng.next_f64() < gamma {
                s.u32s[u as usize] = 0;
            } else {
                next.push(u);
            }
        }
        t.per_step.push(next.len() as u32);
    });
    for &v in &s.frontier {
        s.u32s[v as usize] = 0;
    }
}

/// Monte-Carlo discrete-time SIR from `seeds` (ids; duplicates ignored); see the module docs
/// for the update rule and the result.
///
/// # Errors
/// [`Error::InvalidParameter`] (`beta` or `gamma` outside `[0, 1]` or NaN, `n_sims` of 0,
/// `gamma = 0` without `max_steps`: the epidemic would never end), [`Error::NodeOutOfRange`]
/// (seeds), [`Error::Interrupted`].
///
/// # Complexity
/// O(n_sims · Σ over infected node-steps of (1 + beta · degree)) with geometric skips.
pub fn sir(
    g: &Csr,
    seeds: &[u32],
    beta: f64,
    gamma: f64,
    sim: &SimParams,
    cancel: &Cancel,
) -> Result<DiffusionResult> {
    check_rates(beta, gamma)?;
    if gamma == 0.0 && sim.max_steps.is_none() {
        return Err(Error::param(
            "max_steps",
            "gamma = 0 means no one recovers and the epidemic never ends: give max_steps",
        ));
    }
    let seeds = check_seeds(g, seeds)?;
    let geo = Geometric::new(beta);
    let steps = sim.steps();
    monte_carlo_from(
        g.num_nodes(),
        sim.n_sims,
        sim.seed,
        sim.first_sim,
        cancel,
        |rng, s, t| sir_once(g, &geo, gamma, &seeds, steps, cancel, rng, s, t),
    )
}

/// Monte-Carlo discrete-time SIS from `seeds` (ids; duplicates ignored) for `sim.max_steps`
/// steps (required) or until no node is infected; see the module docs.
///
/// # Errors
/// As [`sir`], `max_steps` being required.
pub fn sis(
    g: &Csr,
    seeds: &[u32],
    beta: f64,
    gamma: f64,
    sim: &SimParams,
    cancel: &Cancel,
) -> Result<DiffusionResult> {
    check_rates(beta, gamma)?;
    let Some(steps) = sim.max_steps else {
        return Err(Error::param(
            "max_steps",
            "SIS may never end: give the number of steps",
        ));
    };
    let seeds = check_seeds(g, seeds)?;
    let geo = Geometric::new(beta);
    monte_carlo_from(
        g.num_nodes(),
        sim.n_sims,
        sim.seed,
        sim.first_sim,
        cancel,
        |rng, s, t| sis_once(g, &geo, gamma, &seeds, steps, cancel, rng, s, t),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool};

    fn params(n_sims: usize, seed: u64, max_steps: Option<usize>) -> SimParams {
        SimParams {
            n_sims,
            max_steps,
            seed,
            first_sim: 0,
        }
    }

    /// Reed–Frost with 2 susceptibles and 1 infective (beta = 0.5, gamma = 1):
    /// P(final size 1) = 1/4, P(2) = 2 · 1/2 · 1/2 · 1/2 = 1/4, P(3) = 1/2.
    #[test]
    fn sir_triangle_reed_frost() {
        let g = build(&[0, 1, 0], &[1, 2, 2], None, false, None);
        let n = 40_000;
        let r = sir(&g, &[0], 0.5, 1.0, &params(n, 2, None), &Cancel::new()).unwrap();
        let mut hist = [0usize; 4];
        for &x in &r.spread {
            hist[x as usize] += 1;
        }
        for (k, want) in [(1, 0.25), (2, 0.25), (3, 0.5)] {
            let got = hist[k] as f64 / n as f64;
            let sd = (want * (1.0 - want) / n as f64).sqrt();
            assert!((got - want).abs() < 4.0 * sd, "size {k}: {got}");
        }
    }

    #[test]
    fn sis_and_errors() {
        let g = build(&[0, 1, 2], &[1, 2, 0], None, false, None);
        let c = Cancel::new();
        // beta = 1, gamma = 0: everyone infected after one step, for ever.
        let r = sis(&g, &[0], 1.0, 0.0, &params(4, 0, Some(5)), &c).unwrap();
        assert_eq!(r.curve, vec![1.0, 3.0, 3.0, 3.0, 3.0, 3.0]);
        assert_eq!(r.spread, vec![3; 4]);
        // gamma = 1, beta = 0: the seed recovers at once.
        let r = sis(&g, &[0], 0.0, 1.0, &params(4, 0, Some(5)), &c).unwrap();
        assert_eq!(r.curve, vec![1.0, 0.0]);
        assert!(sis(&g, &[0], 0.5, 0.5, &params(4, 0, None), &c).is_err());
        assert!(sir(&g, &[0], 0.5, 0.0, &params(4, 0, None), &c).is_err());
        assert!(sir(&g, &[0], 1.5, 0.5, &params(4, 0, None), &c).is_err());
        assert!(sir(&g, &[0], 0.5, f64::NAN, &params(4, 0, None), &c).is_err());
        assert!(sir(&g, &[7], 0.5, 0.5, &params(4, 0, None), &c).is_err());
        let run = |k| {
            in_pool(k, || {
                (
                    sir(&g, &[0], 0.4, 0.3, &params(50, 1, None), &Cancel::new()).unwrap(),
                    sis(&g, &[0], 0.4, 0.3, &params(50, 1, Some(20)), &Cancel::new()).unwrap(),
                )
            })
        };
        assert_eq!(run(1), run(2));
        // A cancelled token interrupts even an endless epidemic.
        let cancel = Cancel::new();
        let r = std::thread::scope(|sc| {
            sc.spawn(|| {
                std::thread::sleep(std::time::Duration::from_millis(50));
                cancel.cancel();
            });
            sis(&g, &[0], 1.0, 0.0, &params(1, 0, Some(usize::MAX)), &cancel)
        });
        assert_eq!(r, Err(Error::Interrupted));
    }
}
