//! Shortest-path betweenness of nodes and edges (Brandes), exact or over `k` sampled sources,
//! with networkx 3.6's semantics (`betweenness_centrality`, `edge_betweenness_centrality`).
//!
//! # Kernel
//!
//! One single-source pass per source: a level-synchronous BFS (unweighted) or Dijkstra
//! (weighted) counts the shortest paths `sigma`, recording the visit order (with the level
//! boundaries for BFS); the dependency pass then walks that order backwards and *pulls* from
//! the successors of each node (GAP / NetworKit style): `w` is a successor of `v` when
//! `dist[w] == dist[v] + 1` (BFS) or `dist[v] + weight(v, w) == dist[w]` in exact float
//! arithmetic and `w` settled after `v` (Dijkstra, exactly networkx's tie rule). No
//! predecessor lists: with `t[w] = (1 + delta[w]) / sigma[w]`,
//! `delta[v] = sigma[v] * sum(t[w])` over the successors, and `t` overwrites `sigma` in place,
//! so the scratch is one `u32` distance (or `f64`), one `f64` and one `u32` order per node.
//!
//! The BFS is direction-optimising (Beamer, Asanović and Patterson, SC 2012): a level is
//! expanded top-down (push from the frontier) or bottom-up (each unvisited node sums the sigma
//! of its parents over its in-arcs), whichever scans fewer arcs; likewise each level of the
//! node dependency pass either pulls from the successors or has the next level push into a
//! per-node sum over its in-arcs. On R-MAT graphs this halves the work. The choices depend on
//! the graph and the source only, so results stay deterministic.
//!
//! # Parallelism and determinism
//!
//! Sources are cut into fixed-size leaves (the size depends only on the number of sources);
//! each leaf runs sequentially into its own accumulator, and leaves are combined by a fixed
//! binary tree of `rayon::join` (`left += right`). The floating-point summation order thus
//! never depends on scheduling: results are bit-identical for any number of threads. Live
//! memory is O(threads * log(leaves) * n).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::cancel::Cancel;
use crate::csr::{Adjacency, Csr};
use crate::error::{Error, Result};
use crate::rng::Rng;

/// Parameters of [`betweenness_centrality`] and [`edge_betweenness_centrality`]; `Default`
/// gives networkx's defaults (exact, normalized, unweighted, no endpoints).
#[derive(Debug, Clone, PartialEq)]
pub struct BetweennessParams {
    /// Number of sampled sources (`None`: all nodes, exact). Must be `<= n`.
    pub k: Option<usize>,
    /// Rescale as networkx's `normalized=True`.
    pub normalized: bool,
    /// Count the endpoints of each path (node betweenness only; edge betweenness ignores it).
    pub endpoints: bool,
    /// Use the arc weights (Dijkstra) if the graph has any, or count every arc as 1 (BFS).
    pub use_weights: bool,
    /// Seed of the source sample (used only when `k` is given).
    pub seed: u64,
    /// Explicit sources (distinct node ids), rescaled as a sample of `sources.len()` nodes:
    /// what networkx does with the nodes it draws itself (`seed.sample(list(G), k)`). Takes
    /// the place of `k` and `seed`, which must then be `None` / unused.
    pub sources: Option<Vec<u32>>,
}

impl Default for BetweennessParams {
    fn default() -> Self {
        BetweennessParams {
            k: None,
            normalized: true,
            endpoints: false,
            use_weights: true,
            seed: 0,
            sources: None,
        }
    }
}

/// Edge betweenness: `(src, dst, value)`, one entry per edge in CSR order (undirected edges
/// once, with `src <= dst`).
pub type EdgeValues = (Vec<u32>, Vec<u32>, Vec<f64>);

const UNSEEN: u32 = u32::MAX;

/// What a single-source pass adds to: node scores (with or without endpoints) or arc scores.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Node,
    NodeEndpoints,
    Edge,
}

/// Per-leaf scratch of the BFS kernel.
struct Bfs {
    dist: Vec<u32>,
    sig: Vec<f64>,
    order: Vec<u32>,
    levels: Vec<usize>,
    /// Candidates of the bottom-up steps: unvisited nodes with in-arcs (built lazily).
    rest: Vec<u32>,
    /// Pushed dependency sums of the backward pass (all zero between uses).
    tsum: Vec<f64>,
}

impl Bfs {
    fn new(n: usize) -> Self {
        Bfs {
            dist: vec![UNSEEN; n],
            sig: vec![0.0; n],
            order: Vec::with_capacity(n),
            levels: Vec::new(),
            rest: Vec::new(),
            tsum: vec![0.0; n],
        }
    }

