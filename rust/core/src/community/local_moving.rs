//! Deterministic parallel local moving of nodes between communities (the first phase of
//! Louvain and Leiden's fast local moving).
//!
//! Nodes are visited in a seeded random order cut into batches of a fixed size. For a batch,
//! every node's best move is computed in parallel against the state at the start of the batch;
//! the moves are then applied in batch order. A proposed move whose source or target community
//! already changed within the batch is checked exactly against the current state first (kept if
//! it still improves, re-evaluated otherwise), so every applied move is an exact modularity
//! improvement, as in the sequential algorithm. After a round, only the neighbours of moved
//! nodes that lie outside the mover's new community are visited again (Leiden's queue;
//! "pruning" in Louvain), in the order of the permutation. The result depends on the seed only,
//! never on the number of threads.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::level::{LevelGraph, Scratch, ScratchPool};
use crate::cancel::Cancel;
use crate::error::Result;
use crate::rng::Rng;

/// Nodes per batch (fixed: the result must not depend on the thread count).
const BATCH: usize = 512;
/// Below this many nodes, move nodes one at a time (exact sequential Louvain).
const SEQUENTIAL_BELOW: usize = 4096;
/// Nodes per parallel task within a batch.
const CHUNK: usize = 64;
/// Safety cap on the rounds of one call.
const MAX_ROUNDS: usize = 10_000;

/// The mutable state: community per node and the total out-/in-strength per community.
pub(crate) struct MoveState {
    pub comm: Vec<u32>,
    pub tot_out: Vec<f64>,
    pub tot_in: Vec<f64>,
}

impl MoveState {
    /// State of `comm` (ids `< g.n()`) on `g`.
    pub fn new(g: &LevelGraph, comm: Vec<u32>) -> Self {
        let n = g.n();
        let mut tot_out = vec![0.0; n];
        let mut tot_in = vec![0.0; if g.directed { n } else { 0 }];
        for i in 0..n {
            tot_out[comm[i] as usize] += g.kout[i];
            if g.directed {
                tot_in[comm[i] as usize] += g.kin[i];
            }
        }
        MoveState {
            comm,
            tot_out,
            tot_in,
        }
    }

    #[inline(always)]
    fn tin(&self, directed: bool, c: usize) -> f64 {
        if directed {
            self.tot_in[c]
        } else {
            self.tot_out[c]
        }
    }

    /// The best community for `i` (its own one unless another is strictly better).
    #[inline]
    fn best_move(&self, g: &LevelGraph, nc: f64, i: usize, s: &mut Scratch) -> u32 {
        let own = self.comm[i];
        s.touch(own);
        for e in g.indptr[i]..g.indptr[i + 1] {
            s.add(self.comm[g.indices[e] as usize], g.weights[e]);
        }
        let ko = g.kout[i];
        let ki = g.kin_of(i);
        let d = g.directed;
        let gain = |c: u32, a: f64| {
            let cu = c as usize;
            let (mut to, mut ti) = (self.tot_out[cu], self.tin(d, cu));
            if c == own {
                to -= ko;
                ti -= ki;
            }
            a - nc * (ko * ti + ki * to)
        };
        let own_gain = gain(own, s.acc[own as usize]);
        let mut best = own;
        let mut best_gain = own_gain + 1e-13 * (ko + ki).max(f64::MIN_POSITIVE);
        for &c in &s.touched {
            if c == own {
                continue;
            }
            let x = gain(c, s.acc[c as usize]);
            if x > best_gain {
                best_gain = x;
                best = c;
            }
        }
        s.clear();
        best
    }

    /// Whether moving `i` to `to` (not its community) is, against the current state, an
    /// improvement by the margin that [`Self::best_move`] demands.
    #[inline]
    fn still_improves(&self, g: &LevelGraph, nc: f64, i: usize, to: u32) -> bool {
        let own = self.comm[i];
        let (mut a_own, mut a_to) = (0.0, 0.0);
        for e in g.indptr[i]..g.indptr[i + 1] {
            let c = self.comm[g.indices[e] as usize];
            if c == own {
                a_own += g.weights[e];
            } else if c == to {
                a_to += g.weights[e];
            }
        }
        let ko = g.kout[i];
        let ki = g.kin_of(i);
        let d = g.directed;
        let (ou, tu) = (own as usize, to as usize);
        let own_gain = a_own - nc * (ko * (self.tin(d, ou) - ki) + ki * (self.tot_out[ou] - ko));
        let to_gain = a_to - nc * (ko * self.tin(d, tu) + ki * self.tot_out[tu]);
        to_gain > own_gain + 1e-13 * (ko + ki).max(f64::MIN_POSITIVE)
    }

