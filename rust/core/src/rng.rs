//! The one pseudo-random number generator of the core: xoshiro256** seeded through SplitMix64.
//!
//! It is written here rather than taken from a crate so that a seed keeps giving the same
//! graphs, cascades and partitions across dependency upgrades. **The output sequence of
//! [`Rng::new`] and [`Rng::stream`] is frozen**: the golden-value tests below pin it, and any
//! change to this file that moves them is a breaking change of every seeded result.
//!
//! # Streams and thread-count independence
//!
//! Parallel code never shares a generator and never derives one from a thread id. Task `k` of
//! a computation seeded with `seed` (an edge block, a node, a Monte-Carlo run, a source) uses
//! `Rng::stream(seed, k)`. The tasks' work is therefore fixed by `(seed, k)` alone and the
//! result is the same on any number of threads. Distinct `(seed, stream)` pairs always give
//! distinct 256-bit states (the derivation is injective), each word of which is a SplitMix64
//! hash of both inputs, so neighbouring streams are not correlated in any way a test can see.
//!
//! # Example
//! ```
//! use impactgraph_core::rng::Rng;
//! let mut a = Rng::stream(42, 7);
//! let mut b = Rng::stream(42, 7);
//! assert_eq!(a.next_u64(), b.next_u64());
//! let x = a.next_f64();
//! assert!((0.0..1.0).contains(&x));
//! assert!(a.below(10) < 10);
//! ```
//!
//! # References
//! * D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
//!   ACM Trans. Math. Softw. 47(4), 2021 (xoshiro256**).
//! * G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number generators",
//!   OOPSLA 2014 (SplitMix64).
//! * D. Lemire, "Fast random integer generation in an interval", ACM Trans. Model. Comput.
//!   Simul. 29(1), 2019 ([`Rng::below`]).
//! * V. Batagelj and U. Brandes, "Efficient generation of large random networks",
//!   Phys. Rev. E 71, 036113, 2005 ([`Geometric`]).

/// SplitMix64's increment (the golden ratio in 64-bit fixed point).
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function (Stafford's "Mix13"), a bijection of `u64`.
#[inline]
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A second bijective finaliser (Stafford's "Mix04"), used to key the stream index by the seed.
#[inline]
fn mix64_alt(mut z: u64) -> u64 {
    z = (z ^ (z >> 33)).wrapping_mul(0x62A9_D9ED_7997_05F5);
    z = (z ^ (z >> 28)).wrapping_mul(0xCB24_D0A5_C88C_35B3);
    z ^ (z >> 32)
}

/// The SplitMix64 generator: used to expand a 64-bit seed into a xoshiro state, and handy on
/// its own as a hash of a counter.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose first output is `mix64(seed + GAMMA)`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// Next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix64(self.state)
    }
}

/// xoshiro256**: 256 bits of state, period 2^256 - 1, about 1 ns per `u64`.
///
/// Not cryptographic. `Clone` is deliberate (to replay a stream); `Copy` is not, so that a
/// generator is never duplicated by accident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// The generator for a single-stream computation: the state is the first four outputs of
    /// SplitMix64 seeded with `seed` (the seeding recommended by the xoshiro authors).
    pub fn new(seed: u64) -> Self {
        let mut sm = SplitMix64::new(seed);
        Self::from_state([sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()])
    }

    /// The generator of task `stream` of a computation seeded with `seed`.
    ///
    /// Distinct `(seed, stream)` pairs give distinct states: word 0 is a bijection of `seed`
    /// and word 1, for a fixed seed, a bijection of `stream`; words 2 and 3 hash both.
    /// Deriving a state costs a few multiplications, so one stream per node or per edge block
    /// is cheap.
    pub fn stream(seed: u64, stream: u64) -> Self {
        let a = mix64(seed.wrapping_add(GAMMA));
        let b = mix64((stream ^ mix64_alt(seed)).wrapping_add(GAMMA.wrapping_mul(2)));
        let c = mix64(a ^ b.rotate_left(23) ^ 0x2545_F491_4F6C_DD1D);
        let d = mix64_alt(b ^ a.rotate_left(41) ^ 0xD6E8_FEB8_6659_FD93);
        Self::from_state([a, b, c, d])
    }

    /// A generator with the given raw state (an all-zero state, the one fixed point of
    /// xoshiro, is replaced by a non-zero one).
    pub fn from_state(s: [u64; 4]) -> Self {
        if s == [0; 4] {
            Rng {
                s: [GAMMA, 0, 0, 0],
            }
        } else {
            Rng { s }
        }
    }

    /// Next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Next 32 random bits (the high half of [`Rng::next_u64`]).
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }

    /// A uniform `f64` in `[0, 1)`, a multiple of 2^-53.
    #[inline]
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform `f64` in `(0, 1]`, a multiple of 2^-53 (safe to take the logarithm of).
    #[inline]
    pub fn next_f64_nonzero(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `true` with probability `p` (`p <= 0` never, `p >= 1` always).
    #[inline]
    pub fn bernoulli(&mut self, p: f64) -> bool {
        self.next_f64() < p
    }

    /// A uniform integer in `0..n`, without bias (Lemire's multiply-and-reject method; one
    /// multiplication and, except with probability below `n / 2^64`, no division).
    /// Returns 0 when `n == 0`.
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let mut m = (self.next_u64() as u128) * (n as u128);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = (self.next_u64() as u128) * (n as u128);
            }
        }
        (m >> 64) as u64
    }

    /// Shuffle `xs` uniformly in place (Fisher–Yates, from the back).
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            xs.swap(i, j);
        }
    }
}