    /// Brandes from `s`, adding into `acc` (length n, or arcs for [`Mode::Edge`]).
    #[allow(clippy::too_many_arguments)]
    fn source(
        &mut self,
        adj: &Adjacency,
        inc: &Adjacency,
        s: usize,
        mode: Mode,
        targets: Option<&[bool]>,
        acc: &mut [f64],
    ) {
        let (indptr, indices) = (&adj.indptr[..], &adj.indices[..]);
        let (iptr, iidx) = (&inc.indptr[..], &inc.indices[..]);
        let Bfs {
            dist,
            sig,
            order,
            levels,
            rest,
            tsum,
        } = self;
        let n = dist.len();
        order.clear();
        levels.clear();
        dist[s] = 0;
        sig[s] = 1.0;
        order.push(s as u32);
        levels.push(0);
        let mut lo = 0;
        let mut d = 0u32;
        // Arcs a top-down step would scan (out-arcs of the frontier) and a bottom-up step
        // would scan (in-arcs of the unvisited nodes).
        let mut m_f = adj.degree(s);
        let mut m_u = inc.num_arcs() - inc.degree(s);
        let mut rest_built = false;
        // Forward: level by level, counting shortest paths; each level top-down (push from
        // the frontier) or bottom-up (every unvisited node sums its parents), whichever scans
        // fewer arcs (Beamer et al.'s direction optimisation; no early exit, sigma needs all
        // parents). The choice depends only on the graph and the source.
        while lo < order.len() {
            let hi = order.len();
            let nd = d + 1;
            if m_f > m_u + n / 16 {
                if rest_built {
                    rest.retain(|&v| dist[v as usize] == UNSEEN);
                } else {
                    rest.clear();
                    rest.extend((0..n as u32).filter(|&v| {
                        dist[v as usize] == UNSEEN && iptr[v as usize + 1] > iptr[v as usize]
                    }));
                    rest_built = true;
                }
                for &v in rest.iter() {
                    let v = v as usize;
                    let mut sv = 0.0;
                    for &u in &iidx[iptr[v] as usize..iptr[v + 1] as usize] {
                        if dist[u as usize] == d {
                            sv += sig[u as usize];
                        }
                    }
                    if sv > 0.0 {
                        dist[v] = nd;
                        sig[v] = sv;
                        order.push(v as u32);
                    }
                }
            } else {
                for i in lo..hi {
                    let v = order[i] as usize;
                    let sv = sig[v];
                    for &w in &indices[indptr[v] as usize..indptr[v + 1] as usize] {
                        let w = w as usize;
                        let dw = dist[w];
                        if dw == UNSEEN {
                            dist[w] = nd;
                            sig[w] = sv;
                            order.push(w as u32);
                        } else if dw == nd {
                            sig[w] += sv;
                        }
                    }
                }
            }
            m_f = 0;
            for &v in &order[hi..] {
                let v = v as usize;
                m_f += (indptr[v + 1] - indptr[v]) as usize;
                m_u -= (iptr[v + 1] - iptr[v]) as usize;
            }
            levels.push(hi);
            lo = hi;
            d = nd;
        }
        // levels = [0, 1, b2, ..., len]: level L is order[levels[L]..levels[L + 1]].
        let nlev = levels.len() - 1;
        // Backward: deepest level first; sig[w] becomes t[w] = (1 + delta[w]) / sigma[w].
        // Each level either pulls (scan the out-arcs of level L for successors) or, for node
        // scores, has level L + 1 push into `tsum` over its in-arcs, whichever scans fewer arcs
        // (again a choice that depends only on the graph and the source).
        for lev in (1..nlev).rev() {
            let nd = lev as u32 + 1;
            let deepest = lev + 1 == nlev;
            let (l0, l1) = (levels[lev], levels[lev + 1]);
            let mut push = false;
            if !deepest && mode != Mode::Edge {
                let l2 = levels[lev + 2];
                let pull_cost: u64 = order[l0..l1]
                    .iter()
                    .map(|&w| indptr[w as usize + 1] - indptr[w as usize])
                    .sum();
                let push_cost: u64 = order[l1..l2]
                    .iter()
                    .map(|&x| iptr[x as usize + 1] - iptr[x as usize])
                    .sum();
                if push_cost < pull_cost {
                    push = true;
                    let d = lev as u32;
                    for &x in &order[l1..l2] {
                        let x = x as usize;
                        let tx = sig[x];
                        for &u in &iidx[iptr[x] as usize..iptr[x + 1] as usize] {
                            if dist[u as usize] == d {
                                tsum[u as usize] += tx;
                            }
                        }
                    }
                }
            }
            for &w in &order[l0..l1] {
                let w = w as usize;
                let sw = sig[w];
                let mut sum = 0.0;
                if push {
                    sum = tsum[w];
                    tsum[w] = 0.0;
                } else if !deepest {
                    let (a, b) = (indptr[w] as usize, indptr[w + 1] as usize);
                    for (j, &x) in indices[a..b].iter().enumerate() {
                        let x = x as usize;
                        if dist[x] == nd {
                            let tx = sig[x];
                            sum += tx;
                            if mode == Mode::Edge {
                                acc[a + j] += sw * tx;
                            }
                        }
                    }
                }
                let delta = sw * sum;
                match mode {
                    Mode::Node => acc[w] += delta,
                    Mode::NodeEndpoints => acc[w] += delta + 1.0,
                    Mode::Edge => {}
                }
                sig[w] = (target_weight(targets, w) + delta) / sw;
            }
        }
        // The source: only its arcs to level 1 matter for edges.
        if mode == Mode::Edge && nlev > 1 {
            let (a, b) = (indptr[s] as usize, indptr[s + 1] as usize);
            for (j, &x) in indices[a..b].iter().enumerate() {
                if dist[x as usize] == 1 {
                    acc[a + j] += sig[x as usize];
                }
            }
        }
        if mode == Mode::NodeEndpoints {
            acc[s] += (order.len() - 1) as f64;
        }
        for &v in order.iter() {
            dist[v as usize] = UNSEEN;
        }
    }
}

