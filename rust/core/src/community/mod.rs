//! Community detection: partitions of the nodes into groups that are more densely tied inside
//! than to the rest.
//!
//! * `modularity` — Newman–Girvan modularity (directed: Leicht–Newman), networkx's value.
//! * `label_propagation` — semi-synchronous (networkx), asynchronous and LDBC CDLP label
//!   propagation.
//! * `louvain`, `leiden` — multi-level modularity optimisation (Blondel et al. 2008; Traag,
//!   Waltman & van Eck 2019), deterministic for a seed on any number of threads.
//!
//! A partition is a `Vec<u32>` of community ids indexed by node id. [`renumber`] puts it in
//! the canonical form every function returns: ids `0..k` in order of first appearance.

// ---- modularity and label propagation -------------------------------------------------------

mod label_propagation;
mod modularity;
pub use label_propagation::{asyn_lpa, cdlp, fast_label_propagation, label_propagation};
pub use modularity::modularity;

// ---- louvain and leiden ---------------------------------------------------------------------

mod leiden;
mod level;
mod local_moving;
mod louvain;
pub use leiden::{leiden, LeidenParams};
pub use louvain::{louvain, Hierarchy, LouvainParams};

// ---- shared ---------------------------------------------------------------------------------

/// Renumber community ids in place to `0..k`, in order of first appearance along node ids
/// (the canonical form of every partition the core returns), and return `k`.
///
/// # Example
/// ```
/// use impactgraph_core::community::renumber;
/// let mut c = vec![7, 7, 3, 9, 3];
/// assert_eq!(renumber(&mut c), 3);
/// assert_eq!(c, [0, 0, 1, 2, 1]);
/// ```
pub fn renumber(membership: &mut [u32]) -> usize {
    let max = membership
        .iter()
        .copied()
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut map = vec![u32::MAX; max];
    let mut k = 0u32;
    for c in membership.iter_mut() {
        let slot = &mut map[*c as usize];
        if *slot == u32::MAX {
            *slot = k;
            k += 1;
        }
        *c = *slot;
    }
    k as usize
}
