//! Degrees and strengths (weighted degrees).

use rayon::prelude::*;

use crate::csr::{Adjacency, Csr};

/// Which arcs of a node to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Out-arcs (`out_degree` in networkx).
    Out,
    /// In-arcs (`in_degree` in networkx).
    In,
    /// In- plus out-arcs for directed graphs (networkx's `DiGraph.degree`); the degree for
    /// undirected graphs.
    #[default]
    All,
}

/// Rows per parallel task.
const MIN_LEN: usize = 2048;

/// Whether `u` has a self-loop (its row is sorted).
#[inline]
fn has_loop(a: &Adjacency, u: usize) -> bool {
    a.neighbors(u).binary_search(&(u as u32)).is_ok()
}

/// Weight of the self-loop of `u`, 0 if none.
#[inline]
fn loop_weight(a: &Adjacency, u: usize, w: &[f64]) -> f64 {
    match a.neighbors(u).binary_search(&(u as u32)) {
        Ok(j) => w[a.indptr[u] as usize + j],
        Err(_) => 0.0,
    }
}

/// Degree of every node, with networkx's conventions.
///
/// For an undirected graph every direction gives the degree, in which a self-loop counts 2
/// (networkx's `G.degree`). For a directed graph `Out` and `In` count out- and in-arcs and
/// `All` is their sum (so a self-loop also counts 2).
///
/// # Arguments
/// * `g` – the graph.
/// * `dir` – which arcs to count (ignored for undirected graphs).
///
/// # Errors
/// None: every graph has degrees.
///
/// # Complexity
/// O(n) for directed graphs, O(n log d) for undirected graphs with self-loops (one binary
/// search per row), parallel over nodes.
///
/// # Reference
/// networkx `DegreeView` / `DiDegreeView` (Hagberg, Schult & Swart 2008).
///
/// # Example
/// ```
/// use impactgraph_core::{structure::{degree, Direction}, BuildOptions, Cancel, Csr};
/// // 0 - 1 with a self-loop on 1
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 1], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// assert_eq!(degree(&g, Direction::All), vec![1, 3]);
/// ```
pub fn degree(g: &Csr, dir: Direction) -> Vec<u64> {
    let n = g.num_nodes();
    let mut out = vec![0u64; n];
    if g.is_directed() {
        let (o, i) = (g.out_adj(), g.in_adj());
        out.par_iter_mut()
            .enumerate()
            .with_min_len(MIN_LEN)
            .for_each(|(u, d)| {
                *d = match dir {
                    Direction::Out => o.degree(u) as u64,
                    Direction::In => i.degree(u) as u64,
                    Direction::All => (o.degree(u) + i.degree(u)) as u64,
                }
            });
    } else {
        let a = g.out_adj();
        let loops = g.num_self_loops() > 0;
        out.par_iter_mut()
            .enumerate()
            .with_min_len(MIN_LEN)
            .for_each(|(u, d)| *d = a.degree(u) as u64 + u64::from(loops && has_loop(a, u)));
    }
    out
}

/// Sum of the weights of the arcs of `u` in row order.
#[inline]
fn row_sum(a: &Adjacency, u: usize, w: &[f64]) -> f64 {
    w[a.range(u)].iter().sum()
}

