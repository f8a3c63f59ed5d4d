//! Closeness and harmonic centrality with networkx's semantics: all-sources shortest-path
//! lengths by bit-parallel multi-source BFS (unweighted), per-source BFS (tiny graphs) or
//! per-source Dijkstra (weighted).
//!
//! Both measures of a node `v` need the distances `d(u, v)` *from* every node `u` *to* `v`
//! (networkx reverses a directed graph for closeness, and sums `1 / d(source, v)` for
//! harmonic), so every traversal starts at `v` and follows the in-arcs.

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::{Adjacency, Csr};
use crate::error::{Error, Result};

/// What one traversal from a target `v` (over the in-arcs) yields.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Totals {
    /// Nodes `u != v` with a path `u -> v` (zero-length paths included).
    reached: u64,
    /// Sum of `d(u, v)` over those nodes.
    sum: f64,
    /// Sum of `1 / d(u, v)` over those nodes with `d(u, v) != 0`.
    harmonic: f64,
}

/// The traversal kernel, chosen internally (the others are forced only by the tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code))]
enum Kernel {
    /// Pick by graph size.
    Auto,
    /// One level-synchronous BFS per target.
    Bfs,
    /// Bit-parallel multi-source BFS, 64 * W targets per batch.
    MsBfs,
}

/// Below this many nodes the per-source BFS is used (too few batches to keep threads busy,
/// and the bitsets would be mostly empty).
const MSBFS_MIN_NODES: usize = 128;

/// Largest per-task MS-BFS scratch chosen for wider batches (bytes); beyond it one word per
/// node (64 sources per batch) is used.
const MSBFS_MAX_SCRATCH: usize = 256 << 20;

/// Closeness centrality of every node, with exactly networkx's `closeness_centrality`
/// semantics.
///
/// For a node `v` let `r` be the number of other nodes `u` with a path `u -> v` and `S` the
/// sum of their distances `d(u, v)` (incoming distances: networkx reverses a directed graph;
/// an undirected graph is used in both directions). Then `C(v) = r / S`, multiplied by
/// `r / (n - 1)` when `wf_improved` (Wasserman and Faust), and `C(v) = 0` when `S = 0` or
/// `n <= 1`. Without weights `d` counts hops; with weights it is the sum of arc weights
/// along a shortest path (Dijkstra), nodes at distance 0 counting as reached.
///
/// # Arguments
/// * `g` – the graph.
/// * `use_weights` – use the arc weights as lengths (if the graph has any) or count hops.
/// * `wf_improved` – scale by the fraction of nodes reached (networkx's default `True`).
/// * `cancel` – polled once per source (Dijkstra, BFS) or per batch of sources (MS-BFS).
///
/// # Errors
/// * [`Error::InvalidGraph`] – a negative arc weight (when weights are used), naming the edge.
/// * [`Error::Interrupted`] – `cancel` fired.
///
/// # Complexity
/// Unweighted: O(n m / 64) word operations (multi-source BFS, 64 to 256 sources per batch,
/// pushing over the in-arcs, pulling over the out-arcs once the frontier is large)
/// plus O(n^2 / 64) for the bitsets; weighted: one Dijkstra per node with a
/// monotone radix heap over the 64 key bits, O(n (m + 64 n)). Parallel over batches or
/// sources with per-task scratch; every node's value comes from one traversal with integer
/// (unweighted) or sequential (weighted) arithmetic, so results are bit-identical for any
/// number of threads. Memory: O(n) per thread for (Dijkstra, BFS), 24 to 96 bytes per node
/// per thread for MS-BFS.
///
/// # Reference
/// L. C. Freeman, "Centrality in networks: I. Conceptual clarification", Social Networks 1
/// (1979); S. Wasserman and K. Faust, "Social Network Analysis", Cambridge University Press,
/// 1994, p. 201; M. Then et al., "The More the Merrier: Efficient Multi-Source Graph
/// Traversal", PVLDB 8(4), 2014.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::closeness_centrality, BuildOptions, Cancel, Csr};
/// // Path 0 - 1 - 2: the middle node is at distance 1 from both ends.
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let c = closeness_centrality(&g, false, true, &Cancel::new()).unwrap();
/// assert_eq!(c, vec![2.0 / 3.0, 1.0, 2.0 / 3.0]);
/// ```
pub fn closeness_centrality(
    g: &Csr,
    use_weights: bool,
    wf_improved: bool,
    cancel: &Cancel,
) -> Result<Vec<f64>> {
    let t = totals(g, use_weights, Kernel::Auto, cancel)?;
    let n = g.num_nodes();
    Ok(t.par_iter()
        .with_min_len(1024)
        .map(|t| closeness_value(t, n, wf_improved))
        .collect())
}

