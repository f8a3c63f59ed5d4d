//! The LFR benchmark graph (Lancichinetti, Fortunato & Radicchi): a graph with a power-law
//! degree sequence and power-law community sizes in which every node has a fraction `mu` of its
//! edges outside its own community. Re-exported as [`crate::generators::lfr`].
//!
//! # Construction
//!
//! 1. Degrees: i.i.d. draws from the discrete power law P(k) ∝ k^-`tau1` on
//!    [`min_degree`, `max_degree`] (networkx's truncated Zipf). When `average_degree` is given
//!    instead of `min_degree`, the lower cut-off is solved exactly: the integer k with
//!    mean(k) <= `average_degree` < mean(k + 1) is found, and the weight of k itself is
//!    lowered so that the expected degree is `average_degree` (a power law with a fractional
//!    lower cut-off). One degree is redrawn until the sum of degrees is even.
//! 2. Internal degree round((1 - mu) k) (ties to even, as Python's `round`), external the rest.
//! 3. Community sizes: power law P(s) ∝ s^-`tau2` on [`min_community`, `max_community`] drawn
//!    until they cover n; the overshoot is taken off the last community (or spread over the
//!    others when that would make it too small). Redrawn (at most `max_iters` times) until
//!    every node's internal degree fits a community (Hall's condition on the internal degrees
//!    and sizes: no assignment exists otherwise).
//! 4. Assignment: nodes in decreasing order of internal degree each take a uniformly random
//!    free seat among the communities large enough for them (size - 1 >= internal degree);
//!    under Hall's condition this never gets stuck.
//! 5. Internal edges: a configuration model inside every community (in parallel, one random
//!    stream per community), external edges: a configuration model over all external stubs.
//!    Self-loops, multi-edges and (for external edges) same-community pairs are then removed by
//!    degree-preserving double-edge swaps with random good edges. The few bad edges no swap can
//!    repair (in nearly complete communities) are dropped, so a node can end slightly below its
//!    drawn degree, never above it.
//!
//! Every step draws from [`Rng::stream`]`(seed, phase | task)` with a fixed task split, so the
//! graph is a function of the seed alone, not of the thread count.
//!
//! # References
//! * A. Lancichinetti, S. Fortunato and F. Radicchi, "Benchmark graphs for testing community
//!   detection algorithms", Phys. Rev. E 78, 046110, 2008.
//! * networkx 3.6.1 `LFR_benchmark_graph` (parameter names, defaults and validation).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::{BuildOptions, Csr, Duplicates, MAX_NODES};
use crate::error::{Error, Result};
use crate::rng::Rng;

/// Parameters of [`lfr`], with networkx's names. Exactly one of `average_degree` and
/// `min_degree` must be given.
#[derive(Debug, Clone, PartialEq)]
pub struct LfrParams {
    /// Number of nodes.
    pub n: u64,
    /// Exponent of the degree distribution, > 1.
    pub tau1: f64,
    /// Exponent of the community size distribution, > 1.
    pub tau2: f64,
    /// Fraction of each node's edges that leave its community, in [0, 1].
    pub mu: f64,
    /// Desired average degree.
    pub average_degree: Option<f64>,
    /// Smallest degree.
    pub min_degree: Option<u64>,
    /// Largest degree, in (0, n]; `None` is n.
    pub max_degree: Option<u64>,
    /// Smallest community; `None` is the smallest drawn degree.
    pub min_community: Option<u64>,
    /// Largest community; `None` is the largest drawn degree.
    pub max_community: Option<u64>,
    /// Tolerance on the average degree (networkx's; must be > 0 when `average_degree` is given).
    pub tol: f64,
    /// Number of attempts at the community sizes (and at an even degree sum), >= 1.
    pub max_iters: u64,
    /// Seed of every random stream.
    pub seed: u64,
}

impl LfrParams {
    /// The parameters of networkx's documented example (n = 250, tau1 = 3, tau2 = 1.5,
    /// mu = 0.1, average_degree = 5, min_community = 20) with the given seed.
    pub fn example(seed: u64) -> Self {
        LfrParams {
            n: 250,
            tau1: 3.0,
            tau2: 1.5,
            mu: 0.1,
            average_degree: Some(5.0),
            min_degree: None,
            max_degree: None,
            min_community: Some(20),
            max_community: None,
            tol: 1e-7,
            max_iters: 500,
            seed,
        }
    }
}

// ---- streams ---------------------------------------------------------------------------------
const PHASE_SHIFT: u32 = 56;
const PHASE_DEGREE: u64 = 1 << PHASE_SHIFT;
const PHASE_PARITY: u64 = 2 << PHASE_SHIFT;
const PHASE_SIZES: u64 = 3 << PHASE_SHIFT;
const PHASE_ASSIGN: u64 = 4 << PHASE_SHIFT;
const PHASE_FIX: u64 = 5 << PHASE_SHIFT;
const PHASE_INTERNAL: u64 = 6 << PHASE_SHIFT;
const PHASE_EXTERNAL: u64 = 7 << PHASE_SHIFT;

/// Nodes whose degrees one task draws (a fixed split: the draws do not depend on threads).
const DEGREE_CHUNK: usize = 1 << 14;
/// Random partners tried for one bad edge before it is given up.
const SWAP_TRIES: usize = 256;
/// Redraws of one degree to make the degree sum even.
const PARITY_TRIES: usize = 10_000;

