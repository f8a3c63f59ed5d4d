//! Triangles, local clustering, average clustering and transitivity, with networkx's
//! `cluster.py` semantics (self-loops ignored everywhere).
//!
//! # One formula for the four cases of `clustering`
//!
//! Let `C` be a symmetric matrix on the graph without its self-loops. networkx's numerator for
//! node `i` is `t_i = sum_{j != k} C_ij C_ik C_jk` (ordered pairs of neighbours, so twice the sum
//! over triangles through `i`), with
//!
//! * undirected, unweighted: `C = A` (0/1), so `t_i = 2 T_i`;
//! * directed, unweighted (Fagiolo): `C = A + A^T` (entries 0, 1, 2), networkx's sum over the
//!   four combinations of in/out neighbours;
//! * undirected, weighted: `C_ij = cbrt(w_ij / max w)`, the geometric mean of the three
//!   normalised weights (`cbrt(a b c) = cbrt(a) cbrt(b) cbrt(c)`);
//! * directed, weighted: `C = c + c^T` with `c_ij = cbrt(w_ij / max w)` on each arc.
//!
//! The denominators are `d (d - 1)` undirected (`d` the degree without self-loops) and
//! `2 (d_tot (d_tot - 1) - 2 d_bi)` directed (`d_tot` = in + out degree, `d_bi` the reciprocated
//! neighbours); the value is 0 where `t_i = 0`.
//!
//! # Kernels
//!
//! Integer cases (the first two) enumerate every triangle once: nodes are ranked by (degree,
//! id), every edge is oriented from lower to higher rank, and for each oriented edge `u -> v`
//! the sorted out-lists of `u` (after `v`) and `v` are merged; a triangle `(u, v, w)` adds
//! `C_uv C_uw C_vw` to the three counters (one counter array per worker thread, summed at the
//! end: integer sums, so the result does not depend on the thread count). Out-degrees after the orientation are at most
//! `sqrt(2 m)`, so the work is O(m sqrt(m)) (Schank and Wagner 2005; Latapy 2008), as in GAP's
//! `tc` and NetworKit's local clustering. Floating-point cases compute each node's own sum in
//! one task, in a fixed order (bit-identical for any number of threads), intersecting
//! neighbour lists by merge or, when one is much shorter, by binary search.

use std::borrow::Cow;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::{exclusive_prefix_sum, row_partition, split_rows_mut, Csr};
use crate::error::{Error, Result};
use crate::par;
use crate::NodeId;

/// Nodes per parallel task of the per-node loops (small: triangle work is very skewed).
const TASK: usize = 64;

/// Per-thread scratch of the triangle enumeration: counters and a neighbour marker.
#[derive(Default)]
struct Scratch {
    tri: Vec<u64>,
    /// Multiplicity of u's out-edges (directed graphs).
    mark: Vec<u8>,
    /// Bitset of u's out-neighbours (undirected graphs).
    bits: Vec<u64>,
    /// The marked nodes of one out-list (at most the largest out-degree).
    hits: Vec<NodeId>,
}

/// Write the elements of `list` whose bit is set in `bits` to the front of `hits` and return
/// their number. Branch-free (every element is written, the cursor advances only on a hit), so
/// the unpredictable membership test costs no mispredictions.
#[inline]
fn marked_hits(list: &[NodeId], bits: &[u64], hits: &mut [NodeId]) -> usize {
    assert!(hits.len() >= list.len());
    let mut k = 0usize;
    for (i, &w) in list.iter().enumerate() {
        let w = w as usize;
        let word = bits[w >> 6];
        // SAFETY: k <= i < list.len() <= hits.len().
        unsafe { *hits.get_unchecked_mut(k) = w as NodeId };
        debug_assert!(k <= i);
        k += ((word >> (w & 63)) & 1) as usize;
    }
    k
}

/// The symmetric skeleton (self-loops dropped) with optional per-edge values; borrowed from
/// the graph when it is undirected, unweighted (or weights unused) and loop-free.
struct Sym<'a> {
    indptr: Cow<'a, [u64]>,
    indices: Cow<'a, [NodeId]>,
    /// Multiplicity (1 or 2) of each edge for directed graphs; empty otherwise.
    mult: Vec<u8>,
    /// `C_ij` for weighted graphs; empty otherwise.
    val: Vec<f64>,
    /// Directed only: number of reciprocated neighbours per node.
    bi: Vec<u64>,
    /// Directed only: in + out degree without self-loops.
    tot: Vec<u64>,
}

impl Sym<'_> {
    #[inline]
    fn row(&self, u: usize) -> std::ops::Range<usize> {
        self.indptr[u] as usize..self.indptr[u + 1] as usize
    }
    #[inline]
    fn degree(&self, u: usize) -> u64 {
        self.indptr[u + 1] - self.indptr[u]
    }
}