/// Harmonic centrality of every node, with exactly networkx's `harmonic_centrality`
/// semantics: `H(v) = sum of 1 / d(u, v)` over the nodes `u` with a path `u -> v` of
/// non-zero length (`u = v` and zero-weight paths are skipped, as networkx does).
///
/// Same kernels, arguments, errors, determinism and complexity as [`closeness_centrality`].
///
/// # Reference
/// M. Marchiori and V. Latora, "Harmony in the small-world", Physica A 285 (2000); P. Boldi
/// and S. Vigna, "Axioms for centrality", Internet Mathematics 10 (2014).
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::harmonic_centrality, BuildOptions, Cancel, Csr};
/// // Path 0 - 1 - 2.
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let h = harmonic_centrality(&g, false, &Cancel::new()).unwrap();
/// assert_eq!(h, vec![1.5, 2.0, 1.5]);
/// ```
pub fn harmonic_centrality(g: &Csr, use_weights: bool, cancel: &Cancel) -> Result<Vec<f64>> {
    let t = totals(g, use_weights, Kernel::Auto, cancel)?;
    Ok(t.iter().map(|t| t.harmonic).collect())
}

/// Closeness centrality of the nodes `targets` only (networkx's `closeness_centrality(G, u)`
/// for each `u` in `targets`): one traversal per target instead of one per node. Same
/// semantics, errors and arithmetic as [`closeness_centrality`]; the result is aligned with
/// `targets`.
///
/// # Errors
/// As [`closeness_centrality`], and [`Error::NodeOutOfRange`] for a target id `>= n`.
///
/// # Complexity
/// O(|targets| m) unweighted (one BFS per target), O(|targets| (m + 64 n)) weighted;
/// parallel over targets, bit-identical for any number of threads.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::closeness_centrality_of, BuildOptions, Cancel, Csr};
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// assert_eq!(closeness_centrality_of(&g, false, true, &[1], &Cancel::new()).unwrap(), vec![1.0]);
/// ```
pub fn closeness_centrality_of(
    g: &Csr,
    use_weights: bool,
    wf_improved: bool,
    targets: &[u32],
    cancel: &Cancel,
) -> Result<Vec<f64>> {
    let t = totals_of(g, use_weights, targets, None, cancel)?;
    let n = g.num_nodes();
    Ok(t.iter()
        .map(|t| closeness_value(t, n, wf_improved))
        .collect())
}

/// Harmonic centrality of the nodes `targets`, summing `1 / d(u, v)` over the nodes `u` of
/// `sources` only (all nodes when `None`): networkx's `harmonic_centrality(G, nbunch=targets,
/// sources=sources)`. The result is aligned with `targets`.
///
/// # Errors
/// As [`harmonic_centrality`], and [`Error::NodeOutOfRange`] for an id `>= n`.
///
/// # Complexity
/// One traversal per target (BFS or Dijkstra over the in-arcs), O(|targets| m) unweighted;
/// parallel over targets, bit-identical for any number of threads.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::harmonic_centrality_of, BuildOptions, Cancel, Csr};
/// // Path 0 - 1 - 2: from node 0 only, node 2 is at distance 2.
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let h = harmonic_centrality_of(&g, false, &[1, 2], Some(&[0]), &Cancel::new()).unwrap();
/// assert_eq!(h, vec![1.0, 0.5]);
/// ```
pub fn harmonic_centrality_of(
    g: &Csr,
    use_weights: bool,
    targets: &[u32],
    sources: Option<&[u32]>,
    cancel: &Cancel,
) -> Result<Vec<f64>> {
    let n = g.num_nodes();
    let mask = match sources {
        None => None,
        Some(src) => {
            check_ids("sources", src, n)?;
            let mut m = vec![false; n];
            for &u in src {
                m[u as usize] = true;
            }
            Some(m)
        }
    };
    let t = totals_of(g, use_weights, targets, mask.as_deref(), cancel)?;
    Ok(t.iter().map(|t| t.harmonic).collect())
}

fn check_ids(array: &'static str, ids: &[u32], n: usize) -> Result<()> {
    match ids.iter().position(|&u| u as usize >= n) {
        Some(index) => Err(Error::NodeOutOfRange {
            array,
            index,
            value: ids[index] as i128,
            num_nodes: n as u64,
        }),
        None => Ok(()),
    }
}

/// Totals of the traversals from each of `targets` over the in-arcs, counting only the nodes
/// in `mask` (all when `None`).
fn totals_of(
    g: &Csr,
    use_weights: bool,
    targets: &[u32],
    mask: Option<&[bool]>,
    cancel: &Cancel,
) -> Result<Vec<Totals>> {
    let n = g.num_nodes();
    check_ids("targets", targets, n)?;
    let adj = g.in_adj();
    let weights = if use_weights {
        adj.weights.as_deref()
    } else {
        None
    };
    if let Some(w) = weights {
        check_lengths(g.out_adj(), w.len())?;
    }
    cancel.check()?;
    let mut out = vec![Totals::default(); targets.len()];
    match weights {
        Some(w) => out
            .par_iter_mut()
            .zip(targets)
            .with_min_len(16)
            .try_for_each_init(
                || Dijkstra::new(n),
                |s, (t, &v)| {
                    cancel.check()?;
                    *t = s.run_masked(adj, w, v as usize, mask);
                    Ok(())
                },
            )?,
        None => out
            .par_iter_mut()
            .zip(targets)
            .with_min_len(16)
            .try_for_each_init(
                || Bfs::new(n),
                |s, (t, &v)| {
                    cancel.check()?;
                    *t = s.run_masked(adj, v as usize, mask);
                    Ok(())
                },
            )?,
    }
    Ok(out)
}

