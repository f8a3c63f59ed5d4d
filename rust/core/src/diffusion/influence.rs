//! Influence maximisation: the `k` seed nodes whose cascade reaches the most nodes in
//! expectation, under the independent cascade (IC) or the linear threshold (LT) model.
//!
//! - [`imm`]: IMM (Tang, Shi and Xiao 2015), reverse-reachable (RR) sets and greedy maximum
//!   coverage, with the `(1 - 1/e - epsilon)` approximation guarantee with probability at least
//!   `1 - n^-ell`.
//! - [`celf`]: the greedy algorithm with lazy evaluation of the marginal gains (Leskovec et al.
//!   2007), each gain a Monte-Carlo estimate.
//!
//! # RR sets
//!
//! An RR set is the set of nodes that reach a uniformly random root in a random live-edge world
//! of the model: for IC a breadth-first search from the root over in-arcs, each kept with its
//! probability `p(u, v)`; for LT a reverse random walk that picks at most one in-neighbour `u`
//! of the current node `v` with probability `b(u, v)` (in-weights normalised to sum to 1, or
//! `1 / indegree(v)` unweighted) and stops at a node already on the walk. For any seed set `S`,
//! `n * P(S meets an RR set) = sigma(S)`, the expected spread (Borgs et al. 2014).
//!
//! RR set `i` of a run seeded with `seed` draws from `Rng::stream(seed, i)` alone; sets are
//! generated in parallel in fixed blocks and concatenated in index order, so the sets, the seeds
//! and the estimates are the same on any number of threads.
//!
//! # References
//! * Y. Tang, Y. Shi and X. Xiao, "Influence maximization in near-linear time: a martingale
//!   approach", SIGMOD 2015.
//! * W. Chen, "An issue in the martingale analysis of the influence maximization algorithm
//!   IMM", CSoNet 2018 (the final RR sets must be independent of the lower bound: regenerated).
//! * C. Borgs, M. Brautbar, J. Chayes and B. Lucier, "Maximizing social influence in nearly
//!   optimal time", SODA 2014.
//! * J. Leskovec, A. Krause, C. Guestrin, C. Faloutsos, J. VanBriesen and N. Glance,
//!   "Cost-effective outbreak detection in networks", KDD 2007 (CELF).
//! * D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a social
//!   network", KDD 2003 (IC, LT, weighted cascade).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::cascade::{ic_once, ArcProbs};
use super::threshold::{lt_in_weights, lt_once};
use super::{check_n_sims, in_arc_probs, EdgeProb, SimScratch, Trace};
use crate::cancel::Cancel;
use crate::csr::{Adjacency, Csr};
use crate::error::{Error, Result};
use crate::rng::{Geometric, Rng};

/// RR sets per parallel task (fixed: the work split must not depend on the thread count).
const RR_BLOCK: usize = 512;
/// Blocks generated between two appends to the store (and two cancellation polls).
const RR_ROUND: usize = 64;
/// Most node entries the RR sets of one call may hold (4 GiB of ids, as much again for the
/// node -> set index of the selection): beyond, [`Error::TooLarge`] rather than exhausting
/// the memory (a supercritical cascade with a small `epsilon`).
const MAX_ENTRIES: usize = 1 << 30;
/// Rows whose uniform probability is below this use geometric skips over their in-arcs.
const SKIP_BELOW: f64 = 0.15;
/// ... and only when they have at least this many in-arcs.
const SKIP_MIN_DEGREE: usize = 8;

/// The diffusion model whose spread is maximised.
#[derive(Debug, Clone, PartialEq)]
pub enum Model {
    /// Independent cascade with these activation probabilities.
    IndependentCascade(EdgeProb),
    /// Linear threshold with uniform random thresholds; `b(u, v)` is `w(u, v) / s_in(v)` with
    /// the weights, `1 / indegree(v)` without.
    LinearThreshold,
}

/// Parameters of [`imm`].
#[derive(Debug, Clone, PartialEq)]
pub struct ImmParams {
    /// Number of seeds, `1 <= k <= n`.
    pub k: usize,
    /// The model.
    pub model: Model,
    /// Use the graph's weights (weighted cascade, LT in-weights).
    pub use_weights: bool,
    /// Approximation slack, in `(0, 1)`.
    pub epsilon: f64,
    /// Failure probability exponent: the guarantee holds with probability `1 - n^-ell`; `> 0`.
    pub ell: f64,
    /// Seed of the random streams.
    pub seed: u64,
}

/// Parameters of [`celf`].
#[derive(Debug, Clone, PartialEq)]
pub struct CelfParams {
    /// Number of seeds, `1 <= k <= n`.
    pub k: usize,
    /// The model.
    pub model: Model,
    /// Use the graph's weights (weighted cascade, LT in-weights).
    pub use_weights: bool,
    /// Simulations per spread estimate, `>= 1`.
    pub n_sims: usize,
    /// Seed of the random streams.
    pub seed: u64,
}

/// What influence maximisation returns.
#[derive(Debug, Clone, PartialEq)]
pub struct InfluenceResult {
    /// The seeds in order of selection.
    pub seeds: Vec<u32>,
    /// The estimated expected spread of the first `i + 1` seeds, for each `i`.
    pub spread: Vec<f64>,
    /// IMM: the number of RR sets of the node selection (0 for CELF).
    pub n_rr_sets: usize,
    /// IMM: RR sets generated in all (the lower-bound search included); CELF: spread
    /// evaluations (each of `n_sims` simulations).
    pub work: usize,
}

/// RR sets stored flat: set `i` is `nodes[offsets[i]..offsets[i + 1]]`, its root first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RrSets {
    /// Start of each set in `nodes`, and the end (length `count + 1`).
    pub offsets: Vec<u64>,
    /// The nodes of all sets.
    pub nodes: Vec<u32>,
}

impl RrSets {
    /// No set.
    pub fn new() -> Self {
        RrSets {
            offsets: vec![0],
            nodes: Vec::new(),
        }
    }

