//! Seeded random graph generators: R-MAT / Graph500 Kronecker ([`rmat_edges`], [`rmat`]),
//! the stochastic block model ([`sbm`]), Erdős–Rényi G(n, p) ([`gnp`]) and the LFR benchmark
//! ([`lfr`], in `lfr.rs`).
//!
//! # Determinism
//!
//! Every generator is parallel and gives the identical graph for a given seed on any number of
//! threads. The work is cut into tasks that do not depend on the thread count (fixed blocks of
//! [`RMAT_BLOCK`] edges for R-MAT, one task per node for SBM and G(n, p)), and task `k` draws
//! from its own stream [`Rng::stream`]`(seed, k)`; results are concatenated in task order.
//! The streams come from the crate's own [`crate::rng`], so a seed's graph does not change
//! across dependency upgrades.

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::{
    sort_and_merge_rows, transpose, Adjacency, ArcSource, BuildOptions, Csr, Duplicates, Placer,
    MAX_NODES, PLACE_CHUNK,
};
use crate::error::{Error, Result};
use crate::rng::{Geometric, Rng};
use crate::NodeId;

/// Number of edges in one R-MAT task (and one RNG stream). Fixed, so that the edges do not
/// depend on the number of threads.
pub const RMAT_BLOCK: usize = 1 << 14;

/// Number of nodes whose neighbours one SBM / G(n, p) task samples (each node still has its own
/// RNG stream, so this only sets the granularity of the parallel loop).
const NODE_CHUNK: usize = 512;

/// Stream index of the R-MAT vertex permutation (edge blocks use streams `0, 1, 2, ...`).
const PERM_STREAM: u64 = u64::MAX;

/// Largest scale of [`rmat`]: 2^31 nodes still fit `u32` ids.
pub const MAX_SCALE: u32 = 31;

/// Tolerance of the symmetry check of an undirected SBM's matrix (networkx's, 1e-8).
const SYMMETRY_TOL: f64 = 1e-8;

/// Slack allowed on `a + b + c <= 1` for rounding in the caller's arithmetic.
const SUM_TOL: f64 = 1e-12;

// ---------------------------------------------------------------------------------------------
// Validation helpers
// ---------------------------------------------------------------------------------------------

fn check_probability(name: &'static str, v: f64) -> Result<()> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(())
    } else {
        Err(Error::param(
            name,
            format!("must be a probability in [0, 1], got {v}"),
        ))
    }
}

/// The largest number of edges we try to hold: two `u32` arrays of this length plus the CSR
/// must stay addressable.
fn max_edges() -> f64 {
    (isize::MAX as f64) / 32.0
}

/// A zeroed `Vec` of length `len`, or [`Error::TooLarge`] if it cannot be allocated.
fn try_zeroed<T: Clone + Default>(len: usize, what: impl FnOnce() -> String) -> Result<Vec<T>> {
    let mut v = Vec::new();
    if v.try_reserve_exact(len).is_err() {
        return Err(Error::TooLarge { message: what() });
    }
    v.resize(len, T::default());
    Ok(v)
}

// ---------------------------------------------------------------------------------------------
// R-MAT
// ---------------------------------------------------------------------------------------------

/// Cumulative quadrant thresholds in 32-bit fixed point: a 32-bit draw `r` falls in quadrant
/// `(r >= ta) + (r >= tab) + (r >= tabc)` (0 = a, 1 = b, 2 = c, 3 = d).
#[derive(Debug, Clone, Copy)]
struct Quadrants {
    ta: u64,
    tab: u64,
    tabc: u64,
}

impl Quadrants {
    fn new(a: f64, b: f64, c: f64) -> Self {
        let one = (1u64 << 32) as f64;
        let t = |x: f64| (x * one).round().clamp(0.0, one) as u64;
        Quadrants {
            ta: t(a),
            tab: t(a + b),
            tabc: t(a + b + c),
        }
    }

    /// Source and target bits of one 32-bit draw: the source bit is 1 in quadrants c and d
    /// (`r >= tab`), the target bit in b and d (`ta <= r < tab` or `r >= tabc`).
    #[inline(always)]
    fn bits(&self, r: u32) -> (u32, u32) {
        let r = r as u64;
        let (ca, cab, cabc) = (
            (r >= self.ta) as u32,
            (r >= self.tab) as u32,
            (r >= self.tabc) as u32,
        );
        (cab, ca ^ cab ^ cabc)
    }
}

/// One R-MAT edge: `scale` quadrant choices, two per 64-bit draw, most significant bit first.
#[inline(always)]
fn rmat_edge(rng: &mut Rng, scale: u32, q: &Quadrants) -> (u32, u32) {
    let (mut s, mut d) = (0u32, 0u32);
    let mut left = scale;
    while left >= 2 {
        let x = rng.next_u64();
        let (s0, d0) = q.bits(x as u32);
        let (s1, d1) = q.bits((x >> 32) as u32);
        s = (s << 2) | (s0 << 1) | s1;
        d = (d << 2) | (d0 << 1) | d1;
        left -= 2;
    }
    if left == 1 {
        let (s0, d0) = q.bits(rng.next_u32());
        s = (s << 1) | s0;
        d = (d << 1) | d0;
    }
    (s, d)
}

/// Validates the R-MAT parameters and returns the number of edges.
fn rmat_check(scale: u32, edge_factor: u64, a: f64, b: f64, c: f64) -> Result<usize> {
    if scale > MAX_SCALE {
        return Err(Error::param(
            "scale",
            format!("must be at most {MAX_SCALE} (2^scale nodes with u32 ids), got {scale}"),
        ));
    }
    check_probability("a", a)?;
    check_probability("b", b)?;
    check_probability("c", c)?;
    let sum = a + b + c;
    if sum > 1.0 + SUM_TOL {
        return Err(Error::param(
            "a + b + c",
            format!("must be at most 1 (d = 1 - a - b - c), got {a} + {b} + {c} = {sum}"),
        ));
    }
    let m = edge_factor
        .checked_mul(1u64 << scale)
        .filter(|&m| (m as f64) <= max_edges())
        .and_then(|m| usize::try_from(m).ok());
    m.ok_or_else(|| Error::TooLarge {
        message: format!(
            "edge_factor * 2^scale = {edge_factor} * 2^{scale} edges do not fit in memory; \
             lower edge_factor or scale"
        ),
    })
}

