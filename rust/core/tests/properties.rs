//! Property tests on random multigraphs: CSR invariants, and sequential == parallel (bit for
//! bit) for the builder, the components and PageRank.

use impactgraph_core::centrality::{pagerank, PageRankParams};
use impactgraph_core::structure::{connected_components, strongly_connected_components};
use impactgraph_core::{BuildOptions, Cancel, Csr, Duplicates, WeightDtype};
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
    (1u32..60).prop_flat_map(|n| {
        let e = (0..n, 0..n, 0.5f64..4.0);
        (Just(n), prop::collection::vec(e, 0..400))
    })
}

fn build(n: u32, edges: &[(u32, u32, f64)], directed: bool, dup: Duplicates) -> Csr {
    let src: Vec<u32> = edges.iter().map(|e| e.0).collect();
    let dst: Vec<u32> = edges.iter().map(|e| e.1).collect();
    let w: Vec<f64> = edges.iter().map(|e| e.2).collect();
    let opts = BuildOptions {
        directed,
        num_nodes: Some(n as u64),
        duplicates: dup,
        self_loops: true,
        weight_dtype: WeightDtype::F64,
    };
    Csr::from_edges(&src, &dst, Some(&w), &opts, &Cancel::new()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// An f32 build is the f64 build (duplicates merged in f64) with each weight rounded once.
    #[test]
    fn f32_build_is_the_rounded_f64_build(
        (n, edges) in multigraph(),
        directed in any::<bool>(),
        first in any::<bool>(),
    ) {
        let dup = if first { Duplicates::First } else { Duplicates::Sum };
        let src: Vec<u32> = edges.iter().map(|e| e.0).collect();
        let dst: Vec<u32> = edges.iter().map(|e| e.1).collect();
        // Scale so that sums of duplicates are rarely exact in f32.
        let w: Vec<f64> = edges.iter().map(|e| e.2 / 3.0).collect();
        let opts = |weight_dtype| BuildOptions {
            directed,
            num_nodes: Some(n as u64),
            duplicates: dup,
            weight_dtype,
            ..BuildOptions::default()
        };
        let c = Cancel::new();
        let g64 = Csr::from_edges(&src, &dst, Some(&w), &opts(WeightDtype::F64), &c).unwrap();
        let g32 = Csr::from_edges(&src, &dst, Some(&w), &opts(WeightDtype::F32), &c).unwrap();
        prop_assert_eq!(g32.weight_dtype(), Some(WeightDtype::F32));
        for (a, b) in [(g32.out_adj(), g64.out_adj()), (g32.in_adj(), g64.in_adj())] {
            prop_assert_eq!(&a.indptr, &b.indptr);
            prop_assert_eq!(&a.indices, &b.indices);
            let rounded: Vec<f32> = b.weights.as_ref().unwrap().iter().map(|&x| x as f32).collect();
            prop_assert_eq!(a.weights.as_ref().unwrap().as_f32().unwrap(), &rounded[..]);
        }
        prop_assert_eq!(g32.nbytes() + 4 * g32.num_arcs() * if directed { 2 } else { 1 }, g64.nbytes());
    }

    #[test]
    fn csr_invariants((n, edges) in multigraph(), directed in any::<bool>()) {
        let g = build(n, &edges, directed, Duplicates::Sum);
        let out = g.out_adj();
        // Rows strictly increasing (sorted, no duplicates).
        for u in 0..n as usize {
            prop_assert!(out.neighbors(u).windows(2).all(|p| p[0] < p[1]));
        }
        // Total weight is preserved by summing duplicates.
        let total_in: f64 = edges.iter().map(|e| if directed || e.0 == e.1 { e.2 } else { 2.0 * e.2 }).sum();
        let total_out: f64 = out.weights.as_ref().unwrap().iter().sum();
        prop_assert!((total_in - total_out).abs() < 1e-9 * total_in.max(1.0));
        // The in-adjacency is the transpose of the out-adjacency.
        let inn = g.in_adj();
        let mut arcs_out: Vec<(u32, u32)> = Vec::new();
        let mut arcs_in: Vec<(u32, u32)> = Vec::new();
        for u in 0..n as usize {
            arcs_out.extend(out.neighbors(u).iter().map(|&v| (u as u32, v)));
            arcs_in.extend(inn.neighbors(u).iter().map(|&v| (v, u as u32)));
        }
        arcs_out.sort_unstable();
        arcs_in.sort_unstable();
        prop_assert_eq!(arcs_out, arcs_in);
    }

    #[test]
    fn sequential_equals_parallel((n, edges) in multigraph(), directed in any::<bool>()) {
        let run = || {
            let g = build(n, &edges, directed, Duplicates::Sum);
            let cc = connected_components(&g, &Cancel::new()).unwrap();
            let scc = strongly_connected_components(&g, &Cancel::new()).unwrap();
            let params = PageRankParams { tol: 1e-12, max_iter: 10_000, ..Default::default() };
            let pr = pagerank(&g, &params, &Cancel::new()).unwrap();
            (g, cc, scc, pr.iter().map(|x| x.to_bits()).collect::<Vec<u64>>())
        };
        let one = on_threads(1, run);
        let four = on_threads(4, run);
        prop_assert_eq!(one, four);
    }
}

// ---- k-cores, triangles and clustering: sequential == parallel, bit for bit ----------------

mod cores_and_clustering {
    use super::{build, multigraph, on_threads};
    use impactgraph_core::centrality::{
        average_clustering, clustering, core_number, induced_subgraph, transitivity, triangles,
    };
    use impactgraph_core::{Cancel, Duplicates};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn sequential_equals_parallel((n, edges) in multigraph(), directed in any::<bool>()) {
            let loop_free: Vec<(u32, u32, f64)> = edges.iter().copied().filter(|e| e.0 != e.1).collect();
            let run = || {
                let g = build(n, &edges, directed, Duplicates::Sum);
                let g0 = build(n, &loop_free, directed, Duplicates::Sum);
                let c = Cancel::new();
                let core = core_number(&g0, &c).unwrap();
                let keep: Vec<bool> = core.iter().map(|&k| k >= 2).collect();
                let (sub, ids) = induced_subgraph(&g, &keep, &c).unwrap();
                let bits = |v: Vec<f64>| v.into_iter().map(f64::to_bits).collect::<Vec<u64>>();
                let cl = bits(clustering(&g, false, &c).unwrap());
                let clw = bits(clustering(&g, true, &c).unwrap());
                let avg = average_clustering(&g, true, true, &c).ok().map(f64::to_bits);
                let (tri, tr) = if directed {
                    (None, None)
                } else {
                    (Some(triangles(&g, &c).unwrap()), Some(transitivity(&g, &c).unwrap().to_bits()))
                };
                (core, sub, ids, cl, clw, avg, tri, tr)
            };
            let one = on_threads(1, run);
            let four = on_threads(4, run);
            prop_assert_eq!(one, four);
        }
    }
}

