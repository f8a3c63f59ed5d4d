//! The level graph shared by Louvain and Leiden: a symmetric weighted CSR without self-loops,
//! a separate self-loop weight per node (aggregated graphs have big ones), and the out- and
//! in-strengths of the modularity null model; plus aggregation and modularity.
//!
//! # Modularity in one formula
//!
//! Let `a_ij` be the symmetric weight between `i != j` (`A_ij` for undirected graphs,
//! `w_ij + w_ji` for directed ones), `s_i` the self weight (twice the self-loop weight), and
//! `W = sum_i (s_i + sum_j a_ij)` (= 2m). With `I_c` the internal weight of community `c`
//! (the `s_i` and `a_ij` with both ends in `c`) and `O_c`, `N_c` its total out- and
//! in-strength:
//!
//! ```text
//! Q = 1/W * sum_c [ I_c - f * gamma * O_c * N_c / W ],   f = 1 undirected, 4 directed
//! ```
//!
//! which is networkx's `modularity` (Newman–Girvan; directed: Leicht–Newman as in Dugué &
//! Perez) for both kinds. The gain of putting a node `i` (in no community) into `c` is,
//! up to the positive factor `2 / W`,
//! `a_ic - nc * (kout_i * N_c + kin_i * O_c)` with `nc = gamma / (2W)` undirected and
//! `2 gamma / W` directed.

use std::borrow::Cow;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::Result;
use crate::par;

/// Arcs (member rows) per parallel block of the aggregation, and the most communities in one.
const AGG_ARCS: usize = 1 << 16;
const AGG_BLOCK: usize = 1024;

/// The arc weights `a_ij` of a [`LevelGraph`].
#[derive(Debug, Clone)]
pub(crate) enum ArcWeights<'a> {
    /// Every arc weighs 1 (an unweighted input graph): nothing is stored.
    Unit,
    /// One weight per arc, aligned with the indices: borrowed from the input graph (level 0)
    /// or owned (aggregated levels, directed graphs).
    PerArc(Cow<'a, [f64]>),
}

/// A weighted symmetric graph of one level of the multi-level procedure. See the module docs.
///
/// The level-0 graph of an undirected input without self-loops borrows the input's indices
/// (and weights, if any: an unweighted graph stores none), so that it costs O(n) memory beside
/// the input; the other level graphs own their arrays.
#[derive(Debug, Clone)]
pub(crate) struct LevelGraph<'a> {
    /// Row offsets (n + 1).
    pub indptr: Vec<usize>,
    /// Neighbour ids (never the row's own node).
    pub indices: Cow<'a, [u32]>,
    /// Symmetric weights `a_ij`; read them with [`Self::for_arcs`].
    pub weights: ArcWeights<'a>,
    /// Self weight `s_i`.
    pub self_w: Vec<f64>,
    /// Out-strength (undirected: the strength).
    pub kout: Vec<f64>,
    /// In-strength (directed only; empty for undirected graphs).
    pub kin: Vec<f64>,
    /// Whether the null model is the directed one.
    pub directed: bool,
    /// `W`, the sum of all weights counted from both ends (2m).
    pub total: f64,
}

impl<'a> LevelGraph<'a> {
    /// Number of nodes.
    #[inline]
    pub fn n(&self) -> usize {
        self.self_w.len()
    }

    /// In-strength of `i` (the strength for undirected graphs).
    #[inline]
    pub fn kin_of(&self, i: usize) -> f64 {
        if self.directed {
            self.kin[i]
        } else {
            self.kout[i]
        }
    }

    /// The null-model coefficient `nc` of the module docs.
    #[inline]
    pub fn null_coef(&self, gamma: f64) -> f64 {
        if self.total <= 0.0 {
            0.0
        } else if self.directed {
            2.0 * gamma / self.total
        } else {
            gamma / (2.0 * self.total)
        }
    }

