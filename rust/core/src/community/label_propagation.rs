//! Label propagation: networkx's semi-synchronous variant (Cordasco & Gargano), the asynchronous
//! variant (Raghavan, Albert & Kumara) and LDBC Graphalytics' synchronous CDLP.

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::Csr;
use crate::error::{Error, Result};
use crate::rng::Rng;
use crate::NodeId;

/// Nodes per parallel block (each block sorts its nodes' neighbour labels in one buffer).
const BLOCK: usize = 1024;

/// The most frequent labels among `labels[v]` for `v` in `nbrs`, by counting runs of the sorted
/// labels in `buf`: returns `(smallest, largest, current_is_among)` of the most frequent ones.
/// `nbrs` must not be empty.
#[inline]
fn modes(
    labels: &[u32],
    nbrs: &[NodeId],
    extra: &[NodeId],
    current: u32,
    buf: &mut Vec<u32>,
) -> (u32, u32, bool) {
    buf.clear();
    buf.extend(nbrs.iter().chain(extra).map(|&v| labels[v as usize]));
    buf.sort_unstable();
    let (mut best, mut smallest, mut largest, mut has_current) = (0usize, 0u32, 0u32, false);
    let mut i = 0;
    while i < buf.len() {
        let l = buf[i];
        let mut j = i + 1;
        while j < buf.len() && buf[j] == l {
            j += 1;
        }
        let c = j - i;
        if c > best {
            (best, smallest, largest, has_current) = (c, l, l, l == current);
        } else if c == best {
            largest = l;
            has_current |= l == current;
        }
        i = j;
    }
    (smallest, largest, has_current)
}

/// networkx's update rule: keep the current label if it is among the most frequent neighbour
/// labels, otherwise take the largest of them (the only one, when it is unique).
#[inline]
fn semi_sync_choice(g: &Csr, labels: &[u32], u: usize, buf: &mut Vec<u32>) -> u32 {
    let nbrs = g.out_neighbors(u);
    let current = labels[u];
    if nbrs.is_empty() {
        return current;
    }
    let (_, largest, has_current) = modes(labels, nbrs, &[], current, buf);
    if has_current {
        current
    } else {
        largest
    }
}

/// A permutation of `0..n` (the rank of each node) drawn from `seed`, or the identity.
fn ranks(n: usize, seed: Option<u64>) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    if let Some(s) = seed {
        Rng::new(s).shuffle(&mut order);
        let mut rank = vec![0u32; n];
        for (r, &u) in order.iter().enumerate() {
            rank[u as usize] = r as u32;
        }
        rank
    } else {
        order
    }
}

/// Greedy colouring with networkx's `largest_first` strategy: nodes by decreasing degree (a
/// self-loop counting twice), ties by increasing `rank`, each taking the smallest colour unused
/// by its coloured neighbours. Returns the colour classes as `(offsets, nodes)`.
fn color_classes(g: &Csr, rank: &[u32], cancel: &Cancel) -> Result<(Vec<usize>, Vec<NodeId>)> {
    let n = g.num_nodes();
    let degree = |u: usize| {
        let nb = g.out_neighbors(u);
        nb.len() + usize::from(nb.binary_search(&(u as NodeId)).is_ok())
    };
    let mut order: Vec<(usize, u32, NodeId)> = (0..n)
        .into_par_iter()
        .map(|u| (usize::MAX - degree(u), rank[u], u as NodeId))
        .collect();
    order.par_sort_unstable();
    cancel.check()?;
    let mut color = vec![u32::MAX; n];
    // `stamp[c] == i` marks colour c as used by a neighbour of the i-th node coloured.
    let mut stamp: Vec<usize> = Vec::new();
    let mut classes = 0usize;
    for (i, &(_, _, u)) in order.iter().enumerate() {
        if i % (1 << 16) == 0 {
            cancel.check()?;
        }
        for &v in g.out_neighbors(u as usize) {
            let c = color[v as usize];
            if c != u32::MAX {
                stamp[c as usize] = i;
            }
        }
        let c = (0..classes).find(|&c| stamp[c] != i).unwrap_or(classes);
        if c == classes {
            classes += 1;
            stamp.push(usize::MAX);
        }
        color[u as usize] = c as u32;
    }
    let mut offsets = vec![0usize; classes + 1];
    for &c in &color {
        offsets[c as usize + 1] += 1;
    }
    for c in 0..classes {
        offsets[c + 1] += offsets[c];
    }
    let mut fill = offsets.clone();
    let mut nodes = vec![0 as NodeId; n];
    for (u, &c) in color.iter().enumerate() {
        nodes[fill[c as usize]] = u as NodeId;
        fill[c as usize] += 1;
    }
    Ok((offsets, nodes))
}

