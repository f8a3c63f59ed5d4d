//! Strongly connected components: parallel trim, forward-backward, iterative Tarjan.
//!
//! The method of Hong, Rodia & Olukotun ("On fast parallel detection of strongly connected
//! components (SCC) in small-world graphs", SC 2013), reduced to its three phases that pay off
//! on real networks:
//!
//! 1. *Trim*: peel, in parallel rounds, every node with no in-arc or no out-arc from the
//!    remaining nodes (self-loops ignored). Each is a singleton component. The peeled set is the
//!    same whatever the order of work, so the result stays deterministic.
//! 2. *Forward-backward*: from the remaining node with the largest in×out degree (ties to the
//!    smaller id), a parallel BFS forward, then a parallel BFS backward restricted to the nodes
//!    reached forward. The nodes reached both ways form the pivot's component, in small-world
//!    graphs the giant one (Fleischer, Hendrickson & Pinar 2000).
//! 3. *Tarjan*: the rest, a union of whole components, goes through an iterative
//!    (explicit-stack, so no stack overflow on long paths) Tarjan search (Tarjan 1972).
//!
//! Labels are then renumbered canonically.

use std::sync::atomic::{AtomicU32, AtomicU8, Ordering::Relaxed};

use rayon::prelude::*;

use super::{canonical_labels, connected_components, UNASSIGNED};
use crate::cancel::Cancel;
use crate::csr::{Adjacency, Csr};
use crate::error::{Error, Result};

/// Below this many nodes left after trimming, Tarjan alone is faster than forward-backward.
const FWBW_MIN_NODES: usize = 1024;
/// Nodes per parallel task in node-parallel loops.
const MIN_LEN: usize = 2048;
/// Tarjan polls for cancellation once per this many visited nodes.
const CANCEL_STRIDE: u32 = 1 << 16;

const ALIVE: u8 = 0;
const TRIMMED: u8 = 1;

/// Strongly connected components of a directed graph.
///
/// Returns one label per node, canonical as in [`connected_components`]: labels `0..k` in
/// increasing order of each component's smallest node id, identical for any number of threads.
/// For an undirected graph the strongly connected components are the connected components,
/// and those are returned.
///
/// # Arguments
/// * `g` – the graph.
/// * `cancel` – polled once per trim round, BFS level, block of nodes, and every 65,536 nodes
///   of the sequential search.
///
/// # Errors
/// [`crate::Error::Interrupted`] if `cancel` fires.
///
/// # Complexity
/// O(n + arcs) work and O(n) extra memory. Trimming and the giant component's search run in
/// parallel; the search of the remaining (usually small) part is sequential.
///
/// # Reference
/// S. Hong, N. C. Rodia and K. Olukotun, "On fast parallel detection of strongly connected
/// components (SCC) in small-world graphs", SC 2013; R. Tarjan, "Depth-first search and linear
/// graph algorithms", SIAM J. Comput. 1 (1972).
///
/// # Example
/// ```
/// use impactgraph_core::{structure::strongly_connected_components, BuildOptions, Cancel, Csr};
/// // 0 -> 1 -> 2 -> 1, 2 -> 3
/// let opts = BuildOptions { directed: true, ..Default::default() };
/// let g = Csr::from_edges(&[0u32, 1, 2, 2], &[1u32, 2, 1, 3], None, &opts, &Cancel::new()).unwrap();
/// assert_eq!(strongly_connected_components(&g, &Cancel::new()).unwrap(), vec![0, 1, 1, 2]);
/// ```
pub fn strongly_connected_components(g: &Csr, cancel: &Cancel) -> Result<Vec<u32>> {
    scc_with(g, cancel, FWBW_MIN_NODES)
}

/// [`strongly_connected_components`] with the forward-backward threshold as a parameter (tests
/// force each phase with it).
pub(crate) fn scc_with(g: &Csr, cancel: &Cancel, fwbw_min: usize) -> Result<Vec<u32>> {
    if !g.is_directed() {
        return connected_components(g, cancel);
    }
    cancel.check()?;
    let n = g.num_nodes();
    if n == 0 {
        return Ok(Vec::new());
    }
    let (out, inc) = (g.out_adj(), g.in_adj());
    // rep[u]: a representative node of u's component once known.
    let mut rep = vec![UNASSIGNED; n];
    let (state, in_cnt, out_cnt) = trim(out, inc, cancel)?;
    rep.par_iter_mut()
        .zip(state.par_iter())
        .enumerate()
        .with_min_len(MIN_LEN)
        .for_each(|(u, (r, s))| {
            if s.load(Relaxed) == TRIMMED {
                *r = u as u32;
            }
        });
    let alive = rep.par_iter().filter(|&&r| r == UNASSIGNED).count();
    if alive > 0 && alive >= fwbw_min {
        forward_backward(out, inc, &state, &in_cnt, &out_cnt, &mut rep, cancel)?;
    }
    drop((state, in_cnt, out_cnt));
    tarjan(&out.indptr, &out.indices, &mut rep, None, cancel)?;
    Ok(canonical_labels(&rep))
}

