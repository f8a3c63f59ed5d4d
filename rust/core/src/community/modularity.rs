//! Newman–Girvan modularity (Leicht–Newman for directed graphs), networkx's
//! `community.modularity` value.

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::{Error, Result};
use crate::par::BLOCK;

/// Per-node totals of one block: strengths are written to the node's slot, the intra-community
/// arc weight is returned.
#[inline]
fn row_sums(
    indices: &[u32],
    weights: Option<&[f64]>,
    u: usize,
    comm: &[u32],
    undirected_loops: bool,
) -> (f64, f64) {
    let cu = comm[u];
    let (mut strength, mut intra) = (0.0, 0.0);
    match weights {
        Some(w) => {
            for (&v, &x) in indices.iter().zip(w) {
                strength += x;
                if v as usize == u && undirected_loops {
                    // networkx: a self-loop adds its weight twice to the degree and once to
                    // L_c, i.e. twice to the arc total that is halved below.
                    strength += x;
                    intra += 2.0 * x;
                } else if comm[v as usize] == cu {
                    intra += x;
                }
            }
        }
        None => {
            for &v in indices {
                strength += 1.0;
                if v as usize == u && undirected_loops {
                    strength += 1.0;
                    intra += 2.0;
                } else if comm[v as usize] == cu {
                    intra += 1.0;
                }
            }
        }
    }
    (strength, intra)
}

/// Community ids in canonical form (`0..k` by first appearance along node ids, see
/// [`super::renumber`]) and `k`, so that the value depends on the partition only, never on the
/// names of its communities. Ids at or above `n` are first compacted by sorting.
fn canonical(membership: &[u32]) -> (Vec<u32>, usize) {
    let n = membership.len();
    let max = membership
        .par_iter()
        .copied()
        .max()
        .map_or(0, |m| m as usize);
    let mut out = if max < n {
        membership.to_vec()
    } else {
        let mut ids = membership.to_vec();
        ids.par_sort_unstable();
        ids.dedup();
        membership
            .par_iter()
            .map(|c| ids.binary_search(c).unwrap_or(0) as u32)
            .collect()
    };
    let k = super::renumber(&mut out);
    (out, k)
}

