//! Test helpers shared by the structure and centrality tests: graph builders, seeded random
//! graphs, a thread-pool runner and slow obviously-correct oracles.

use crate::{BuildOptions, Cancel, Csr};

/// Build a graph from small edge arrays (panics on bad input: tests only).
pub(crate) fn build(
    src: &[u32],
    dst: &[u32],
    w: Option<&[f64]>,
    directed: bool,
    n: Option<u64>,
) -> Csr {
    let opts = BuildOptions {
        directed,
        num_nodes: n,
        ..Default::default()
    };
    Csr::from_edges(src, dst, w, &opts, &Cancel::new()).unwrap()
}

/// Run `f` in a pool of `k` threads.
pub(crate) fn in_pool<T: Send>(k: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(k)
        .build()
        .unwrap()
        .install(f)
}

/// xorshift64* stream.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Uniform random multigraph with `m` edges on `n` nodes (duplicates summed, loops kept),
/// weights in (0, 10] when `weighted`.
pub(crate) fn random_graph(n: u32, m: usize, directed: bool, weighted: bool, seed: u64) -> Csr {
    let mut r = Rng::new(seed);
    let src: Vec<u32> = (0..m).map(|_| r.below(n as u64) as u32).collect();
    let dst: Vec<u32> = (0..m).map(|_| r.below(n as u64) as u32).collect();
    let w: Vec<f64> = (0..m).map(|_| (1 + r.below(1000)) as f64 / 100.0).collect();
    build(
        &src,
        &dst,
        weighted.then_some(&w[..]),
        directed,
        Some(n as u64),
    )
}

/// R-MAT graph (a, b, c) = (0.57, 0.19, 0.19) with 2^scale nodes and `m` edge draws.
pub(crate) fn rmat(scale: u32, m: usize, directed: bool, seed: u64) -> Csr {
    let mut r = Rng::new(seed);
    let mut src = Vec::with_capacity(m);
    let mut dst = Vec::with_capacity(m);
    for _ in 0..m {
        let (mut s, mut d) = (0u32, 0u32);
        for _ in 0..scale {
            let x = r.below(100);
            let (bs, bd) = if x < 57 {
                (0, 0)
            } else if x < 76 {
                (0, 1)
            } else if x < 95 {
                (1, 0)
            } else {
                (1, 1)
            };
            s = (s << 1) | bs;
            d = (d << 1) | bd;
        }
        src.push(s);
        dst.push(d);
    }
    build(&src, &dst, None, directed, Some(1u64 << scale))
}

/// Whether two labellings describe the same partition.
pub(crate) fn same_partition(a: &[u32], b: &[u32]) -> bool {
    use std::collections::HashMap;
    if a.len() != b.len() {
        return false;
    }
    let mut ab = HashMap::new();
    let mut ba = HashMap::new();
    a.iter()
        .zip(b)
        .all(|(x, y)| *ab.entry(*x).or_insert(*y) == *y && *ba.entry(*y).or_insert(*x) == *x)
}

/// Reachability sets by BFS from every node (O(n m)): the SCC oracle for small graphs.
pub(crate) fn reach(g: &Csr, reverse: bool) -> Vec<Vec<bool>> {
    let n = g.num_nodes();
    let adj = if reverse { g.in_adj() } else { g.out_adj() };
    (0..n)
        .map(|s| {
            let mut seen = vec![false; n];
            seen[s] = true;
            let mut q = vec![s];
            while let Some(u) = q.pop() {
                for &v in adj.neighbors(u) {
                    if !seen[v as usize] {
                        seen[v as usize] = true;
                        q.push(v as usize);
                    }
                }
            }
            seen
        })
        .collect()
}
