//! Multi-level networks: memberships from nodes to groups of a higher level as CSR relations,
//! ties rolled up to groups through them, and the nodes that bridge groups.
//!
//! A [`Relation`] maps rows (members) to items (groups), both dense ids, in CSR form with each
//! row sorted and free of duplicates; its [`Relation::transpose`] maps groups to members. The
//! Python layer (`impactgraph.multilevel`) keeps labels, levels and times; the core only sees
//! ids.
//!
//! Every kernel here is deterministic: each output row is computed by one thread in a fixed
//! order, so sums of weights are identical for any number of threads.

use rayon::prelude::*;

use crate::bipartite::{self, ProjectionParams, Weighting};
use crate::cancel::Cancel;
use crate::csr::{Adjacency, Csr};
use crate::error::{Error, Result};
use crate::{EdgeIdx, NodeId};

/// Output rows handled per rayon task.
const ROWS_PER_TASK: usize = 64;

/// A relation rows -> items (members -> groups) in CSR form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Relation {
    /// Row offsets, length `num_rows + 1`.
    pub indptr: Vec<EdgeIdx>,
    /// Items of each row, increasing within a row, no duplicates.
    pub items: Vec<NodeId>,
}

fn check_id(array: &'static str, index: usize, value: i64, bound: usize) -> Result<NodeId> {
    if value < 0 || value as u64 >= bound as u64 {
        return Err(Error::NodeOutOfRange {
            array,
            index,
            value: value as i128,
            num_nodes: bound as u64,
        });
    }
    Ok(value as NodeId)
}

impl Relation {
    /// Number of rows.
    pub fn num_rows(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    /// Number of (row, item) pairs.
    pub fn num_pairs(&self) -> usize {
        self.items.len()
    }

    /// [`Error::NodeOutOfRange`] (array `"groups"`) when an item is not below `num_groups`.
    pub fn check_items_below(&self, num_groups: usize) -> Result<()> {
        match self.items.iter().position(|&t| t as usize >= num_groups) {
            None => Ok(()),
            Some(i) => Err(Error::NodeOutOfRange {
                array: "groups",
                index: i,
                value: self.items[i] as i128,
                num_nodes: num_groups as u64,
            }),
        }
    }

    /// The items of row `r`, increasing.
    #[inline]
    pub fn row(&self, r: usize) -> &[NodeId] {
        &self.items[self.indptr[r] as usize..self.indptr[r + 1] as usize]
    }

    /// Bytes held by the two arrays.
    pub fn nbytes(&self) -> usize {
        self.indptr.len() * std::mem::size_of::<EdgeIdx>()
            + self.items.len() * std::mem::size_of::<NodeId>()
    }

    /// The relation of the pairs `(rows[i], items[i])`.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`]; [`Error::NodeOutOfRange`] for a row not below `num_rows` or an
    /// item not below `num_items`; [`Error::InvalidParameter`] (`"memberships"`) for a pair
    /// given twice; [`Error::Interrupted`].
    ///
    /// # Complexity
    /// O(m log m) for a parallel sort of the `m` pairs, O(m + rows) memory.
    ///
    /// # Example
    /// ```
    /// use impactgraph_core::Cancel;
    /// use impactgraph_core::multilevel::Relation;
    /// let r = Relation::from_pairs(&[1, 0, 1], &[0, 1, 1], 2, 2, &Cancel::new()).unwrap();
    /// assert_eq!(r.indptr, vec![0, 1, 3]);
    /// assert_eq!(r.row(1), &[0, 1]);
    /// ```
    pub fn from_pairs(
        rows: &[i64],
        items: &[i64],
        num_rows: usize,
        num_items: usize,
        cancel: &Cancel,
    ) -> Result<Relation> {
        Error::check_same_len("members", rows.len(), "groups", items.len())?;
        if num_rows as u64 > crate::csr::MAX_NODES || num_items as u64 > crate::csr::MAX_NODES {
            return Err(Error::TooLarge {
                message: format!("{num_rows} rows or {num_items} items do not fit u32 ids"),
            });
        }
        let mut keys: Vec<u64> = rows
            .par_iter()
            .zip(items.par_iter())
            .enumerate()
            .map(|(i, (&r, &t))| {
                let r = check_id("members", i, r, num_rows)?;
                let t = check_id("groups", i, t, num_items)?;
                Ok(((r as u64) << 32) | t as u64)
            })
            .collect::<Result<Vec<u64>>>()?;
        cancel.check()?;
        keys.par_sort_unstable();
        cancel.check()?;
        if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
            return Err(Error::param(
                "memberships",
                format!(
                    "membership {} -> {} is given twice",
                    w[0] >> 32,
                    w[0] & 0xffff_ffff
                ),
            ));
        }
        let mut indptr = vec![0 as EdgeIdx; num_rows + 1];
        for &k in &keys {
            indptr[(k >> 32) as usize + 1] += 1;
        }
        for r in 0..num_rows {
            indptr[r + 1] += indptr[r];
        }
        let items = keys
            .par_iter()
            .map(|&k| (k & 0xffff_ffff) as NodeId)
            .collect();
        Ok(Relation { indptr, items })
    }

