//! The binary graph file: [`save`] a [`Csr`] (and optional node labels) and [`load`] it back,
//! either into owned arrays or memory-mapped without copying.
//!
//! # Format (version 1)
//!
//! Little-endian throughout. A fixed 256-byte header, then up to eight array sections, each
//! starting at a multiple of 64 bytes (zero padding between them), so that a mapped section
//! can be used in place as a `&[u64]`, `&[u32]`, `&[f64]`, `&[f32]` or `&[i64]`.
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `b"IGRAPH\0\x01"` |
//! | 8 | 4 | format version, `u32` (= 1) |
//! | 12 | 4 | flags, `u32`: bit 0 directed, bit 1 weighted, bit 2 has transpose (= directed), bit 3 float32 weights (only with bit 1), bits 8–15 label kind (0 none, 1 int64 array, 2 strings, 3 int64 list) |
//! | 16 | 8 | n, number of nodes, `u64` |
//! | 24 | 8 | arcs, number of stored out-arcs, `u64` |
//! | 32 | 8 | self-loops, `u64` |
//! | 40 | 8 | total file length in bytes, `u64` |
//! | 48 | 8 × 24 | section table: per section `offset u64`, `length in bytes u64`, `crc32 u32`, `reserved u32` |
//! | 240 | 12 | reserved, zero |
//! | 252 | 4 | CRC-32 of bytes 0..252 |
//!
//! Sections, in table order: 0 out `indptr` (u64, n + 1), 1 out `indices` (u32, arcs),
//! 2 out `weights` (f64, or f32 when flag bit 3 is set, arcs, or empty), 3–5 the same for the in-adjacency of a directed graph
//! (empty for undirected ones), 6 labels: int64 values (n) or string offsets (u64, n + 1),
//! 7 label string bytes (UTF-8). An empty section has offset 0 and length 0.
//!
//! Bit 3 (float32 weights) was added within version 1: readers before it reject the flag
//! ("invalid flags"), so they never misread such a file, and files without it are unchanged.
//!
//! Checksums are CRC-32 (IEEE, `crc32fast`), computed over 4 MiB chunks in parallel and
//! combined, so they are the plain CRC-32 of each section.
//!
//! # Validation
//!
//! Always, on [`load`]: magic, version, header CRC, every header field consistent with the file
//! size and with the others, section offsets aligned; `indptr[0] = 0`, non-decreasing,
//! `indptr[n] = arcs`; every index below n and rows strictly increasing; weights finite; the
//! self-loop count; label offsets and UTF-8. These are parallel O(n + m) scans (a fraction of
//! a second per 10⁸ arcs), and guarantee that a corrupt file can never make a later algorithm
//! index out of bounds. With `verify = true` the section CRCs are checked too: one more read of
//! every byte (about 1 s per 10 GB per core). Not checked: that an undirected graph is
//! symmetric and that the in-adjacency is the transpose of the out-adjacency (the checksum
//! covers both when the file was written by [`save`]).
//!
//! # Example
//! ```
//! use impactgraph_core::{store, BuildOptions, Cancel, Csr};
//! let c = Cancel::new();
//! let g = Csr::from_edges(&[0u32, 1], &[1u32, 2], None, &BuildOptions::default(), &c).unwrap();
//! let path = std::env::temp_dir().join(format!("doc_{}.igraph", std::process::id()));
//! store::save(&g, None, &path, &c).unwrap();
//! let (h, labels) = store::load(&path, true, true, &c).unwrap();
//! assert_eq!(h, g);
//! assert!(h.out_adj().indices.is_mapped() && labels.is_none());
//! # std::fs::remove_file(&path).unwrap();
//! ```

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

use memmap2::Mmap;
use rayon::prelude::*;

use crate::buf::{Buf, Pod};
use crate::cancel::Cancel;
use crate::csr::{Adjacency, Csr, MAX_NODES};
use crate::error::{Error, Result};
use crate::weights::{WeightDtype, Weights};

