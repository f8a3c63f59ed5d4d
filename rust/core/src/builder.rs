//! A CSR built from edges that arrive in chunks, without ever holding the whole edge list.
//!
//! [`ChunkedBuilder`] runs the two passes of [`Csr::from_edges`] over a sequence of chunks:
//! every chunk is first *counted* ([`ChunkedBuilder::count`]: arcs per row, the node count
//! growing with the largest id seen unless fixed), then, after [`ChunkedBuilder::start_placing`]
//! has allocated the CSR arrays, the same chunks are *placed* in the same order
//! ([`ChunkedBuilder::place`]), and [`ChunkedBuilder::finish`] sorts the rows, merges duplicates
//! and builds the transpose of a directed graph. The placement, sort and transpose are the code
//! of [`Csr::from_edges`], and each row keeps the input order of its arcs across chunks, so the
//! result is identical to [`Csr::from_edges`] on the concatenated chunks (duplicate weights are
//! summed in input order), for any chunking and any number of threads.
//!
//! A reader can therefore parse or decode a chunk, count it, keep it (or re-read it later), and
//! free each chunk as soon as it is placed: the peak is the CSR plus the chunks not yet placed.

use crate::cancel::Cancel;
use crate::csr::{
    exclusive_prefix_sum, finish_build, first_position, ArcSource, BuildOptions, Csr, NodeIndex,
    Placer, MAX_NODES,
};
use crate::error::{Error, Result};
use crate::NodeId;

/// Where a [`ChunkedBuilder`] is.
enum Phase {
    /// Counting arcs per row.
    Counting { counts: Vec<u64> },
    /// Placing arcs into the allocated rows.
    Placing {
        indptr: Vec<u64>,
        indices: Vec<NodeId>,
        weights: Option<Vec<f64>>,
        placer: Placer<f64>,
    },
    /// Finished or failed.
    Done,
}

/// Builds a [`Csr`] from edge chunks in two passes. See the module documentation.
///
/// # Example
/// ```
/// use impactgraph_core::{builder::ChunkedBuilder, BuildOptions, Cancel, Csr};
/// let c = Cancel::new();
/// let chunks: [(&[u32], &[u32], &[f64]); 2] = [(&[0, 1], &[1, 2], &[1.0, 2.0]), (&[2, 1], &[1, 0], &[0.5, 3.0])];
/// let mut b = ChunkedBuilder::new(&BuildOptions::default(), true).unwrap();
/// for (s, d, _) in &chunks {
///     b.count(s, d, &c).unwrap();
/// }
/// b.start_placing(None).unwrap();
/// for (s, d, w) in &chunks {
///     b.place(s, d, Some(w), &c).unwrap();
/// }
/// let g = b.finish(&c).unwrap();
/// let whole = Csr::from_edges(&[0u32, 1, 2, 1], &[1u32, 2, 1, 0], Some(&[1.0, 2.0, 0.5, 3.0]), &BuildOptions::default(), &c).unwrap();
/// assert_eq!(g, whole);
/// assert_eq!(g.out_adj().weights_of(1), Some(&[4.0, 2.5][..]));
/// ```
pub struct ChunkedBuilder {
    opts: BuildOptions,
    weighted: bool,
    phase: Phase,
    /// Fixed node count, or one more than the largest id counted so far.
    n: usize,
    /// Edges counted, and edges placed so far.
    counted: u64,
    placed: u64,
    /// Largest chunk counted (sizes the placement buffers).
    max_chunk: usize,
}

impl ChunkedBuilder {
    /// A builder with the options of [`Csr::from_edges`]; `weighted` says whether
    /// [`ChunkedBuilder::place`] will receive weights.
    ///
    /// # Arguments
    /// * `opts` – directedness, node count (`None`: one more than the largest id counted),
    ///   duplicate and self-loop policy.
    /// * `weighted` – whether every placed chunk carries weights.
    ///
    /// # Errors
    /// [`Error::TooLarge`] when `opts.num_nodes` exceeds [`MAX_NODES`].
    ///
    /// # Complexity
    /// O(n) for a fixed node count (the row counters).
    ///
    /// # Example
    /// See [`ChunkedBuilder`].
    pub fn new(opts: &BuildOptions, weighted: bool) -> Result<Self> {
        let n = match opts.num_nodes {
            Some(n) if n > MAX_NODES => return Err(too_many(n)),
            Some(n) => n as usize,
            None => 0,
        };
        Ok(ChunkedBuilder {
            opts: *opts,
            weighted,
            phase: Phase::Counting { counts: vec![0; n] },
            n,
            counted: 0,
            placed: 0,
            max_chunk: 0,
        })
    }