/// networkx's arithmetic, in its order: `(len(sp) - 1) / totsp`, then `*= (len(sp) - 1) /
/// (len(G) - 1)`.
#[inline]
fn closeness_value(t: &Totals, n: usize, wf_improved: bool) -> f64 {
    if t.sum > 0.0 && n > 1 {
        let r = t.reached as f64;
        let mut c = r / t.sum;
        if wf_improved {
            c *= r / (n - 1) as f64;
        }
        c
    } else {
        0.0
    }
}

/// Per-node totals of incoming shortest-path lengths, by the chosen kernel.
fn totals(g: &Csr, use_weights: bool, kernel: Kernel, cancel: &Cancel) -> Result<Vec<Totals>> {
    let n = g.num_nodes();
    let adj = g.in_adj();
    let weights = if use_weights {
        adj.weights.as_deref()
    } else {
        None
    };
    if let Some(w) = weights {
        check_lengths(g.out_adj(), w.len())?;
    }
    cancel.check()?;
    let mut out = vec![Totals::default(); n];
    if n == 0 {
        return Ok(out);
    }
    if let Some(w) = weights {
        out.par_iter_mut()
            .enumerate()
            .with_min_len(16)
            .try_for_each_init(
                || Dijkstra::new(n),
                |s, (v, t)| {
                    cancel.check()?;
                    *t = s.run(adj, w, v);
                    Ok(())
                },
            )?;
        return Ok(out);
    }
    let kernel = match kernel {
        Kernel::Auto if n < MSBFS_MIN_NODES => Kernel::Bfs,
        Kernel::Auto => Kernel::MsBfs,
        k => k,
    };
    match kernel {
        Kernel::Bfs | Kernel::Auto => {
            out.par_iter_mut()
                .enumerate()
                .with_min_len(16)
                .try_for_each_init(
                    || Bfs::new(n),
                    |s, (v, t)| {
                        cancel.check()?;
                        *t = s.run(adj, v);
                        Ok(())
                    },
                )?;
        }
        Kernel::MsBfs => {
            // Widest batches that still give every thread a few of them, with the three
            // bitsets of one batch (24 * W bytes per node) kept under MSBFS_MAX_SCRATCH.
            let threads = rayon::current_num_threads().max(1);
            let fits = |w: usize| n.saturating_mul(24 * w) <= MSBFS_MAX_SCRATCH;
            if n >= 4 * 256 * threads && fits(4) {
                msbfs::<4>(g, &mut out, Dir::Auto, cancel)?;
            } else if n >= 4 * 128 * threads && fits(2) {
                msbfs::<2>(g, &mut out, Dir::Auto, cancel)?;
            } else {
                msbfs::<1>(g, &mut out, Dir::Auto, cancel)?;
            }
        }
    }
    Ok(out)
}

/// Every weight must be finite and non-negative; name the first bad edge by its endpoints.
fn check_lengths(out: &Adjacency, len: usize) -> Result<()> {
    let Some(w) = out.weights.as_deref() else {
        return Ok(());
    };
    debug_assert_eq!(w.len(), len);
    if let Some(i) = w
        .par_iter()
        .position_first(|&x| !(x.is_finite() && x >= 0.0))
    {
        let u = out.indptr.partition_point(|&p| p as usize <= i) - 1;
        let v = out.indices[i];
        return Err(Error::graph(format!(
            "edge ({u}, {v}) has weight {}; shortest-path distances need finite, non-negative \
             weights (or distance=None)",
            w[i]
        )));
    }
    Ok(())
}

/// Scratch of one per-target BFS: epoch stamps (no reset between sources) and a queue.
struct Bfs {
    stamp: Vec<u32>,
    epoch: u32,
    queue: Vec<u32>,
}

impl Bfs {
    fn new(n: usize) -> Self {
        Bfs {
            stamp: vec![0; n],
            epoch: 0,
            queue: Vec::with_capacity(n),
        }
    }

    /// Level-synchronous BFS from `s` over `adj`, counting each level once.
    fn run(&mut self, adj: &Adjacency, s: usize) -> Totals {
        self.run_masked(adj, s, None)
    }

    /// As [`Bfs::run`], counting only the nodes `u` with `mask[u]` (all when `None`).
    fn run_masked(&mut self, adj: &Adjacency, s: usize, mask: Option<&[bool]>) -> Totals {
        if self.epoch == u32::MAX {
            self.stamp.iter_mut().for_each(|x| *x = 0);
            self.epoch = 0;
        }
        self.epoch += 1;
        let e = self.epoch;
        let (stamp, queue) = (&mut self.stamp, &mut self.queue);
        stamp[s] = e;
        queue.clear();
        queue.push(s as u32);
        let mut t = Totals::default();
        let mut sum = 0u64;
        let (mut lo, mut level) = (0usize, 0u64);
        while lo < queue.len() {
            let hi = queue.len();
            if level > 0 {
                let cnt = match mask {
                    None => (hi - lo) as u64,
                    Some(m) => queue[lo..hi].iter().filter(|&&u| m[u as usize]).count() as u64,
                };
                if cnt > 0 {
                    add_level(&mut t, &mut sum, level, cnt);
                }
            }
            for i in lo..hi {
                let u = queue[i] as usize;
                for &w in adj.neighbors(u) {
                    if stamp[w as usize] != e {
                        stamp[w as usize] = e;
                        queue.push(w);
                    }
                }
            }
            lo = hi;
            level += 1;
        }
        t.sum = sum as f64;
        t
    }
}

