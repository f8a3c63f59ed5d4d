//! [`Weights`]: the arc weights of an [`crate::Adjacency`], stored as `f64` or `f32`.
//!
//! Every algorithm reads weights as `&[f64]`: `Weights` dereferences to `[f64]`. For `f64`
//! storage that is the stored array itself. For `f32` storage ([`WeightDtype::F32`], chosen with
//! [`crate::BuildOptions::weight_dtype`] or read from a file saved from such a graph) the first
//! read widens the array once into an `f64` copy cached beside it (a [`OnceLock`]); later reads
//! reuse the cache. So an `f32` graph halves the weight storage, its files and its loads, and a
//! weighted algorithm pays one widened copy (8 bytes per arc, kept for the graph's lifetime);
//! unweighted algorithms and the methods below that do not say otherwise ([`Weights::len`],
//! [`Weights::nbytes`], [`Weights::as_f32`], the file writer) never widen.
//!
//! Widening `f32` to `f64` is exact, so every result on an `f32` graph equals the result on the
//! `f64` graph whose weights are the `f32`-rounded values.
//!
//! `Clone` copies (or, when mapped, shares) the stored array but not the cache. `PartialEq`
//! compares the dtype and the stored values, never the cache; an `f32` and an `f64` graph are
//! never equal. Writing through `DerefMut` (only the builder does) turns `f32` storage into
//! `f64` storage first, as [`Buf`] turns a mapped array into an owned one.
//!
//! # Example
//! ```
//! use impactgraph_core::{BuildOptions, Cancel, Csr, WeightDtype};
//! let opts = BuildOptions { weight_dtype: WeightDtype::F32, ..Default::default() };
//! let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], Some(&[0.1, 2.0]), &opts, &Cancel::new()).unwrap();
//! let w = g.out_adj().weights.as_ref().unwrap();
//! assert_eq!(w.as_f32(), Some(&[0.1f32, 0.1, 2.0, 2.0][..]));
//! assert_eq!(g.nbytes(), 4 * 8 + 4 * 4 + 4 * 4);
//! assert!(!w.is_widened());
//! assert_eq!(w[0], f64::from(0.1f32)); // the first f64 read widens once
//! assert!(w.is_widened());
//! ```

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::buf::Buf;

/// The element type of stored weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum WeightDtype {
    /// 8 bytes per arc (the default).
    #[default]
    F64,
    /// 4 bytes per arc; values are rounded once to the nearest `f32` when the graph is built.
    F32,
}

impl WeightDtype {
    /// Bytes per stored weight.
    pub fn size(self) -> usize {
        match self {
            WeightDtype::F64 => 8,
            WeightDtype::F32 => 4,
        }
    }

    /// numpy's name of the dtype: `"float64"` or `"float32"`.
    pub fn name(self) -> &'static str {
        match self {
            WeightDtype::F64 => "float64",
            WeightDtype::F32 => "float32",
        }
    }
}

enum Data {
    F64(Buf<f64>),
    F32(Buf<f32>),
}

/// Arc weights stored as `f64` or `f32`, read as `&[f64]`. See the module documentation.
pub struct Weights {
    data: Data,
    wide: OnceLock<Vec<f64>>,
}

impl Weights {
    fn new(data: Data) -> Weights {
        Weights {
            data,
            wide: OnceLock::new(),
        }
    }

    /// The stored element type.
    #[inline]
    pub fn dtype(&self) -> WeightDtype {
        match self.data {
            Data::F64(_) => WeightDtype::F64,
            Data::F32(_) => WeightDtype::F32,
        }
    }

    /// Number of weights (never widens).
    #[inline]
    pub fn len(&self) -> usize {
        match &self.data {
            Data::F64(b) => b.len(),
            Data::F32(b) => b.len(),
        }
    }

    /// Whether there are no weights.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of the stored array (4 or 8 per weight; the widened cache is not counted).
    pub fn nbytes(&self) -> usize {
        self.len() * self.dtype().size()
    }

    /// Whether the stored array is a view into a memory map.
    pub fn is_mapped(&self) -> bool {
        match &self.data {
            Data::F64(b) => b.is_mapped(),
            Data::F32(b) => b.is_mapped(),
        }
    }

    /// Whether an `f32` array has been widened (always `false` for `f64` storage).
    pub fn is_widened(&self) -> bool {
        self.wide.get().is_some()
    }