/// The eight magic bytes that open a graph file.
pub const MAGIC: [u8; 8] = *b"IGRAPH\0\x01";
/// The format version written by [`save`] and the newest one [`load`] reads.
pub const VERSION: u32 = 1;
/// Size of the fixed header.
pub const HEADER_LEN: usize = 256;
const SECTIONS: usize = 8;
const ALIGN: u64 = 64;
const CHUNK: usize = 4 << 20;

const FLAG_DIRECTED: u32 = 1;
const FLAG_WEIGHTED: u32 = 2;
const FLAG_TRANSPOSE: u32 = 4;
const FLAG_F32: u32 = 8;

/// How the node labels are stored (bits 8–15 of the flags).
#[derive(Debug, Clone, PartialEq)]
pub enum StoredLabels {
    /// int64 labels that came from a numpy array.
    IntArray(Vec<i64>),
    /// int64 labels that came from a list of Python ints.
    IntList(Vec<i64>),
    /// String labels.
    Str(Vec<String>),
}

impl StoredLabels {
    fn kind(&self) -> u32 {
        match self {
            StoredLabels::IntArray(_) => 1,
            StoredLabels::Str(_) => 2,
            StoredLabels::IntList(_) => 3,
        }
    }
    fn len(&self) -> usize {
        match self {
            StoredLabels::IntArray(v) | StoredLabels::IntList(v) => v.len(),
            StoredLabels::Str(v) => v.len(),
        }
    }
}

fn format_err(path: &Path, message: impl Into<String>) -> Error {
    Error::Format {
        path: path.display().to_string(),
        message: message.into(),
    }
}