/// Semi-synchronous label propagation, exactly networkx's `label_propagation_communities`.
///
/// The nodes are coloured greedily (networkx's `greedy_color` with the `largest_first`
/// strategy), every node starts with its own label, and rounds are repeated until every node
/// with a neighbour holds one of the most frequent labels among its neighbours: in each round
/// the colour classes are updated in turn (colour 0 first), each node of a class taking the
/// most frequent neighbour label, its current label if that is among the most frequent, and the
/// largest of them otherwise. Nodes of one class are not adjacent, so a class is updated in
/// parallel with the same result as networkx's sequential loop.
///
/// With `seed = None`, node `u` has rank `u`; with `Some(s)`, the ranks are a random permutation
/// drawn from `s`. Ranks are the initial labels, break the degree ties of the colouring order,
/// and order labels for the "largest" tie rule: the result is networkx's on the same graph with
/// its nodes inserted in rank order.
///
/// Returns a canonical membership (see [`super::renumber`]).
///
/// # Errors
/// [`Error::InvalidGraph`] for directed graphs (networkx: `NetworkXNotImplemented`);
/// [`Error::Interrupted`].
///
/// # Complexity
/// O(n log n + m) for the colouring (sequential greedy pass), then O(m log d) per round, in
/// parallel within each colour class; O(n + m) memory. Rounds are polled for cancellation. The
/// number of rounds is small in practice (Cordasco & Gargano prove convergence of the
/// semi-synchronous scheme; there is no round limit, as in networkx).
///
/// # Reference
/// G. Cordasco and L. Gargano, "Community detection via semi-synchronous label propagation
/// algorithms", IEEE BASNA 2010.
///
/// # Example
/// ```
/// use impactgraph_core::{community::label_propagation, BuildOptions, Cancel, Csr};
/// // Two triangles joined by the edge 2-3.
/// let (src, dst) = ([0u32, 0, 1, 3, 3, 4, 2], [1u32, 2, 2, 4, 5, 5, 3]);
/// let g = Csr::from_edges(&src, &dst, None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// assert_eq!(label_propagation(&g, None, &Cancel::new()).unwrap(), [0, 0, 0, 1, 1, 1]);
/// ```
pub fn label_propagation(g: &Csr, seed: Option<u64>, cancel: &Cancel) -> Result<Vec<u32>> {
    if g.is_directed() {
        return Err(Error::graph(
            "label_propagation_communities is not implemented for directed graphs (as in \
             networkx); use asyn_lpa_communities or cdlp, or an undirected graph",
        ));
    }
    let n = g.num_nodes();
    let rank = ranks(n, seed);
    let (offsets, class_nodes) = color_classes(g, &rank, cancel)?;
    let mut labels = rank;
    let mut next = vec![0u32; n];
    loop {
        cancel.check()?;
        // networkx checks completion before every round.
        let labels_ref = &labels;
        let unstable = (0..n.div_ceil(BLOCK)).into_par_iter().any(|b| {
            let mut buf = Vec::new();
            (b * BLOCK..((b + 1) * BLOCK).min(n))
                .any(|u| semi_sync_choice(g, labels_ref, u, &mut buf) != labels_ref[u])
        });
        if !unstable {
            break;
        }
        for c in 0..offsets.len() - 1 {
            let nodes = &class_nodes[offsets[c]..offsets[c + 1]];
            let out = &mut next[..nodes.len()];
            let labels_ref = &labels;
            out.par_chunks_mut(BLOCK)
                .zip(nodes.par_chunks(BLOCK))
                .for_each(|(o, us)| {
                    let mut buf = Vec::new();
                    for (x, &u) in o.iter_mut().zip(us) {
                        *x = semi_sync_choice(g, labels_ref, u as usize, &mut buf);
                    }
                });
            for (&u, &l) in nodes.iter().zip(out.iter()) {
                labels[u as usize] = l;
            }
        }
    }
    super::renumber(&mut labels);
    Ok(labels)
}