    /// The transposed relation items -> rows (`num_items` rows), each row increasing.
    ///
    /// # Complexity
    /// O(pairs + rows + items), sequential (a counting sort).
    pub fn transpose(&self, num_items: usize) -> Relation {
        let mut indptr = vec![0 as EdgeIdx; num_items + 1];
        for &t in &self.items {
            indptr[t as usize + 1] += 1;
        }
        for i in 0..num_items {
            indptr[i + 1] += indptr[i];
        }
        let mut next: Vec<EdgeIdx> = indptr[..num_items].to_vec();
        let mut items = vec![0 as NodeId; self.items.len()];
        for r in 0..self.num_rows() {
            for &t in self.row(r) {
                let p = &mut next[t as usize];
                items[*p as usize] = r as NodeId;
                *p += 1;
            }
        }
        Relation { indptr, items }
    }
}

/// Memberships over the global node ids of a network: `up` maps a node to the groups it belongs
/// to, `down` a group to its members.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Memberships {
    /// node -> groups.
    pub up: Relation,
    /// group -> members.
    pub down: Relation,
}

impl Memberships {
    /// Bytes held by the four arrays.
    pub fn nbytes(&self) -> usize {
        self.up.nbytes() + self.down.nbytes()
    }
}

/// Memberships `member[i] -> group[i]` over `node_level.len()` nodes, validated: ids in range,
/// every group on a higher level than its member, no membership twice.
///
/// # Errors
/// [`Error::NodeOutOfRange`], [`Error::LengthMismatch`], [`Error::InvalidParameter`]
/// (`"memberships"`: a membership that does not go up a level, or one given twice),
/// [`Error::Interrupted`].
///
/// # Complexity
/// O(m log m) work (parallel sort) for `m` memberships; O(n + m) memory.
///
/// # Example
/// ```
/// use impactgraph_core::Cancel;
/// use impactgraph_core::multilevel::memberships;
/// // members 0, 1; groups 2, 3 (level 1)
/// let m = memberships(&[0, 1, 1], &[2, 2, 3], &[0, 0, 1, 1], &Cancel::new()).unwrap();
/// assert_eq!(m.up.row(1), &[2, 3]);
/// assert_eq!(m.down.row(2), &[0, 1]);
/// assert!(memberships(&[2], &[0], &[0, 0, 1, 1], &Cancel::new()).is_err());
/// ```
pub fn memberships(
    member: &[i64],
    group: &[i64],
    node_level: &[i8],
    cancel: &Cancel,
) -> Result<Memberships> {
    let n = node_level.len();
    let up = Relation::from_pairs(member, group, n, n, cancel)?;
    // ids are in range now
    if let Some(i) = (0..member.len())
        .into_par_iter()
        .find_first(|&i| node_level[member[i] as usize] >= node_level[group[i] as usize])
    {
        let (m, g) = (member[i] as usize, group[i] as usize);
        return Err(Error::param(
            "memberships",
            format!(
                "membership {m} -> {g} (row {i}) does not go up a level (level {} -> {})",
                node_level[m], node_level[g]
            ),
        ));
    }
    cancel.check()?;
    let down = up.transpose(n);
    Ok(Memberships { up, down })
}