    /// Number of nodes so far (fixed, or one more than the largest id counted).
    pub fn num_nodes(&self) -> usize {
        self.n
    }

    /// Number of edges counted so far.
    pub fn num_counted(&self) -> u64 {
        self.counted
    }

    /// Number of edges placed so far.
    pub fn num_placed(&self) -> u64 {
        self.placed
    }

    /// Count the arcs of one chunk of edges.
    ///
    /// # Arguments
    /// * `src`, `dst` – endpoint ids of the chunk, any integer type, same length.
    /// * `cancel` – checked every 2^20 edges.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`]; [`Error::NodeOutOfRange`] for a negative id or, with a fixed
    /// node count, an id not below it (`index` counts from the first edge of the first chunk);
    /// [`Error::TooLarge`] for more than [`MAX_NODES`] nodes; [`Error::InvalidParameter`] after
    /// [`ChunkedBuilder::start_placing`]; [`Error::Interrupted`].
    ///
    /// # Complexity
    /// O(len + growth of n), parallel over row ranges.
    ///
    /// # Example
    /// See [`ChunkedBuilder`].
    pub fn count<T: NodeIndex>(&mut self, src: &[T], dst: &[T], cancel: &Cancel) -> Result<()> {
        Error::check_same_len("src", src.len(), "dst", dst.len())?;
        let arcs = arcs_of(&self.opts, src, dst, None);
        let Phase::Counting { counts } = &mut self.phase else {
            return Err(Error::param(
                "count",
                "the builder is no longer counting (count every chunk before placing any)",
            ));
        };
        let fixed = self.opts.num_nodes.is_some();
        let n_chunk = check_ids(
            src,
            dst,
            if fixed { Some(self.n as u64) } else { None },
            self.counted,
        )?;
        if !fixed && n_chunk > self.n {
            counts.resize(n_chunk, 0);
            self.n = n_chunk;
        }
        cancel.check()?;
        arcs.count_rows_into(counts, cancel)?;
        self.counted += src.len() as u64;
        self.max_chunk = self.max_chunk.max(src.len());
        Ok(())
    }

    /// End the counting pass: allocate the CSR arrays for the counted arcs.
    ///
    /// # Arguments
    /// * `num_nodes` – raise the node count to this (e.g. the number of labels, when some node
    ///   appears only in dropped self-loops); `None` keeps it.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when called twice or when `num_nodes` is below the largest
    /// id counted (or differs from a fixed count); [`Error::TooLarge`].
    ///
    /// # Complexity
    /// O(n + arcs) to allocate.
    ///
    /// # Example
    /// See [`ChunkedBuilder`].
    pub fn start_placing(&mut self, num_nodes: Option<u64>) -> Result<()> {
        let Phase::Counting { counts } = &mut self.phase else {
            return Err(Error::param(
                "start_placing",
                "placement has already started",
            ));
        };
        if let Some(k) = num_nodes {
            if k > MAX_NODES {
                return Err(too_many(k));
            }
            let k = k as usize;
            let fixed = self.opts.num_nodes.is_some();
            if k < self.n || (fixed && k != self.n) {
                return Err(Error::param(
                    "num_nodes",
                    format!("{k} nodes, but the counted edges need {}", self.n),
                ));
            }
            counts.resize(k, 0);
            self.n = k;
        }
        let indptr = exclusive_prefix_sum(counts);
        // Free the counters before the CSR arrays are allocated.
        self.phase = Phase::Done;
        let arcs = indptr[self.n] as usize;
        let placer = Placer::new(&indptr, self.max_chunk, self.weighted);
        self.phase = Phase::Placing {
            indptr,
            indices: vec![0; arcs],
            weights: self.weighted.then(|| vec![0.0; arcs]),
            placer,
        };
        Ok(())
    }