    /// Call `f(j, a_ij)` for every arc `i -> j` of row `i`, in row order. The weight kind is
    /// matched once per row and `f` is inlined into a loop for each kind, so that the loop over
    /// an unweighted row has no branch and no load for the weight.
    #[inline(always)]
    pub fn for_arcs(&self, i: usize, mut f: impl FnMut(u32, f64)) {
        let (lo, hi) = (self.indptr[i], self.indptr[i + 1]);
        let idx = &self.indices[lo..hi];
        match &self.weights {
            ArcWeights::Unit => {
                for &j in idx {
                    f(j, 1.0);
                }
            }
            ArcWeights::PerArc(w) => {
                for (&j, &x) in idx.iter().zip(&w[lo..hi]) {
                    f(j, x);
                }
            }
        }
    }

    /// The level-0 graph of `g` (weights `w` or 1 per arc), borrowing `g`'s arrays where it
    /// can (see the type's docs).
    pub fn from_csr(g: &'a Csr, w: Option<&'a [f64]>, cancel: &Cancel) -> Result<LevelGraph<'a>> {
        let n = g.num_nodes();
        let out = g.out_adj();
        let wt = |k: usize| w.map_or(1.0, |w| w[k]);
        let directed = g.is_directed();
        let mut self_w = vec![0.0; n];
        let mut kout = vec![0.0; n];
        let mut kin = Vec::new();
        let (indptr, indices, weights);
        if !directed && g.num_self_loops() == 0 {
            // No self-loops: the rows are the CSR's rows.
            indptr = out
                .indptr
                .par_iter()
                .map(|&x| x as usize)
                .collect::<Vec<usize>>();
            indices = Cow::Borrowed(&out.indices[..]);
            weights = match w {
                Some(w) => ArcWeights::PerArc(Cow::Borrowed(w)),
                None => ArcWeights::Unit,
            };
            kout.par_iter_mut().enumerate().for_each(|(u, k)| {
                let (lo, hi) = (indptr[u], indptr[u + 1]);
                *k = match w {
                    Some(w) => w[lo..hi].iter().sum(),
                    // The sum of `hi - lo` ones, exactly (the empty sum keeps its sign).
                    None if hi == lo => std::iter::empty::<f64>().sum(),
                    None => (hi - lo) as f64,
                };
            });
        } else if !directed {
            let mut ip = Vec::with_capacity(n + 1);
            ip.push(0usize);
            let mut idx = Vec::with_capacity(out.indices.len());
            let mut ws = Vec::with_capacity(out.indices.len());
            for u in 0..n {
                let r = out.range(u);
                let mut k = 0.0;
                for e in r {
                    let v = out.indices[e];
                    let x = wt(e);
                    if v as usize == u {
                        self_w[u] += 2.0 * x;
                        k += 2.0 * x;
                    } else {
                        idx.push(v);
                        ws.push(x);
                        k += x;
                    }
                }
                kout[u] = k;
                ip.push(idx.len());
            }
            indptr = ip;
            indices = Cow::Owned(idx);
            // Unweighted: every stored weight is 1, so store none.
            weights = match w {
                Some(_) => ArcWeights::PerArc(Cow::Owned(ws)),
                None => ArcWeights::Unit,
            };
        } else {
            let inc = g.in_adj();
            let win = in_weights(g, w);
            kin = vec![0.0; n];
            let mut ip = Vec::with_capacity(n + 1);
            ip.push(0usize);
            let mut idx = Vec::with_capacity(out.indices.len() + inc.indices.len());
            let mut ws = Vec::with_capacity(out.indices.len() + inc.indices.len());
            for u in 0..n {
                if u % 65536 == 0 {
                    cancel.check()?;
                }
                let (ro, ri) = (out.range(u), inc.range(u));
                let (mut a, mut b) = (ro.start, ri.start);
                let mut ko = 0.0;
                let mut ki = 0.0;
                // Merge the sorted out- and in-rows, adding the weights of common neighbours.
                while a < ro.end || b < ri.end {
                    let va = if a < ro.end { out.indices[a] } else { u32::MAX };
                    let vb = if b < ri.end { inc.indices[b] } else { u32::MAX };
                    let v = va.min(vb);
                    let mut x = 0.0;
                    if va == v {
                        let y = wt(a);
                        ko += y;
                        x += y;
                        a += 1;
                    }
                    if vb == v {
                        let y = win.as_ref().map_or(1.0, |wi| wi[b]);
                        ki += y;
                        x += y;
                        b += 1;
                    }
                    if v as usize == u {
                        // The loop is counted once in each row: s_u = 2 w_uu.
                        self_w[u] += x;
                    } else {
                        idx.push(v);
                        ws.push(x);
                    }
                }
                kout[u] = ko;
                kin[u] = ki;
                ip.push(idx.len());
            }
            indptr = ip;
            indices = Cow::Owned(idx);
            weights = ArcWeights::PerArc(Cow::Owned(ws));
        }
        let total = par::det_sum_slice(&kout)
            + if directed {
                par::det_sum_slice(&kin)
            } else {
                0.0
            };
        Ok(LevelGraph {
            indptr,
            indices,
            weights,
            self_w,
            kout,
            kin,
            directed,
            total,
        })
    }

    /// Modularity of `comm` (community ids `< k`) at resolution `gamma`; NaN when `W = 0`.
    /// Bit-identical for any number of threads.
    pub fn modularity(&self, comm: &[u32], k: usize, gamma: f64) -> f64 {
        if self.total <= 0.0 {
            return f64::NAN;
        }
        let inside = par::det_sum(self.n(), |i| {
            let c = comm[i];
            let mut s = self.self_w[i];
            self.for_arcs(i, |j, x| {
                if comm[j as usize] == c {
                    s += x;
                }
            });
            s
        });
        let mut to = vec![0.0; k];
        let mut ti = vec![0.0; if self.directed { k } else { 0 }];
        for i in 0..self.n() {
            to[comm[i] as usize] += self.kout[i];
            if self.directed {
                ti[comm[i] as usize] += self.kin[i];
            }
        }
        let null: f64 = if self.directed {
            4.0 * to.iter().zip(&ti).map(|(a, b)| a * b).sum::<f64>()
        } else {
            to.iter().map(|a| a * a).sum::<f64>()
        };
        (inside - gamma * null / self.total) / self.total
    }

    /// Modularity of the partition into singletons, in O(n).
    pub fn singleton_modularity(&self, gamma: f64) -> f64 {
        if self.total <= 0.0 {
            return f64::NAN;
        }
        let inside = par::det_sum_slice(&self.self_w);
        let null = if self.directed {
            4.0 * par::det_sum(self.n(), |i| self.kout[i] * self.kin[i])
        } else {
            par::det_sum(self.n(), |i| self.kout[i] * self.kout[i])
        };
        (inside - gamma * null / self.total) / self.total
    }

    /// The graph of the communities of `comm` (ids `0..k`): node `c` carries the self weight
    /// of everything inside `c`, arcs between communities add up. Rows keep a deterministic
    /// order (first appearance along the members), whatever the number of threads.
    pub fn aggregate(
        &self,
        comm: &[u32],
        k: usize,
        cancel: &Cancel,
    ) -> Result<LevelGraph<'static>> {
        let n = self.n();
        // Counting sort of the nodes by community.
        let mut start = vec![0usize; k + 1];
        for &c in comm {
            start[c as usize + 1] += 1;
        }
        for c in 0..k {
            start[c + 1] += start[c];
        }
        let mut fill = start.clone();
        let mut members = vec![0u32; n];
        for (i, &c) in comm.iter().enumerate() {
            members[fill[c as usize]] = i as u32;
            fill[c as usize] += 1;
        }
        drop(fill);
        // Blocks of consecutive communities holding about AGG_ARCS arcs each (at most
        // AGG_BLOCK communities), fixed by the graph and `comm` alone.
        let mut bounds = vec![0usize];
        let (mut arcs, mut count) = (0usize, 0usize);
        for c in 0..k {
            for &i in &members[start[c]..start[c + 1]] {
                arcs += self.indptr[i as usize + 1] - self.indptr[i as usize] + 1;
            }
            count += 1;
            if arcs >= AGG_ARCS || count >= AGG_BLOCK {
                bounds.push(c + 1);
                arcs = 0;
                count = 0;
            }
        }
        if *bounds.last().unwrap_or(&0) != k {
            bounds.push(k);
        }
        let blocks = bounds.len() - 1;
        let pool = ScratchPool::new(k);
        // The rows of community `c`: its members' rows added up by neighbouring community, in
        // order of first touch (left in the scratch's `touched`); returns c's self weight.
        let add = |s: &mut Scratch, c: usize| -> f64 {
            let rows = &members[start[c]..start[c + 1]];
            let sw: f64 = rows.iter().map(|&i| self.self_w[i as usize]).sum();
            let arcs: usize = rows
                .iter()
                .map(|&i| self.indptr[i as usize + 1] - self.indptr[i as usize])
                .sum();
            sw + s.add_rows(self, comm, rows, c as u32, arcs)
        };
        // Two passes over the blocks: the first finds each row's length (and self weight),
        // the second writes each row straight into its place. Adding the rows up twice costs
        // some time but no memory: the arc arrays are allocated at their exact size, never at
        // the member arcs' upper bound (which at R-MAT scale 26 touched and then compacted
        // 8 GB of regions into a further 5 GB of fresh pages).
        let mut lens = vec![0usize; k];
        let mut self_w = vec![0.0f64; k];
        {
            let mut tasks = Vec::with_capacity(blocks);
            let (mut rl, mut rs): (&mut [usize], &mut [f64]) = (&mut lens, &mut self_w);
            for b in 0..blocks {
                let nb = bounds[b + 1] - bounds[b];
                let (d, nd) = std::mem::take(&mut rl).split_at_mut(nb);
                let (e, ne) = std::mem::take(&mut rs).split_at_mut(nb);
                tasks.push((b, d, e));
                (rl, rs) = (nd, ne);
            }
            tasks
                .into_par_iter()
                .with_max_len(1)
                .for_each(|(b, lens, selfs)| {
                    let mut guard = pool.get();
                    let s = &mut *guard;
                    let lo = bounds[b];
                    for c in lo..bounds[b + 1] {
                        selfs[c - lo] = add(s, c);
                        lens[c - lo] = s.touched.len();
                        s.clear();
                    }
                });
        }
        cancel.check()?;
        let mut indptr = Vec::with_capacity(k + 1);
        indptr.push(0usize);
        for &l in &lens {
            indptr.push(indptr[indptr.len() - 1] + l);
        }
        drop(lens);
        let at = indptr[k];
        let mut indices = vec![0u32; at];
        let mut weights = vec![0.0f64; at];
        {
            let mut tasks = Vec::with_capacity(blocks);
            let (mut ri, mut rw): (&mut [u32], &mut [f64]) = (&mut indices, &mut weights);
            for b in 0..blocks {
                let len = indptr[bounds[b + 1]] - indptr[bounds[b]];
                let (a, na) = std::mem::take(&mut ri).split_at_mut(len);
                let (c, nc) = std::mem::take(&mut rw).split_at_mut(len);
                tasks.push((b, a, c));
                (ri, rw) = (na, nc);
            }
            tasks
                .into_par_iter()
                .with_max_len(1)
                .for_each(|(b, idx, ws)| {
                    let mut guard = pool.get();
                    let s = &mut *guard;
                    let mut at = 0usize;
                    for c in bounds[b]..bounds[b + 1] {
                        add(s, c);
                        for &d in &s.touched {
                            idx[at] = d;
                            ws[at] = s.acc[d as usize];
                            at += 1;
                        }
                        s.clear();
                    }
                });
        }
        cancel.check()?;
        let mut kout = vec![0.0; k];
        let mut kin = vec![0.0; if self.directed { k } else { 0 }];
        for i in 0..n {
            kout[comm[i] as usize] += self.kout[i];
            if self.directed {
                kin[comm[i] as usize] += self.kin[i];
            }
        }
        Ok(LevelGraph {
            indptr,
            indices: Cow::Owned(indices),
            weights: ArcWeights::PerArc(Cow::Owned(weights)),
            self_w,
            kout,
            kin,
            directed: self.directed,
            total: self.total,
        })
    }
}

