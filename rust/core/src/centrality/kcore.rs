//! k-core decomposition (core numbers) and induced subgraphs (k-cores), with networkx's
//! `core_number` / `k_core` semantics.
//!
//! The core number of a node is the largest `k` such that the node belongs to a subgraph in
//! which every node has degree at least `k`. For directed graphs the degree is the in-degree
//! plus the out-degree (a reciprocated pair of arcs counts twice), as in networkx.
//!
//! # Algorithm
//!
//! Level-synchronous parallel peeling, as in PKC (Kabir and Madduri, 2017) and NetworKit's
//! ParK: for `k = 0, 1, ...` every node whose remaining degree is `k` is peeled; peeling a node
//! decrements (atomically) the degree of each neighbour still above `k`, and a neighbour whose
//! degree falls to exactly `k` joins the current level's frontier. Degrees never drop below the
//! level, so at the end the remaining degree of every node *is* its core number. Levels with no
//! node are skipped (the next level is the minimum remaining degree), the set of unpeeled nodes
//! is compacted once per level, and small frontiers are drained sequentially on one thread (no
//! fork-join overhead on the long tail of tiny rounds). On one thread, or for graphs with fewer
//! than 2^17 arcs, the sequential O(m) bucket algorithm of Batagelj and Zaversnik (networkx's)
//! runs instead. Core numbers are unique, so the result does not depend on the number of
//! threads, on the algorithm or on the order of the peeling.

use std::sync::atomic::{AtomicU32, Ordering};

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::{BuildOptions, Csr, Duplicates};
use crate::error::{Error, Result};
use crate::NodeId;

/// Frontiers smaller than this are drained sequentially.
const SEQ_FRONTIER: usize = 2048;

/// Nodes per parallel block of the per-level scans.
const SCAN_BLOCK: usize = 4096;

/// Graphs with fewer arcs than this use the sequential bucket algorithm.
const SEQ_ARCS: usize = 1 << 17;

/// Batagelj and Zaversnik's O(m) bucket algorithm, sequential (networkx's algorithm on CSR):
/// nodes sorted by degree in bins; the node of least degree is removed and every neighbour of
/// larger degree moves down one bin (a swap with the first node of its bin).
fn bucket_peel(g: &Csr, cancel: &Cancel) -> Result<Vec<u32>> {
    let n = g.num_nodes();
    let out = g.out_adj();
    let inc = g.in_adj();
    let directed = g.is_directed();
    let mut deg: Vec<u32> = (0..n)
        .map(|u| (out.degree(u) + if directed { inc.degree(u) } else { 0 }) as u32)
        .collect();
    let md = deg.iter().copied().max().unwrap_or(0) as usize;
    let mut bin = vec![0u32; md + 2];
    for &d in &deg {
        bin[d as usize + 1] += 1;
    }
    for d in 1..bin.len() {
        bin[d] += bin[d - 1];
    }
    // bin[d] = first position of degree d.
    let mut pos = vec![0u32; n];
    let mut vert = vec![0 as NodeId; n];
    {
        let mut next = bin.clone();
        for v in 0..n {
            let d = deg[v] as usize;
            pos[v] = next[d];
            vert[next[d] as usize] = v as NodeId;
            next[d] += 1;
        }
    }
    for i in 0..n {
        if i % (1 << 14) == 0 {
            cancel.check()?;
        }
        let v = vert[i] as usize;
        let dv = deg[v];
        let mut visit = |u: NodeId| {
            let u = u as usize;
            let du = deg[u];
            if du > dv {
                let pu = pos[u] as usize;
                let pw = bin[du as usize] as usize;
                let w = vert[pw] as usize;
                if u != w {
                    vert[pu] = w as NodeId;
                    pos[w] = pu as u32;
                    vert[pw] = u as NodeId;
                    pos[u] = pw as u32;
                }
                bin[du as usize] += 1;
                deg[u] = du - 1;
            }
        };
        for &u in out.neighbors(v) {
            visit(u);
        }
        if directed {
            for &u in inc.neighbors(v) {
                visit(u);
            }
        }
    }
    Ok(deg)
}

