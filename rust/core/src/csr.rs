//! Compressed sparse row storage and the parallel edge-list builder.
//!
//! # Layout
//!
//! A [`Csr`] holds one [`Adjacency`] (`indptr: Vec<u64>` of n+1 offsets, `indices: Vec<u32>`,
//! optional `weights`, `f64` or `f32`, see [`Weights`]) for the out-arcs, and for directed graphs a second one for the
//! in-arcs (the transpose, as GAP's `CSRGraph` does). Undirected graphs store each edge in both
//! rows and a self-loop once, in its own row, exactly as `scipy`'s symmetric adjacency matrix
//! (and `networkx.to_scipy_sparse_array`) does. Rows are sorted by neighbour id and hold no
//! duplicates.
//!
//! Memory: `8 (n + 1) + 4 a` bytes unweighted, `8 (n + 1) + 12 a` weighted with `f64` weights
//! and `8 (n + 1) + 8 a` with `f32` weights ([`BuildOptions::weight_dtype`]), with `a` the
//! number of arcs (2m minus self-loops for undirected graphs, m for directed ones); twice that
//! for directed graphs. [`Csr::nbytes`] reports it (not counting the `f64` copy that the first
//! weighted algorithm on an `f32` graph caches, 8 bytes per arc; see [`Weights`]).
//!
//! # Building
//!
//! [`Csr::from_edges`] builds from two id arrays of any integer type (and optional weights)
//! without materialising a sorted copy of the edge list: a parallel counting pass, a prefix sum,
//! a placement pass in which each thread owns a range of rows (so that every row keeps the input
//! order of its arcs, whatever the number of threads), then a per-row sort and merge of
//! duplicates. Peak memory is the input arrays plus the CSR itself. The result is identical for
//! any number of threads, including the floating-point sums of duplicate weights (they are
//! added in input order).

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::buf::Buf;
use crate::cancel::Cancel;
use crate::error::{Error, Result};
use crate::weights::{WeightDtype, Weights};
use crate::{EdgeIdx, NodeId};

/// How often (in edges) the sequential parts of a build poll for cancellation.
const CANCEL_STRIDE: usize = 1 << 20;

/// One direction of adjacency in CSR form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Adjacency {
    /// Row offsets, length n + 1; row `u` is `indices[indptr[u]..indptr[u + 1]]`.
    pub indptr: Buf<EdgeIdx>,
    /// Neighbour ids, sorted within each row, no duplicates.
    pub indices: Buf<NodeId>,
    /// Arc weights aligned with `indices`, if the graph is weighted: stored as `f64` or `f32`,
    /// read as `&[f64]` (see [`Weights`]).
    pub weights: Option<Weights>,
}

impl Adjacency {
    /// Range of row `u` in `indices`.
    #[inline]
    pub fn range(&self, u: usize) -> std::ops::Range<usize> {
        self.indptr[u] as usize..self.indptr[u + 1] as usize
    }

    /// Neighbours of `u`.
    #[inline]
    pub fn neighbors(&self, u: usize) -> &[NodeId] {
        &self.indices[self.range(u)]
    }

    /// Weights of the arcs of `u`, if weighted.
    #[inline]
    pub fn weights_of(&self, u: usize) -> Option<&[f64]> {
        let r = self.range(u);
        self.weights.as_ref().map(|w| &w[r])
    }

    /// Number of arcs in row `u`.
    #[inline]
    pub fn degree(&self, u: usize) -> usize {
        (self.indptr[u + 1] - self.indptr[u]) as usize
    }

    /// Total number of arcs.
    #[inline]
    pub fn num_arcs(&self) -> usize {
        self.indices.len()
    }

    /// Bytes held by the three arrays.
    pub fn nbytes(&self) -> usize {
        self.indptr.len() * std::mem::size_of::<EdgeIdx>()
            + self.indices.len() * std::mem::size_of::<NodeId>()
            + self.weights.as_ref().map_or(0, Weights::nbytes)
    }
}

/// What to do with an edge given more than once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Duplicates {
    /// Keep one arc whose weight is the sum of the duplicates' weights (networkx's
    /// conversion of a multigraph to a weighted graph).
    #[default]
    Sum,
    /// Keep the first occurrence in input order.
    First,
    /// Return [`Error::DuplicateEdge`].
    Error,
}

/// Options of [`Csr::from_edges`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BuildOptions {
    /// Directed graph (keep both out- and in-adjacency) or undirected.
    pub directed: bool,
    /// Number of nodes; `None` means one more than the largest id (0 for no edges).
    pub num_nodes: Option<u64>,
    /// Duplicate handling.
    pub duplicates: Duplicates,
    /// Keep self-loops (`true`) or drop them.
    pub self_loops: bool,
    /// Element type of the stored weights (ignored without weights). With
    /// [`WeightDtype::F32`] duplicates are merged in `f64` as usual and each merged weight is
    /// then rounded once to the nearest `f32`.
    pub weight_dtype: WeightDtype,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            directed: false,
            num_nodes: None,
            duplicates: Duplicates::Sum,
            self_loops: true,
            weight_dtype: WeightDtype::F64,
        }
    }
}

/// Integer types accepted as node ids in edge arrays.
pub trait NodeIndex: Copy + Send + Sync {
    /// The value, or `None` when negative.
    fn to_u64(self) -> Option<u64>;
    /// The value for error messages.
    fn to_i128(self) -> i128;
}

macro_rules! impl_node_index_signed {
    ($($t:ty),*) => {$(
        impl NodeIndex for $t {
            #[inline]
            fn to_u64(self) -> Option<u64> {
                if self < 0 { None } else { Some(self as u64) }
            }
            #[inline]
            fn to_i128(self) -> i128 { self as i128 }
        }
    )*};
}
macro_rules! impl_node_index_unsigned {
    ($($t:ty),*) => {$(
        impl NodeIndex for $t {
            #[inline]
            fn to_u64(self) -> Option<u64> { Some(self as u64) }
            #[inline]
            fn to_i128(self) -> i128 { self as i128 }
        }
    )*};
}
impl_node_index_signed!(i8, i16, i32, i64);
impl_node_index_unsigned!(u8, u16, u32, u64);