fn io_err(path: &Path, e: &std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

fn as_bytes<T: Pod>(s: &[T]) -> &[u8] {
    // SAFETY: `T: Pod` has no padding and no invalid bit patterns; the byte slice covers exactly
    // the memory of `s` and borrows it for the same lifetime.
    unsafe { std::slice::from_raw_parts(s.as_ptr() as *const u8, std::mem::size_of_val(s)) }
}

/// CRC-32 of `bytes`, computed over 4 MiB chunks in parallel and combined (equal to the plain
/// CRC-32 of the whole slice).
pub fn crc32(bytes: &[u8]) -> u32 {
    if bytes.len() <= CHUNK {
        return crc32fast::hash(bytes);
    }
    bytes
        .par_chunks(CHUNK)
        .map(|c| {
            let mut h = crc32fast::Hasher::new();
            h.update(c);
            h
        })
        .collect::<Vec<_>>()
        .into_iter()
        .reduce(|mut a, b| {
            a.combine(&b);
            a
        })
        .map_or(0, |h| h.finalize())
}

#[derive(Clone, Copy, Default, Debug)]
struct Section {
    offset: u64,
    len: u64,
    crc: u32,
}

/// The stored weight array as bytes (never widens `f32` weights).
fn weight_bytes(a: &Adjacency) -> &[u8] {
    match a.weights.as_ref() {
        None => &[],
        Some(w) => match (w.as_f32(), w.as_f64_stored()) {
            (Some(w32), _) => as_bytes(w32),
            (None, Some(w64)) => as_bytes(w64),
            (None, None) => &[],
        },
    }
}

fn write_err(path: &Path, e: &std::io::Error) -> Error {
    Error::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

fn align_up(x: u64) -> u64 {
    x.div_ceil(ALIGN) * ALIGN
}

/// Write `g` (and `labels`, if any) to `path` in the format described in the module docs.
///
/// # Errors
/// [`Error::Write`] when the file cannot be written; [`Error::InvalidParameter`] when the labels
/// do not have one entry per node; [`Error::Interrupted`].
///
/// # Complexity
/// O(n + m): one parallel CRC pass and one sequential write of every array.
pub fn save(g: &Csr, labels: Option<&StoredLabels>, path: &Path, cancel: &Cancel) -> Result<()> {
    if cfg!(target_endian = "big") {
        return Err(Error::param(
            "path",
            "graph files need a little-endian machine",
        ));
    }
    let n = g.num_nodes();
    if let Some(l) = labels {
        if l.len() != n {
            return Err(Error::param(
                "labels",
                format!("{} labels for {n} nodes", l.len()),
            ));
        }
    }
    let out = g.out_adj();
    let inc = if g.is_directed() {
        Some(g.in_adj())
    } else {
        None
    };
    let mut str_offsets: Vec<u64> = Vec::new();
    let mut str_bytes: Vec<u8> = Vec::new();
    if let Some(StoredLabels::Str(v)) = labels {
        str_offsets.reserve(v.len() + 1);
        str_offsets.push(0);
        for s in v {
            str_bytes.extend_from_slice(s.as_bytes());
            str_offsets.push(str_bytes.len() as u64);
        }
    }
    let empty: &[u8] = &[];
    let mut data: [&[u8]; SECTIONS] = [empty; SECTIONS];
    data[0] = as_bytes(&out.indptr);
    data[1] = as_bytes(&out.indices);
    data[2] = weight_bytes(out);
    if let Some(inc) = inc {
        data[3] = as_bytes(&inc.indptr);
        data[4] = as_bytes(&inc.indices);
        data[5] = weight_bytes(inc);
    }
    match labels {
        Some(StoredLabels::IntArray(v)) | Some(StoredLabels::IntList(v)) => data[6] = as_bytes(v),
        Some(StoredLabels::Str(_)) => {
            data[6] = as_bytes(&str_offsets);
            data[7] = &str_bytes;
        }
        None => {}
    }
    let mut table = [Section::default(); SECTIONS];
    let mut pos = HEADER_LEN as u64;
    for (s, d) in table.iter_mut().zip(data.iter()) {
        cancel.check()?;
        if d.is_empty() {
            continue;
        }
        pos = align_up(pos);
        *s = Section {
            offset: pos,
            len: d.len() as u64,
            crc: crc32(d),
        };
        pos += d.len() as u64;
    }
    let file_len = pos;
    let mut flags = 0u32;
    if g.is_directed() {
        flags |= FLAG_DIRECTED | FLAG_TRANSPOSE;
    }
    if g.is_weighted() {
        flags |= FLAG_WEIGHTED;
    }
    if g.weight_dtype() == Some(WeightDtype::F32) {
        flags |= FLAG_F32;
    }
    flags |= labels.map_or(0, StoredLabels::kind) << 8;
    let mut h = [0u8; HEADER_LEN];
    h[0..8].copy_from_slice(&MAGIC);
    h[8..12].copy_from_slice(&VERSION.to_le_bytes());
    h[12..16].copy_from_slice(&flags.to_le_bytes());
    h[16..24].copy_from_slice(&(n as u64).to_le_bytes());
    h[24..32].copy_from_slice(&(g.num_arcs() as u64).to_le_bytes());
    h[32..40].copy_from_slice(&(g.num_self_loops() as u64).to_le_bytes());
    h[40..48].copy_from_slice(&file_len.to_le_bytes());
    for (i, s) in table.iter().enumerate() {
        let b = 48 + 24 * i;
        h[b..b + 8].copy_from_slice(&s.offset.to_le_bytes());
        h[b + 8..b + 16].copy_from_slice(&s.len.to_le_bytes());
        h[b + 16..b + 20].copy_from_slice(&s.crc.to_le_bytes());
    }
    let hc = crc32fast::hash(&h[..252]);
    h[252..256].copy_from_slice(&hc.to_le_bytes());

    let f = File::create(path).map_err(|e| write_err(path, &e))?;
    let mut w = BufWriter::with_capacity(1 << 20, f);
    let wr = |w: &mut BufWriter<File>, b: &[u8]| w.write_all(b).map_err(|e| write_err(path, &e));
    wr(&mut w, &h)?;
    let mut pos = HEADER_LEN as u64;
    let zeros = [0u8; ALIGN as usize];
    for (s, d) in table.iter().zip(data.iter()) {
        if d.is_empty() {
            continue;
        }
        cancel.check()?;
        wr(&mut w, &zeros[..(s.offset - pos) as usize])?;
        for c in d.chunks(CHUNK) {
            wr(&mut w, c)?;
        }
        pos = s.offset + s.len;
    }
    // Flushed to the OS, not fsynced (as NetworKit's writer and numpy's `save`).
    w.into_inner().map_err(|e| write_err(path, e.error()))?;
    Ok(())
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or([0; 4]))
}
fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or([0; 8]))
}

