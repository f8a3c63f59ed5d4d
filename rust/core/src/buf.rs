//! [`Buf<T>`]: the storage of the CSR arrays, either an owned `Vec<T>` or a read-only view into
//! a shared memory map of a saved graph (see [`crate::store`]).
//!
//! A `Buf` dereferences to `&[T]`, so reading code is the same for both kinds. `DerefMut` turns
//! a mapped buffer into an owned copy first (copy-on-write), so writing never touches the file
//! and never panics. `Clone` of a mapped buffer shares the map (no copy).

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use memmap2::Mmap;

/// Plain element types that may be viewed in mapped bytes: every bit pattern is a valid value
/// and there is no padding. Sealed: implemented for `u32`, `u64`, `i64`, `f32` and `f64` only.
pub trait Pod: Copy + Send + Sync + 'static + private::Sealed {}
impl Pod for u32 {}
impl Pod for u64 {}
impl Pod for i64 {}
impl Pod for f32 {}
impl Pod for f64 {}
mod private {
    pub trait Sealed {}
    impl Sealed for u32 {}
    impl Sealed for u64 {}
    impl Sealed for i64 {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

enum Repr<T> {
    Owned(Vec<T>),
    Mapped {
        map: Arc<Mmap>,
        offset: usize,
        len: usize,
        _t: PhantomData<T>,
    },
}

/// An owned or memory-mapped array of `T`. See the module documentation.
pub struct Buf<T: Pod> {
    repr: Repr<T>,
}

impl<T: Pod> Buf<T> {
    /// A view of `len` elements of `map` starting at byte `offset`, or `None` when the range is
    /// out of the map or `offset` is not aligned for `T`.
    pub(crate) fn mapped(map: Arc<Mmap>, offset: usize, len: usize) -> Option<Buf<T>> {
        let bytes = len.checked_mul(std::mem::size_of::<T>())?;
        let end = offset.checked_add(bytes)?;
        if end > map.len() {
            return None;
        }
        if len > 0 && (map.as_ptr() as usize + offset) % std::mem::align_of::<T>() != 0 {
            return None;
        }
        Some(Buf {
            repr: Repr::Mapped {
                map,
                offset,
                len,
                _t: PhantomData,
            },
        })
    }

    /// Whether the data lives in a memory map (not yet copied).
    pub fn is_mapped(&self) -> bool {
        matches!(self.repr, Repr::Mapped { .. })
    }

    /// The elements as a `Vec` (moved when owned, copied when mapped).
    pub fn into_vec(self) -> Vec<T> {
        match self.repr {
            Repr::Owned(v) => v,
            Repr::Mapped { .. } => self.deref().to_vec(),
        }
    }
}

impl<T: Pod> Deref for Buf<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        match &self.repr {
            Repr::Owned(v) => v,
            Repr::Mapped { len: 0, .. } => &[],
            Repr::Mapped {
                map, offset, len, ..
            } => {
                // SAFETY: `mapped` checked that `offset .. offset + len * size_of::<T>()` lies in
                // the map and that the start is aligned for `T`; `T: Pod` accepts every bit
                // pattern; the map is read-only and kept alive by the `Arc` for the lifetime of
                // `&self`. (As with any file map, the file must not be truncated or rewritten by
                // another process while mapped; `store::load` documents this.)
                unsafe { std::slice::from_raw_parts(map.as_ptr().add(*offset) as *const T, *len) }
            }
        }
    }
}

impl<T: Pod> DerefMut for Buf<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        if let Repr::Mapped { .. } = self.repr {
            self.repr = Repr::Owned(self.deref().to_vec());
        }
        match &mut self.repr {
            Repr::Owned(v) => v,
            Repr::Mapped { .. } => unreachable!("converted to owned above"),
        }
    }
}

impl<T: Pod> Clone for Buf<T> {
    fn clone(&self) -> Self {
        match &self.repr {
            Repr::Owned(v) => Buf {
                repr: Repr::Owned(v.clone()),
            },
            Repr::Mapped {
                map, offset, len, ..
            } => Buf {
                repr: Repr::Mapped {
                    map: Arc::clone(map),
                    offset: *offset,
                    len: *len,
                    _t: PhantomData,
                },
            },
        }
    }
}

impl<T: Pod + fmt::Debug> fmt::Debug for Buf<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.deref(), f)
    }
}

impl<T: Pod + PartialEq> PartialEq for Buf<T> {
    fn eq(&self, other: &Self) -> bool {
        self.deref() == other.deref()
    }
}

impl<T: Pod + PartialEq> PartialEq<Vec<T>> for Buf<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.deref() == other.as_slice()
    }
}

impl<T: Pod> Default for Buf<T> {
    fn default() -> Self {
        Buf {
            repr: Repr::Owned(Vec::new()),
        }
    }
}

impl<T: Pod> From<Vec<T>> for Buf<T> {
    fn from(v: Vec<T>) -> Self {
        Buf {
            repr: Repr::Owned(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_roundtrip_and_cow() {
        let mut b: Buf<u32> = vec![1, 2, 3].into();
        assert_eq!(&b[..], &[1, 2, 3]);
        b[0] = 7;
        assert_eq!(b.clone().into_vec(), vec![7, 2, 3]);
        assert!(!b.is_mapped());
        assert_eq!(Buf::<u64>::default().len(), 0);
    }

    #[test]
    fn mapped_view_copy_on_write() {
        let dir = std::env::temp_dir().join(format!("ig_buf_{}", std::process::id()));
        let bytes: Vec<u8> = [5u64, 6, 7].iter().flat_map(|x| x.to_le_bytes()).collect();
        std::fs::write(&dir, &bytes).unwrap();
        let f = std::fs::File::open(&dir).unwrap();
        // SAFETY: test file, not modified while mapped.
        let map = Arc::new(unsafe { Mmap::map(&f) }.unwrap());
        let mut b: Buf<u64> = Buf::mapped(Arc::clone(&map), 8, 2).unwrap();
        assert!(b.is_mapped());
        assert_eq!(&b[..], &[6, 7]);
        let c = b.clone();
        b[0] = 9;
        assert!(!b.is_mapped());
        assert_eq!(&b[..], &[9, 7]);
        assert_eq!(&c[..], &[6, 7]);
        assert!(Buf::<u64>::mapped(Arc::clone(&map), 4, 1).is_none());
        assert!(Buf::<u64>::mapped(map, 16, 2).is_none());
        std::fs::remove_file(&dir).unwrap();
    }
}