/// The R-MAT edge list, optionally with the vertex permutation applied.
#[allow(clippy::too_many_arguments)]
fn rmat_edges_impl(
    scale: u32,
    edge_factor: u64,
    a: f64,
    b: f64,
    c: f64,
    seed: u64,
    permute: bool,
    cancel: &Cancel,
) -> Result<(Vec<NodeId>, Vec<NodeId>)> {
    let m = rmat_check(scale, edge_factor, a, b, c)?;
    let n = 1usize << scale;
    let q = Quadrants::new(a, b, c);
    let oom = || {
        format!(
            "cannot allocate the {} edges of rmat(scale={scale}, edge_factor={edge_factor}); \
             lower edge_factor or scale",
            m
        )
    };
    let mut src: Vec<NodeId> = try_zeroed(m, oom)?;
    let mut dst: Vec<NodeId> = try_zeroed(m, oom)?;
    cancel.check()?;

    // The permutation is sequential (Fisher–Yates); build it while the blocks are generated.
    let gen_edges = |src: &mut [NodeId], dst: &mut [NodeId]| -> Result<()> {
        src.par_chunks_mut(RMAT_BLOCK)
            .zip(dst.par_chunks_mut(RMAT_BLOCK))
            .enumerate()
            .try_for_each(|(k, (s, d))| {
                cancel.check()?;
                let mut rng = Rng::stream(seed, k as u64);
                for (se, de) in s.iter_mut().zip(d.iter_mut()) {
                    (*se, *de) = rmat_edge(&mut rng, scale, &q);
                }
                Ok(())
            })
    };
    let gen_perm = || -> Result<Option<Vec<NodeId>>> {
        if permute {
            rmat_permutation(n, scale, seed, cancel).map(Some)
        } else {
            Ok(None)
        }
    };
    let (edges, perm) = rayon::join(|| gen_edges(&mut src, &mut dst), gen_perm);
    edges?;
    if let Some(perm) = perm? {
        src.par_chunks_mut(RMAT_BLOCK)
            .zip(dst.par_chunks_mut(RMAT_BLOCK))
            .try_for_each(|(s, d)| {
                cancel.check()?;
                for x in s.iter_mut().chain(d.iter_mut()) {
                    *x = perm[*x as usize];
                }
                Ok::<(), Error>(())
            })?;
    }
    Ok((src, dst))
}

/// Graph500-style R-MAT (recursive matrix / stochastic Kronecker) edge list.
///
/// Each of the m = `edge_factor` · 2^`scale` edges picks one quadrant of the adjacency matrix
/// per level, `scale` times: top-left with probability `a`, top-right `b`, bottom-left `c`,
/// bottom-right d = 1 − a − b − c. Node ids are then relabelled by a uniformly random
/// permutation of `0..2^scale` drawn from the seed (Fisher–Yates), as the Graph500 reference
/// generator does, so that the hubs are not all at low ids. Duplicates and self-loops are kept,
/// as generated; the edges are in generation order.
///
/// Quadrants are chosen from 32-bit draws, so each probability is rounded to a multiple of
/// 2^-32.
///
/// # Arguments
/// * `scale` – log2 of the number of nodes, at most 31.
/// * `edge_factor` – edges per node; m = `edge_factor` · 2^`scale`.
/// * `a`, `b`, `c` – quadrant probabilities, each in [0, 1], with a + b + c ≤ 1
///   (Graph500: 0.57, 0.19, 0.19).
/// * `seed` – the graph is a function of the seed alone (not of the thread count).
/// * `cancel` – checked once per block of [`RMAT_BLOCK`] edges.
///
/// # Errors
/// [`Error::InvalidParameter`] for `scale > 31`, a probability outside [0, 1] or NaN, or
/// a + b + c > 1; [`Error::TooLarge`] when the m edges cannot be allocated;
/// [`Error::Interrupted`].
///
/// # Complexity
/// O(m · scale) work in parallel blocks plus an O(2^scale) sequential shuffle (overlapped with
/// the edge generation); 8m bytes for the result and 4 · 2^scale for the permutation.
///
/// # References
/// * D. Chakrabarti, Y. Zhan and C. Faloutsos, "R-MAT: A recursive model for graph mining",
///   SIAM International Conference on Data Mining (SDM), 2004.
/// * Graph500 Steering Committee, "Graph500 benchmark specification", section 3
///   (Kronecker generator, vertex permutation), <https://graph500.org/?page_id=12>.
///
/// # Example
/// ```
/// use impactgraph_core::{generators::rmat_edges, Cancel};
/// let (src, dst) = rmat_edges(10, 16, 0.57, 0.19, 0.19, 42, &Cancel::new()).unwrap();
/// assert_eq!(src.len(), 16 * 1024);
/// assert!(src.iter().chain(&dst).all(|&v| v < 1024));
/// ```
#[allow(clippy::too_many_arguments)]
pub fn rmat_edges(
    scale: u32,
    edge_factor: u64,
    a: f64,
    b: f64,
    c: f64,
    seed: u64,
    cancel: &Cancel,
) -> Result<(Vec<NodeId>, Vec<NodeId>)> {
    rmat_edges_impl(scale, edge_factor, a, b, c, seed, true, cancel)
}

/// The R-MAT vertex permutation of `0..n`: Fisher–Yates on [`Rng::stream`]`(seed, PERM_STREAM)`.
fn rmat_permutation(n: usize, scale: u32, seed: u64, cancel: &Cancel) -> Result<Vec<NodeId>> {
    let mut perm: Vec<NodeId> = Vec::new();
    if perm.try_reserve_exact(n).is_err() {
        return Err(Error::TooLarge {
            message: format!("cannot allocate the permutation of 2^{scale} nodes"),
        });
    }
    perm.extend(0..n as NodeId);
    let mut rng = Rng::stream(seed, PERM_STREAM);
    for i in (1..n).rev() {
        if i % (1 << 20) == 0 {
            cancel.check()?;
        }
        let j = rng.below(i as u64 + 1) as usize;
        perm.swap(i, j);
    }
    Ok(perm)
}

/// Fills `src`, `dst` (one chunk of at most [`PLACE_CHUNK`] edges starting at block `k0`)
/// with R-MAT edges, unpermuted: block `k0 + j` is drawn from [`Rng::stream`]`(seed, k0 + j)`,
/// exactly as in [`rmat_edges`].
#[allow(clippy::too_many_arguments)]
fn rmat_fill(
    k0: usize,
    src: &mut [NodeId],
    dst: &mut [NodeId],
    scale: u32,
    q: &Quadrants,
    seed: u64,
    cancel: &Cancel,
) -> Result<()> {
    src.par_chunks_mut(RMAT_BLOCK)
        .zip(dst.par_chunks_mut(RMAT_BLOCK))
        .enumerate()
        .try_for_each(|(j, (s, d))| {
            cancel.check()?;
            let mut rng = Rng::stream(seed, (k0 + j) as u64);
            for (se, de) in s.iter_mut().zip(d.iter_mut()) {
                (*se, *de) = rmat_edge(&mut rng, scale, q);
            }
            Ok(())
        })
}