/// In-arc weights of a directed graph, aligned with its in-adjacency (`None`: unweighted).
fn in_weights(g: &Csr, w: Option<&[f64]>) -> Option<Vec<f64>> {
    let w = w?;
    let inc = g.in_adj();
    if let Some(iw) = inc.weights.as_ref() {
        return Some(iw.to_f64_vec());
    }
    // Transpose the out-weights (the in-adjacency rows are sorted by source id).
    let out = g.out_adj();
    let n = g.num_nodes();
    let mut pos: Vec<usize> = (0..n).map(|v| inc.indptr[v] as usize).collect();
    let mut iw = vec![0.0; inc.indices.len()];
    for u in 0..n {
        for e in out.range(u) {
            let v = out.indices[e] as usize;
            iw[pos[v]] = w[e];
            pos[v] += 1;
        }
    }
    Some(iw)
}

/// A dense accumulator indexed by community plus the list of touched entries (in order of
/// first touch), cleared after each use: no allocation per node. An untouched entry holds
/// `-1` (every real sum is `>= 0`), so that one read tells whether an entry is new.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub acc: Vec<f64>,
    pub touched: Vec<u32>,
    /// Buffer of [`Self::row_weights`] and [`Self::add_rows`].
    row: Vec<u32>,
}

/// The value of an untouched [`Scratch`] entry.
const UNTOUCHED: f64 = -1.0;

