//! Leiden modularity optimisation (Traag, Waltman & van Eck 2019): fast local moving,
//! refinement into well-connected subcommunities, aggregation of the refined partition.

use std::borrow::Cow;

use rayon::prelude::*;

use super::level::LevelGraph;
use super::local_moving::{move_nodes, MoveState};
use super::louvain::{check_max_level, check_resolution, Hierarchy};
use super::renumber;
use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::{Error, Result};
use crate::rng::Rng;

/// Randomness of the refinement (leidenalg's default `theta`).
const THETA: f64 = 0.01;
/// Cap on the iterations of `n_iterations = -1` (reached only if an iteration keeps changing
/// the partition without improving it, which rounding could in principle cause).
const MAX_ITERATIONS: usize = 1000;

/// Parameters of [`leiden`]; `Default`: resolution 1, no level limit, iterate until stable.
#[derive(Debug, Clone, PartialEq)]
pub struct LeidenParams {
    /// Resolution `gamma`: finite and `>= 0`.
    pub resolution: f64,
    /// Largest number of levels (aggregations + 1) per iteration, `>= 1`; `None`: no limit.
    /// When it stops the levels early, the communities of the result are split into their
    /// connected components (which never lowers modularity).
    pub max_level: Option<usize>,
    /// Iterations of the whole multi-level procedure, each starting from the previous
    /// partition; `-1`: iterate until an iteration changes nothing. `>= -1`.
    pub n_iterations: i64,
    /// Seed of the node orders and of the refinement.
    pub seed: u64,
    /// Use the arc weights (if any) or count every edge as 1.
    pub use_weights: bool,
}

impl Default for LeidenParams {
    fn default() -> Self {
        LeidenParams {
            resolution: 1.0,
            max_level: None,
            n_iterations: -1,
            seed: 0,
            use_weights: true,
        }
    }
}

/// Leiden communities. Returns the levels of the last iteration (the partition after the fast
/// local moving of each level, on the original nodes, finest first); the last level is the
/// result. Every community of the result is connected.
///
/// Each level: fast local moving (a queue of nodes whose neighbourhood changed; seeded order,
/// fixed batches, see `local_moving`), then refinement: within each community, starting from
/// singletons, each well-connected node that is still a singleton joins a well-connected
/// subcommunity of non-negative gain chosen at random with probability proportional to
/// `exp(g / theta)`, `theta = 0.01` (leidenalg's value), where `g = a_vC - null term` is the gain
/// in units of edge weight (`W dQ / 2`). leidenalg uses `dQ` itself, which on a large graph is
/// ~1/m, so that its choice is nearly uniform among the non-negative options (staying alone
/// included) and the aggregates shrink slowly: on R-MAT scale 16 that gave 14 levels instead of
/// 6 and a lower modularity for the same time; in weight units the choice is nearly greedy,
/// random between near-equal gains. Then the graph of the refined subcommunities is
/// aggregated, each aggregate node starting in its (non-refined) community. The levels end when
/// the aggregate would not shrink. Directed graphs use directed modularity (as Louvain).
/// The same seed gives the same result on any number of threads: each community's refinement
/// draws from its own stream of `(seed, iteration, level, community)`.
///
/// # Errors
/// [`Error::InvalidParameter`] (resolution, max_level, n_iterations), [`Error::InvalidGraph`]
/// (a NaN, infinite or negative weight), [`Error::Interrupted`].
///
/// # Complexity
/// O(m) per round of moves, per refinement and per aggregation; memory O(n + m).
///
/// # References
/// V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden: guaranteeing
/// well-connected communities", Sci. Rep. 9, 5233, 2019.
///
/// # Example
/// ```
/// use impactgraph_core::{BuildOptions, Cancel, Csr};
/// use impactgraph_core::community::{leiden, LeidenParams};
/// let (s, d) = ([0u32, 1, 2, 3, 4, 5, 2], [1u32, 2, 0, 4, 5, 3, 3]);
/// let g = Csr::from_edges(&s, &d, None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let h = leiden(&g, &LeidenParams::default(), &Cancel::new()).unwrap();
/// assert_eq!(h.levels.last().unwrap(), &[0, 0, 0, 1, 1, 1]);
/// ```
pub fn leiden(g: &Csr, p: &LeidenParams, cancel: &Cancel) -> Result<Hierarchy> {
    check_resolution(p.resolution)?;
    check_max_level(p.max_level)?;
    if p.n_iterations < -1 {
        return Err(Error::param(
            "n_iterations",
            format!("must be -1 (until stable) or >= 0, got {}", p.n_iterations),
        ));
    }
    let w = g.checked_weights(p.use_weights, "Leiden needs non-negative weights")?;
    let n = g.num_nodes();
    let lg = LevelGraph::from_csr(g, w, cancel)?;
    let mut membership: Vec<u32> = (0..n as u32).collect();
    let mut levels = vec![membership.clone()];
    let mut level_q = Vec::new();
    let iterations = if p.n_iterations < 0 {
        MAX_ITERATIONS
    } else {
        p.n_iterations as usize
    };
    for it in 0..iterations {
        // The last iteration of a fixed count also gives the modularity of its levels, each on
        // its own (smaller) level graph.
        let want_q = p.n_iterations >= 0 && it + 1 == iterations;
        let (lv, q) = iteration(&lg, &membership, p, it as u64, want_q, cancel)?;
        level_q = q;
        let last = lv.last().cloned().unwrap_or_default();
        let changed = last != membership;
        membership = last;
        levels = lv;
        if p.n_iterations < 0 && !changed {
            break;
        }
    }
    // Modularity of the returned levels only: from their level graphs when the last iteration
    // gave it, else one O(m) pass each on the original graph.
    let modularity = if level_q.len() == levels.len() {
        level_q
    } else {
        levels
            .iter()
            .map(|l| {
                let k = l.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
                lg.modularity(l, k, p.resolution)
            })
            .collect()
    };
    Ok(Hierarchy { levels, modularity })
}