/// Core number of every node (networkx `core_number`).
///
/// # Arguments
/// * `g` – an undirected or directed graph without self-loops.
/// * `cancel` – polled once per peeling round.
///
/// # Errors
/// [`Error::InvalidGraph`] if the graph has self-loops (networkx raises
/// `NetworkXNotImplemented`); [`Error::Interrupted`].
///
/// # Complexity
/// O(m) decrements plus one scan of the unpeeled nodes per non-empty level: O(m + n k_max)
/// work in the worst case, with `k_max` the degeneracy; O(n) extra memory.
///
/// # References
/// V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores decomposition of networks",
/// arXiv:cs/0310049, 2003. H. Kabir and K. Madduri, "Parallel k-core decomposition on multicore
/// platforms", IPDPSW 2017.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::core_number, BuildOptions, Cancel, Csr};
/// // A triangle 0-1-2 with a pendant 3 on node 2.
/// let g = Csr::from_edges(&[0u32, 1, 2, 2], &[1u32, 2, 0, 3], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// assert_eq!(core_number(&g, &Cancel::new()).unwrap(), vec![2, 2, 2, 1]);
/// ```
pub fn core_number(g: &Csr, cancel: &Cancel) -> Result<Vec<u32>> {
    if g.num_self_loops() > 0 {
        return Err(Error::graph(format!(
            "core_number is not defined for graphs with self-loops (this graph has {}; networkx \
             raises NetworkXNotImplemented); build the graph with self_loops=False",
            g.num_self_loops()
        )));
    }
    if rayon::current_num_threads() == 1 || g.num_arcs() < SEQ_ARCS {
        bucket_peel(g, cancel)
    } else {
        parallel_peel(g, cancel)
    }
}

/// Level-synchronous parallel peeling (see the module documentation).
fn parallel_peel(g: &Csr, cancel: &Cancel) -> Result<Vec<u32>> {
    let n = g.num_nodes();
    let out = g.out_adj();
    let inc = g.in_adj();
    let directed = g.is_directed();
    let deg: Vec<AtomicU32> = (0..n)
        .into_par_iter()
        .with_min_len(SCAN_BLOCK)
        .map(|u| {
            let d = out.degree(u) + if directed { inc.degree(u) } else { 0 };
            AtomicU32::new(d as u32)
        })
        .collect();
    cancel.check()?;

    // Peel `u` at level k: decrement neighbours above k; report those that fall to k.
    let peel = |u: usize, k: u32, emit: &mut dyn FnMut(NodeId)| {
        let mut visit = |v: NodeId| {
            let dv = &deg[v as usize];
            if dv.load(Ordering::Relaxed) > k {
                let before = dv.fetch_sub(1, Ordering::Relaxed);
                if before == k + 1 {
                    emit(v);
                } else if before <= k {
                    // Lost a race with another decrement at this level: undo.
                    dv.fetch_add(1, Ordering::Relaxed);
                }
            }
        };
        for &v in out.neighbors(u) {
            visit(v);
        }
        if directed {
            for &v in inc.neighbors(u) {
                visit(v);
            }
        }
    };

    let mut remaining: Vec<NodeId> = (0..n as NodeId).collect();
    let mut k = 0u32;
    while !remaining.is_empty() {
        cancel.check()?;
        // Next non-empty level: the minimum degree among the unpeeled nodes.
        k = remaining
            .par_iter()
            .with_min_len(SCAN_BLOCK)
            .map(|&u| deg[u as usize].load(Ordering::Relaxed))
            .min()
            .unwrap_or(k)
            .max(k);
        let mut frontier: Vec<NodeId> = remaining
            .par_iter()
            .with_min_len(SCAN_BLOCK)
            .filter(|&&u| deg[u as usize].load(Ordering::Relaxed) == k)
            .copied()
            .collect();
        while !frontier.is_empty() {
            cancel.check()?;
            if frontier.len() < SEQ_FRONTIER {
                // Drain the rest of this level on one thread.
                let mut stack = std::mem::take(&mut frontier);
                let mut done = 0usize;
                while let Some(u) = stack.pop() {
                    peel(u as usize, k, &mut |v| stack.push(v));
                    done += 1;
                    if done % (1 << 16) == 0 {
                        cancel.check()?;
                    }
                }
            } else {
                frontier = frontier
                    .par_iter()
                    .fold(Vec::new, |mut acc, &u| {
                        peel(u as usize, k, &mut |v| acc.push(v));
                        acc
                    })
                    .reduce(Vec::new, |mut a, mut b| {
                        if a.len() < b.len() {
                            std::mem::swap(&mut a, &mut b);
                        }
                        a.extend_from_slice(&b);
                        a
                    });
            }
        }
        remaining = remaining
            .par_iter()
            .with_min_len(SCAN_BLOCK)
            .filter(|&&u| deg[u as usize].load(Ordering::Relaxed) > k)
            .copied()
            .collect();
        k += 1;
    }
    Ok(deg.into_iter().map(AtomicU32::into_inner).collect())
}