/// One chunk of R-MAT edges seen as the arcs of the simple graph (self-loops dropped).
fn rmat_arcs<'a>(
    src: &'a [NodeId],
    dst: &'a [NodeId],
    directed: bool,
) -> ArcSource<'a, NodeId, f64> {
    ArcSource {
        src,
        dst,
        weights: None,
        directed,
        keep_loops: false,
    }
}

/// The simple R-MAT graph on 2^`scale` nodes: the edges of [`rmat_edges`] with duplicates
/// merged and self-loops dropped, unweighted. Isolated nodes are kept, so the graph always has
/// exactly 2^`scale` nodes.
///
/// The edge list is never materialised: the edges are generated twice, chunk by chunk of
/// [`PLACE_CHUNK`] edges, from the same block streams as [`rmat_edges`], once to count the
/// row lengths and once to place every arc into its row of the CSR (through cache-sized
/// buckets of rows, as [`Csr::from_edges`] does); the rows are then sorted and their
/// duplicates merged in place. The result is identical to [`Csr::from_edges`] on the output of
/// [`rmat_edges`] (with [`Duplicates::First`] and self-loops dropped), on any number of threads.
///
/// # Arguments
/// As [`rmat_edges`], plus `directed`: keep (u, v) and (v, u) apart (`true`) or merge them.
///
/// # Errors
/// As [`rmat_edges`]; [`Error::TooLarge`] when the arcs (2 per non-loop edge undirected, 1
/// directed) cannot be allocated.
///
/// # Complexity
/// O(m · scale) work in two parallel generation passes (cancel is checked once per block of
/// [`RMAT_BLOCK`] edges in each), an O(2^scale) sequential shuffle overlapped with the first
/// pass, then the per-row sorts. Peak memory is the CSR before duplicates are merged (4 bytes
/// per generated arc plus 8 · 2^scale for `indptr`) plus 12 bytes per node (8 for the row
/// counts, later the placement cursors, and 4 for the permutation) plus about 50 MB of chunk
/// buffers; `indices` shrinks to the final CSR after the merge. Directed graphs then add their
/// transpose (8 bytes per node of counts while it is built).
///
/// # References
/// Chakrabarti, Zhan & Faloutsos (SDM 2004); the Graph500 specification (see [`rmat_edges`]).
///
/// # Example
/// ```
/// use impactgraph_core::{generators::rmat, Cancel};
/// let g = rmat(8, 8, 0.57, 0.19, 0.19, 1, false, &Cancel::new()).unwrap();
/// assert_eq!(g.num_nodes(), 256);
/// assert_eq!(g.num_self_loops(), 0);
/// assert!(g.num_edges() <= 8 * 256);
/// ```
#[allow(clippy::too_many_arguments)]
pub fn rmat(
    scale: u32,
    edge_factor: u64,
    a: f64,
    b: f64,
    c: f64,
    seed: u64,
    directed: bool,
    cancel: &Cancel,
) -> Result<Csr> {
    let m = rmat_check(scale, edge_factor, a, b, c)?;
    let n = 1usize << scale;
    let q = Quadrants::new(a, b, c);
    cancel.check()?;
    // The edges are generated chunk by chunk (PLACE_CHUNK is a multiple of RMAT_BLOCK, so a
    // chunk is whole blocks) into two small buffers, in both passes.
    const _: () = assert!(PLACE_CHUNK % RMAT_BLOCK == 0);
    let chunk = PLACE_CHUNK.min(m);
    let mut src: Vec<NodeId> = vec![0; chunk];
    let mut dst: Vec<NodeId> = vec![0; chunk];
    // 1. Arcs per row of the unpermuted ids (a self-loop stays one after the permutation, so
    //    the counts only need relabelling), while the permutation is drawn.
    let mut counts: Vec<u64> = try_zeroed(n, || {
        format!("cannot allocate the row counts of rmat(scale={scale})")
    })?;
    let count_pass = || -> Result<()> {
        for c0 in (0..m).step_by(PLACE_CHUNK) {
            let len = PLACE_CHUNK.min(m - c0);
            let (s, d) = (&mut src[..len], &mut dst[..len]);
            rmat_fill(c0 / RMAT_BLOCK, s, d, scale, &q, seed, cancel)?;
            rmat_arcs(s, d, directed).count_rows_into(&mut counts, cancel)?;
        }
        Ok(())
    };
    let (counted, perm) = rayon::join(count_pass, || rmat_permutation(n, scale, seed, cancel));
    counted?;
    let perm = perm?;

    // 2. indptr over the permuted ids.
    let mut indptr: Vec<u64> = try_zeroed(n + 1, || {
        format!("cannot allocate the row offsets of rmat(scale={scale})")
    })?;
    for (x, &cnt) in counts.iter().enumerate() {
        indptr[perm[x] as usize + 1] = cnt;
    }
    drop(counts);
    for u in 0..n {
        indptr[u + 1] += indptr[u];
    }
    let arcs = usize::try_from(indptr[n]).map_err(|_| Error::TooLarge {
        message: format!("{} arcs do not fit in memory", indptr[n]),
    })?;
    cancel.check()?;

    // 3. Placement: the same edges again, relabelled, placed chunk by chunk through
    //    cache-sized buckets of rows (as `Csr::from_edges` does).
    let mut indices: Vec<NodeId> = try_zeroed(arcs, || {
        format!(
            "cannot allocate the {arcs} arcs of rmat(scale={scale}, edge_factor={edge_factor}); \
             lower edge_factor or scale"
        )
    })?;
    if arcs > 0 {
        let mut placer = Placer::<f64>::new(&indptr, m, false);
        for c0 in (0..m).step_by(PLACE_CHUNK) {
            let len = PLACE_CHUNK.min(m - c0);
            let (s, d) = (&mut src[..len], &mut dst[..len]);
            rmat_fill(c0 / RMAT_BLOCK, s, d, scale, &q, seed, cancel)?;
            s.par_chunks_mut(RMAT_BLOCK)
                .zip(d.par_chunks_mut(RMAT_BLOCK))
                .for_each(|(s, d)| {
                    for x in s.iter_mut().chain(d.iter_mut()) {
                        *x = perm[*x as usize];
                    }
                });
            rmat_arcs(s, d, directed).place(&mut placer, &indptr, &mut indices, None, cancel)?;
        }
    }
    drop(perm);
    drop(src);
    drop(dst);

    // 4. Sort rows, merge duplicates, compact in place; then the in-adjacency.
    let mut out = Adjacency {
        indptr: indptr.into(),
        indices: indices.into(),
        weights: None,
    };
    let self_loops = sort_and_merge_rows(&mut out, Duplicates::First, directed, cancel)?;
    let inc = if directed {
        Some(transpose(&out, n, cancel)?)
    } else {
        None
    };
    Ok(Csr::from_parts(n, directed, out, inc, self_loops))
}

