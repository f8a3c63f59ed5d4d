//! Louvain modularity optimisation (Blondel et al. 2008) with networkx's level semantics.

use super::level::LevelGraph;
use super::local_moving::{move_nodes, MoveState};
use super::renumber;
use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::{Error, Result};
use crate::rng::Rng;

/// Parameters of [`louvain`]; `Default` gives networkx's defaults (with seed 0).
#[derive(Debug, Clone, PartialEq)]
pub struct LouvainParams {
    /// Resolution `gamma`: finite and `>= 0` (networkx: `resolution=1`).
    pub resolution: f64,
    /// A level is kept while its modularity gain over the previous level is `> threshold`
    /// (the level that fails is still returned, as networkx yields it). Finite, `>= 0`.
    pub threshold: f64,
    /// Largest number of levels, `>= 1`; `None`: no limit.
    pub max_level: Option<usize>,
    /// Seed of the node orders.
    pub seed: u64,
    /// Use the arc weights (if any) or count every edge as 1.
    pub use_weights: bool,
}

impl Default for LouvainParams {
    fn default() -> Self {
        LouvainParams {
            resolution: 1.0,
            threshold: 1e-7,
            max_level: None,
            seed: 0,
            use_weights: true,
        }
    }
}

/// The levels of a multi-level partition.
#[derive(Debug, Clone, PartialEq)]
pub struct Hierarchy {
    /// Membership of every original node after each level, finest first, each canonical
    /// (ids `0..k` by first appearance). At least one level.
    pub levels: Vec<Vec<u32>>,
    /// Modularity of each level (NaN for a graph without edges).
    pub modularity: Vec<f64>,
}

pub(crate) fn check_resolution(r: f64) -> Result<()> {
    if !(r.is_finite() && r >= 0.0) {
        return Err(Error::param(
            "resolution",
            format!("must be finite and >= 0, got {r}"),
        ));
    }
    Ok(())
}

pub(crate) fn check_max_level(m: Option<usize>) -> Result<()> {
    if m == Some(0) {
        return Err(Error::param(
            "max_level",
            "must be a positive integer or None, got 0",
        ));
    }
    Ok(())
}