/// Most arcs [`Scratch::add_rows`] adds without checks (its buffer holds one entry per arc).
const BRANCH_FREE_ARCS: usize = 1 << 20;

impl Scratch {
    pub fn new(k: usize) -> Self {
        Scratch {
            acc: vec![UNTOUCHED; k],
            touched: Vec::new(),
            row: Vec::new(),
        }
    }

    /// Make room for ids `< k`.
    pub fn ensure(&mut self, k: usize) {
        if self.acc.len() < k {
            self.acc.resize(k, UNTOUCHED);
        }
    }

    #[inline(always)]
    pub fn add(&mut self, c: u32, x: f64) {
        let ci = c as usize;
        let a = self.acc[ci];
        if a < 0.0 {
            self.touched.push(c);
            self.acc[ci] = x;
        } else {
            self.acc[ci] = a + x;
        }
    }

    /// Add up the weights of row `i` of `g` by community (`comm`) into `acc`, with `first`
    /// listed first (weight 0 if no arc goes there); returns how many communities it lists,
    /// in order of first touch. Branch-free over the row, so that the random reads of `comm`
    /// and `acc` overlap. Read with [`Self::row`], reset with [`Self::clear_row`].
    #[inline(always)]
    pub fn row_weights(&mut self, g: &LevelGraph<'_>, comm: &[u32], i: usize, first: u32) -> usize {
        let arcs = g.indptr[i + 1] - g.indptr[i];
        self.sum_rows(g, comm, std::iter::once(i), first, arcs)
    }