/// Count `cnt > 0` nodes at hop distance `level > 0`. The same arithmetic, in level order, in
/// both BFS kernels, so they agree bit for bit.
#[inline]
fn add_level(t: &mut Totals, sum: &mut u64, level: u64, cnt: u64) {
    t.reached += cnt;
    *sum += level * cnt;
    t.harmonic += cnt as f64 / level as f64;
}

/// Bit-sliced counters: plane `p` holds bit `p` of the count of every source lane, so adding
/// one bitset costs an amortised two word operations per word instead of one per set bit.
struct Counter<const W: usize> {
    planes: Vec<[u64; W]>,
    used: usize,
}

impl<const W: usize> Counter<W> {
    fn new() -> Self {
        Counter {
            planes: vec![[0; W]; 33],
            used: 0,
        }
    }

    #[inline(always)]
    fn add(&mut self, x: &[u64; W]) {
        for (k, &xk) in x.iter().enumerate() {
            let mut carry = xk;
            let mut p = 0;
            while carry != 0 {
                let plane = &mut self.planes[p][k];
                let c = *plane & carry;
                *plane ^= carry;
                carry = c;
                p += 1;
            }
            if p > self.used {
                self.used = p;
            }
        }
    }

    /// Add the per-lane counts of this level to `out[lane]` and clear the planes.
    fn drain(&mut self, level: u64, out: &mut [Totals], sums: &mut [u64]) {
        if self.used == 0 {
            return;
        }
        for (lane, (t, s)) in out.iter_mut().zip(sums.iter_mut()).enumerate() {
            let (k, b) = (lane / 64, lane % 64);
            let mut cnt = 0u64;
            for p in 0..self.used {
                cnt |= ((self.planes[p][k] >> b) & 1) << p;
            }
            if cnt > 0 {
                add_level(t, s, level, cnt);
            }
        }
        for p in 0..self.used {
            self.planes[p] = [0; W];
        }
        self.used = 0;
    }
}

/// Scratch of one multi-source BFS batch (64 * W sources).
struct MsBfs<const W: usize> {
    seen: Vec<[u64; W]>,
    visit: Vec<[u64; W]>,
    next: Vec<[u64; W]>,
    frontier: Vec<u32>,
    next_frontier: Vec<u32>,
    counter: Counter<W>,
    sums: Vec<u64>,
}

impl<const W: usize> MsBfs<W> {
    fn new(n: usize) -> Self {
        MsBfs {
            seen: vec![[0; W]; n],
            visit: vec![[0; W]; n],
            next: vec![[0; W]; n],
            frontier: Vec::new(),
            next_frontier: Vec::new(),
            counter: Counter::new(),
            sums: vec![0; 64 * W],
        }
    }

    /// BFS from the sources `lo..lo + out.len()` at once (lane `i` is source `lo + i`): push
    /// over `push` (the in-arcs) while the frontier is small, pull over `pull` (the out-arcs)
    /// once its arcs are a large share of the graph (direction-optimising, as Beamer et al.;
    /// a node stops pulling as soon as every lane it lacks is found).
    fn run(
        &mut self,
        g: &Csr,
        lo: usize,
        out: &mut [Totals],
        dir: Dir,
        cancel: &Cancel,
    ) -> Result<()> {
        let (push, pull) = (g.in_adj(), g.out_adj());
        let n = g.num_nodes();
        let k = out.len();
        let mut full = [0u64; W];
        for (j, f) in full.iter_mut().enumerate() {
            let lanes = k.saturating_sub(64 * j).min(64);
            *f = if lanes == 64 { !0 } else { (1u64 << lanes) - 1 };
        }
        self.seen.iter_mut().for_each(|x| *x = [0; W]);
        self.frontier.clear();
        for i in 0..k {
            let mut bit = [0u64; W];
            bit[i / 64] = 1 << (i % 64);
            self.seen[lo + i] = bit;
            self.visit[lo + i] = bit;
            self.frontier.push((lo + i) as u32);
        }
        self.sums[..k].iter_mut().for_each(|s| *s = 0);
        out.iter_mut().for_each(|t| *t = Totals::default());
        let total_arcs = push.indices.len().max(1);
        let mut level = 0u64;
        while !self.frontier.is_empty() {
            level += 1;
            cancel.check()?;
            let pulling = match dir {
                Dir::Push => false,
                Dir::Pull => true,
                Dir::Auto => {
                    let fa: usize = self.frontier.iter().map(|&v| push.degree(v as usize)).sum();
                    fa * PULL_DIVISOR > total_arcs
                }
            };
            let (seen, visit, next) = (&self.seen, &self.visit, &mut self.next);
            let nf = &mut self.next_frontier;
            if pulling {
                for (u, su) in seen.iter().enumerate().take(n) {
                    if *su == full {
                        continue;
                    }
                    let mut acc = [0u64; W];
                    for &x in pull.neighbors(u) {
                        let vx = &visit[x as usize];
                        let mut done = true;
                        for j in 0..W {
                            acc[j] |= vx[j];
                            done &= (acc[j] | su[j]) == full[j];
                        }
                        if done {
                            break;
                        }
                    }
                    let mut any = 0;
                    for j in 0..W {
                        acc[j] &= !su[j];
                        any |= acc[j];
                    }
                    if any != 0 {
                        next[u] = acc;
                        nf.push(u as u32);
                    }
                }
            } else {
                for &v in &self.frontier {
                    let vis = visit[v as usize];
                    for &u in push.neighbors(v as usize) {
                        let u = u as usize;
                        let su = &seen[u];
                        let mut d = [0u64; W];
                        let mut any = 0;
                        for j in 0..W {
                            d[j] = vis[j] & !su[j];
                            any |= d[j];
                        }
                        if any != 0 {
                            let nu = &mut next[u];
                            if nu.iter().all(|&x| x == 0) {
                                nf.push(u as u32);
                            }
                            for j in 0..W {
                                nu[j] |= d[j];
                            }
                        }
                    }
                }
            }
            for &v in &self.frontier {
                self.visit[v as usize] = [0; W];
            }
            for &u in &self.next_frontier {
                let x = self.next[u as usize];
                let s = &mut self.seen[u as usize];
                for (sj, xj) in s.iter_mut().zip(&x) {
                    *sj |= xj;
                }
                self.counter.add(&x);
            }
            self.counter.drain(level, out, &mut self.sums[..k]);
            std::mem::swap(&mut self.visit, &mut self.next);
            std::mem::swap(&mut self.frontier, &mut self.next_frontier);
            self.next_frontier.clear();
        }
        for (t, &s) in out.iter_mut().zip(&self.sums[..k]) {
            t.sum = s as f64;
        }
        Ok(())
    }
}