    /// Number of sets.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether there is no set.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The nodes of set `i`.
    #[inline]
    pub fn set(&self, i: usize) -> &[u32] {
        &self.nodes[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    fn clear(&mut self) {
        self.offsets.truncate(1);
        self.nodes.clear();
    }
}

/// How the in-arcs of one node are sampled in an IC RR set.
#[derive(Debug, Clone, Copy)]
enum Row {
    /// Nothing kept (no in-arcs, or every probability 0).
    Empty,
    /// Every in-arc kept.
    All,
    /// A coin per arc, with the arc's probability.
    Coins,
    /// A coin per arc, the same probability for every arc of the row.
    Coin(f64),
    /// The same probability on every arc, sampled by geometric skips.
    Skips(Geometric),
}

/// The reverse sampler of a model on a graph.
enum Sampler<'g> {
    Ic {
        inc: &'g Adjacency,
        probs: Vec<f64>,
        rows: Vec<Row>,
    },
    Lt {
        inc: &'g Adjacency,
        /// Cumulative normalised in-weights per in-arc (weighted graphs only).
        cum: Option<Vec<f64>>,
    },
}

impl<'g> Sampler<'g> {
    fn new(g: &'g Csr, model: &Model, use_weights: bool) -> Result<Self> {
        let inc = g.in_adj();
        let n = g.num_nodes();
        match model {
            Model::IndependentCascade(p) => {
                let probs = ic_in_probs(g, p, use_weights)?;
                let rows = (0..n)
                    .map(|v| {
                        let r = inc.range(v);
                        let row = |e: usize| match &probs {
                            InProbs::Constant(x) => *x,
                            InProbs::Row(x) => x[v],
                            InProbs::Arc(x) => x[e],
                        };
                        let first = if r.is_empty() { 0.0 } else { row(r.start) };
                        let uniform = r.clone().all(|e| row(e) == first);
                        if r.is_empty() || (uniform && first == 0.0) {
                            Row::Empty
                        } else if uniform && first >= 1.0 {
                            Row::All
                        } else if uniform && r.len() >= SKIP_MIN_DEGREE && first < SKIP_BELOW {
                            Row::Skips(Geometric::new(first))
                        } else if uniform {
                            Row::Coin(first)
                        } else {
                            Row::Coins
                        }
                    })
                    .collect();
                let probs = match probs {
                    InProbs::Arc(x) => x,
                    _ => Vec::new(),
                };
                Ok(Sampler::Ic { inc, probs, rows })
            }
            Model::LinearThreshold => {
                // Unweighted without self-loops: a uniform in-neighbour; else a search in the
                // cumulative weights b(u, v) of the row (self-loops weigh 0).
                let uniform = !(use_weights && g.is_weighted()) && g.num_self_loops() == 0;
                let cum = if uniform {
                    None
                } else {
                    Some(lt_cumulative(g, use_weights)?)
                };
                Ok(Sampler::Lt { inc, cum })
            }
        }
    }

    /// Append the RR set of `root` to `out` (root first).
    #[inline]
    fn sample(&self, root: u32, rng: &mut Rng, s: &mut SimScratch, out: &mut Vec<u32>) {
        s.reset();
        s.visit(root);
        let start = out.len();
        out.push(root);
        match self {
            Sampler::Ic { inc, probs, rows } => {
                let mut head = start;
                while head < out.len() {
                    let v = out[head] as usize;
                    head += 1;
                    let r = inc.range(v);
                    match rows[v] {
                        Row::Empty => {}
                        Row::All => {
                            for &u in &inc.indices[r] {
                                if s.visit(u) {
                                    out.push(u);
                                }
                            }
                        }
                        Row::Coins => {
                            for e in r {
                                let u = inc.indices[e];
                                if !s.is_marked(u) && rng.next_f64() < probs[e] {
                                    s.visit(u);
                                    out.push(u);
                                }
                            }
                        }
                        Row::Coin(q) => {
                            for &u in &inc.indices[r] {
                                if !s.is_marked(u) && rng.next_f64() < q {
                                    s.visit(u);
                                    out.push(u);
                                }
                            }
                        }
                        Row::Skips(geo) => {
                            let deg = r.len() as u64;
                            let mut i = geo.skip(rng);
                            while i < deg {
                                let u = inc.indices[r.start + i as usize];
                                if s.visit(u) {
                                    out.push(u);
                                }
                                i = i.saturating_add(1).saturating_add(geo.skip(rng));
                            }
                        }
                    }
                }
            }
            Sampler::Lt { inc, cum } => {
                let mut v = root as usize;
                loop {
                    let r = inc.range(v);
                    if r.is_empty() {
                        break;
                    }
                    let u = match cum {
                        None => inc.indices[r.start + rng.below(r.len() as u64) as usize],
                        Some(cum) => {
                            let c = &cum[r.clone()];
                            // Zero in-strength: no in-neighbour can be picked.
                            if c[c.len() - 1] <= 0.0 {
                                break;
                            }
                            let x = rng.next_f64();
                            let j = c.partition_point(|&y| y <= x).min(c.len() - 1);
                            inc.indices[r.start + j]
                        }
                    };
                    if !s.visit(u) {
                        break;
                    }
                    out.push(u);
                    v = u as usize;
                }
            }
        }
    }
}

/// IC probabilities of the in-arcs: one for all, one per in-row, or one per in-arc.
enum InProbs {
    Constant(f64),
    Row(Vec<f64>),
    Arc(Vec<f64>),
}

/// The in-arc probabilities of IC without the per-arc searches of `in_arc_probs` where the
/// model allows: a constant, or the weighted cascade, whose in-row of `v` holds
/// `1 / indegree(v)` (or `w(u, v) / s_in(v)`, the row's own weights).
///
/// # Errors
/// As [`in_arc_probs`].
fn ic_in_probs(g: &Csr, p: &EdgeProb, use_weights: bool) -> Result<InProbs> {
    let inc = g.in_adj();
    match p {
        EdgeProb::Constant(x) => {
            super::check_probability("p", *x)?;
            Ok(InProbs::Constant(*x))
        }
        EdgeProb::WeightedCascade => {
            let w = g.checked_weights(
                use_weights,
                "the weighted cascade needs non-negative weights",
            )?;
            // Only a weighted call reads (and, for `f32` storage, widens) the weights.
            let wi = if w.is_some() {
                inc.weights.as_deref()
            } else {
                None
            };
            let n = g.num_nodes();
            match wi {
                None => Ok(InProbs::Row(
                    (0..n)
                        .map(|v| match inc.degree(v) {
                            0 => 0.0,
                            d => 1.0 / d as f64,
                        })
                        .collect(),
                )),
                Some(wi) => {
                    let mut a = vec![0.0; wi.len()];
                    for v in 0..n {
                        let r = inc.range(v);
                        let s: f64 = wi[r.clone()].iter().sum();
                        if s > 0.0 {
                            for e in r {
                                a[e] = (wi[e] / s).min(1.0);
                            }
                        }
                    }
                    Ok(InProbs::Arc(a))
                }
            }
        }
        EdgeProb::PerEdge(_) => Ok(InProbs::Arc(in_arc_probs(g, p, use_weights)?)),
    }
}

/// The cumulative LT weights `b(u, v)` of every in-row (the models' `lt_in_weights`): each
/// row ends at 1, or is all 0 when the node has no in-neighbour of positive weight.
///
/// # Errors
/// [`Error::InvalidGraph`] (a negative or non-finite weight).
fn lt_cumulative(g: &Csr, use_weights: bool) -> Result<Vec<f64>> {
    let mut cum = lt_in_weights(g, use_weights)?;
    let inc = g.in_adj();
    for v in 0..g.num_nodes() {
        let r = inc.range(v);
        let mut acc = 0.0;
        for e in r.clone() {
            acc += cum[e];
            cum[e] = acc;
        }
        if acc > 0.0 {
            // Exactly 1 from the last positive weight on, whatever the rounding.
            let last = r
                .clone()
                .rev()
                .find(|&e| e == r.start || cum[e] > cum[e - 1]);
            if let Some(l) = last {
                cum[l..r.end].iter_mut().for_each(|x| *x = 1.0);
            }
        }
    }
    Ok(cum)
}

/// Check `1 <= k <= n`.
fn check_k(k: usize, n: usize) -> Result<()> {
    if k == 0 || k > n {
        return Err(Error::param(
            "k",
            format!("must be between 1 and the number of nodes ({n}), got {k}"),
        ));
    }
    Ok(())
}

/// Generate RR sets `first..first + count` (streams of `seed`) and append them to `store`.
fn generate(
    sampler: &Sampler<'_>,
    n: usize,
    seed: u64,
    first: usize,
    count: usize,
    store: &mut RrSets,
    cancel: &Cancel,
) -> Result<()> {
    let blocks = count.div_ceil(RR_BLOCK);
    let workers = rayon::current_num_threads().clamp(1, RR_ROUND);
    let mut scratch: Vec<SimScratch> = (0..workers).map(|_| SimScratch::new(n)).collect();
    // Per block of a round: the nodes of its sets and their lengths.
    let slots: Vec<Mutex<(Vec<u32>, Vec<u32>)>> = (0..RR_ROUND.min(blocks))
        .map(|_| Mutex::new((Vec::new(), Vec::new())))
        .collect();
    store.offsets.reserve(count);
    let mut b0 = 0;
    while b0 < blocks {
        cancel.check()?;
        // Stop early when the sets so far predict more entries than can be held.
        if !store.is_empty() {
            let left = count - (b0 * RR_BLOCK).min(count);
            let predicted = store.nodes.len() as f64 * (1.0 + left as f64 / store.len() as f64);
            if predicted > MAX_ENTRIES as f64 {
                return Err(too_many_entries(predicted));
            }
        }
        let b1 = (b0 + RR_ROUND).min(blocks);
        let next = AtomicUsize::new(b0);
        rayon::scope(|sc| {
            for s in scratch.iter_mut() {
                let (next, slots) = (&next, &slots);
                sc.spawn(move |_| loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    if b >= b1 || cancel.is_cancelled() {
                        break;
                    }
                    let mut slot = slots[b - b0].lock().unwrap_or_else(|e| e.into_inner());
                    let (nodes, lens) = &mut *slot;
                    nodes.clear();
                    lens.clear();
                    let lo = first + b * RR_BLOCK;
                    let hi = first + ((b + 1) * RR_BLOCK).min(count);
                    for i in lo..hi {
                        let mut rng = Rng::stream(seed, i as u64);
                        let root = rng.below(n as u64) as u32;
                        let before = nodes.len();
                        sampler.sample(root, &mut rng, s, nodes);
                        lens.push((nodes.len() - before) as u32);
                    }
                });
            }
        });
        // A cancelled round left some blocks unfilled.
        cancel.check()?;
        for slot in &slots[..b1 - b0] {
            let slot = slot.lock().unwrap_or_else(|e| e.into_inner());
            store.nodes.extend_from_slice(&slot.0);
            let mut end = *store.offsets.last().unwrap_or(&0);
            for &l in &slot.1 {
                end += u64::from(l);
                store.offsets.push(end);
            }
        }
        b0 = b1;
    }
    Ok(())
}