    /// The branch-free loop of [`Self::row_weights`] over several rows holding `arcs` arcs.
    #[inline(always)]
    fn sum_rows(
        &mut self,
        g: &LevelGraph<'_>,
        comm: &[u32],
        rows: impl Iterator<Item = usize>,
        first: u32,
        arcs: usize,
    ) -> usize {
        if self.row.len() < arcs + 1 {
            self.row.resize(arcs + 1, 0);
        }
        let row = &mut self.row[..arcs + 1];
        let acc = &mut self.acc[..];
        row[0] = first;
        acc[first as usize] = 0.0;
        let mut len = 1usize;
        for i in rows {
            g.for_arcs(i, |j, x| {
                let c = comm[j as usize];
                let a = acc[c as usize];
                row[len] = c;
                len += usize::from(a < 0.0);
                acc[c as usize] = a.max(0.0) + x;
            });
        }
        len
    }

    /// Add up, by community `comm[j]` other than `own`, the weights of the rows of `rows` in
    /// `g`, which hold `arcs` arcs; the communities touched are left in `touched` (in order of
    /// first touch); returns the weight of the arcs that stay in `own`. Clear with
    /// [`Self::clear`].
    #[inline]
    pub fn add_rows(
        &mut self,
        g: &LevelGraph<'_>,
        comm: &[u32],
        rows: &[u32],
        own: u32,
        arcs: usize,
    ) -> f64 {
        let mut inside = 0.0;
        if arcs > BRANCH_FREE_ARCS {
            for &i in rows {
                g.for_arcs(i as usize, |j, x| {
                    let d = comm[j as usize];
                    if d == own {
                        inside += x;
                    } else {
                        self.add(d, x);
                    }
                });
            }
            return inside;
        }
        // `own` counts as touched while adding (its sum is the inside weight), then is dropped.
        let len = self.sum_rows(g, comm, rows.iter().map(|&i| i as usize), own, arcs);
        let acc = &mut self.acc[..];
        inside = acc[own as usize];
        acc[own as usize] = UNTOUCHED;
        self.touched.clear();
        self.touched.extend_from_slice(&self.row[1..len]);
        inside
    }