/// Pull once the frontier's arcs exceed `1 / PULL_DIVISOR` of all arcs.
const PULL_DIVISOR: usize = 8;

/// Traversal direction of the multi-source BFS (forced only by the tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code))]
enum Dir {
    Auto,
    Push,
    Pull,
}

/// All targets in batches of `64 * W`, parallel over batches.
fn msbfs<const W: usize>(g: &Csr, out: &mut [Totals], dir: Dir, cancel: &Cancel) -> Result<()> {
    let n = out.len();
    out.par_chunks_mut(64 * W).enumerate().try_for_each_init(
        || MsBfs::<W>::new(n),
        |s, (b, chunk)| {
            cancel.check()?;
            s.run(g, b * 64 * W, chunk, dir, cancel)
        },
    )
}

/// A monotone radix heap over the IEEE bits of non-negative distances (Ahuja, Mehlhorn, Orlin
/// and Tarjan, 1990): bucket `i` holds keys whose highest bit differing from the last popped
/// key is bit `i - 1`; popping refills bucket 0 from the lowest non-empty bucket. Stale
/// entries (a node pushed again with a smaller key) are skipped by the caller.
struct Radix {
    buckets: Vec<Vec<(u64, u32)>>,
    last: u64,
    len: usize,
}

impl Radix {
    fn new() -> Self {
        Radix {
            buckets: (0..65).map(|_| Vec::new()).collect(),
            last: 0,
            len: 0,
        }
    }

    #[inline(always)]
    fn bucket(x: u64) -> usize {
        (64 - x.leading_zeros()) as usize
    }

    #[inline]
    fn push(&mut self, key: u64, v: u32) {
        self.buckets[Self::bucket(key ^ self.last)].push((key, v));
        self.len += 1;
    }

    #[inline]
    fn pop(&mut self) -> Option<(u64, u32)> {
        if self.len == 0 {
            self.last = 0;
            return None;
        }
        if self.buckets[0].is_empty() {
            let i = (1..65).find(|&i| !self.buckets[i].is_empty())?;
            let items = std::mem::take(&mut self.buckets[i]);
            self.last = items.iter().map(|e| e.0).min()?;
            for &(k, v) in &items {
                self.buckets[Self::bucket(k ^ self.last)].push((k, v));
            }
            // Give the emptied bucket its allocation back.
            let mut items = items;
            items.clear();
            self.buckets[i] = items;
        }
        self.len -= 1;
        self.buckets[0].pop()
    }
}

/// Scratch of one Dijkstra: tentative distances, the touched nodes (reset after each source)
/// and the radix heap.
struct Dijkstra {
    dist: Vec<f64>,
    touched: Vec<u32>,
    heap: Radix,
}

impl Dijkstra {
    fn new(n: usize) -> Self {
        Dijkstra {
            dist: vec![f64::INFINITY; n],
            touched: Vec::new(),
            heap: Radix::new(),
        }
    }

    /// Dijkstra from `s` over `adj` with arc lengths `w`; networkx's relaxation
    /// (`dist[u] + w < dist[v]`), nodes counted as they are settled. An entry is current iff
    /// its key equals the node's distance (pushes happen only on strict improvement, so that
    /// entry is unique, and a settled node is never improved again).
    fn run(&mut self, adj: &Adjacency, w: &[f64], s: usize) -> Totals {
        self.run_masked(adj, w, s, None)
    }