/// Greedy maximum coverage of `rr` by `k` nodes: the nodes in order and the number of sets
/// covered after each pick. Ties go to the smallest id; once no node covers a new set, the
/// smallest unchosen ids follow.
fn select(rr: &RrSets, n: usize, k: usize, cancel: &Cancel) -> Result<(Vec<u32>, Vec<usize>)> {
    let sets = rr.len();
    // Node -> indices of the sets holding it, in CSR form (a counting sort).
    let mut count = vec![0u32; n];
    for &v in &rr.nodes {
        count[v as usize] += 1;
    }
    let mut start = vec![0u64; n + 1];
    for v in 0..n {
        start[v + 1] = start[v] + u64::from(count[v]);
    }
    let mut fill: Vec<u64> = start[..n].to_vec();
    let mut holder = vec![0u32; rr.nodes.len()];
    for i in 0..sets {
        if i % (1 << 16) == 0 {
            cancel.check()?;
        }
        for &v in rr.set(i) {
            holder[fill[v as usize] as usize] = i as u32;
            fill[v as usize] += 1;
        }
    }
    drop(fill);
    cancel.check()?;
    let mut covered = vec![false; sets];
    let mut chosen = vec![false; n];
    let mut heap: BinaryHeap<(u32, Reverse<u32>)> = (0..n as u32)
        .filter(|&v| count[v as usize] > 0)
        .map(|v| (count[v as usize], Reverse(v)))
        .collect();
    let (mut seeds, mut total, mut curve) = (Vec::with_capacity(k), 0usize, Vec::with_capacity(k));
    let mut spare = 0u32;
    while seeds.len() < k {
        cancel.check()?;
        let v = loop {
            match heap.pop() {
                Some((c, Reverse(v))) if c == count[v as usize] => break Some(v),
                Some((_, Reverse(v))) => {
                    if count[v as usize] > 0 {
                        heap.push((count[v as usize], Reverse(v)));
                    }
                }
                None => break None,
            }
        };
        let v = match v {
            Some(v) if count[v as usize] > 0 => v,
            _ => {
                while chosen[spare as usize] {
                    spare += 1;
                }
                spare
            }
        };
        chosen[v as usize] = true;
        seeds.push(v);
        let r = start[v as usize] as usize..start[v as usize + 1] as usize;
        for &i in &holder[r] {
            if !covered[i as usize] {
                covered[i as usize] = true;
                total += 1;
                for &u in rr.set(i as usize) {
                    count[u as usize] -= 1;
                }
            }
        }
        curve.push(total);
    }
    Ok((seeds, curve))
}

/// The error for RR sets too large to hold.
fn too_many_entries(entries: f64) -> Error {
    Error::TooLarge {
        message: format!(
            "the RR sets would hold about {entries:.2e} node entries (more than 2**30, about \
             {:.0} GiB); the cascade is too large for this epsilon: use a larger epsilon or \
             smaller probabilities",
            entries * 8.0 / (1u64 << 30) as f64
        ),
    }
}

/// `ln C(n, k)`.
fn ln_binomial(n: usize, k: usize) -> f64 {
    (0..k)
        .map(|i| ((n - i) as f64).ln() - ((i + 1) as f64).ln())
        .sum()
}

/// The number of RR sets for a target, checked against the `u32` set indices.
fn rr_count(x: f64) -> Result<usize> {
    let c = x.ceil().max(1.0);
    if c >= u32::MAX as f64 {
        return Err(Error::TooLarge {
            message: format!(
                "IMM needs {c:.3e} RR sets (more than 2**32 - 1); use a larger epsilon or a \
                 smaller ell"
            ),
        });
    }
    Ok(c as usize)
}

/// `count` RR sets of `model` on `g`, set `i` from `Rng::stream(seed, i)`: the sample behind
/// [`imm`], exposed for sketch-based spread estimates (`n` times the fraction of sets that a
/// seed set meets estimates its expected spread).
///
/// # Errors
/// [`Error::InvalidParameter`] (a probability outside `[0, 1]`), [`Error::LengthMismatch`],
/// [`Error::InvalidGraph`] (negative weights with the weighted cascade or LT; an empty
/// graph), [`Error::Interrupted`].
///
/// # Complexity
/// `O(count * (1 + E[arcs examined per set]))` time, `O(total size)` memory.
pub fn rr_sets(
    g: &Csr,
    model: &Model,
    use_weights: bool,
    count: usize,
    seed: u64,
    cancel: &Cancel,
) -> Result<RrSets> {
    rr_sets_range(g, model, use_weights, 0, count, seed, cancel)
}