/// Fill rows of a CSR in parallel: `f(u, indices_row, mult_row, val_row)`; `mult` and `val`
/// are either empty (the closure then gets empty rows) or aligned with `idx`.
fn fill_rows<F>(indptr: &[u64], idx: &mut [NodeId], mult: &mut [u8], val: &mut [f64], f: F)
where
    F: Fn(usize, &mut [NodeId], &mut [u8], &mut [f64]) + Sync,
{
    let n = indptr.len() - 1;
    let parts = (4 * rayon::current_num_threads()).max(1);
    let bounds = row_partition(indptr, parts);
    let np = bounds.len() - 1;
    let idx_parts = split_rows_mut(idx, indptr, &bounds);
    let (has_m, has_v) = (!mult.is_empty(), !val.is_empty());
    let m_parts: Vec<&mut [u8]> = if has_m {
        split_rows_mut(mult, indptr, &bounds)
    } else {
        (0..np).map(|_| &mut [][..]).collect()
    };
    let v_parts: Vec<&mut [f64]> = if has_v {
        split_rows_mut(val, indptr, &bounds)
    } else {
        (0..np).map(|_| &mut [][..]).collect()
    };
    idx_parts
        .into_par_iter()
        .zip(m_parts)
        .zip(v_parts)
        .enumerate()
        .for_each(|(p, ((ip, mp), vp))| {
            let base = indptr[bounds[p]] as usize;
            for u in bounds[p]..bounds[p + 1].min(n) {
                let (lo, hi) = (indptr[u] as usize - base, indptr[u + 1] as usize - base);
                let mr: &mut [u8] = if has_m { &mut mp[lo..hi] } else { &mut [] };
                let vr: &mut [f64] = if has_v { &mut vp[lo..hi] } else { &mut [] };
                f(u, &mut ip[lo..hi], mr, vr);
            }
        });
}

/// Largest stored weight (self-loops included, as networkx's `max(d[weight] for edges)`), or 1
/// for a graph without edges.
fn max_weight(g: &Csr) -> f64 {
    match g.out_adj().weights.as_deref() {
        Some(w) if !w.is_empty() => w.par_iter().copied().reduce(|| f64::NEG_INFINITY, f64::max),
        _ => 1.0,
    }
}

/// Build the skeleton. `weighted`: fill `val` with `C_ij`.
fn skeleton<'a>(g: &'a Csr, weighted: bool, cancel: &Cancel) -> Result<Sym<'a>> {
    let n = g.num_nodes();
    let out = g.out_adj();
    let inc = g.in_adj();
    let directed = g.is_directed();
    let weighted = weighted && g.is_weighted();
    if !directed && !weighted && g.num_self_loops() == 0 {
        return Ok(Sym {
            indptr: Cow::Borrowed(&out.indptr),
            indices: Cow::Borrowed(&out.indices),
            mult: Vec::new(),
            val: Vec::new(),
            bi: Vec::new(),
            tot: Vec::new(),
        });
    }
    let scale = if weighted {
        let mw = max_weight(g);
        if mw == 0.0 && g.num_arcs() > g.num_self_loops() {
            return Err(Error::graph(
                "weighted clustering divides by the largest edge weight, which is 0 here \
                 (networkx raises ZeroDivisionError); use weight=None",
            ));
        }
        mw
    } else {
        1.0
    };
    let c = |w: f64| (w / scale).cbrt();
    // Merge of the out-row and (directed) in-row of u without u: calls f(v, mult, value).
    let merged = |u: usize, f: &mut dyn FnMut(NodeId, u8, f64)| {
        let (ro, ri) = (out.range(u), inc.range(u));
        let (io, ii) = (&out.indices[ro.clone()], &inc.indices[ri.clone()]);
        // Only a weighted call reads (and, for f32 storage, widens) the weights.
        let wo = out.weights.as_ref().filter(|_| weighted).map(|w| &w[ro]);
        let wi = inc.weights.as_ref().filter(|_| weighted).map(|w| &w[ri]);
        let wv = |ws: Option<&[f64]>, p: usize| {
            if weighted {
                c(ws.map_or(1.0, |w| w[p]))
            } else {
                0.0
            }
        };
        if !directed {
            for (p, &v) in io.iter().enumerate() {
                if v as usize != u {
                    f(v, 1, wv(wo, p));
                }
            }
            return;
        }
        let (mut a, mut b) = (0, 0);
        while a < io.len() || b < ii.len() {
            let va = io.get(a).copied().unwrap_or(NodeId::MAX);
            let vb = ii.get(b).copied().unwrap_or(NodeId::MAX);
            let v = va.min(vb);
            let (mut m, mut x) = (0u8, 0.0);
            if va == v {
                m += 1;
                x += wv(wo, a);
                a += 1;
            }
            if vb == v {
                m += 1;
                x += wv(wi, b);
                b += 1;
            }
            if v as usize != u {
                f(v, m, x);
            }
        }
    };
    let counts: Vec<u64> = (0..n)
        .into_par_iter()
        .with_min_len(1024)
        .map(|u| {
            let mut k = 0u64;
            merged(u, &mut |_, _, _| k += 1);
            k
        })
        .collect();
    cancel.check()?;
    let indptr = exclusive_prefix_sum(&counts);
    drop(counts);
    let arcs = indptr[n] as usize;
    let mut indices = vec![0 as NodeId; arcs];
    let mut mult = vec![0u8; if directed { arcs } else { 0 }];
    let mut val = vec![0.0f64; if weighted { arcs } else { 0 }];
    fill_rows(
        &indptr,
        &mut indices,
        &mut mult,
        &mut val,
        |u, row, mrow, vrow| {
            let mut p = 0;
            merged(u, &mut |v, m, x| {
                row[p] = v;
                if !mrow.is_empty() {
                    mrow[p] = m;
                }
                if !vrow.is_empty() {
                    vrow[p] = x;
                }
                p += 1;
            });
        },
    );
    cancel.check()?;
    let (tot, bi) = if directed {
        let m = &mult;
        let ip = &indptr;
        (0..n)
            .into_par_iter()
            .with_min_len(1024)
            .map(|u| {
                let r = &m[ip[u] as usize..ip[u + 1] as usize];
                let tot: u64 = r.iter().map(|&x| x as u64).sum();
                let bi = r.iter().filter(|&&x| x == 2).count() as u64;
                (tot, bi)
            })
            .unzip()
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Sym {
        indptr: Cow::Owned(indptr),
        indices: Cow::Owned(indices),
        mult,
        val,
        bi,
        tot,
    })
}