// ---------------------------------------------------------------------------------------------
// Stochastic block model and G(n, p)
// ---------------------------------------------------------------------------------------------

/// A validated block model: block boundaries and the probability matrix.
struct BlockModel<'a> {
    /// `starts[i]..starts[i + 1]` are the nodes of block `i`; `starts[k] = n`.
    starts: Vec<u64>,
    /// k × k row-major probabilities.
    p: &'a [f64],
    directed: bool,
    self_loops: bool,
}

impl BlockModel<'_> {
    fn k(&self) -> usize {
        self.starts.len() - 1
    }

    fn n(&self) -> u64 {
        self.starts[self.k()]
    }

    /// Expected number of edges.
    fn expected_edges(&self) -> f64 {
        let k = self.k();
        let size = |i: usize| (self.starts[i + 1] - self.starts[i]) as f64;
        let mut mu = 0.0;
        for i in 0..k {
            for j in 0..k {
                let pij = self.p[i * k + j];
                let pairs = if i != j {
                    if self.directed || i < j {
                        size(i) * size(j)
                    } else {
                        0.0
                    }
                } else {
                    let s = size(i);
                    match (self.directed, self.self_loops) {
                        (true, true) => s * s,
                        (true, false) => s * (s - 1.0),
                        (false, true) => s * (s + 1.0) / 2.0,
                        (false, false) => s * (s - 1.0) / 2.0,
                    }
                };
                mu += pairs * pij;
            }
        }
        mu
    }

    /// Refuses models whose expected edge count cannot be held in memory.
    fn check_size(&self, what: &'static str) -> Result<()> {
        let mu = self.expected_edges();
        if mu > max_edges() {
            return Err(Error::TooLarge {
                message: format!(
                    "{what} would have about {mu:.3e} edges, more than can be held in memory"
                ),
            });
        }
        Ok(())
    }

    /// Samples the edges (u, v) of every node u, in node order. Undirected edges are produced
    /// once, with u <= v.
    fn sample(&self, seed: u64, cancel: &Cancel) -> Result<(Vec<NodeId>, Vec<NodeId>)> {
        let k = self.k();
        let n = self.n() as usize;
        let geo: Vec<Geometric> = self.p.iter().map(|&x| Geometric::new(x)).collect();
        let chunks = n.div_ceil(NODE_CHUNK);
        let parts: Vec<Result<(Vec<NodeId>, Vec<NodeId>)>> = (0..chunks)
            .into_par_iter()
            .map(|ch| {
                cancel.check()?;
                let lo = ch * NODE_CHUNK;
                let hi = (lo + NODE_CHUNK).min(n);
                let mut src = Vec::new();
                let mut dst = Vec::new();
                // Block of the first node of the chunk, then advanced as u grows.
                let mut bu = self.starts.partition_point(|&s| s <= lo as u64) - 1;
                for u in lo..hi {
                    while self.starts[bu + 1] <= u as u64 {
                        bu += 1;
                    }
                    let mut rng = Rng::stream(seed, u as u64);
                    let u64_ = u as u64;
                    let first_block = if self.directed { 0 } else { bu };
                    for j in first_block..k {
                        let (p, g) = (self.p[bu * k + j], geo[bu * k + j]);
                        if p <= 0.0 {
                            continue;
                        }
                        let (b0, b1) = (self.starts[j], self.starts[j + 1]);
                        // Candidates: an interval [c0, c1), with u itself skipped when
                        // `hole` (directed, own block, no self-loops).
                        let (c0, hole) = if j != bu {
                            (b0, false)
                        } else if self.directed {
                            (b0, !self.self_loops)
                        } else if self.self_loops {
                            (u64_, false)
                        } else {
                            (u64_ + 1, false)
                        };
                        let count = (b1 - c0) - hole as u64;
                        let mut t = g.skip(&mut rng);
                        while t < count {
                            let mut v = c0 + t;
                            if hole && v >= u64_ {
                                v += 1;
                            }
                            src.push(u as NodeId);
                            dst.push(v as NodeId);
                            t = t.saturating_add(1).saturating_add(g.skip(&mut rng));
                        }
                    }
                }
                Ok((src, dst))
            })
            .collect();
        let mut total = 0usize;
        for part in &parts {
            match part {
                Ok((s, _)) => total += s.len(),
                Err(e) => return Err(e.clone()),
            }
        }
        let oom = || format!("cannot allocate the {total} sampled edges");
        let mut src: Vec<NodeId> = Vec::new();
        let mut dst: Vec<NodeId> = Vec::new();
        if src.try_reserve_exact(total).is_err() || dst.try_reserve_exact(total).is_err() {
            return Err(Error::TooLarge { message: oom() });
        }
        for (s, d) in parts.into_iter().flatten() {
            src.extend_from_slice(&s);
            dst.extend_from_slice(&d);
        }
        Ok((src, dst))
    }

    fn build(&self, seed: u64, cancel: &Cancel) -> Result<Csr> {
        let (src, dst) = self.sample(seed, cancel)?;
        let opts = BuildOptions {
            directed: self.directed,
            num_nodes: Some(self.n()),
            duplicates: Duplicates::First,
            self_loops: self.self_loops,
            ..BuildOptions::default()
        };
        Csr::from_edges(&src, &dst, None, &opts, cancel)
    }
}