/// An immutable graph in CSR form. See the module documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Csr {
    n: usize,
    directed: bool,
    out: Adjacency,
    inc: Option<Adjacency>,
    self_loops: usize,
}

/// Largest number of nodes: ids must fit `u32` with `u32::MAX` kept free as a sentinel.
pub const MAX_NODES: u64 = u32::MAX as u64;

impl Csr {
    /// Number of nodes.
    #[inline]
    pub fn num_nodes(&self) -> usize {
        self.n
    }

    /// Number of edges: arcs for directed graphs, (arcs + self-loops) / 2 for undirected ones.
    #[inline]
    pub fn num_edges(&self) -> usize {
        if self.directed {
            self.out.num_arcs()
        } else {
            (self.out.num_arcs() + self.self_loops) / 2
        }
    }

    /// Number of stored out-arcs.
    #[inline]
    pub fn num_arcs(&self) -> usize {
        self.out.num_arcs()
    }

    /// Number of self-loops.
    #[inline]
    pub fn num_self_loops(&self) -> usize {
        self.self_loops
    }

    /// Whether the graph is directed.
    #[inline]
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// Whether the graph carries arc weights.
    #[inline]
    pub fn is_weighted(&self) -> bool {
        self.out.weights.is_some()
    }

    /// Element type of the stored weights, `None` when unweighted.
    #[inline]
    pub fn weight_dtype(&self) -> Option<WeightDtype> {
        self.out.weights.as_ref().map(Weights::dtype)
    }

    /// The out-arc weights an algorithm should use: `None` when `use_weights` is false or the
    /// graph is unweighted. `need` completes the error for the first arc whose weight is
    /// negative (or not finite), which names the edge by its endpoints: e.g.
    /// `"PageRank needs non-negative weights"` gives
    /// `edge (0, 1) has weight -2; PageRank needs non-negative weights (or weight=None)`.
    ///
    /// # Errors
    /// [`Error::InvalidGraph`] as above.
    pub fn checked_weights(&self, use_weights: bool, need: &str) -> Result<Option<&[f64]>> {
        let out = &self.out;
        // Filter first: only a weighted call widens `f32` weights.
        let Some(w) = out
            .weights
            .as_ref()
            .filter(|_| use_weights)
            .map(|w| w.as_f64())
        else {
            return Ok(None);
        };
        match w
            .par_iter()
            .position_first(|x| !(x.is_finite() && *x >= 0.0))
        {
            None => Ok(Some(w)),
            Some(i) => {
                let u = out.indptr.partition_point(|&p| p as usize <= i) - 1;
                Err(Error::graph(format!(
                    "edge ({u}, {}) has weight {}; {need} (or weight=None)",
                    out.indices[i], w[i]
                )))
            }
        }
    }

    /// Out-adjacency (the only adjacency of an undirected graph).
    #[inline]
    pub fn out_adj(&self) -> &Adjacency {
        &self.out
    }

    /// In-adjacency: the transpose for directed graphs, the same rows for undirected ones.
    #[inline]
    pub fn in_adj(&self) -> &Adjacency {
        self.inc.as_ref().unwrap_or(&self.out)
    }

    /// Out-neighbours of `u`.
    #[inline]
    pub fn out_neighbors(&self, u: usize) -> &[NodeId] {
        self.out.neighbors(u)
    }

    /// In-neighbours of `u` (the neighbours, for undirected graphs).
    #[inline]
    pub fn in_neighbors(&self, u: usize) -> &[NodeId] {
        self.in_adj().neighbors(u)
    }

    /// Bytes held by the adjacency arrays.
    pub fn nbytes(&self) -> usize {
        self.out.nbytes() + self.inc.as_ref().map_or(0, Adjacency::nbytes)
    }

    /// A graph from validated parts (used by [`crate::store::load`], which has checked the
    /// shapes, ranges and row order).
    pub(crate) fn from_parts(
        n: usize,
        directed: bool,
        out: Adjacency,
        inc: Option<Adjacency>,
        self_loops: usize,
    ) -> Csr {
        Csr {
            n,
            directed,
            out,
            inc,
            self_loops,
        }
    }

    /// An undirected graph from an adjacency that already holds every edge in both rows, each
    /// row sorted, without duplicates or self-loops (as a full one-mode projection produces).
    /// The caller guarantees that shape; nothing is sorted or merged.
    pub(crate) fn undirected_from_symmetric(n: usize, out: Adjacency) -> Csr {
        debug_assert_eq!(out.indptr.len(), n + 1);
        Csr {
            n,
            directed: false,
            out,
            inc: None,
            self_loops: 0,
        }
    }

    /// The same graph without weights.
    pub fn unweighted(&self) -> Csr {
        let strip = |a: &Adjacency| Adjacency {
            indptr: a.indptr.clone(),
            indices: a.indices.clone(),
            weights: None,
        };
        Csr {
            n: self.n,
            directed: self.directed,
            out: strip(&self.out),
            inc: self.inc.as_ref().map(strip),
            self_loops: self.self_loops,
        }
    }