/// Strongly connected components numbered in the order a depth-first search finishes them:
/// roots tried in id order, each node's arcs followed in the order its row lists them.
///
/// This is the order in which networkx's `strongly_connected_components` (Tarjan's algorithm,
/// Nuutila's variant, over `G._adj` in insertion order) yields its components, when the rows
/// hold networkx's adjacency order: component `0` is the first yielded. Every component comes
/// after all the components it reaches (a reverse topological order of the condensation).
///
/// # Arguments
/// * `indptr` – row offsets, length n + 1, non-decreasing, from 0 to `indices.len()`.
/// * `indices` – the out-neighbours of each node in search order (any order, duplicates and
///   self-loops allowed), each below n.
/// * `cancel` – polled every 65,536 visited nodes.
///
/// # Errors
/// [`crate::Error::InvalidGraph`] if the arrays do not describe n rows of ids below n;
/// [`crate::Error::Interrupted`] if `cancel` fires.
///
/// # Complexity
/// O(n + arcs) time, sequential; O(n) extra memory.
///
/// # Example
/// ```
/// use impactgraph_core::{structure::strongly_connected_components_in_search_order, Cancel};
/// // 0 -> 2, 0 -> 1, 1 -> 0: the search from 0 finishes {2} first, then {0, 1}
/// let order = strongly_connected_components_in_search_order(&[0, 2, 3, 3], &[2, 1, 0], &Cancel::new());
/// assert_eq!(order.unwrap(), vec![1, 1, 0]);
/// ```
pub fn strongly_connected_components_in_search_order(
    indptr: &[u64],
    indices: &[u32],
    cancel: &Cancel,
) -> Result<Vec<u32>> {
    let bad = |message: String| Err(Error::InvalidGraph { message });
    if indptr.is_empty() {
        return bad("indptr must hold n + 1 offsets, got an empty array".into());
    }
    let n = indptr.len() - 1;
    if indptr[0] != 0 || indptr[n] != indices.len() as u64 {
        return bad(format!(
            "indptr must run from 0 to the number of arcs ({}), got {}..{}",
            indices.len(),
            indptr[0],
            indptr[n]
        ));
    }
    if indptr.windows(2).any(|w| w[0] > w[1]) {
        return bad("indptr must be non-decreasing".into());
    }
    if let Some(&v) = indices.iter().find(|&&v| v as usize >= n) {
        return bad(format!("arc to node {v} but there are only {n} nodes"));
    }
    cancel.check()?;
    let mut rep = vec![UNASSIGNED; n];
    let mut roots = Vec::new();
    tarjan(indptr, indices, &mut rep, Some(&mut roots), cancel)?;
    let mut rank = vec![0u32; n];
    for (k, &r) in roots.iter().enumerate() {
        rank[r as usize] = k as u32;
    }
    Ok(rep.iter().map(|&r| rank[r as usize]).collect())
}

/// Number of entries of row `u` other than `u` itself.
#[inline]
fn degree_without_loop(a: &Adjacency, u: usize) -> u32 {
    let row = a.neighbors(u);
    (row.len() - usize::from(row.binary_search(&(u as u32)).is_ok())) as u32
}

/// Concatenate per-task vectors.
fn concat(mut a: Vec<u32>, mut b: Vec<u32>) -> Vec<u32> {
    if a.len() < b.len() {
        std::mem::swap(&mut a, &mut b);
    }
    a.extend_from_slice(&b);
    a
}

type TrimState = (Vec<AtomicU8>, Vec<AtomicU32>, Vec<AtomicU32>);