    /// Place one chunk; the chunks must be those counted, in the same order.
    ///
    /// # Arguments
    /// * `src`, `dst` – endpoint ids of the chunk.
    /// * `weights` – finite weights of the chunk, when the builder is weighted.
    /// * `cancel` – checked every 2^21 edges.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`], [`Error::NodeOutOfRange`], [`Error::InvalidWeight`] (NaN or
    /// infinite; `index` counts from the first edge), [`Error::InvalidParameter`] for weights
    /// missing or unexpected, before [`ChunkedBuilder::start_placing`], or for edges other
    /// than those counted; [`Error::Interrupted`].
    ///
    /// # Complexity
    /// O(len) work, as the placement pass of [`Csr::from_edges`].
    ///
    /// # Example
    /// See [`ChunkedBuilder`].
    pub fn place<T: NodeIndex>(
        &mut self,
        src: &[T],
        dst: &[T],
        weights: Option<&[f64]>,
        cancel: &Cancel,
    ) -> Result<()> {
        Error::check_same_len("src", src.len(), "dst", dst.len())?;
        if let Some(w) = weights {
            Error::check_same_len("src", src.len(), "weights", w.len())?;
        }
        if weights.is_some() != self.weighted {
            return Err(Error::param(
                "weights",
                if self.weighted {
                    "the builder is weighted: every chunk needs weights"
                } else {
                    "the builder is unweighted: chunks take no weights"
                },
            ));
        }
        if !matches!(self.phase, Phase::Placing { .. }) {
            return Err(Error::param(
                "place",
                "call start_placing after counting every chunk, before placing",
            ));
        }
        if self.placed + src.len() as u64 > self.counted {
            return Err(mismatch());
        }
        if let Some(w) = weights {
            if let Some(i) = first_position(w, |x| !x.is_finite()) {
                return Err(Error::InvalidWeight {
                    array: "weights",
                    index: self.placed as usize + i,
                    value: w[i],
                    requirement: "finite",
                });
            }
        }
        check_ids(src, dst, Some(self.n as u64), self.placed)?;
        cancel.check()?;
        let arcs = arcs_of(&self.opts, src, dst, weights);
        let Phase::Placing {
            indptr,
            indices,
            weights: wout,
            placer,
        } = &mut self.phase
        else {
            unreachable!("checked above");
        };
        arcs.place(placer, indptr, indices, wout.as_deref_mut(), cancel)?;
        if placer.overflow {
            self.phase = Phase::Done;
            return Err(mismatch());
        }
        self.placed += src.len() as u64;
        Ok(())
    }

    /// Sort the rows, merge duplicates and build the transpose of a directed graph.
    ///
    /// # Arguments
    /// * `cancel` – checked while sorting and transposing.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if the placed edges are not the counted ones;
    /// [`Error::DuplicateEdge`] under [`crate::Duplicates::Error`]; [`Error::Interrupted`].
    ///
    /// # Complexity
    /// As the sort and transpose of [`Csr::from_edges`].
    ///
    /// # Example
    /// See [`ChunkedBuilder`].
    pub fn finish(mut self, cancel: &Cancel) -> Result<Csr> {
        if matches!(self.phase, Phase::Counting { .. }) {
            self.start_placing(None)?;
        }
        let Phase::Placing {
            indptr,
            indices,
            weights,
            placer,
        } = std::mem::replace(&mut self.phase, Phase::Done)
        else {
            return Err(mismatch());
        };
        if self.placed != self.counted || !placer.rows_complete(&indptr) {
            return Err(mismatch());
        }
        drop(placer);
        finish_build(self.n, indptr, indices, weights, &self.opts, cancel)
    }
}

/// The arcs of a chunk under the build options.
fn arcs_of<'a, T>(
    opts: &BuildOptions,
    src: &'a [T],
    dst: &'a [T],
    weights: Option<&'a [f64]>,
) -> ArcSource<'a, T, f64> {
    ArcSource {
        src,
        dst,
        weights,
        directed: opts.directed,
        keep_loops: opts.self_loops,
    }
}

fn mismatch() -> Error {
    Error::param(
        "place",
        "the placed edges differ from the counted ones (place the same chunks, in the same order)",
    )
}

fn too_many(n: u64) -> Error {
    Error::TooLarge {
        message: format!("{n} nodes; at most {MAX_NODES} are supported (u32 node ids)"),
    }
}