    /// Build a graph from edge arrays. See the module documentation for the method.
    ///
    /// # Arguments
    /// * `src`, `dst` – endpoint ids, any integer type, same length.
    /// * `weights` – optional finite weights, one per edge.
    /// * `opts` – directedness, node count, duplicate and self-loop policy, weight dtype.
    ///
    /// With `opts.weight_dtype = F32` the rows are built and duplicates merged in `f64` as for
    /// `F64`, then each merged weight is rounded once to `f32` (a transient `f64` array of the
    /// out-arcs exists until then; the in-adjacency of a directed graph is built from the `f32`
    /// array).
    ///
    /// # Errors
    /// [`Error::LengthMismatch`], [`Error::NodeOutOfRange`] (first offending position),
    /// [`Error::InvalidWeight`] (NaN or infinite, or with `F32` a weight or a sum of duplicate
    /// weights beyond the `f32` range), [`Error::DuplicateEdge`], [`Error::TooLarge`],
    /// [`Error::Interrupted`].
    ///
    /// # Complexity
    /// O(m + n) work plus the per-row sorts, O(n + m) memory beyond the inputs. The placement
    /// pass reads the input once per thread.
    ///
    /// # Example
    /// ```
    /// use impactgraph_core::{Cancel, Csr, BuildOptions};
    /// let g = Csr::from_edges(&[0u32, 1, 1], &[1u32, 2, 2], None, &BuildOptions::default(), &Cancel::new()).unwrap();
    /// assert_eq!(g.num_nodes(), 3);
    /// assert_eq!(g.num_edges(), 2);
    /// assert_eq!(g.out_neighbors(1), &[0, 2]);
    /// ```
    pub fn from_edges<T: NodeIndex>(
        src: &[T],
        dst: &[T],
        weights: Option<&[f64]>,
        opts: &BuildOptions,
        cancel: &Cancel,
    ) -> Result<Csr> {
        Error::check_same_len("src", src.len(), "dst", dst.len())?;
        if let Some(w) = weights {
            Error::check_same_len("src", src.len(), "weights", w.len())?;
            if let Some(i) = first_position(w, |x| !x.is_finite()) {
                return Err(Error::InvalidWeight {
                    array: "weights",
                    index: i,
                    value: w[i],
                    requirement: "finite",
                });
            }
            if opts.weight_dtype == WeightDtype::F32 {
                if let Some(i) = first_position(w, |x| (x as f32).is_infinite()) {
                    return Err(Error::InvalidWeight {
                        array: "weights",
                        index: i,
                        value: w[i],
                        requirement: F32_RANGE,
                    });
                }
            }
        }
        let n = resolve_num_nodes(src, dst, opts.num_nodes)?;
        cancel.check()?;

        let keep_loops = opts.self_loops;
        let directed = opts.directed;

        // 1. Row lengths: every part owns a range of rows and counts them without atomics.
        let arc_of = ArcSource {
            src,
            dst,
            weights,
            directed,
            keep_loops,
        };
        let mut counts = vec![0u64; n];
        arc_of.count_rows_into(&mut counts, cancel)?;
        let indptr = exclusive_prefix_sum(&counts);
        drop(counts);
        let arcs = indptr[n] as usize;
        cancel.check()?;

        // 2. Placement through cache-sized buckets of rows, chunk by chunk, in input order.
        let mut indices: Vec<NodeId> = vec![0; arcs];
        let mut wout: Option<Vec<f64>> = weights.map(|_| vec![0.0; arcs]);
        let mut placer = Placer::new(&indptr, src.len(), weights.is_some());
        arc_of.place(
            &mut placer,
            &indptr,
            &mut indices,
            wout.as_deref_mut(),
            cancel,
        )?;
        drop(placer);

        // 3 and 4. Sort rows, merge duplicates, transpose.
        finish_build(n, indptr, indices, wout, opts, cancel)
    }
}

/// Steps 3 and 4 of a build from placed rows (arcs in input order within each row): sort
/// rows and merge duplicates, then the in-adjacency for directed graphs.
pub(crate) fn finish_build(
    n: usize,
    indptr: Vec<u64>,
    indices: Vec<NodeId>,
    weights: Option<Vec<f64>>,
    opts: &BuildOptions,
    cancel: &Cancel,
) -> Result<Csr> {
    let directed = opts.directed;
    let mut out = Adjacency {
        indptr: indptr.into(),
        indices: indices.into(),
        weights: weights.map(Weights::from),
    };
    let self_loops = sort_and_merge_rows(&mut out, opts.duplicates, directed, cancel)?;
    if opts.weight_dtype == WeightDtype::F32 {
        narrow_to_f32(&mut out, cancel)?;
    }
    let inc = if directed {
        Some(transpose(&out, n, cancel)?)
    } else {
        None
    };
    Ok(Csr {
        n,
        directed,
        out,
        inc,
        self_loops,
    })
}

/// The requirement named when a weight does not fit `f32`.
const F32_RANGE: &str = "finite in float32 (|w| <= 3.4028235e38); this one does not fit in float32";

/// Round the merged `f64` weights of `adj` once to `f32`, in parallel, and drop the `f64` array.
/// A sum of duplicates beyond the `f32` range is an [`Error::InvalidWeight`] naming the arc.
fn narrow_to_f32(adj: &mut Adjacency, cancel: &Cancel) -> Result<()> {
    let Some(w) = adj.weights.take() else {
        return Ok(());
    };
    let w = w.into_vec();
    cancel.check()?;
    if let Some(i) = first_position(&w, |x| (x as f32).is_infinite()) {
        let u = adj.indptr.partition_point(|&p| p as usize <= i) - 1;
        return Err(Error::graph(format!(
            "the summed weight {:e} of the duplicates of edge ({u}, {}) does not fit in float32 \
             (|w| <= 3.4028235e38)",
            w[i], adj.indices[i]
        )));
    }
    let mut narrow = vec![0.0f32; w.len()];
    narrow
        .par_chunks_mut(1 << 16)
        .zip(w.par_chunks(1 << 16))
        .for_each(|(o, i)| {
            for (o, &x) in o.iter_mut().zip(i) {
                *o = x as f32;
            }
        });
    drop(w);
    adj.weights = Some(narrow.into());
    Ok(())
}