/// Iterated trimming. Returns the node states and, for live nodes, their numbers of live in-
/// and out-neighbours (self excluded).
fn trim(out: &Adjacency, inc: &Adjacency, cancel: &Cancel) -> Result<TrimState> {
    let n = out.indptr.len() - 1;
    let in_cnt: Vec<AtomicU32> = (0..n)
        .into_par_iter()
        .with_min_len(MIN_LEN)
        .map(|u| AtomicU32::new(degree_without_loop(inc, u)))
        .collect();
    let out_cnt: Vec<AtomicU32> = (0..n)
        .into_par_iter()
        .with_min_len(MIN_LEN)
        .map(|u| AtomicU32::new(degree_without_loop(out, u)))
        .collect();
    let state: Vec<AtomicU8> = (0..n)
        .into_par_iter()
        .with_min_len(MIN_LEN)
        .map(|u| {
            let dead = in_cnt[u].load(Relaxed) == 0 || out_cnt[u].load(Relaxed) == 0;
            AtomicU8::new(if dead { TRIMMED } else { ALIVE })
        })
        .collect();
    let mut frontier: Vec<u32> = (0..n as u32)
        .into_par_iter()
        .with_min_len(MIN_LEN)
        .filter(|&u| state[u as usize].load(Relaxed) == TRIMMED)
        .collect();
    // Removing u lowers the in-count of its out-neighbours and the out-count of its
    // in-neighbours; whoever brings a count to zero claims the node for the next round.
    let visit = |acc: &mut Vec<u32>, u: u32, adj: &Adjacency, cnt: &[AtomicU32]| {
        for &v in adj.neighbors(u as usize) {
            let vi = v as usize;
            if v != u
                && state[vi].load(Relaxed) == ALIVE
                && cnt[vi].fetch_sub(1, Relaxed) == 1
                && state[vi]
                    .compare_exchange(ALIVE, TRIMMED, Relaxed, Relaxed)
                    .is_ok()
            {
                acc.push(v);
            }
        }
    };
    while !frontier.is_empty() {
        cancel.check()?;
        frontier = frontier
            .par_iter()
            .with_min_len(256)
            .fold(Vec::new, |mut acc, &u| {
                visit(&mut acc, u, out, &in_cnt);
                visit(&mut acc, u, inc, &out_cnt);
                acc
            })
            .reduce(Vec::new, concat);
    }
    Ok((state, in_cnt, out_cnt))
}

const FW: u8 = 1;
const BW: u8 = 2;

/// Level-synchronous parallel BFS from `root` over `adj`, visiting nodes for which
/// `allowed(v)` holds and setting `bit` in `flags`.
fn bfs<P>(
    adj: &Adjacency,
    root: u32,
    flags: &[AtomicU8],
    bit: u8,
    allowed: P,
    cancel: &Cancel,
) -> Result<()>
where
    P: Fn(usize) -> bool + Sync,
{
    flags[root as usize].fetch_or(bit, Relaxed);
    let mut frontier = vec![root];
    while !frontier.is_empty() {
        cancel.check()?;
        frontier = frontier
            .par_iter()
            .with_min_len(64)
            .fold(Vec::new, |mut acc, &u| {
                for &v in adj.neighbors(u as usize) {
                    let vi = v as usize;
                    if flags[vi].load(Relaxed) & bit == 0
                        && allowed(vi)
                        && flags[vi].fetch_or(bit, Relaxed) & bit == 0
                    {
                        acc.push(v);
                    }
                }
                acc
            })
            .reduce(Vec::new, concat);
    }
    Ok(())
}

/// Find the component of the best pivot among the live nodes and assign it in `rep`.
fn forward_backward(
    out: &Adjacency,
    inc: &Adjacency,
    state: &[AtomicU8],
    in_cnt: &[AtomicU32],
    out_cnt: &[AtomicU32],
    rep: &mut [u32],
    cancel: &Cancel,
) -> Result<()> {
    let n = rep.len();
    let key = |u: usize| in_cnt[u].load(Relaxed) as u64 * out_cnt[u].load(Relaxed) as u64;
    let pivot = (0..n)
        .into_par_iter()
        .with_min_len(MIN_LEN)
        .filter(|&u| state[u].load(Relaxed) == ALIVE)
        .max_by(|&a, &b| key(a).cmp(&key(b)).then(b.cmp(&a)));
    let Some(pivot) = pivot else { return Ok(()) };
    let flags: Vec<AtomicU8> = (0..n).map(|_| AtomicU8::new(0)).collect();
    let fl = &flags[..];
    bfs(
        out,
        pivot as u32,
        fl,
        FW,
        |v| state[v].load(Relaxed) == ALIVE,
        cancel,
    )?;
    bfs(
        inc,
        pivot as u32,
        fl,
        BW,
        |v| fl[v].load(Relaxed) & FW != 0,
        cancel,
    )?;
    rep.par_iter_mut()
        .zip(flags.par_iter())
        .with_min_len(MIN_LEN)
        .for_each(|(r, f)| {
            if f.load(Relaxed) & BW != 0 {
                *r = pivot as u32;
            }
        });
    Ok(())
}