/// The one-mode projection of the undirected two-mode graph `g` onto its first `k` nodes (the
/// members; the other nodes are the groups), as an undirected graph on nodes `0..k`, weighted by
/// `weighting` when `weighted`. The rows of [`bipartite::project`] become the graph's CSR
/// directly: no edge list, no sort.
///
/// # Errors
/// [`Error::InvalidParameter`] (`g` directed, `k` above the number of nodes, a NaN
/// `min_weight`, `"ratio"` with no groups), [`Error::Interrupted`].
///
/// # Complexity
/// That of [`bipartite::project`] with both directions of every tie: O(two-step paths) work,
/// parallel over members.
///
/// # Example
/// ```
/// use impactgraph_core::{BuildOptions, Cancel, Csr};
/// use impactgraph_core::bipartite::Weighting;
/// use impactgraph_core::multilevel::project_members;
/// // members 0, 1, 2; groups 3 (0, 1) and 4 (1, 2)
/// let g = Csr::from_edges(&[0u32, 1, 1, 2], &[3u32, 3, 4, 4], None, &BuildOptions::default(),
///                         &Cancel::new()).unwrap();
/// let p = project_members(&g, 3, Weighting::Count, None, true, &Cancel::new()).unwrap();
/// assert_eq!((p.num_nodes(), p.num_edges()), (3, 2));
/// assert_eq!(p.out_neighbors(1), &[0, 2]);
/// ```
pub fn project_members(
    g: &Csr,
    k: usize,
    weighting: Weighting,
    min_weight: Option<f64>,
    weighted: bool,
    cancel: &Cancel,
) -> Result<Csr> {
    if g.is_directed() {
        return Err(Error::param(
            "graph",
            "a two-mode graph of memberships must be undirected",
        ));
    }
    if k > g.num_nodes() {
        return Err(Error::param(
            "k",
            format!("{k} members but the graph has {} nodes", g.num_nodes()),
        ));
    }
    let rows: Vec<NodeId> = (0..k as NodeId).collect();
    let params = ProjectionParams {
        weighting,
        min_weight,
        within: true,
        once: false,
    };
    let p = bipartite::project(g, &rows, &params, cancel)?;
    let out = Adjacency {
        indptr: p.indptr.into(),
        indices: p.targets.into(),
        weights: if weighted {
            Some(p.weights.into())
        } else {
            None
        },
    };
    Ok(Csr::undirected_from_symmetric(k, out))
}

/// How [`rollup`] aggregates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RollupParams {
    /// Add tie weights (`true`) or count ties (`false`).
    pub sum: bool,
    /// Also add 1 per shared member to the tie of two groups.
    pub include_memberships: bool,
    /// Keep ties within one group as a self-loop.
    pub self_loops: bool,
    /// Ties are directed (`src -> dst`); otherwise each undirected tie is given once.
    pub directed: bool,
}

/// Group-level ties: row `g` holds the ties `g -> h` with `h` increasing (undirected: `h >= g`
/// only, each tie once).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rollup {
    /// `num_groups + 1` offsets.
    pub indptr: Vec<EdgeIdx>,
    /// The other group of each tie.
    pub targets: Vec<NodeId>,
    /// Its weight.
    pub weights: Vec<f64>,
}