/// Number of nodes from the option or the largest id, with all ids validated.
pub(crate) fn resolve_num_nodes<T: NodeIndex>(
    src: &[T],
    dst: &[T],
    num_nodes: Option<u64>,
) -> Result<usize> {
    let check = |arr: &[T], name: &'static str, n: u64| -> Result<()> {
        if let Some(i) = first_position(arr, |x| x.to_u64().is_none_or(|v| v >= n)) {
            return Err(Error::NodeOutOfRange {
                array: name,
                index: i,
                value: arr[i].to_i128(),
                num_nodes: n,
            });
        }
        Ok(())
    };
    let n = match num_nodes {
        Some(n) => n,
        None => {
            // Negative ids are reported before the maximum is taken.
            for (arr, name) in [(src, "src"), (dst, "dst")] {
                if let Some(i) = first_position(arr, |x| x.to_u64().is_none()) {
                    return Err(Error::NodeOutOfRange {
                        array: name,
                        index: i,
                        value: arr[i].to_i128(),
                        num_nodes: 0,
                    });
                }
            }
            let max_of = |arr: &[T]| {
                arr.par_chunks(1 << 16)
                    .map(|c| {
                        c.iter()
                            .map(|&x| x.to_u64().unwrap_or(0))
                            .max()
                            .unwrap_or(0)
                    })
                    .max()
            };
            match (max_of(src), max_of(dst)) {
                (Some(a), Some(b)) => a.max(b).saturating_add(1),
                _ => 0,
            }
        }
    };
    if n > MAX_NODES {
        return Err(Error::TooLarge {
            message: format!(
                "{n} nodes; at most {} are supported (u32 node ids)",
                MAX_NODES
            ),
        });
    }
    check(src, "src", n)?;
    check(dst, "dst", n)?;
    Ok(n as usize)
}

/// Position of the first element satisfying `bad`, scanning fixed chunks in parallel.
pub(crate) fn first_position<X: Copy + Send + Sync>(
    arr: &[X],
    bad: impl Fn(X) -> bool + Sync,
) -> Option<usize> {
    const C: usize = 1 << 16;
    let chunk = arr
        .par_chunks(C)
        .position_first(|c| c.iter().fold(false, |acc, &x| acc | bad(x)))?;
    let base = chunk * C;
    arr[base..].iter().position(|&x| bad(x)).map(|i| base + i)
}

/// Edges seen as arcs: undirected edges give two arcs (a self-loop one), loops may be dropped.
/// Generic over the weight element type `W` (the placement only copies weights).
pub(crate) struct ArcSource<'a, T, W> {
    pub(crate) src: &'a [T],
    pub(crate) dst: &'a [T],
    pub(crate) weights: Option<&'a [W]>,
    pub(crate) directed: bool,
    pub(crate) keep_loops: bool,
}

/// Edges per placement chunk: bounds the bucket buffer to a few tens of MiB.
pub(crate) const PLACE_CHUNK: usize = 1 << 21;
/// Largest fan-out of the partition step (more write streams than this thrash the TLB).
const MAX_BUCKETS: usize = 256;
/// Edges per partition task inside a chunk (fixed, so the result never depends on threads).
const SUB_CHUNK: usize = 1 << 15;

/// A raw pointer that may cross threads; every use writes disjoint positions.
#[derive(Clone, Copy)]
struct SyncPtr<X>(*mut X);
unsafe impl<X: Send> Send for SyncPtr<X> {}
unsafe impl<X: Send> Sync for SyncPtr<X> {}

impl<X> SyncPtr<X> {
    /// # Safety
    /// `i` must be in bounds of the allocation and no other thread may access that element.
    #[inline(always)]
    unsafe fn write(self, i: usize, x: X) {
        unsafe { *self.0.add(i) = x }
    }
}

