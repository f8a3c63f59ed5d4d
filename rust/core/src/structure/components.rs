//! Connected components by Afforest.
//!
//! Afforest (Sutton, Ben-Nun & Barak, "Optimizing Parallel Graph Connectivity Computation via
//! Subgraph Sampling", IPDPS 2018; GAP's `cc.cc`) is a lock-free union-find over an array of
//! parents in which a root only ever hooks under a smaller root:
//!
//! 1. *Sampling*: for `r` in `0..2`, link every node with its `r`-th out-neighbour, then
//!    compress every path. Two sparse rounds already merge most of a giant component.
//! 2. *Skip*: estimate the most frequent root `c` from 1024 samples (the giant component).
//! 3. *Finish*: every node not in `c` links with its remaining out-neighbours and, for directed
//!    graphs, with all its in-neighbours (an arc into `c`'s territory is seen from the other
//!    end), then a last compression.
//!
//! Since parents always point to smaller ids, the root of every tree is the smallest id of its
//! component, which gives the canonical labels directly.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::Result;

/// Out-neighbours per node processed in the sampling phase (GAP's `neighbor_rounds`).
const NEIGHBOR_ROUNDS: usize = 2;
/// Nodes per parallel task (one cancellation check each).
const CHUNK: usize = 2048;
/// Samples used to guess the largest intermediate component.
const NUM_SAMPLES: usize = 1024;

/// Hook the trees of `u` and `v` together: the larger root goes under the smaller one.
#[inline]
fn link(u: u32, v: u32, comp: &[AtomicU32]) {
    let mut p1 = comp[u as usize].load(Relaxed);
    let mut p2 = comp[v as usize].load(Relaxed);
    while p1 != p2 {
        let (high, low) = if p1 > p2 { (p1, p2) } else { (p2, p1) };
        let slot = &comp[high as usize];
        let p_high = slot.load(Relaxed);
        if p_high == low
            || (p_high == high && slot.compare_exchange(high, low, Relaxed, Relaxed).is_ok())
        {
            break;
        }
        p1 = comp[slot.load(Relaxed) as usize].load(Relaxed);
        p2 = comp[low as usize].load(Relaxed);
    }
}

/// Run `f(u)` for every node, in parallel blocks of [`CHUNK`] nodes.
fn for_each_node<F>(n: usize, cancel: &Cancel, f: F) -> Result<()>
where
    F: Fn(usize) + Sync,
{
    (0..n.div_ceil(CHUNK)).into_par_iter().try_for_each(|b| {
        cancel.check()?;
        for u in b * CHUNK..((b + 1) * CHUNK).min(n) {
            f(u);
        }
        Ok(())
    })
}

/// Point every node directly at its root.
fn compress(comp: &[AtomicU32], cancel: &Cancel) -> Result<()> {
    for_each_node(comp.len(), cancel, |u| loop {
        let p = comp[u].load(Relaxed);
        let pp = comp[p as usize].load(Relaxed);
        if p == pp {
            break;
        }
        comp[u].store(pp, Relaxed);
    })
}

/// The most frequent value among [`NUM_SAMPLES`] fixed pseudo-random positions of `comp`
/// (ties to the smaller value): a guess of the root of the largest component.
fn sample_frequent_element(comp: &[AtomicU32]) -> u32 {
    let n = comp.len() as u64;
    let mut state = 0x853C_49E6_748F_EA9Bu64;
    let mut sample: Vec<u32> = (0..NUM_SAMPLES)
        .map(|_| {
            // splitmix64
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            comp[(z % n) as usize].load(Relaxed)
        })
        .collect();
    sample.sort_unstable();
    let (mut best, mut best_len) = (sample[0], 0usize);
    let mut i = 0;
    while i < sample.len() {
        let j = i + sample[i..].partition_point(|&x| x == sample[i]);
        if j - i > best_len {
            best = sample[i];
            best_len = j - i;
        }
        i = j;
    }
    best
}