/// Read a graph written by [`save`].
///
/// With `mmap = true` the file is memory-mapped and the CSR arrays are views into the map (no
/// copy; pages are read on first use); otherwise the file is read into memory. The file must
/// not be truncated or rewritten while a mapped graph is alive (as for any memory map).
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened or read (missing, a directory, no permission);
/// [`Error::Format`] for a bad magic, an unsupported version, a truncated file, a checksum
/// mismatch (with `verify`) or inconsistent arrays; [`Error::Interrupted`].
///
/// # Complexity
/// O(n + m) parallel validation scans, plus one CRC pass over the file when `verify`.
pub fn load(
    path: &Path,
    mmap: bool,
    verify: bool,
    cancel: &Cancel,
) -> Result<(Csr, Option<StoredLabels>)> {
    if cfg!(target_endian = "big") {
        return Err(Error::param(
            "path",
            "graph files need a little-endian machine",
        ));
    }
    let f = File::open(path).map_err(|e| io_err(path, &e))?;
    let meta = f.metadata().map_err(|e| io_err(path, &e))?;
    if meta.is_dir() {
        return Err(Error::Io {
            path: path.display().to_string(),
            message: "is a directory".into(),
        });
    }
    let size = meta.len();
    if size < HEADER_LEN as u64 {
        return Err(format_err(
            path,
            format!("truncated: {size} bytes, shorter than the {HEADER_LEN}-byte header"),
        ));
    }
    // SAFETY: the map is read-only; we never create `&mut` into it. Another process truncating
    // or rewriting the file while it is mapped is outside Rust's model, as for every file map;
    // the documentation asks callers not to do so.
    let map = Arc::new(unsafe { Mmap::map(&f) }.map_err(|e| io_err(path, &e))?);
    let b: &[u8] = &map;
    if b.len() as u64 != size {
        return Err(format_err(path, "file changed size while being read"));
    }
    let h = &b[..HEADER_LEN];
    if h[0..8] != MAGIC {
        return Err(format_err(
            path,
            "not an impactgraph graph file (bad magic bytes)",
        ));
    }
    let version = u32_at(h, 8);
    if version != VERSION {
        return Err(format_err(
            path,
            format!(
                "unsupported format version {version} (this impactgraph reads version {VERSION})"
            ),
        ));
    }
    if crc32fast::hash(&h[..252]) != u32_at(h, 252) {
        return Err(format_err(
            path,
            "header checksum mismatch (corrupt header)",
        ));
    }
    let flags = u32_at(h, 12);
    let n64 = u64_at(h, 16);
    let arcs64 = u64_at(h, 24);
    let loops64 = u64_at(h, 32);
    let file_len = u64_at(h, 40);
    if file_len != size {
        return Err(format_err(
            path,
            format!("truncated or padded: the header says {file_len} bytes, the file has {size}"),
        ));
    }
    let directed = flags & FLAG_DIRECTED != 0;
    let weighted = flags & FLAG_WEIGHTED != 0;
    let transpose = flags & FLAG_TRANSPOSE != 0;
    let f32_weights = flags & FLAG_F32 != 0;
    let label_kind = (flags >> 8) & 0xff;
    if flags & !0xff0f != 0 || transpose != directed || label_kind > 3 || (f32_weights && !weighted)
    {
        return Err(format_err(path, format!("invalid flags {flags:#x}")));
    }
    if n64 > MAX_NODES {
        return Err(format_err(path, format!("node count {n64} is too large")));
    }
    // Every arc takes 4 bytes of the file, so arcs <= size / 4 fits usize.
    if arcs64 > size / 4 || loops64 > arcs64 {
        return Err(format_err(
            path,
            format!("inconsistent counts: {arcs64} arcs, {loops64} self-loops in {size} bytes"),
        ));
    }
    let (n, arcs) = (n64 as usize, arcs64 as usize);
    let mut table = [Section::default(); SECTIONS];
    for (i, s) in table.iter_mut().enumerate() {
        let at = 48 + 24 * i;
        *s = Section {
            offset: u64_at(h, at),
            len: u64_at(h, at + 8),
            crc: u32_at(h, at + 16),
        };
        let end = s.offset.checked_add(s.len);
        if s.len > 0
            && (s.offset % ALIGN != 0
                || s.offset < HEADER_LEN as u64
                || end.is_none_or(|e| e > size))
        {
            return Err(format_err(
                path,
                format!(
                    "section {i} (offset {}, {} bytes) is misaligned or outside the {size}-byte file",
                    s.offset, s.len
                ),
            ));
        }
    }
    let want = |i: usize, expect: u64| -> Result<()> {
        if table[i].len != expect {
            return Err(format_err(
                path,
                format!(
                    "section {i} has {} bytes, expected {expect} for n = {n}, arcs = {arcs}",
                    table[i].len
                ),
            ));
        }
        Ok(())
    };
    let (ptr_b, idx_b, w_b) = (
        (n64 + 1) * 8,
        arcs64 * 4,
        match (weighted, f32_weights) {
            (false, _) => 0,
            (true, false) => arcs64 * 8,
            (true, true) => arcs64 * 4,
        },
    );
    want(0, ptr_b)?;
    want(1, idx_b)?;
    want(2, w_b)?;
    want(3, if directed { ptr_b } else { 0 })?;
    want(4, if directed { idx_b } else { 0 })?;
    want(5, if directed { w_b } else { 0 })?;
    match label_kind {
        0 => {
            want(6, 0)?;
            want(7, 0)?;
        }
        1 | 3 => {
            want(6, n64 * 8)?;
            want(7, 0)?;
        }
        _ => want(6, (n64 + 1) * 8)?,
    }
    // Sections in table order, without overlaps, and zero padding between them.
    let mut pos = HEADER_LEN as u64;
    for (i, s) in table.iter().enumerate().filter(|(_, s)| s.len > 0) {
        if s.offset < pos
            || s.offset - pos >= ALIGN
            || b[pos as usize..s.offset as usize].iter().any(|&x| x != 0)
        {
            return Err(format_err(
                path,
                format!("section {i} overlaps the previous one or follows non-zero padding"),
            ));
        }
        pos = s.offset + s.len;
    }
    if pos != size {
        return Err(format_err(path, "trailing bytes after the last section"));
    }
    if verify {
        for (i, s) in table.iter().enumerate() {
            cancel.check()?;
            let d = &b[s.offset as usize..(s.offset + s.len) as usize];
            if crc32(d) != s.crc {
                return Err(format_err(
                    path,
                    format!("checksum mismatch in section {i} (corrupt data)"),
                ));
            }
        }
    }
    let section = |i: usize| -> Result<(usize, usize)> {
        Ok((table[i].offset as usize, table[i].len as usize))
    };
    // Arrays as Bufs: views into the map, or copies out of the owned bytes.
    let arr = |i: usize, elem: usize| -> Result<ArrayAt> {
        let (off, len) = section(i)?;
        Ok(ArrayAt {
            off,
            len: len / elem,
        })
    };
    let make_adj = |first: usize| -> Result<Adjacency> {
        let p = arr(first, 8)?;
        let x = arr(first + 1, 4)?;
        let indptr: Buf<u64> = p.take(&map, mmap, path)?;
        let indices: Buf<u32> = x.take(&map, mmap, path)?;
        let weights: Option<Weights> = match (weighted, f32_weights) {
            (false, _) => None,
            (true, false) => Some(arr(first + 2, 8)?.take::<f64>(&map, mmap, path)?.into()),
            (true, true) => Some(arr(first + 2, 4)?.take::<f32>(&map, mmap, path)?.into()),
        };
        Ok(Adjacency {
            indptr,
            indices,
            weights,
        })
    };
    let out = make_adj(0)?;
    cancel.check()?;
    check_adjacency(&out, n, arcs, path, "out")?;
    let loops = count_self_loops(&out);
    if loops != loops64 as usize {
        return Err(format_err(
            path,
            format!("the header says {loops64} self-loops, the arrays hold {loops}"),
        ));
    }
    let inc = if directed {
        cancel.check()?;
        let inc = make_adj(3)?;
        check_adjacency(&inc, n, arcs, path, "in")?;
        Some(inc)
    } else {
        None
    };
    let labels = match label_kind {
        0 => None,
        1 | 3 => {
            let v: Buf<i64> = arr(6, 8)?.take(&map, mmap, path)?;
            let v = v.to_vec();
            Some(if label_kind == 1 {
                StoredLabels::IntArray(v)
            } else {
                StoredLabels::IntList(v)
            })
        }
        _ => {
            let offs: Buf<u64> = arr(6, 8)?.take(&map, mmap, path)?;
            let (so, sl) = section(7)?;
            let sb = &b[so..so + sl];
            if offs.first() != Some(&0)
                || offs.last().copied() != Some(sl as u64)
                || offs.windows(2).any(|w| w[0] > w[1])
            {
                return Err(format_err(path, "inconsistent label string offsets"));
            }
            let mut v = Vec::with_capacity(n);
            for w in offs.windows(2) {
                let s = std::str::from_utf8(&sb[w[0] as usize..w[1] as usize])
                    .map_err(|_| format_err(path, "a label is not valid UTF-8"))?;
                v.push(s.to_owned());
            }
            Some(StoredLabels::Str(v))
        }
    };
    Ok((Csr::from_parts(n, directed, out, inc, loops), labels))
}