/// RR sets `first..first + count` of `model` on `g`, set `i` from `Rng::stream(seed, i)`:
/// exactly the sets that [`rr_sets`] (and [`imm`], with the same seed) draws at those indices,
/// so a run's sets can be drawn in blocks of indices, anywhere, and concatenated in order.
/// The offsets of the result start at 0.
///
/// # Errors
/// As [`rr_sets`]; [`Error::InvalidParameter`] (`count`) if `first + count` overflows.
///
/// # Complexity
/// As [`rr_sets`], plus `O(n + m)` to prepare the sampler.
pub fn rr_sets_range(
    g: &Csr,
    model: &Model,
    use_weights: bool,
    first: usize,
    count: usize,
    seed: u64,
    cancel: &Cancel,
) -> Result<RrSets> {
    let n = g.num_nodes();
    if n == 0 {
        return Err(Error::graph("RR sets need a graph with at least one node"));
    }
    if first.checked_add(count).is_none() {
        return Err(Error::param(
            "count",
            format!("the RR set indices {first} + {count} overflow"),
        ));
    }
    let sampler = Sampler::new(g, model, use_weights)?;
    let mut rr = RrSets::new();
    generate(&sampler, n, seed, first, count, &mut rr, cancel)?;
    Ok(rr)
}

/// Append a block of RR sets in flat form (`offsets` from 0, one more than the sets, strictly
/// increasing: every set holds its root; `nodes` below `n`) to `rr`, checked: the way a driver
/// of [`imm_with`] adds sets drawn elsewhere. The total stays within the `2^30` entries that
/// [`imm`] allows.
///
/// # Errors
/// [`Error::InvalidParameter`] named `"generate"` for a malformed block (naming what is
/// wrong); [`Error::TooLarge`] past `2^30` entries in all. `rr` is unchanged on error.
///
/// # Complexity
/// `O(sets + entries)`.
pub fn append_rr_sets(rr: &mut RrSets, n: usize, offsets: &[u64], nodes: &[u32]) -> Result<()> {
    let bad = |m: String| Err(Error::param("generate", m));
    match offsets.first() {
        None => {
            return bad("the offsets of a block are empty (expected one more than the sets)".into())
        }
        Some(&o) if o != 0 => return bad(format!("the offsets of a block start at {o}, not 0")),
        _ => {}
    }
    if let Some(i) = offsets.windows(2).position(|w| w[1] <= w[0]) {
        return bad(format!(
            "the offsets of a block are not strictly increasing at position {} ({} then {}): \
             every RR set holds at least its root",
            i + 1,
            offsets[i],
            offsets[i + 1]
        ));
    }
    let last = offsets[offsets.len() - 1];
    if last != nodes.len() as u64 {
        return bad(format!(
            "the offsets of a block end at {last} but it has {} nodes",
            nodes.len()
        ));
    }
    if let Some(i) = nodes.iter().position(|&v| v as usize >= n) {
        return bad(format!(
            "node {} at position {i} of a block is not below the number of nodes ({n})",
            nodes[i]
        ));
    }
    let total = rr.nodes.len() + nodes.len();
    if total > MAX_ENTRIES {
        return Err(too_many_entries(total as f64));
    }
    let base = *rr.offsets.last().unwrap_or(&0);
    rr.nodes.extend_from_slice(nodes);
    rr.offsets.extend(offsets[1..].iter().map(|&o| base + o));
    Ok(())
}

/// IMM: `k` seeds whose expected spread is at least `(1 - 1/e - epsilon)` times the optimum
/// with probability at least `1 - n^-ell`.
///
/// Sampling (Tang et al.'s Algorithm 2): with `epsilon' = sqrt(2) epsilon` and `ell` raised to
/// `ell (1 + ln 2 / ln n)`, a doubling search for a lower bound `LB` of the optimum: for
/// `x = n/2, n/4, ...`, `theta_i = lambda' / x` RR sets and a greedy selection; it stops at
/// the first `x` with `n F(S_i) >= (1 + epsilon') x`, `LB = n F(S_i) / (1 + epsilon')`. Then
/// `theta = lambda* / LB` RR sets, generated afresh (Chen 2018: the lower bound's sets must not
/// be reused), and greedy maximum coverage picks the seeds. `spread[i]` is `n` times the
/// fraction of those sets covered by the first `i + 1` seeds.
///
/// # Errors
/// [`Error::InvalidParameter`] (`k`, `epsilon`, `ell`, probabilities),
/// [`Error::TooLarge`] (more than `2^32 - 1` RR sets or `2^30` RR-set entries needed,
/// forecast from a pilot of the first sets), as [`rr_sets`] otherwise.
///
/// # Complexity
/// Expected `O((k + ell) (n + m) log n / epsilon^2)` time (Tang et al., Theorem 2); memory
/// about 8 bytes per RR set plus 8 bytes per node entry of the sets.
pub fn imm(g: &Csr, p: &ImmParams, cancel: &Cancel) -> Result<InfluenceResult> {
    let n = g.num_nodes();
    check_imm(n, p.k, p.epsilon, p.ell)?;
    let sampler = Sampler::new(g, &p.model, p.use_weights)?;
    let mut local = |first: usize, count: usize, rr: &mut RrSets| {
        generate(&sampler, n, p.seed, first, count, rr, cancel)
    };
    imm_with(n, p.k, p.epsilon, p.ell, &mut local, cancel)
}

/// Check IMM's parameters: `1 <= k <= n`, `epsilon` in `(0, 1)`, `ell > 0` and finite.
///
/// # Errors
/// [`Error::InvalidParameter`] naming the first bad one (`k`, `epsilon`, `ell`).
pub fn check_imm(n: usize, k: usize, epsilon: f64, ell: f64) -> Result<()> {
    check_k(k, n)?;
    if !(epsilon > 0.0 && epsilon < 1.0) {
        return Err(Error::param(
            "epsilon",
            format!("must be in (0, 1), got {epsilon}"),
        ));
    }
    if !(ell > 0.0 && ell.is_finite()) {
        return Err(Error::param(
            "ell",
            format!("must be a positive number, got {ell}"),
        ));
    }
    Ok(())
}