/// Ties between members rolled up to the groups of `affiliation` (member -> groups, members
/// are the tie ends).
///
/// A tie `u -> v` of weight `w` adds `w` (or 1) to `g -> h` for every group `g` of `u` and `h`
/// of `v` with `g != h`; an undirected tie adds to both `g -> h` and `h -> g`, which are the same
/// tie, so a tie between two members of both `g` and `h` adds twice. With `self_loops`, `g == h`
/// gives a self-loop that an undirected tie adds to once. With `include_memberships`, every
/// member of both `g` and `h` adds 1 (to `g -> h` and `h -> g` when directed).
///
/// # Errors
/// [`Error::LengthMismatch`], [`Error::NodeOutOfRange`] (a tie end not a row of
/// `affiliation`), [`Error::InvalidWeight`] (NaN, infinite or negative), [`Error::Interrupted`].
///
/// # Complexity
/// O(sum over ties of |groups(u)| |groups(v)| + sum over members of |groups|^2) work, parallel
/// over groups with an O(groups) accumulator per thread; no dense matrix. Deterministic.
///
/// # Example
/// ```
/// use impactgraph_core::Cancel;
/// use impactgraph_core::multilevel::{rollup, Relation, RollupParams};
/// // members 0, 1, 2; 0 in group 0, 1 in groups 0 and 1, 2 in group 1; tie 0 - 2
/// let a = Relation::from_pairs(&[0, 1, 1, 2], &[0, 0, 1, 1], 3, 2, &Cancel::new()).unwrap();
/// let p = RollupParams { include_memberships: true, ..RollupParams::default() };
/// let r = rollup(&a, 2, &[0], &[2], None, &p, &Cancel::new()).unwrap();
/// assert_eq!((r.indptr, r.targets, r.weights), (vec![0, 1, 1], vec![1], vec![2.0]));
/// ```
pub fn rollup(
    affiliation: &Relation,
    num_groups: usize,
    src: &[i64],
    dst: &[i64],
    weights: Option<&[f64]>,
    params: &RollupParams,
    cancel: &Cancel,
) -> Result<Rollup> {
    let n = affiliation.num_rows();
    Error::check_same_len("src", src.len(), "dst", dst.len())?;
    if let Some(w) = weights {
        Error::check_same_len("src", src.len(), "weights", w.len())?;
        if let Some(i) = w.iter().position(|x| !x.is_finite() || *x < 0.0) {
            return Err(Error::InvalidWeight {
                array: "weights",
                index: i,
                value: w[i],
                requirement: "finite and non-negative",
            });
        }
    }
    affiliation.check_items_below(num_groups)?;
    // arcs out of every member, in input order (a counting sort); undirected ties both ways
    let mut deg = vec![0 as EdgeIdx; n + 1];
    for i in 0..src.len() {
        let u = check_id("src", i, src[i], n)? as usize;
        let v = check_id("dst", i, dst[i], n)? as usize;
        deg[u + 1] += 1;
        if !params.directed && u != v {
            deg[v + 1] += 1;
        }
    }
    for u in 0..n {
        deg[u + 1] += deg[u];
    }
    let arcs = deg[n] as usize;
    let mut next: Vec<EdgeIdx> = deg[..n].to_vec();
    let mut head = vec![0 as NodeId; arcs];
    let mut wt = vec![1.0f64; arcs];
    for i in 0..src.len() {
        let (u, v) = (src[i] as usize, dst[i] as usize);
        let w = match (params.sum, weights) {
            (true, Some(ws)) => ws[i],
            _ => 1.0,
        };
        let p = next[u] as usize;
        head[p] = v as NodeId;
        wt[p] = w;
        next[u] += 1;
        if !params.directed && u != v {
            let p = next[v] as usize;
            head[p] = u as NodeId;
            wt[p] = w;
            next[v] += 1;
        }
    }
    cancel.check()?;
    let down = affiliation.transpose(num_groups);
    let groups: Vec<usize> = (0..num_groups).collect();
    struct Acc {
        sum: Vec<f64>,
        seen: Vec<bool>,
        touched: Vec<NodeId>,
    }
    let parts: Vec<Result<Rollup>> = groups
        .par_chunks(ROWS_PER_TASK)
        .map_init(
            || Acc {
                sum: vec![0.0; num_groups],
                seen: vec![false; num_groups],
                touched: Vec::new(),
            },
            |acc, chunk| {
                let mut part = Rollup::default();
                for &g in chunk {
                    cancel.check()?;
                    let mut own = 0.0f64;
                    let mut own_seen = false;
                    let keep = |h: usize| params.directed || h > g;
                    for &u in down.row(g) {
                        let u = u as usize;
                        for a in deg[u] as usize..deg[u + 1] as usize {
                            let (v, w) = (head[a] as usize, wt[a]);
                            for &h in affiliation.row(v) {
                                let h = h as usize;
                                if h == g {
                                    own += w;
                                    own_seen = true;
                                } else if keep(h) {
                                    if !acc.seen[h] {
                                        acc.seen[h] = true;
                                        acc.touched.push(h as NodeId);
                                    }
                                    acc.sum[h] += w;
                                }
                            }
                        }
                        if params.include_memberships {
                            for &h in affiliation.row(u) {
                                let h = h as usize;
                                if h != g && keep(h) {
                                    if !acc.seen[h] {
                                        acc.seen[h] = true;
                                        acc.touched.push(h as NodeId);
                                    }
                                    acc.sum[h] += 1.0;
                                }
                            }
                        }
                    }
                    let before = part.targets.len();
                    if params.self_loops && own_seen {
                        // an undirected tie inside g was seen from both of its ends
                        part.targets.push(g as NodeId);
                        part.weights
                            .push(if params.directed { own } else { own / 2.0 });
                    }
                    acc.touched.sort_unstable();
                    for &h in &acc.touched {
                        let h = h as usize;
                        part.targets.push(h as NodeId);
                        part.weights.push(acc.sum[h]);
                        acc.sum[h] = 0.0;
                        acc.seen[h] = false;
                    }
                    acc.touched.clear();
                    part.indptr.push((part.targets.len() - before) as EdgeIdx);
                }
                Ok(part)
            },
        )
        .collect();
    let mut out = Rollup {
        indptr: Vec::with_capacity(num_groups + 1),
        ..Rollup::default()
    };
    out.indptr.push(0);
    let mut total: EdgeIdx = 0;
    for p in parts {
        let p = p?;
        for l in p.indptr {
            total += l;
            out.indptr.push(total);
        }
        out.targets.extend_from_slice(&p.targets);
        out.weights.extend_from_slice(&p.weights);
    }
    Ok(out)
}

