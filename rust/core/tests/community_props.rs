//! Properties of Louvain and Leiden: the same seed gives the same bits on 1 and 4 threads
//! (on graphs large enough for the parallel batches), Leiden's communities are connected,
//! the reported modularity is the modularity of the partition (checked against a direct
//! O(n^2) formula), Louvain's levels coarsen each other with increasing modularity, and on
//! tiny graphs the best of a few seeds reaches the optimum found by brute force.

#![allow(clippy::needless_range_loop)]

use impactgraph_core::community::{leiden, louvain, Hierarchy, LeidenParams, LouvainParams};
use impactgraph_core::generators::{rmat, sbm};
use impactgraph_core::{BuildOptions, Cancel, Csr};
use proptest::prelude::*;

fn on_threads<T: Send>(k: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(k)
        .build()
        .unwrap()
        .install(f)
}

/// (n, edges with weights)
fn multigraph() -> impl Strategy<Value = (u32, Vec<(u32, u32, f64)>)> {
    (1u32..40).prop_flat_map(|n| {
        let e = (0..n, 0..n, 0.5f64..4.0);
        (Just(n), prop::collection::vec(e, 0..150))
    })
}

fn build(n: u32, edges: &[(u32, u32, f64)], directed: bool) -> Csr {
    let src: Vec<u32> = edges.iter().map(|e| e.0).collect();
    let dst: Vec<u32> = edges.iter().map(|e| e.1).collect();
    let w: Vec<f64> = edges.iter().map(|e| e.2).collect();
    let opts = BuildOptions {
        directed,
        num_nodes: Some(n as u64),
        ..BuildOptions::default()
    };
    Csr::from_edges(&src, &dst, Some(&w), &opts, &Cancel::new()).unwrap()
}

/// Dense weight matrix `A[u][v]` as networkx's `to_numpy_array` (undirected: symmetric with
/// the self-loop weight once on the diagonal).
fn dense(g: &Csr) -> Vec<Vec<f64>> {
    let n = g.num_nodes();
    let mut a = vec![vec![0.0; n]; n];
    let out = g.out_adj();
    for u in 0..n {
        for e in out.range(u) {
            let v = out.indices[e] as usize;
            a[u][v] += out.weights.as_ref().map_or(1.0, |w| w[e]);
        }
    }
    a
}

/// networkx's `modularity` straight from its definition (O(n^2)).
fn modularity_direct(g: &Csr, c: &[u32], gamma: f64) -> f64 {
    let a = dense(g);
    let n = g.num_nodes();
    if g.is_directed() {
        let m: f64 = a.iter().flatten().sum();
        let kout: Vec<f64> = (0..n).map(|u| a[u].iter().sum()).collect();
        let kin: Vec<f64> = (0..n).map(|v| (0..n).map(|u| a[u][v]).sum()).collect();
        let mut q = 0.0;
        for u in 0..n {
            for v in 0..n {
                if c[u] == c[v] {
                    q += a[u][v] - gamma * kout[u] * kin[v] / m;
                }
            }
        }
        q / m
    } else {
        // Degrees count a self-loop twice; the edge weight sum counts it once.
        let k: Vec<f64> = (0..n).map(|u| a[u].iter().sum::<f64>() + a[u][u]).collect();
        let two_m: f64 = k.iter().sum();
        let mut q = 0.0;
        for u in 0..n {
            for v in 0..n {
                if c[u] == c[v] {
                    let auv = if u == v { 2.0 * a[u][u] } else { a[u][v] };
                    q += auv - gamma * k[u] * k[v] / two_m;
                }
            }
        }
        q / two_m
    }
}

/// Whether every community of `c` induces a connected subgraph (arcs in either direction).
fn communities_connected(g: &Csr, c: &[u32]) -> bool {
    let n = g.num_nodes();
    let k = c.iter().map(|&x| x as usize + 1).max().unwrap_or(0);
    let mut seen_comm = vec![false; k];
    let mut seen = vec![false; n];
    for s in 0..n {
        if seen[s] {
            continue;
        }
        if seen_comm[c[s] as usize] {
            return false; // a second component of the same community
        }
        seen_comm[c[s] as usize] = true;
        seen[s] = true;
        let mut stack = vec![s];
        while let Some(u) = stack.pop() {
            for &v in g.out_neighbors(u).iter().chain(g.in_neighbors(u)) {
                let v = v as usize;
                if !seen[v] && c[v] == c[u] {
                    seen[v] = true;
                    stack.push(v);
                }
            }
        }
    }
    true
}

