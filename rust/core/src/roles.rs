//! Node roles in a partitioned network: the Guimerà–Amaral cartography.
//!
//! [`community_roles`] computes, for every node and a community label per node, in one parallel
//! pass over the arcs: the degree `k_i` (the strength with weights), the within-community degree
//! `kappa_i`, the participation coefficient `P_i = 1 - sum_s (k_is / k_i)^2` and the
//! within-module degree z-score `z_i = (kappa_i - mean_{s_i}) / std_{s_i}`.
//!
//! Conventions (the same as [`crate::structure::degree`]):
//! * undirected graphs: a self-loop counts 2 in `k_i` and in `kappa_i` (its endpoints are both
//!   in the node's own community);
//! * directed graphs: every quantity counts in-arcs plus out-arcs (total degree), so `k_is` is
//!   the number (weight) of arcs from `i` to `s` plus the arcs from `s` to `i`;
//! * a node with `k_i = 0` has `P_i = 0`;
//! * `std_s` is the population standard deviation (divisor `|s|`) and `z_i = 0` where it is 0.
//!
//! Reference: R. Guimerà and L. A. N. Amaral, "Functional cartography of complex metabolic
//! networks", Nature 433 (2005) 895–900.

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::{Adjacency, Csr};
use crate::error::{Error, Result};

/// Nodes per parallel task.
const CHUNK: usize = 1024;

/// Per-node role measures returned by [`community_roles`], each indexed by node id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CommunityRoles {
    /// Degree `k_i` (strength with weights; in + out for directed graphs).
    pub degree: Vec<f64>,
    /// Within-community degree `kappa_i`.
    pub within_degree: Vec<f64>,
    /// Participation coefficient `P_i` in `[0, 1)`.
    pub participation: Vec<f64>,
    /// Within-module degree z-score `z_i`.
    pub z: Vec<f64>,
}

/// Dense community ids `0..c` from arbitrary u32 labels (identity when every label is below
/// `n`), and `c`.
fn dense_labels(membership: &[u32]) -> (Vec<u32>, usize) {
    let n = membership.len();
    let max = membership
        .par_iter()
        .copied()
        .max()
        .map_or(0, |m| m as usize);
    if max < n.max(1) {
        return (membership.to_vec(), if n == 0 { 0 } else { max + 1 });
    }
    let mut uniq = membership.to_vec();
    uniq.par_sort_unstable();
    uniq.dedup();
    let dense = membership
        .par_iter()
        .map(|l| uniq.binary_search(l).unwrap_or(0) as u32)
        .collect();
    (dense, uniq.len())
}

/// Adds the arcs of row `u` of `a` to the per-community scratch `acc`, recording communities
/// seen for the first time (marked in `seen`) in `touched`. Returns the row's total.
#[inline]
#[allow(clippy::too_many_arguments)]
fn scan_row(
    a: &Adjacency,
    w: Option<&[f64]>,
    u: usize,
    loop_factor: f64,
    label: &[u32],
    acc: &mut [f64],
    seen: &mut [bool],
    touched: &mut Vec<u32>,
) -> f64 {
    let r = a.range(u);
    let mut total = 0.0;
    for (j, &v) in a.indices[r.clone()].iter().enumerate() {
        let x = w.map_or(1.0, |w| w[r.start + j]) * if v as usize == u { loop_factor } else { 1.0 };
        let s = label[v as usize];
        if !seen[s as usize] {
            seen[s as usize] = true;
            touched.push(s);
        }
        acc[s as usize] += x;
        total += x;
    }
    total
}