/// Geometric skips for Bernoulli(`p`) trials, the core of Batagelj–Brandes sampling: instead
/// of flipping a coin for each of N candidates (O(N)), jump straight to the next success, so
/// the successes of N trials cost O(1 + Np).
///
/// [`Geometric::skip`] returns the number of failures before the next success, distributed as
/// P(k) = (1 - p)^k p, computed as floor(ln U / ln(1 - p)) with U uniform in (0, 1].
///
/// # Example
/// ```
/// use impactgraph_core::rng::{Geometric, Rng};
/// // Indices in 0..1000 kept with probability 0.01, in increasing order.
/// let (g, mut rng) = (Geometric::new(0.01), Rng::new(1));
/// let mut kept = Vec::new();
/// let mut i = g.skip(&mut rng);
/// while i < 1000 {
///     kept.push(i);
///     i = i.saturating_add(1).saturating_add(g.skip(&mut rng));
/// }
/// assert!(kept.windows(2).all(|w| w[0] < w[1]));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometric {
    /// 1 / ln(1 - p): negative for p in (0, 1), -0.0 for p = 1, -inf for p = 0.
    inv_log_q: f64,
}

impl Geometric {
    /// Skips for success probability `p`, clamped to `[0, 1]` (NaN is treated as 0; callers
    /// validate their parameters first). `p = 0` gives `u64::MAX` (never), `p = 1` gives 0.
    pub fn new(p: f64) -> Self {
        let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
        let inv_log_q = if p >= 1.0 {
            -0.0
        } else if p <= 0.0 {
            f64::NEG_INFINITY
        } else {
            1.0 / (-p).ln_1p()
        };
        Geometric { inv_log_q }
    }