/// The subgraph induced by the nodes with `keep[u]`, node order preserved: node `i` of the
/// result is the `i`-th kept node. Returns the subgraph and the kept ids (ascending).
///
/// Directedness, weights and self-loops between kept nodes are kept, as networkx's
/// `G.subgraph(nodes).copy()` does.
///
/// # Errors
/// [`Error::LengthMismatch`] if `keep` does not have one entry per node; [`Error::Interrupted`].
///
/// # Complexity
/// O(n + m) work (plus the parallel builder's per-row sorts), O(n + m) memory.
///
/// # Example
/// ```
/// use impactgraph_core::{centrality::induced_subgraph, BuildOptions, Cancel, Csr};
/// let g = Csr::from_edges(&[0u32, 1, 2], &[1u32, 2, 3], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let (h, ids) = induced_subgraph(&g, &[false, true, true, true], &Cancel::new()).unwrap();
/// assert_eq!(ids, vec![1, 2, 3]);
/// assert_eq!(h.num_edges(), 2);
/// assert_eq!(h.out_neighbors(1), &[0, 2]);
/// ```
pub fn induced_subgraph(g: &Csr, keep: &[bool], cancel: &Cancel) -> Result<(Csr, Vec<NodeId>)> {
    let n = g.num_nodes();
    Error::check_same_len("keep", keep.len(), "nodes", n)?;
    let ids: Vec<NodeId> = (0..n as NodeId).filter(|&u| keep[u as usize]).collect();
    let mut new_id = vec![u32::MAX; n];
    for (i, &u) in ids.iter().enumerate() {
        new_id[u as usize] = i as NodeId;
    }
    cancel.check()?;
    let out = g.out_adj();
    let directed = g.is_directed();
    let weighted = g.is_weighted();
    // Each undirected edge once (u <= v), each arc of a directed graph once.
    let edges: Vec<(NodeId, NodeId, f64)> = ids
        .par_iter()
        .flat_map_iter(|&u| {
            let r = out.range(u as usize);
            let w = out.weights.as_deref();
            let new_id = &new_id;
            r.filter_map(move |j| {
                let v = out.indices[j];
                let keep_arc = new_id[v as usize] != u32::MAX && (directed || v >= u);
                keep_arc.then(|| {
                    (
                        new_id[u as usize],
                        new_id[v as usize],
                        w.map_or(1.0, |w| w[j]),
                    )
                })
            })
        })
        .collect();
    cancel.check()?;
    let src: Vec<NodeId> = edges.iter().map(|e| e.0).collect();
    let dst: Vec<NodeId> = edges.iter().map(|e| e.1).collect();
    let wts: Option<Vec<f64>> = weighted.then(|| edges.iter().map(|e| e.2).collect());
    drop(edges);
    let opts = BuildOptions {
        directed,
        num_nodes: Some(ids.len() as u64),
        duplicates: Duplicates::First,
        self_loops: true,
        // Rounding f32 weights widened to f64 back to f32 is exact.
        weight_dtype: g.weight_dtype().unwrap_or_default(),
    };
    let h = Csr::from_edges(&src, &dst, wts.as_deref(), &opts, cancel)?;
    Ok((h, ids))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph, rmat};

    /// networkx's `core_number` transcribed (Batagelj-Zaversnik with bins), sequential.
    fn oracle(g: &Csr) -> Vec<u32> {
        let n = g.num_nodes();
        let mut nbrs: Vec<Vec<usize>> = (0..n)
            .map(|u| {
                let mut v: Vec<usize> = g.out_neighbors(u).iter().map(|&x| x as usize).collect();
                if g.is_directed() {
                    v.extend(g.in_neighbors(u).iter().map(|&x| x as usize));
                }
                v
            })
            .collect();
        let mut core: Vec<usize> = nbrs.iter().map(Vec::len).collect();
        let mut nodes: Vec<usize> = (0..n).collect();
        nodes.sort_by_key(|&v| core[v]);
        let mut bins = vec![0usize];
        let mut cur = 0;
        for (i, &v) in nodes.iter().enumerate() {
            if core[v] > cur {
                bins.extend(std::iter::repeat_n(i, core[v] - cur));
                cur = core[v];
            }
        }
        let mut pos = vec![0; n];
        for (i, &v) in nodes.iter().enumerate() {
            pos[v] = i;
        }
        for i in 0..n {
            let v = nodes[i];
            for u in nbrs[v].clone() {
                if core[u] > core[v] {
                    let p = nbrs[u].iter().position(|&x| x == v).unwrap();
                    nbrs[u].remove(p);
                    let pu = pos[u];
                    let bs = bins[core[u]];
                    pos[u] = bs;
                    pos[nodes[bs]] = pu;
                    nodes.swap(bs, pu);
                    bins[core[u]] += 1;
                    core[u] -= 1;
                }
            }
        }
        core.into_iter().map(|c| c as u32).collect()
    }

    fn run(g: &Csr) -> Vec<u32> {
        core_number(g, &Cancel::new()).unwrap()
    }

    //      0           A 2-core (the square 0-1-2-3 with chord 1-3 is in fact a 2-core
    //     / \          whose nodes 1, 3 have degree 3) with a tail 3-4-5 and an isolate 6.
    //    1---3---4---5
    //     \ /
    //      2           6
    #[test]
    fn two_core_with_tail() {
        let g = build(
            &[0, 0, 1, 1, 2, 3, 4],
            &[1, 3, 3, 2, 3, 4, 5],
            None,
            false,
            Some(7),
        );
        assert_eq!(run(&g), vec![2, 2, 2, 2, 1, 1, 0]);
    }

    //  K4 (0..3) plus pendant 4 on 0: K4 is a 3-core.
    #[test]
    fn k4_with_pendant() {
        let g = build(
            &[0, 0, 0, 1, 1, 2, 0],
            &[1, 2, 3, 2, 3, 3, 4],
            None,
            false,
            None,
        );
        assert_eq!(run(&g), vec![3, 3, 3, 3, 1]);
    }

    //  Directed: 1 <-> 2 -> 3 <-> 4, 2 -> 4 (networkx's docstring example, relabelled 0..3).
    #[test]
    fn directed_counts_in_plus_out() {
        let g = build(&[0, 1, 1, 1, 2, 3], &[1, 0, 2, 3, 3, 2], None, true, None);
        assert_eq!(run(&g), vec![2, 2, 2, 2]);
    }

    #[test]
    fn self_loops_rejected() {
        let g = build(&[0, 1], &[1, 1], None, false, None);
        let e = core_number(&g, &Cancel::new()).unwrap_err();
        assert!(e.to_string().contains("self_loops=False"), "{e}");
    }

    #[test]
    fn random_graphs_match_oracle() {
        for seed in 0..20u64 {
            let directed = seed % 2 == 1;
            let n = 10 + 13 * seed as u32;
            let g0 = random_graph(
                n,
                n as usize * (1 + seed as usize % 5),
                directed,
                false,
                seed,
            );
            // Drop self-loops.
            let keep_src: Vec<u32>;
            let keep_dst: Vec<u32>;
            {
                let mut s = Vec::new();
                let mut d = Vec::new();
                for u in 0..g0.num_nodes() {
                    for &v in g0.out_neighbors(u) {
                        if v as usize != u && (directed || v as usize > u) {
                            s.push(u as u32);
                            d.push(v);
                        }
                    }
                }
                keep_src = s;
                keep_dst = d;
            }
            let g = build(&keep_src, &keep_dst, None, directed, Some(n as u64));
            assert_eq!(run(&g), oracle(&g), "seed {seed}");
        }
    }

    #[test]
    fn large_rmat_same_on_one_and_four_threads() {
        let g = rmat(13, 120_000, false, 5);
        let g = induced_subgraph(&g, &vec![true; g.num_nodes()], &Cancel::new())
            .unwrap()
            .0;
        let loops_free = {
            let mut s = Vec::new();
            let mut d = Vec::new();
            for u in 0..g.num_nodes() {
                for &v in g.out_neighbors(u) {
                    if v as usize > u {
                        s.push(u as u32);
                        d.push(v);
                    }
                }
            }
            build(&s, &d, None, false, Some(g.num_nodes() as u64))
        };
        let a = in_pool(1, || run(&loops_free));
        let b = in_pool(4, || run(&loops_free));
        assert_eq!(a, b);
        assert_eq!(a, bucket_peel(&loops_free, &Cancel::new()).unwrap());
        assert_eq!(
            a,
            in_pool(2, || parallel_peel(&loops_free, &Cancel::new()).unwrap())
        );
        assert_eq!(a, oracle(&loops_free));
    }

    #[test]
    fn induced_keeps_weights_loops_and_direction() {
        //  0 -> 1 (w 2), 1 -> 2 (w 3), 2 -> 2 (w 4), 2 -> 0 (w 5); keep {0, 2}
        let g = build(
            &[0, 1, 2, 2],
            &[1, 2, 2, 0],
            Some(&[2.0, 3.0, 4.0, 5.0]),
            true,
            None,
        );
        let (h, ids) = induced_subgraph(&g, &[true, false, true], &Cancel::new()).unwrap();
        assert_eq!(ids, vec![0, 2]);
        assert!(h.is_directed());
        assert_eq!(h.num_edges(), 2);
        assert_eq!(h.num_self_loops(), 1);
        assert_eq!(h.out_neighbors(1), &[0, 1]);
        assert_eq!(h.out_adj().weights_of(1).unwrap(), &[5.0, 4.0]);
        let e = induced_subgraph(&g, &[true], &Cancel::new()).unwrap_err();
        assert!(matches!(e, Error::LengthMismatch { .. }));
        let (empty, ids) = induced_subgraph(&g, &[false; 3], &Cancel::new()).unwrap();
        assert_eq!((empty.num_nodes(), ids.len()), (0, 0));
    }

    #[test]
    fn cancelled() {
        let g = build(&[0], &[1], None, false, None);
        let c = Cancel::new();
        c.cancel();
        assert_eq!(core_number(&g, &c), Err(Error::Interrupted));
    }

    /// `cargo test -p impactgraph-core --release -- --ignored --nocapture bench_core_number`.
    #[test]
    #[ignore]
    fn bench_core_number_1m_edges() {
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
            for _ in 0..5 {
                f();
            }
            t.elapsed().as_secs_f64() / 5.0
        };
        let c = Cancel::new();
        let buckets = time(&|| {
            bucket_peel(&g, &c).unwrap();
        });
        let par = time(&|| {
            parallel_peel(&g, &c).unwrap();
        });
        println!(
            "rmat16 m={} threads={} core_number buckets {buckets:.4}s parallel peel {par:.4}s",
            g.num_edges(),
            rayon::current_num_threads()
        );
    }
}