    /// The communities listed by the last [`Self::row_weights`] (`len` of them).
    #[inline(always)]
    pub fn row(&self, len: usize) -> &[u32] {
        &self.row[..len]
    }

    /// Reset the entries of the last [`Self::row_weights`].
    #[inline(always)]
    pub fn clear_row(&mut self, len: usize) {
        for &c in &self.row[..len] {
            self.acc[c as usize] = UNTOUCHED;
        }
    }

    #[inline(always)]
    pub fn clear(&mut self) {
        for &c in &self.touched {
            self.acc[c as usize] = UNTOUCHED;
        }
        self.touched.clear();
    }
}

/// One [`Scratch`] per rayon worker thread, picked by `rayon::current_thread_index()` (the
/// scratch holds no result, so which thread uses which buffer never affects the output).
pub(crate) struct ScratchPool {
    bufs: Vec<Mutex<Scratch>>,
    k: usize,
}

impl ScratchPool {
    pub fn new(k: usize) -> Self {
        let t = rayon::current_num_threads().max(1) + 1;
        ScratchPool {
            bufs: (0..t).map(|_| Mutex::new(Scratch::default())).collect(),
            k,
        }
    }

    /// This thread's buffer, sized for ids `< k` (allocated on first use).
    pub fn get(&self) -> std::sync::MutexGuard<'_, Scratch> {
        let t = rayon::current_thread_index()
            .map_or(self.bufs.len() - 1, |i| i % (self.bufs.len() - 1).max(1));
        let mut g = match self.bufs[t].lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        g.ensure(self.k);
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::{leiden, louvain, Hierarchy, LeidenParams, LouvainParams};
    use crate::generators::rmat_edges;
    use crate::structure::testutil::{build, in_pool};

    /// An R-MAT graph on 2^`scale` nodes (`loops`: plus a self-loop on every 7th node), and the
    /// same graph rebuilt from its arcs with every weight an explicit 1.
    fn pair(scale: u32, directed: bool, loops: bool) -> (Csr, Csr) {
        let (mut s, mut d) = rmat_edges(scale, 8, 0.57, 0.19, 0.19, 5, &Cancel::new()).unwrap();
        let keep: Vec<bool> = s.iter().zip(&d).map(|(a, b)| a != b).collect();
        let mut k = keep.iter();
        s.retain(|_| *k.next().unwrap());
        let mut k = keep.iter();
        d.retain(|_| *k.next().unwrap());
        let n = 1u32 << scale;
        if loops {
            for v in (0..n).step_by(7) {
                s.push(v);
                d.push(v);
            }
        }
        let g = build(&s, &d, None, directed, Some(n as u64));
        // The arcs of `g` once each (duplicates merged): weight 1 each, as `g` counts them.
        let out = g.out_adj();
        let (mut s1, mut d1) = (Vec::new(), Vec::new());
        for u in 0..n as usize {
            for e in out.range(u) {
                let v = out.indices[e];
                if directed || u as u32 <= v {
                    s1.push(u as u32);
                    d1.push(v);
                }
            }
        }
        let ones = vec![1.0; s1.len()];
        let g1 = build(&s1, &d1, Some(&ones), directed, Some(n as u64));
        assert_eq!(g1.num_arcs(), g.num_arcs());
        (g, g1)
    }