    /// Number of failures before the next success (saturating at `u64::MAX`).
    #[inline]
    pub fn skip(&self, rng: &mut Rng) -> u64 {
        if self.inv_log_q == 0.0 {
            return 0;
        }
        if self.inv_log_q == f64::NEG_INFINITY {
            return u64::MAX;
        }
        // ln U <= 0 and inv_log_q < 0, so the product is >= 0; `as` saturates huge values.
        (rng.next_f64_nonzero().ln() * self.inv_log_q) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference outputs of SplitMix64 (Vigna's `splitmix64.c`, seed 1234567).
    #[test]
    fn splitmix64_reference_values() {
        let mut sm = SplitMix64::new(1234567);
        let got: Vec<u64> = (0..5).map(|_| sm.next_u64()).collect();
        assert_eq!(
            got,
            [
                6457827717110365317,
                3203168211198807973,
                9817491932198370423,
                4593380528125082431,
                16408922859458223821
            ]
        );
    }

    /// Reference outputs of xoshiro256** from the state [1, 2, 3, 4] (Vigna's `xoshiro256starstar.c`).
    #[test]
    fn xoshiro256starstar_reference_values() {
        let mut r = Rng::from_state([1, 2, 3, 4]);
        let got: Vec<u64> = (0..10).map(|_| r.next_u64()).collect();
        assert_eq!(
            got,
            [
                11520,
                0,
                1509978240,
                1215971899390074240,
                1216172134540287360,
                607988272756665600,
                16172922978634559625,
                8476171486693032832,
                10595114339597558777,
                2904607092377533576
            ]
        );
    }

    /// Frozen outputs of the seeding: if this test fails, every seeded result of the library
    /// has changed.
    #[test]
    fn seeding_is_frozen() {
        let mut a = Rng::new(42);
        let mut b = Rng::stream(42, 0);
        let mut c = Rng::stream(42, 1);
        let got = [a.next_u64(), b.next_u64(), c.next_u64()];
        assert_eq!(got, GOLDEN);
    }
    const GOLDEN: [u64; 3] = [
        1546998764402558742,
        5518966673105890656,
        10943481920584944797,
    ];

    #[test]
    fn streams_differ_and_replay() {
        let first = |seed, k| Rng::stream(seed, k).next_u64();
        assert_eq!(first(7, 3), first(7, 3));
        let mut seen = std::collections::HashSet::new();
        for seed in 0..20u64 {
            for k in 0..200u64 {
                assert!(seen.insert(first(seed, k)), "collision at ({seed}, {k})");
            }
        }
        // Swapping seed and stream gives another stream.
        assert_ne!(first(1, 2), first(2, 1));
    }

    #[test]
    fn next_f64_in_unit_interval_with_mean_one_half() {
        let mut r = Rng::new(5);
        let n = 200_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let x = r.next_f64();
            assert!((0.0..1.0).contains(&x));
            sum += x;
        }
        // Mean of U(0,1): 1/2, variance 1/12; 5 sigma band.
        let sd = (1.0 / 12.0 / n as f64).sqrt();
        assert!((sum / n as f64 - 0.5).abs() < 5.0 * sd);
        let mut r = Rng::new(6);
        for _ in 0..1000 {
            let x = r.next_f64_nonzero();
            assert!(x > 0.0 && x <= 1.0);
        }
    }

    #[test]
    fn below_is_in_range_and_uniform() {
        let mut r = Rng::stream(9, 9);
        assert_eq!(r.below(0), 0);
        assert_eq!(r.below(1), 0);
        // Each of 10 values: Binomial(100000, 0.1), mean 10000, sd 94.9; 5 sigma = 474.
        let mut counts = [0u32; 10];
        for _ in 0..100_000 {
            counts[r.below(10) as usize] += 1;
        }
        for c in counts {
            assert!((c as i64 - 10_000).abs() < 474, "{counts:?}");
        }
        // A bound near 2^63 exercises the rejection branch; results stay in range.
        let n = (1u64 << 63) + 12345;
        for _ in 0..1000 {
            assert!(r.below(n) < n);
        }
        assert!(r.below(u64::MAX) < u64::MAX);
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut xs: Vec<u32> = (0..1000).collect();
        Rng::new(3).shuffle(&mut xs);
        assert_ne!(xs, (0..1000).collect::<Vec<_>>());
        xs.sort_unstable();
        assert_eq!(xs, (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn geometric_edge_cases_and_mean() {
        let mut r = Rng::new(11);
        assert_eq!(Geometric::new(1.0).skip(&mut r), 0);
        assert_eq!(Geometric::new(0.0).skip(&mut r), u64::MAX);
        assert_eq!(Geometric::new(f64::NAN).skip(&mut r), u64::MAX);
        // Tiny p: huge skips saturate rather than overflow.
        let _ = Geometric::new(1e-300).skip(&mut r);
        // p = 0.2: mean failures (1-p)/p = 4, variance (1-p)/p^2 = 20.
        let g = Geometric::new(0.2);
        let n = 100_000;
        let sum: u64 = (0..n).map(|_| g.skip(&mut r)).sum();
        let sd = (20.0 / n as f64).sqrt();
        assert!((sum as f64 / n as f64 - 4.0).abs() < 5.0 * sd);
        // P(skip = 0) = p: Binomial(n, 0.2), sd = sqrt(n * 0.16) = 126.5.
        let zeros = (0..n).filter(|_| g.skip(&mut r) == 0).count();
        assert!((zeros as f64 - 20_000.0).abs() < 5.0 * 126.5);
    }
}