impl<T: NodeIndex, W: Copy + Send + Sync + Default> ArcSource<'_, T, W> {
    /// Calls `f(row, neighbour, edge)` for every arc of edge `e`.
    #[inline(always)]
    fn arcs_of(&self, e: usize, mut f: impl FnMut(u64, u64)) {
        let s = self.src[e].to_u64().unwrap_or(0);
        let d = self.dst[e].to_u64().unwrap_or(0);
        if s == d {
            if self.keep_loops {
                f(s, d);
            }
        } else {
            f(s, d);
            if !self.directed {
                f(d, s);
            }
        }
    }

    /// Add the arcs per row to `counts` (whose length exceeds every id). Each part owns a
    /// range of rows and scans the whole input with plain (non-atomic) counters.
    pub(crate) fn count_rows_into(&self, counts: &mut [u64], cancel: &Cancel) -> Result<()> {
        let m = self.src.len();
        let n = counts.len();
        let parts = if m < (1 << 16) {
            1
        } else {
            rayon::current_num_threads().max(1)
        };
        let per = n.div_ceil(parts).max(1);
        counts
            .par_chunks_mut(per)
            .enumerate()
            .map(|(k, cnt)| -> Result<()> {
                let lo = (k * per) as u64;
                let hi = lo + cnt.len() as u64;
                for e0 in (0..m).step_by(CANCEL_STRIDE) {
                    cancel.check()?;
                    for e in e0..(e0 + CANCEL_STRIDE).min(m) {
                        self.arcs_of(e, |r, _| {
                            if r >= lo && r < hi {
                                cnt[(r - lo) as usize] += 1;
                            }
                        });
                    }
                }
                Ok(())
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect::<Result<()>>()
    }

    /// Write every arc into its row after those already placed by `placer`, rows keeping
    /// input order (so placing the edges in several calls, in order, gives the rows of one call).
    ///
    /// Chunk by chunk, arcs are first partitioned (stably, in parallel over fixed sub-chunks)
    /// into buckets of consecutive rows whose arcs fit in cache, then each bucket places its
    /// arcs, so the random writes stay within a cache-sized window of `indices`. Every id must
    /// be below `n`. An arc that would leave its bucket's slice of `indices` (more arcs than
    /// counted) sets `placer.overflow` instead; [`Placer::rows_complete`] checks the rest.
    pub(crate) fn place(
        &self,
        placer: &mut Placer<W>,
        indptr: &[u64],
        indices: &mut [NodeId],
        mut weights_out: Option<&mut [W]>,
        cancel: &Cancel,
    ) -> Result<()> {
        let n = indptr.len() - 1;
        let m = self.src.len();
        if indptr[n] == 0 || m == 0 {
            return Ok(());
        }
        let Placer {
            shift,
            nb,
            bucket_bounds,
            cursor,
            buf_row,
            buf_nbr,
            buf_w,
            overflow,
        } = placer;
        let (shift, nb, bucket_bounds) = (*shift, *nb, &bucket_bounds[..]);
        let cap = 2 * PLACE_CHUNK.min(m);
        if buf_row.len() < cap {
            buf_row.resize(cap, 0);
            buf_nbr.resize(cap, 0);
        }
        if self.weights.is_some() && buf_w.len() < cap {
            buf_w.resize(cap, W::default());
        }

        for c0 in (0..m).step_by(PLACE_CHUNK) {
            cancel.check()?;
            let c1 = (c0 + PLACE_CHUNK).min(m);
            let nsub = (c1 - c0).div_ceil(SUB_CHUNK);
            // Histogram per (sub-chunk, bucket).
            let hist: Vec<Vec<u32>> = (0..nsub)
                .into_par_iter()
                .map(|k| {
                    let mut h = vec![0u32; nb];
                    let e0 = c0 + k * SUB_CHUNK;
                    for e in e0..(e0 + SUB_CHUNK).min(c1) {
                        self.arcs_of(e, |r, _| h[(r >> shift) as usize] += 1);
                    }
                    h
                })
                .collect();
            // Stable offsets: bucket-major, sub-chunk-minor.
            let mut offsets: Vec<Vec<u32>> = vec![vec![0u32; nb]; nsub];
            let mut bucket_start = vec![0usize; nb + 1];
            let mut acc = 0usize;
            for b in 0..nb {
                bucket_start[b] = acc;
                for k in 0..nsub {
                    offsets[k][b] = acc as u32;
                    acc += hist[k][b] as usize;
                }
            }
            bucket_start[nb] = acc;
            let (prow, pnbr) = (SyncPtr(buf_row.as_mut_ptr()), SyncPtr(buf_nbr.as_mut_ptr()));
            let pw = SyncPtr(buf_w.as_mut_ptr());
            let has_w = self.weights.is_some();
            offsets
                .into_par_iter()
                .enumerate()
                .for_each(|(k, mut off)| {
                    let e0 = c0 + k * SUB_CHUNK;
                    for e in e0..(e0 + SUB_CHUNK).min(c1) {
                        let w = if has_w {
                            self.weights.map_or(W::default(), |w| w[e])
                        } else {
                            W::default()
                        };
                        self.arcs_of(e, |r, v| {
                            let o = &mut off[(r >> shift) as usize];
                            // SAFETY: the offsets of distinct (sub-chunk, bucket) pairs are disjoint
                            // ranges of the buffers, sized by the histogram above.
                            unsafe {
                                prow.write(*o as usize, r as u32);
                                pnbr.write(*o as usize, v as u32);
                                if has_w {
                                    pw.write(*o as usize, w);
                                }
                            }
                            *o += 1;
                        });
                    }
                });
            // Place each bucket's arcs into its own rows.
            let idx_parts = split_rows_mut(indices, indptr, bucket_bounds);
            let w_parts: Vec<Option<&mut [W]>> = match weights_out.as_deref_mut() {
                Some(w) => split_rows_mut(w, indptr, bucket_bounds)
                    .into_iter()
                    .map(Some)
                    .collect(),
                None => (0..nb).map(|_| None).collect(),
            };
            let cur_parts: Vec<&mut [u64]> = cursor.chunks_mut(1usize << shift).collect();
            let (buf_row, buf_nbr, buf_w) = (&*buf_row, &*buf_nbr, &*buf_w);
            let spilled = idx_parts
                .into_par_iter()
                .zip(w_parts)
                .zip(cur_parts)
                .enumerate()
                .map(|(b, ((ix, mut w), cur))| {
                    let r0 = bucket_bounds[b];
                    let base = indptr[r0];
                    for j in bucket_start[b]..bucket_start[b + 1] {
                        let c = &mut cur[buf_row[j] as usize - r0];
                        let p = (*c - base) as usize;
                        // Only more arcs than counted (a chunked build fed other edges) miss.
                        let Some(slot) = ix.get_mut(p) else {
                            return true;
                        };
                        *slot = buf_nbr[j];
                        if let Some(w) = w.as_deref_mut() {
                            w[p] = buf_w[j];
                        }
                        *c += 1;
                    }
                    false
                })
                .reduce(|| false, |a, b| a | b);
            if spilled {
                *overflow = true;
                return Ok(());
            }
        }
        Ok(())
    }
}

/// The state of a placement that may run over several calls of [`ArcSource::place`]: the
/// bucketing of rows, each row's next free position, and the partition buffers.
pub(crate) struct Placer<W> {
    shift: u32,
    nb: usize,
    bucket_bounds: Vec<usize>,
    cursor: Vec<u64>,
    buf_row: Vec<u32>,
    buf_nbr: Vec<u32>,
    buf_w: Vec<W>,
    /// Set when an arc did not fit its bucket (see [`ArcSource::place`]).
    pub(crate) overflow: bool,
}

impl<W: Copy + Default> Placer<W> {
    /// Buckets for the rows of `indptr`; buffers for chunks of up to `max_edges` edges are
    /// allocated on first use.
    pub(crate) fn new(indptr: &[u64], max_edges: usize, weighted: bool) -> Self {
        let n = indptr.len() - 1;
        let arcs = indptr[n] as usize;
        // Rows per bucket: a power of two with about 2^15 arcs per bucket on average.
        let avg = (arcs as f64 / n.max(1) as f64).max(1.0);
        let mut shift = ((32768.0 / avg).max(1.0).log2().floor() as u32).min(31);
        // At most MAX_BUCKETS write streams in the partition step.
        while (n >> shift) + 1 > MAX_BUCKETS {
            shift += 1;
        }
        let nb = (n >> shift) + 1;
        let bucket_bounds: Vec<usize> = (0..=nb).map(|b| (b << shift).min(n)).collect();
        let cap = if arcs == 0 {
            0
        } else {
            2 * PLACE_CHUNK.min(max_edges)
        };
        Placer {
            shift,
            nb,
            bucket_bounds,
            cursor: indptr[..n].to_vec(),
            buf_row: vec![0; cap],
            buf_nbr: vec![0; cap],
            buf_w: if weighted {
                vec![W::default(); cap]
            } else {
                Vec::new()
            },
            overflow: false,
        }
    }

    /// Whether every row received exactly its counted arcs.
    pub(crate) fn rows_complete(&self, indptr: &[u64]) -> bool {
        !self.overflow
            && self
                .cursor
                .par_iter()
                .zip(indptr[1..].par_iter())
                .all(|(c, e)| c == e)
    }
}

/// `[0, c0, c0 + c1, ...]`, length `counts.len() + 1`.
pub(crate) fn exclusive_prefix_sum(counts: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(counts.len() + 1);
    let mut acc = 0u64;
    out.push(0);
    for &c in counts {
        acc += c;
        out.push(acc);
    }
    out
}

/// How many row ranges to split `arcs` of work into.
fn num_parts(arcs: usize) -> usize {
    if arcs < (1 << 16) {
        1
    } else {
        rayon::current_num_threads().max(1)
    }
}

/// Row boundaries `[0 = b0 <= b1 <= ... <= bP = n]` that split the arcs into `parts` nearly
/// equal ranges.
pub(crate) fn row_partition(indptr: &[u64], parts: usize) -> Vec<usize> {
    let n = indptr.len() - 1;
    let total = indptr[n];
    let mut bounds = Vec::with_capacity(parts + 1);
    bounds.push(0);
    for k in 1..parts {
        let target = total * k as u64 / parts as u64;
        let b = indptr.partition_point(|&x| x < target).min(n);
        let prev = *bounds.last().unwrap();
        bounds.push(b.max(prev));
    }
    bounds.push(n);
    bounds
}

/// Split `data` (aligned with `indptr`) into the disjoint mutable slices of the row ranges.
pub(crate) fn split_rows_mut<'a, T>(
    mut data: &'a mut [T],
    indptr: &[u64],
    bounds: &[usize],
) -> Vec<&'a mut [T]> {
    let mut out = Vec::with_capacity(bounds.len() - 1);
    let mut offset = 0usize;
    for k in 0..bounds.len() - 1 {
        let end = indptr[bounds[k + 1]] as usize;
        let (head, tail) = data.split_at_mut(end - offset);
        out.push(head);
        data = tail;
        offset = end;
    }
    out
}