/// Row lengths, targets and counts of a chunk of co-membership rows.
type CoRows = (Vec<EdgeIdx>, Vec<NodeId>, Vec<u32>);

/// Per member of [`bridging`]: how many groups it belongs to, how many group pairs it joins,
/// and how many of those pairs no other member joins.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bridging {
    /// Number `k` of groups of each member.
    pub num_groups: Vec<u32>,
    /// `k (k - 1) / 2`.
    pub pairs: Vec<u64>,
    /// Pairs of its groups that share no other member.
    pub sole_pairs: Vec<u64>,
}

/// Bridging counts for every member (row) of `affiliation`.
///
/// # Errors
/// [`Error::NodeOutOfRange`] (a group not below `num_groups`), [`Error::Interrupted`].
///
/// # Complexity
/// The co-membership counts of the groups (O(sum over members of k^2), parallel over groups),
/// then O(k^2 log) per member, parallel. Deterministic.
///
/// # Example
/// ```
/// use impactgraph_core::Cancel;
/// use impactgraph_core::multilevel::{bridging, Relation};
/// // member 0 in groups 0, 1, 2; member 1 in groups 0, 1
/// let a = Relation::from_pairs(&[0, 0, 0, 1, 1], &[0, 1, 2, 0, 1], 2, 3, &Cancel::new()).unwrap();
/// let b = bridging(&a, 3, &Cancel::new()).unwrap();
/// assert_eq!(b.num_groups, vec![3, 2]);
/// assert_eq!(b.pairs, vec![3, 1]);
/// assert_eq!(b.sole_pairs, vec![2, 0]);
/// ```
pub fn bridging(affiliation: &Relation, num_groups: usize, cancel: &Cancel) -> Result<Bridging> {
    affiliation.check_items_below(num_groups)?;
    let down = affiliation.transpose(num_groups);
    // co-membership counts c(g, h) for h > g, rows sorted by h
    let groups: Vec<usize> = (0..num_groups).collect();
    let parts: Vec<Result<CoRows>> = groups
        .par_chunks(ROWS_PER_TASK)
        .map_init(
            || (vec![0u32; num_groups], Vec::<NodeId>::new()),
            |(cnt, touched), chunk| {
                let (mut lens, mut tg, mut cs) = (Vec::new(), Vec::new(), Vec::new());
                for &g in chunk {
                    cancel.check()?;
                    for &u in down.row(g) {
                        for &h in affiliation.row(u as usize) {
                            if (h as usize) > g {
                                if cnt[h as usize] == 0 {
                                    touched.push(h);
                                }
                                cnt[h as usize] += 1;
                            }
                        }
                    }
                    touched.sort_unstable();
                    lens.push(touched.len() as EdgeIdx);
                    for &h in touched.iter() {
                        tg.push(h);
                        cs.push(cnt[h as usize]);
                        cnt[h as usize] = 0;
                    }
                    touched.clear();
                }
                Ok((lens, tg, cs))
            },
        )
        .collect();
    let mut co_ptr = vec![0 as EdgeIdx];
    let (mut co_tg, mut co_c) = (Vec::new(), Vec::new());
    for p in parts {
        let (lens, tg, cs) = p?;
        for l in lens {
            let last = *co_ptr.last().unwrap_or(&0);
            co_ptr.push(last + l);
        }
        co_tg.extend_from_slice(&tg);
        co_c.extend_from_slice(&cs);
    }
    cancel.check()?;
    let n = affiliation.num_rows();
    let per: Vec<(u32, u64, u64)> = (0..n)
        .into_par_iter()
        .map(|u| {
            let gs = affiliation.row(u);
            let k = gs.len() as u64;
            let mut sole = 0u64;
            for (i, &g) in gs.iter().enumerate() {
                let (a, b) = (co_ptr[g as usize] as usize, co_ptr[g as usize + 1] as usize);
                let row = &co_tg[a..b];
                for &h in &gs[i + 1..] {
                    if let Ok(p) = row.binary_search(&h) {
                        if co_c[a + p] == 1 {
                            sole += 1;
                        }
                    }
                }
            }
            (k as u32, k * k.saturating_sub(1) / 2, sole)
        })
        .collect();
    Ok(Bridging {
        num_groups: per.iter().map(|x| x.0).collect(),
        pairs: per.iter().map(|x| x.1).collect(),
        sole_pairs: per.iter().map(|x| x.2).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(rows: &[i64], items: &[i64], nr: usize, ni: usize) -> Relation {
        Relation::from_pairs(rows, items, nr, ni, &Cancel::new()).unwrap()
    }

    #[test]
    fn relation_and_transpose() {
        let r = rel(&[2, 0, 2, 1], &[1, 0, 0, 1], 3, 2);
        assert_eq!(r.indptr, vec![0, 1, 2, 4]);
        assert_eq!(r.items, vec![0, 1, 0, 1]);
        let t = r.transpose(2);
        assert_eq!(t.indptr, vec![0, 2, 4]);
        assert_eq!(t.items, vec![0, 2, 1, 2]);
        assert_eq!(r.nbytes(), 4 * 8 + 4 * 4);
    }

    #[test]
    fn relation_errors() {
        let c = Cancel::new();
        assert!(matches!(
            Relation::from_pairs(&[0, 0], &[1, 1], 1, 2, &c),
            Err(Error::InvalidParameter {
                name: "memberships",
                ..
            })
        ));
        assert!(matches!(
            Relation::from_pairs(&[0, 5], &[1, 1], 2, 2, &c),
            Err(Error::NodeOutOfRange {
                array: "members",
                index: 1,
                ..
            })
        ));
        assert!(matches!(
            Relation::from_pairs(&[0], &[-1], 2, 2, &c),
            Err(Error::NodeOutOfRange {
                array: "groups",
                ..
            })
        ));
        assert!(matches!(
            Relation::from_pairs(&[0], &[], 2, 2, &c),
            Err(Error::LengthMismatch { .. })
        ));
    }

    #[test]
    fn membership_levels() {
        let c = Cancel::new();
        let lv = [0i8, 0, 1, 2];
        let m = memberships(&[0, 1, 2, 0], &[2, 2, 3, 3], &lv, &c).unwrap();
        assert_eq!(m.up.row(0), &[2, 3]);
        assert_eq!(m.down.row(3), &[0, 2]);
        assert_eq!(m.nbytes(), 2 * (5 * 8 + 4 * 4));
        let e = memberships(&[0, 2], &[2, 1], &lv, &c).unwrap_err();
        assert!(e.to_string().contains("row 1") && e.to_string().contains("does not go up"));
        assert!(memberships(&[0], &[1], &lv, &c).is_err()); // same level
    }

    /// Brute force of the documented rule.
    fn brute_rollup(
        a: &Relation,
        ng: usize,
        src: &[i64],
        dst: &[i64],
        w: &[f64],
        p: &RollupParams,
    ) -> std::collections::BTreeMap<(u32, u32), f64> {
        let mut out = std::collections::BTreeMap::new();
        let mut add = |g: u32, h: u32, x: f64| {
            let k = if p.directed || g <= h { (g, h) } else { (h, g) };
            *out.entry(k).or_insert(0.0) += x;
        };
        for i in 0..src.len() {
            let x = if p.sum { w[i] } else { 1.0 };
            for &g in a.row(src[i] as usize) {
                for &h in a.row(dst[i] as usize) {
                    if g != h || p.self_loops {
                        add(g, h, x);
                    }
                }
            }
        }
        if p.include_memberships {
            for u in 0..a.num_rows() {
                let gs = a.row(u);
                for (i, &g) in gs.iter().enumerate() {
                    for &h in &gs[i + 1..] {
                        add(g, h, 1.0);
                        if p.directed {
                            add(h, g, 1.0);
                        }
                    }
                }
            }
        }
        let _ = ng;
        out
    }

    fn flat(r: &Rollup) -> std::collections::BTreeMap<(u32, u32), f64> {
        let mut out = std::collections::BTreeMap::new();
        for g in 0..r.indptr.len() - 1 {
            for k in r.indptr[g] as usize..r.indptr[g + 1] as usize {
                out.insert((g as u32, r.targets[k]), r.weights[k]);
            }
        }
        out
    }

    #[test]
    fn rollup_matches_brute_force() {
        let mut state = 12345u64;
        let mut rnd = |m: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % m
        };
        for _ in 0..40 {
            let (n, ng) = (2 + rnd(12) as usize, 1 + rnd(5) as usize);
            let (mut rs, mut is) = (Vec::new(), Vec::new());
            for u in 0..n {
                for g in 0..ng {
                    if rnd(3) == 0 {
                        rs.push(u as i64);
                        is.push(g as i64);
                    }
                }
            }
            let a = rel(&rs, &is, n, ng);
            let (mut s, mut d, mut w) = (Vec::new(), Vec::new(), Vec::new());
            for u in 0..n {
                for v in 0..n {
                    if u != v && rnd(4) == 0 {
                        s.push(u as i64);
                        d.push(v as i64);
                        w.push(rnd(5) as f64 * 0.5);
                    }
                }
            }
            for bits in 0..16u8 {
                let p = RollupParams {
                    sum: bits & 1 != 0,
                    include_memberships: bits & 2 != 0,
                    self_loops: bits & 4 != 0,
                    directed: bits & 8 != 0,
                };
                let (s2, d2, w2): (Vec<i64>, Vec<i64>, Vec<f64>) = if p.directed {
                    (s.clone(), d.clone(), w.clone())
                } else {
                    // keep each unordered pair once
                    let keep: Vec<usize> = (0..s.len()).filter(|&i| s[i] < d[i]).collect();
                    (
                        keep.iter().map(|&i| s[i]).collect(),
                        keep.iter().map(|&i| d[i]).collect(),
                        keep.iter().map(|&i| w[i]).collect(),
                    )
                };
                let r = rollup(&a, ng, &s2, &d2, Some(&w2), &p, &Cancel::new()).unwrap();
                let want = brute_rollup(&a, ng, &s2, &d2, &w2, &p);
                assert_eq!(flat(&r), want, "params {p:?}");
                // same result on one thread
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .build()
                    .unwrap();
                let r1 = pool
                    .install(|| rollup(&a, ng, &s2, &d2, Some(&w2), &p, &Cancel::new()).unwrap());
                assert_eq!(r1, r);
            }
            // bridging vs brute force
            let b = bridging(&a, ng, &Cancel::new()).unwrap();
            for u in 0..n {
                let gs = a.row(u);
                let k = gs.len() as u64;
                assert_eq!(b.num_groups[u] as u64, k);
                assert_eq!(b.pairs[u], k * k.saturating_sub(1) / 2);
                let mut sole = 0;
                for (i, &g) in gs.iter().enumerate() {
                    for &h in &gs[i + 1..] {
                        let others = (0..n)
                            .filter(|&v| v != u && a.row(v).contains(&g) && a.row(v).contains(&h))
                            .count();
                        if others == 0 {
                            sole += 1;
                        }
                    }
                }
                assert_eq!(b.sole_pairs[u], sole);
            }
        }
    }

    #[test]
    fn project_members_is_a_valid_graph() {
        use crate::csr::BuildOptions;
        let c = Cancel::new();
        // members 0..4, groups 5, 6, 7
        let (s, d) = ([0u32, 1, 2, 2, 3, 4, 0], [5u32, 5, 5, 6, 6, 7, 7]);
        let g = Csr::from_edges(&s, &d, None, &BuildOptions::default(), &c).unwrap();
        for w in [
            Weighting::Count,
            Weighting::Newman,
            Weighting::Jaccard,
            Weighting::Overlap,
        ] {
            let p = project_members(&g, 5, w, None, true, &c).unwrap();
            // the same graph through an edge list
            let (mut es, mut ed, mut ew) = (Vec::new(), Vec::new(), Vec::new());
            for u in 0..5 {
                let ws = p.out_adj().weights_of(u).unwrap();
                for (i, &v) in p.out_neighbors(u).iter().enumerate() {
                    if (u as u32) < v {
                        es.push(u as u32);
                        ed.push(v);
                        ew.push(ws[i]);
                    }
                }
            }
            let opts = BuildOptions {
                num_nodes: Some(5),
                ..BuildOptions::default()
            };
            let q = Csr::from_edges(&es, &ed, Some(&ew), &opts, &c).unwrap();
            assert_eq!(p, q);
            assert_eq!(p.num_edges(), 5); // 0-1, 0-2, 1-2, 2-3, 0-4
        }
        let u = project_members(&g, 5, Weighting::Count, Some(2.0), false, &c).unwrap();
        assert_eq!((u.num_edges(), u.is_weighted()), (0, false));
        assert!(project_members(&g, 9, Weighting::Count, None, true, &c).is_err());
    }

    #[test]
    fn rollup_errors() {
        let c = Cancel::new();
        let a = rel(&[0, 1], &[0, 1], 2, 2);
        let p = RollupParams::default();
        assert!(matches!(
            rollup(&a, 2, &[0], &[5], None, &p, &c),
            Err(Error::NodeOutOfRange { .. })
        ));
        assert!(matches!(
            rollup(&a, 2, &[0], &[1], Some(&[f64::NAN]), &p, &c),
            Err(Error::InvalidWeight { .. })
        ));
        assert!(matches!(
            rollup(&a, 2, &[0], &[], None, &p, &c),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            rollup(&a, 1, &[0], &[1], None, &p, &c),
            Err(Error::NodeOutOfRange { .. })
        ));
        assert!(matches!(
            bridging(&a, 1, &c),
            Err(Error::NodeOutOfRange { .. })
        ));
    }
}