    fn same(a: &Hierarchy, b: &Hierarchy) {
        assert_eq!(a.levels, b.levels);
        let bits = |h: &Hierarchy| h.modularity.iter().map(|q| q.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(a), bits(b));
    }

    /// The level-0 graph of an undirected graph without self-loops borrows the input's arrays
    /// and stores no weights for an unweighted graph; the other kinds own theirs.
    #[test]
    fn level0_borrows_the_input() {
        let (g, g1) = pair(8, false, false);
        let lg = LevelGraph::from_csr(&g, None, &Cancel::new()).unwrap();
        assert!(
            matches!(&lg.indices, Cow::Borrowed(x) if x.as_ptr() == g.out_adj().indices.as_ptr())
        );
        assert!(matches!(lg.weights, ArcWeights::Unit));
        let w = g1.checked_weights(true, "").unwrap().unwrap();
        let lg1 = LevelGraph::from_csr(&g1, Some(w), &Cancel::new()).unwrap();
        assert!(matches!(&lg1.indices, Cow::Borrowed(_)));
        assert!(
            matches!(&lg1.weights, ArcWeights::PerArc(Cow::Borrowed(x)) if x.as_ptr() == w.as_ptr())
        );
        assert_eq!(lg.kout, lg1.kout);
        assert_eq!(lg.total.to_bits(), lg1.total.to_bits());
        let (g, _) = pair(8, false, true);
        let lg = LevelGraph::from_csr(&g, None, &Cancel::new()).unwrap();
        assert!(matches!(lg.indices, Cow::Owned(_)));
        assert!(matches!(lg.weights, ArcWeights::Unit));
        let (g, _) = pair(8, true, false);
        let lg = LevelGraph::from_csr(&g, None, &Cancel::new()).unwrap();
        assert!(matches!(lg.weights, ArcWeights::PerArc(Cow::Owned(_))));
    }

    /// Unit weights (nothing stored) and explicit weights of 1 (read per arc) give the same
    /// levels and bit-identical modularity, for Louvain and Leiden, undirected (with and without
    /// self-loops) and directed, on 1 and 3 threads; and the same answer on any thread count.
    /// 2^13 nodes: above the size where local moving goes parallel.
    #[test]
    fn unit_weights_match_explicit_ones() {
        for (directed, loops) in [(false, false), (false, true), (true, false)] {
            let (g, g1) = pair(13, directed, loops);
            for seed in [1u64, 2] {
                let lp = LouvainParams {
                    seed,
                    ..Default::default()
                };
                let ep = LeidenParams {
                    seed,
                    n_iterations: 2,
                    ..Default::default()
                };
                let c = Cancel::new();
                let lv = in_pool(1, || louvain(&g, &lp, &c).unwrap());
                let ld = in_pool(1, || leiden(&g, &ep, &c).unwrap());
                assert!(lv.modularity[0] > 0.0 && ld.modularity[0] > 0.0);
                for t in [1, 3] {
                    same(&lv, &in_pool(t, || louvain(&g1, &lp, &c).unwrap()));
                    same(&lv, &in_pool(t, || louvain(&g, &lp, &c).unwrap()));
                    same(&ld, &in_pool(t, || leiden(&g1, &ep, &c).unwrap()));
                    same(&ld, &in_pool(t, || leiden(&g, &ep, &c).unwrap()));
                }
            }
        }
    }
}