/// Connected components (weakly connected components of a directed graph).
///
/// Returns one label per node. Labels are `0..k` with `k` the number of components, numbered in
/// increasing order of each component's smallest node id, so the output is identical for any
/// number of threads. An isolated node is its own component.
///
/// # Arguments
/// * `g` – the graph; arc directions are ignored.
/// * `cancel` – polled once per block of 2048 nodes in every phase.
///
/// # Errors
/// [`crate::Error::Interrupted`] if `cancel` fires.
///
/// # Complexity
/// O(n + arcs) work in practice (a near-linear union-find with path compression), O(n) extra
/// memory, parallel over nodes. Arcs of the largest component are mostly skipped.
///
/// # Reference
/// M. Sutton, T. Ben-Nun and A. Barak, "Optimizing Parallel Graph Connectivity Computation via
/// Subgraph Sampling", IPDPS 2018; S. Beamer, K. Asanović and D. Patterson, "The GAP Benchmark
/// Suite", arXiv:1508.03619.
///
/// # Example
/// ```
/// use impactgraph_core::{structure::{connected_components, number_of_components}, BuildOptions, Cancel, Csr};
/// // 0 - 1   2 - 3   4
/// let opts = BuildOptions { num_nodes: Some(5), ..Default::default() };
/// let g = Csr::from_edges(&[3u32, 1], &[2u32, 0], None, &opts, &Cancel::new()).unwrap();
/// let labels = connected_components(&g, &Cancel::new()).unwrap();
/// assert_eq!(labels, vec![0, 0, 1, 1, 2]);
/// assert_eq!(number_of_components(&labels), 3);
/// ```
pub fn connected_components(g: &Csr, cancel: &Cancel) -> Result<Vec<u32>> {
    let n = g.num_nodes();
    cancel.check()?;
    if n == 0 {
        return Ok(Vec::new());
    }
    let comp: Vec<AtomicU32> = (0..n as u32).into_par_iter().map(AtomicU32::new).collect();
    let out = g.out_adj();
    let comp_ref = &comp[..];
    for r in 0..NEIGHBOR_ROUNDS {
        for_each_node(n, cancel, |u| {
            if let Some(&v) = out.neighbors(u).get(r) {
                link(u as u32, v, comp_ref);
            }
        })?;
        compress(comp_ref, cancel)?;
    }
    let c = sample_frequent_element(comp_ref);
    let inc = g.is_directed().then(|| g.in_adj());
    for_each_node(n, cancel, |u| {
        if comp_ref[u].load(Relaxed) == c {
            return;
        }
        for &v in out.neighbors(u).iter().skip(NEIGHBOR_ROUNDS) {
            link(u as u32, v, comp_ref);
        }
        if let Some(inc) = inc {
            for &v in inc.neighbors(u) {
                link(u as u32, v, comp_ref);
            }
        }
    })?;
    compress(comp_ref, cancel)?;
    // Every root is its component's smallest id and comp[u] <= u, so one forward pass renumbers.
    let mut labels: Vec<u32> = comp.into_iter().map(AtomicU32::into_inner).collect();
    let mut next = 0u32;
    for u in 0..n {
        let p = labels[u] as usize;
        if p == u {
            labels[u] = next;
            next += 1;
        } else {
            labels[u] = labels[p];
        }
    }
    Ok(labels)
}

