//! Deterministic parallel helpers: reductions whose floating-point result does not depend on
//! the number of threads.

use rayon::prelude::*;

/// Fixed block size of deterministic reductions. Partial sums are formed per block in index
/// order and then added in block order, so the result is the same on any number of threads.
pub const BLOCK: usize = 4096;

/// Sum of `f(i)` for `i` in `0..n`, bit-identical for any number of threads.
pub fn det_sum<F>(n: usize, f: F) -> f64
where
    F: Fn(usize) -> f64 + Sync,
{
    let blocks = n.div_ceil(BLOCK);
    let partial: Vec<f64> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            let lo = b * BLOCK;
            let hi = (lo + BLOCK).min(n);
            let mut s = 0.0;
            for i in lo..hi {
                s += f(i);
            }
            s
        })
        .collect();
    partial.iter().sum()
}

/// Sum of a slice, bit-identical for any number of threads.
pub fn det_sum_slice(x: &[f64]) -> f64 {
    det_sum(x.len(), |i| x[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bits_on_any_thread_count() {
        let x: Vec<f64> = (0..100_003).map(|i| 1.0 / (1.0 + i as f64)).collect();
        let a = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| det_sum_slice(&x));
        let b = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap()
            .install(|| det_sum_slice(&x));
        assert_eq!(a.to_bits(), b.to_bits());
        assert!((a - x.iter().sum::<f64>()).abs() < 1e-9);
    }
}