/// Sort every row by neighbour, merge duplicates, compact. Returns the number of self-loops.
pub(crate) fn sort_and_merge_rows(
    adj: &mut Adjacency,
    dup: Duplicates,
    directed: bool,
    cancel: &Cancel,
) -> Result<usize> {
    let n = adj.indptr.len() - 1;
    let arcs = adj.indices.len();
    let bounds = row_partition(&adj.indptr, num_parts(arcs) * 4);
    let indptr = &adj.indptr;
    let idx_parts = split_rows_mut(&mut adj.indices, indptr, &bounds);
    let w_parts: Vec<Option<&mut [f64]>> = match adj.weights.as_deref_mut() {
        Some(w) => split_rows_mut(w, indptr, &bounds)
            .into_iter()
            .map(Some)
            .collect(),
        None => (0..bounds.len() - 1).map(|_| None).collect(),
    };
    // New row lengths, one Vec per part, and the self-loop count.
    let results: Vec<Result<(Vec<u64>, usize)>> = idx_parts
        .into_par_iter()
        .zip(w_parts)
        .enumerate()
        .map(|(k, (ix, mut w))| {
            let (r0, r1) = (bounds[k], bounds[k + 1]);
            let base = indptr[r0] as usize;
            let mut lens = Vec::with_capacity(r1 - r0);
            let mut loops = 0usize;
            let mut scratch: Vec<(u64, f64)> = Vec::new();
            for u in r0..r1 {
                if (u - r0) % 4096 == 0 {
                    cancel.check()?;
                }
                let a = indptr[u] as usize - base;
                let b = indptr[u + 1] as usize - base;
                let row = &mut ix[a..b];
                let len = match w.as_deref_mut() {
                    Some(w) => {
                        merge_row_weighted(u, row, &mut w[a..b], dup, directed, &mut scratch)?
                    }
                    None => merge_row(u, row, dup, directed)?,
                };
                if row[..len].binary_search(&(u as NodeId)).is_ok() {
                    loops += 1;
                }
                lens.push(len as u64);
            }
            Ok((lens, loops))
        })
        .collect();
    // The new offsets straight from the parts' lengths (no n-sized array of lengths).
    let mut new_indptr: Vec<u64> = Vec::with_capacity(n + 1);
    new_indptr.push(0);
    let mut new_total = 0u64;
    let mut loops = 0;
    for r in results {
        let (lens, l) = r?;
        for len in lens {
            new_total += len;
            new_indptr.push(new_total);
        }
        loops += l;
    }
    if new_total as usize != arcs {
        // Compact in place, left to right: new offsets never exceed old ones, so a row is
        // only ever moved down over data already moved.
        for u in 0..n {
            if u % 4096 == 0 {
                cancel.check()?;
            }
            let len = (new_indptr[u + 1] - new_indptr[u]) as usize;
            let to = new_indptr[u] as usize;
            let from = adj.indptr[u] as usize;
            if from != to {
                adj.indices.copy_within(from..from + len, to);
                if let Some(w) = adj.weights.as_mut() {
                    w.copy_within(from..from + len, to);
                }
            }
        }
        let mut idx = std::mem::take(&mut adj.indices).into_vec();
        idx.truncate(new_total as usize);
        idx.shrink_to_fit();
        adj.indices = idx.into();
        if let Some(w) = adj.weights.take() {
            let mut w = w.into_vec();
            w.truncate(new_total as usize);
            w.shrink_to_fit();
            adj.weights = Some(w.into());
        }
        adj.indptr = new_indptr.into();
    }
    Ok(loops)
}