/// Iterative Tarjan over the nodes with `rep == UNASSIGNED`, ignoring arcs to assigned nodes
/// (they belong to finished components). A visited node whose `rep` is still unassigned is on
/// the component stack, so no separate on-stack flag is needed. With `roots`, the root of each
/// component is pushed when the component is finished.
fn tarjan(
    indptr: &[u64],
    indices: &[u32],
    rep: &mut [u32],
    mut roots: Option<&mut Vec<u32>>,
    cancel: &Cancel,
) -> Result<()> {
    let n = rep.len();
    let mut index = vec![UNASSIGNED; n];
    let mut low = vec![0u32; n];
    let mut counter = 0u32;
    let mut stack: Vec<u32> = Vec::new();
    // (node, position of its next arc in out.indices)
    let mut call: Vec<(u32, usize)> = Vec::new();
    for s in 0..n {
        if rep[s] != UNASSIGNED || index[s] != UNASSIGNED {
            continue;
        }
        index[s] = counter;
        low[s] = counter;
        counter += 1;
        stack.push(s as u32);
        call.push((s as u32, indptr[s] as usize));
        while let Some(&(v, mut pos)) = call.last() {
            let vi = v as usize;
            let end = indptr[vi + 1] as usize;
            let mut child = None;
            while pos < end {
                let w = indices[pos] as usize;
                pos += 1;
                if rep[w] != UNASSIGNED {
                    continue;
                }
                if index[w] == UNASSIGNED {
                    child = Some(w);
                    break;
                }
                low[vi] = low[vi].min(index[w]);
            }
            if let Some(w) = child {
                call.last_mut().expect("non-empty").1 = pos;
                if counter % CANCEL_STRIDE == 0 {
                    cancel.check()?;
                }
                index[w] = counter;
                low[w] = counter;
                counter += 1;
                stack.push(w as u32);
                call.push((w as u32, indptr[w] as usize));
                continue;
            }
            call.pop();
            if low[vi] == index[vi] {
                while let Some(x) = stack.pop() {
                    rep[x as usize] = v;
                    if x == v {
                        break;
                    }
                }
                if let Some(r) = roots.as_deref_mut() {
                    r.push(v);
                }
            }
            if let Some(&(p, _)) = call.last() {
                let pi = p as usize;
                low[pi] = low[pi].min(low[vi]);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph, reach, rmat};
    use crate::Error;

    /// SCC labels from the reachability matrix, canonical: the oracle.
    fn oracle(g: &Csr) -> Vec<u32> {
        let (f, b) = (reach(g, false), reach(g, true));
        let n = g.num_nodes();
        let rep: Vec<u32> = (0..n)
            .map(|u| (0..n).find(|&v| f[u][v] && b[u][v]).unwrap() as u32)
            .collect();
        canonical_labels(&rep)
    }

    //   0 -> 1 -> 2 -> 0     (cycle A = {0, 1, 2})
    //        |
    //        v
    //   3 <-> 4 -> 5 @       (cycle B = {3, 4}; 5 has a self-loop only)
    //   6 isolated
    #[test]
    fn small_directed() {
        let g = build(
            &[0, 1, 2, 1, 3, 4, 4, 5],
            &[1, 2, 0, 3, 4, 3, 5, 5],
            None,
            true,
            Some(7),
        );
        for t in [0, usize::MAX] {
            let l = scc_with(&g, &Cancel::new(), t).unwrap();
            assert_eq!(l, vec![0, 0, 0, 1, 1, 2, 3]);
        }
        assert_eq!(
            crate::structure::number_of_components(&[0, 0, 0, 1, 1, 2, 3]),
            4
        );
    }

    #[test]
    fn undirected_gives_connected_components() {
        let g = build(&[0, 2], &[1, 3], None, false, Some(5));
        let l = strongly_connected_components(&g, &Cancel::new()).unwrap();
        assert_eq!(l, vec![0, 0, 1, 1, 2]);
    }

    #[test]
    fn empty() {
        let g = build(&[], &[], None, true, None);
        assert!(strongly_connected_components(&g, &Cancel::new())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn long_cycle_and_long_path_do_not_overflow() {
        let n = 1_000_000u32;
        // A cycle 0 -> 1 -> ... -> n-1 -> 0: one component, depth n for Tarjan.
        let src: Vec<u32> = (0..n).collect();
        let dst: Vec<u32> = (0..n).map(|i| (i + 1) % n).collect();
        let g = build(&src, &dst, None, true, None);
        let l = scc_with(&g, &Cancel::new(), usize::MAX).unwrap();
        assert!(l.iter().all(|&x| x == 0));
        // A path: n singletons, trimmed.
        let g = build(
            &src[..n as usize - 1],
            &dst[..n as usize - 1],
            None,
            true,
            None,
        );
        let l = strongly_connected_components(&g, &Cancel::new()).unwrap();
        assert!(l.iter().enumerate().all(|(i, &x)| x == i as u32));
    }

    #[test]
    fn matches_reachability_oracle() {
        for seed in 0..30 {
            let n = 20 + (seed as u32) * 7;
            let m = (n as usize) * (1 + seed as usize % 3);
            let g = random_graph(n, m, true, false, seed);
            let want = oracle(&g);
            for t in [0, 10, usize::MAX] {
                assert_eq!(
                    scc_with(&g, &Cancel::new(), t).unwrap(),
                    want,
                    "seed {seed}"
                );
            }
        }
    }

    #[test]
    fn phases_agree_and_threads_agree() {
        let g = rmat(14, 120_000, true, 5);
        let a = in_pool(1, || scc_with(&g, &Cancel::new(), usize::MAX).unwrap());
        let b = in_pool(1, || {
            strongly_connected_components(&g, &Cancel::new()).unwrap()
        });
        let c = in_pool(4, || {
            strongly_connected_components(&g, &Cancel::new()).unwrap()
        });
        assert_eq!(a, b);
        assert_eq!(b, c);
        assert!(crate::structure::number_of_components(&a) > 1);
    }

    #[test]
    fn cancelled() {
        let g = build(&[0], &[1], None, true, None);
        let c = Cancel::new();
        c.cancel();
        assert_eq!(
            strongly_connected_components(&g, &c),
            Err(Error::Interrupted)
        );
    }

    #[test]
    fn search_order_same_sets_and_reverse_topological() {
        for seed in 0..30u64 {
            let g = random_graph(40, 90, true, false, seed);
            let out = g.out_adj();
            let order = strongly_connected_components_in_search_order(
                &out.indptr,
                &out.indices,
                &Cancel::new(),
            )
            .unwrap();
            // the same partition as the canonical labels
            assert_eq!(canonical_labels(&order), oracle(&g));
            // no arc leads to a component finished later
            for u in 0..g.num_nodes() {
                for &v in out.neighbors(u) {
                    assert!(order[v as usize] <= order[u]);
                }
            }
        }
    }

    #[test]
    fn search_order_follows_row_order() {
        // 0 -> {1, 2}; 1 and 2 are sinks: the row order decides which finishes first
        let a =
            strongly_connected_components_in_search_order(&[0, 2, 2, 2], &[1, 2], &Cancel::new());
        let b =
            strongly_connected_components_in_search_order(&[0, 2, 2, 2], &[2, 1], &Cancel::new());
        assert_eq!(a.unwrap(), vec![2, 0, 1]);
        assert_eq!(b.unwrap(), vec![2, 1, 0]);
        // roots in id order: the isolated node 0 finishes first
        let c =
            strongly_connected_components_in_search_order(&[0, 0, 1, 2], &[2, 1], &Cancel::new());
        assert_eq!(c.unwrap(), vec![0, 1, 1]);
    }

    #[test]
    fn search_order_rejects_bad_arrays() {
        let c = Cancel::new();
        for (p, i) in [
            (&[][..], &[][..]),
            (&[1, 1][..], &[0][..]),
            (&[0, 2][..], &[0][..]),
            (&[0, 2, 1][..], &[0, 0][..]),
            (&[0, 1][..], &[1][..]),
        ] {
            assert!(matches!(
                strongly_connected_components_in_search_order(p, i, &c),
                Err(Error::InvalidGraph { .. })
            ));
        }
        assert_eq!(
            strongly_connected_components_in_search_order(&[0], &[], &c).unwrap(),
            Vec::<u32>::new()
        );
    }
}