/// `sum over triangles through u of C_uv C_uw C_vw` for integer `C` (the skeleton's
/// multiplicities, or 1), by oriented enumeration. Indexed by node id.
fn oriented_counts(s: &Sym, cancel: &Cancel) -> Result<Vec<u64>> {
    oriented_counts_with(s, cancel, true)
}

/// [`oriented_counts`], with the branch-free or the branchy membership test (undirected).
fn oriented_counts_with(s: &Sym, cancel: &Cancel, branchless: bool) -> Result<Vec<u64>> {
    let n = s.indptr.len() - 1;
    let with_mult = !s.mult.is_empty();
    let mut order: Vec<NodeId> = (0..n as NodeId).collect();
    order.par_sort_unstable_by_key(|&u| (s.degree(u as usize), u));
    let mut rank = vec![0 as NodeId; n];
    for (i, &u) in order.iter().enumerate() {
        rank[u as usize] = i as NodeId;
    }
    cancel.check()?;
    // Oriented rows in rank space: neighbours of higher rank, sorted by rank.
    let counts: Vec<u64> = order
        .par_iter()
        .with_min_len(1024)
        .enumerate()
        .map(|(ru, &u)| {
            s.indices[s.row(u as usize)]
                .iter()
                .filter(|&&v| rank[v as usize] as usize > ru)
                .count() as u64
        })
        .collect();
    let indptr = exclusive_prefix_sum(&counts);
    drop(counts);
    let arcs = indptr[n] as usize;
    let mut idx = vec![0 as NodeId; arcs];
    let mut mul = vec![0u8; if with_mult { arcs } else { 0 }];
    {
        let (order, rank) = (&order, &rank);
        fill_rows(&indptr, &mut idx, &mut mul, &mut [], |ru, row, mrow, _| {
            let u = order[ru] as usize;
            let r = s.row(u);
            let mut p = 0;
            if mrow.is_empty() {
                for &v in &s.indices[r] {
                    let rv = rank[v as usize];
                    if rv as usize > ru {
                        row[p] = rv;
                        p += 1;
                    }
                }
                row.sort_unstable();
            } else {
                let mut tmp: Vec<(NodeId, u8)> = Vec::with_capacity(row.len());
                for j in r {
                    let rv = rank[s.indices[j] as usize];
                    if rv as usize > ru {
                        tmp.push((rv, s.mult[j]));
                    }
                }
                tmp.sort_unstable();
                for (q, (v, m)) in tmp.into_iter().enumerate() {
                    row[q] = v;
                    mrow[q] = m;
                }
            }
        });
    }
    cancel.check()?;
    // One counter array per worker thread (integer sums: the order of the additions does not
    // matter, so the result is the same for any number of threads); no atomics in the loop.
    let nt = rayon::current_num_threads().max(1);
    let max_out = (0..n)
        .map(|u| (indptr[u + 1] - indptr[u]) as usize)
        .max()
        .unwrap_or(0);
    let bufs: Vec<Mutex<Scratch>> = (0..nt).map(|_| Mutex::new(Scratch::default())).collect();
    let (idx, mul, ip, bufs_ref) = (&idx[..], &mul[..], &indptr[..], &bufs[..]);
    (0..n.div_ceil(TASK))
        .into_par_iter()
        .with_max_len(1)
        .try_for_each(|t| -> Result<()> {
            cancel.check()?;
            let me = rayon::current_thread_index().unwrap_or(0) % nt;
            let mut guard = bufs_ref[me].lock().unwrap_or_else(|e| e.into_inner());
            let Scratch {
                tri,
                mark,
                bits,
                hits,
            } = &mut *guard;
            if tri.is_empty() {
                tri.resize(n, 0);
                if with_mult {
                    mark.resize(n, 0);
                } else {
                    bits.resize(n.div_ceil(64), 0);
                    hits.resize(max_out, 0);
                }
            }
            for u in t * TASK..((t + 1) * TASK).min(n) {
                let ru = ip[u] as usize..ip[u + 1] as usize;
                let nu = &idx[ru.clone()];
                if nu.len() < 2 {
                    continue;
                }
                // Mark u's out-neighbours with the multiplicity of the edge (1 without).
                if with_mult {
                    for (a, &w) in nu.iter().enumerate() {
                        mark[w as usize] = mul[ru.start + a];
                    }
                } else {
                    for &w in nu {
                        bits[w as usize >> 6] |= 1u64 << (w & 63);
                    }
                }
                let mut own = 0u64;
                for (a, &v) in nu[..nu.len() - 1].iter().enumerate() {
                    let rv = ip[v as usize] as usize..ip[v as usize + 1] as usize;
                    let mut sum_v = 0u64;
                    if with_mult {
                        let muv = mul[ru.start + a] as u64;
                        for j in rv {
                            let w = idx[j] as usize;
                            let muw = mark[w] as u64;
                            if muw != 0 {
                                let p = muv * muw * mul[j] as u64;
                                sum_v += p;
                                tri[w] += p;
                            }
                        }
                    } else if branchless {
                        let k = marked_hits(&idx[rv], bits, hits);
                        sum_v = k as u64;
                        for &w in &hits[..k] {
                            tri[w as usize] += 1;
                        }
                    } else {
                        for &w in &idx[rv] {
                            let w = w as usize;
                            if (bits[w >> 6] >> (w & 63)) & 1 != 0 {
                                sum_v += 1;
                                tri[w] += 1;
                            }
                        }
                    }
                    own += sum_v;
                    tri[v as usize] += sum_v;
                }
                for &w in nu {
                    if with_mult {
                        mark[w as usize] = 0;
                    } else {
                        bits[w as usize >> 6] = 0;
                    }
                }
                tri[u] += own;
            }
            Ok(())
        })?;
    let bufs: Vec<Vec<u64>> = bufs
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()).tri)
        .filter(|b| !b.is_empty())
        .collect();
    Ok(rank
        .par_iter()
        .with_min_len(4096)
        .map(|&r| bufs.iter().map(|b| b[r as usize]).sum())
        .collect())
}