// ---- closeness and harmonic centrality: sequential == parallel, bit for bit ---------------

/// Larger node counts than `multigraph`, so the multi-source BFS kernel (n >= 128) runs too.
fn sparse_multigraph() -> impl Strategy<Value = (u32, Vec<(u32, u32, f64)>)> {
    (1u32..400).prop_flat_map(|n| {
        let e = (0..n, 0..n, 0.0f64..4.0);
        (Just(n), prop::collection::vec(e, 0..(2 * n as usize)))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn closeness_harmonic_sequential_equals_parallel(
        (n, edges) in sparse_multigraph(),
        directed in any::<bool>(),
        use_weights in any::<bool>(),
    ) {
        use impactgraph_core::centrality::{closeness_centrality, harmonic_centrality};
        let g = build(n, &edges, directed, Duplicates::Sum);
        let run = || {
            let c = Cancel::new();
            let a = closeness_centrality(&g, use_weights, true, &c).unwrap();
            let b = closeness_centrality(&g, use_weights, false, &c).unwrap();
            let h = harmonic_centrality(&g, use_weights, &c).unwrap();
            a.iter().chain(&b).chain(&h).map(|x| x.to_bits()).collect::<Vec<u64>>()
        };
        let one = on_threads(1, run);
        let four = on_threads(4, run);
        prop_assert_eq!(one, four);
    }
}

// --- betweenness: sequential == parallel, bit for bit (exact and sampled, node and edge) ---
proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn betweenness_sequential_equals_parallel(
        (n, edges) in multigraph(),
        directed in any::<bool>(),
        use_weights in any::<bool>(),
        endpoints in any::<bool>(),
        sampled in any::<bool>(),
        seed in any::<u64>(),
    ) {
        use impactgraph_core::centrality::{
            betweenness_centrality, edge_betweenness_centrality, BetweennessParams,
        };
        let g = build(n, &edges, directed, Duplicates::Sum);
        let p = BetweennessParams {
            k: sampled.then_some((n as usize).div_ceil(2)),
            normalized: true,
            endpoints,
            use_weights,
            seed,
            sources: None,
        };
        let run = || {
            let b = betweenness_centrality(&g, &p, &Cancel::new()).unwrap();
            let e = edge_betweenness_centrality(&g, &p, &Cancel::new()).unwrap();
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
            (bits(&b), e.0, e.1, bits(&e.2))
        };
        let one = on_threads(1, run);
        let four = on_threads(4, run);
        prop_assert_eq!(one, four);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Eigenvector, Katz, HITS, constraint and effective size: the same bits on 1 and 4 threads.
    #[test]
    fn spectral_sequential_equals_parallel((n, edges) in multigraph(), directed in any::<bool>()) {
        use impactgraph_core::centrality::{
            constraint, effective_size, eigenvector_centrality, hits, katz_centrality,
            EigenvectorParams, HitsParams, KatzParams,
        };
        let run = || {
            let g = build(n, &edges, directed, Duplicates::Sum);
            let c = Cancel::new();
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
            let e = eigenvector_centrality(&g, &EigenvectorParams { use_weights: true, max_iter: 50, ..Default::default() }, &c)
                .map(|v| bits(&v));
            let k = katz_centrality(&g, &KatzParams { alpha: 0.01, ..Default::default() }, &c).map(|v| bits(&v));
            let h = hits(&g, &HitsParams { max_iter: 50, ..Default::default() }, &c)
                .map(|(h, a)| (bits(&h), bits(&a)));
            let cs = bits(&constraint(&g, true, &c).unwrap());
            let es = bits(&effective_size(&g, true, &c).unwrap());
            (e, k, h, cs, es)
        };
        let one = on_threads(1, run);
        let four = on_threads(4, run);
        prop_assert_eq!(one, four);
    }
}