    /// As [`Dijkstra::run`], counting only the nodes `v` with `mask[v]` (all when `None`).
    fn run_masked(
        &mut self,
        adj: &Adjacency,
        w: &[f64],
        s: usize,
        mask: Option<&[bool]>,
    ) -> Totals {
        let mut t = Totals::default();
        self.dist[s] = 0.0;
        self.touched.push(s as u32);
        self.heap.push(0, s as u32);
        while let Some((bits, v)) = self.heap.pop() {
            let v = v as usize;
            if bits != self.dist[v].to_bits() {
                continue;
            }
            let d = f64::from_bits(bits);
            if v != s && mask.is_none_or(|m| m[v]) {
                t.reached += 1;
                t.sum += d;
                if d != 0.0 {
                    t.harmonic += 1.0 / d;
                }
            }
            let r = adj.range(v);
            for (&u, &len) in adj.indices[r.clone()].iter().zip(&w[r]) {
                let nd = d + len;
                let du = &mut self.dist[u as usize];
                if nd < *du {
                    if *du == f64::INFINITY {
                        self.touched.push(u);
                    }
                    *du = nd;
                    self.heap.push(nd.to_bits(), u);
                }
            }
        }
        for &u in &self.touched {
            self.dist[u as usize] = f64::INFINITY;
        }
        self.touched.clear();
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph, rmat};