/// Positions `(p, q)` of the common elements of two sorted lists, in increasing order;
/// a merge when the sizes are comparable, binary searches of the shorter list otherwise.
#[inline]
fn intersect(a: &[NodeId], b: &[NodeId], mut f: impl FnMut(usize, usize)) {
    if a.is_empty() || b.is_empty() {
        return;
    }
    let (short, long, swapped) = if a.len() <= b.len() {
        (a, b, false)
    } else {
        (b, a, true)
    };
    let emit = |f: &mut dyn FnMut(usize, usize), i: usize, j: usize| {
        if swapped {
            f(j, i)
        } else {
            f(i, j)
        }
    };
    if long.len() > 16 * short.len() {
        let mut lo = 0;
        for (i, &x) in short.iter().enumerate() {
            let k = lo + long[lo..].partition_point(|&y| y < x);
            if k == long.len() {
                break;
            }
            if long[k] == x {
                emit(&mut f, i, k);
                lo = k + 1;
            } else {
                lo = k;
            }
        }
    } else {
        let (mut i, mut j) = (0, 0);
        while i < short.len() && j < long.len() {
            let (x, y) = (short[i], long[j]);
            if x < y {
                i += 1;
            } else if x > y {
                j += 1;
            } else {
                emit(&mut f, i, j);
                i += 1;
                j += 1;
            }
        }
    }
}