/// Degree, within-community degree, participation coefficient and within-module degree
/// z-score of every node (Guimerà & Amaral 2005).
///
/// # Arguments
/// * `g` – the graph, directed or not.
/// * `membership` – a community label per node (any u32 values; labels need not be dense).
/// * `use_weights` – sum arc weights (strengths) instead of counting arcs.
/// * `cancel` – polled once per chunk of nodes.
///
/// # Errors
/// [`Error::LengthMismatch`] when `membership` does not have one label per node;
/// [`Error::InvalidGraph`] for a negative weight with `use_weights`;
/// [`Error::Interrupted`] when cancelled.
///
/// # Complexity
/// O(n + arcs) work and O(n + c) memory per thread (`c` communities), parallel over nodes. Each
/// node's values are accumulated by one task in neighbour order, and each community's mean and
/// standard deviation by one task in node order, so the result is bit-identical for any number
/// of threads.
///
/// # Reference
/// R. Guimerà and L. A. N. Amaral, "Functional cartography of complex metabolic networks",
/// Nature 433 (2005) 895–900.
///
/// # Example
/// ```
/// use impactgraph_core::{roles::community_roles, BuildOptions, Cancel, Csr};
/// // triangle 0-1-2 in community 0, node 3 in community 1 tied to 2
/// let g = Csr::from_edges(&[0u32, 1, 2, 2], &[1u32, 2, 0, 3], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let r = community_roles(&g, &[0, 0, 0, 1], false, &Cancel::new()).unwrap();
/// assert_eq!(r.degree, vec![2.0, 2.0, 3.0, 1.0]);
/// assert_eq!(r.within_degree, vec![2.0, 2.0, 2.0, 0.0]);
/// assert!((r.participation[2] - 4.0 / 9.0).abs() < 1e-15);
/// assert_eq!(r.z, vec![0.0; 4]);
/// ```
pub fn community_roles(
    g: &Csr,
    membership: &[u32],
    use_weights: bool,
    cancel: &Cancel,
) -> Result<CommunityRoles> {
    let n = g.num_nodes();
    Error::check_same_len("communities", membership.len(), "nodes", n)?;
    let w_out = g.checked_weights(
        use_weights,
        "the participation coefficient needs non-negative weights",
    )?;
    let (label, c) = dense_labels(membership);
    let directed = g.is_directed();
    let out = g.out_adj();
    let inc = g.in_adj();
    let w_in = if w_out.is_some() {
        inc.weights.as_deref()
    } else {
        None
    };
    // Undirected: a self-loop is stored once and counts 2; directed: it is an out- and an in-arc.
    let loop_factor = if directed { 1.0 } else { 2.0 };

    let mut degree = vec![0.0f64; n];
    let mut within = vec![0.0f64; n];
    let mut participation = vec![0.0f64; n];
    degree
        .par_chunks_mut(CHUNK)
        .zip(within.par_chunks_mut(CHUNK))
        .zip(participation.par_chunks_mut(CHUNK))
        .enumerate()
        .try_for_each_init(
            // acc[s]: k_us of the current node; seen/touched: its communities, reset per node.
            || (vec![0.0f64; c], vec![false; c], Vec::<u32>::new()),
            |(acc, seen, touched), (b, ((dk, dw), dp))| {
                cancel.check()?;
                for i in 0..dk.len() {
                    let u = b * CHUNK + i;
                    let mut k = scan_row(out, w_out, u, loop_factor, &label, acc, seen, touched);
                    if directed {
                        k += scan_row(inc, w_in, u, loop_factor, &label, acc, seen, touched);
                    }
                    let own = label[u] as usize;
                    dk[i] = k;
                    dw[i] = acc[own];
                    let mut sq = 0.0;
                    for &s in touched.iter() {
                        let f = acc[s as usize] / k;
                        sq += f * f;
                        acc[s as usize] = 0.0;
                        seen[s as usize] = false;
                    }
                    touched.clear();
                    dp[i] = if k > 0.0 { (1.0 - sq).max(0.0) } else { 0.0 };
                }
                Ok::<(), Error>(())
            },
        )?;
    cancel.check()?;

    // Nodes grouped by community (counting sort, node order kept within a community).
    let mut start = vec![0usize; c + 1];
    for &s in &label {
        start[s as usize + 1] += 1;
    }
    for s in 0..c {
        start[s + 1] += start[s];
    }
    let mut fill = start.clone();
    let mut order = vec![0u32; n];
    for (u, &s) in label.iter().enumerate() {
        order[fill[s as usize]] = u as u32;
        fill[s as usize] += 1;
    }
    // Mean and population standard deviation of kappa per community (two passes, node order).
    let stats: Vec<(f64, f64)> = (0..c)
        .into_par_iter()
        .with_min_len(64)
        .map(|s| {
            let members = &order[start[s]..start[s + 1]];
            if members.is_empty() {
                return (0.0, 0.0);
            }
            let len = members.len() as f64;
            let mean = members.iter().map(|&u| within[u as usize]).sum::<f64>() / len;
            let var = members
                .iter()
                .map(|&u| {
                    let d = within[u as usize] - mean;
                    d * d
                })
                .sum::<f64>()
                / len;
            (mean, var.sqrt())
        })
        .collect();
    cancel.check()?;
    let z = (0..n)
        .into_par_iter()
        .with_min_len(CHUNK)
        .map(|u| {
            let (mean, std) = stats[label[u] as usize];
            if std > 0.0 {
                (within[u] - mean) / std
            } else {
                0.0
            }
        })
        .collect();
    Ok(CommunityRoles {
        degree,
        within_degree: within,
        participation,
        z,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph};

    /// Obviously-correct oracle: per-node maps over the edge list.
    fn oracle(g: &Csr, m: &[u32], weighted: bool) -> CommunityRoles {
        use std::collections::BTreeMap;
        let n = g.num_nodes();
        let mut per: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); n];
        let out = g.out_adj();
        for u in 0..n {
            for (j, &v) in out.neighbors(u).iter().enumerate() {
                let w = if weighted {
                    out.weights_of(u).unwrap()[j]
                } else {
                    1.0
                };
                if g.is_directed() {
                    *per[u].entry(m[v as usize]).or_default() += w;
                    *per[v as usize].entry(m[u]).or_default() += w;
                } else {
                    let f = if v as usize == u { 2.0 } else { 1.0 };
                    *per[u].entry(m[v as usize]).or_default() += f * w;
                }
            }
        }
        let degree: Vec<f64> = per.iter().map(|p| p.values().sum()).collect();
        let within: Vec<f64> = (0..n)
            .map(|u| per[u].get(&m[u]).copied().unwrap_or(0.0))
            .collect();
        let participation = (0..n)
            .map(|u| {
                if degree[u] == 0.0 {
                    0.0
                } else {
                    1.0 - per[u]
                        .values()
                        .map(|x| (x / degree[u]).powi(2))
                        .sum::<f64>()
                }
            })
            .collect();
        let z = (0..n)
            .map(|u| {
                let ks: Vec<f64> = (0..n)
                    .filter(|&v| m[v] == m[u])
                    .map(|v| within[v])
                    .collect();
                let mean = ks.iter().sum::<f64>() / ks.len() as f64;
                let std =
                    (ks.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / ks.len() as f64).sqrt();
                if std > 0.0 {
                    (within[u] - mean) / std
                } else {
                    0.0
                }
            })
            .collect();
        CommunityRoles {
            degree,
            within_degree: within,
            participation,
            z,
        }
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x - y).abs() <= 1e-9 * (1.0 + y.abs()))
    }

    #[test]
    fn matches_oracle_on_random_graphs() {
        for (directed, weighted) in [(false, false), (false, true), (true, false), (true, true)] {
            let g = random_graph(300, 1500, directed, weighted, 11);
            let m: Vec<u32> = (0..300u32).map(|u| (u * 7919) % 13).collect();
            let r = community_roles(&g, &m, weighted, &Cancel::new()).unwrap();
            let o = oracle(&g, &m, weighted);
            assert!(close(&r.degree, &o.degree));
            assert!(close(&r.within_degree, &o.within_degree));
            assert!(close(&r.participation, &o.participation));
            assert!(close(&r.z, &o.z), "directed={directed} weighted={weighted}");
        }
    }

    #[test]
    fn sparse_labels_are_compacted() {
        let g = random_graph(50, 200, false, false, 3);
        let m: Vec<u32> = (0..50u32)
            .map(|u| {
                if u % 3 == 0 {
                    u32::MAX
                } else {
                    1_000_000 + u % 2
                }
            })
            .collect();
        let dense: Vec<u32> = m
            .iter()
            .map(|&l| if l == u32::MAX { 0 } else { l - 999_999 })
            .collect();
        let a = community_roles(&g, &m, false, &Cancel::new()).unwrap();
        let b = community_roles(&g, &dense, false, &Cancel::new()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn self_loop_counts_twice_undirected() {
        // 0 - 1, loop on 0; both in one community
        let g = build(&[0, 0], &[1, 0], None, false, None);
        let r = community_roles(&g, &[0, 0], false, &Cancel::new()).unwrap();
        assert_eq!(r.degree, vec![3.0, 1.0]);
        assert_eq!(r.within_degree, vec![3.0, 1.0]);
        assert_eq!(r.participation, vec![0.0, 0.0]);
        assert_eq!(r.z, vec![1.0, -1.0]);
    }

    #[test]
    fn isolated_and_empty() {
        let g = build(&[], &[], None, false, Some(3));
        let r = community_roles(&g, &[0, 1, 1], false, &Cancel::new()).unwrap();
        assert_eq!(r.participation, vec![0.0; 3]);
        assert_eq!(r.z, vec![0.0; 3]);
        let e = build(&[], &[], None, true, None);
        assert_eq!(
            community_roles(&e, &[], false, &Cancel::new()).unwrap(),
            CommunityRoles::default()
        );
    }

    #[test]
    fn errors() {
        let g = build(&[0], &[1], Some(&[-1.0]), false, None);
        assert!(matches!(
            community_roles(&g, &[0], false, &Cancel::new()),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            community_roles(&g, &[0, 0], true, &Cancel::new()),
            Err(Error::InvalidGraph { .. })
        ));
        assert!(community_roles(&g, &[0, 0], false, &Cancel::new()).is_ok());
        let c = Cancel::new();
        c.cancel();
        assert_eq!(
            community_roles(&g, &[0, 0], false, &c),
            Err(Error::Interrupted)
        );
    }

    #[test]
    fn same_bits_on_one_and_four_threads() {
        let g = random_graph(20_000, 100_000, true, true, 5);
        let m: Vec<u32> = (0..20_000u32).map(|u| u % 37).collect();
        let a = in_pool(1, || community_roles(&g, &m, true, &Cancel::new()).unwrap());
        let b = in_pool(4, || community_roles(&g, &m, true, &Cancel::new()).unwrap());
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a.participation), bits(&b.participation));
        assert_eq!(bits(&a.z), bits(&b.z));
        assert_eq!(bits(&a.degree), bits(&b.degree));
    }
}