/// Strength (weighted degree) of every node, with networkx's conventions.
///
/// Like [`degree`] with each arc counted by its weight: for undirected graphs a self-loop
/// counts twice its weight; for directed graphs `All` is out-strength plus in-strength. An
/// unweighted graph counts 1 per arc, so its strength equals its degree. Each row is summed in
/// neighbour order, so the result does not depend on the number of threads.
///
/// # Arguments
/// * `g` – the graph.
/// * `dir` – which arcs to count (ignored for undirected graphs).
///
/// # Errors
/// None: the graph's weights are finite by construction.
///
/// # Complexity
/// O(n + arcs), parallel over nodes.
///
/// # Reference
/// networkx `G.degree(weight=...)`; Barrat et al., "The architecture of complex weighted
/// networks", PNAS 101 (2004).
///
/// # Example
/// ```
/// use impactgraph_core::{structure::{strength, Direction}, BuildOptions, Cancel, Csr};
/// // 0 -(2.0)- 1 with a self-loop of weight 0.5 on 1
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 1], Some(&[2.0, 0.5]), &BuildOptions::default(), &Cancel::new()).unwrap();
/// assert_eq!(strength(&g, Direction::All), vec![2.0, 3.0]);
/// ```
pub fn strength(g: &Csr, dir: Direction) -> Vec<f64> {
    if !g.is_weighted() {
        return degree(g, dir).into_iter().map(|d| d as f64).collect();
    }
    let n = g.num_nodes();
    let mut out = vec![0.0f64; n];
    if g.is_directed() {
        let (o, i) = (g.out_adj(), g.in_adj());
        // Only the adjacency that is summed is read (and, for f32 storage, widened).
        let ow = match dir {
            Direction::In => &[],
            _ => o.weights.as_deref().unwrap_or(&[]),
        };
        let iw = match dir {
            Direction::Out => &[],
            _ => i.weights.as_deref().unwrap_or(&[]),
        };
        out.par_iter_mut()
            .enumerate()
            .with_min_len(MIN_LEN)
            .for_each(|(u, s)| {
                *s = match dir {
                    Direction::Out => row_sum(o, u, ow),
                    Direction::In => row_sum(i, u, iw),
                    Direction::All => row_sum(o, u, ow) + row_sum(i, u, iw),
                }
            });
    } else {
        let a = g.out_adj();
        let w = a.weights.as_deref().unwrap_or(&[]);
        let loops = g.num_self_loops() > 0;
        out.par_iter_mut()
            .enumerate()
            .with_min_len(MIN_LEN)
            .for_each(|(u, s)| {
                let mut x = row_sum(a, u, w);
                if loops {
                    x += loop_weight(a, u, w);
                }
                *s = x;
            });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool};

    //   0 -- 1 -- 2      3 (isolated)
    //        |
    //        @ (self-loop on 1, weight 4)
    // weights: 0-1: 1.5, 1-2: 2.0
    #[test]
    fn undirected_self_loop_counts_twice() {
        let g = build(
            &[0, 1, 1],
            &[1, 2, 1],
            Some(&[1.5, 2.0, 4.0]),
            false,
            Some(4),
        );
        for dir in [Direction::Out, Direction::In, Direction::All] {
            assert_eq!(degree(&g, dir), vec![1, 4, 1, 0]);
            assert_eq!(strength(&g, dir), vec![1.5, 1.5 + 2.0 + 8.0, 2.0, 0.0]);
        }
        let u = g.unweighted();
        assert_eq!(strength(&u, Direction::All), vec![1.0, 4.0, 1.0, 0.0]);
    }

    //   0 -> 1 -> 2,  2 -> 0,  1 -> 1 (self-loop)
    // weights:  0->1: 1, 1->2: 2, 2->0: 3, 1->1: 5
    #[test]
    fn directed_in_out_all() {
        let g = build(
            &[0, 1, 2, 1],
            &[1, 2, 0, 1],
            Some(&[1.0, 2.0, 3.0, 5.0]),
            true,
            None,
        );
        assert_eq!(degree(&g, Direction::Out), vec![1, 2, 1]);
        assert_eq!(degree(&g, Direction::In), vec![1, 2, 1]);
        assert_eq!(degree(&g, Direction::All), vec![2, 4, 2]);
        assert_eq!(strength(&g, Direction::Out), vec![1.0, 7.0, 3.0]);
        assert_eq!(strength(&g, Direction::In), vec![3.0, 6.0, 2.0]);
        assert_eq!(strength(&g, Direction::All), vec![4.0, 13.0, 5.0]);
    }

    #[test]
    fn empty_graph() {
        let g = build(&[], &[], None, true, None);
        assert!(degree(&g, Direction::All).is_empty());
        assert!(strength(&g, Direction::In).is_empty());
    }

    #[test]
    fn same_bits_on_one_and_four_threads() {
        let g = crate::structure::testutil::random_graph(20_000, 100_000, false, true, 7);
        let a = in_pool(1, || strength(&g, Direction::All));
        let b = in_pool(4, || strength(&g, Direction::All));
        assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
        assert_eq!(
            in_pool(1, || degree(&g, Direction::All)),
            in_pool(4, || degree(&g, Direction::All))
        );
    }
}