/// The control flow of [`imm`] with the RR sets drawn by `gen`: the lower-bound search, the
/// size forecasts and the final selection on a graph of `n` nodes.
///
/// `gen(first, count, rr)` must append RR sets `first..first + count` of the run (set `i`
/// from `Rng::stream(seed, i)`, as [`rr_sets_range`] draws them) to `rr`, in index order. Every
/// count, estimate and selection is computed here, from the sets alone, so any `gen` that
/// appends the same sets as the local sampler gives a result identical to [`imm`]'s: a driver
/// may draw the sets elsewhere (on other processes or machines) in blocks of indices.
///
/// # Errors
/// As [`check_imm`]; [`Error::TooLarge`] (as [`imm`]); [`Error::InvalidParameter`] named
/// `"generate"` if `gen` appended another number of sets than asked; whatever `gen` returns;
/// [`Error::Interrupted`].
///
/// # Complexity
/// As [`imm`], plus the cost of `gen`.
pub fn imm_with(
    n: usize,
    k: usize,
    epsilon: f64,
    ell: f64,
    gen: &mut dyn FnMut(usize, usize, &mut RrSets) -> Result<()>,
    cancel: &Cancel,
) -> Result<InfluenceResult> {
    check_imm(n, k, epsilon, ell)?;
    // Draw `count` sets from `first` and check that exactly that many arrived.
    let mut draw = |first: usize, count: usize, rr: &mut RrSets| -> Result<()> {
        let before = rr.len();
        gen(first, count, rr)?;
        if rr.len() != before + count {
            return Err(Error::param(
                "generate",
                format!(
                    "asked for RR sets {first}..{}, got {} sets",
                    first + count,
                    rr.len() - before
                ),
            ));
        }
        Ok(())
    };
    let (nf, p_ell) = (n as f64, ell);
    let ln_n = nf.ln();
    let ell = if n > 1 {
        p_ell * (1.0 + 2f64.ln() / ln_n)
    } else {
        p_ell
    };
    let ln_c = ln_binomial(n, k);
    let e1 = std::f64::consts::SQRT_2 * epsilon;
    let log2n = nf.log2();
    let lambda1 =
        (2.0 + 2.0 / 3.0 * e1) * (ln_c + ell * ln_n + log2n.max(1.0).ln()) * nf / (e1 * e1);
    let one_e = 1.0 - (-1f64).exp();
    let alpha = (ell * ln_n + 2f64.ln()).sqrt();
    let beta = (one_e * (ln_c + ell * ln_n + 2f64.ln())).sqrt();
    let lambda_star = 2.0 * nf * (one_e * alpha + beta).powi(2) / (epsilon * epsilon);

    let mut rr = RrSets::new();
    let mut lb = 1.0f64;
    let mut generated = 0usize;
    let rounds = (log2n.floor() as i64 - 1).max(0);
    if rounds >= 1 {
        // A pilot: the search's first sets (kept, so nothing changes but the order of work)
        // forecast the final sets' size, mean size times lambda* / LB with LB about the
        // greedy's coverage; a forecast 4 times over the cap fails now, not after minutes.
        let pilot = (RR_BLOCK * RR_ROUND).min(rr_count(lambda1 / (nf / 2.0))?);
        draw(0, pilot, &mut rr)?;
        generated = rr.len();
        let (_, cover) = select(&rr, n, k, cancel)?;
        if cover[k - 1] >= 100 {
            let mean = rr.nodes.len() as f64 / rr.len() as f64;
            let est = nf * cover[k - 1] as f64 / rr.len() as f64;
            let forecast = mean * lambda_star * (1.0 + e1) / est;
            if forecast > 4.0 * MAX_ENTRIES as f64 {
                return Err(too_many_entries(forecast));
            }
        }
    }
    for i in 1..=rounds {
        let x = nf / 2f64.powi(i as i32);
        let theta_i = rr_count(lambda1 / x)?;
        if theta_i > rr.len() {
            let have = rr.len();
            draw(have, theta_i - have, &mut rr)?;
            generated = rr.len();
        }
        let (_, cover) = select(&rr, n, k, cancel)?;
        let est = nf * cover[k - 1] as f64 / rr.len() as f64;
        if est >= (1.0 + e1) * x {
            lb = est / (1.0 + e1);
            break;
        }
    }
    let theta = rr_count(lambda_star / lb)?;
    // Predicted size of the final sets, from the mean size of the search's sets.
    if !rr.is_empty() {
        let predicted = rr.nodes.len() as f64 / rr.len() as f64 * theta as f64;
        if predicted > MAX_ENTRIES as f64 {
            return Err(too_many_entries(predicted));
        }
    }
    // The final sets: fresh streams, numbered after the lower bound's.
    let first = generated;
    rr.clear();
    draw(first, theta, &mut rr)?;
    let (seeds, cover) = select(&rr, n, k, cancel)?;
    Ok(InfluenceResult {
        seeds,
        spread: cover
            .iter()
            .map(|&c| nf * c as f64 / theta as f64)
            .collect(),
        n_rr_sets: theta,
        work: generated + theta,
    })
}

/// Simulations per parallel task of one CELF estimate.
const CELF_SIM_BLOCK: usize = 16;
/// Candidates per parallel task of CELF's first round.
const CELF_NODE_BLOCK: usize = 8;

/// The forward model of CELF's simulations.
enum Forward {
    Ic(ArcProbs),
    Lt(Vec<f64>),
}

/// One worker's buffers.
struct Worker {
    scratch: SimScratch,
    trace: Trace,
}

/// CELF's Monte-Carlo estimator: `n_sims` simulations, simulation `j` from
/// `Rng::stream(seed, j)` for every seed set (common random numbers).
struct Estimator<'g> {
    g: &'g Csr,
    forward: Forward,
    n_sims: usize,
    seed: u64,
}

impl Estimator<'_> {
    /// Nodes reached by simulation `j` from `seeds`.
    fn once(&self, seeds: &[u32], j: usize, w: &mut Worker) -> u64 {
        w.scratch.reset();
        w.trace.reached.clear();
        w.trace.per_step.clear();
        let mut rng = Rng::stream(self.seed, j as u64);
        let (s, t) = (&mut w.scratch, &mut w.trace);
        match &self.forward {
            Forward::Ic(p) => ic_once(self.g, p, seeds, usize::MAX, &mut rng, s, t),
            Forward::Lt(b) => lt_once(self.g, b, None, seeds, usize::MAX, &mut rng, s, t),
        }
        t.reached.len() as u64
    }

    /// Total nodes reached over the `n_sims` simulations from `seeds`, simulations in
    /// parallel (an integer sum: the same on any number of threads).
    fn total(&self, seeds: &[u32], workers: &mut [Worker], cancel: &Cancel) -> u64 {
        let blocks = self.n_sims.div_ceil(CELF_SIM_BLOCK);
        let next = AtomicUsize::new(0);
        let sum = std::sync::atomic::AtomicU64::new(0);
        rayon::scope(|sc| {
            for w in workers.iter_mut() {
                let (next, sum) = (&next, &sum);
                sc.spawn(move |_| loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    if b >= blocks || cancel.is_cancelled() {
                        break;
                    }
                    let hi = ((b + 1) * CELF_SIM_BLOCK).min(self.n_sims);
                    let part: u64 = (b * CELF_SIM_BLOCK..hi)
                        .map(|j| self.once(seeds, j, w))
                        .sum();
                    sum.fetch_add(part, Ordering::Relaxed);
                });
            }
        });
        sum.into_inner()
    }

    /// `total({v})` for every node, candidates in parallel.
    fn singletons(&self, workers: &mut [Worker], cancel: &Cancel) -> Vec<u64> {
        let n = self.g.num_nodes();
        let blocks = n.div_ceil(CELF_NODE_BLOCK);
        let next = AtomicUsize::new(0);
        let out: Vec<std::sync::atomic::AtomicU64> = (0..n)
            .map(|_| std::sync::atomic::AtomicU64::new(0))
            .collect();
        rayon::scope(|sc| {
            for w in workers.iter_mut() {
                let (next, out) = (&next, &out);
                sc.spawn(move |_| loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    if b >= blocks || cancel.is_cancelled() {
                        break;
                    }
                    let lo = b * CELF_NODE_BLOCK;
                    let hi = (lo + CELF_NODE_BLOCK).min(n);
                    for (v, slot) in (lo..hi).zip(&out[lo..hi]) {
                        if cancel.is_cancelled() {
                            break;
                        }
                        let seeds = [v as u32];
                        let mut t = 0u64;
                        for j in 0..self.n_sims {
                            if j % CELF_SIM_BLOCK == 0 && cancel.is_cancelled() {
                                break;
                            }
                            t += self.once(&seeds, j, w);
                        }
                        slot.store(t, Ordering::Relaxed);
                    }
                });
            }
        });
        out.into_iter().map(|x| x.into_inner()).collect()
    }
}