/// Per-leaf scratch of the Dijkstra kernel.
struct Dijkstra {
    dist: Vec<f64>,
    sig: Vec<f64>,
    pos: Vec<u32>,
    order: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Dijkstra {
    fn new(n: usize) -> Self {
        Dijkstra {
            dist: vec![f64::INFINITY; n],
            sig: vec![0.0; n],
            pos: vec![UNSEEN; n],
            order: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
        }
    }

    /// Brandes with Dijkstra from `s` (weights finite and non-negative, checked by the caller).
    #[allow(clippy::too_many_arguments)]
    fn source(
        &mut self,
        adj: &Adjacency,
        w8: &[f64],
        s: usize,
        mode: Mode,
        targets: Option<&[bool]>,
        acc: &mut [f64],
    ) {
        let (indptr, indices) = (&adj.indptr[..], &adj.indices[..]);
        let Dijkstra {
            dist,
            sig,
            pos,
            order,
            heap,
        } = self;
        order.clear();
        heap.clear();
        dist[s] = 0.0;
        sig[s] = 1.0;
        // Non-negative floats order like their bit patterns.
        heap.push(Reverse((0.0f64.to_bits(), s as u32)));
        while let Some(Reverse((_, v))) = heap.pop() {
            let v = v as usize;
            if pos[v] != UNSEEN {
                continue; // a stale entry of a settled node
            }
            pos[v] = order.len() as u32;
            order.push(v as u32);
            let (dv, sv) = (dist[v], sig[v]);
            let (a, b) = (indptr[v] as usize, indptr[v + 1] as usize);
            for (&w, &wt) in indices[a..b].iter().zip(&w8[a..b]) {
                let w = w as usize;
                if pos[w] != UNSEEN {
                    continue;
                }
                let nd = dv + wt;
                let dw = dist[w];
                if nd < dw {
                    dist[w] = nd;
                    sig[w] = sv;
                    heap.push(Reverse((nd.to_bits(), w as u32)));
                } else if nd == dw {
                    sig[w] += sv;
                }
            }
        }
        for i in (0..order.len()).rev() {
            let w = order[i] as usize;
            let (dw, sw) = (dist[w], sig[w]);
            let (a, b) = (indptr[w] as usize, indptr[w + 1] as usize);
            let mut sum = 0.0;
            for (j, (&x, &wt)) in indices[a..b].iter().zip(&w8[a..b]).enumerate() {
                let x = x as usize;
                if dw + wt == dist[x] && pos[x] > i as u32 && pos[x] != UNSEEN {
                    let tx = sig[x];
                    sum += tx;
                    if mode == Mode::Edge {
                        acc[a + j] += sw * tx;
                    }
                }
            }
            if w != s {
                let delta = sw * sum;
                match mode {
                    Mode::Node => acc[w] += delta,
                    Mode::NodeEndpoints => acc[w] += delta + 1.0,
                    Mode::Edge => {}
                }
                sig[w] = (target_weight(targets, w) + delta) / sw;
            }
        }
        if mode == Mode::NodeEndpoints {
            acc[s] += (order.len() - 1) as f64;
        }
        for &v in order.iter() {
            dist[v as usize] = f64::INFINITY;
            pos[v as usize] = UNSEEN;
        }
    }
}

/// The `1` of Brandes' `(1 + delta[w]) / sigma[w]`: paths ending at `w` count only when `w`
/// is a target (all nodes without a target set).
#[inline]
fn target_weight(targets: Option<&[bool]>, w: usize) -> f64 {
    match targets {
        Some(t) if !t[w] => 0.0,
        _ => 1.0,
    }
}

/// Sources per leaf of the reduction tree: a function of the number of sources only.
fn leaf_size(num_sources: usize) -> usize {
    num_sources.div_ceil(512).clamp(1, 64)
}

/// Sum over `sources` of the single-source contributions, as a vector of length `len`,
/// bit-identical for any number of threads.
fn accumulate(
    g: &Csr,
    weights: Option<&[f64]>,
    sources: &[u32],
    mode: Mode,
    targets: Option<&[bool]>,
    len: usize,
    cancel: &Cancel,
) -> Result<Vec<f64>> {
    let leaf = leaf_size(sources.len());
    let leaves: Vec<&[u32]> = sources.chunks(leaf).collect();
    accumulate_leaves(g, weights, &leaves, mode, targets, len, cancel)
}

/// The fixed binary tree of [`accumulate`] over `leaves` (a contiguous run of its leaves is one
/// of its subtrees' inputs exactly when the run is what the halving `mid = len / 2` produces).
fn accumulate_leaves(
    g: &Csr,
    weights: Option<&[f64]>,
    leaves: &[&[u32]],
    mode: Mode,
    targets: Option<&[bool]>,
    len: usize,
    cancel: &Cancel,
) -> Result<Vec<f64>> {
    if leaves.is_empty() {
        return Ok(vec![0.0; len]);
    }
    let adj = g.out_adj();
    let inc = if g.is_directed() { g.in_adj() } else { adj };
    let run_leaf = |srcs: &[u32]| -> Result<Vec<f64>> {
        let n = g.num_nodes();
        let mut acc = vec![0.0f64; len];
        match weights {
            None => {
                let mut sc = Bfs::new(n);
                for &s in srcs {
                    cancel.check()?;
                    if adj.degree(s as usize) > 0 || mode == Mode::NodeEndpoints {
                        sc.source(adj, inc, s as usize, mode, targets, &mut acc);
                    }
                }
            }
            Some(w8) => {
                let mut sc = Dijkstra::new(n);
                for &s in srcs {
                    cancel.check()?;
                    if adj.degree(s as usize) > 0 || mode == Mode::NodeEndpoints {
                        sc.source(adj, w8, s as usize, mode, targets, &mut acc);
                    }
                }
            }
        }
        Ok(acc)
    };
    fn tree<F>(leaves: &[&[u32]], f: &F) -> Result<Vec<f64>>
    where
        F: Fn(&[u32]) -> Result<Vec<f64>> + Sync,
    {
        if leaves.len() == 1 {
            return f(leaves[0]);
        }
        let mid = leaves.len() / 2;
        let (a, b) = rayon::join(|| tree(&leaves[..mid], f), || tree(&leaves[mid..], f));
        let (mut a, b) = (a?, b?);
        for (x, y) in a.iter_mut().zip(&b) {
            *x += y;
        }
        Ok(a)
    }
    tree(leaves, &run_leaf)
}

/// The weights to use (if any), the sources (sorted) and whether they are a sample.
type Prepared<'a> = (Option<&'a [f64]>, Vec<u32>, bool);

/// Validate the parameters and return (weights to use, sources, sampled).
fn prepare<'a>(g: &'a Csr, p: &BetweennessParams) -> Result<Prepared<'a>> {
    let n = g.num_nodes();
    let weights = g.checked_weights(
        p.use_weights,
        "weighted betweenness needs finite non-negative weights",
    )?;
    if let Some(srcs) = &p.sources {
        if p.k.is_some() {
            return Err(Error::param(
                "sources",
                "give either k or sources, not both",
            ));
        }
        let mut sorted = srcs.clone();
        sorted.sort_unstable();
        if let Some(&last) = sorted.last() {
            if last as usize >= n {
                return Err(Error::param(
                    "sources",
                    format!("node id {last} out of range for a graph of {n} nodes"),
                ));
            }
        }
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            return Err(Error::param("sources", "must be distinct node ids"));
        }
        return Ok((weights, sorted, true));
    }
    let k = match p.k {
        Some(k) if k > n => {
            return Err(Error::param(
                "k",
                format!("sample larger than the number of nodes: k = {k} > n = {n}"),
            ))
        }
        Some(k) if k < n => Some(k),
        _ => None, // k == n is exact (networkx does the same)
    };
    let sources = match k {
        None => (0..n as u32).collect(),
        Some(k) => {
            // Partial Fisher-Yates: a uniform k-subset that depends only on the seed.
            let mut rng = Rng::new(p.seed);
            let mut perm: Vec<u32> = (0..n as u32).collect();
            for i in 0..k {
                let j = i + rng.below((n - i) as u64) as usize;
                perm.swap(i, j);
            }
            perm.truncate(k);
            perm.sort_unstable();
            perm
        }
    };
    Ok((weights, sources, k.is_some()))
}