/// Louvain communities: every level of the multi-level procedure, finest first.
///
/// Each level moves nodes of the current (aggregated) graph to the neighbouring community of
/// best modularity gain until no move improves (see `local_moving`: a seeded order, fixed
/// batches, so the same seed gives the same levels on any number of threads), then aggregates
/// the communities into nodes. As networkx's `louvain_partitions`: the first level is always
/// returned; a later level is returned when it moved a node; the procedure stops after a level
/// whose modularity gain is `<= threshold`, or after `max_level` levels. Directed graphs use
/// directed modularity (Leicht–Newman; Dugué & Perez's directed Louvain), as networkx does.
///
/// # Errors
/// [`Error::InvalidParameter`] (resolution, threshold, max_level), [`Error::InvalidGraph`]
/// (a NaN, infinite or negative weight), [`Error::Interrupted`].
///
/// # Complexity
/// O(m) per round of moves and per aggregation; memory O(n + m) for the level graph.
///
/// # References
/// V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast unfolding of
/// communities in large networks", J. Stat. Mech. P10008, 2008. N. Dugué and A. Perez,
/// "Directed Louvain: maximizing modularity in directed networks", 2015.
///
/// # Example
/// ```
/// use impactgraph_core::{BuildOptions, Cancel, Csr};
/// use impactgraph_core::community::{louvain, LouvainParams};
/// // Two triangles joined by the edge 2-3.
/// let (s, d) = ([0u32, 1, 2, 3, 4, 5, 2], [1u32, 2, 0, 4, 5, 3, 3]);
/// let g = Csr::from_edges(&s, &d, None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let h = louvain(&g, &LouvainParams::default(), &Cancel::new()).unwrap();
/// assert_eq!(h.levels.last().unwrap(), &[0, 0, 0, 1, 1, 1]);
/// ```
pub fn louvain(g: &Csr, p: &LouvainParams, cancel: &Cancel) -> Result<Hierarchy> {
    check_resolution(p.resolution)?;
    if !(p.threshold.is_finite() && p.threshold >= 0.0) {
        return Err(Error::param(
            "threshold",
            format!("must be finite and >= 0, got {}", p.threshold),
        ));
    }
    check_max_level(p.max_level)?;
    let w = g.checked_weights(p.use_weights, "Louvain needs non-negative weights")?;
    let n = g.num_nodes();
    let mut lg = LevelGraph::from_csr(g, w, cancel)?;
    let mut global: Vec<u32> = (0..n as u32).collect();
    let mut levels = Vec::new();
    let mut mods = Vec::new();
    let mut prev_q = lg.singleton_modularity(p.resolution);
    let max_level = p.max_level.unwrap_or(usize::MAX);
    let mut level = 0usize;
    loop {
        cancel.check()?;
        let mut rng = Rng::stream(p.seed, level as u64);
        let mut st = MoveState::new(&lg, (0..lg.n() as u32).collect());
        let moves = move_nodes(&lg, &mut st, p.resolution, &mut rng, cancel)?;
        if level > 0 && moves == 0 {
            break;
        }
        let mut comm = st.comm;
        let k = renumber(&mut comm);
        for c in global.iter_mut() {
            *c = comm[*c as usize];
        }
        let q = lg.modularity(&comm, k, p.resolution);
        levels.push(global.clone());
        mods.push(q);
        level += 1;
        // NaN: a graph without edges; stop.
        if q.is_nan() || q - prev_q <= p.threshold || level >= max_level {
            break;
        }
        prev_q = q;
        lg = lg.aggregate(&comm, k, cancel)?;
    }
    Ok(Hierarchy {
        levels,
        modularity: mods,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csr::BuildOptions;

    fn graph(s: &[u32], d: &[u32], directed: bool) -> Csr {
        let o = BuildOptions {
            directed,
            ..BuildOptions::default()
        };
        Csr::from_edges(s, d, None, &o, &Cancel::new()).unwrap()
    }

    /// Two 4-cliques {0..3} and {4..7} joined by the edge 3-4:
    /// ```text
    ///  0-1   5-6
    ///  |X|   |X|
    ///  2-3 - 4-7
    /// ```
    #[test]
    fn two_cliques() {
        let mut s = vec![];
        let mut d = vec![];
        for base in [0u32, 4] {
            for a in 0..4 {
                for b in a + 1..4 {
                    s.push(base + a);
                    d.push(base + b);
                }
            }
        }
        s.push(3);
        d.push(4);
        let g = graph(&s, &d, false);
        for seed in 0..10 {
            let p = LouvainParams {
                seed,
                ..Default::default()
            };
            let h = louvain(&g, &p, &Cancel::new()).unwrap();
            assert_eq!(h.levels.last().unwrap(), &[0, 0, 0, 0, 1, 1, 1, 1]);
            // Q = 2 * (13/26 - (13/26)^2) = 0.5 - ... : internal 12 arcs each of 26 total.
            let q = 2.0 * (12.0 / 26.0 - (13.0f64 / 26.0).powi(2));
            assert!((h.modularity.last().unwrap() - q).abs() < 1e-12);
        }
    }

    /// Two triangles, an edge and an isolated node, in no particular id order:
    /// ```text
    ///  0-3-5   1-6   2   4-7-8-4
    ///  \___/
    /// ```
    #[test]
    fn disconnected_components() {
        let g = graph(&[0, 3, 5, 1, 4, 7, 8], &[3, 5, 0, 6, 7, 8, 4], false);
        for seed in 0..10 {
            let p = LouvainParams {
                seed,
                ..Default::default()
            };
            let h = louvain(&g, &p, &Cancel::new()).unwrap();
            assert_eq!(h.levels.last().unwrap(), &[0, 1, 2, 0, 3, 0, 1, 3, 3]);
        }
    }

    #[test]
    fn no_edges_and_empty() {
        let g = graph(&[], &[], false);
        let h = louvain(&g, &LouvainParams::default(), &Cancel::new()).unwrap();
        assert_eq!(h.levels, vec![Vec::<u32>::new()]);
        let o = BuildOptions {
            num_nodes: Some(3),
            ..BuildOptions::default()
        };
        let g = Csr::from_edges::<u32>(&[], &[], None, &o, &Cancel::new()).unwrap();
        let h = louvain(&g, &LouvainParams::default(), &Cancel::new()).unwrap();
        assert_eq!(h.levels, vec![vec![0, 1, 2]]);
        assert!(h.modularity[0].is_nan());
    }

    #[test]
    fn bad_parameters() {
        let g = graph(&[0], &[1], false);
        let c = Cancel::new();
        for (p, name) in [
            (
                LouvainParams {
                    resolution: -1.0,
                    ..Default::default()
                },
                "resolution",
            ),
            (
                LouvainParams {
                    resolution: f64::NAN,
                    ..Default::default()
                },
                "resolution",
            ),
            (
                LouvainParams {
                    threshold: -1.0,
                    ..Default::default()
                },
                "threshold",
            ),
            (
                LouvainParams {
                    max_level: Some(0),
                    ..Default::default()
                },
                "max_level",
            ),
        ] {
            match louvain(&g, &p, &c) {
                Err(Error::InvalidParameter { name: got, .. }) => assert_eq!(got, name),
                other => panic!("{other:?}"),
            }
        }
    }
}
