//! Structure of a graph: degrees, strengths and (strongly) connected components.
//!
//! * [`degree`], [`strength`] — unweighted and weighted degrees with networkx's conventions.
//! * [`connected_components`] — Afforest (Sutton, Ben-Nun & Barak 2018), weak components for
//!   directed graphs.
//! * [`strongly_connected_components`] — parallel trim, one forward-backward search for the
//!   giant component, then an iterative Tarjan on the rest.
//! * [`number_of_components`] — the count of a canonical labelling.
//!
//! Component labels are canonical: component `k` is the one whose smallest node id is the
//! `k`-th smallest among the components' smallest node ids. The labelling therefore depends on
//! the partition only, never on the number of threads or the order of parallel work.

mod components;
mod degree;
mod scc;
#[cfg(test)]
pub(crate) mod testutil;

pub use components::{connected_components, number_of_components};
pub use degree::{degree, strength, Direction};
pub use scc::{strongly_connected_components, strongly_connected_components_in_search_order};

/// Marker for "no component yet" in representative arrays.
const UNASSIGNED: u32 = u32::MAX;

/// Canonical labels from representatives: `rep[u]` is any node id of `u`'s component (the same
/// for every member). Labels are numbered by increasing smallest member id.
fn canonical_labels(rep: &[u32]) -> Vec<u32> {
    let n = rep.len();
    let mut map = vec![UNASSIGNED; n];
    let mut out = Vec::with_capacity(n);
    let mut next = 0u32;
    for &r in rep {
        let m = &mut map[r as usize];
        if *m == UNASSIGNED {
            *m = next;
            next += 1;
        }
        out.push(*m);
    }
    out
}