/// networkx's `_rescale`. `sources` is `Some` when sampled; `ids` maps each value to its node
/// (node betweenness) or is `None` (edge betweenness, where `endpoints` is true).
fn rescale(
    vals: &mut [f64],
    n: usize,
    p: &BetweennessParams,
    directed: bool,
    endpoints: bool,
    sampled: Option<&[u32]>,
) -> Result<()> {
    let big_n = if endpoints { n as f64 } else { n as f64 - 1.0 };
    if big_n < 2.0 {
        return Ok(());
    }
    let correction = if directed { 1.0 } else { 2.0 };
    let k_source = sampled.map_or(big_n, |s| s.len() as f64);
    if k_source == 0.0 {
        return Err(Error::param(
            "k",
            "must be at least 1 on a graph with more than two nodes (networkx divides by zero)",
        ));
    }
    match sampled {
        Some(srcs) if !endpoints => {
            let (scale_source, scale_other) = if p.normalized {
                let s = if k_source > 1.0 {
                    1.0 / ((k_source - 1.0) * (big_n - 1.0))
                } else {
                    f64::NAN
                };
                (s, 1.0 / (k_source * (big_n - 1.0)))
            } else {
                let s = if k_source > 1.0 {
                    big_n / ((k_source - 1.0) * correction)
                } else {
                    f64::NAN
                };
                (s, big_n / (k_source * correction))
            };
            let mut is_source = vec![false; n];
            for &s in srcs {
                is_source[s as usize] = true;
            }
            for (v, x) in vals.iter_mut().enumerate() {
                *x *= if is_source[v] {
                    scale_source
                } else {
                    scale_other
                };
            }
        }
        _ => {
            let scale = if p.normalized {
                1.0 / (k_source * (big_n - 1.0))
            } else {
                big_n / (k_source * correction)
            };
            if scale != 1.0 {
                for x in vals.iter_mut() {
                    *x *= scale;
                }
            }
        }
    }
    Ok(())
}

/// Number of leaves of the fixed summation tree of [`betweenness_centrality`] for `p` on `g`:
/// the unit of work of [`betweenness_partial`].
///
/// # Errors
/// As [`betweenness_centrality`] (bad `k`, `sources` or weights).
///
/// # Complexity
/// O(n) (the source sample is drawn).
pub fn betweenness_leaves(g: &Csr, p: &BetweennessParams) -> Result<usize> {
    let (_, sources, _) = prepare(g, p)?;
    Ok(sources.len().div_ceil(leaf_size(sources.len())))
}

/// Unscaled node betweenness sums of the leaves `leaves` (a range of
/// `0..betweenness_leaves(g, p)`) of [`betweenness_centrality`]'s summation tree: what that
/// tree computes for this run of leaves. Splitting `0..L` by the same halving the tree uses
/// (`mid = lo + (hi - lo) / 2`), computing the parts anywhere (other processes, other machines)
/// and adding them back pairwise in the tree's order (`left += right`), then calling
/// [`betweenness_rescale`], gives exactly the bits of `betweenness_centrality(g, p)`.
///
/// # Arguments
/// * `g` – the graph; `p` – the parameters (`normalized` is not used here);
/// * `leaves` – the run of leaves to compute; `cancel` – polled once per source.
///
/// # Errors
/// As [`betweenness_centrality`]; [`Error::InvalidParameter`] if `leaves` is not within
/// `0..betweenness_leaves(g, p)`.
///
/// # Complexity
/// O(|sources in leaves| m) unweighted, with O(n) scratch per leaf in progress.
///
/// # Example
/// ```
/// use impactgraph_core::centrality::{
///     betweenness_centrality, betweenness_leaves, betweenness_partial, betweenness_rescale,
///     BetweennessParams,
/// };
/// use impactgraph_core::{BuildOptions, Cancel, Csr};
/// let (src, dst) = ([0u32, 1, 2, 3], [1u32, 2, 3, 4]);
/// let g = Csr::from_edges(&src, &dst, None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let p = BetweennessParams { k: Some(3), seed: 7, ..Default::default() };
/// let c = Cancel::new();
/// let leaves = betweenness_leaves(&g, &p).unwrap();
/// let mid = leaves / 2;
/// let mut sums = betweenness_partial(&g, &p, 0..mid, &c).unwrap();
/// let right = betweenness_partial(&g, &p, mid..leaves, &c).unwrap();
/// for (x, y) in sums.iter_mut().zip(&right) {
///     *x += y;
/// }
/// let b = betweenness_rescale(&g, &p, sums).unwrap();
/// assert_eq!(b, betweenness_centrality(&g, &p, &c).unwrap());
/// ```
pub fn betweenness_partial(
    g: &Csr,
    p: &BetweennessParams,
    leaves: std::ops::Range<usize>,
    cancel: &Cancel,
) -> Result<Vec<f64>> {
    let n = g.num_nodes();
    let (weights, sources, _) = prepare(g, p)?;
    let leaf = leaf_size(sources.len());
    let all: Vec<&[u32]> = sources.chunks(leaf).collect();
    if leaves.start > leaves.end || leaves.end > all.len() {
        return Err(Error::param(
            "leaves",
            format!(
                "range {}..{} not within the {} leaves of this sample",
                leaves.start,
                leaves.end,
                all.len()
            ),
        ));
    }
    let mode = if p.endpoints {
        Mode::NodeEndpoints
    } else {
        Mode::Node
    };
    accumulate_leaves(g, weights, &all[leaves], mode, None, n, cancel)
}

/// Rescales the summed output of [`betweenness_partial`] over all leaves as
/// [`betweenness_centrality`] does (networkx's normalisation, sampled sources included).
///
/// # Errors
/// As [`betweenness_centrality`]; [`Error::InvalidParameter`] if `sums` has not one value per node.
///
/// # Complexity
/// O(n).
pub fn betweenness_rescale(g: &Csr, p: &BetweennessParams, mut sums: Vec<f64>) -> Result<Vec<f64>> {
    let n = g.num_nodes();
    let (_, sources, sampled) = prepare(g, p)?;
    if sums.len() != n {
        return Err(Error::param(
            "sums",
            format!("expected one value per node ({n}), got {}", sums.len()),
        ));
    }
    rescale(
        &mut sums,
        n,
        p,
        g.is_directed(),
        p.endpoints,
        sampled.then_some(&sources[..]),
    )?;
    Ok(sums)
}