/// Number of components of a canonical labelling (labels `0..k`): `k`, or 0 for no nodes.
///
/// # Arguments
/// * `labels` – the output of [`connected_components`] or
///   [`super::strongly_connected_components`].
///
/// # Errors
/// None.
///
/// # Complexity
/// O(n), parallel.
///
/// # Reference
/// networkx `number_connected_components`.
pub fn number_of_components(labels: &[u32]) -> usize {
    labels.par_iter().max().map_or(0, |&m| m as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph, rmat, same_partition};
    use crate::Error;

    /// Labels by BFS over both directions, numbered by smallest member: the oracle.
    fn bfs_labels(g: &Csr) -> Vec<u32> {
        let n = g.num_nodes();
        let mut lab = vec![u32::MAX; n];
        let mut k = 0;
        for s in 0..n {
            if lab[s] != u32::MAX {
                continue;
            }
            lab[s] = k;
            let mut q = vec![s];
            while let Some(u) = q.pop() {
                for &v in g.out_neighbors(u).iter().chain(g.in_neighbors(u)) {
                    if lab[v as usize] == u32::MAX {
                        lab[v as usize] = k;
                        q.push(v as usize);
                    }
                }
            }
            k += 1;
        }
        lab
    }

    //   4 - 2      0 - 3 - 1 @ (self-loop on 1)     5
    //   component of 0 = {0, 1, 3}: label 0; {2, 4}: 1; {5}: 2
    #[test]
    fn undirected_small() {
        let g = build(&[4, 0, 3, 1], &[2, 3, 1, 1], None, false, Some(6));
        let l = connected_components(&g, &Cancel::new()).unwrap();
        assert_eq!(l, vec![0, 0, 1, 0, 1, 2]);
        assert_eq!(number_of_components(&l), 3);
    }

    //   3 -> 0 <- 2     1 -> 4      (weak components {0, 2, 3}, {1, 4})
    // The arcs point into the smaller ids so that only in-edges connect them.
    #[test]
    fn directed_weak() {
        let g = build(&[3, 2, 1], &[0, 0, 4], None, true, None);
        let l = connected_components(&g, &Cancel::new()).unwrap();
        assert_eq!(l, vec![0, 1, 0, 0, 1]);
    }

    #[test]
    fn empty_and_single() {
        let g = build(&[], &[], None, false, None);
        assert_eq!(connected_components(&g, &Cancel::new()).unwrap(), vec![]);
        assert_eq!(number_of_components(&[]), 0);
        let g = build(&[], &[], None, true, Some(1));
        assert_eq!(connected_components(&g, &Cancel::new()).unwrap(), vec![0]);
    }

    #[test]
    fn long_path_reversed_ids() {
        // n-1 - n-2 - ... - 0 given as arcs i+1 -> i: a worst case for naive label propagation.
        let n = 100_000u32;
        let src: Vec<u32> = (1..n).collect();
        let dst: Vec<u32> = (0..n - 1).collect();
        for directed in [false, true] {
            let g = build(&src, &dst, None, directed, None);
            let l = connected_components(&g, &Cancel::new()).unwrap();
            assert!(l.iter().all(|&x| x == 0));
        }
    }

    #[test]
    fn matches_bfs_on_random_graphs() {
        for seed in 0..20 {
            for directed in [false, true] {
                // Sparse enough to have many components and a giant one.
                let n = 50 + (seed as u32) * 300;
                let g = random_graph(n, (n as usize) * 6 / 10, directed, false, seed);
                let l = connected_components(&g, &Cancel::new()).unwrap();
                assert_eq!(l, bfs_labels(&g), "seed {seed} directed {directed}");
            }
        }
        let g = rmat(12, 20_000, true, 3);
        let l = connected_components(&g, &Cancel::new()).unwrap();
        assert!(same_partition(&l, &bfs_labels(&g)));
        assert_eq!(l, bfs_labels(&g));
    }

    #[test]
    fn same_on_one_and_four_threads() {
        for directed in [false, true] {
            let g = rmat(14, 100_000, directed, 11);
            let a = in_pool(1, || connected_components(&g, &Cancel::new()).unwrap());
            let b = in_pool(4, || connected_components(&g, &Cancel::new()).unwrap());
            assert_eq!(a, b);
        }
    }

    #[test]
    fn cancelled() {
        let g = build(&[0], &[1], None, false, None);
        let c = Cancel::new();
        c.cancel();
        assert_eq!(connected_components(&g, &c), Err(Error::Interrupted));
    }
}