fn duplicate_error(u: usize, v: NodeId, directed: bool) -> Error {
    let (a, b) = (u as u64, v as u64);
    let (src, dst) = if directed || a <= b { (a, b) } else { (b, a) };
    Error::DuplicateEdge { src, dst }
}

/// Sort an unweighted row and drop duplicates; returns the new length.
fn merge_row(u: usize, row: &mut [NodeId], dup: Duplicates, directed: bool) -> Result<usize> {
    if row.windows(2).all(|p| p[0] < p[1]) {
        return Ok(row.len());
    }
    row.sort_unstable();
    let mut out = 0usize;
    for i in 0..row.len() {
        let v = row[i];
        if out > 0 && row[out - 1] == v {
            if dup == Duplicates::Error {
                return Err(duplicate_error(u, v, directed));
            }
            continue;
        }
        row[out] = v;
        out += 1;
    }
    Ok(out)
}

/// Sort a weighted row stably (input order among equal neighbours) and merge duplicates.
fn merge_row_weighted(
    u: usize,
    row: &mut [NodeId],
    w: &mut [f64],
    dup: Duplicates,
    directed: bool,
    scratch: &mut Vec<(u64, f64)>,
) -> Result<usize> {
    if row.windows(2).all(|p| p[0] < p[1]) {
        return Ok(row.len());
    }
    scratch.clear();
    if row.len() < (1usize << 32) {
        // (neighbour, position) keys are unique, so an unstable sort is stable on neighbours.
        scratch.extend(
            row.iter()
                .zip(w.iter())
                .enumerate()
                .map(|(i, (&v, &x))| (((v as u64) << 32) | i as u64, x)),
        );
        scratch.sort_unstable_by_key(|p| p.0);
        for p in scratch.iter_mut() {
            p.0 >>= 32;
        }
    } else {
        scratch.extend(row.iter().zip(w.iter()).map(|(&v, &x)| (v as u64, x)));
        scratch.sort_by_key(|p| p.0);
    }
    let mut out = 0usize;
    for &(v, x) in scratch.iter() {
        let v = v as NodeId;
        if out > 0 && row[out - 1] == v {
            match dup {
                Duplicates::Sum => w[out - 1] += x,
                Duplicates::First => {}
                Duplicates::Error => return Err(duplicate_error(u, v, directed)),
            }
            continue;
        }
        row[out] = v;
        w[out] = x;
        out += 1;
    }
    Ok(out)
}

/// The transpose of `adj` (rows sorted, because sources are visited in increasing order), its
/// weights in the same dtype.
pub(crate) fn transpose(adj: &Adjacency, n: usize, cancel: &Cancel) -> Result<Adjacency> {
    let (indptr, indices, weights) = match adj.weights.as_ref() {
        None => {
            let (p, i, _) = transpose_with::<f64>(adj, None, n, cancel)?;
            (p, i, None)
        }
        Some(w) => match (w.as_f32(), w.as_f64_stored()) {
            (Some(w32), _) => {
                let (p, i, t) = transpose_with(adj, Some(w32), n, cancel)?;
                (p, i, t.map(Weights::from))
            }
            (None, w64) => {
                let (p, i, t) = transpose_with(adj, w64, n, cancel)?;
                (p, i, t.map(Weights::from))
            }
        },
    };
    Ok(Adjacency {
        indptr: indptr.into(),
        indices: indices.into(),
        weights,
    })
}