    fn run(g: &Csr, w: bool) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let c = Cancel::new();
        (
            closeness_centrality(g, w, true, &c).unwrap(),
            closeness_centrality(g, w, false, &c).unwrap(),
            harmonic_centrality(g, w, &c).unwrap(),
        )
    }

    /// Floyd-Warshall on a dense matrix: d[u][v] = shortest u -> v length.
    fn apsp(g: &Csr, w: bool) -> Vec<Vec<f64>> {
        let n = g.num_nodes();
        let mut d = vec![vec![f64::INFINITY; n]; n];
        let out = g.out_adj();
        for (u, row) in d.iter_mut().enumerate() {
            row[u] = 0.0;
            for j in out.range(u) {
                let v = out.indices[j] as usize;
                let l = match (&out.weights, w) {
                    (Some(ws), true) => ws[j],
                    _ => 1.0,
                };
                if l < row[v] {
                    row[v] = l;
                }
            }
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    let x = d[i][k] + d[k][j];
                    if x < d[i][j] {
                        d[i][j] = x;
                    }
                }
            }
        }
        d
    }

    /// Obviously-correct networkx transcription over the dense distance matrix.
    fn oracle(g: &Csr, w: bool, wf: bool) -> (Vec<f64>, Vec<f64>) {
        let n = g.num_nodes();
        let d = apsp(g, w);
        let mut c = vec![0.0; n];
        let mut h = vec![0.0; n];
        for v in 0..n {
            let (mut r, mut s) = (0.0, 0.0);
            for (u, row) in d.iter().enumerate() {
                let x = row[v];
                if u != v && x.is_finite() {
                    r += 1.0;
                    s += x;
                    if x != 0.0 {
                        h[v] += 1.0 / x;
                    }
                }
            }
            if s > 0.0 && n > 1 {
                c[v] = r / s * if wf { r / (n - 1) as f64 } else { 1.0 };
            }
        }
        (c, h)
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0))
    }

    //   0 - 1 - 2 - 3   path: sums 6, 4, 4, 6; harmonic 1+1/2+1/3 = 11/6, 1+1+1/2 = 5/2
    #[test]
    fn path_hand_derived() {
        let g = build(&[0, 1, 2], &[1, 2, 3], None, false, None);
        let (c, c0, h) = run(&g, false);
        assert_eq!(c, vec![0.5, 0.75, 0.75, 0.5]);
        assert_eq!(c0, c); // everything reached: r / (n - 1) = 1
        assert_eq!(h, vec![11.0 / 6.0, 2.5, 2.5, 11.0 / 6.0]);
    }

    //     1
    //     |
    // 2 - 0 - 3      star at 0 plus a separate edge 4 - 5 and an isolated node 6.
    //
    // 4 - 5    6
    #[test]
    fn star_and_two_components() {
        let g = build(&[0, 0, 0, 4], &[1, 2, 3, 5], None, false, Some(7));
        let (c, c0, h) = run(&g, false);
        // hub: r = 3, S = 3 -> 1 * 3/6; leaves: r = 3, S = 1 + 2 + 2 = 5 -> 3/5 * 3/6;
        // pair: r = 1, S = 1 -> 1 * 1/6; isolated: 0.
        assert_eq!(c, vec![0.5, 0.3, 0.3, 0.3, 1.0 / 6.0, 1.0 / 6.0, 0.0]);
        assert_eq!(c0, vec![1.0, 0.6, 0.6, 0.6, 1.0, 1.0, 0.0]);
        assert_eq!(h, vec![3.0, 2.0, 2.0, 2.0, 1.0, 1.0, 0.0]);
    }

    //   0 -> 1 -> 2     directed: closeness uses incoming distances.
    #[test]
    fn directed_path_incoming() {
        let g = build(&[0, 1], &[1, 2], None, true, None);
        let (c, _, h) = run(&g, false);
        // 0: nothing reaches it; 1: from 0 (d 1); 2: from 1 (1) and 0 (2).
        assert_eq!(c, vec![0.0, 1.0 * 0.5, 2.0 / 3.0]);
        assert_eq!(h, vec![0.0, 1.0, 1.5]);
    }

    //   0 -(2.0)- 1 -(0.0)- 2   weighted: a zero-length edge; self-loop 0-0 (3.0).
    #[test]
    fn weighted_zero_length() {
        let g = build(&[0, 1, 0], &[1, 2, 0], Some(&[2.0, 0.0, 3.0]), false, None);
        let (c, c0, h) = run(&g, true);
        // 0: d = 2, 2 -> r 2, S 4; 1: d = 2, 0 -> r 2, S 2; 2: same as 1.
        assert_eq!(c, vec![0.5, 1.0, 1.0]);
        assert_eq!(c0, vec![0.5, 1.0, 1.0]);
        // harmonic skips the zero distance between 1 and 2.
        assert_eq!(h, vec![1.0, 0.5, 0.5]);
        // Only zero-length paths: S = 0 -> closeness 0.
        let z = build(&[0], &[1], Some(&[0.0]), false, None);
        let (c, _, h) = run(&z, true);
        assert_eq!((c, h), (vec![0.0, 0.0], vec![0.0, 0.0]));
    }

    #[test]
    fn tiny_and_empty() {
        let e = build(&[], &[], None, false, None);
        assert_eq!(run(&e, false), (vec![], vec![], vec![]));
        let one = build(&[], &[], None, true, Some(1));
        assert_eq!(run(&one, false), (vec![0.0], vec![0.0], vec![0.0]));
        let lp = build(&[0], &[0], Some(&[1.0]), false, None);
        assert_eq!(run(&lp, true), (vec![0.0], vec![0.0], vec![0.0]));
    }

    #[test]
    fn random_graphs_match_oracle() {
        for seed in 0..16u64 {
            let directed = seed % 2 == 0;
            let weighted = seed % 4 < 2;
            let n = 20 + seed as u32 * 13;
            let g = random_graph(
                n,
                n as usize * (1 + seed as usize % 3),
                directed,
                weighted,
                seed,
            );
            for w in [false, true] {
                for wf in [false, true] {
                    let c = closeness_centrality(&g, w, wf, &Cancel::new()).unwrap();
                    let (want, _) = oracle(&g, w, wf);
                    assert!(close(&c, &want), "seed {seed} w {w} wf {wf}");
                }
                let h = harmonic_centrality(&g, w, &Cancel::new()).unwrap();
                assert!(close(&h, &oracle(&g, w, true).1), "seed {seed} w {w}");
            }
        }
    }

    /// MS-BFS (every batch width) and per-source BFS agree bit for bit.
    #[test]
    fn msbfs_equals_bfs() {
        for (i, directed) in [false, true].into_iter().enumerate() {
            for g in [
                rmat(10, 6000, directed, 3 + i as u64),
                random_graph(700, 900, directed, false, 11 + i as u64),
                random_graph(65, 80, directed, false, 5),
            ] {
                let c = Cancel::new();
                let bfs = totals(&g, false, Kernel::Bfs, &c).unwrap();
                let n = g.num_nodes();
                let bits = |t: &[Totals]| -> Vec<(u64, u64, u64)> {
                    t.iter()
                        .map(|t| (t.reached, t.sum.to_bits(), t.harmonic.to_bits()))
                        .collect()
                };
                for dir in [Dir::Auto, Dir::Push, Dir::Pull] {
                    let mut a = vec![Totals::default(); n];
                    let mut b = vec![Totals::default(); n];
                    let mut d = vec![Totals::default(); n];
                    msbfs::<1>(&g, &mut a, dir, &c).unwrap();
                    msbfs::<2>(&g, &mut b, dir, &c).unwrap();
                    msbfs::<4>(&g, &mut d, dir, &c).unwrap();
                    assert_eq!(bits(&bfs), bits(&a), "{dir:?}");
                    assert_eq!(bits(&bfs), bits(&b), "{dir:?}");
                    assert_eq!(bits(&bfs), bits(&d), "{dir:?}");
                }
                assert_eq!(
                    bits(&bfs),
                    bits(&totals(&g, false, Kernel::MsBfs, &c).unwrap())
                );
            }
        }
    }

    #[test]
    fn same_bits_on_one_and_four_threads() {
        for (directed, weighted) in [(false, false), (true, false), (true, true)] {
            let g = if weighted {
                random_graph(1500, 6000, directed, true, 4)
            } else {
                rmat(12, 40_000, directed, 9)
            };
            let f = || {
                let (c, _, h) = run(&g, true);
                c.iter()
                    .chain(&h)
                    .map(|x| x.to_bits())
                    .collect::<Vec<u64>>()
            };
            assert_eq!(in_pool(1, f), in_pool(4, f));
        }
    }

    /// The `_of` variants: the targets' values equal the full computation; with a source
    /// set, harmonic sums over those sources only (checked against the dense oracle).
    #[test]
    fn subsets_match_full_and_oracle() {
        for (directed, weighted) in [(false, false), (true, false), (false, true), (true, true)] {
            let g = random_graph(150, 400, directed, weighted, 7);
            let n = g.num_nodes();
            let c = Cancel::new();
            let targets: Vec<u32> = (0..n as u32).rev().step_by(3).collect();
            let full_c = closeness_centrality(&g, weighted, true, &c).unwrap();
            let full_h = harmonic_centrality(&g, weighted, &c).unwrap();
            let sub_c = closeness_centrality_of(&g, weighted, true, &targets, &c).unwrap();
            let sub_h = harmonic_centrality_of(&g, weighted, &targets, None, &c).unwrap();
            let want_c: Vec<f64> = targets.iter().map(|&v| full_c[v as usize]).collect();
            let want_h: Vec<f64> = targets.iter().map(|&v| full_h[v as usize]).collect();
            assert!(close(&sub_c, &want_c) && close(&sub_h, &want_h));
            let sources: Vec<u32> = (0..n as u32).step_by(5).collect();
            let d = apsp(&g, weighted);
            let oracle: Vec<f64> = targets
                .iter()
                .map(|&v| {
                    sources
                        .iter()
                        .map(|&u| d[u as usize][v as usize])
                        .filter(|x| x.is_finite() && *x != 0.0)
                        .map(|x| 1.0 / x)
                        .sum()
                })
                .collect();
            let got = harmonic_centrality_of(&g, weighted, &targets, Some(&sources), &c).unwrap();
            assert!(close(&got, &oracle), "{got:?} {oracle:?}");
            let f = || harmonic_centrality_of(&g, weighted, &targets, Some(&sources), &c).unwrap();
            let bits = |v: Vec<f64>| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
            assert_eq!(bits(in_pool(1, f)), bits(in_pool(4, f)));
        }
        let g = build(&[0], &[1], None, false, None);
        assert!(matches!(
            closeness_centrality_of(&g, false, true, &[2], &Cancel::new()),
            Err(Error::NodeOutOfRange {
                array: "targets",
                ..
            })
        ));
        assert!(matches!(
            harmonic_centrality_of(&g, false, &[0], Some(&[0, 5]), &Cancel::new()),
            Err(Error::NodeOutOfRange {
                array: "sources",
                index: 1,
                ..
            })
        ));
        assert_eq!(
            harmonic_centrality_of(&g, false, &[], None, &Cancel::new()),
            Ok(vec![])
        );
    }

    #[test]
    fn invalid_weights() {
        let g = build(&[0, 1], &[1, 2], Some(&[1.0, -2.0]), true, None);
        let want = Error::graph(
            "edge (1, 2) has weight -2; shortest-path distances need finite, non-negative \
             weights (or distance=None)",
        );
        assert_eq!(
            closeness_centrality(&g, true, true, &Cancel::new()),
            Err(want.clone())
        );
        assert_eq!(harmonic_centrality(&g, true, &Cancel::new()), Err(want));
        // Ignoring the weights makes the negative one harmless.
        assert!(harmonic_centrality(&g, false, &Cancel::new()).is_ok());
    }

    #[test]
    fn cancelled() {
        let g = build(&[0], &[1], None, true, None);
        let c = Cancel::new();
        c.cancel();
        assert_eq!(harmonic_centrality(&g, false, &c), Err(Error::Interrupted));
        assert_eq!(
            closeness_centrality(&g, false, true, &c),
            Err(Error::Interrupted)
        );
    }

    /// Release-mode timing of the kernels:
    /// `cargo test -p impactgraph-core --release -- --ignored --nocapture bench_closeness`.
    #[test]
    #[ignore]
    fn bench_closeness_kernels() {
        use std::time::Instant;
        for (scale, directed) in [(12, false), (13, false), (13, true)] {
            let g = rmat(scale, 16 << scale, directed, 1);
            let c = Cancel::new();
            let time = |k: Kernel| {
                let t = Instant::now();
                let r = totals(&g, false, k, &c).unwrap();
                (t.elapsed().as_secs_f64(), r)
            };
            let (tb, rb) = time(Kernel::Bfs);
            let (tm, rm) = time(Kernel::MsBfs);
            assert_eq!(rb, rm);
            let n = g.num_nodes();
            let mut tdir = Vec::new();
            for dir in [Dir::Push, Dir::Pull, Dir::Auto] {
                let mut o = vec![Totals::default(); n];
                let t = Instant::now();
                msbfs::<4>(&g, &mut o, dir, &c).unwrap();
                tdir.push(t.elapsed().as_secs_f64());
                assert_eq!(o, rb);
            }
            println!(
                "  msbfs<4> push {:.3}s pull {:.3}s auto {:.3}s",
                tdir[0], tdir[1], tdir[2]
            );
            let gw = random_graph(1 << 12, 16 << 12, directed, true, 2);
            let t = Instant::now();
            let r1 = totals(&gw, true, Kernel::Auto, &c).unwrap();
            let td = t.elapsed().as_secs_f64();
            let (adj, w) = (gw.in_adj(), gw.in_adj().weights.as_deref().unwrap());
            let t = Instant::now();
            let mut dr = Dijkstra::new(gw.num_nodes());
            let r2: Vec<Totals> = (0..gw.num_nodes()).map(|v| dr.run(adj, w, v)).collect();
            let tr = t.elapsed().as_secs_f64();
            assert_eq!(r1, r2);
            println!("  dijkstra on 1 thread {tr:.3}s");
            println!(
                "rmat{scale} directed={directed} n={} m={} threads={} bfs {tb:.3}s msbfs {tm:.3}s \
                 dijkstra(random, n 4096, 64k edges) {td:.3}s",
                g.num_nodes(),
                g.num_edges(),
                rayon::current_num_threads()
            );
        }
    }
}