/// CELF: the greedy algorithm with lazy evaluation (Leskovec et al. 2007) of Monte-Carlo
/// marginal gains.
///
/// Round 0 estimates `sigma({v})` for every node; then the node on top of a max-heap of gains
/// is re-evaluated against the current seed set unless its gain was computed in this round
/// (gains only shrink, by submodularity, so a fresh top gain is the largest). Every estimate
/// is the mean over `n_sims` simulations, simulation `j` drawing from `Rng::stream(seed, j)`
/// whatever the seed set (common random numbers: the candidates' gains are compared on the
/// same random draws). Ties go to the smallest id. `spread[i]` is the estimate of the first
/// `i + 1` seeds; `work` counts the estimates.
///
/// # Errors
/// [`Error::InvalidParameter`] (`k`, `n_sims`, probabilities), [`Error::InvalidGraph`]
/// (negative weights with the weighted cascade or LT), [`Error::Interrupted`].
///
/// # Complexity
/// `O((n + r) * n_sims * cost of a simulation)` for `r` re-evaluations (usually a few per
/// pick); `O(n)` memory per thread.
pub fn celf(g: &Csr, p: &CelfParams, cancel: &Cancel) -> Result<InfluenceResult> {
    let n = g.num_nodes();
    check_k(p.k, n)?;
    check_n_sims(p.n_sims)?;
    let forward = match &p.model {
        Model::IndependentCascade(ep) => Forward::Ic(ArcProbs::new(g, ep, p.use_weights)?),
        Model::LinearThreshold => Forward::Lt(lt_in_weights(g, p.use_weights)?),
    };
    let est = Estimator {
        g,
        forward,
        n_sims: p.n_sims,
        seed: p.seed,
    };
    let mut workers: Vec<Worker> = (0..rayon::current_num_threads().max(1))
        .map(|_| Worker {
            scratch: SimScratch::new(n),
            trace: Trace::default(),
        })
        .collect();
    let first = est.singletons(&mut workers, cancel);
    cancel.check()?;
    let mut heap: BinaryHeap<(i64, Reverse<u32>, usize)> = first
        .iter()
        .enumerate()
        .map(|(v, &t)| (t as i64, Reverse(v as u32), 0))
        .collect();
    let mut seeds: Vec<u32> = Vec::with_capacity(p.k);
    let mut spread = Vec::with_capacity(p.k);
    let (mut current, mut evaluations) = (0u64, n);
    let mut trial: Vec<u32> = Vec::with_capacity(p.k);
    while seeds.len() < p.k {
        let Some((gain, Reverse(v), round)) = heap.pop() else {
            break;
        };
        if round == seeds.len() {
            seeds.push(v);
            current = (current as i64 + gain) as u64;
            spread.push(current as f64 / p.n_sims as f64);
        } else {
            trial.clear();
            trial.extend_from_slice(&seeds);
            trial.push(v);
            let t = est.total(&trial, &mut workers, cancel);
            cancel.check()?;
            evaluations += 1;
            heap.push((t as i64 - current as i64, Reverse(v), seeds.len()));
        }
    }
    Ok(InfluenceResult {
        seeds,
        spread,
        n_rr_sets: 0,
        work: evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csr::BuildOptions;
    use crate::structure::testutil::in_pool;

    fn graph(s: &[u32], d: &[u32], w: Option<&[f64]>, directed: bool) -> Csr {
        let o = BuildOptions {
            directed,
            ..Default::default()
        };
        Csr::from_edges(s, d, w, &o, &Cancel::new()).unwrap()
    }

    /// A directed star 0 -> 1..=5 and a path 6 -> 7 -> 8 with p = 1: node 0 reaches 6 nodes.
    ///
    /// ```text
    ///   1 2 3 4 5
    ///    \ \|/ /
    ///       0          6 -> 7 -> 8
    /// ```
    #[test]
    fn imm_picks_the_hub_then_the_path_head() {
        let g = graph(&[0, 0, 0, 0, 0, 6, 7], &[1, 2, 3, 4, 5, 7, 8], None, true);
        let p = ImmParams {
            k: 2,
            model: Model::IndependentCascade(EdgeProb::Constant(1.0)),
            use_weights: false,
            epsilon: 0.2,
            ell: 1.0,
            seed: 3,
        };
        let r = imm(&g, &p, &Cancel::new()).unwrap();
        assert_eq!(r.seeds, [0, 6]);
        // With p = 1 the RR set of root v holds v's ancestors: {0} covers 6/9 of the roots
        // in expectation; here, sampled.
        assert!((r.spread[0] - 6.0).abs() < 0.5, "{:?}", r.spread);
        assert!((r.spread[1] - 9.0).abs() < 1e-9);
        assert!(r.n_rr_sets > 0);
        // LT with one in-arc per node behaves the same.
        let p = ImmParams {
            model: Model::LinearThreshold,
            ..p
        };
        assert_eq!(imm(&g, &p, &Cancel::new()).unwrap().seeds, [0, 6]);
    }

    /// RR sets of IC on a path 0 -> 1 -> 2 with p = 1/2: root 2 gives {2}, {2,1} or {2,1,0}
    /// with probabilities 1/2, 1/4, 1/4; node 0 is in the set of root 0 always, of root 1 with
    /// probability 1/2 and of root 2 with 1/4, so its frequency is 1.75 / 3 = 7/12, and
    /// n * 7/12 = 1.75 = 1 + 1/2 + 1/4 = sigma({0}).
    #[test]
    fn rr_sets_estimate_the_spread() {
        let g = graph(&[0, 1], &[1, 2], None, true);
        let m = Model::IndependentCascade(EdgeProb::Constant(0.5));
        let rr = rr_sets(&g, &m, false, 60_000, 1, &Cancel::new()).unwrap();
        assert_eq!(rr.len(), 60_000);
        let hits = (0..rr.len()).filter(|&i| rr.set(i).contains(&0)).count();
        let f = hits as f64 / rr.len() as f64;
        let se = (f * (1.0 - f) / rr.len() as f64).sqrt();
        assert!((f - 7.0 / 12.0).abs() < 4.0 * se, "{f}");
        // Each set starts at its root and holds distinct nodes.
        for i in 0..100 {
            let s = rr.set(i);
            let mut t = s.to_vec();
            t.sort_unstable();
            t.dedup();
            assert_eq!(t.len(), s.len());
        }
    }

    /// Weighted LT: node 2 has in-arcs from 0 (weight 3) and 1 (weight 1), so the walk from
    /// root 2 picks 0 with probability 3/4.
    #[test]
    fn lt_walk_follows_the_normalised_weights() {
        let g = graph(&[0, 1], &[2, 2], Some(&[3.0, 1.0]), true);
        let rr = rr_sets(&g, &Model::LinearThreshold, true, 40_000, 5, &Cancel::new()).unwrap();
        let (mut roots2, mut with0) = (0, 0);
        for i in 0..rr.len() {
            let s = rr.set(i);
            if s[0] == 2 {
                roots2 += 1;
                assert_eq!(s.len(), 2);
                with0 += usize::from(s[1] == 0);
            }
        }
        let f = with0 as f64 / roots2 as f64;
        let se = (0.75 * 0.25 / roots2 as f64).sqrt();
        assert!((f - 0.75).abs() < 4.0 * se, "{f}");
    }

    #[test]
    fn imm_is_thread_independent() {
        let s: Vec<u32> = (0..300).map(|i| (i * 7 + 3) % 100).collect();
        let d: Vec<u32> = (0..300).map(|i| (i * 13 + 1) % 100).collect();
        let g = graph(&s, &d, None, true);
        let p = ImmParams {
            k: 5,
            model: Model::IndependentCascade(EdgeProb::WeightedCascade),
            use_weights: false,
            epsilon: 0.3,
            ell: 1.0,
            seed: 11,
        };
        let a = in_pool(1, || imm(&g, &p, &Cancel::new()).unwrap());
        let b = in_pool(3, || imm(&g, &p, &Cancel::new()).unwrap());
        assert_eq!(a, b);
        let m = Model::IndependentCascade(EdgeProb::Constant(0.05));
        let a = in_pool(1, || {
            rr_sets(&g, &m, false, 5000, 2, &Cancel::new()).unwrap()
        });
        let b = in_pool(2, || {
            rr_sets(&g, &m, false, 5000, 2, &Cancel::new()).unwrap()
        });
        assert_eq!(a, b);
    }

    #[test]
    fn imm_rejects_bad_parameters() {
        let g = graph(&[0, 1], &[1, 2], None, false);
        let base = ImmParams {
            k: 1,
            model: Model::IndependentCascade(EdgeProb::Constant(0.1)),
            use_weights: false,
            epsilon: 0.1,
            ell: 1.0,
            seed: 0,
        };
        let c = Cancel::new();
        for (p, name) in [
            (
                ImmParams {
                    k: 0,
                    ..base.clone()
                },
                "k",
            ),
            (
                ImmParams {
                    k: 4,
                    ..base.clone()
                },
                "k",
            ),
            (
                ImmParams {
                    epsilon: 1.0,
                    ..base.clone()
                },
                "epsilon",
            ),
            (
                ImmParams {
                    epsilon: f64::NAN,
                    ..base.clone()
                },
                "epsilon",
            ),
            (
                ImmParams {
                    ell: 0.0,
                    ..base.clone()
                },
                "ell",
            ),
            (
                ImmParams {
                    model: Model::IndependentCascade(EdgeProb::Constant(1.5)),
                    ..base.clone()
                },
                "p",
            ),
        ] {
            match imm(&g, &p, &c) {
                Err(Error::InvalidParameter { name: got, .. }) => assert_eq!(got, name),
                other => panic!("{name}: {other:?}"),
            }
        }
        // A single node: itself.
        let one = graph(&[0], &[0], None, false);
        let r = imm(&one, &base, &c).unwrap();
        assert_eq!(r.seeds, [0]);
        assert_eq!(r.spread, [1.0]);
    }
    #[test]
    fn celf_picks_the_hub_then_the_path_head_exactly() {
        let g = graph(&[0, 0, 0, 0, 0, 6, 7], &[1, 2, 3, 4, 5, 7, 8], None, true);
        let p = CelfParams {
            k: 3,
            model: Model::IndependentCascade(EdgeProb::Constant(1.0)),
            use_weights: false,
            n_sims: 10,
            seed: 1,
        };
        let r = celf(&g, &p, &Cancel::new()).unwrap();
        // Every remaining node adds exactly 0 after {0, 6}: ties to the smallest id (1).
        assert_eq!(r.seeds, [0, 6, 1]);
        assert_eq!(r.spread, [6.0, 9.0, 9.0]);
        assert!(r.work >= 9);
        let p = CelfParams {
            model: Model::LinearThreshold,
            ..p
        };
        let r = celf(&g, &p, &Cancel::new()).unwrap();
        assert_eq!(r.seeds[..2], [0, 6]);
    }

    /// IC with p = 1/2 on a path 0 -> 1 -> 2: sigma({0}) = 1.75, sigma({1}) = 1.5.
    #[test]
    fn celf_estimates_the_spread() {
        let g = graph(&[0, 1], &[1, 2], None, true);
        let p = CelfParams {
            k: 1,
            model: Model::IndependentCascade(EdgeProb::Constant(0.5)),
            use_weights: false,
            n_sims: 20_000,
            seed: 4,
        };
        let r = celf(&g, &p, &Cancel::new()).unwrap();
        assert_eq!(r.seeds, [0]);
        // Var of the spread of {0}: E[X^2] - 1.75^2 with X in {1, 2, 3} w.p. 1/2, 1/4, 1/4.
        let var = (0.5 + 4.0 * 0.25 + 9.0 * 0.25) - 1.75f64.powi(2);
        assert!(
            (r.spread[0] - 1.75).abs() < 4.0 * (var / 20_000.0).sqrt(),
            "{:?}",
            r.spread
        );
    }

    #[test]
    fn celf_is_thread_independent() {
        let s: Vec<u32> = (0..200).map(|i| (i * 7 + 3) % 60).collect();
        let d: Vec<u32> = (0..200).map(|i| (i * 13 + 1) % 60).collect();
        let g = graph(&s, &d, None, false);
        for model in [
            Model::IndependentCascade(EdgeProb::Constant(0.1)),
            Model::LinearThreshold,
        ] {
            let p = CelfParams {
                k: 4,
                model,
                use_weights: false,
                n_sims: 50,
                seed: 8,
            };
            let a = in_pool(1, || celf(&g, &p, &Cancel::new()).unwrap());
            let b = in_pool(3, || celf(&g, &p, &Cancel::new()).unwrap());
            assert_eq!(a, b);
        }
    }
    /// The forward simulations of CELF (the models' `ic_once` / `lt_once`) and the reverse RR
    /// sets estimate the same spread for a fixed seed set (weighted cascade and weighted LT
    /// on a random undirected graph; 4 combined standard errors).
    #[test]
    fn forward_and_reverse_estimates_agree() {
        let mut r = Rng::new(77);
        let (mut s, mut d, mut w) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..300 {
            s.push(r.below(80) as u32);
            d.push(r.below(80) as u32);
            w.push(0.5 + r.next_f64());
        }
        let g = graph(&s, &d, Some(&w), false);
        let n = g.num_nodes();
        let seeds = [3u32, 40];
        for model in [
            Model::IndependentCascade(EdgeProb::WeightedCascade),
            Model::IndependentCascade(EdgeProb::Constant(0.15)),
            Model::LinearThreshold,
        ] {
            let forward = match &model {
                Model::IndependentCascade(ep) => Forward::Ic(ArcProbs::new(&g, ep, true).unwrap()),
                Model::LinearThreshold => Forward::Lt(lt_in_weights(&g, true).unwrap()),
            };
            let sims = 40_000;
            let est = Estimator {
                g: &g,
                forward,
                n_sims: sims,
                seed: 5,
            };
            let mut w = Worker {
                scratch: SimScratch::new(n),
                trace: Trace::default(),
            };
            let xs: Vec<f64> = (0..sims)
                .map(|j| est.once(&seeds, j, &mut w) as f64)
                .collect();
            let mean = xs.iter().sum::<f64>() / sims as f64;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (sims - 1) as f64;
            let count = 200_000;
            let rr = rr_sets(&g, &model, true, count, 6, &Cancel::new()).unwrap();
            let hits = (0..count)
                .filter(|&i| rr.set(i).iter().any(|v| seeds.contains(v)))
                .count();
            let f = hits as f64 / count as f64;
            let rev = n as f64 * f;
            let se = (var / sims as f64 + (n as f64).powi(2) * f * (1.0 - f) / count as f64).sqrt();
            assert!(
                (mean - rev).abs() < 4.0 * se,
                "{model:?}: {mean} vs {rev} (se {se})"
            );
        }
    }
    /// A directed path with p = 1: the RR set of root v holds v + 1 nodes, 1000 on average;
    /// at epsilon = 0.002 the sets would hold far more than 2^30 entries: an error, early.
    #[test]
    fn imm_refuses_sets_too_large_to_hold() {
        let s: Vec<u32> = (0..1999).collect();
        let d: Vec<u32> = (1..2000).collect();
        let g = graph(&s, &d, None, true);
        let p = ImmParams {
            k: 1,
            model: Model::IndependentCascade(EdgeProb::Constant(1.0)),
            use_weights: false,
            epsilon: 0.002,
            ell: 1.0,
            seed: 1,
        };
        match imm(&g, &p, &Cancel::new()) {
            Err(Error::TooLarge { message }) => assert!(message.contains("larger epsilon")),
            other => panic!("{other:?}"),
        }
    }
    /// Sets drawn in blocks of indices (as a cluster would, here with `rr_sets_range`) and
    /// appended by `append_rr_sets` drive `imm_with` to exactly `imm`'s result.
    #[test]
    fn imm_with_blocks_of_sets_equals_imm() {
        let mut r = Rng::new(5);
        let (mut s, mut d, mut w) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..2000 {
            s.push(r.below(500) as u32);
            d.push(r.below(500) as u32);
            w.push(0.5 + r.next_f64());
        }
        let c = Cancel::new();
        for directed in [true, false] {
            let g = graph(&s, &d, Some(&w), directed);
            let n = g.num_nodes();
            for (model, uw, k, seed) in [
                (
                    Model::IndependentCascade(EdgeProb::Constant(0.05)),
                    false,
                    5,
                    1,
                ),
                (
                    Model::IndependentCascade(EdgeProb::WeightedCascade),
                    true,
                    3,
                    9,
                ),
                (Model::LinearThreshold, true, 4, 2),
                (Model::LinearThreshold, false, 1, 7),
            ] {
                let p = ImmParams {
                    k,
                    model: model.clone(),
                    use_weights: uw,
                    epsilon: 0.3,
                    ell: 1.0,
                    seed,
                };
                let want = imm(&g, &p, &c).unwrap();
                let mut calls = 0;
                let mut gen = |first: usize, count: usize, rr: &mut RrSets| -> Result<()> {
                    calls += 1;
                    // Uneven blocks of 777 sets.
                    let mut lo = first;
                    while lo < first + count {
                        let hi = (lo + 777).min(first + count);
                        let b = rr_sets_range(&g, &model, uw, lo, hi - lo, seed, &c)?;
                        append_rr_sets(rr, n, &b.offsets, &b.nodes)?;
                        lo = hi;
                    }
                    Ok(())
                };
                let got = imm_with(n, k, 0.3, 1.0, &mut gen, &c).unwrap();
                assert_eq!(got, want);
                assert!(calls >= 2);
            }
        }
    }

    #[test]
    fn rr_sets_range_is_a_slice_of_rr_sets() {
        let g = graph(&[0, 1, 2, 3, 1], &[1, 2, 3, 4, 4], None, false);
        let m = Model::IndependentCascade(EdgeProb::Constant(0.4));
        let c = Cancel::new();
        let all = rr_sets(&g, &m, false, 2000, 3, &c).unwrap();
        let part = rr_sets_range(&g, &m, false, 700, 900, 3, &c).unwrap();
        assert_eq!(part.len(), 900);
        for i in 0..900 {
            assert_eq!(part.set(i), all.set(700 + i));
        }
        assert_eq!(part.offsets[0], 0);
        assert!(matches!(
            rr_sets_range(&g, &m, false, usize::MAX, 2, 3, &c),
            Err(Error::InvalidParameter { name: "count", .. })
        ));
        let empty = graph(&[], &[], None, false);
        assert!(matches!(
            rr_sets_range(&empty, &m, false, 0, 1, 3, &c),
            Err(Error::InvalidGraph { .. })
        ));
    }

    #[test]
    fn append_rr_sets_checks_the_block() {
        let mut rr = RrSets::new();
        append_rr_sets(&mut rr, 5, &[0, 2, 3], &[4, 1, 0]).unwrap();
        append_rr_sets(&mut rr, 5, &[0, 1], &[2]).unwrap();
        append_rr_sets(&mut rr, 5, &[0], &[]).unwrap();
        assert_eq!(rr.offsets, [0, 2, 3, 4]);
        assert_eq!(rr.set(2), [2]);
        for (off, nodes, what) in [
            (&[][..], &[][..], "empty"),
            (&[1, 2][..], &[0][..], "start at 1"),
            (&[0, 1, 1][..], &[0][..], "strictly increasing"),
            (&[0, 2][..], &[0][..], "end at 2"),
            (&[0, 1][..], &[5][..], "node 5"),
        ] {
            match append_rr_sets(&mut rr, 5, off, nodes) {
                Err(Error::InvalidParameter { name, message }) => {
                    assert_eq!(name, "generate");
                    assert!(message.contains(what), "{message}");
                }
                other => panic!("{what}: {other:?}"),
            }
        }
        assert_eq!(rr.len(), 3);
        // A driver that returns too few sets is refused.
        let mut short = |_: usize, _: usize, rr: &mut RrSets| append_rr_sets(rr, 3, &[0, 1], &[0]);
        match imm_with(3, 1, 0.5, 1.0, &mut short, &Cancel::new()) {
            Err(Error::InvalidParameter { name, .. }) => assert_eq!(name, "generate"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            imm_with(3, 4, 0.5, 1.0, &mut short, &Cancel::new()),
            Err(Error::InvalidParameter { name: "k", .. })
        ));
    }
    /// A cancelled token stops every entry point with `Interrupted`.
    #[test]
    fn cancellation_interrupts() {
        let g = graph(&[0, 1, 2], &[1, 2, 3], None, false);
        let c = Cancel::new();
        c.cancel();
        let m = Model::IndependentCascade(EdgeProb::Constant(0.5));
        let p = ImmParams {
            k: 1,
            model: m.clone(),
            use_weights: false,
            epsilon: 0.5,
            ell: 1.0,
            seed: 1,
        };
        assert_eq!(imm(&g, &p, &c), Err(Error::Interrupted));
        assert_eq!(rr_sets(&g, &m, false, 10, 1, &c), Err(Error::Interrupted));
        let p = CelfParams {
            k: 1,
            model: m,
            use_weights: false,
            n_sims: 10,
            seed: 1,
        };
        assert_eq!(celf(&g, &p, &c), Err(Error::Interrupted));
    }
}