/// Shortest-path betweenness of every node, with exactly networkx's `betweenness_centrality`
/// semantics (including `k` sampling, `endpoints` and `_rescale`).
///
/// `b(v) = sum over sources s != v, targets t != v, s, of sigma_st(v) / sigma_st`, with
/// shortest paths by hop count (BFS) or, when `use_weights` and the graph is weighted, by
/// total weight (Dijkstra; ties by exact float equality of `dist[v] + w`, as networkx does, so
/// integer weights agree exactly). Self-loops never lie on a shortest path.
///
/// # Arguments
/// * `g` – the graph (undirected graphs use each edge both ways).
/// * `p` – see [`BetweennessParams`]. With `k < n`, `k` distinct sources are drawn uniformly
///   with [`Rng::new`]`(seed)`; `k == n` is exact.
/// * `cancel` – polled once per source.
///
/// # Errors
/// * [`Error::InvalidParameter`] – `k > n`, or `k == 0` where networkx divides by zero.
/// * [`Error::InvalidGraph`] – a negative (or non-finite) weight when weights are used.
/// * [`Error::Interrupted`] – `cancel` fired.
///
/// Zero weights are allowed: paths are then counted along zero-weight edges in the order
/// nodes are settled (networkx's result then depends on its adjacency order).
///
/// # Complexity
/// O(k m) unweighted, O(k (m + n log n)) weighted (k = number of sources), parallel over
/// sources; O(n) scratch per leaf, bit-identical for any number of threads.
///
/// # Reference
/// U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25(2), 2001;
/// U. Brandes and C. Pich, "Centrality estimation in large networks", Int. J. Bifurcation and
/// Chaos 17(7), 2007.
///
/// # Example
/// ```
/// use impactgraph_core::centrality::{betweenness_centrality, BetweennessParams};
/// use impactgraph_core::{BuildOptions, Cancel, Csr};
/// // The path 0 - 1 - 2: only 1 is between, on the one pair {0, 2}, normalized by 1.
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let b = betweenness_centrality(&g, &BetweennessParams::default(), &Cancel::new()).unwrap();
/// assert_eq!(b, vec![0.0, 1.0, 0.0]);
/// ```
pub fn betweenness_centrality(g: &Csr, p: &BetweennessParams, cancel: &Cancel) -> Result<Vec<f64>> {
    let n = g.num_nodes();
    let (weights, sources, sampled) = prepare(g, p)?;
    let mode = if p.endpoints {
        Mode::NodeEndpoints
    } else {
        Mode::Node
    };
    let mut b = accumulate(g, weights, &sources, mode, None, n, cancel)?;
    rescale(
        &mut b,
        n,
        p,
        g.is_directed(),
        p.endpoints,
        sampled.then_some(&sources[..]),
    )?;
    Ok(b)
}

/// Shortest-path betweenness of every edge, with exactly networkx's
/// `edge_betweenness_centrality` semantics (`p.endpoints` is ignored).
///
/// Returns `(src, dst, value)` with one entry per edge in CSR order: every arc of a directed
/// graph; each undirected edge once with `src <= dst` (its value sums both directions; a
/// self-loop gets 0).
///
/// # Errors
/// As [`betweenness_centrality`].
///
/// # Complexity
/// As [`betweenness_centrality`], with O(arcs) accumulator per leaf.
///
/// # Example
/// ```
/// use impactgraph_core::centrality::{edge_betweenness_centrality, BetweennessParams};
/// use impactgraph_core::{BuildOptions, Cancel, Csr};
/// // The path 0 - 1 - 2: each edge is on 2 of the 3 pairs; normalized by n (n - 1) / 2 = 3.
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let p = BetweennessParams { normalized: false, ..Default::default() };
/// let (s, d, b) = edge_betweenness_centrality(&g, &p, &Cancel::new()).unwrap();
/// assert_eq!((s, d, b), (vec![0, 1], vec![1, 2], vec![2.0, 2.0]));
/// ```
pub fn edge_betweenness_centrality(
    g: &Csr,
    p: &BetweennessParams,
    cancel: &Cancel,
) -> Result<EdgeValues> {
    let n = g.num_nodes();
    let (weights, sources, sampled) = prepare(g, p)?;
    let adj = g.out_adj();
    let arc = accumulate(
        g,
        weights,
        &sources,
        Mode::Edge,
        None,
        adj.num_arcs(),
        cancel,
    )?;
    let directed = g.is_directed();
    let m = g.num_edges();
    let (mut src, mut dst, mut val) = (
        Vec::with_capacity(m),
        Vec::with_capacity(m),
        Vec::with_capacity(m),
    );
    for u in 0..n {
        for j in adj.range(u) {
            let v = adj.indices[j];
            if directed {
                val.push(arc[j]);
            } else if u as u32 <= v {
                let mut x = arc[j];
                if u as u32 != v {
                    let row = adj.range(v as usize);
                    // Rows are sorted: find u in v's row.
                    if let Ok(r) = adj.indices[row.clone()].binary_search(&(u as u32)) {
                        x += arc[row.start + r];
                    }
                }
                val.push(x);
            } else {
                continue;
            }
            src.push(u as u32);
            dst.push(v);
        }
    }
    rescale(
        &mut val,
        n,
        p,
        directed,
        true,
        sampled.then_some(&sources[..]),
    )?;
    Ok((src, dst, val))
}