/// networkx's numerator `t_i` for weighted graphs: each node's own sum, in a fixed order.
fn weighted_numerators(s: &Sym, cancel: &Cancel) -> Result<Vec<f64>> {
    let n = s.indptr.len() - 1;
    let mut t = vec![0.0f64; n];
    t.par_chunks_mut(TASK)
        .enumerate()
        .with_max_len(1)
        .try_for_each(|(b, chunk)| -> Result<()> {
            cancel.check()?;
            for (o, ti) in chunk.iter_mut().enumerate() {
                let i = b * TASK + o;
                let ri = s.row(i);
                let ni = &s.indices[ri.clone()];
                let vi = &s.val[ri];
                let mut sum = 0.0;
                for (a, &j) in ni.iter().enumerate() {
                    // Unordered pairs {j, k} with k < j: the part of N(i) before j.
                    let head = &ni[..a];
                    let rj = s.row(j as usize);
                    let nj = &s.indices[rj.clone()];
                    let end = nj.partition_point(|&k| k < j);
                    let vj = &s.val[rj.start..rj.start + end];
                    let mut part = 0.0;
                    intersect(head, &nj[..end], |p, q| part += vi[p] * vj[q]);
                    sum += vi[a] * part;
                }
                *ti = 2.0 * sum;
            }
            Ok(())
        })?;
    Ok(t)
}

fn undirected_only(g: &Csr, what: &str) -> Result<()> {
    if g.is_directed() {
        return Err(Error::graph(format!(
            "{what} is not defined for directed graphs (networkx raises NetworkXNotImplemented); \
             use clustering, which supports directed graphs, or build an undirected graph"
        )));
    }
    Ok(())
}

/// Number of triangles through each node (networkx `triangles`); self-loops are ignored.
///
/// # Errors
/// [`Error::InvalidGraph`] for a directed graph; [`Error::Interrupted`].
///
/// # Complexity
/// O(m sqrt(m)) work by degree-ordered orientation, O(n + m) extra memory.
///
/// # References
/// T. Schank and D. Wagner, "Finding, counting and listing all triangles in large graphs, an
/// experimental study", WEA 2005.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::triangles, BuildOptions, Cancel, Csr};
/// // Triangle 0-1-2 with a pendant 3 on node 2.
/// let g = Csr::from_edges(&[0u32, 1, 2, 2], &[1u32, 2, 0, 3], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// assert_eq!(triangles(&g, &Cancel::new()).unwrap(), vec![1, 1, 1, 0]);
/// ```
pub fn triangles(g: &Csr, cancel: &Cancel) -> Result<Vec<u64>> {
    undirected_only(g, "triangles")?;
    let s = skeleton(g, false, cancel)?;
    oriented_counts(&s, cancel)
}

/// Local clustering coefficient of every node (networkx `clustering`), for undirected and
/// directed (Fagiolo), unweighted and weighted (geometric mean of the weights normalised by the
/// largest weight) graphs. See the module documentation for the formula.
///
/// # Arguments
/// * `use_weights` – use the stored weights (ignored when the graph has none).
///
/// # Errors
/// [`Error::InvalidGraph`] for a weighted computation whose largest weight is 0;
/// [`Error::Interrupted`].
///
/// # Complexity
/// Unweighted: O(m sqrt(m)); weighted: O(sum over edges of min(d_u, d_v) log d) per direction.
/// Bit-identical results for any number of threads.
///
/// # References
/// D. J. Watts and S. Strogatz, "Collective dynamics of small-world networks", Nature 393
/// (1998). G. Fagiolo, "Clustering in complex directed networks", Phys. Rev. E 76 (2007).
/// J.-P. Onnela, J. Saramäki, J. Kertész and K. Kaski, "Intensity and coherence of motifs in
/// weighted complex networks", Phys. Rev. E 71 (2005).
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::clustering, BuildOptions, Cancel, Csr};
/// // Triangle 0-1-2 with a pendant 3 on node 2.
/// let g = Csr::from_edges(&[0u32, 1, 2, 2], &[1u32, 2, 0, 3], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// assert_eq!(clustering(&g, false, &Cancel::new()).unwrap(), vec![1.0, 1.0, 1.0 / 3.0, 0.0]);
/// ```
pub fn clustering(g: &Csr, use_weights: bool, cancel: &Cancel) -> Result<Vec<f64>> {
    let weighted = use_weights && g.is_weighted();
    let s = skeleton(g, weighted, cancel)?;
    let n = g.num_nodes();
    let num: Vec<f64> = if weighted {
        weighted_numerators(&s, cancel)?
    } else {
        let t = oriented_counts(&s, cancel)?;
        // networkx's t is the ordered-pair count: twice the per-triangle sum.
        t.into_par_iter()
            .with_min_len(4096)
            .map(|x| (2 * x) as f64)
            .collect()
    };
    let directed = g.is_directed();
    Ok((0..n)
        .into_par_iter()
        .with_min_len(4096)
        .map(|i| {
            let t = num[i];
            if t == 0.0 {
                return 0.0;
            }
            let den = if directed {
                let (dt, db) = (s.tot[i], s.bi[i]);
                ((dt * (dt - 1) - 2 * db) * 2) as f64
            } else {
                let d = s.degree(i);
                (d * (d - 1)) as f64
            };
            t / den
        })
        .collect())
}