    #[inline]
    fn apply(&mut self, g: &LevelGraph, i: usize, to: u32) {
        let from = self.comm[i] as usize;
        self.tot_out[from] -= g.kout[i];
        self.tot_out[to as usize] += g.kout[i];
        if g.directed {
            self.tot_in[from] -= g.kin[i];
            self.tot_in[to as usize] += g.kin[i];
        }
        self.comm[i] = to;
    }
}

/// Move nodes of `g` between the communities of `st` until no node has an improving move.
/// Returns the number of moves.
///
/// # Errors
/// [`crate::Error::Interrupted`] (polled once per batch).
pub(crate) fn move_nodes(
    g: &LevelGraph,
    st: &mut MoveState,
    gamma: f64,
    rng: &mut Rng,
    cancel: &Cancel,
) -> Result<usize> {
    let n = g.n();
    if n == 0 || g.total <= 0.0 {
        return Ok(0);
    }
    let nc = g.null_coef(gamma);
    let mut order: Vec<u32> = (0..n as u32).collect();
    rng.shuffle(&mut order);
    let mut active = order.clone();
    let flags: Vec<AtomicBool> = (0..n).map(|_| AtomicBool::new(false)).collect();
    let sequential = n < SEQUENTIAL_BELOW;
    let pool = ScratchPool::new(n);
    let mut main = Scratch::new(n);
    let mut changed = vec![false; n];
    let mut changed_list: Vec<u32> = Vec::new();
    let mut props = vec![0u32; BATCH];
    let mut moved: Vec<u32> = Vec::new();
    let mut total_moves = 0usize;
    for _round in 0..MAX_ROUNDS {
        if active.is_empty() {
            break;
        }

        moved.clear();
        for batch in active.chunks(BATCH) {
            cancel.check()?;
            if sequential {
                for &i in batch {
                    let i = i as usize;
                    let b = st.best_move(g, nc, i, &mut main);
                    if b != st.comm[i] {
                        st.apply(g, i, b);
                        moved.push(i as u32);
                    }
                }
                continue;
            }
            let props = &mut props[..batch.len()];
            {
                let st_ref = &*st;
                props
                    .par_chunks_mut(CHUNK)
                    .zip(batch.par_chunks(CHUNK))
                    .for_each(|(p, b)| {
                        let mut guard = pool.get();
                        let s = &mut *guard;
                        for (out, &i) in p.iter_mut().zip(b) {
                            *out = st_ref.best_move(g, nc, i as usize, s);
                        }
                    });
            }
            for (&i, &p) in batch.iter().zip(props.iter()) {
                let i = i as usize;
                let own = st.comm[i];
                if p == own {
                    continue;
                }
                let target = if !(changed[p as usize] || changed[own as usize]) {
                    p
                } else if st.still_improves(g, nc, i, p) {
                    // The proposal is still an exact improvement: keep it (one plain scan of
                    // the row instead of a full re-evaluation).
                    p
                } else {
                    st.best_move(g, nc, i, &mut main)
                };
                if target == own {
                    continue;
                }
                for c in [own, target] {
                    if !changed[c as usize] {
                        changed[c as usize] = true;
                        changed_list.push(c);
                    }
                }
                st.apply(g, i, target);
                moved.push(i as u32);
            }
            for &c in &changed_list {
                changed[c as usize] = false;
            }
            changed_list.clear();
        }
        total_moves += moved.len();

        if moved.is_empty() {
            break;
        }
        if sequential {
            // Small graphs: full passes while anything moves, exactly as networkx.
            active.clear();
            active.extend_from_slice(&order);
            continue;
        }
        // Activate the neighbours of moved nodes that are outside the mover's community.
        let comm = &st.comm;
        moved.par_chunks(CHUNK).for_each(|ms| {
            for &i in ms {
                let ci = comm[i as usize];
                let i = i as usize;
                for e in g.indptr[i]..g.indptr[i + 1] {
                    let j = g.indices[e] as usize;
                    if comm[j] != ci && !flags[j].load(Ordering::Relaxed) {
                        flags[j].store(true, Ordering::Relaxed);
                    }
                }
            }
        });
        active.clear();
        for &v in &order {
            if flags[v as usize].swap(false, Ordering::Relaxed) {
                active.push(v);
            }
        }
    }
    Ok(total_moves)
}