// ---- a fast hash set of undirected edges -----------------------------------------------------

/// Hasher of one `u64` edge key: SplitMix64's finaliser (all bits mixed, so hashbrown's bucket
/// and tag bits are both good).
#[derive(Default)]
struct EdgeHasher(u64);

impl Hasher for EdgeHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 ^= x;
    }
    #[inline]
    fn finish(&self) -> u64 {
        let mut z = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

type EdgeSet = HashSet<u64, BuildHasherDefault<EdgeHasher>>;

#[inline]
fn key(u: u32, v: u32) -> u64 {
    let (a, b) = if u < v { (u, v) } else { (v, u) };
    ((a as u64) << 32) | b as u64
}

// ---- power-law sampling ----------------------------------------------------------------------

/// Walker/Vose alias table of a distribution on `lo..lo + len`.
struct Alias {
    lo: u64,
    prob: Vec<f64>,
    alias: Vec<u32>,
}

impl Alias {
    /// From non-negative weights (not all zero) of `lo, lo + 1, ...`.
    fn new(lo: u64, w: &[f64]) -> Self {
        let len = w.len();
        let total: f64 = w.iter().sum();
        let mut prob: Vec<f64> = w.iter().map(|&x| x * len as f64 / total).collect();
        let mut alias: Vec<u32> = (0..len as u32).collect();
        let mut small: Vec<u32> = Vec::new();
        let mut large: Vec<u32> = Vec::new();
        for (i, &p) in prob.iter().enumerate() {
            if p < 1.0 {
                small.push(i as u32);
            } else {
                large.push(i as u32);
            }
        }
        while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
            small.pop();
            alias[s as usize] = l;
            prob[l as usize] -= 1.0 - prob[s as usize];
            if prob[l as usize] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        // Left-overs are 1 up to rounding.
        for i in small.into_iter().chain(large) {
            prob[i as usize] = 1.0;
        }
        Alias { lo, prob, alias }
    }

    #[inline]
    fn sample(&self, rng: &mut Rng) -> u64 {
        let i = rng.below(self.prob.len() as u64) as usize;
        let j = if rng.next_f64() < self.prob[i] {
            i
        } else {
            self.alias[i] as usize
        };
        self.lo + j as u64
    }
}

/// Power-law weights x^-tau for x in lo..=hi.
fn powerlaw_weights(tau: f64, lo: u64, hi: u64) -> Vec<f64> {
    (lo..=hi).map(|x| (x as f64).powf(-tau)).collect()
}

/// sum_{x=a}^{m} x^-p for integers 1 <= a <= m and any real p: direct summation of the first
/// terms, then Euler–Maclaurin (three Bernoulli corrections; relative error below 1e-14).
fn power_sum(p: f64, a: u64, m: u64) -> f64 {
    const DIRECT: u64 = 64;
    if a > m {
        return 0.0;
    }
    let end = m.min(a + DIRECT);
    let mut s: f64 = (a..=end).map(|x| (x as f64).powf(-p)).sum();
    if end == m {
        return s;
    }
    // Euler–Maclaurin on [A, M] with A = end + 1, M = m.
    let (aa, mm) = ((end + 1) as f64, m as f64);
    let f = |x: f64| x.powf(-p);
    let integral = if p == 1.0 {
        (mm / aa).ln()
    } else {
        mm.powf(1.0 - p) * ((1.0 - p) * (aa / mm).ln()).exp_m1() / (p - 1.0)
    };
    // Odd derivatives of x^-p: f'(x) = -p x^{-p-1}, f'''(x) = -p(p+1)(p+2) x^{-p-3}, ...
    let d1 = |x: f64| -p * x.powf(-p - 1.0);
    let d3 = |x: f64| -p * (p + 1.0) * (p + 2.0) * x.powf(-p - 3.0);
    let d5 = |x: f64| -p * (p + 1.0) * (p + 2.0) * (p + 3.0) * (p + 4.0) * x.powf(-p - 5.0);
    s += integral + 0.5 * (f(aa) + f(mm)) + (d1(mm) - d1(aa)) / 12.0 - (d3(mm) - d3(aa)) / 720.0
        + (d5(mm) - d5(aa)) / 30240.0;
    s
}

/// Mean of P(x) ∝ x^-tau on k..=m.
fn powerlaw_mean(tau: f64, k: u64, m: u64) -> f64 {
    power_sum(tau - 1.0, k, m) / power_sum(tau, k, m)
}

/// The degree distribution for `average_degree`: the integer cut-off k and the weight w in
/// (0, 1] of k itself, so that the mean of P(x) ∝ x^-tau on k..=m, with k's weight scaled by
/// w, is `avg`.
fn solve_min_degree(tau: f64, avg: f64, m: u64) -> Result<(u64, f64)> {
    let lowest = powerlaw_mean(tau, 1, m);
    if !(avg.is_finite() && avg >= lowest - 1e-12 * lowest && avg <= m as f64) {
        return Err(Error::param(
            "average_degree",
            format!(
                "must be between {lowest:.6} (the mean degree of a power law with exponent \
                 tau1 = {tau} on [1, max_degree]) and max_degree = {m}, got {avg}"
            ),
        ));
    }
    if avg >= m as f64 {
        return Ok((m, 1.0));
    }
    // mean(k) is increasing in k: the largest k with mean(k) <= avg.
    let (mut lo, mut hi) = (1u64, m); // mean(lo) <= avg < mean(hi)
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if powerlaw_mean(tau, mid, m) <= avg {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let k = lo;
    let (s0, s1) = (power_sum(tau, k + 1, m), power_sum(tau - 1.0, k + 1, m));
    let (a0, a1) = ((k as f64).powf(-tau), (k as f64).powf(1.0 - tau));
    // (w a1 + s1) / (w a0 + s0) = avg.
    let w = ((s1 - avg * s0) / (avg * a0 - a1)).clamp(0.0, 1.0);
    if w <= 0.0 {
        return Ok((k + 1, 1.0));
    }
    Ok((k, w))
}

// ---- validation ------------------------------------------------------------------------------

fn check_params(p: &LfrParams) -> Result<()> {
    if !(p.tau1.is_finite() && p.tau1 > 1.0) {
        return Err(Error::param(
            "tau1",
            format!("must be a finite number greater than one, got {}", p.tau1),
        ));
    }
    if !(p.tau2.is_finite() && p.tau2 > 1.0) {
        return Err(Error::param(
            "tau2",
            format!("must be a finite number greater than one, got {}", p.tau2),
        ));
    }
    if !(0.0..=1.0).contains(&p.mu) {
        return Err(Error::param(
            "mu",
            format!("must be in the interval [0, 1], got {}", p.mu),
        ));
    }
    if p.n == 0 {
        return Err(Error::param("n", "must be at least 1"));
    }
    if p.n > MAX_NODES {
        return Err(Error::TooLarge {
            message: format!(
                "n = {} nodes; at most {MAX_NODES} are supported (u32 node ids)",
                p.n
            ),
        });
    }
    if let Some(d) = p.max_degree {
        if d == 0 || d > p.n {
            return Err(Error::param(
                "max_degree",
                format!("must be in the interval (0, n] = (0, {}], got {d}", p.n),
            ));
        }
    }
    if p.min_degree.is_some() == p.average_degree.is_some() {
        return Err(Error::param(
            "min_degree, average_degree",
            "must assign exactly one of min_degree and average_degree",
        ));
    }
    let max_degree = p.max_degree.unwrap_or(p.n);
    if let Some(d) = p.min_degree {
        if d == 0 || d > max_degree {
            return Err(Error::param(
                "min_degree",
                format!("must be in [1, max_degree] = [1, {max_degree}], got {d}"),
            ));
        }
    }
    if p.average_degree.is_some() && (p.tol.is_nan() || p.tol <= 0.0) {
        return Err(Error::param(
            "tol",
            format!("must be positive, got {}", p.tol),
        ));
    }
    if p.max_iters == 0 {
        return Err(Error::param("max_iters", "must be at least 1"));
    }
    if p.min_community == Some(0) {
        return Err(Error::param("min_community", "must be at least 1"));
    }
    if p.max_community == Some(0) {
        return Err(Error::param("max_community", "must be at least 1"));
    }
    if let (Some(lo), Some(hi)) = (p.min_community, p.max_community) {
        if lo > hi {
            return Err(Error::param(
                "min_community",
                format!("must be at most max_community = {hi}, got {lo}"),
            ));
        }
    }
    if let Some(lo) = p.min_community {
        if lo > p.n {
            return Err(Error::param(
                "min_community",
                format!(
                    "must be at most n = {} (the community sizes sum to n), got {lo}",
                    p.n
                ),
            ));
        }
    }
    Ok(())
}

// ---- the generator ---------------------------------------------------------------------------

/// Draws the degree sequence (in parallel, fixed chunks) with an even sum.
fn degree_sequence(
    n: usize,
    tau: f64,
    k: u64,
    w: f64,
    m: u64,
    p: &LfrParams,
    cancel: &Cancel,
) -> Result<Vec<u32>> {
    let mut weights = powerlaw_weights(tau, k, m);
    weights[0] *= w;
    let table = Alias::new(k, &weights);
    drop(weights);
    let mut deg = vec![0u32; n];
    deg.par_chunks_mut(DEGREE_CHUNK)
        .enumerate()
        .try_for_each(|(c, chunk)| {
            cancel.check()?;
            let mut rng = Rng::stream(p.seed, PHASE_DEGREE | c as u64);
            for d in chunk {
                *d = table.sample(&mut rng) as u32;
            }
            Ok::<(), Error>(())
        })?;
    let odd = deg.par_iter().map(|&d| (d & 1) as u64).sum::<u64>() & 1 == 1;
    if odd {
        let mut rng = Rng::stream(p.seed, PHASE_PARITY);
        let tries = (p.max_iters as usize).saturating_mul(PARITY_TRIES);
        let mut fixed = false;
        for _ in 0..tries {
            let i = rng.below(n as u64) as usize;
            let d = table.sample(&mut rng) as u32;
            if (d ^ deg[i]) & 1 == 1 {
                deg[i] = d;
                fixed = true;
                break;
            }
        }
        if !fixed {
            return Err(Error::param(
                "min_degree",
                format!(
                    "no degree sequence with an even sum: every degree in [{k}, {m}] drawn \
                     with these parameters has the same parity and n = {n} is odd"
                ),
            ));
        }
    }
    Ok(deg)
}

/// Whether the internal degrees (histogram `kin_hist`, index = internal degree) can be placed
/// in communities of the given sizes: for every t, #nodes with internal degree >= t is at most
/// the number of seats in communities of size > t (Hall's condition for this assignment).
fn fits(kin_hist: &[u64], sizes: &[u64]) -> bool {
    let tmax = kin_hist.len();
    // seats_gt[t] = sum of sizes s with s > t, for t < tmax.
    let mut seats = vec![0u64; tmax + 1];
    for &s in sizes {
        let t = (s as usize).min(tmax); // s > t for t < s
        seats[t] += s;
    }
    // suffix sums: seats_gt[t] = sum over s with min(s, tmax) > t.
    let mut acc = 0u64;
    let mut need = 0u64;
    for t in (0..tmax).rev() {
        acc += seats[t + 1];
        need += kin_hist[t];
        if need > acc {
            return false;
        }
    }
    true
}

/// Draws community sizes in [lo, hi] summing to n until the internal degrees fit.
fn community_sizes(
    n: u64,
    tau: f64,
    lo: u64,
    hi: u64,
    kin_hist: &[u64],
    p: &LfrParams,
    cancel: &Cancel,
) -> Result<Vec<u64>> {
    let table = Alias::new(lo, &powerlaw_weights(tau, lo, hi));
    let mut rng = Rng::stream(p.seed, PHASE_SIZES);
    for _ in 0..p.max_iters {
        cancel.check()?;
        let mut sizes: Vec<u64> = Vec::new();
        let mut sum = 0u64;
        while sum < n {
            let s = table.sample(&mut rng);
            sizes.push(s);
            sum += s;
        }
        let excess = sum - n;
        if excess > 0 {
            let last = sizes.len() - 1;
            if sizes[last] - excess >= lo {
                sizes[last] -= excess;
            } else {
                // Drop the last community and spread its remaining seats over the others.
                let mut deficit = sizes.pop().unwrap_or(0) - excess;
                let room: u64 = sizes.iter().map(|&s| hi - s).sum();
                if room < deficit || sizes.is_empty() {
                    continue;
                }
                while deficit > 0 {
                    let c = rng.below(sizes.len() as u64) as usize;
                    if sizes[c] < hi {
                        sizes[c] += 1;
                        deficit -= 1;
                    }
                }
            }
        }
        if fits(kin_hist, &sizes) {
            return Ok(sizes);
        }
    }
    Err(Error::param(
        "max_community",
        format!(
            "could not draw community sizes in [{lo}, {hi}] that hold every node's internal \
             degree round((1 - mu) * degree) (largest {}) within max_iters = {} attempts; \
             increase min_community or max_community, or lower max_degree",
            kin_hist.len().saturating_sub(1),
            p.max_iters
        ),
    ))
}

/// Assigns every node a community so that its internal degree is at most size - 1: nodes by
/// decreasing internal degree each take a uniformly random free seat among the communities
/// that are large enough. Returns the community of every node.
fn assign(kin: &[u32], sizes: &[u64], seed: u64, cancel: &Cancel) -> Result<Vec<u32>> {
    let n = kin.len();
    // Communities by decreasing size; their seats in that order.
    let mut order: Vec<u32> = (0..sizes.len() as u32).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(sizes[c as usize]));
    let mut seats: Vec<u32> = Vec::with_capacity(n);
    for &c in &order {
        seats.extend(std::iter::repeat_n(c, sizes[c as usize] as usize));
    }
    // Nodes by decreasing internal degree (counting sort, stable).
    let kmax = kin.iter().copied().max().unwrap_or(0) as usize;
    let mut start = vec![0usize; kmax + 2];
    for &k in kin {
        start[kmax - k as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut nodes = vec![0u32; n];
    for (u, &k) in kin.iter().enumerate() {
        let slot = &mut start[kmax - k as usize];
        nodes[*slot] = u as u32;
        *slot += 1;
    }
    let mut comm = vec![0u32; n];
    let mut rng = Rng::stream(seed, PHASE_ASSIGN);
    let (mut eligible, mut next) = (0usize, 0usize); // seats of communities in order[..next]
    for (taken, &u) in nodes.iter().enumerate() {
        if taken % (1 << 16) == 0 {
            cancel.check()?;
        }
        let k = kin[u as usize] as u64;
        while next < order.len() && sizes[order[next] as usize] > k {
            eligible += sizes[order[next] as usize] as usize;
            next += 1;
        }
        if eligible <= taken {
            return Err(Error::graph("LFR: community assignment failed (a bug)"));
        }
        let j = taken + rng.below((eligible - taken) as u64) as usize;
        seats.swap(taken, j);
        comm[u as usize] = seats[taken];
    }
    Ok(comm)
}

/// Configuration model on `stubs` (shuffled and paired), written into `src`/`dst`, then
/// repaired by double-edge swaps: an edge is bad when `bad_pair(u, v)` or it repeats an
/// earlier edge; a swap of bad (a, b) with a good (c, d) into (a, c), (b, d) is taken when
/// neither new edge is bad or present. Returns the number of edges still bad (moved to the end
/// of the slices).
fn wire(
    stubs: &mut [u32],
    src: &mut [u32],
    dst: &mut [u32],
    rng: &mut Rng,
    bad_pair: impl Fn(u32, u32) -> bool,
    cancel: &Cancel,
) -> Result<usize> {
    // Fisher–Yates as `Rng::shuffle`, polling the cancel token on long stub lists.
    for i in (1..stubs.len()).rev() {
        if i % (1 << 20) == 0 {
            cancel.check()?;
        }
        let j = rng.below(i as u64 + 1) as usize;
        stubs.swap(i, j);
    }
    let m = stubs.len() / 2;
    debug_assert_eq!(src.len(), m);
    let mut set = EdgeSet::with_capacity_and_hasher(m, Default::default());
    let mut bad: Vec<usize> = Vec::new();
    for i in 0..m {
        let (u, v) = (stubs[2 * i], stubs[2 * i + 1]);
        src[i] = u;
        dst[i] = v;
        if bad_pair(u, v) || !set.insert(key(u, v)) {
            bad.push(i);
        }
    }
    if bad.is_empty() {
        return Ok(0);
    }
    let mut is_bad = vec![false; m];
    for &i in &bad {
        is_bad[i] = true;
    }
    let mut left = 0usize;
    for (step, &i) in bad.iter().enumerate() {
        if step % 1024 == 0 {
            cancel.check()?;
        }
        let (a, b) = (src[i], dst[i]);
        let mut done = false;
        for _ in 0..SWAP_TRIES {
            let j = rng.below(m as u64) as usize;
            if is_bad[j] {
                continue;
            }
            let (c, d) = if rng.next_u64() & 1 == 0 {
                (src[j], dst[j])
            } else {
                (dst[j], src[j])
            };
            if bad_pair(a, c) || bad_pair(b, d) {
                continue;
            }
            let (k1, k2) = (key(a, c), key(b, d));
            if k1 == k2 || set.contains(&k1) || set.contains(&k2) {
                continue;
            }
            set.remove(&key(c, d));
            set.insert(k1);
            set.insert(k2);
            (src[j], dst[j]) = (a, c);
            (src[i], dst[i]) = (b, d);
            is_bad[i] = false;
            done = true;
            break;
        }
        if !done {
            left += 1;
        }
    }
    // Move the edges left bad to the end (stable for the good ones).
    if left > 0 {
        let mut w = 0usize;
        let mut tail: Vec<(u32, u32)> = Vec::with_capacity(left);
        for i in 0..m {
            if is_bad[i] {
                tail.push((src[i], dst[i]));
            } else {
                src[w] = src[i];
                dst[w] = dst[i];
                w += 1;
            }
        }
        for (t, (u, v)) in tail.into_iter().enumerate() {
            src[w + t] = u;
            dst[w + t] = v;
        }
    }
    Ok(left)
}

/// The LFR benchmark graph and the planted community of every node.
///
/// See the [module documentation](self) for the construction.
///
/// # Arguments
/// * `p` – the parameters (networkx's names and defaults, see [`LfrParams`]).
/// * `cancel` – checked once per chunk of nodes, per community and per block of repairs.
///
/// # Returns
/// The simple undirected graph on `n` nodes and the community of each node (ids `0..k`).
///
/// # Errors
/// [`Error::InvalidParameter`] for the conditions under which networkx's
/// `LFR_benchmark_graph` raises (`tau1`/`tau2` <= 1, `mu` outside [0, 1], `max_degree` outside
/// (0, n], not exactly one of `min_degree`/`average_degree`, a zero `min_degree` or
/// `min_community`, an average degree that no cut-off reaches, community sizes that cannot
/// hold the internal degrees within `max_iters` attempts) and those where networkx loops
/// forever (`min_degree > max_degree`, `min_community > max_community`);
/// [`Error::TooLarge`]; [`Error::Interrupted`].
///
/// # Complexity
/// O(n + m) expected work plus O(max_degree + max_community) for the samplers; the
/// configuration model per community runs in parallel. Memory: the edge list (8 bytes per
/// edge), the per-community edge sets and the CSR.
///
/// # References
/// A. Lancichinetti, S. Fortunato and F. Radicchi, Phys. Rev. E 78, 046110, 2008.
///
/// # Example
/// ```
/// use impactgraph_core::{generators::{lfr, LfrParams}, Cancel};
/// let (g, comm) = lfr(&LfrParams::example(10), &Cancel::new()).unwrap();
/// assert_eq!(g.num_nodes(), 250);
/// assert_eq!(comm.len(), 250);
/// assert_eq!(g.num_self_loops(), 0);
/// ```
pub fn lfr(p: &LfrParams, cancel: &Cancel) -> Result<(Csr, Vec<u32>)> {
    check_params(p)?;
    let n = p.n as usize;
    let max_degree = p.max_degree.unwrap_or(p.n);
    let (kmin, w) = match (p.min_degree, p.average_degree) {
        (Some(d), _) => (d, 1.0),
        (None, Some(avg)) => solve_min_degree(p.tau1, avg, max_degree)?,
        (None, None) => unreachable!("checked"),
    };
    cancel.check()?;
    let mut deg = degree_sequence(n, p.tau1, kmin, w, max_degree, p, cancel)?;
    let (dmin, dmax) = deg
        .par_iter()
        .fold(|| (u32::MAX, 0u32), |(a, b), &d| (a.min(d), b.max(d)))
        .reduce(|| (u32::MAX, 0u32), |(a, b), (c, d)| (a.min(c), b.max(d)));
    let cmin = p.min_community.unwrap_or(dmin as u64);
    let cmax = p.max_community.unwrap_or(dmax as u64);
    if cmin > cmax {
        return Err(Error::param(
            "min_community",
            format!("must be at most max_community = {cmax}, got {cmin}"),
        ));
    }
    if cmin > p.n {
        return Err(Error::param(
            "min_community",
            format!(
                "must be at most n = {} (the community sizes sum to n), got {cmin}",
                p.n
            ),
        ));
    }
    let cmax = cmax.min(p.n);
    let mu = p.mu;
    let mut kin: Vec<u32> = deg
        .par_iter()
        .map(|&d| ((1.0 - mu) * d as f64).round_ties_even() as u32)
        .collect();
    let kin_max = kin.iter().copied().max().unwrap_or(0) as usize;
    let mut kin_hist = vec![0u64; kin_max + 1];
    for &k in &kin {
        kin_hist[k as usize] += 1;
    }
    let sizes = community_sizes(p.n, p.tau2, cmin, cmax, &kin_hist, p, cancel)?;
    drop(kin_hist);
    if sizes.len() > i32::MAX as usize {
        return Err(Error::TooLarge {
            message: "more than 2^31 - 1 communities".into(),
        });
    }
    let comm = assign(&kin, &sizes, p.seed, cancel)?;
    cancel.check()?;

    // Members of each community (CSR by community, members in node order).
    let k = sizes.len();
    let mut mstart = vec![0usize; k + 1];
    for &c in &comm {
        mstart[c as usize + 1] += 1;
    }
    for c in 0..k {
        mstart[c + 1] += mstart[c];
    }
    let mut members = vec![0u32; n];
    {
        let mut fill = mstart.clone();
        for (u, &c) in comm.iter().enumerate() {
            members[fill[c as usize]] = u as u32;
            fill[c as usize] += 1;
        }
    }

    // Even internal stub count in every community: move one stub of a random member between
    // its internal and external degree.
    // With mu = 0 there are no external stubs to move: change that member's degree by one
    // instead (within [1, max_degree]).
    let move_degree = mu == 0.0;
    let max_deg = max_degree as u32;
    let fixes: Vec<Option<(u32, bool)>> = (0..k)
        .into_par_iter()
        .map(|c| {
            let mem = &members[mstart[c]..mstart[c + 1]];
            let total: u64 = mem.iter().map(|&u| kin[u as usize] as u64).sum();
            if total % 2 == 0 || mem.is_empty() {
                return None;
            }
            let size = mem.len() as u32;
            let mut rng = Rng::stream(p.seed, PHASE_FIX | c as u64);
            let up_first = rng.next_u64() & 1 == 0;
            let start = rng.below(mem.len() as u64) as usize;
            for up in [up_first, !up_first] {
                for t in 0..mem.len() {
                    let u = mem[(start + t) % mem.len()];
                    let (ki, d) = (kin[u as usize], deg[u as usize]);
                    let room = if move_degree { d < max_deg } else { ki < d };
                    if up && room && ki + 1 < size {
                        return Some((u, true));
                    }
                    if !up && ki > 0 && (!move_degree || d > 1) {
                        return Some((u, false));
                    }
                }
            }
            None
        })
        .collect();
    for (u, up) in fixes.into_iter().flatten() {
        let u = u as usize;
        if up {
            kin[u] += 1;
            deg[u] += move_degree as u32;
        } else {
            kin[u] -= 1;
            deg[u] -= move_degree as u32;
        }
    }

    // Edge list: internal edges community by community, then the external edges.
    let mut internal_len = vec![0usize; k + 1];
    for c in 0..k {
        let total: usize = members[mstart[c]..mstart[c + 1]]
            .iter()
            .map(|&u| kin[u as usize] as usize)
            .sum();
        internal_len[c + 1] = internal_len[c] + total / 2;
    }
    let m_int = internal_len[k];
    let ext_stubs: usize = deg
        .par_iter()
        .zip(kin.par_iter())
        .map(|(&d, &ki)| (d - ki) as usize)
        .sum();
    let m_ext = ext_stubs / 2;
    let m_all = m_int + m_ext;
    let mut src: Vec<u32> = Vec::new();
    let mut dst: Vec<u32> = Vec::new();
    if src.try_reserve_exact(m_all).is_err() || dst.try_reserve_exact(m_all).is_err() {
        return Err(Error::TooLarge {
            message: format!("cannot allocate the {m_all} edges of this LFR graph"),
        });
    }
    src.resize(m_all, 0);
    dst.resize(m_all, 0);
    let (src_int, src_ext) = src.split_at_mut(m_int);
    let (dst_int, dst_ext) = dst.split_at_mut(m_int);

    // Internal edges, one task (and one random stream) per community.
    let mut parts: Vec<(usize, &mut [u32], &mut [u32])> = Vec::with_capacity(k);
    {
        let (mut s_rest, mut d_rest) = (src_int, dst_int);
        for c in 0..k {
            let len = internal_len[c + 1] - internal_len[c];
            let (s, sr) = s_rest.split_at_mut(len);
            let (d, dr) = d_rest.split_at_mut(len);
            parts.push((c, s, d));
            s_rest = sr;
            d_rest = dr;
        }
    }
    let internal_left: usize = parts
        .into_par_iter()
        .map(|(c, s, d)| {
            cancel.check()?;
            let mem = &members[mstart[c]..mstart[c + 1]];
            let mut stubs: Vec<u32> = Vec::with_capacity(2 * s.len());
            for &u in mem {
                stubs.extend(std::iter::repeat_n(u, kin[u as usize] as usize));
            }
            let mut rng = Rng::stream(p.seed, PHASE_INTERNAL | c as u64);
            // Bad edges left (loops, duplicates) stay in place: the builder drops loops and
            // merges duplicates.
            wire(&mut stubs, s, d, &mut rng, |u, v| u == v, cancel)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    let _ = internal_left; // left in place: the builder drops loops and merges duplicates
    cancel.check()?;

    // External edges: one configuration model over every external stub, avoiding pairs in the
    // same community.
    let mut stubs: Vec<u32> = Vec::with_capacity(ext_stubs);
    for (u, (&d, &ki)) in deg.iter().zip(&kin).enumerate() {
        stubs.extend(std::iter::repeat_n(u as u32, (d - ki) as usize));
    }
    let mut rng = Rng::stream(p.seed, PHASE_EXTERNAL);
    let comm_ref = &comm;
    let left = wire(
        &mut stubs[..2 * m_ext],
        src_ext,
        dst_ext,
        &mut rng,
        |u, v| comm_ref[u as usize] == comm_ref[v as usize],
        cancel,
    )?;
    drop(stubs);
    // External edges that no swap could repair would join a community to itself: drop them.
    src.truncate(m_all - left);
    dst.truncate(m_all - left);

    let opts = BuildOptions {
        directed: false,
        num_nodes: Some(p.n),
        duplicates: Duplicates::First,
        self_loops: false,
        ..BuildOptions::default()
    };
    let g = Csr::from_edges(&src, &dst, None, &opts, cancel)?;
    Ok((g, comm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(f)
    }

    fn params(n: u64, mu: f64, seed: u64) -> LfrParams {
        LfrParams {
            n,
            tau1: 3.0,
            tau2: 1.5,
            mu,
            average_degree: Some(20.0),
            min_degree: None,
            max_degree: Some(100),
            min_community: Some(50),
            max_community: Some(500),
            tol: 1e-7,
            max_iters: 500,
            seed,
        }
    }

    /// (mean degree, mean fraction of a node's edges leaving its community).
    fn degree_and_mixing(g: &Csr, comm: &[u32]) -> (f64, f64) {
        let n = g.num_nodes();
        let (mut deg_sum, mut mix_sum) = (0usize, 0.0);
        for u in 0..n {
            let nb = g.out_neighbors(u);
            deg_sum += nb.len();
            if !nb.is_empty() {
                let ext = nb.iter().filter(|&&v| comm[v as usize] != comm[u]).count();
                mix_sum += ext as f64 / nb.len() as f64;
            }
        }
        (deg_sum as f64 / n as f64, mix_sum / n as f64)
    }

    #[test]
    fn power_sum_matches_direct_summation() {
        for &p in &[0.5, 1.0, 1.5, 2.0, 3.0] {
            for &(a, m) in &[(1u64, 10u64), (1, 1000), (7, 5000), (100, 100_000)] {
                let direct: f64 = (a..=m).map(|x| (x as f64).powf(-p)).sum();
                let em = power_sum(p, a, m);
                assert!((em - direct).abs() <= 1e-12 * direct, "p={p} a={a} m={m}");
            }
        }
    }

    /// The solved distribution has exactly the requested mean.
    #[test]
    fn solved_cut_off_hits_the_mean() {
        for &(tau, avg, m) in &[
            (3.0, 20.0, 100u64),
            (3.0, 5.0, 250),
            (2.0, 10.0, 1000),
            (2.5, 7.3, 60),
        ] {
            let (k, w) = solve_min_degree(tau, avg, m).unwrap();
            let mut ws = powerlaw_weights(tau, k, m);
            ws[0] *= w;
            let mean: f64 = ws
                .iter()
                .enumerate()
                .map(|(i, &x)| (k + i as u64) as f64 * x)
                .sum::<f64>()
                / ws.iter().sum::<f64>();
            assert!(
                (mean - avg).abs() < 1e-9 * avg,
                "tau={tau} avg={avg}: {mean}"
            );
        }
        assert!(solve_min_degree(3.0, 0.5, 100).is_err());
        assert!(solve_min_degree(3.0, 101.0, 100).is_err());
        assert_eq!(solve_min_degree(3.0, 100.0, 100).unwrap(), (100, 1.0));
    }

    /// Hall's condition on a hand-made case: internal degrees {3, 3, 1} and sizes {4, 1, 1}:
    /// the two nodes of internal degree 3 need a community of size >= 4 (4 seats, fine); with
    /// sizes {3, 3} neither fits.
    #[test]
    fn fits_is_halls_condition() {
        let hist = [0u64, 1, 0, 2];
        assert!(fits(&hist, &[4, 1, 1]));
        assert!(!fits(&hist, &[3, 3]));
        assert!(fits(&[5u64], &[2, 3]));
    }

    #[test]
    fn simple_graph_with_planted_mixing() {
        for &mu in &[0.1, 0.3, 0.6] {
            let p = params(5000, mu, 7);
            let (g, comm) = lfr(&p, &Cancel::new()).unwrap();
            assert_eq!(g.num_nodes(), 5000);
            assert_eq!(g.num_self_loops(), 0);
            // Duplicates are merged by the builder: the arc count equals the neighbour count
            // of distinct neighbours.
            for u in 0..5000 {
                let nb = g.out_neighbors(u);
                assert!(nb.windows(2).all(|w| w[0] < w[1]));
                assert!(nb.len() <= 100);
            }
            let mut sizes = vec![0u64; comm.iter().copied().max().unwrap() as usize + 1];
            for &c in &comm {
                sizes[c as usize] += 1;
            }
            assert!(sizes.iter().all(|&s| (50..=500).contains(&s)), "{sizes:?}");
            let (mean, mix) = degree_and_mixing(&g, &comm);
            assert!((mean - 20.0).abs() < 1.0, "mean degree {mean}");
            assert!((mix - mu).abs() < 0.02, "mixing {mix} for mu {mu}");
        }
    }

    #[test]
    fn seeded_and_thread_independent() {
        let p = params(20_000, 0.3, 11);
        let one = pool(1, || lfr(&p, &Cancel::new()).unwrap());
        let three = pool(3, || lfr(&p, &Cancel::new()).unwrap());
        assert_eq!(one, three);
        let other = lfr(&params(20_000, 0.3, 12), &Cancel::new()).unwrap();
        assert_ne!(one.1, other.1);
    }

    #[test]
    fn bad_parameters() {
        let name = |p: LfrParams| match lfr(&p, &Cancel::new()) {
            Err(Error::InvalidParameter { name, .. }) => name,
            other => panic!("expected InvalidParameter, got {other:?}"),
        };
        let base = || params(1000, 0.3, 1);
        assert_eq!(
            name(LfrParams {
                tau1: 1.0,
                ..base()
            }),
            "tau1"
        );
        assert_eq!(
            name(LfrParams {
                tau2: f64::NAN,
                ..base()
            }),
            "tau2"
        );
        assert_eq!(name(LfrParams { mu: 1.5, ..base() }), "mu");
        assert_eq!(name(LfrParams { n: 0, ..base() }), "n");
        assert_eq!(
            name(LfrParams {
                max_degree: Some(1001),
                ..base()
            }),
            "max_degree"
        );
        assert_eq!(
            name(LfrParams {
                min_degree: Some(3),
                ..base()
            }),
            "min_degree, average_degree"
        );
        assert_eq!(
            name(LfrParams {
                average_degree: None,
                min_degree: Some(0),
                ..base()
            }),
            "min_degree"
        );
        assert_eq!(
            name(LfrParams {
                average_degree: Some(0.5),
                ..base()
            }),
            "average_degree"
        );
        assert_eq!(
            name(LfrParams {
                max_iters: 0,
                ..base()
            }),
            "max_iters"
        );
        assert_eq!(
            name(LfrParams {
                min_community: Some(600),
                ..base()
            }),
            "min_community"
        );
        // Internal degrees up to 70 cannot fit communities of at most 20 nodes.
        assert_eq!(
            name(LfrParams {
                min_community: Some(10),
                max_community: Some(20),
                ..base()
            }),
            "max_community"
        );
        let mut c = Cancel::new();
        c.cancel();
        assert_eq!(lfr(&base(), &c).unwrap_err(), Error::Interrupted);
        c = Cancel::new();
        assert!(lfr(&base(), &c).is_ok());
    }

    /// mu = 0: no edge leaves a community; mu = 1: none stays inside.
    #[test]
    fn extreme_mixing() {
        let (g, comm) = lfr(&params(3000, 0.0, 3), &Cancel::new()).unwrap();
        assert_eq!(degree_and_mixing(&g, &comm).1, 0.0);
        let (g, comm) = lfr(&params(3000, 1.0, 3), &Cancel::new()).unwrap();
        assert_eq!(degree_and_mixing(&g, &comm).1, 1.0);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(24))]

            /// Any feasible parameters: a simple graph on n nodes, degrees at most max_degree,
            /// community sizes in range, and the same graph on 1 and 3 threads.
            #[test]
            fn sequential_equals_parallel_and_invariants(
                n in 100u64..3000,
                tau1 in 1.5f64..3.5,
                tau2 in 1.1f64..2.5,
                mu in 0.0f64..=1.0,
                min_degree in 1u64..8,
                seed in any::<u64>(),
            ) {
                let p = LfrParams {
                    n,
                    tau1,
                    tau2,
                    mu,
                    average_degree: None,
                    min_degree: Some(min_degree),
                    max_degree: Some(30.min(n)),
                    min_community: Some(32),
                    max_community: Some(100.max(n / 4)),
                    tol: 1e-7,
                    max_iters: 500,
                    seed,
                };
                let one = pool(1, || lfr(&p, &Cancel::new()));
                let three = pool(3, || lfr(&p, &Cancel::new()));
                prop_assert_eq!(&one, &three);
                let (g, comm) = one.unwrap();
                prop_assert_eq!(g.num_nodes() as u64, n);
                prop_assert_eq!(g.num_self_loops(), 0);
                let mut sizes = vec![0u64; comm.len()];
                for &c in &comm {
                    sizes[c as usize] += 1;
                }
                for &s in sizes.iter().filter(|&&s| s > 0) {
                    prop_assert!((32..=100.max(n / 4)).contains(&s), "size {}", s);
                }
                for u in 0..g.num_nodes() {
                    let nb = g.out_neighbors(u);
                    prop_assert!(nb.len() <= 30);
                    prop_assert!(nb.windows(2).all(|w| w[0] < w[1]));
                }
            }
        }
    }
}