struct ArrayAt {
    off: usize,
    len: usize,
}

impl ArrayAt {
    /// The array as a view into the map (`mmap`) or an owned copy.
    fn take<T: Pod>(&self, map: &Arc<Mmap>, mmap: bool, path: &Path) -> Result<Buf<T>> {
        let b = Buf::mapped(Arc::clone(map), self.off, self.len).ok_or_else(|| {
            format_err(path, format!("array at offset {} is misaligned", self.off))
        })?;
        Ok(if mmap { b } else { b.into_vec().into() })
    }
}

fn count_self_loops(a: &Adjacency) -> usize {
    let n = a.indptr.len().saturating_sub(1);
    (0..n)
        .into_par_iter()
        .filter(|&u| a.neighbors(u).binary_search(&(u as u32)).is_ok())
        .count()
}

/// indptr[0] = 0, non-decreasing, indptr[n] = arcs; indices < n, rows strictly increasing;
/// weights finite.
fn check_adjacency(a: &Adjacency, n: usize, arcs: usize, path: &Path, which: &str) -> Result<()> {
    let p = &a.indptr;
    if p.len() != n + 1 || p[0] != 0 || p[n] != arcs as u64 {
        return Err(format_err(
            path,
            format!("{which}-adjacency indptr must start at 0 and end at {arcs}"),
        ));
    }
    if p.par_windows(2).any(|w| w[0] > w[1]) {
        return Err(format_err(
            path,
            format!("{which}-adjacency indptr is not non-decreasing"),
        ));
    }
    let bad_row = (0..n).into_par_iter().any(|u| {
        let row = &a.indices[p[u] as usize..p[u + 1] as usize];
        row.iter().any(|&v| v as usize >= n) || row.windows(2).any(|w| w[0] >= w[1])
    });
    if bad_row {
        return Err(format_err(
            path,
            format!("{which}-adjacency has a neighbour id >= n = {n} or an unsorted row"),
        ));
    }
    if let Some(w) = &a.weights {
        let bad = match (w.as_f32(), w.as_f64_stored()) {
            (Some(w32), _) => w32.par_iter().any(|x| !x.is_finite()),
            (None, Some(w64)) => w64.par_iter().any(|x| !x.is_finite()),
            (None, None) => false,
        };
        if bad {
            return Err(format_err(
                path,
                format!("{which}-adjacency has a weight that is not finite"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csr::BuildOptions;

    fn tmp(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("ig_store_{}_{name}", std::process::id()))
    }

    fn graph(directed: bool, weighted: bool) -> Csr {
        //  0 - 1 - 2   3 (isolated)   2 has a self-loop
        let (s, d) = ([0u32, 1, 2, 1], [1u32, 2, 2, 0]);
        let w = [1.5, 2.0, 0.5, 3.0];
        let opts = BuildOptions {
            directed,
            num_nodes: Some(4),
            ..BuildOptions::default()
        };
        Csr::from_edges(&s, &d, weighted.then_some(&w[..]), &opts, &Cancel::new()).unwrap()
    }

    #[test]
    fn round_trips() {
        let c = Cancel::new();
        let labels = [
            None,
            Some(StoredLabels::IntArray(vec![5, -1, 7, 9])),
            Some(StoredLabels::IntList(vec![1, 2, 3, 4])),
            Some(StoredLabels::Str(vec![
                "a".into(),
                "".into(),
                "ü".into(),
                "d".into(),
            ])),
        ];
        for directed in [false, true] {
            for weighted in [false, true] {
                let g = graph(directed, weighted);
                for (i, l) in labels.iter().enumerate() {
                    let p = tmp(&format!("rt{directed}{weighted}{i}"));
                    save(&g, l.as_ref(), &p, &c).unwrap();
                    for mmap in [false, true] {
                        let (h, hl) = load(&p, mmap, true, &c).unwrap();
                        assert_eq!(h, g);
                        assert_eq!(h.out_adj().indices.is_mapped(), mmap);
                        assert_eq!(&hl, l);
                    }
                    std::fs::remove_file(&p).unwrap();
                }
            }
        }
        let empty = Csr::from_edges::<u32>(&[], &[], None, &BuildOptions::default(), &c).unwrap();
        let p = tmp("empty");
        save(&empty, None, &p, &c).unwrap();
        assert_eq!(load(&p, true, true, &c).unwrap().0, empty);
        std::fs::remove_file(&p).unwrap();
    }

    #[test]
    fn f32_weights_round_trip_as_f32_sections() {
        let c = Cancel::new();
        for directed in [false, true] {
            let g64 = graph(directed, true);
            let opts = BuildOptions {
                directed,
                num_nodes: Some(4),
                weight_dtype: WeightDtype::F32,
                ..BuildOptions::default()
            };
            let w = [1.5, 0.1, 0.5, 3.0];
            let g =
                Csr::from_edges(&[0u32, 1, 2, 1], &[1u32, 2, 2, 0], Some(&w), &opts, &c).unwrap();
            let (p, q) = (
                tmp(&format!("f32_{directed}")),
                tmp(&format!("f64_{directed}")),
            );
            save(&g, None, &p, &c).unwrap();
            save(&g64, None, &q, &c).unwrap();
            let bytes = std::fs::read(&p).unwrap();
            assert_eq!(u32_at(&bytes, 12) & FLAG_F32, FLAG_F32);
            // Section 2 holds 4 bytes per arc.
            assert_eq!(u64_at(&bytes, 48 + 24 * 2 + 8), 4 * g.num_arcs() as u64);
            let q_len = std::fs::metadata(&q).unwrap().len();
            assert!((bytes.len() as u64) < q_len, "{} vs {q_len}", bytes.len());
            for mmap in [false, true] {
                let (h, _) = load(&p, mmap, true, &c).unwrap();
                assert_eq!(h, g);
                assert_eq!(h.weight_dtype(), Some(WeightDtype::F32));
                let hw = h.out_adj().weights.as_ref().unwrap();
                assert_eq!(hw.is_mapped(), mmap);
                assert!(!hw.is_widened());
                let t = f64::from(0.1f32);
                let want: &[f64] = if directed {
                    &[1.5, 3.0, t, 0.5]
                } else {
                    &[4.5, 4.5, t, t, 0.5]
                };
                assert_eq!(&hw[..], want);
                assert_eq!(load(&q, mmap, true, &c).unwrap().0, g64);
            }
            // A NaN in the f32 section is found (with and without checksums).
            let mut bad = bytes.clone();
            let off = u64_at(&bytes, 48 + 24 * 2) as usize;
            bad[off..off + 4].copy_from_slice(&f32::NAN.to_le_bytes());
            std::fs::write(&q, &bad).unwrap();
            let e = load(&q, true, false, &c).unwrap_err().to_string();
            assert!(e.contains("not finite"), "{e}");
            // The f32 flag without the weighted flag, and unknown flags, are rejected.
            for flags in [FLAG_F32, 16 | FLAG_WEIGHTED] {
                let mut bad = bytes.clone();
                let f = flags | (u32_at(&bytes, 12) & (FLAG_DIRECTED | FLAG_TRANSPOSE));
                bad[12..16].copy_from_slice(&f.to_le_bytes());
                let hc = crc32fast::hash(&bad[..252]);
                bad[252..256].copy_from_slice(&hc.to_le_bytes());
                std::fs::write(&q, &bad).unwrap();
                let e = load(&q, true, false, &c).unwrap_err().to_string();
                assert!(e.contains("invalid flags"), "{e}");
            }
            std::fs::remove_file(&p).unwrap();
            std::fs::remove_file(&q).unwrap();
        }
    }

    #[test]
    fn corruption_never_panics() {
        let c = Cancel::new();
        let g = graph(true, true);
        let p = tmp("corrupt");
        let l = StoredLabels::Str(vec!["a".into(), "b".into(), "c".into(), "d".into()]);
        save(&g, Some(&l), &p, &c).unwrap();
        let good = std::fs::read(&p).unwrap();
        let q = tmp("corrupt_b");
        for cut in 0..good.len() {
            std::fs::write(&q, &good[..cut]).unwrap();
            assert!(matches!(
                load(&q, true, false, &c),
                Err(Error::Format { .. })
            ));
        }
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x5a;
            std::fs::write(&q, &bad).unwrap();
            let r = load(&q, true, true, &c);
            assert!(matches!(r, Err(Error::Format { .. })), "byte {i}: {r:?}");
            // Without checksums: a clean error or some valid graph, never a panic.
            if let Ok((h, _)) = load(&q, false, false, &c) {
                assert_eq!(h.num_nodes(), 4);
            }
        }
        let mut bad = good.clone();
        bad[8] = 2;
        std::fs::write(&q, &bad).unwrap();
        let e = load(&q, true, true, &c).unwrap_err().to_string();
        assert!(e.contains("unsupported format version 2"), "{e}");
        assert!(matches!(
            load(&tmp("missing"), true, true, &c),
            Err(Error::Io { .. })
        ));
        assert!(matches!(
            load(&std::env::temp_dir(), true, true, &c),
            Err(Error::Io { .. })
        ));
        std::fs::remove_file(&p).unwrap();
        std::fs::remove_file(&q).unwrap();
    }
}