/// Check the ids of a chunk whose first edge has global position `offset`: no negative id, and
/// every id below `n` when given. Returns one more than the largest id (0 when empty).
fn check_ids<T: NodeIndex>(src: &[T], dst: &[T], n: Option<u64>, offset: u64) -> Result<usize> {
    let shift = |e: Error| match e {
        Error::NodeOutOfRange {
            array,
            index,
            value,
            num_nodes,
        } => Error::NodeOutOfRange {
            array,
            index: index + offset as usize,
            value,
            num_nodes,
        },
        e => e,
    };
    crate::csr::resolve_num_nodes(src, dst, n).map_err(shift)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Duplicates;
    use proptest::prelude::*;

    /// Count then place `cuts`-delimited chunks of the edges.
    fn chunked(
        src: &[i64],
        dst: &[i64],
        w: Option<&[f64]>,
        cuts: &[usize],
        opts: &BuildOptions,
        extra: Option<u64>,
    ) -> Result<Csr> {
        let c = Cancel::new();
        let mut bounds: Vec<usize> = cuts.iter().map(|&k| k.min(src.len())).collect();
        bounds.push(0);
        bounds.push(src.len());
        bounds.sort_unstable();
        let mut b = ChunkedBuilder::new(opts, w.is_some())?;
        for p in bounds.windows(2) {
            b.count(&src[p[0]..p[1]], &dst[p[0]..p[1]], &c)?;
        }
        b.start_placing(extra)?;
        for p in bounds.windows(2) {
            b.place(
                &src[p[0]..p[1]],
                &dst[p[0]..p[1]],
                w.map(|w| &w[p[0]..p[1]]),
                &c,
            )?;
        }
        b.finish(&c)
    }

    fn all_opts() -> Vec<BuildOptions> {
        let mut v = Vec::new();
        for directed in [false, true] {
            for self_loops in [false, true] {
                for duplicates in [Duplicates::Sum, Duplicates::First, Duplicates::Error] {
                    for num_nodes in [None, Some(40)] {
                        v.push(BuildOptions {
                            directed,
                            num_nodes,
                            duplicates,
                            self_loops,
                            ..BuildOptions::default()
                        });
                    }
                }
            }
        }
        v
    }

    proptest! {
        #[test]
        fn chunked_equals_from_edges(
            edges in proptest::collection::vec((0i64..30, 0i64..30, -4i32..5), 0..300),
            cuts in proptest::collection::vec(0usize..300, 0..6),
            threads in 1usize..4,
        ) {
            let src: Vec<i64> = edges.iter().map(|e| e.0).collect();
            let dst: Vec<i64> = edges.iter().map(|e| e.1).collect();
            let w: Vec<f64> = edges.iter().map(|e| e.2 as f64 * 0.1).collect();
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| {
                for opts in all_opts() {
                    for weights in [None, Some(&w[..])] {
                        let whole = Csr::from_edges(&src, &dst, weights, &opts, &Cancel::new());
                        let parts = chunked(&src, &dst, weights, &cuts, &opts, None);
                        match (whole, parts) {
                            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                            (a, b) => prop_assert!(false, "{:?} vs {:?}", a, b),
                        }
                    }
                }
                Ok(())
            })?;
        }
    }

    #[test]
    fn large_chunks_cross_the_placement_chunk_size() {
        // More edges than one placement chunk (2^21) and many rows, in uneven chunks.
        let m = (1usize << 21) + 12345;
        let src: Vec<i64> = (0..m as i64).map(|i| (i * 7919) % 100_003).collect();
        let dst: Vec<i64> = (0..m as i64).map(|i| (i * 104_729 + 3) % 100_003).collect();
        let w: Vec<f64> = (0..m).map(|i| (i % 13) as f64 * 0.25).collect();
        for directed in [false, true] {
            let opts = BuildOptions {
                directed,
                ..Default::default()
            };
            let whole = Csr::from_edges(&src, &dst, Some(&w), &opts, &Cancel::new()).unwrap();
            let parts =
                chunked(&src, &dst, Some(&w), &[1, 700_000, 2_000_001], &opts, None).unwrap();
            assert_eq!(whole, parts);
        }
    }

    #[test]
    fn extra_nodes_and_errors() {
        let c = Cancel::new();
        let opts = BuildOptions {
            self_loops: false,
            ..Default::default()
        };
        // Node 3 appears only in a dropped self-loop; start_placing(Some(5)) keeps 5 nodes.
        let g = chunked(&[0, 3], &[1, 3], None, &[1], &opts, Some(5)).unwrap();
        let h = Csr::from_edges(
            &[0i64, 3],
            &[1i64, 3],
            None,
            &BuildOptions {
                num_nodes: Some(5),
                ..opts
            },
            &c,
        )
        .unwrap();
        assert_eq!(g, h);
        // Fewer nodes than the ids need.
        let e = chunked(&[0, 3], &[1, 3], None, &[], &opts, Some(2)).unwrap_err();
        assert!(e.to_string().contains("num_nodes"), "{e}");
        // Out-of-range and negative ids name their global position.
        let fixed = BuildOptions {
            num_nodes: Some(4),
            ..opts
        };
        match chunked(&[0, 1, 2, 3], &[1, 2, 9, 0], None, &[2], &fixed, None) {
            Err(Error::NodeOutOfRange {
                array: "dst",
                index: 2,
                value: 9,
                ..
            }) => {}
            r => panic!("{r:?}"),
        }
        match chunked(&[0, 1, -2], &[1, 2, 0], None, &[1], &opts, None) {
            Err(Error::NodeOutOfRange {
                array: "src",
                index: 2,
                value: -2,
                ..
            }) => {}
            r => panic!("{r:?}"),
        }
        let nan = [1.0, f64::NAN];
        match chunked(&[0, 1], &[1, 2], Some(&nan), &[1], &opts, None) {
            Err(Error::InvalidWeight { index: 1, .. }) => {}
            r => panic!("{r:?}"),
        }
    }

    #[test]
    fn placing_other_edges_than_counted_is_an_error_not_a_panic() {
        let c = Cancel::new();
        let opts = BuildOptions::default();
        let counted: [(&[u32], &[u32]); 2] = [(&[0, 1, 2], &[1, 2, 3]), (&[3, 4], &[4, 0])];
        let others: [(&[u32], &[u32]); 5] = [
            (&[0, 0, 0], &[0, 0, 0]),
            (&[4, 4, 4, 4, 4], &[3, 3, 3, 3, 3]),
            (&[0, 1, 2, 3, 4], &[1, 2, 3, 4, 1]),
            (&[0, 1], &[1, 2]),
            (&[0, 1, 2, 3, 4, 0], &[1, 2, 3, 4, 0, 1]),
        ];
        for (s, d) in others {
            let mut b = ChunkedBuilder::new(&opts, false).unwrap();
            for (cs, cd) in counted {
                b.count(cs, cd, &c).unwrap();
            }
            b.start_placing(None).unwrap();
            let r = b.place(s, d, None, &c).and_then(|_| b.finish(&c));
            let e = r.unwrap_err();
            assert!(e.to_string().contains("counted"), "{e}");
        }
        // Counting after placing started, placing before, weights where none are expected.
        let mut b = ChunkedBuilder::new(&opts, false).unwrap();
        let e = b.place(&[0u32], &[1u32], None, &c).unwrap_err();
        assert!(e.to_string().contains("start_placing"), "{e}");
        b.count(&[0u32], &[1u32], &c).unwrap();
        b.start_placing(None).unwrap();
        assert!(b.count(&[0u32], &[1u32], &c).is_err());
        assert!(b.place(&[0u32], &[1u32], Some(&[1.0]), &c).is_err());
        b.place(&[0u32], &[1u32], None, &c).unwrap();
        assert_eq!(b.finish(&c).unwrap().num_edges(), 1);
        // An empty builder is an empty graph.
        let g = ChunkedBuilder::new(&opts, true)
            .unwrap()
            .finish(&c)
            .unwrap();
        assert_eq!(
            (g.num_nodes(), g.num_edges(), g.is_weighted()),
            (0, 0, true)
        );
    }

    #[test]
    fn cancelled_token_interrupts() {
        let c = Cancel::new();
        c.cancel();
        let mut b = ChunkedBuilder::new(&BuildOptions::default(), false).unwrap();
        assert!(matches!(
            b.count(&[0u32], &[1u32], &c),
            Err(Error::Interrupted)
        ));
    }
}