/// One iteration of the multi-level procedure starting from `start` (canonical): its levels
/// (every community of the last one connected) and, if `want_q`, the modularity of each level
/// (computed on the level's graph, which has the same modularity as the original graph).
fn iteration(
    lg0: &LevelGraph<'_>,
    start: &[u32],
    p: &LeidenParams,
    it: u64,
    want_q: bool,
    cancel: &Cancel,
) -> Result<(Vec<Vec<u32>>, Vec<f64>)> {
    let n = lg0.n();
    let gamma = p.resolution;
    let mut lg: Cow<'_, LevelGraph<'_>> = Cow::Borrowed(lg0);
    let mut node_of: Vec<u32> = (0..n as u32).collect();
    let mut comm = start.to_vec();
    let mut levels = Vec::new();
    let mut qs = Vec::new();
    let max_level = p.max_level.unwrap_or(usize::MAX);
    for level in 0u64.. {
        cancel.check()?;
        let tag = it.wrapping_mul(1 << 20).wrapping_add(level);
        let mut rng = Rng::stream(p.seed, 2 * tag);
        let mut st = MoveState::new(&lg, comm);
        move_nodes(&lg, &mut st, gamma, &mut rng, cancel)?;
        comm = st.comm;
        let k = renumber(&mut comm);
        let mut flat: Vec<u32> = node_of.iter().map(|&v| comm[v as usize]).collect();
        renumber(&mut flat);
        levels.push(flat);
        if want_q {
            qs.push(lg.modularity(&comm, k, gamma));
        }
        if k == lg.n() {
            return Ok((levels, qs));
        }
        if level as usize + 1 >= max_level {
            break;
        }
        let sub_seed = Rng::stream(p.seed, 2 * tag + 1).next_u64();
        let mut refined = refine(&lg, &comm, k, gamma, sub_seed, cancel)?;
        let kr = renumber(&mut refined);
        if kr == lg.n() {
            break;
        }
        let mut next = vec![0u32; kr];
        for (i, &r) in refined.iter().enumerate() {
            next[r as usize] = comm[i];
        }
        let agg = lg.aggregate(&refined, kr, cancel)?;
        for v in node_of.iter_mut() {
            *v = refined[*v as usize];
        }
        lg = Cow::Owned(agg);
        comm = next;
    }
    // The levels stopped before every community was one aggregate node: split the communities
    // into their connected components. Every aggregate node is a connected set of original
    // nodes (a refined subcommunity only grows along arcs), so components on this level's
    // graph are components on the original graph, found at a fraction of the cost.
    let k = comm.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let split = split_disconnected(&lg, &mut comm);
    if split != k {
        let mut flat: Vec<u32> = node_of.iter().map(|&v| comm[v as usize]).collect();
        renumber(&mut flat);
        if let Some(l) = levels.last_mut() {
            *l = flat;
        }
        if let Some(q) = qs.last_mut() {
            *q = lg.modularity(&comm, split, gamma);
        }
    }
    Ok((levels, qs))
}