/// Betweenness over the paths from `sources` to `targets` only, with exactly networkx's
/// `betweenness_centrality_subset` semantics: `b(v) = sum over s in sources, t in targets
/// (t != s, v not in {s, t}) of sigma_st(v) / sigma_st`, rescaled as exact betweenness without
/// endpoints (`1 / ((n - 1)(n - 2))` when `normalized`, `1/2` for undirected graphs otherwise).
///
/// A source listed twice counts twice (networkx loops over the list); target ids may repeat.
///
/// # Errors
/// * [`Error::NodeOutOfRange`] – a source or target id `>= n`.
/// * [`Error::InvalidGraph`] – a negative (or non-finite) weight when weights are used.
/// * [`Error::Interrupted`] – `cancel` fired.
///
/// # Complexity
/// O(|sources| m) unweighted, O(|sources| (m + n log n)) weighted; parallel over sources and
/// bit-identical for any number of threads, as [`betweenness_centrality`].
///
/// # Example
/// ```
/// use impactgraph_core::centrality::betweenness_centrality_subset;
/// use impactgraph_core::{BuildOptions, Cancel, Csr};
/// // The path 0 - 1 - 2 - 3: paths from 0 to 3 pass 1 and 2; halved (undirected, raw).
/// let g = Csr::from_edges(&[0u32, 1, 2], &[1u32, 2, 3], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let b = betweenness_centrality_subset(&g, &[0], &[3], false, false, &Cancel::new()).unwrap();
/// assert_eq!(b, vec![0.0, 0.5, 0.5, 0.0]);
/// ```
pub fn betweenness_centrality_subset(
    g: &Csr,
    sources: &[u32],
    targets: &[u32],
    normalized: bool,
    use_weights: bool,
    cancel: &Cancel,
) -> Result<Vec<f64>> {
    let n = g.num_nodes();
    for (array, ids) in [("sources", sources), ("targets", targets)] {
        if let Some(index) = ids.iter().position(|&u| u as usize >= n) {
            return Err(Error::NodeOutOfRange {
                array,
                index,
                value: ids[index] as i128,
                num_nodes: n as u64,
            });
        }
    }
    let weights = g.checked_weights(
        use_weights,
        "weighted betweenness needs finite non-negative weights",
    )?;
    let mut mask = vec![false; n];
    for &t in targets {
        mask[t as usize] = true;
    }
    let mut b = accumulate(g, weights, sources, Mode::Node, Some(&mask), n, cancel)?;
    let p = BetweennessParams {
        normalized,
        ..Default::default()
    };
    rescale(&mut b, n, &p, g.is_directed(), false, None)?;
    Ok(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph, rmat};

    fn bc(g: &Csr, p: &BetweennessParams) -> Vec<f64> {
        betweenness_centrality(g, p, &Cancel::new()).unwrap()
    }

    /// Adds the partial sums of the tree's subtrees cut `depth` levels down, in tree order.
    fn split_sum(g: &Csr, p: &BetweennessParams, lo: usize, hi: usize, depth: u32) -> Vec<f64> {
        if depth == 0 || hi - lo <= 1 {
            return betweenness_partial(g, p, lo..hi, &Cancel::new()).unwrap();
        }
        let mid = lo + (hi - lo) / 2;
        let mut a = split_sum(g, p, lo, mid, depth - 1);
        for (x, y) in a.iter_mut().zip(split_sum(g, p, mid, hi, depth - 1)) {
            *x += y;
        }
        a
    }

    /// Any cut of the summation tree, rescaled, gives the bits of the single call.
    #[test]
    fn partial_sums_reproduce_the_single_call() {
        let g = rmat(11, 16_000, false, 3);
        let d = rmat(9, 4_000, true, 4);
        for (g, k, endpoints) in [
            (&g, Some(100), false),
            (&g, Some(1500), true),
            (&d, None, false),
        ] {
            let p = BetweennessParams {
                k,
                endpoints,
                seed: 5,
                ..Default::default()
            };
            let leaves = betweenness_leaves(g, &p).unwrap();
            let whole = bc(g, &p);
            for depth in [0, 1, 3, 6] {
                let b = betweenness_rescale(g, &p, split_sum(g, &p, 0, leaves, depth)).unwrap();
                assert_eq!(b, whole, "k = {k:?}, depth = {depth}");
            }
        }
        let p = BetweennessParams::default();
        let c = Cancel::new();
        assert!(betweenness_partial(&g, &p, 0..usize::MAX, &c).is_err());
        assert!(betweenness_rescale(&g, &p, vec![0.0; 3]).is_err());
    }

    fn raw() -> BetweennessParams {
        BetweennessParams {
            normalized: false,
            ..Default::default()
        }
    }

    /// Brute force: all-pairs shortest path counts by Floyd–Warshall-like dynamic programming
    /// over BFS/Dijkstra distances, then sigma_st(v) = sigma_sv * sigma_vt when
    /// d(s,v) + d(v,t) == d(s,t). Unnormalized, ordered pairs (networkx's raw sums).
    fn brute(g: &Csr, use_weights: bool) -> Vec<f64> {
        let n = g.num_nodes();
        let adj = g.out_adj();
        let w = |j: usize| match (&adj.weights, use_weights) {
            (Some(w), true) => w[j],
            _ => 1.0,
        };
        // Bellman-Ford style relaxation from each source (small graphs only).
        let mut dist = vec![vec![f64::INFINITY; n]; n];
        let mut sig = vec![vec![0.0; n]; n];
        for s in 0..n {
            dist[s][s] = 0.0;
            loop {
                let mut changed = false;
                for u in 0..n {
                    for j in adj.range(u) {
                        let v = adj.indices[j] as usize;
                        if dist[s][u] + w(j) < dist[s][v] {
                            dist[s][v] = dist[s][u] + w(j);
                            changed = true;
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            // Count paths in distance order.
            let mut ord: Vec<usize> = (0..n).filter(|&v| dist[s][v].is_finite()).collect();
            ord.sort_by(|a, b| dist[s][*a].partial_cmp(&dist[s][*b]).unwrap());
            sig[s][s] = 1.0;
            for &v in &ord {
                for j in adj.range(v) {
                    let x = adj.indices[j] as usize;
                    if x != v && dist[s][v] + w(j) == dist[s][x] {
                        sig[s][x] += sig[s][v];
                    }
                }
            }
        }
        let mut b = vec![0.0; n];
        for s in 0..n {
            for t in 0..n {
                if s == t || !dist[s][t].is_finite() {
                    continue;
                }
                for v in 0..n {
                    if v != s && v != t && dist[s][v] + dist[v][t] == dist[s][t] {
                        b[v] += sig[s][v] * sig[v][t] / sig[s][t];
                    }
                }
            }
        }
        b
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0))
    }

    //   0 - 1 - 2 - 3 - 4   path: b(v) = (#left) * (#right) unordered pairs.
    #[test]
    fn path_hand_derived() {
        let g = build(&[0, 1, 2, 3], &[1, 2, 3, 4], None, false, None);
        assert_eq!(bc(&g, &raw()), vec![0.0, 3.0, 4.0, 3.0, 0.0]);
        // normalized: divide by (n-1)(n-2)/2 = 6.
        let b = bc(&g, &BetweennessParams::default());
        assert!(close(&b, &[0.0, 0.5, 4.0 / 6.0, 0.5, 0.0]));
        // endpoints: each node also gets the n-1 = 4 pairs it ends (unnormalized).
        let p = BetweennessParams {
            endpoints: true,
            ..raw()
        };
        assert_eq!(bc(&g, &p), vec![4.0, 7.0, 8.0, 7.0, 4.0]);
    }

    //       1
    //       |
    //   2 - 0 - 3      star: the centre is on all C(4, 2) = 6 leaf pairs.
    //       |
    //       4
    #[test]
    fn star_hand_derived() {
        let g = build(&[0, 0, 0, 0], &[1, 2, 3, 4], None, false, None);
        assert_eq!(bc(&g, &raw()), vec![6.0, 0.0, 0.0, 0.0, 0.0]);
        assert_eq!(
            bc(&g, &BetweennessParams::default()),
            vec![1.0, 0.0, 0.0, 0.0, 0.0]
        );
        // Edge betweenness: each spoke is on its leaf's 4 pairs.
        let (_, _, e) = edge_betweenness_centrality(&g, &raw(), &Cancel::new()).unwrap();
        assert_eq!(e, vec![4.0; 4]);
    }

    //   0 - 1
    //   |   |      4-cycle: two shortest paths between opposite nodes, each
    //   3 - 2      middle node gets 1/2 from each of its opposite pair: b = 1/2.
    #[test]
    fn cycle_hand_derived() {
        let g = build(&[0, 1, 2, 3], &[1, 2, 3, 0], None, false, None);
        assert_eq!(bc(&g, &raw()), vec![0.5; 4]);
        // Directed 4-cycle 0->1->2->3->0: every node is inside the paths of 3 ordered pairs
        // (lengths 2 and 3): 1 + 2 = 3 pairs per node.
        let g = build(&[0, 1, 2, 3], &[1, 2, 3, 0], None, true, None);
        assert_eq!(bc(&g, &raw()), vec![3.0; 4]);
    }

    // 0 -1- 1 -1- 2, 0 -2- 2: with weights both 0->2 routes tie (length 2).
    #[test]
    fn weighted_tie() {
        let g = build(&[0, 1, 0], &[1, 2, 2], Some(&[1.0, 1.0, 2.0]), false, None);
        assert_eq!(bc(&g, &raw()), vec![0.0, 0.5, 0.0]);
        let p = BetweennessParams {
            use_weights: false,
            ..raw()
        };
        assert_eq!(bc(&g, &p), vec![0.0, 0.0, 0.0]);
    }

    #[test]
    fn matches_brute_force_on_random_graphs() {
        for seed in 0..12 {
            for directed in [false, true] {
                for weighted in [false, true] {
                    // Integer weights, so that float sums are exact and the brute force's
                    // tie tests agree with any summation order.
                    let g0 = random_graph(25, 50, directed, weighted, seed);
                    let adj = g0.out_adj();
                    let (mut s, mut d, mut w) = (vec![], vec![], vec![]);
                    for u in 0..25 {
                        for j in adj.range(u) {
                            let v = adj.indices[j];
                            if directed || u as u32 <= v {
                                s.push(u as u32);
                                d.push(v);
                                w.push(
                                    adj.weights
                                        .as_ref()
                                        .map_or(1.0, |w| w[j].round() % 3.0 + 1.0),
                                );
                            }
                        }
                    }
                    let g = build(&s, &d, weighted.then_some(&w[..]), directed, Some(25));
                    let mut want = brute(&g, weighted);
                    if !directed {
                        for x in want.iter_mut() {
                            *x /= 2.0;
                        }
                    }
                    let got = bc(&g, &raw());
                    assert!(
                        close(&got, &want),
                        "{seed} {directed} {weighted} {got:?} {want:?}"
                    );
                }
            }
        }
    }

    /// R-MAT graphs have a hub and a big middle level, so the bottom-up forward steps and the
    /// push backward steps run; the brute force does not care.
    #[test]
    fn direction_optimised_steps_match_brute_force() {
        for directed in [false, true] {
            let g = rmat(7, 1500, directed, 11);
            let mut want = brute(&g, false);
            if !directed {
                for x in want.iter_mut() {
                    *x /= 2.0;
                }
            }
            assert!(close(&bc(&g, &raw()), &want));
            let p = BetweennessParams {
                endpoints: true,
                ..raw()
            };
            let e = bc(&g, &p);
            assert!(e.iter().zip(&want).all(|(a, b)| a >= b));
        }
    }

    #[test]
    fn errors_and_small_graphs() {
        let g = build(&[0, 1], &[1, 2], Some(&[1.0, -1.0]), false, None);
        assert!(matches!(
            betweenness_centrality(&g, &BetweennessParams::default(), &Cancel::new()),
            Err(Error::InvalidGraph { .. })
        ));
        let p = BetweennessParams {
            use_weights: false,
            ..Default::default()
        };
        assert!(betweenness_centrality(&g, &p, &Cancel::new()).is_ok());
        let p = BetweennessParams {
            k: Some(4),
            use_weights: false,
            ..Default::default()
        };
        assert!(matches!(
            betweenness_centrality(&g, &p, &Cancel::new()),
            Err(Error::InvalidParameter { name: "k", .. })
        ));
        let empty = build(&[], &[], None, false, Some(0));
        assert!(bc(&empty, &BetweennessParams::default()).is_empty());
        let one = build(&[], &[], None, true, Some(1));
        assert_eq!(bc(&one, &BetweennessParams::default()), vec![0.0]);
        let c = Cancel::new();
        c.cancel();
        let p = BetweennessParams {
            use_weights: false,
            ..Default::default()
        };
        assert!(matches!(
            betweenness_centrality(&g, &p, &c),
            Err(Error::Interrupted)
        ));
    }

    #[test]
    fn sampled_all_equals_exact_and_threads_bit_identical() {
        let g = random_graph(300, 900, false, true, 5);
        let exact = bc(&g, &BetweennessParams::default());
        let all = BetweennessParams {
            k: Some(300),
            seed: 9,
            ..Default::default()
        };
        assert_eq!(bc(&g, &all), exact);
        for mode_edge in [false, true] {
            for k in [None, Some(37)] {
                let p = BetweennessParams {
                    k,
                    seed: 3,
                    ..Default::default()
                };
                let run = |t| {
                    in_pool(t, || {
                        if mode_edge {
                            edge_betweenness_centrality(&g, &p, &Cancel::new())
                                .unwrap()
                                .2
                        } else {
                            bc(&g, &p)
                        }
                    })
                };
                let a = run(1);
                let b = run(4);
                assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
            }
        }
    }

    //   0 - 1 - 2 - 3 - 4 - 0  (cycle of 5)
    // networkx's test_scale_with_k_on_cycle_graph: seed=1 draws sources {0, 1, 4}; raw sums
    // are 2, 1, 1, 1, 1 (undirected, no endpoints); sources scale by N / ((k - 1) 2) = 1,
    // the others by N / (k 2) = 2 / 3.
    #[test]
    fn explicit_sources_rescale_as_networkx_sample() {
        let g = build(&[0, 1, 2, 3, 4], &[1, 2, 3, 4, 0], None, false, None);
        let p = BetweennessParams {
            sources: Some(vec![4, 0, 1]),
            ..raw()
        };
        let b = bc(&g, &p);
        let want = [2.0, 1.0, 2.0 / 3.0, 2.0 / 3.0, 1.0];
        assert!(
            b.iter().zip(&want).all(|(x, y)| (x - y).abs() < 1e-12),
            "{b:?}"
        );
        // The same sources as a k-sample give the same values (the sample is the only random step).
        let sampled = BetweennessParams {
            k: Some(3),
            seed: 11,
            ..raw()
        };
        let srcs = prepare(&g, &sampled).unwrap().1;
        let explicit = BetweennessParams {
            sources: Some(srcs),
            ..raw()
        };
        assert_eq!(bc(&g, &explicit), bc(&g, &sampled));
        let e1 = edge_betweenness_centrality(&g, &explicit, &Cancel::new()).unwrap();
        let e2 = edge_betweenness_centrality(&g, &sampled, &Cancel::new()).unwrap();
        assert_eq!(e1, e2);
        for bad in [vec![5], vec![1, 1]] {
            let p = BetweennessParams {
                sources: Some(bad),
                ..raw()
            };
            assert!(matches!(
                betweenness_centrality(&g, &p, &Cancel::new()),
                Err(Error::InvalidParameter {
                    name: "sources",
                    ..
                })
            ));
        }
        let both = BetweennessParams {
            k: Some(2),
            sources: Some(vec![0]),
            ..raw()
        };
        assert!(betweenness_centrality(&g, &both, &Cancel::new()).is_err());
    }

    /// Subset betweenness against brute force: sigma_st(v) = sigma_sv sigma_vt over the pairs
    /// (s in sources, t in targets); with all nodes as both, it is the exact betweenness.
    #[test]
    fn subset_matches_brute_force_and_full() {
        for (directed, weighted) in [(false, false), (true, false), (false, true), (true, true)] {
            let g = random_graph(40, 90, directed, weighted, 13);
            let n = g.num_nodes();
            let all: Vec<u32> = (0..n as u32).collect();
            let p = BetweennessParams {
                use_weights: weighted,
                ..Default::default()
            };
            let full = bc(&g, &p);
            let c = Cancel::new();
            let sub = betweenness_centrality_subset(&g, &all, &all, true, weighted, &c).unwrap();
            assert!(sub.iter().zip(&full).all(|(a, b)| (a - b).abs() < 1e-12));
            let sources: Vec<u32> = (0..n as u32).step_by(3).collect();
            let targets: Vec<u32> = (1..n as u32).step_by(4).collect();
            let got =
                betweenness_centrality_subset(&g, &sources, &targets, false, weighted, &c).unwrap();
            let want = brute_subset(&g, weighted, &sources, &targets);
            let half = if directed { 1.0 } else { 0.5 };
            for v in 0..n {
                assert!(
                    (got[v] - half * want[v]).abs() < 1e-9 * want[v].max(1.0),
                    "{v}"
                );
            }
        }
        let g = build(&[0], &[1], None, false, None);
        assert!(matches!(
            betweenness_centrality_subset(&g, &[0], &[2], false, false, &Cancel::new()),
            Err(Error::NodeOutOfRange {
                array: "targets",
                ..
            })
        ));
    }

    fn brute_subset(g: &Csr, w: bool, sources: &[u32], targets: &[u32]) -> Vec<f64> {
        let n = g.num_nodes();
        let adj = g.out_adj();
        let len = |j: usize| match (&adj.weights, w) {
            (Some(ws), true) => ws[j],
            _ => 1.0,
        };
        // Distances by Bellman-Ford rounds, then path counts in distance order.
        let mut dist = vec![vec![f64::INFINITY; n]; n];
        let mut sig = vec![vec![0.0; n]; n];
        for s in 0..n {
            dist[s][s] = 0.0;
            for _ in 0..n {
                for u in 0..n {
                    for j in adj.range(u) {
                        let v = adj.indices[j] as usize;
                        if dist[s][u] + len(j) < dist[s][v] {
                            dist[s][v] = dist[s][u] + len(j);
                        }
                    }
                }
            }
            let mut ord: Vec<usize> = (0..n).filter(|&v| dist[s][v].is_finite()).collect();
            ord.sort_by(|a, b| dist[s][*a].partial_cmp(&dist[s][*b]).unwrap());
            sig[s][s] = 1.0;
            for &u in &ord {
                for j in adj.range(u) {
                    let v = adj.indices[j] as usize;
                    if v != u && dist[s][u] + len(j) == dist[s][v] {
                        sig[s][v] += sig[s][u];
                    }
                }
            }
        }
        let mut b = vec![0.0; n];
        for &s in sources {
            for &t in targets {
                let (s, t) = (s as usize, t as usize);
                if s == t || sig[s][t] == 0.0 {
                    continue;
                }
                for v in 0..n {
                    if v != s && v != t && (dist[s][v] + dist[v][t] - dist[s][t]).abs() < 1e-9 {
                        b[v] += sig[s][v] * sig[v][t] / sig[s][t];
                    }
                }
            }
        }
        b
    }
}