/// Stochastic block model: nodes are split into blocks of the given sizes (numbered block by
/// block, as networkx's `stochastic_block_model` numbers them), and each pair of nodes u in
/// block i, v in block j is joined independently with probability `p[i * k + j]`.
///
/// For every node u (in parallel, with RNG stream (seed, u)) the neighbours v > u (all v for
/// directed graphs) are sampled block by block with geometric skipping (Batagelj & Brandes), so
/// the cost is proportional to the edges produced, not to the n² pairs. Undirected graphs use
/// the upper triangle `p[i][j]`, i <= j.
///
/// # Arguments
/// * `sizes` – block sizes (k >= 1 blocks; empty blocks are allowed).
/// * `p` – the k × k block probability matrix, row-major, entries in [0, 1]; symmetric
///   (to within 1e-8, networkx's tolerance) when `directed` is false.
/// * `directed` – sample (u, v) and (v, u) independently.
/// * `self_loops` – also sample (u, u) with probability `p[i][i]`.
/// * `seed` – the graph is a function of the seed alone (not of the thread count).
/// * `cancel` – checked once per chunk of nodes.
///
/// # Returns
/// The graph (unweighted, n = sum of `sizes` nodes) and each node's block.
///
/// # Errors
/// [`Error::InvalidParameter`] for empty `sizes`, a `p` of the wrong length, an entry outside
/// [0, 1] or NaN, or an asymmetric `p` for an undirected graph; [`Error::TooLarge`] for more
/// than `u32::MAX` nodes or an expected edge count that cannot be held in memory;
/// [`Error::Interrupted`].
///
/// # Complexity
/// O(n · k + m) expected work (m edges), in parallel over nodes; O(n + m) memory.
///
/// # References
/// * P. W. Holland, K. B. Laskey and S. Leinhardt, "Stochastic blockmodels: First steps",
///   Social Networks 5(2), 109–137, 1983.
/// * V. Batagelj and U. Brandes, "Efficient generation of large random networks",
///   Phys. Rev. E 71, 036113, 2005.
///
/// # Example
/// ```
/// use impactgraph_core::{generators::sbm, Cancel};
/// let p = [1.0, 0.0, 0.0, 1.0]; // two cliques
/// let (g, blocks) = sbm(&[3, 2], &p, false, false, 7, &Cancel::new()).unwrap();
/// assert_eq!(blocks, vec![0, 0, 0, 1, 1]);
/// assert_eq!(g.num_edges(), 3 + 1);
/// ```
pub fn sbm(
    sizes: &[usize],
    p: &[f64],
    directed: bool,
    self_loops: bool,
    seed: u64,
    cancel: &Cancel,
) -> Result<(Csr, Vec<u32>)> {
    if sizes.is_empty() {
        return Err(Error::param("sizes", "must hold at least one block size"));
    }
    let k = sizes.len();
    if k > u32::MAX as usize {
        return Err(Error::param("sizes", "more than 2^32 - 1 blocks"));
    }
    let mut starts = Vec::with_capacity(k + 1);
    let mut n = 0u64;
    starts.push(0);
    for &s in sizes {
        n = n.saturating_add(s as u64);
        starts.push(n);
    }
    if n > MAX_NODES {
        return Err(Error::TooLarge {
            message: format!(
                "sum(sizes) = {n} nodes; at most {MAX_NODES} are supported (u32 node ids)"
            ),
        });
    }
    if k.checked_mul(k) != Some(p.len()) {
        return Err(Error::param(
            "p",
            format!(
                "must be a {k} x {k} matrix ({} entries, row-major) for {k} blocks, got {} entries",
                k.saturating_mul(k),
                p.len()
            ),
        ));
    }
    for i in 0..k {
        for j in 0..k {
            let v = p[i * k + j];
            if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                return Err(Error::param(
                    "p",
                    format!("p[{i}][{j}] = {v} is not a probability in [0, 1]"),
                ));
            }
        }
    }
    if !directed {
        for i in 0..k {
            for j in i + 1..k {
                let (x, y) = (p[i * k + j], p[j * k + i]);
                if (x - y).abs() > SYMMETRY_TOL {
                    return Err(Error::param(
                        "p",
                        format!(
                            "must be symmetric for an undirected graph, but p[{i}][{j}] = {x} \
                             and p[{j}][{i}] = {y}"
                        ),
                    ));
                }
            }
        }
    }
    let model = BlockModel {
        starts,
        p,
        directed,
        self_loops,
    };
    model.check_size("this block model")?;
    let g = model.build(seed, cancel)?;
    let mut blocks: Vec<u32> = Vec::with_capacity(n as usize);
    for (i, &s) in sizes.iter().enumerate() {
        blocks.extend(std::iter::repeat_n(i as u32, s));
    }
    Ok((g, blocks))
}

/// Erdős–Rényi G(n, p): every pair of distinct nodes (ordered pair if `directed`) is an edge
/// independently with probability `p`; no self-loops (as networkx's `gnp_random_graph`).
///
/// Sampled like [`sbm`] with one block: per node, with RNG stream (seed, u) and geometric
/// skipping, in parallel over nodes.
///
/// # Arguments
/// * `n` – number of nodes, at most `u32::MAX`.
/// * `p` – edge probability in [0, 1].
/// * `directed` – sample (u, v) and (v, u) independently.
/// * `seed` – the graph is a function of the seed alone (not of the thread count).
/// * `cancel` – checked once per chunk of nodes.
///
/// # Errors
/// [`Error::InvalidParameter`] for `p` outside [0, 1] or NaN; [`Error::TooLarge`] for too
/// many nodes or an expected edge count that cannot be held in memory; [`Error::Interrupted`].
///
/// # Complexity
/// O(n + m) expected work, in parallel over nodes; O(n + m) memory.
///
/// # References
/// * P. Erdős and A. Rényi, "On random graphs I", Publ. Math. Debrecen 6, 1959;
///   E. N. Gilbert, "Random graphs", Ann. Math. Statist. 30, 1959.
/// * V. Batagelj and U. Brandes, "Efficient generation of large random networks",
///   Phys. Rev. E 71, 036113, 2005.
///
/// # Example
/// ```
/// use impactgraph_core::{generators::gnp, Cancel};
/// let g = gnp(100, 1.0, false, 3, &Cancel::new()).unwrap();
/// assert_eq!(g.num_edges(), 100 * 99 / 2);
/// ```
pub fn gnp(n: usize, p: f64, directed: bool, seed: u64, cancel: &Cancel) -> Result<Csr> {
    check_probability("p", p)?;
    if n as u64 > MAX_NODES {
        return Err(Error::TooLarge {
            message: format!("n = {n} nodes; at most {MAX_NODES} are supported (u32 node ids)"),
        });
    }
    let pm = [p];
    let model = BlockModel {
        starts: vec![0, n as u64],
        p: &pm,
        directed,
        self_loops: false,
    };
    model.check_size("gnp(n, p)")?;
    model.build(seed, cancel)
}

// ---------------------------------------------------------------------------------------------
// LFR benchmark (in its own file, `lfr.rs`)
// ---------------------------------------------------------------------------------------------