fn check_hierarchy(g: &Csr, h: &Hierarchy, gamma: f64) -> Result<(), TestCaseError> {
    prop_assert!(!h.levels.is_empty());
    prop_assert_eq!(h.levels.len(), h.modularity.len());
    for (l, &q) in h.levels.iter().zip(&h.modularity) {
        prop_assert_eq!(l.len(), g.num_nodes());
        let direct = modularity_direct(g, l, gamma);
        if q.is_nan() {
            prop_assert!(direct.is_nan());
        } else {
            prop_assert!(
                (q - direct).abs() < 1e-9,
                "reported {} direct {}",
                q,
                direct
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn louvain_levels((n, edges) in multigraph(), directed in any::<bool>(), seed in 0u64..1000, gamma in 0.0f64..2.0) {
        let g = build(n, &edges, directed);
        let p = LouvainParams { seed, resolution: gamma, ..Default::default() };
        let h = louvain(&g, &p, &Cancel::new()).unwrap();
        check_hierarchy(&g, &h, gamma)?;
        // Each level coarsens the previous one, and modularity increases along the levels.
        for w in h.levels.windows(2) {
            let mut map = vec![u32::MAX; n as usize];
            for (a, b) in w[0].iter().zip(&w[1]) {
                let slot = &mut map[*a as usize];
                prop_assert!(*slot == u32::MAX || *slot == *b);
                *slot = *b;
            }
        }
        for w in h.modularity.windows(2) {
            prop_assert!(w[1] >= w[0] - 1e-12);
        }
        // Same seed on 1 and 4 threads: same levels.
        let h4 = on_threads(4, || louvain(&g, &p, &Cancel::new()).unwrap());
        prop_assert_eq!(&h.levels, &h4.levels);
    }

    #[test]
    fn leiden_connected((n, edges) in multigraph(), directed in any::<bool>(), seed in 0u64..1000, gamma in 0.0f64..2.0) {
        let g = build(n, &edges, directed);
        let p = LeidenParams { seed, resolution: gamma, ..Default::default() };
        let h = leiden(&g, &p, &Cancel::new()).unwrap();
        check_hierarchy(&g, &h, gamma)?;
        let last = h.levels.last().unwrap();
        prop_assert!(communities_connected(&g, last));
        let h4 = on_threads(4, || leiden(&g, &p, &Cancel::new()).unwrap());
        prop_assert_eq!(&h.levels, &h4.levels);
    }
}

/// All partitions of `0..n` as restricted growth strings.
fn all_partitions(n: usize, f: &mut impl FnMut(&[u32])) {
    fn rec(c: &mut Vec<u32>, n: usize, max: u32, f: &mut impl FnMut(&[u32])) {
        if c.len() == n {
            f(c);
            return;
        }
        for x in 0..=max + 1 {
            c.push(x);
            rec(c, n, max.max(x), f);
            c.pop();
        }
    }
    if n == 0 {
        return;
    }
    let mut c = vec![0u32];
    rec(&mut c, n, 0, f);
}

#[test]
fn leiden_reaches_brute_force_optimum_on_tiny_graphs() {
    for gseed in 0..12u64 {
        let directed = gseed % 3 == 2;
        let (g, _) = sbm(
            &[3, 3, 3],
            &[0.9, 0.15, 0.15, 0.15, 0.9, 0.15, 0.15, 0.15, 0.9],
            directed,
            false,
            gseed,
            &Cancel::new(),
        )
        .unwrap();
        if g.num_edges() == 0 {
            continue;
        }
        let mut best = f64::NEG_INFINITY;
        all_partitions(g.num_nodes(), &mut |c| {
            best = best.max(modularity_direct(&g, c, 1.0))
        });
        let ours = (0..10)
            .map(|seed| {
                let p = LeidenParams {
                    seed,
                    ..Default::default()
                };
                *leiden(&g, &p, &Cancel::new())
                    .unwrap()
                    .modularity
                    .last()
                    .unwrap()
            })
            .fold(f64::NEG_INFINITY, f64::max);
        assert!(
            ours >= best - 1e-9,
            "graph {gseed}: ours {ours} optimum {best}"
        );
    }
}

/// Large enough for the parallel batches (n >= 4096): 1 and 4 threads give the same bits.
#[test]
fn same_bits_on_1_and_4_threads_at_scale() {
    let cancel = Cancel::new();
    for directed in [false, true] {
        let g = rmat(13, 8, 0.57, 0.19, 0.19, 5, directed, &cancel).unwrap();
        for seed in [1u64, 2] {
            let lp = LouvainParams {
                seed,
                ..Default::default()
            };
            let a = on_threads(1, || louvain(&g, &lp, &cancel).unwrap());
            let b = on_threads(4, || louvain(&g, &lp, &cancel).unwrap());
            assert_eq!(a.levels, b.levels);
            assert_eq!(
                a.modularity.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                b.modularity.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
            );
            let ep = LeidenParams {
                seed,
                n_iterations: 2,
                ..Default::default()
            };
            let a = on_threads(1, || leiden(&g, &ep, &cancel).unwrap());
            let b = on_threads(4, || leiden(&g, &ep, &cancel).unwrap());
            assert_eq!(a.levels, b.levels);
            assert!(communities_connected(&g, a.levels.last().unwrap()));
        }
    }
}

#[test]
fn cancelled_token_interrupts() {
    let cancel = Cancel::new();
    let g = rmat(12, 8, 0.57, 0.19, 0.19, 5, false, &cancel).unwrap();
    cancel.cancel();
    assert!(matches!(
        louvain(&g, &LouvainParams::default(), &cancel),
        Err(impactgraph_core::Error::Interrupted)
    ));
    assert!(matches!(
        leiden(&g, &LeidenParams::default(), &cancel),
        Err(impactgraph_core::Error::Interrupted)
    ));
}