/// Modularity of a partition, exactly networkx's `nx.community.modularity(G, communities,
/// weight, resolution)`.
///
/// Undirected: `Q = sum_c [ L_c / m - resolution * (K_c / 2m)^2 ]` with `m` the total edge
/// weight, `L_c` the weight of the edges inside community `c` and `K_c` the sum of the
/// (weighted) degrees of its nodes. A self-loop counts once in `m` and `L_c` and twice in the
/// degree of its node, as in networkx. Directed (Leicht–Newman):
/// `Q = sum_c [ L_c / m - resolution * K_c^out K_c^in / m^2 ]` with out- and in-strengths.
///
/// # Arguments
/// * `g` – the graph.
/// * `membership` – community id of every node (any `u32` values; equal ids, same community).
/// * `resolution` – the resolution `gamma` (any finite value, as networkx).
/// * `use_weights` – use the arc weights (if the graph has any) or count every edge as 1.
/// * `cancel` – polled once per block of nodes.
///
/// # Errors
/// * [`Error::InvalidParameter`] – `membership` does not have one entry per node, or
///   `resolution` is not finite.
/// * [`Error::InvalidGraph`] – a negative or non-finite weight (when weights are used), or a
///   graph whose total edge weight is 0 (no edges): modularity is undefined there (networkx
///   raises `ZeroDivisionError`).
/// * [`Error::Interrupted`] – `cancel` fired.
///
/// # Complexity
/// O(n + arcs) work in parallel over fixed blocks of nodes, plus O(n) sequential passes that
/// renumber the communities canonically and add node strengths into community totals (O(n log
/// n) when ids reach `n`); O(n) extra memory. Partial sums are added in block
/// order, so the value is bit-identical for any number of threads and for any renaming of the
/// communities.
///
/// # Reference
/// M. E. J. Newman and M. Girvan, "Finding and evaluating community structure in networks",
/// Phys. Rev. E 69, 026113, 2004; E. A. Leicht and M. E. J. Newman, "Community structure in
/// directed networks", Phys. Rev. Lett. 100, 118703, 2008.
///
/// # Example
/// ```
/// use impactgraph_core::{community::modularity, BuildOptions, Cancel, Csr};
/// // Two triangles 0-1-2 and 3-4-5 joined by the edge 2-3 (networkx's barbell_graph(3, 0)).
/// let (src, dst) = ([0u32, 0, 1, 3, 3, 4, 2], [1u32, 2, 2, 4, 5, 5, 3]);
/// let g = Csr::from_edges(&src, &dst, None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let q = modularity(&g, &[0, 0, 0, 1, 1, 1], 1.0, true, &Cancel::new()).unwrap();
/// assert!((q - 0.35714285714285715).abs() < 1e-15);
/// ```
pub fn modularity(
    g: &Csr,
    membership: &[u32],
    resolution: f64,
    use_weights: bool,
    cancel: &Cancel,
) -> Result<f64> {
    let n = g.num_nodes();
    if membership.len() != n {
        return Err(Error::param(
            "membership",
            format!(
                "expected one community id per node ({n}), got {}",
                membership.len()
            ),
        ));
    }
    if !resolution.is_finite() {
        return Err(Error::param(
            "resolution",
            format!("must be a finite number, got {resolution}"),
        ));
    }
    let weights = g.checked_weights(use_weights, "modularity needs non-negative weights")?;
    cancel.check()?;
    let (comm, k) = canonical(membership);
    let comm = &comm[..];
    let directed = g.is_directed();
    let out = g.out_adj();
    let inc = g.in_adj();
    // Not `weights.and(..)`: reading `f32` weights widens them, only for a weighted call.
    let in_weights = if weights.is_some() {
        inc.weights.as_deref()
    } else {
        None
    };

    // Pass 1 (parallel, fixed blocks): strengths per node and the intra-community arc total.
    let mut out_s = vec![0.0f64; n];
    let mut in_s = if directed {
        vec![0.0f64; n]
    } else {
        Vec::new()
    };
    let intra_parts: Vec<f64> = if directed {
        out_s
            .par_chunks_mut(BLOCK)
            .zip(in_s.par_chunks_mut(BLOCK))
            .enumerate()
            .map(|(b, (os, is))| {
                if cancel.is_cancelled() {
                    return 0.0;
                }
                let lo = b * BLOCK;
                let mut intra = 0.0;
                for (i, (o, inn)) in os.iter_mut().zip(is.iter_mut()).enumerate() {
                    let u = lo + i;
                    let r = out.range(u);
                    let (s, l) = row_sums(
                        &out.indices[r.clone()],
                        weights.map(|w| &w[r]),
                        u,
                        comm,
                        false,
                    );
                    *o = s;
                    intra += l;
                    let r = inc.range(u);
                    *inn = match in_weights {
                        Some(w) => w[r].iter().sum(),
                        None => r.len() as f64,
                    };
                }
                intra
            })
            .collect()
    } else {
        out_s
            .par_chunks_mut(BLOCK)
            .enumerate()
            .map(|(b, os)| {
                if cancel.is_cancelled() {
                    return 0.0;
                }
                let lo = b * BLOCK;
                let mut intra = 0.0;
                for (i, o) in os.iter_mut().enumerate() {
                    let u = lo + i;
                    let r = out.range(u);
                    let (s, l) = row_sums(
                        &out.indices[r.clone()],
                        weights.map(|w| &w[r]),
                        u,
                        comm,
                        true,
                    );
                    *o = s;
                    intra += l;
                }
                intra
            })
            .collect()
    };
    cancel.check()?;
    let intra: f64 = intra_parts.iter().sum();
    let total: f64 = crate::par::det_sum_slice(&out_s);
    // Undirected: `total` = sum of degrees = 2m and `intra` = 2 sum_c L_c. Directed: `total` = m.
    if total == 0.0 {
        return Err(Error::graph(
            "modularity is undefined for a graph without edges (total edge weight 0)",
        ));
    }

    // Pass 2 (sequential, node order): community strength totals.
    let mut kout = vec![0.0f64; k];
    for (&c, &s) in comm.iter().zip(&out_s) {
        kout[c as usize] += s;
    }
    let kin = if directed {
        let mut kin = vec![0.0f64; k];
        for (&c, &s) in comm.iter().zip(&in_s) {
            kin[c as usize] += s;
        }
        kin
    } else {
        Vec::new()
    };
    cancel.check()?;
    let kin = if directed { &kin[..] } else { &kout[..] };
    let expected = crate::par::det_sum(k, |c| kout[c] * kin[c]);
    Ok(intra / total - resolution * expected / (total * total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph};

    /// Slow oracle: networkx's formula community by community over an explicit edge list.
    fn oracle(g: &Csr, memb: &[u32], gamma: f64, use_w: bool) -> f64 {
        let n = g.num_nodes();
        let k = memb.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let out = g.out_adj();
        let wt = |i: usize| {
            if use_w {
                out.weights.as_ref().map_or(1.0, |w| w[i])
            } else {
                1.0
            }
        };
        let (mut lc, mut kout, mut kin) = (vec![0.0; k], vec![0.0; k], vec![0.0; k]);
        let mut m = 0.0;
        for u in 0..n {
            for i in out.range(u) {
                let v = out.indices[i] as usize;
                let w = wt(i);
                if g.is_directed() {
                    m += w;
                    kout[memb[u] as usize] += w;
                    kin[memb[v] as usize] += w;
                    if memb[u] == memb[v] {
                        lc[memb[u] as usize] += w;
                    }
                } else if u <= v {
                    m += w;
                    kout[memb[u] as usize] += w;
                    kout[memb[v] as usize] += w;
                    if memb[u] == memb[v] {
                        lc[memb[u] as usize] += w;
                    }
                }
            }
        }
        (0..k)
            .map(|c| {
                if g.is_directed() {
                    lc[c] / m - gamma * kout[c] * kin[c] / (m * m)
                } else {
                    lc[c] / m - gamma * kout[c] * kout[c] / (4.0 * m * m)
                }
            })
            .sum()
    }

    #[test]
    fn barbell_by_hand() {
        //  0---1      3---4
        //   \ /        \ /
        //    2 -------- 5    two triangles joined by 2-5: m = 7
        // Q = 2 * (3/7 - (7/14)^2) = 6/7 - 1/2 = 5/14
        let g = build(
            &[0, 0, 1, 3, 3, 4, 2],
            &[1, 2, 2, 4, 5, 5, 5],
            None,
            false,
            None,
        );
        let q = modularity(&g, &[0, 0, 0, 1, 1, 1], 1.0, true, &Cancel::new()).unwrap();
        assert!((q - 5.0 / 14.0).abs() < 1e-15);
        // One community: 1 - 1 = 0; resolution 0.5: 1 - 0.5.
        let q = modularity(&g, &[3; 6], 0.5, true, &Cancel::new()).unwrap();
        assert!((q - 0.5).abs() < 1e-15);
        // Arbitrary (huge) ids give the same value as compact ones.
        let q2 = modularity(
            &g,
            &[9, 9, 9, u32::MAX - 1, u32::MAX - 1, u32::MAX - 1],
            1.0,
            true,
            &Cancel::new(),
        )
        .unwrap();
        assert!((q2 - 5.0 / 14.0).abs() < 1e-15);
    }

    #[test]
    fn self_loop_as_networkx() {
        //  0 --- 1   (0 has a loop of weight 2, edge 0-1 weight 1)
        // networkx: deg(0) = 1 + 2*2 = 5, deg(1) = 1, m = 3.
        // {0},{1}: L = 2/3 - (5/6)^2 - (1/6)^2 = 2/3 - 26/36
        let g = build(&[0, 0], &[0, 1], Some(&[2.0, 1.0]), false, None);
        let q = modularity(&g, &[0, 1], 1.0, true, &Cancel::new()).unwrap();
        assert!((q - (2.0 / 3.0 - 26.0 / 36.0)).abs() < 1e-15, "{q}");
        // Unweighted: deg(0) = 3, deg(1) = 1, m = 2: 1/2 - (3/4)^2 - (1/4)^2
        let q = modularity(&g, &[0, 1], 1.0, false, &Cancel::new()).unwrap();
        assert!((q - (0.5 - 10.0 / 16.0)).abs() < 1e-15, "{q}");
    }

    #[test]
    fn directed_by_hand() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3: m = 4, {0,1,2},{3}
        // L = 3, kout = 4, kin = 3 | L = 0, kout = 0, kin = 1: Q = 3/4 - 12/16 = 0
        let g = build(&[0, 1, 2, 2], &[1, 2, 0, 3], None, true, None);
        let q = modularity(&g, &[0, 0, 0, 1], 1.0, true, &Cancel::new()).unwrap();
        assert!(q.abs() < 1e-15);
        let q = modularity(&g, &[0, 1, 2, 3], 1.0, true, &Cancel::new()).unwrap();
        // singletons: kout*kin = 1*1 + 1*1 + 2*1 + 0 = 4: Q = -4/16
        assert!((q + 0.25).abs() < 1e-15);
    }

    #[test]
    fn errors() {
        let c = Cancel::new();
        let g = build(&[0], &[1], Some(&[-1.0]), false, Some(3));
        let e = modularity(&g, &[0, 0], 1.0, true, &c).unwrap_err();
        assert!(
            e.to_string()
                .contains("one community id per node (3), got 2"),
            "{e}"
        );
        let e = modularity(&g, &[0, 0, 0], f64::NAN, true, &c).unwrap_err();
        assert!(e.to_string().contains("resolution"), "{e}");
        let e = modularity(&g, &[0, 0, 0], 1.0, true, &c).unwrap_err();
        assert!(e.to_string().contains("non-negative"), "{e}");
        let empty = build(&[], &[], None, false, Some(4));
        let e = modularity(&empty, &[0, 1, 2, 3], 1.0, true, &c).unwrap_err();
        assert!(matches!(e, Error::InvalidGraph { .. }), "{e}");
        let zero = build(&[0], &[1], Some(&[0.0]), false, None);
        assert!(modularity(&zero, &[0, 1], 1.0, true, &c).is_err());
        assert!(modularity(&zero, &[0, 1], 1.0, false, &c).is_ok());
        c.cancel();
        let g = random_graph(100, 300, false, false, 1);
        assert_eq!(
            modularity(&g, &[0; 100], 1.0, true, &c),
            Err(Error::Interrupted)
        );
    }

    #[test]
    fn matches_oracle_and_same_bits_on_any_thread_count() {
        for (seed, directed, weighted) in [
            (1, false, false),
            (2, false, true),
            (3, true, false),
            (4, true, true),
        ] {
            let n = 10_000u32;
            let g = random_graph(n, 40_000, directed, weighted, seed);
            let memb: Vec<u32> = (0..n).map(|u| (u * 7919 + seed as u32) % 37).collect();
            for gamma in [1.0, 0.3, 2.5] {
                let c = Cancel::new();
                let a = in_pool(1, || modularity(&g, &memb, gamma, true, &c).unwrap());
                let b = in_pool(3, || modularity(&g, &memb, gamma, true, &c).unwrap());
                assert_eq!(a.to_bits(), b.to_bits());
                // renaming the communities (to huge ids, in reverse) keeps the bits
                let renamed: Vec<u32> = memb.iter().map(|&c| u32::MAX - 1 - 5 * c).collect();
                let r = modularity(&g, &renamed, gamma, true, &c).unwrap();
                assert_eq!(a.to_bits(), r.to_bits());
                let want = oracle(&g, &memb, gamma, true);
                assert!((a - want).abs() < 1e-12, "{a} {want}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn prop_matches_oracle(
            n in 1u32..40,
            m in 1usize..120,
            k in 1u32..6,
            directed in proptest::bool::ANY,
            weighted in proptest::bool::ANY,
            seed in 0u64..1000,
        ) {
            let g = random_graph(n, m, directed, weighted, seed);
            let memb: Vec<u32> = (0..n).map(|u| (u.wrapping_mul(2654435761) ^ seed as u32) % k).collect();
            let got = modularity(&g, &memb, 1.0, true, &Cancel::new()).unwrap();
            let want = oracle(&g, &memb, 1.0, true);
            proptest::prop_assert!((got - want).abs() < 1e-12);
            let par = in_pool(2, || modularity(&g, &memb, 1.0, true, &Cancel::new()).unwrap());
            proptest::prop_assert_eq!(got.to_bits(), par.to_bits());
        }
    }
}
