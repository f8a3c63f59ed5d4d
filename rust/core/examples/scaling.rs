//! Strong scaling of the core kernels: the same R-MAT graph, each kernel timed on 1, 2, 4, ...
//! threads in a scoped rayon pool (best of `--reps` runs), printed as a markdown table.
//!
//! ```text
//! cargo run --release -p impactgraph-core --example scaling -- --scale 20 --threads 1,2,4,8,16
//! ```
//!
//! Results are also checked to be identical on every thread count (the house rule), so a
//! scaling run doubles as a determinism check on a many-core machine.

use std::time::Instant;

use impactgraph_core::centrality::{pagerank, PageRankParams};
use impactgraph_core::csr::{BuildOptions, Csr, Duplicates};
use impactgraph_core::generators::rmat_edges;
use impactgraph_core::structure::{connected_components, strongly_connected_components};
use impactgraph_core::Cancel;

struct Args {
    scale: u32,
    threads: Vec<usize>,
    reps: usize,
    only: Option<Vec<String>>,
}

fn parse_args() -> Args {
    let mut a = Args {
        scale: 18,
        threads: vec![1, 2],
        reps: 3,
        only: None,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < argv.len() {
        let v = argv.get(i + 1).cloned().unwrap_or_default();
        match argv[i].as_str() {
            "--scale" => a.scale = v.parse().expect("--scale N"),
            "--reps" => a.reps = v.parse().expect("--reps N"),
            "--threads" => {
                a.threads = v
                    .split(',')
                    .map(|t| t.parse().expect("--threads 1,2,4"))
                    .collect()
            }
            "--only" => a.only = Some(v.split(',').map(str::to_string).collect()),
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    a
}

/// A kernel: a name and a function returning a fingerprint of its result (compared across
/// thread counts).
type Kernel<'a> = (&'a str, Box<dyn Fn() -> Vec<u64> + Sync + 'a>);

fn bits(x: &[f64]) -> Vec<u64> {
    x.iter().map(|v| v.to_bits()).collect()
}

fn main() {
    let args = parse_args();
    let cancel = Cancel::new();
    let (src, dst) = rmat_edges(args.scale, 16, 0.57, 0.19, 0.19, 20261123, &cancel).unwrap();
    let opts = |directed| BuildOptions {
        directed,
        num_nodes: Some(1u64 << args.scale),
        duplicates: Duplicates::First,
        self_loops: false,
        ..BuildOptions::default()
    };
    let g = Csr::from_edges(&src, &dst, None, &opts(false), &cancel).unwrap();
    let dg = Csr::from_edges(&src, &dst, None, &opts(true), &cancel).unwrap();
    eprintln!(
        "R-MAT scale {}: {} nodes, {} edges ({} raw)",
        args.scale,
        g.num_nodes(),
        g.num_edges(),
        src.len()
    );

    // O(n m) kernels (exact betweenness, closeness) run on a graph 2^6 times smaller.
    let small_scale = args.scale.saturating_sub(6).max(8);
    let (ss, sd) = rmat_edges(small_scale, 16, 0.57, 0.19, 0.19, 20261123, &cancel).unwrap();
    let small_opts = BuildOptions {
        directed: false,
        num_nodes: Some(1u64 << small_scale),
        duplicates: Duplicates::First,
        self_loops: false,
        ..BuildOptions::default()
    };
    let small = Csr::from_edges(&ss, &sd, None, &small_opts, &cancel).unwrap();
    eprintln!(
        "small R-MAT scale {small_scale}: {} nodes, {} edges",
        small.num_nodes(),
        small.num_edges()
    );
    let mut kernels: Vec<Kernel> = vec![
        (
            "build (undirected)",
            Box::new(|| {
                let h = Csr::from_edges(&src, &dst, None, &opts(false), &cancel).unwrap();
                h.out_adj()
                    .indices
                    .iter()
                    .map(|&v| v as u64)
                    .take(1000)
                    .collect()
            }),
        ),
        (
            "connected components",
            Box::new(|| {
                connected_components(&g, &cancel)
                    .unwrap()
                    .iter()
                    .map(|&v| v as u64)
                    .collect()
            }),
        ),
        (
            "strongly connected components",
            Box::new(|| {
                strongly_connected_components(&dg, &cancel)
                    .unwrap()
                    .iter()
                    .map(|&v| v as u64)
                    .collect()
            }),
        ),
        (
            "pagerank",
            Box::new(|| bits(&pagerank(&g, &PageRankParams::default(), &cancel).unwrap())),
        ),
    ];
    extra_kernels(&g, &small, &cancel, &mut kernels);
    if let Some(only) = &args.only {
        kernels.retain(|(name, _)| only.iter().any(|o| name.contains(o.as_str())));
    }

    print!("| kernel |");
    for t in &args.threads {
        print!(" {t} thr (s) |");
    }
    println!(
        " speed-up {}→{} |",
        args.threads[0],
        args.threads[args.threads.len() - 1]
    );
    println!("|---|{}---|", "---|".repeat(args.threads.len()));
    for (name, f) in &kernels {
        let mut times = Vec::new();
        let mut reference: Option<Vec<u64>> = None;
        for &t in &args.threads {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap();
            let mut best = f64::INFINITY;
            for _ in 0..args.reps {
                let start = Instant::now();
                let out = pool.install(f);
                best = best.min(start.elapsed().as_secs_f64());
                match &reference {
                    None => reference = Some(out),
                    Some(r) => assert!(*r == out, "{name}: result differs on {t} threads"),
                }
            }
            times.push(best);
        }
        print!("| {name} |");
        for s in &times {
            print!(" {s:.3} |");
        }
        println!(" {:.1}× |", times[0] / times[times.len() - 1]);
    }
}

/// Kernels of the centrality suite: `g` the main graph, `small` the graph for O(n m) kernels.
fn extra_kernels<'a>(g: &'a Csr, small: &'a Csr, cancel: &'a Cancel, k: &mut Vec<Kernel<'a>>) {
    use impactgraph_core::centrality::*;
    let bc = |k: Option<usize>| BetweennessParams {
        k,
        normalized: true,
        endpoints: false,
        use_weights: false,
        seed: 7,
        sources: None,
    };
    k.push((
        "betweenness, 256 sampled sources",
        Box::new(move || bits(&betweenness_centrality(g, &bc(Some(256)), cancel).unwrap())),
    ));
    k.push((
        "betweenness exact (small graph)",
        Box::new(move || bits(&betweenness_centrality(small, &bc(None), cancel).unwrap())),
    ));
    k.push((
        "closeness (small graph)",
        Box::new(move || bits(&closeness_centrality(small, false, true, cancel).unwrap())),
    ));
    k.push((
        "core_number",
        Box::new(move || {
            core_number(g, cancel)
                .unwrap()
                .iter()
                .map(|&v| v as u64)
                .collect()
        }),
    ));
    k.push(("triangles", Box::new(move || triangles(g, cancel).unwrap())));
    k.push((
        "clustering",
        Box::new(move || bits(&clustering(g, false, cancel).unwrap())),
    ));
    k.push((
        "eigenvector",
        Box::new(move || {
            let p = EigenvectorParams {
                max_iter: 1000,
                ..Default::default()
            };
            bits(&eigenvector_centrality(g, &p, cancel).unwrap())
        }),
    ));
    k.push((
        "constraint",
        Box::new(move || bits(&constraint(g, false, cancel).unwrap())),
    ));
    k.push((
        "effective_size",
        Box::new(move || bits(&effective_size(g, false, cancel).unwrap())),
    ));
}