/// Mean local clustering (networkx `average_clustering` over all nodes); with
/// `count_zeros = false` the mean over the nodes whose clustering is not 0.
///
/// # Errors
/// [`Error::InvalidGraph`] when there is no node to average over (networkx raises
/// `ZeroDivisionError`); the errors of [`clustering`].
pub fn average_clustering(
    g: &Csr,
    use_weights: bool,
    count_zeros: bool,
    cancel: &Cancel,
) -> Result<f64> {
    let c = clustering(g, use_weights, cancel)?;
    let count = if count_zeros {
        c.len()
    } else {
        c.par_iter().filter(|x| x.abs() > 0.0).count()
    };
    if count == 0 {
        return Err(Error::graph(if c.is_empty() {
            "average_clustering is not defined for the empty graph (networkx raises ZeroDivisionError)"
        } else {
            "average_clustering with count_zeros=False is not defined when every node has \
             clustering 0 (networkx raises ZeroDivisionError)"
        }));
    }
    Ok(par::det_sum_slice(&c) / count as f64)
}

/// Transitivity `3 * triangles / connected triples` (networkx `transitivity`); 0 for a graph
/// without triangles (or without nodes).
///
/// For a directed graph, networkx's value: its triangle routine run on the out-neighbour sets
/// (`S(v)` = successors of `v` other than `v`), i.e. `Σ_v Σ_{w ∈ S(v)} |S(v) ∩ S(w)|` over
/// `Σ_v |S(v)| (|S(v)| − 1)`.
///
/// # Errors
/// [`Error::Interrupted`].
pub fn transitivity(g: &Csr, cancel: &Cancel) -> Result<f64> {
    if g.is_directed() {
        return directed_transitivity(g, cancel);
    }
    let s = skeleton(g, false, cancel)?;
    let t = oriented_counts(&s, cancel)?;
    let n = t.len();
    let (tri, triples) = (0..n)
        .into_par_iter()
        .with_min_len(4096)
        .map(|i| {
            let d = s.degree(i) as u128;
            (2 * t[i] as u128, d * d.saturating_sub(1))
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    if tri == 0 {
        return Ok(0.0);
    }
    Ok(tri as f64 / triples as f64)
}

/// networkx's `transitivity` of a directed graph (see [`transitivity`]): exact integer counts,
/// parallel over nodes with one marker array per task.
fn directed_transitivity(g: &Csr, cancel: &Cancel) -> Result<f64> {
    let out = g.out_adj();
    let n = g.num_nodes();
    const CHUNK: usize = 2048;
    let (tri, triples) = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(
            || vec![u32::MAX; n],
            |mark, c| -> Result<(u128, u128)> {
                cancel.check()?;
                let (mut tri, mut triples) = (0u128, 0u128);
                for v in c * CHUNK..((c + 1) * CHUNK).min(n) {
                    let row = out.neighbors(v);
                    let mut d = 0u128;
                    for &x in row {
                        if x as usize != v {
                            mark[x as usize] = v as u32;
                            d += 1;
                        }
                    }
                    triples += d * d.saturating_sub(1);
                    for &w in row {
                        let w = w as usize;
                        if w == v {
                            continue;
                        }
                        for &x in out.neighbors(w) {
                            tri += (x as usize != w && mark[x as usize] == v as u32) as u128;
                        }
                    }
                }
                Ok((tri, triples))
            },
        )
        .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))?;
    if tri == 0 {
        return Ok(0.0);
    }
    Ok(tri as f64 / triples as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph, rmat};

    /// Dense transcription of networkx's formulas (sets, per node, ordered pairs).
    fn oracle(g: &Csr, use_weights: bool) -> Vec<f64> {
        let n = g.num_nodes();
        let weighted = use_weights && g.is_weighted();
        let mut w = vec![vec![0.0f64; n]; n];
        let mut a = vec![vec![false; n]; n];
        let mut maxw = f64::NEG_INFINITY;
        for u in 0..n {
            for j in g.out_adj().range(u) {
                let v = g.out_adj().indices[j] as usize;
                let x = g.out_adj().weights.as_ref().map_or(1.0, |ws| ws[j]);
                maxw = maxw.max(x);
                if u != v {
                    a[u][v] = true;
                    w[u][v] = x;
                }
            }
        }
        if !weighted || maxw == f64::NEG_INFINITY {
            maxw = 1.0;
        }
        let c = |u: usize, v: usize| {
            let f = |x: usize, y: usize| {
                if !a[x][y] {
                    0.0
                } else if weighted {
                    (w[x][y] / maxw).cbrt()
                } else {
                    1.0
                }
            };
            if g.is_directed() {
                f(u, v) + f(v, u)
            } else {
                f(u, v)
            }
        };
        (0..n)
            .map(|i| {
                let mut t = 0.0;
                for j in 0..n {
                    for k in 0..n {
                        if j != k && j != i && k != i {
                            t += c(i, j) * c(i, k) * c(j, k);
                        }
                    }
                }
                if t == 0.0 {
                    return 0.0;
                }
                if g.is_directed() {
                    let ins = (0..n).filter(|&j| j != i && a[j][i]).count() as f64;
                    let outs = (0..n).filter(|&j| j != i && a[i][j]).count() as f64;
                    let bi = (0..n).filter(|&j| j != i && a[j][i] && a[i][j]).count() as f64;
                    let dt = ins + outs;
                    t / ((dt * (dt - 1.0) - 2.0 * bi) * 2.0)
                } else {
                    let d = (0..n).filter(|&j| a[i][j]).count() as f64;
                    t / (d * (d - 1.0))
                }
            })
            .collect()
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1e-300))
    }

    fn cn() -> Cancel {
        Cancel::new()
    }

    //   0---1        Triangle 0-1-2 and a pendant 3 on 2, a self-loop on 3 (ignored).
    //    \ /
    //     2---3@
    #[test]
    fn triangle_with_pendant() {
        let g = build(&[0, 1, 2, 2, 3], &[1, 2, 0, 3, 3], None, false, None);
        assert_eq!(triangles(&g, &cn()).unwrap(), vec![1, 1, 1, 0]);
        assert_eq!(
            clustering(&g, false, &cn()).unwrap(),
            vec![1.0, 1.0, 1.0 / 3.0, 0.0]
        );
        // 3 triangles-corners * 2 / (2 + 2 + 6 + 0) connected ordered triples = 6/10.
        assert_eq!(transitivity(&g, &cn()).unwrap(), 0.6);
        let avg = average_clustering(&g, false, true, &cn()).unwrap();
        assert!((avg - (2.0 + 1.0 / 3.0) / 4.0).abs() < 1e-15);
        let avg = average_clustering(&g, false, false, &cn()).unwrap();
        assert!((avg - (2.0 + 1.0 / 3.0) / 3.0).abs() < 1e-15);
    }

    //  K4: every node in 3 triangles, clustering 1, transitivity 1.
    #[test]
    fn k4() {
        let g = build(&[0, 0, 0, 1, 1, 2], &[1, 2, 3, 2, 3, 3], None, false, None);
        assert_eq!(triangles(&g, &cn()).unwrap(), vec![3; 4]);
        assert_eq!(clustering(&g, false, &cn()).unwrap(), vec![1.0; 4]);
        assert_eq!(transitivity(&g, &cn()).unwrap(), 1.0);
    }

    //  Directed cycle 0 -> 1 -> 2 -> 0: t = 2 per node, d_tot = 2, d_bi = 0: 2 / 4.
    //  Adding 1 -> 0 (reciprocal): node 0 has d_tot 3, d_bi 1, t = 2 * 2 = 4: 4 / ((6 - 2) 2).
    #[test]
    fn directed_fagiolo() {
        let g = build(&[0, 1, 2], &[1, 2, 0], None, true, None);
        assert_eq!(clustering(&g, false, &cn()).unwrap(), vec![0.5; 3]);
        let g = build(&[0, 1, 2, 1], &[1, 2, 0, 0], None, true, None);
        let c = clustering(&g, false, &cn()).unwrap();
        assert_eq!(c[0], 0.5);
        assert!(close(&c, &oracle(&g, false)));
        assert!(triangles(&g, &cn()).is_err());
        // networkx's directed transitivity: S(0) = {1}, S(1) = {0, 2}, S(2) = {0}; triangles
        // Σ_v Σ_{w ∈ S(v)} |S(v) ∩ S(w)| = |S(1) ∩ S(2)| = 1, triples Σ d(d-1) = 2: 1/2.
        assert_eq!(transitivity(&g, &cn()).unwrap(), 0.5);
    }

    //  Weighted triangle, weights 1, 2, 4 (max 4): cbrt(1/4 * 2/4 * 4/4) = 0.5 for each node.
    #[test]
    fn weighted_triangle() {
        let g = build(&[0, 1, 2], &[1, 2, 0], Some(&[1.0, 2.0, 4.0]), false, None);
        let c = clustering(&g, true, &cn()).unwrap();
        assert!(c.iter().all(|x| (x - 0.5).abs() < 1e-15), "{c:?}");
        assert_eq!(clustering(&g, false, &cn()).unwrap(), vec![1.0; 3]);
    }

    #[test]
    fn random_graphs_match_oracle() {
        for seed in 0..24u64 {
            let directed = seed % 2 == 1;
            let weighted = seed % 4 >= 2;
            let n = 5 + 3 * seed as u32;
            let g = random_graph(
                n,
                n as usize * (1 + seed as usize % 4),
                directed,
                weighted,
                seed,
            );
            for uw in [false, true] {
                let c = clustering(&g, uw, &cn()).unwrap();
                assert!(close(&c, &oracle(&g, uw)), "seed {seed} weights {uw}");
            }
            if !directed {
                let t = triangles(&g, &cn()).unwrap();
                let c = oracle(&g, false);
                for i in 0..g.num_nodes() {
                    let d = g
                        .out_neighbors(i)
                        .iter()
                        .filter(|&&v| v as usize != i)
                        .count();
                    let want = c[i] * (d * d.saturating_sub(1)) as f64 / 2.0;
                    assert!((t[i] as f64 - want).abs() < 1e-9, "seed {seed}");
                }
            }
        }
    }

    #[test]
    fn empty_and_errors() {
        let e = build(&[], &[], None, false, Some(0));
        assert_eq!(triangles(&e, &cn()).unwrap(), Vec::<u64>::new());
        assert_eq!(transitivity(&e, &cn()).unwrap(), 0.0);
        assert!(average_clustering(&e, false, true, &cn()).is_err());
        let z = build(&[0, 1], &[1, 2], Some(&[0.0, 0.0]), false, None);
        assert!(clustering(&z, true, &cn()).is_err());
        assert_eq!(clustering(&z, false, &cn()).unwrap(), vec![0.0; 3]);
        let c = Cancel::new();
        c.cancel();
        assert_eq!(clustering(&z, false, &c), Err(Error::Interrupted));
    }

    #[test]
    fn same_bits_on_one_and_four_threads() {
        for directed in [false, true] {
            let g = rmat(12, 40_000, directed, 3);
            let gw = random_graph(3000, 40_000, directed, true, 11);
            for (g, uw) in [(&g, false), (&gw, true)] {
                let a = in_pool(1, || clustering(g, uw, &cn()).unwrap());
                let b = in_pool(4, || clustering(g, uw, &cn()).unwrap());
                assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
            }
        }
    }

    /// `cargo test -p impactgraph-core --release -- --ignored --nocapture bench_cores`.
    #[test]
    #[ignore]
    fn bench_cores_1m_edges() {
        use std::time::Instant;
        let g = rmat(16, 1_150_000, false, 1);
        let (mut s, mut d) = (Vec::new(), Vec::new());
        for u in 0..g.num_nodes() {
            for &v in g.out_neighbors(u) {
                if v as usize > u {
                    s.push(u as u32);
                    d.push(v);
                }
            }
        }
        let g = build(&s, &d, None, false, Some(g.num_nodes() as u64));
        let time = |f: &dyn Fn()| {
            f();
            let t = Instant::now();
            for _ in 0..3 {
                f();
            }
            t.elapsed().as_secs_f64() / 3.0
        };
        let tc = time(&|| {
            triangles(&g, &cn()).unwrap();
        });
        let tc1 = in_pool(1, || {
            time(&|| {
                triangles(&g, &cn()).unwrap();
            })
        });
        let sk = time(&|| {
            skeleton(&g, false, &cn()).unwrap();
        });
        let s = skeleton(&g, false, &cn()).unwrap();
        let branchy = in_pool(1, || {
            time(&|| {
                oriented_counts_with(&s, &cn(), false).unwrap();
            })
        });
        let branchless = in_pool(1, || {
            time(&|| {
                oriented_counts_with(&s, &cn(), true).unwrap();
            })
        });
        println!("triangles on 1 thread {tc1:.4}s, of which the skeleton {sk:.4}s; counts branchy {branchy:.4}s branch-free {branchless:.4}s");
        let cl = time(&|| {
            clustering(&g, false, &cn()).unwrap();
        });
        let gw = random_graph(1 << 16, 1_000_000, false, true, 2);
        let wc = time(&|| {
            clustering(&gw, true, &cn()).unwrap();
        });
        println!(
            "rmat16 n={} m={} threads={} triangles {tc:.4}s clustering {cl:.4}s weighted-path {wc:.4}s",
            g.num_nodes(),
            g.num_edges(),
            rayon::current_num_threads()
        );
    }
}