pub use crate::lfr::{lfr, LfrParams};

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

    /// |x - mean| within 5 standard deviations of a binomial(trials, prob) count.
    fn assert_binomial(x: usize, trials: f64, prob: f64, what: &str) {
        let mean = trials * prob;
        let sd = (trials * prob * (1.0 - prob)).sqrt();
        assert!(
            (x as f64 - mean).abs() <= 5.0 * sd,
            "{what}: got {x}, expected {mean:.1} +- 5 * {sd:.2}"
        );
    }

    const GRAPH500: (f64, f64, f64) = (0.57, 0.19, 0.19);

    fn rmat_e(scale: u32, ef: u64, seed: u64) -> (Vec<u32>, Vec<u32>) {
        let (a, b, c) = GRAPH500;
        rmat_edges(scale, ef, a, b, c, seed, &Cancel::new()).unwrap()
    }

    #[test]
    fn rmat_edges_seeded_and_thread_independent() {
        // 2^12 * 16 = 65536 edges = 4 blocks.
        let one = pool(1, || rmat_e(12, 16, 5));
        let four = pool(4, || rmat_e(12, 16, 5));
        assert_eq!(one.0.len(), 65536);
        assert_eq!(one, four);
        assert_eq!(one, rmat_e(12, 16, 5));
        assert_ne!(one, rmat_e(12, 16, 6));
        assert!(one.0.iter().chain(&one.1).all(|&v| v < 4096));
    }

    /// All scale levels are independent draws from (a, b, c, d); pooled over the 10 levels of
    /// 16384 edges the four quadrant counts are Binomial(163840, q).
    #[test]
    fn rmat_quadrant_frequencies() {
        let (a, b, c) = GRAPH500;
        let scale = 10;
        let (src, dst) = rmat_edges_impl(scale, 16, a, b, c, 1, false, &Cancel::new()).unwrap();
        let mut counts = [0usize; 4];
        for (&s, &d) in src.iter().zip(&dst) {
            for bit in 0..scale {
                counts[(((s >> bit) & 1) * 2 + ((d >> bit) & 1)) as usize] += 1;
            }
        }
        let trials = (src.len() * scale as usize) as f64;
        for (q, prob) in [a, b, c, 1.0 - a - b - c].into_iter().enumerate() {
            assert_binomial(counts[q], trials, prob, &format!("quadrant {q}"));
        }
    }

    /// Without the permutation node 0 is the hub: an edge leaves it iff all `scale` row bits
    /// are 0, probability (a + b)^scale = 0.76^10 = 0.0643, so its out-degree in the multigraph
    /// is Binomial(16384, 0.0643) (mean 1054, sd 31).
    #[test]
    fn rmat_hub_degree_and_permutation() {
        let (a, b, c) = GRAPH500;
        let cancel = Cancel::new();
        let (rs, rd) = rmat_edges_impl(10, 16, a, b, c, 3, false, &cancel).unwrap();
        let out0 = rs.iter().filter(|&&s| s == 0).count();
        assert_binomial(
            out0,
            rs.len() as f64,
            (a + b).powi(10),
            "out-degree of node 0",
        );
        // The permuted list is the raw list relabelled by one bijection of 0..1024.
        let (ps, pd) = rmat_edges_impl(10, 16, a, b, c, 3, true, &cancel).unwrap();
        let mut map = vec![u32::MAX; 1024];
        for (&r, &p) in rs.iter().chain(&rd).zip(ps.iter().chain(&pd)) {
            assert!(map[r as usize] == u32::MAX || map[r as usize] == p);
            map[r as usize] = p;
        }
        let mut image: Vec<u32> = map.iter().copied().filter(|&x| x != u32::MAX).collect();
        let len = image.len();
        image.sort_unstable();
        image.dedup();
        assert_eq!(image.len(), len, "the relabelling is injective");
        // The hub moved (probability 1/1024 that it stays at 0 for a given seed; seed 3 moves it).
        assert_ne!(map[0], 0);
    }

    #[test]
    fn rmat_graph_is_simple_on_all_nodes() {
        let (a, b, c) = GRAPH500;
        for directed in [false, true] {
            let g = rmat(10, 8, a, b, c, 9, directed, &Cancel::new()).unwrap();
            assert_eq!(g.num_nodes(), 1024);
            assert_eq!(g.num_self_loops(), 0);
            assert!(g.num_edges() > 0 && g.num_edges() <= 8 * 1024);
            assert_eq!(g.is_directed(), directed);
        }
        let g1 = pool(1, || {
            rmat(12, 16, a, b, c, 4, false, &Cancel::new()).unwrap()
        });
        let g4 = pool(4, || {
            rmat(12, 16, a, b, c, 4, false, &Cancel::new()).unwrap()
        });
        assert_eq!(g1, g4);
        // scale 0: one node, every edge is the self-loop (0, 0).
        let (s, d) = rmat_e(0, 5, 1);
        assert_eq!((s, d), (vec![0; 5], vec![0; 5]));
        let g = rmat(0, 5, a, b, c, 1, false, &Cancel::new()).unwrap();
        assert_eq!((g.num_nodes(), g.num_edges()), (1, 0));
        // No edges.
        assert_eq!(rmat_e(4, 0, 1).0.len(), 0);
        // a = 1: every edge is (0, 0) before the permutation, (perm[0], perm[0]) after it.
        let (s, d) = rmat_edges(6, 2, 1.0, 0.0, 0.0, 1, &Cancel::new()).unwrap();
        assert!(s.iter().chain(&d).all(|&v| v == s[0]));
    }

    #[test]
    fn rmat_bad_parameters() {
        let c = Cancel::new();
        let name = |r: Result<(Vec<u32>, Vec<u32>)>| match r {
            Err(Error::InvalidParameter { name, .. }) => name,
            other => panic!("expected InvalidParameter, got {other:?}"),
        };
        assert_eq!(name(rmat_edges(32, 16, 0.57, 0.19, 0.19, 1, &c)), "scale");
        assert_eq!(name(rmat_edges(4, 16, 1.5, 0.0, 0.0, 1, &c)), "a");
        assert_eq!(name(rmat_edges(4, 16, 0.5, -0.1, 0.0, 1, &c)), "b");
        assert_eq!(name(rmat_edges(4, 16, 0.5, 0.1, f64::NAN, 1, &c)), "c");
        assert_eq!(name(rmat_edges(4, 16, 0.5, 0.3, 0.3, 1, &c)), "a + b + c");
        let err = rmat_edges(31, u64::MAX, 0.57, 0.19, 0.19, 1, &c).unwrap_err();
        assert!(
            matches!(&err, Error::TooLarge { message } if message.contains("edge_factor")),
            "{err}"
        );
        let err = rmat_edges(31, 1 << 40, 0.57, 0.19, 0.19, 1, &c).unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }));
        let cancelled = Cancel::new();
        cancelled.cancel();
        assert_eq!(
            rmat_edges(12, 16, 0.57, 0.19, 0.19, 1, &cancelled),
            Err(Error::Interrupted)
        );
    }

    /// The old construction of [`rmat`]: the materialised edge list through [`Csr::from_edges`].
    #[allow(clippy::too_many_arguments)]
    fn rmat_via_edges(
        scale: u32,
        ef: u64,
        a: f64,
        b: f64,
        c: f64,
        seed: u64,
        directed: bool,
    ) -> Csr {
        let cancel = Cancel::new();
        let (src, dst) = rmat_edges(scale, ef, a, b, c, seed, &cancel).unwrap();
        let opts = BuildOptions {
            directed,
            num_nodes: Some(1u64 << scale),
            duplicates: Duplicates::First,
            self_loops: false,
            ..BuildOptions::default()
        };
        Csr::from_edges(&src, &dst, None, &opts, &cancel).unwrap()
    }

    /// The two-pass [`rmat`] is bit-identical to the edge-list path for every scale, seed,
    /// direction, quadrant extreme, partial last block and thread count.
    #[test]
    fn rmat_matches_edge_list_path() {
        let params = [
            GRAPH500,
            (0.25, 0.25, 0.25),
            (1.0, 0.0, 0.0),   // every edge (0, 0) -> all self-loops -> no edges
            (0.0, 0.0, 0.0),   // every edge (n-1, n-1) -> no edges
            (0.0, 1.0, 0.0),   // every edge (0, n-1): a star edge, heavily duplicated
            (0.45, 0.05, 0.4), // asymmetric b != c
        ];
        let mut nonempty = 0;
        for scale in 1..=12u32 {
            // 5 edges per node leaves a partial last block (2^12 * 5 = 20480 = 1.25 blocks).
            let ef = if scale % 2 == 0 { 16 } else { 5 };
            for seed in [0u64, 1, 0xdead_beef] {
                for directed in [false, true] {
                    for &(a, b, c) in &params {
                        let want = rmat_via_edges(scale, ef, a, b, c, seed, directed);
                        for threads in [1, 3] {
                            let got = pool(threads, || {
                                rmat(scale, ef, a, b, c, seed, directed, &Cancel::new()).unwrap()
                            });
                            assert_eq!(
                                got, want,
                                "scale {scale} ef {ef} seed {seed} directed {directed} \
                                 abc {a} {b} {c} threads {threads}"
                            );
                        }
                        if a == 1.0 || (a, b, c) == (0.0, 0.0, 0.0) {
                            assert_eq!(want.num_edges(), 0);
                        } else {
                            assert!(want.num_edges() > 0);
                            nonempty += 1;
                        }
                        if (a, b, c) == (0.0, 1.0, 0.0) {
                            assert_eq!(want.num_edges(), 1);
                        }
                    }
                }
            }
        }
        assert_eq!(nonempty, 12 * 3 * 2 * 4);
        // No edges at all, and a larger scale where several blocks race on the same rows.
        let empty = rmat(5, 0, 0.57, 0.19, 0.19, 1, false, &Cancel::new()).unwrap();
        assert_eq!((empty.num_nodes(), empty.num_edges()), (32, 0));
        let (a, b, c) = GRAPH500;
        for directed in [false, true] {
            let want = rmat_via_edges(14, 16, a, b, c, 9, directed);
            let got = pool(4, || {
                rmat(14, 16, a, b, c, 9, directed, &Cancel::new()).unwrap()
            });
            assert_eq!(got, want);
        }
    }

    #[test]
    fn rmat_errors() {
        let c = Cancel::new();
        assert!(matches!(
            rmat(32, 16, 0.57, 0.19, 0.19, 1, false, &c),
            Err(Error::InvalidParameter { name: "scale", .. })
        ));
        assert!(matches!(
            rmat(4, 16, 0.5, 0.3, 0.3, 1, true, &c),
            Err(Error::InvalidParameter {
                name: "a + b + c",
                ..
            })
        ));
        assert!(matches!(
            rmat(31, 1 << 40, 0.57, 0.19, 0.19, 1, false, &c),
            Err(Error::TooLarge { .. })
        ));
        let cancelled = Cancel::new();
        cancelled.cancel();
        assert_eq!(
            rmat(12, 16, 0.57, 0.19, 0.19, 1, false, &cancelled),
            Err(Error::Interrupted)
        );
    }

    /// Edges of `g` with one endpoint in block i and the other in block j (i <= j), counting
    /// arcs for directed graphs and each undirected edge once.
    fn block_counts(g: &Csr, blocks: &[u32], k: usize) -> Vec<usize> {
        let mut c = vec![0usize; k * k];
        for u in 0..g.num_nodes() {
            for &v in g.out_neighbors(u) {
                if g.is_directed() || u as u32 <= v {
                    c[blocks[u] as usize * k + blocks[v as usize] as usize] += 1;
                }
            }
        }
        c
    }

    //  block 0: nodes 0..300, block 1: nodes 300..500
    //  p = [[0.10, 0.01],
    //       [0.01, 0.20]]
    #[test]
    fn sbm_undirected_block_counts() {
        let p = [0.10, 0.01, 0.01, 0.20];
        let (g, blocks) = sbm(&[300, 200], &p, false, false, 11, &Cancel::new()).unwrap();
        assert_eq!(g.num_nodes(), 500);
        assert_eq!(g.num_self_loops(), 0);
        assert!(blocks[..300].iter().all(|&b| b == 0) && blocks[300..].iter().all(|&b| b == 1));
        let c = block_counts(&g, &blocks, 2);
        assert_binomial(c[0], 300.0 * 299.0 / 2.0, 0.10, "within block 0");
        assert_binomial(c[1], 300.0 * 200.0, 0.01, "between blocks");
        assert_binomial(c[3], 200.0 * 199.0 / 2.0, 0.20, "within block 1");
        assert_eq!(c[2], 0, "undirected edges counted once, lower block first");
    }

    #[test]
    fn sbm_directed_and_self_loops() {
        // Asymmetric p is fine for a directed graph.
        let p = [0.10, 0.05, 0.00, 0.20];
        let (g, blocks) = sbm(&[300, 200], &p, true, false, 12, &Cancel::new()).unwrap();
        assert!(g.is_directed());
        assert_eq!(g.num_self_loops(), 0);
        let c = block_counts(&g, &blocks, 2);
        assert_binomial(c[0], 300.0 * 299.0, 0.10, "0 -> 0");
        assert_binomial(c[1], 300.0 * 200.0, 0.05, "0 -> 1");
        assert_eq!(c[2], 0, "1 -> 0 has probability 0");
        assert_binomial(c[3], 200.0 * 199.0, 0.20, "1 -> 1");
        // Self-loops: Binomial(300, 0.1) in block 0 and Binomial(200, 0.2) in block 1.
        for directed in [false, true] {
            let p = [0.10, 0.01, 0.01, 0.20];
            let (g, _) = sbm(&[300, 200], &p, directed, true, 13, &Cancel::new()).unwrap();
            let loops0 = (0..300).filter(|&u| g.out_neighbors(u).contains(&(u as u32)));
            let loops1 = (300..500).filter(|&u| g.out_neighbors(u).contains(&(u as u32)));
            assert_binomial(loops0.count(), 300.0, 0.10, "loops in block 0");
            assert_binomial(loops1.count(), 200.0, 0.20, "loops in block 1");
        }
    }

    #[test]
    fn sbm_extreme_probabilities() {
        let c = Cancel::new();
        //  0-1-2 clique, 3-4 clique, empty block in between
        let (g, blocks) = sbm(
            &[3, 0, 2],
            &[1., 0., 0., 0., 0., 0., 0., 0., 1.],
            false,
            false,
            1,
            &c,
        )
        .unwrap();
        assert_eq!(blocks, vec![0, 0, 0, 2, 2]);
        assert_eq!(g.num_edges(), 4);
        assert_eq!(g.out_neighbors(0), &[1, 2]);
        assert_eq!(g.out_neighbors(4), &[3]);
        // Complete digraph with loops: n^2 arcs.
        let (g, _) = sbm(&[4, 3], &[1.0; 4], true, true, 1, &c).unwrap();
        assert_eq!((g.num_edges(), g.num_self_loops()), (49, 7));
        let (g, _) = sbm(&[4, 3], &[1.0; 4], true, false, 1, &c).unwrap();
        assert_eq!(g.num_edges(), 42);
        let (g, _) = sbm(&[4, 3], &[1.0; 4], false, true, 1, &c).unwrap();
        assert_eq!((g.num_edges(), g.num_self_loops()), (28, 7));
        let (g, blocks) = sbm(&[0], &[0.5], false, false, 1, &c).unwrap();
        assert_eq!((g.num_nodes(), blocks.len()), (0, 0));
    }

    #[test]
    fn sbm_seeded_and_thread_independent() {
        let p = [0.02, 0.001, 0.001, 0.03];
        let run = |seed| sbm(&[3000, 2000], &p, false, false, seed, &Cancel::new()).unwrap();
        let one = pool(1, || run(21));
        let four = pool(4, || run(21));
        assert_eq!(one, four);
        assert_eq!(one, run(21));
        assert_ne!(one.0, run(22).0);
        let d1 = pool(1, || {
            sbm(&[3000, 2000], &p, true, true, 5, &Cancel::new()).unwrap()
        });
        let d4 = pool(4, || {
            sbm(&[3000, 2000], &p, true, true, 5, &Cancel::new()).unwrap()
        });
        assert_eq!(d1, d4);
    }

    #[test]
    fn sbm_bad_parameters() {
        let c = Cancel::new();
        let err = |sizes: &[usize], p: &[f64], directed| {
            sbm(sizes, p, directed, false, 1, &c).unwrap_err()
        };
        let param_msg = |e: Error| match e {
            Error::InvalidParameter { name, message } => (name, message),
            other => panic!("expected InvalidParameter, got {other:?}"),
        };
        assert_eq!(param_msg(err(&[], &[], false)).0, "sizes");
        let (name, msg) = param_msg(err(&[2, 2], &[0.1; 3], false));
        assert_eq!(name, "p");
        assert!(msg.contains("2 x 2"), "{msg}");
        let (_, msg) = param_msg(err(&[2, 2], &[0.1, 0.2, 0.2, 1.5], false));
        assert!(msg.contains("p[1][1] = 1.5"), "{msg}");
        let (_, msg) = param_msg(err(&[2, 2], &[0.1, f64::NAN, 0.2, 0.5], true));
        assert!(msg.contains("p[0][1] = NaN"), "{msg}");
        let (_, msg) = param_msg(err(&[2, 2], &[0.1, 0.2, 0.3, 0.1], false));
        assert!(msg.contains("symmetric"), "{msg}");
        assert!(sbm(&[2, 2], &[0.1, 0.2, 0.3, 0.1], true, false, 1, &c).is_ok());
        // Within networkx's 1e-8 symmetry tolerance.
        assert!(sbm(&[2, 2], &[0.1, 0.2, 0.2 + 1e-10, 0.1], false, false, 1, &c).is_ok());
        assert!(matches!(
            err(&[u32::MAX as usize, 1], &[0.0; 4], false),
            Error::TooLarge { .. }
        ));
        // 2^31 nodes at p = 1: about 2^61 edges.
        assert!(matches!(
            err(&[1 << 31], &[1.0], false),
            Error::TooLarge { .. }
        ));
        let cancelled = Cancel::new();
        cancelled.cancel();
        assert_eq!(
            sbm(&[100], &[0.5], false, false, 1, &cancelled),
            Err(Error::Interrupted)
        );
    }

    #[test]
    fn gnp_counts_and_determinism() {
        let c = Cancel::new();
        // n = 2000, p = 0.005: C(2000, 2) = 1999000 pairs, mean 9995 edges.
        let g = gnp(2000, 0.005, false, 8, &c).unwrap();
        assert_eq!(g.num_self_loops(), 0);
        assert_binomial(g.num_edges(), 1999000.0, 0.005, "gnp edges");
        let g = gnp(2000, 0.005, true, 8, &c).unwrap();
        assert_binomial(g.num_edges(), 3998000.0, 0.005, "directed gnp arcs");
        assert_eq!(gnp(50, 0.0, false, 1, &c).unwrap().num_edges(), 0);
        assert_eq!(gnp(50, 1.0, true, 1, &c).unwrap().num_edges(), 50 * 49);
        assert_eq!(gnp(0, 0.5, false, 1, &c).unwrap().num_nodes(), 0);
        assert_eq!(gnp(1, 1.0, false, 1, &c).unwrap().num_edges(), 0);
        let one = pool(1, || gnp(5000, 0.002, false, 3, &c).unwrap());
        let four = pool(4, || gnp(5000, 0.002, false, 3, &c).unwrap());
        assert_eq!(one, four);
        assert_ne!(one, gnp(5000, 0.002, false, 4, &c).unwrap());
        assert!(matches!(
            gnp(10, 1.5, false, 1, &c),
            Err(Error::InvalidParameter { name: "p", .. })
        ));
        assert!(matches!(
            gnp(10, -0.0001, false, 1, &c),
            Err(Error::InvalidParameter { name: "p", .. })
        ));
        assert!(matches!(
            gnp(u32::MAX as usize, 0.5, false, 1, &c),
            Err(Error::TooLarge { .. })
        ));
    }
}