/// Asynchronous label propagation with networkx's `asyn_lpa_communities` rules.
///
/// Every node starts with its own label. Each sweep visits the nodes in a fresh random order;
/// a node with at least one (out-)neighbour looks at the labels of its (out-)neighbours
/// (weighted by the arc weights when `use_weights`, a self-loop counting its own label) and, if
/// its label is not among the heaviest, takes one of the heaviest uniformly at random. The
/// sweeps stop after the first sweep without a change (every node then holds one of its
/// heaviest neighbour labels) or after `max_iter` sweeps.
///
/// Randomness: sweep `k` uses the stream `Rng::stream(seed, k)` for its order and its
/// tie-breaks. The updates are sequential (each sees the previous ones), so the result depends
/// on `seed` only, never on the number of threads.
///
/// # Errors
/// [`Error::InvalidParameter`] for `max_iter = Some(0)`; [`Error::InvalidGraph`] for negative
/// or non-finite weights (when used); [`Error::Interrupted`] (polled every 65536 nodes).
///
/// # Complexity
/// O(n + m) per sweep, sequential; O(n) memory (one dense accumulator and a touched list).
///
/// # Reference
/// U. N. Raghavan, R. Albert and S. Kumara, "Near linear time algorithm to detect community
/// structures in large-scale networks", Phys. Rev. E 76, 036106, 2007.
///
/// # Example
/// ```
/// use impactgraph_core::{community::asyn_lpa, BuildOptions, Cancel, Csr};
/// // Two 4-cliques joined by the edge 3-4.
/// let mut src = vec![];
/// let mut dst = vec![];
/// for base in [0u32, 4] {
///     for a in 0..4 { for b in a + 1..4 { src.push(base + a); dst.push(base + b); } }
/// }
/// src.push(3); dst.push(4);
/// let g = Csr::from_edges(&src, &dst, None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let c = asyn_lpa(&g, false, 7, None, &Cancel::new()).unwrap();
/// assert_eq!(c, [0, 0, 0, 0, 1, 1, 1, 1]);
/// ```
pub fn asyn_lpa(
    g: &Csr,
    use_weights: bool,
    seed: u64,
    max_iter: Option<usize>,
    cancel: &Cancel,
) -> Result<Vec<u32>> {
    if max_iter == Some(0) {
        return Err(Error::param(
            "max_iter",
            "must be a positive number of sweeps or None",
        ));
    }
    let weights = g.checked_weights(use_weights, "label propagation needs non-negative weights")?;
    let n = g.num_nodes();
    let out = g.out_adj();
    let mut labels: Vec<u32> = (0..n as u32).collect();
    let mut acc = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut best: Vec<u32> = Vec::new();
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut sweep = 0usize;
    loop {
        cancel.check()?;
        let mut rng = Rng::stream(seed, sweep as u64);
        order
            .iter_mut()
            .enumerate()
            .for_each(|(i, x)| *x = i as u32);
        rng.shuffle(&mut order);
        let mut changed = false;
        for (i, &u) in order.iter().enumerate() {
            if i % (1 << 16) == 0 {
                cancel.check()?;
            }
            let u = u as usize;
            let r = out.range(u);
            if r.is_empty() {
                continue;
            }
            for (k, &v) in out.indices[r.clone()].iter().enumerate() {
                let l = labels[v as usize];
                if !seen[l as usize] {
                    seen[l as usize] = true;
                    touched.push(l);
                }
                acc[l as usize] += weights.map_or(1.0, |w| w[r.start + k]);
            }
            let mut max = f64::NEG_INFINITY;
            best.clear();
            let mut has_current = false;
            for &l in &touched {
                let x = acc[l as usize];
                if x > max {
                    max = x;
                    best.clear();
                    has_current = false;
                }
                if x == max {
                    best.push(l);
                    has_current |= l == labels[u];
                }
            }
            for &l in &touched {
                acc[l as usize] = 0.0;
                seen[l as usize] = false;
            }
            touched.clear();
            if !has_current {
                labels[u] = best[rng.below(best.len() as u64) as usize];
                changed = true;
            }
        }
        sweep += 1;
        if !changed || max_iter.is_some_and(|m| sweep >= m) {
            break;
        }
    }
    super::renumber(&mut labels);
    Ok(labels)
}