/// Relabel `membership` so that every community is connected in `g` (weakly, for directed
/// graphs: the level graph's rows hold both directions), in canonical form; returns the number
/// of communities.
fn split_disconnected(g: &LevelGraph<'_>, membership: &mut [u32]) -> usize {
    let n = g.n();
    let mut label = vec![u32::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0u32;
    for s in 0..n {
        if label[s] != u32::MAX {
            continue;
        }
        label[s] = next;
        stack.push(s as u32);
        while let Some(u) = stack.pop() {
            let u = u as usize;
            for e in g.indptr[u]..g.indptr[u + 1] {
                let v = g.indices[e] as usize;
                if label[v] == u32::MAX && membership[v] == membership[u] {
                    label[v] = next;
                    stack.push(v as u32);
                }
            }
        }
        next += 1;
    }
    membership.copy_from_slice(&label);
    renumber(membership)
}

/// Per-task buffers of the refinement, indexed by position within one community.
#[derive(Default)]
struct RefineScratch {
    rc: Vec<u32>,
    cnt: Vec<u32>,
    kco: Vec<f64>,
    kci: Vec<f64>,
    ext: Vec<f64>,
    well: Vec<bool>,
    acc: Vec<f64>,
    seen: Vec<bool>,
    touched: Vec<u32>,
    cand: Vec<(u32, f64)>,
    order: Vec<u32>,
}

impl RefineScratch {
    fn reset(&mut self, s: usize) {
        for v in [&mut self.kco, &mut self.kci, &mut self.ext, &mut self.acc] {
            v.clear();
            v.resize(s, 0.0);
        }
        self.rc.clear();
        self.rc.extend(0..s as u32);
        self.cnt.clear();
        self.cnt.resize(s, 1);
        self.well.clear();
        self.well.resize(s, false);
        self.seen.clear();
        self.seen.resize(s, false);
        self.touched.clear();
        self.order.clear();
        self.order.extend(0..s as u32);
    }
}

/// The refined partition (ids unique, not canonical): every community of `comm` split into
/// well-connected subcommunities (Traag et al., Algorithm A.2 `RefinePartition`).
fn refine(
    g: &LevelGraph<'_>,
    comm: &[u32],
    k: usize,
    gamma: f64,
    seed: u64,
    cancel: &Cancel,
) -> Result<Vec<u32>> {
    let n = g.n();
    let mut start = vec![0usize; k + 1];
    for &c in comm {
        start[c as usize + 1] += 1;
    }
    for c in 0..k {
        start[c + 1] += start[c];
    }
    let mut fill = start.clone();
    let mut members = vec![0u32; n];
    let mut pos = vec![0u32; n];
    for (i, &c) in comm.iter().enumerate() {
        let f = &mut fill[c as usize];
        members[*f] = i as u32;
        pos[i] = (*f - start[c as usize]) as u32;
        *f += 1;
    }
    drop(fill);
    let mut out = vec![0u32; n];
    // Singletons stay alone; the other communities are refined in parallel, largest first
    // (one task each, so that a few big communities land on different threads).
    let mut slices: Vec<(usize, &mut [u32])> = Vec::new();
    let mut rest: &mut [u32] = &mut out;
    for c in 0..k {
        let (a, b) = rest.split_at_mut(start[c + 1] - start[c]);
        if a.len() == 1 {
            a[0] = start[c] as u32;
        } else {
            slices.push((c, a));
        }
        rest = b;
    }
    slices.sort_by_key(|(c, a)| (std::cmp::Reverse(a.len()), *c));
    let nc = g.null_coef(gamma);
    // Each node's weight to its own community, in parallel over all nodes (the refinement of
    // one big community is sequential; this row scan need not be).
    let own_w: Vec<f64> = (0..n)
        .into_par_iter()
        .with_min_len(1024)
        .map(|v| {
            let c = comm[v];
            let mut e_in = 0.0;
            g.for_arcs(v, |j, x| {
                if comm[j as usize] == c {
                    e_in += x;
                }
            });
            e_in
        })
        .collect();

    slices
        .into_par_iter()
        .with_max_len(1)
        .for_each_init(RefineScratch::default, |s, (c, slot)| {
            if cancel.is_cancelled() {
                return;
            }
            let mem = &members[start[c]..start[c + 1]];
            let mut rng = Rng::stream(seed, c as u64);
            refine_one(
                g,
                comm,
                &own_w,
                c as u32,
                mem,
                &pos,
                nc,
                start[c] as u32,
                &mut rng,
                s,
                slot,
            );
        });
    cancel.check()?;
    let mut refined = vec![0u32; n];
    for (p, &v) in members.iter().enumerate() {
        refined[v as usize] = out[p];
    }
    Ok(refined)
}

/// Refine one community `c` with members `mem` (`own_w`: each node's weight to its own
/// community); write each member's subcommunity id (`offset` + a position in `mem`) into `out`.
#[allow(clippy::too_many_arguments)]
fn refine_one(
    g: &LevelGraph<'_>,
    comm: &[u32],
    own_w: &[f64],
    c: u32,
    mem: &[u32],
    pos: &[u32],
    nc: f64,
    offset: u32,
    rng: &mut Rng,
    s: &mut RefineScratch,
    out: &mut [u32],
) {
    let sz = mem.len();
    if sz == 1 {
        out[0] = offset;
        return;
    }
    s.reset(sz);
    let (mut kos, mut kis) = (0.0, 0.0);
    for (li, &v) in mem.iter().enumerate() {
        let v = v as usize;
        s.kco[li] = g.kout[v];
        s.kci[li] = g.kin_of(v);
        kos += s.kco[li];
        kis += s.kci[li];
        s.ext[li] = own_w[v];
    }
    // Well-connected: E(C, S - C) >= nc * (Kout_C (Kin_S - Kin_C) + Kin_C (Kout_S - Kout_C)).
    let well = |ext: f64, ko: f64, ki: f64| ext >= nc * (ko * (kis - ki) + ki * (kos - ko));
    for li in 0..sz {
        s.well[li] = well(s.ext[li], s.kco[li], s.kci[li]);
    }
    rng.shuffle(&mut s.order);
    for oi in 0..sz {
        let li = s.order[oi] as usize;
        if !s.well[li] || s.cnt[s.rc[li] as usize] != 1 {
            continue;
        }
        let own = s.rc[li];
        let v = mem[li] as usize;
        g.for_arcs(v, |j, x| {
            let j = j as usize;
            if comm[j] != c {
                return;
            }
            let cl = s.rc[pos[j] as usize];
            if !s.seen[cl as usize] {
                s.seen[cl as usize] = true;
                s.touched.push(cl);
            }
            s.acc[cl as usize] += x;
        });
        let (ko, ki) = (s.kco[own as usize], s.kci[own as usize]);
        s.cand.clear();
        s.cand.push((own, 0.0));
        let mut best = 0.0f64;
        for &cl in &s.touched {
            let cu = cl as usize;
            if cl == own || !well(s.ext[cu], s.kco[cu], s.kci[cu]) {
                continue;
            }
            let gain = s.acc[cu] - nc * (ko * s.kci[cu] + ki * s.kco[cu]);
            if gain >= 0.0 {
                s.cand.push((cl, gain));
                best = best.max(gain);
            }
        }
        let mut chosen = own;
        if s.cand.len() > 1 {
            let mut total = 0.0;
            for cg in s.cand.iter_mut() {
                cg.1 = ((cg.1 - best) / THETA).exp();
                total += cg.1;
            }
            let mut r = rng.next_f64() * total;
            chosen = s.cand[s.cand.len() - 1].0;
            for &(cl, wgt) in &s.cand {
                if r < wgt {
                    chosen = cl;
                    break;
                }
                r -= wgt;
            }
        }
        if chosen != own {
            let cu = chosen as usize;
            s.cnt[own as usize] = 0;
            s.cnt[cu] += 1;
            s.kco[cu] += ko;
            s.kci[cu] += ki;
            s.ext[cu] += s.ext[own as usize] - 2.0 * s.acc[cu];
            s.rc[li] = chosen;
        }
        for &cl in &s.touched {
            s.acc[cl as usize] = 0.0;
            s.seen[cl as usize] = false;
        }
        s.touched.clear();
    }
    for (o, &r) in out.iter_mut().zip(&s.rc) {
        *o = offset + r;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csr::BuildOptions;

    /// A ring of six 5-cliques, consecutive cliques joined by one edge:
    /// the optimum puts each clique in its own community.
    #[test]
    fn ring_of_cliques() {
        let (mut s, mut d) = (vec![], vec![]);
        let (q, c) = (6u32, 5u32);
        for b in 0..q {
            for x in 0..c {
                for y in x + 1..c {
                    s.push(b * c + x);
                    d.push(b * c + y);
                }
            }
            s.push(b * c);
            d.push(((b + 1) % q) * c + 1);
        }
        let g = Csr::from_edges(&s, &d, None, &BuildOptions::default(), &Cancel::new()).unwrap();
        for seed in 0..10 {
            let p = LeidenParams {
                seed,
                ..Default::default()
            };
            let h = leiden(&g, &p, &Cancel::new()).unwrap();
            let m = h.levels.last().unwrap();
            let expect: Vec<u32> = (0..q * c).map(|v| v / c).collect();
            assert_eq!(m, &expect);
        }
    }

    /// `split_disconnected` on a path 0-1-2-3 and an edge 4-5 (communities {0, 3, 5}, {1, 2},
    /// {4} split into connected pieces); Leiden stopped after one level returns the optimum
    /// {0, 1}, {2, 3}, {4, 5} (Q = 0.40625, against 0.375 for {0..3}, {4, 5}).
    #[test]
    fn split_keeps_connected_communities() {
        let g = Csr::from_edges(
            &[0u32, 1, 2, 4],
            &[1u32, 2, 3, 5],
            None,
            &BuildOptions::default(),
            &Cancel::new(),
        )
        .unwrap();
        let lg = LevelGraph::from_csr(&g, None, &Cancel::new()).unwrap();
        let mut m = vec![0, 1, 1, 0, 2, 0];
        split_disconnected(&lg, &mut m);
        assert_eq!(m, [0, 1, 1, 2, 3, 4]);
        for seed in 0..20 {
            let p = LeidenParams {
                seed,
                max_level: Some(1),
                ..Default::default()
            };
            let h = leiden(&g, &p, &Cancel::new()).unwrap();
            let last = h.levels.last().unwrap();
            assert_eq!(last, &[0, 0, 1, 1, 2, 2]);
        }
    }

    #[test]
    fn bad_n_iterations() {
        let g = Csr::from_edges(
            &[0u32],
            &[1u32],
            None,
            &BuildOptions::default(),
            &Cancel::new(),
        )
        .unwrap();
        let p = LeidenParams {
            n_iterations: -2,
            ..Default::default()
        };
        assert!(matches!(
            leiden(&g, &p, &Cancel::new()),
            Err(Error::InvalidParameter {
                name: "n_iterations",
                ..
            })
        ));
    }
}