    /// The weights as `f64`: the stored array, or for `f32` storage the cached widened copy
    /// (made on the first call, in parallel).
    #[inline]
    pub fn as_f64(&self) -> &[f64] {
        match &self.data {
            Data::F64(b) => b,
            Data::F32(b) => self.wide.get_or_init(|| widen(b)),
        }
    }

    /// The stored `f64` array, or `None` for `f32` storage.
    pub fn as_f64_stored(&self) -> Option<&[f64]> {
        match &self.data {
            Data::F64(b) => Some(b),
            Data::F32(_) => None,
        }
    }

    /// The stored `f32` array, or `None` for `f64` storage.
    pub fn as_f32(&self) -> Option<&[f32]> {
        match &self.data {
            Data::F32(b) => Some(b),
            Data::F64(_) => None,
        }
    }

    /// A new `Vec<f64>` of the weights (copied, or widened without filling the cache).
    pub fn to_f64_vec(&self) -> Vec<f64> {
        match (&self.data, self.wide.get()) {
            (Data::F64(b), _) => b.to_vec(),
            (Data::F32(_), Some(w)) => w.clone(),
            (Data::F32(b), None) => widen(b),
        }
    }

    /// The weights as an owned `Vec<f64>` (moved when owned `f64`, else copied or widened).
    pub fn into_vec(self) -> Vec<f64> {
        match self.data {
            Data::F64(b) => b.into_vec(),
            Data::F32(b) => match self.wide.into_inner() {
                Some(w) => w,
                None => widen(&b),
            },
        }
    }
}

fn widen(b: &[f32]) -> Vec<f64> {
    let mut out = vec![0.0f64; b.len()];
    out.par_chunks_mut(1 << 16)
        .zip(b.par_chunks(1 << 16))
        .for_each(|(o, i)| {
            for (o, &x) in o.iter_mut().zip(i) {
                *o = f64::from(x);
            }
        });
    out
}

impl Deref for Weights {
    type Target = [f64];
    #[inline]
    fn deref(&self) -> &[f64] {
        self.as_f64()
    }
}

impl DerefMut for Weights {
    /// Mutable `f64` weights; `f32` storage becomes owned `f64` storage first.
    fn deref_mut(&mut self) -> &mut [f64] {
        if let Data::F32(b) = &self.data {
            let v = self.wide.take().unwrap_or_else(|| widen(b));
            self.data = Data::F64(v.into());
        }
        match &mut self.data {
            Data::F64(b) => b,
            Data::F32(_) => unreachable!("converted to f64 above"),
        }
    }
}

impl Clone for Weights {
    fn clone(&self) -> Self {
        Weights::new(match &self.data {
            Data::F64(b) => Data::F64(b.clone()),
            Data::F32(b) => Data::F32(b.clone()),
        })
    }
}

impl fmt::Debug for Weights {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.data {
            Data::F64(b) => fmt::Debug::fmt(b, f),
            Data::F32(b) => {
                f.write_str("f32")?;
                fmt::Debug::fmt(b, f)
            }
        }
    }
}

impl PartialEq for Weights {
    fn eq(&self, other: &Self) -> bool {
        match (&self.data, &other.data) {
            (Data::F64(a), Data::F64(b)) => a == b,
            (Data::F32(a), Data::F32(b)) => a == b,
            _ => false,
        }
    }
}

impl PartialEq<Vec<f64>> for Weights {
    fn eq(&self, other: &Vec<f64>) -> bool {
        self.dtype() == WeightDtype::F64 && self.as_f64() == other.as_slice()
    }
}

impl PartialEq<Vec<f32>> for Weights {
    fn eq(&self, other: &Vec<f32>) -> bool {
        self.as_f32() == Some(other.as_slice())
    }
}

impl From<Buf<f64>> for Weights {
    fn from(b: Buf<f64>) -> Self {
        Weights::new(Data::F64(b))
    }
}

impl From<Vec<f64>> for Weights {
    fn from(v: Vec<f64>) -> Self {
        Weights::new(Data::F64(v.into()))
    }
}

impl From<Buf<f32>> for Weights {
    fn from(b: Buf<f32>) -> Self {
        Weights::new(Data::F32(b))
    }
}