/// Fast label propagation (Traag & Šubelj) with networkx's `fast_label_propagation_communities`
/// rules.
///
/// Every node starts with its own label and the nodes enter a queue in a random order. The
/// node at the head of the queue leaves it; if it has a neighbour it counts the labels of all
/// its neighbours (in- and out-neighbours for directed graphs, a neighbour in both directions
/// twice; weighted by the arc weights when `use_weights`; an undirected self-loop counts the
/// node's own label once, a directed one twice) and takes one of the most frequent (heaviest)
/// labels uniformly at random, possibly its own. If its label changed, every neighbour not in
/// the queue and holding another label joins the back of the queue. It stops when the queue is
/// empty.
///
/// Randomness: one stream `Rng::stream(seed, 0)` for the initial order and every tie-break;
/// the updates are sequential, so the result depends on `seed` only, never on the number of
/// threads.
///
/// # Errors
/// [`Error::InvalidGraph`] for negative or non-finite weights (when used);
/// [`Error::Interrupted`] (polled every 65536 updates).
///
/// # Complexity
/// O(n + m) per pass over the queue in practice (each update costs the node's degree; the
/// paper reports a few passes); O(n) memory (a ring queue, a dense accumulator, flags).
///
/// # Reference
/// V. A. Traag and L. Šubelj, "Large network community detection by fast label propagation",
/// Sci. Rep. 13, 2701, 2023.
///
/// # Example
/// ```
/// use impactgraph_core::{community::fast_label_propagation, BuildOptions, Cancel, Csr};
/// // Two triangles 0-1-2 and 3-4-5, no edge between them.
/// let g = Csr::from_edges(&[0u32, 1, 2, 3, 4, 5], &[1u32, 2, 0, 4, 5, 3], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// let c = fast_label_propagation(&g, false, 3, &Cancel::new()).unwrap();
/// assert_eq!(c, [0, 0, 0, 1, 1, 1]);
/// ```
pub fn fast_label_propagation(
    g: &Csr,
    use_weights: bool,
    seed: u64,
    cancel: &Cancel,
) -> Result<Vec<u32>> {
    let out_w = g.checked_weights(use_weights, "label propagation needs non-negative weights")?;
    let n = g.num_nodes();
    let directed = g.is_directed();
    let out = g.out_adj();
    let inc = g.in_adj();
    let in_w = if out_w.is_some() && directed {
        inc.weights.as_deref()
    } else {
        None
    };
    let mut labels: Vec<u32> = (0..n as u32).collect();
    let mut rng = Rng::stream(seed, 0);
    let mut order: Vec<u32> = (0..n as u32).collect();
    rng.shuffle(&mut order);
    let mut queue: std::collections::VecDeque<u32> = order.into();
    let mut queued = vec![true; n];
    let mut acc = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut best: Vec<u32> = Vec::new();
    let mut updates = 0usize;
    while let Some(u) = queue.pop_front() {
        if updates % (1 << 16) == 0 {
            cancel.check()?;
        }
        updates += 1;
        let u = u as usize;
        queued[u] = false;
        let ro = out.range(u);
        let ri = if directed { inc.range(u) } else { 0..0 };
        if ro.is_empty() && ri.is_empty() {
            continue;
        }
        let arcs = out.indices[ro.clone()]
            .iter()
            .enumerate()
            .map(|(k, &v)| (v, out_w.map_or(1.0, |w| w[ro.start + k])))
            .chain(
                inc.indices[ri.clone()]
                    .iter()
                    .enumerate()
                    .map(|(k, &v)| (v, in_w.map_or(1.0, |w| w[ri.start + k]))),
            );
        for (v, w) in arcs {
            let l = labels[v as usize];
            if !seen[l as usize] {
                seen[l as usize] = true;
                touched.push(l);
            }
            acc[l as usize] += w;
        }
        let mut max = f64::NEG_INFINITY;
        best.clear();
        for &l in &touched {
            let x = acc[l as usize];
            if x > max {
                max = x;
                best.clear();
            }
            if x == max {
                best.push(l);
            }
        }
        for &l in &touched {
            acc[l as usize] = 0.0;
            seen[l as usize] = false;
        }
        touched.clear();
        let new = best[rng.below(best.len() as u64) as usize];
        if new == labels[u] {
            continue;
        }
        labels[u] = new;
        let nbrs = out.indices[ro].iter().chain(&inc.indices[ri]);
        for &v in nbrs {
            let v = v as usize;
            if labels[v] != new && !queued[v] {
                queued[v] = true;
                queue.push_back(v as u32);
            }
        }
    }
    super::renumber(&mut labels);
    Ok(labels)
}