/// The transposed arrays of `adj`, with `win` (aligned with `adj.indices`) carried along.
#[allow(clippy::type_complexity)]
fn transpose_with<W: Copy + Default + Send + Sync>(
    adj: &Adjacency,
    win: Option<&[W]>,
    n: usize,
    cancel: &Cancel,
) -> Result<(Vec<u64>, Vec<NodeId>, Option<Vec<W>>)> {
    let counts: Vec<AtomicU64> = (0..n).map(|_| AtomicU64::new(0)).collect();
    adj.indices.par_iter().with_min_len(1 << 14).for_each(|&v| {
        counts[v as usize].fetch_add(1, Ordering::Relaxed);
    });
    let counts: Vec<u64> = counts.into_iter().map(AtomicU64::into_inner).collect();
    let indptr = exclusive_prefix_sum(&counts);
    drop(counts);
    let arcs = adj.indices.len();
    let mut indices: Vec<NodeId> = vec![0; arcs];
    let mut weights: Option<Vec<W>> = win.map(|_| vec![W::default(); arcs]);
    {
        let bounds = row_partition(&indptr, num_parts(arcs));
        let idx_parts = split_rows_mut(&mut indices, &indptr, &bounds);
        let w_parts: Vec<Option<&mut [W]>> = match weights.as_mut() {
            Some(w) => split_rows_mut(w, &indptr, &bounds)
                .into_iter()
                .map(Some)
                .collect(),
            None => (0..bounds.len() - 1).map(|_| None).collect(),
        };
        idx_parts
            .into_par_iter()
            .zip(w_parts)
            .enumerate()
            .map(|(k, (ix, mut w))| -> Result<()> {
                let (r0, r1) = (bounds[k], bounds[k + 1]);
                if r0 == r1 {
                    return Ok(());
                }
                let base = indptr[r0];
                let mut cur: Vec<usize> = indptr[r0..r1]
                    .iter()
                    .map(|&x| (x - base) as usize)
                    .collect();
                for u in 0..n {
                    if u % (CANCEL_STRIDE >> 4) == 0 {
                        cancel.check()?;
                    }
                    let r = adj.range(u);
                    for j in r {
                        let v = adj.indices[j] as usize;
                        if v >= r0 && v < r1 {
                            let c = &mut cur[v - r0];
                            ix[*c] = u as NodeId;
                            if let (Some(w), Some(win)) = (w.as_deref_mut(), win) {
                                w[*c] = win[j];
                            }
                            *c += 1;
                        }
                    }
                }
                Ok(())
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect::<Result<()>>()?;
    }
    Ok((indptr, indices, weights))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(src: &[i64], dst: &[i64], w: Option<&[f64]>, opts: BuildOptions) -> Result<Csr> {
        Csr::from_edges(src, dst, w, &opts, &Cancel::new())
    }

    //   0 - 1 - 2     3 (isolated, via num_nodes)
    //        \_/ duplicate 1-2 given as (2, 1)
    #[test]
    fn undirected_sum_duplicates() {
        let g = build(
            &[0, 1, 2],
            &[1, 2, 1],
            Some(&[1.0, 2.0, 0.5]),
            BuildOptions {
                num_nodes: Some(4),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(g.num_nodes(), 4);
        assert_eq!(g.num_edges(), 2);
        assert_eq!(g.out_adj().indptr, vec![0, 1, 3, 4, 4]);
        assert_eq!(g.out_adj().indices, vec![1, 0, 2, 1]);
        assert_eq!(
            g.out_adj().weights.as_ref().unwrap(),
            &vec![1.0, 1.0, 2.5, 2.5]
        );
        assert_eq!(g.nbytes(), 5 * 8 + 4 * 4 + 4 * 8);
    }

    #[test]
    fn first_and_error_policies() {
        let opts = BuildOptions {
            duplicates: Duplicates::First,
            ..Default::default()
        };
        let g = build(&[0, 1], &[1, 0], Some(&[3.0, 4.0]), opts).unwrap();
        assert_eq!(g.out_adj().weights.as_ref().unwrap(), &vec![3.0, 3.0]);
        let opts = BuildOptions {
            duplicates: Duplicates::Error,
            ..Default::default()
        };
        assert_eq!(
            build(&[2, 1], &[1, 2], None, opts),
            Err(Error::DuplicateEdge { src: 1, dst: 2 })
        );
        // Directed: (1, 2) and (2, 1) are different edges.
        let opts = BuildOptions {
            duplicates: Duplicates::Error,
            directed: true,
            ..Default::default()
        };
        assert!(build(&[2, 1], &[1, 2], None, opts).is_ok());
    }

    //   0 -> 1 -> 2, 2 -> 0, 0 -> 0 (loop)
    #[test]
    fn directed_in_adjacency_and_loops() {
        let g = build(
            &[0, 1, 2, 0],
            &[1, 2, 0, 0],
            None,
            BuildOptions {
                directed: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(g.num_edges(), 4);
        assert_eq!(g.num_self_loops(), 1);
        assert_eq!(g.out_neighbors(0), &[0, 1]);
        assert_eq!(g.in_neighbors(0), &[0, 2]);
        assert_eq!(g.in_neighbors(2), &[1]);
        let g = build(
            &[0, 1, 2, 0],
            &[1, 2, 0, 0],
            None,
            BuildOptions {
                directed: true,
                self_loops: false,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(g.num_edges(), 3);
        assert_eq!(g.out_neighbors(0), &[1]);
    }

    #[test]
    fn undirected_self_loop_stored_once() {
        let g = build(&[0, 0], &[0, 1], None, BuildOptions::default()).unwrap();
        assert_eq!(g.out_neighbors(0), &[0, 1]);
        assert_eq!(g.num_edges(), 2);
        assert_eq!(g.num_self_loops(), 1);
    }

    #[test]
    fn bad_input() {
        assert!(matches!(
            build(&[0, 1], &[1], None, BuildOptions::default()),
            Err(Error::LengthMismatch { .. })
        ));
        assert_eq!(
            build(&[0, -1], &[1, 1], None, BuildOptions::default()),
            Err(Error::NodeOutOfRange {
                array: "src",
                index: 1,
                value: -1,
                num_nodes: 0
            })
        );
        assert_eq!(
            build(
                &[0, 1],
                &[1, 5],
                None,
                BuildOptions {
                    num_nodes: Some(3),
                    ..Default::default()
                }
            ),
            Err(Error::NodeOutOfRange {
                array: "dst",
                index: 1,
                value: 5,
                num_nodes: 3
            })
        );
        assert!(matches!(
            build(&[0], &[1], Some(&[f64::NAN]), BuildOptions::default()),
            Err(Error::InvalidWeight { index: 0, .. })
        ));
        assert!(matches!(
            build(&[0], &[u32::MAX as i64], None, BuildOptions::default()),
            Err(Error::TooLarge { .. })
        ));
        let empty = build(&[], &[], None, BuildOptions::default()).unwrap();
        assert_eq!(empty.num_nodes(), 0);
        assert_eq!(empty.out_adj().indptr, vec![0]);
    }

    #[test]
    fn same_result_on_one_and_many_threads() {
        // A pseudo-random multigraph with many duplicates and loops.
        let mut x = 12345u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let m = 200_000;
        let src: Vec<u32> = (0..m).map(|_| (next() % 5000) as u32).collect();
        let dst: Vec<u32> = (0..m).map(|_| (next() % 5000) as u32).collect();
        let w: Vec<f64> = (0..m).map(|_| (next() % 1000) as f64 / 7.0).collect();
        for directed in [false, true] {
            let opts = BuildOptions {
                directed,
                ..Default::default()
            };
            let one = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .build()
                .unwrap()
                .install(|| Csr::from_edges(&src, &dst, Some(&w), &opts, &Cancel::new()).unwrap());
            let four = rayon::ThreadPoolBuilder::new()
                .num_threads(4)
                .build()
                .unwrap()
                .install(|| Csr::from_edges(&src, &dst, Some(&w), &opts, &Cancel::new()).unwrap());
            assert_eq!(one, four);
        }
    }
}
