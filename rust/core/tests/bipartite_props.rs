//! Properties of the one-mode projection: the same bits on 1 and 4 threads (with enough rows
//! for several parallel tasks), counts equal to the dense product `A·A` (an oracle independent
//! of the kernel's sparse accumulation), symmetric weights on undirected graphs (bit for bit,
//! Newman's sums included), `once` reporting exactly one end of each symmetric tie, and the
//! shared-neighbour paths adding up to the counts.

#![allow(clippy::needless_range_loop)]

use std::collections::HashMap;

use impactgraph_core::bipartite::{
    project, shared_neighbors, Projection, ProjectionParams, Weighting,
};
use impactgraph_core::{BuildOptions, Cancel, Csr, NodeId};
use proptest::prelude::*;

const KINDS: [Weighting; 5] = [
    Weighting::Count,
    Weighting::Ratio,
    Weighting::Newman,
    Weighting::Jaccard,
    Weighting::Overlap,
];

fn on_threads<T: Send>(k: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(k)
        .build()
        .unwrap()
        .install(f)
}

fn build(n: u32, edges: &[(u32, u32)], directed: bool) -> Csr {
    let src: Vec<u32> = edges.iter().map(|e| e.0).collect();
    let dst: Vec<u32> = edges.iter().map(|e| e.1).collect();
    let opts = BuildOptions {
        directed,
        num_nodes: Some(u64::from(n)),
        ..BuildOptions::default()
    };
    Csr::from_edges(&src, &dst, None, &opts, &Cancel::new()).unwrap()
}

/// (n, edges, rows: a subset of the nodes in a random order, directed)
fn case(
    max_n: u32,
    max_m: usize,
) -> impl Strategy<Value = (u32, Vec<(u32, u32)>, Vec<NodeId>, bool)> {
    (2u32..max_n).prop_flat_map(move |n| {
        let edges = prop::collection::vec((0..n, 0..n), 0..max_m);
        let rows = Just((0..n).collect::<Vec<u32>>())
            .prop_shuffle()
            .prop_flat_map(move |v| {
                let k = v.len();
                (Just(v), 1..k).prop_map(|(v, k)| v[..k].to_vec())
            });
        (Just(n), edges, rows, any::<bool>())
    })
}

fn ties(p: &Projection, rows: &[NodeId]) -> HashMap<(NodeId, NodeId), f64> {
    let mut out = HashMap::new();
    for (i, &u) in rows.iter().enumerate() {
        for k in p.indptr[i] as usize..p.indptr[i + 1] as usize {
            out.insert((u, p.targets[k]), p.weights[k]);
        }
    }
    out
}

fn params(weighting: Weighting, within: bool, once: bool) -> ProjectionParams {
    ProjectionParams {
        weighting,
        min_weight: None,
        within,
        once,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn counts_are_the_dense_product((n, edges, rows, directed) in case(40, 160)) {
        let g = build(n, &edges, directed);
        let nn = n as usize;
        let mut a = vec![vec![0u32; nn]; nn];
        for u in 0..nn {
            for &v in g.out_neighbors(u) {
                a[u][v as usize] = 1;
            }
        }
        let p = project(&g, &rows, &params(Weighting::Count, false, false), &Cancel::new()).unwrap();
        let got = ties(&p, &rows);
        for &u in &rows {
            let u = u as usize;
            for v in 0..nn {
                let c: u32 = (0..nn).map(|w| a[u][w] * a[w][v]).sum();
                let want = if v != u && c > 0 { Some(f64::from(c)) } else { None };
                prop_assert_eq!(got.get(&(u as u32, v as u32)).copied(), want);
            }
        }
    }

    #[test]
    fn undirected_weights_are_symmetric_and_once_keeps_one_end((n, edges, rows, _d) in case(40, 160)) {
        let g = build(n, &edges, false);
        let pos: HashMap<NodeId, usize> = rows.iter().enumerate().map(|(i, &u)| (u, i)).collect();
        for kind in KINDS {
            let all = ties(&project(&g, &rows, &params(kind, true, false), &Cancel::new()).unwrap(), &rows);
            for (&(u, v), &w) in &all {
                prop_assert_eq!(all[&(v, u)].to_bits(), w.to_bits());
            }
            let once = ties(&project(&g, &rows, &params(kind, true, true), &Cancel::new()).unwrap(), &rows);
            prop_assert_eq!(once.len() * 2, all.len());
            for (&(u, v), &w) in &once {
                prop_assert!(pos[&u] < pos[&v]);
                prop_assert_eq!(all[&(u, v)].to_bits(), w.to_bits());
            }
        }
    }

    #[test]
    fn shared_neighbors_add_up_to_counts((n, edges, rows, directed) in case(30, 120), within: bool, once: bool) {
        let g = build(n, &edges, directed);
        let c = Cancel::new();
        let counts = ties(&project(&g, &rows, &params(Weighting::Count, within, once), &c).unwrap(), &rows);
        let s = shared_neighbors(&g, &rows, within, once, &c).unwrap();
        let mut paths: HashMap<(NodeId, NodeId), f64> = HashMap::new();
        for (i, &u) in rows.iter().enumerate() {
            for k in s.indptr[i] as usize..s.indptr[i + 1] as usize {
                let (v, w) = (s.targets[k], s.via[k]);
                prop_assert!(g.out_neighbors(u as usize).contains(&w));
                prop_assert!(g.out_neighbors(w as usize).contains(&v));
                *paths.entry((u, v)).or_default() += 1.0;
            }
        }
        prop_assert_eq!(paths, counts);
    }

    #[test]
    fn same_bits_on_1_and_4_threads(
        (n, edges, rows, directed) in case(1500, 6000),
        within: bool,
        min_weight in prop::option::of(0.0f64..2.0),
    ) {
        let g = build(n, &edges, directed);
        for kind in KINDS {
            let p = ProjectionParams { weighting: kind, min_weight, within, once: !directed };
            if kind == Weighting::Ratio && rows.len() == n as usize {
                continue;
            }
            let a = on_threads(1, || project(&g, &rows, &p, &Cancel::new()).unwrap());
            let b = on_threads(4, || project(&g, &rows, &p, &Cancel::new()).unwrap());
            prop_assert_eq!(&a.indptr, &b.indptr);
            prop_assert_eq!(&a.targets, &b.targets);
            let bits = |x: &Projection| x.weights.iter().map(|w| w.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!(bits(&a), bits(&b));
        }
        let a = on_threads(1, || shared_neighbors(&g, &rows, within, false, &Cancel::new()).unwrap());
        let b = on_threads(4, || shared_neighbors(&g, &rows, within, false, &Cancel::new()).unwrap());
        prop_assert_eq!(a, b);
    }
}