/// LDBC Graphalytics community detection by label propagation (CDLP).
///
/// Every node starts with its own label; in each of `max_iter` synchronous iterations every
/// node takes the most frequent label among its neighbours, ties going to the smallest label; a
/// node without neighbours keeps its label. For directed graphs both in- and out-neighbours are
/// counted, a neighbour in both directions twice (the LDBC specification). Iterations stop
/// early once no label changes (later ones would change nothing).
///
/// Labels are node ids ordered by `order`: `order[u]` is the rank of node `u` among the LDBC
/// vertex ids (`None`: node ids are in LDBC order). The returned vector holds, for every node,
/// the node id whose initial label it ends with.
///
/// # Errors
/// [`Error::InvalidParameter`] if `order` is not a permutation of `0..n`;
/// [`Error::Interrupted`] (polled once per iteration).
///
/// # Complexity
/// O(m log d) per iteration (each node sorts its neighbours' labels), parallel over nodes with
/// a double buffer; O(n) extra memory. Deterministic: the result does not depend on the number
/// of threads.
///
/// # Reference
/// A. Iosup et al., "LDBC Graphalytics: A Benchmark for Large-Scale Graph Analysis on Parallel
/// and Distributed Platforms", PVLDB 9(13), 2016; specification v1.0, section "Community
/// detection using label propagation".
///
/// # Example
/// ```
/// use impactgraph_core::{community::cdlp, BuildOptions, Cancel, Csr};
/// // A path 0 - 1 - 2: after one iteration labels are [1, 0, 1], then [0, 1, 0], ...
/// let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], None, &BuildOptions::default(), &Cancel::new()).unwrap();
/// assert_eq!(cdlp(&g, None, 1, &Cancel::new()).unwrap(), [1, 0, 1]);
/// assert_eq!(cdlp(&g, None, 2, &Cancel::new()).unwrap(), [0, 1, 0]);
/// ```
pub fn cdlp(g: &Csr, order: Option<&[u32]>, max_iter: usize, cancel: &Cancel) -> Result<Vec<u32>> {
    let n = g.num_nodes();
    if let Some(o) = order {
        if o.len() != n {
            return Err(Error::param(
                "order",
                format!("expected one rank per node ({n}), got {}", o.len()),
            ));
        }
        let mut seen = vec![false; n];
        for &r in o {
            if (r as usize) >= n || std::mem::replace(&mut seen[r as usize], true) {
                return Err(Error::param("order", "must be a permutation of 0..n"));
            }
        }
    }
    let mut labels: Vec<u32> = match order {
        Some(o) => o.to_vec(),
        None => (0..n as u32).collect(),
    };
    let mut next = vec![0u32; n];
    let directed = g.is_directed();
    for _ in 0..max_iter {
        cancel.check()?;
        let cur = &labels;
        let changed = next
            .par_chunks_mut(BLOCK)
            .enumerate()
            .map(|(b, chunk)| {
                let mut buf = Vec::new();
                let mut changed = false;
                for (i, x) in chunk.iter_mut().enumerate() {
                    let u = b * BLOCK + i;
                    let outs = g.out_neighbors(u);
                    let ins: &[NodeId] = if directed { g.in_neighbors(u) } else { &[] };
                    *x = if outs.is_empty() && ins.is_empty() {
                        cur[u]
                    } else {
                        modes(cur, outs, ins, cur[u], &mut buf).0
                    };
                    changed |= *x != cur[u];
                }
                changed
            })
            .reduce(|| false, |a, b| a || b);
        std::mem::swap(&mut labels, &mut next);
        if !changed {
            break;
        }
    }
    // Rank -> node id.
    let mut node_of = vec![0u32; n];
    match order {
        Some(o) => {
            for (u, &r) in o.iter().enumerate() {
                node_of[r as usize] = u as u32;
            }
        }
        None => node_of
            .iter_mut()
            .enumerate()
            .for_each(|(i, x)| *x = i as u32),
    }
    labels
        .par_iter_mut()
        .for_each(|l| *l = node_of[*l as usize]);
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::testutil::{build, in_pool, random_graph, same_partition};

    /// networkx's algorithm, transcribed sequentially (colour classes updated node by node).
    fn semi_sync_oracle(g: &Csr, rank: &[u32]) -> Vec<u32> {
        let n = g.num_nodes();
        let (offsets, nodes) = color_classes(g, rank, &Cancel::new()).unwrap();
        let mut labels = rank.to_vec();
        let freq = |labels: &[u32], u: usize| {
            let mut m = std::collections::BTreeMap::new();
            for &v in g.out_neighbors(u) {
                *m.entry(labels[v as usize]).or_insert(0) += 1;
            }
            let max = m.values().copied().max().unwrap_or(0);
            m.into_iter()
                .filter(|&(_, c)| c == max)
                .map(|(l, _)| l)
                .collect::<Vec<u32>>()
        };
        let complete = |labels: &[u32]| {
            (0..n).all(|u| g.out_neighbors(u).is_empty() || freq(labels, u).contains(&labels[u]))
        };
        while !complete(&labels) {
            for c in 0..offsets.len() - 1 {
                for &u in &nodes[offsets[c]..offsets[c + 1]] {
                    let high = freq(&labels, u as usize);
                    if high.len() == 1 {
                        labels[u as usize] = high[0];
                    } else if high.len() > 1 && !high.contains(&labels[u as usize]) {
                        labels[u as usize] = *high.last().unwrap();
                    }
                }
            }
        }
        crate::community::renumber(&mut labels);
        labels
    }

    #[test]
    fn coloring_is_proper_and_largest_first() {
        let g = random_graph(300, 900, false, false, 5);
        let rank: Vec<u32> = (0..300).collect();
        let (off, nodes) = color_classes(&g, &rank, &Cancel::new()).unwrap();
        let mut col = vec![0usize; 300];
        for c in 0..off.len() - 1 {
            for &u in &nodes[off[c]..off[c + 1]] {
                col[u as usize] = c;
            }
        }
        for u in 0..300 {
            for &v in g.out_neighbors(u) {
                assert!(v as usize == u || col[v as usize] != col[u]);
            }
        }
        // star: the centre (degree 3) is coloured first, gets 0, the leaves 1.
        let s = build(&[0, 0, 0], &[1, 2, 3], None, false, None);
        let (off, nodes) = color_classes(&s, &[0, 1, 2, 3], &Cancel::new()).unwrap();
        assert_eq!((off, nodes), (vec![0, 1, 4], vec![0, 1, 2, 3]));
    }

    #[test]
    fn semi_sync_matches_sequential_oracle_and_threads() {
        for seed in 0..20u64 {
            let n = 50 + (seed as u32) * 13;
            let g = random_graph(n, 3 * n as usize, false, false, seed);
            let got = in_pool(1, || label_propagation(&g, None, &Cancel::new()).unwrap());
            let rank: Vec<u32> = (0..n).collect();
            assert_eq!(got, semi_sync_oracle(&g, &rank), "seed {seed}");
            let par = in_pool(3, || label_propagation(&g, None, &Cancel::new()).unwrap());
            assert_eq!(got, par);
            // a seed is the same algorithm on the graph relabelled by the seed's permutation
            let s = in_pool(2, || {
                label_propagation(&g, Some(seed), &Cancel::new()).unwrap()
            });
            assert_eq!(s, semi_sync_oracle(&g, &ranks(n as usize, Some(seed))));
            assert_eq!(
                s,
                in_pool(1, || label_propagation(&g, Some(seed), &Cancel::new())
                    .unwrap())
            );
        }
    }

    #[test]
    fn semi_sync_errors_and_edge_cases() {
        let d = build(&[0], &[1], None, true, None);
        let e = label_propagation(&d, None, &Cancel::new()).unwrap_err();
        assert!(
            e.to_string().contains("not implemented for directed"),
            "{e}"
        );
        let empty = build(&[], &[], None, false, Some(0));
        assert!(label_propagation(&empty, None, &Cancel::new())
            .unwrap()
            .is_empty());
        let iso = build(&[1], &[1], None, false, Some(3));
        assert_eq!(
            label_propagation(&iso, None, &Cancel::new()).unwrap(),
            [0, 1, 2]
        );
        let c = Cancel::new();
        c.cancel();
        let g = random_graph(100, 300, false, false, 1);
        assert_eq!(label_propagation(&g, None, &c), Err(Error::Interrupted));
        assert_eq!(asyn_lpa(&g, false, 1, None, &c), Err(Error::Interrupted));
        assert_eq!(cdlp(&g, None, 3, &c), Err(Error::Interrupted));
    }

    /// Every node with an out-neighbour holds one of its heaviest out-neighbour labels.
    fn is_stable(g: &Csr, memb: &[u32], use_w: bool) -> bool {
        let out = g.out_adj();
        (0..g.num_nodes()).all(|u| {
            let r = out.range(u);
            if r.is_empty() {
                return true;
            }
            let mut m = std::collections::BTreeMap::new();
            for i in r {
                let w = if use_w {
                    out.weights.as_ref().map_or(1.0, |w| w[i])
                } else {
                    1.0
                };
                *m.entry(memb[out.indices[i] as usize]).or_insert(0.0) += w;
            }
            let max = m.values().copied().fold(f64::NEG_INFINITY, f64::max);
            m[&memb[u]] == max
        })
    }

    #[test]
    fn asyn_is_stable_seeded_and_thread_independent() {
        for seed in 0..12u64 {
            let directed = seed % 3 == 0;
            let weighted = seed % 2 == 0;
            let g = random_graph(200, 700, directed, weighted, seed);
            let a = in_pool(1, || {
                asyn_lpa(&g, true, seed, None, &Cancel::new()).unwrap()
            });
            let b = in_pool(3, || {
                asyn_lpa(&g, true, seed, None, &Cancel::new()).unwrap()
            });
            assert_eq!(a, b);
            assert!(is_stable(&g, &a, true), "seed {seed}");
        }
        let g = random_graph(200, 700, false, false, 1);
        let runs: Vec<Vec<u32>> = (0..5)
            .map(|s| asyn_lpa(&g, false, s, None, &Cancel::new()).unwrap())
            .collect();
        assert!(runs.iter().any(|r| !same_partition(r, &runs[0])));
        let one = asyn_lpa(&g, false, 1, Some(1), &Cancel::new()).unwrap();
        assert_eq!(one.len(), 200);
        assert!(asyn_lpa(&g, false, 1, Some(0), &Cancel::new()).is_err());
    }

    /// Every node with a neighbour holds one of the heaviest labels among all its neighbours
    /// (in- and out-, a neighbour in both directions twice).
    fn is_stable_both(g: &Csr, memb: &[u32], use_w: bool) -> bool {
        let dirs: Vec<&crate::csr::Adjacency> = if g.is_directed() {
            vec![g.out_adj(), g.in_adj()]
        } else {
            vec![g.out_adj()]
        };
        (0..g.num_nodes()).all(|u| {
            let mut m = std::collections::BTreeMap::new();
            for a in &dirs {
                for i in a.range(u) {
                    let w = if use_w {
                        a.weights.as_ref().map_or(1.0, |w| w[i])
                    } else {
                        1.0
                    };
                    *m.entry(memb[a.indices[i] as usize]).or_insert(0.0) += w;
                }
            }
            let max = m.values().copied().fold(f64::NEG_INFINITY, f64::max);
            m.is_empty() || m[&memb[u]] == max
        })
    }

    #[test]
    fn fast_lpa_is_stable_seeded_and_thread_independent() {
        for seed in 0..12u64 {
            let directed = seed % 3 == 0;
            let weighted = seed % 2 == 0;
            let g = random_graph(200, 700, directed, weighted, seed);
            let a = in_pool(1, || {
                fast_label_propagation(&g, true, seed, &Cancel::new()).unwrap()
            });
            let b = in_pool(3, || {
                fast_label_propagation(&g, true, seed, &Cancel::new()).unwrap()
            });
            assert_eq!(a, b);
            assert!(is_stable_both(&g, &a, true), "seed {seed}");
            let u = fast_label_propagation(&g, false, seed, &Cancel::new()).unwrap();
            assert!(is_stable_both(&g, &u, false), "seed {seed}");
        }
        // two disjoint triangles and an isolated node: every seed finds them
        let g = build(
            &[0, 1, 2, 3, 4, 5],
            &[1, 2, 0, 4, 5, 3],
            None,
            false,
            Some(7),
        );
        for seed in 0..20u64 {
            let c = fast_label_propagation(&g, false, seed, &Cancel::new()).unwrap();
            assert_eq!(c, [0, 0, 0, 1, 1, 1, 2]);
        }
        let empty = build(&[], &[], None, false, Some(0));
        assert!(fast_label_propagation(&empty, false, 1, &Cancel::new())
            .unwrap()
            .is_empty());
        let neg = build(&[0], &[1], Some(&[-1.0]), false, None);
        assert!(fast_label_propagation(&neg, true, 1, &Cancel::new()).is_err());
        let c = Cancel::new();
        c.cancel();
        let g = random_graph(100, 300, false, false, 1);
        assert_eq!(
            fast_label_propagation(&g, false, 1, &c),
            Err(Error::Interrupted)
        );
    }

    /// The LDBC Graphalytics validation graph `cdlp/undir` (ids 1..8 shifted to 0..7) and its
    /// expected output after 5 iterations.
    #[test]
    fn cdlp_ldbc_validation_graphs() {
        let undir: &[&[u32]] = &[
            &[1, 2, 3, 7],
            &[2, 1, 3],
            &[3, 1, 2],
            &[4, 5, 6, 8],
            &[5, 4, 6, 7, 8],
            &[6, 4, 5, 7, 8],
            &[7, 1, 5, 6, 8],
            &[8, 4, 5, 6, 7],
        ];
        let dir: &[&[u32]] = &[
            &[1, 2, 3, 7],
            &[2, 1, 3],
            &[3, 1, 2],
            &[4, 5, 6],
            &[5, 4, 6, 7],
            &[6, 5, 7],
            &[7, 5, 6, 8],
            &[8, 6],
        ];
        let edges = |adj: &[&[u32]]| {
            let mut s = vec![];
            let mut d = vec![];
            for row in adj {
                for &v in &row[1..] {
                    s.push(row[0] - 1);
                    d.push(v - 1);
                }
            }
            (s, d)
        };
        let (s, d) = edges(undir);
        let g = build(&s, &d, None, false, None);
        assert_eq!(
            cdlp(&g, None, 5, &Cancel::new()).unwrap(),
            [0, 0, 0, 3, 3, 3, 3, 3]
        );
        let (s, d) = edges(dir);
        let g = build(&s, &d, None, true, None);
        assert_eq!(
            cdlp(&g, None, 5, &Cancel::new()).unwrap(),
            [0, 0, 0, 4, 3, 3, 3, 3]
        );
        // a rank order reversing the ids gives the mirrored ties
        let rev: Vec<u32> = (0..8).rev().collect();
        let got = cdlp(&g, Some(&rev), 5, &Cancel::new()).unwrap();
        assert_eq!(got.len(), 8);
        assert!(cdlp(&g, Some(&[0, 0, 1, 2, 3, 4, 5, 6]), 5, &Cancel::new()).is_err());
        assert!(cdlp(&g, Some(&[0, 1]), 5, &Cancel::new()).is_err());
    }

    #[test]
    fn cdlp_thread_independent() {
        for directed in [false, true] {
            let g = random_graph(5000, 20000, directed, false, 9);
            let a = in_pool(1, || cdlp(&g, None, 10, &Cancel::new()).unwrap());
            let b = in_pool(4, || cdlp(&g, None, 10, &Cancel::new()).unwrap());
            assert_eq!(a, b);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Sequential == parallel for every variant; the semi-synchronous result is networkx's
        /// (the sequential transcription) for the seed's node order.
        #[test]
        fn prop_seq_eq_par(
            n in 1u32..300,
            deg in 1usize..6,
            directed in proptest::bool::ANY,
            weighted in proptest::bool::ANY,
            seed in proptest::prelude::any::<u64>(),
        ) {
            let g = random_graph(n, deg * n as usize, directed, weighted, seed);
            let run = |k: usize| in_pool(k, || {
                let c = Cancel::new();
                (
                    (!directed).then(|| label_propagation(&g, Some(seed), &c).unwrap()),
                    asyn_lpa(&g, true, seed, None, &c).unwrap(),
                    cdlp(&g, None, 7, &c).unwrap(),
                )
            });
            let (a, b) = (run(1), run(3));
            proptest::prop_assert_eq!(&a, &b);
            if let Some(semi) = a.0 {
                proptest::prop_assert_eq!(semi, semi_sync_oracle(&g, &ranks(n as usize, Some(seed))));
            }
            proptest::prop_assert!(is_stable(&g, &a.1, true));
        }
    }
}