impl From<Vec<f32>> for Weights {
    fn from(v: Vec<f32>) -> Self {
        Weights::new(Data::F32(v.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f32_widens_once_and_compares_without_cache() {
        let w: Weights = vec![1.5f32, 0.1, 3.0].into();
        assert_eq!(w.dtype(), WeightDtype::F32);
        assert_eq!((w.len(), w.nbytes()), (3, 12));
        assert!(!w.is_widened());
        let c = w.clone();
        assert_eq!(&w[..], &[1.5, f64::from(0.1f32), 3.0]);
        assert!(w.is_widened() && !c.is_widened());
        assert_eq!(w, c);
        let p = w.as_f64().as_ptr();
        assert_eq!(w.as_f64().as_ptr(), p);
        let d: Weights = vec![1.5f64, f64::from(0.1f32), 3.0].into();
        assert_ne!(w, d);
        assert_eq!(d.nbytes(), 24);
        assert_eq!(w.clone().into_vec(), d.clone().into_vec());
        let mut m = w.clone();
        m[0] = 2.0;
        assert_eq!(m.dtype(), WeightDtype::F64);
        assert_eq!(m, vec![2.0, f64::from(0.1f32), 3.0]);
        assert_eq!(format!("{c:?}"), "f32[1.5, 0.1, 3.0]");
    }

    use crate::centrality::{
        betweenness_centrality, closeness_centrality, clustering, pagerank, BetweennessParams,
        PageRankParams,
    };
    use crate::community::{louvain, modularity, LouvainParams};
    use crate::{BuildOptions, Cancel, Csr, Duplicates, Error};

    fn opts(directed: bool, dtype: WeightDtype) -> BuildOptions {
        BuildOptions {
            directed,
            weight_dtype: dtype,
            ..BuildOptions::default()
        }
    }

    /// A pseudo-random weighted multigraph on 300 nodes (duplicates, self-loops).
    fn edges() -> (Vec<u32>, Vec<u32>, Vec<f64>) {
        let mut x = 777u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let m = 3000;
        let src = (0..m).map(|_| (next() % 300) as u32).collect();
        let dst = (0..m).map(|_| (next() % 300) as u32).collect();
        let w = (0..m)
            .map(|_| (next() % 100_000) as f64 / 997.0 + 0.01)
            .collect();
        (src, dst, w)
    }

    #[test]
    fn f32_build_sums_in_f64_then_rounds_once() {
        let c = Cancel::new();
        // 1 + 2^-24 + 2^-24 = 1 + 2^-23 in f64 (an f32 value); rounding each term to f32 first
        // (or adding in f32) gives 1.
        let t = 2f64.powi(-24);
        let g = Csr::from_edges(
            &[0u32, 0, 1],
            &[1u32, 1, 0],
            Some(&[1.0, t, t]),
            &opts(false, WeightDtype::F32),
            &c,
        )
        .unwrap();
        let w = g.out_adj().weights.as_ref().unwrap();
        assert_eq!(
            w.as_f32(),
            Some(&[1.0 + f32::EPSILON, 1.0 + f32::EPSILON][..])
        );
        assert_eq!(g.weight_dtype(), Some(WeightDtype::F32));
        // indptr 3 * 8 + indices 2 * 4 + weights 2 * 4.
        assert_eq!(g.nbytes(), 24 + 8 + 8);
        // Directed: the in-adjacency is f32 too.
        let g = Csr::from_edges(
            &[0u32, 1, 1],
            &[1u32, 0, 0],
            Some(&[0.1, 1.0, t]),
            &opts(true, WeightDtype::F32),
            &c,
        )
        .unwrap();
        assert_eq!(
            g.in_adj().weights.as_ref().unwrap().as_f32(),
            Some(&[1.0 + t as f32, 0.1f32][..])
        );
        let first = BuildOptions {
            duplicates: Duplicates::First,
            ..opts(false, WeightDtype::F32)
        };
        let g = Csr::from_edges(&[0u32, 1], &[1u32, 0], Some(&[0.1, 5.0]), &first, &c).unwrap();
        assert_eq!(g.out_adj().weights.as_ref().unwrap(), &vec![0.1f32, 0.1f32]);
    }

    #[test]
    fn f32_overflow_is_an_error() {
        let c = Cancel::new();
        let o = opts(false, WeightDtype::F32);
        let e = Csr::from_edges(&[0u32, 1], &[1u32, 2], Some(&[1.0, 1e39]), &o, &c).unwrap_err();
        assert!(matches!(e, Error::InvalidWeight { index: 1, .. }), "{e:?}");
        assert!(e.to_string().contains("does not fit in float32"), "{e}");
        // Each weight fits, their sum does not.
        let e = Csr::from_edges(&[0u32, 1], &[1u32, 0], Some(&[3e38, 3e38]), &o, &c).unwrap_err();
        assert!(
            e.to_string()
                .contains("edge (0, 1) does not fit in float32"),
            "{e}"
        );
        // The same input is fine in f64, and f32::MAX itself fits.
        assert!(Csr::from_edges(
            &[0u32],
            &[1u32],
            Some(&[1e39]),
            &opts(false, WeightDtype::F64),
            &c
        )
        .is_ok());
        assert!(Csr::from_edges(&[0u32], &[1u32], Some(&[f64::from(f32::MAX)]), &o, &c).is_ok());
    }

    #[test]
    fn kernels_on_f32_equal_kernels_on_rounded_f64() {
        let c = Cancel::new();
        let (src, dst, w) = edges();
        let rounded: Vec<f64> = w.iter().map(|&x| f64::from(x as f32)).collect();
        // Keeping the first of duplicates makes the f32 graph's weights exactly the rounded
        // input weights (sums are rounded after adding, tested above).
        let first = |directed, dtype| BuildOptions {
            duplicates: Duplicates::First,
            ..opts(directed, dtype)
        };
        for directed in [false, true] {
            let g32 = Csr::from_edges(&src, &dst, Some(&w), &first(directed, WeightDtype::F32), &c)
                .unwrap();
            let g64 = Csr::from_edges(
                &src,
                &dst,
                Some(&rounded),
                &first(directed, WeightDtype::F64),
                &c,
            )
            .unwrap();
            assert_ne!(g32, g64);
            assert_eq!(g32.out_adj().indices, g64.out_adj().indices);
            assert!(!g32.out_adj().weights.as_ref().unwrap().is_widened());
            assert_eq!(
                g32.nbytes() + 4 * g32.num_arcs() * if directed { 2 } else { 1 },
                g64.nbytes()
            );
            let pr = PageRankParams::default();
            assert_eq!(
                pagerank(&g32, &pr, &c).unwrap(),
                pagerank(&g64, &pr, &c).unwrap()
            );
            assert!(g32.out_adj().weights.as_ref().unwrap().is_widened() || directed);
            let bp = BetweennessParams {
                use_weights: true,
                ..BetweennessParams::default()
            };
            assert_eq!(
                betweenness_centrality(&g32, &bp, &c).unwrap(),
                betweenness_centrality(&g64, &bp, &c).unwrap()
            );
            assert_eq!(
                closeness_centrality(&g32, true, true, &c).unwrap(),
                closeness_centrality(&g64, true, true, &c).unwrap()
            );
            assert_eq!(
                clustering(&g32, true, &c).unwrap(),
                clustering(&g64, true, &c).unwrap()
            );
            let lp = LouvainParams::default();
            let (h32, h64) = (
                louvain(&g32, &lp, &c).unwrap(),
                louvain(&g64, &lp, &c).unwrap(),
            );
            assert_eq!(h32.levels, h64.levels);
            assert_eq!(h32.modularity, h64.modularity);
            let memb = h64.levels.last().unwrap();
            assert_eq!(
                modularity(&g32, memb, 1.0, true, &c).unwrap(),
                modularity(&g64, memb, 1.0, true, &c).unwrap()
            );
        }
    }

    #[test]
    fn unweighted_calls_do_not_widen() {
        let c = Cancel::new();
        let (src, dst, w) = edges();
        let g = Csr::from_edges(&src, &dst, Some(&w), &opts(true, WeightDtype::F32), &c).unwrap();
        let pr = PageRankParams {
            use_weights: false,
            ..PageRankParams::default()
        };
        pagerank(&g, &pr, &c).unwrap();
        closeness_centrality(&g, false, true, &c).unwrap();
        clustering(&g, false, &c).unwrap();
        modularity(&g, &vec![0; g.num_nodes()], 1.0, false, &c).unwrap();
        for a in [g.out_adj(), g.in_adj()] {
            assert!(!a.weights.as_ref().unwrap().is_widened());
        }
    }
}
