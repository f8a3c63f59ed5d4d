//! The edge-list reader: whitespace, CSV or TSV text, optionally gzip-compressed, with comments,
//! an optional weight column and integer or string node names.
//!
//! The file is streamed in blocks of [`BLOCK_BYTES`] cut at a newline; each block is split into
//! sub-chunks at newlines that are tokenized and parsed in parallel; node names are then turned
//! into dense ids sequentially, in order of first appearance (line by line, source before
//! target), which is the node order networkx's `read_edgelist` produces. Memory: the output
//! arrays, the name table and one block.

use std::collections::HashMap;
use std::fs::File;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{BufReader, Read};
use std::path::Path;

use rayon::prelude::*;

use crate::cancel::Cancel;
use crate::csr::MAX_NODES;
use crate::error::{Error, Result};

/// Bytes read per block.
pub const BLOCK_BYTES: usize = 32 << 20;
/// Target bytes per parallel parse task (fixed, so results never depend on the thread count).
const SUB_BYTES: usize = 1 << 20;
/// Integer names in `0..DENSE_LIMIT` are interned through a direct table instead of a hash map.
const DENSE_LIMIT: i64 = 1 << 26;

/// How node names are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeType {
    /// Integers if every name parses as a 64-bit integer, else strings.
    #[default]
    Auto,
    /// Integers; a name that is not an integer is an error.
    Int,
    /// Strings (UTF-8).
    Str,
}

/// Options of [`read_edgelist`].
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeListOptions {
    /// Field separator. `None`: runs of spaces and tabs, or `,` when the first data line has a
    /// comma.
    pub delimiter: Option<u8>,
    /// Comment characters: text from any of them to the end of the line is ignored, and lines
    /// left empty are skipped (networkx's rule).
    pub comments: Vec<u8>,
    /// 0-based column of the weight, if weighted.
    pub weight_column: Option<usize>,
    /// How node names are read.
    pub node_type: NodeType,
    /// Lines skipped at the top (a header).
    pub skip_rows: usize,
}

impl Default for EdgeListOptions {
    fn default() -> Self {
        EdgeListOptions {
            delimiter: None,
            comments: b"#%".to_vec(),
            weight_column: None,
            node_type: NodeType::Auto,
            skip_rows: 0,
        }
    }
}

/// Node names by dense id.
#[derive(Debug, Clone, PartialEq)]
pub enum Labels {
    /// Integer names.
    Int(Vec<i64>),
    /// String names.
    Str(Vec<String>),
}

impl Labels {
    /// Number of nodes.
    pub fn len(&self) -> usize {
        match self {
            Labels::Int(v) => v.len(),
            Labels::Str(v) => v.len(),
        }
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A parsed edge list with dense ids.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeList {
    /// Source ids.
    pub src: Vec<u32>,
    /// Target ids.
    pub dst: Vec<u32>,
    /// Weights, if a weight column was read.
    pub weights: Option<Vec<f64>>,
    /// `labels[id]` is the name of node `id`.
    pub labels: Labels,
}

/// Read an edge list file (plain or gzip, detected by its magic bytes).
///
/// # Arguments
/// * `path` – the file.
/// * `opts` – separator, comments, weight column, node type, header lines.
///
/// # Errors
/// [`Error::Io`] if the file cannot be opened or read (or is not valid gzip);
/// [`Error::Parse`] with the 1-based line number for a line with fewer than two fields, a
/// weight that is not a finite number, a name that is not an integer under [`NodeType::Int`],
/// or a name that is not UTF-8; [`Error::TooLarge`] for more than `u32::MAX - 1` nodes;
/// [`Error::Interrupted`].
///
/// # Complexity
/// O(bytes) parsing in parallel, then O(m) sequential interning (a direct table for small
/// non-negative integer names, a hash map otherwise). Memory: the output plus one block.
///
/// # Example
/// ```no_run
/// use impactgraph_core::{io::{read_edgelist, EdgeListOptions}, Cancel};
/// let el = read_edgelist("edges.txt.gz".as_ref(), &EdgeListOptions::default(), &Cancel::new()).unwrap();
/// println!("{} edges on {} nodes", el.src.len(), el.labels.len());
/// ```
pub fn read_edgelist(path: &Path, opts: &EdgeListOptions, cancel: &Cancel) -> Result<EdgeList> {
    let name = path.display().to_string();
    let io_err = |e: std::io::Error| Error::Io {
        path: name.clone(),
        message: e.to_string(),
    };
    if path.is_dir() {
        return Err(Error::Io {
            path: name,
            message: "is a directory".into(),
        });
    }
    let open = || -> Result<Box<dyn Read>> {
        let mut f = File::open(path).map_err(io_err)?;
        let mut magic = [0u8; 2];
        let got = f.read(&mut magic).map_err(io_err)?;
        let f = File::open(path).map_err(io_err)?;
        if got == 2 && magic == [0x1f, 0x8b] {
            Ok(Box::new(flate2::read::MultiGzDecoder::new(
                BufReader::with_capacity(1 << 20, f),
            )))
        } else {
            Ok(Box::new(f))
        }
    };
    let first = parse_stream(open()?, &name, opts, opts.node_type, cancel);
    match first {
        Err(Restart) if opts.node_type == NodeType::Auto => {
            parse_stream(open()?, &name, opts, NodeType::Str, cancel)
                .map_err(ParseFailure::into_error)
        }
        r => r.map_err(ParseFailure::into_error),
    }
}

/// Parse an edge list held in memory; see [`read_edgelist`].
pub fn parse_edgelist(bytes: &[u8], opts: &EdgeListOptions, cancel: &Cancel) -> Result<EdgeList> {
    match parse_stream(bytes, "<bytes>", opts, opts.node_type, cancel) {
        Err(Restart) if opts.node_type == NodeType::Auto => {
            parse_stream(bytes, "<bytes>", opts, NodeType::Str, cancel)
                .map_err(ParseFailure::into_error)
        }
        r => r.map_err(ParseFailure::into_error),
    }
}

/// Why a parse stopped: an error, or (under `Auto`) a non-integer name that restarts as strings.
enum ParseFailure {
    Fail(Error),
    Restart,
}
use ParseFailure::{Fail, Restart};

impl ParseFailure {
    fn into_error(self) -> Error {
        match self {
            Fail(e) => e,
            Restart => Error::graph("internal: restart outside Auto mode"),
        }
    }
}

impl From<Error> for ParseFailure {
    fn from(e: Error) -> Self {
        Fail(e)
    }
}

/// A tiny multiplicative hasher for integer and byte-string keys (FxHash's constant).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn write_i64(&mut self, x: i64) {
        self.write_u64(x as u64);
    }
    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}
type FxBuild = BuildHasherDefault<FxHasher>;

/// Tokens of one sub-chunk: names as integers or byte ranges, weights, and the offset of the
/// first bad line if any.
struct Parsed {
    ints: Vec<i64>,
    spans: Vec<(u32, u32)>,
    weights: Vec<f64>,
    error: Option<(usize, String)>,
    restart: bool,
}

struct Syntax<'o> {
    delim: Option<u8>,
    comments: &'o [u8],
    weight_column: Option<usize>,
    node_type: NodeType,
}

#[inline]
fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t' || b == b'\r'
}

#[inline]
fn trim(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if is_blank(*first) {
            s = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = s {
        if is_blank(*last) {
            s = rest;
        } else {
            break;
        }
    }
    s
}

/// Parse a decimal integer with optional sign; `None` if it is not one.
#[inline]
fn parse_int(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, s),
    };
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    let mut v: i64 = 0;
    for &c in digits {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(d as i64)?;
    }
    Some(if neg { -v } else { v })
}

/// Split `line` into fields; keep fields 0 and 1 and the weight column in `out`; return the count.
#[inline]
fn split_fields<'t>(
    line: &'t [u8],
    delim: Option<u8>,
    weight_column: Option<usize>,
    out: &mut [&'t [u8]; 3],
) -> usize {
    let mut count = 0usize;
    let mut put = |f: &'t [u8]| {
        if count < 2 {
            out[count] = trim(f);
        } else if Some(count) == weight_column {
            out[2] = trim(f);
        }
        count += 1;
    };
    match delim {
        Some(d) => line.split(|&b| b == d).for_each(&mut put),
        None => line
            .split(|&b| b == b' ' || b == b'\t')
            .filter(|f| !f.is_empty())
            .for_each(&mut put),
    }
    count
}

impl Syntax<'_> {
    /// Parse the lines of `text` (which starts at byte `base` of the block).
    fn parse(&self, text: &[u8], base: usize) -> Parsed {
        let mut out = Parsed {
            ints: Vec::new(),
            spans: Vec::new(),
            weights: Vec::new(),
            error: None,
            restart: false,
        };
        let need = self.weight_column.map_or(2, |k| (k + 1).max(2));
        let mut pos = 0usize;
        while pos < text.len() {
            let end = text[pos..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| pos + i);
            let mut line = &text[pos..end];
            let line_start = pos;
            pos = end + 1;
            if let Some(c) = line.iter().position(|b| self.comments.contains(b)) {
                line = &line[..c];
            }
            let line = trim(line);
            if line.is_empty() {
                continue;
            }
            // Split into fields, keeping 0, 1 and the weight column.
            let mut fields: [&[u8]; 3] = [&[]; 3];
            let count = split_fields(line, self.delim, self.weight_column, &mut fields);
            if count < need {
                out.error = Some((
                    base + line_start,
                    if count < 2 {
                        format!("expected at least 2 fields (source and target), found {count}")
                    } else {
                        format!(
                            "expected a weight in column {} (0-based), found only {count} fields",
                            self.weight_column.unwrap_or(2)
                        )
                    },
                ));
                return out;
            }
            for f in &fields[..2] {
                if f.is_empty() {
                    out.error = Some((base + line_start, "empty node name".to_string()));
                    return out;
                }
            }
            match self.node_type {
                NodeType::Str => {
                    for f in &fields[..2] {
                        let off = f.as_ptr() as usize - text.as_ptr() as usize + base;
                        out.spans.push((off as u32, f.len() as u32));
                    }
                }
                NodeType::Int | NodeType::Auto => {
                    for f in &fields[..2] {
                        match parse_int(f) {
                            Some(v) => out.ints.push(v),
                            None => {
                                if self.node_type == NodeType::Auto {
                                    out.restart = true;
                                } else {
                                    out.error = Some((
                                        base + line_start,
                                        format!(
                                            "node name {:?} is not a 64-bit integer",
                                            String::from_utf8_lossy(f)
                                        ),
                                    ));
                                }
                                return out;
                            }
                        }
                    }
                }
            }
            if self.weight_column.is_some() {
                let w = std::str::from_utf8(fields[2])
                    .ok()
                    .and_then(|s| s.parse::<f64>().ok());
                match w {
                    Some(w) if w.is_finite() => out.weights.push(w),
                    _ => {
                        out.error = Some((
                            base + line_start,
                            format!(
                                "weight {:?} is not a finite number",
                                String::from_utf8_lossy(fields[2])
                            ),
                        ));
                        return out;
                    }
                }
            }
        }
        out
    }
}

/// Names → dense ids, in order of first appearance.
struct Interner {
    dense: Vec<u32>,
    ints: HashMap<i64, u32, FxBuild>,
    strs: HashMap<Box<[u8]>, u32, FxBuild>,
    int_labels: Vec<i64>,
    str_labels: Vec<String>,
}

const UNSEEN: u32 = u32::MAX;

impl Interner {
    fn new() -> Self {
        Interner {
            dense: Vec::new(),
            ints: HashMap::default(),
            strs: HashMap::default(),
            int_labels: Vec::new(),
            str_labels: Vec::new(),
        }
    }

    fn next_id(&self, len: usize) -> Result<u32> {
        if len as u64 >= MAX_NODES {
            return Err(Error::TooLarge {
                message: format!("more than {} distinct node names", MAX_NODES - 1),
            });
        }
        Ok(len as u32)
    }

    #[inline]
    fn int(&mut self, v: i64) -> Result<u32> {
        if (0..DENSE_LIMIT).contains(&v) {
            let i = v as usize;
            if i >= self.dense.len() {
                let grow = (i + 1).max(self.dense.len() * 2).min(DENSE_LIMIT as usize);
                self.dense.resize(grow, UNSEEN);
            }
            let slot = self.dense[i];
            if slot != UNSEEN {
                return Ok(slot);
            }
            let id = self.next_id(self.int_labels.len())?;
            self.dense[i] = id;
            self.int_labels.push(v);
            return Ok(id);
        }
        if let Some(&id) = self.ints.get(&v) {
            return Ok(id);
        }
        let id = self.next_id(self.int_labels.len())?;
        self.ints.insert(v, id);
        self.int_labels.push(v);
        Ok(id)
    }

    #[inline]
    fn string(&mut self, s: &[u8]) -> std::result::Result<u32, Option<Error>> {
        if let Some(&id) = self.strs.get(s) {
            return Ok(id);
        }
        let label = std::str::from_utf8(s).map_err(|_| None)?.to_string();
        let id = self.next_id(self.str_labels.len()).map_err(Some)?;
        self.strs.insert(s.into(), id);
        self.str_labels.push(label);
        Ok(id)
    }
}

/// Stream `reader` block by block.
fn parse_stream<R: Read>(
    mut reader: R,
    name: &str,
    opts: &EdgeListOptions,
    node_type: NodeType,
    cancel: &Cancel,
) -> std::result::Result<EdgeList, ParseFailure> {
    let io_err = |e: std::io::Error| {
        Fail(Error::Io {
            path: name.to_string(),
            message: e.to_string(),
        })
    };
    if let Some(k) = opts.weight_column {
        if k < 2 {
            return Err(Fail(Error::param(
                "weight_column",
                format!("must be 2 or more (columns 0 and 1 are the endpoints), got {k}"),
            )));
        }
    }
    let mut syntax = Syntax {
        delim: opts.delimiter,
        comments: &opts.comments,
        weight_column: opts.weight_column,
        node_type,
    };
    let mut delim_decided = opts.delimiter.is_some();
    let mut interner = Interner::new();
    let mut src: Vec<u32> = Vec::new();
    let mut dst: Vec<u32> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(BLOCK_BYTES + (1 << 16));
    let mut lines_before: u64 = 0;
    let mut to_skip = opts.skip_rows;
    let mut eof = false;
    while !eof {
        cancel.check()?;
        // Fill the buffer up to BLOCK_BYTES (more if no newline has been seen yet).
        let start_len = buf.len();
        let want = BLOCK_BYTES.max(start_len + (1 << 16));
        buf.resize(want, 0);
        let mut filled = start_len;
        while filled < want {
            let got = reader.read(&mut buf[filled..]).map_err(io_err)?;
            if got == 0 {
                eof = true;
                break;
            }
            filled += got;
        }
        buf.truncate(filled);
        let cut = if eof {
            buf.len()
        } else {
            match buf.iter().rposition(|&b| b == b'\n') {
                Some(p) => p + 1,
                None => continue, // one line longer than the buffer: read more
            }
        };
        let mut block_start = 0usize;
        while to_skip > 0 && block_start < cut {
            match buf[block_start..cut].iter().position(|&b| b == b'\n') {
                Some(p) => {
                    block_start += p + 1;
                    lines_before += 1;
                    to_skip -= 1;
                }
                None => {
                    block_start = cut;
                    to_skip -= 1;
                }
            }
        }
        let block = &buf[block_start..cut];
        if !delim_decided {
            // The first data line decides between whitespace and CSV.
            let first = block
                .split(|&b| b == b'\n')
                .map(|l| match l.iter().position(|b| opts.comments.contains(b)) {
                    Some(c) => &l[..c],
                    None => l,
                })
                .find(|l| !trim(l).is_empty());
            if let Some(l) = first {
                if l.contains(&b',') {
                    syntax.delim = Some(b',');
                }
                delim_decided = true;
            }
        }
        // Sub-chunks cut at newlines.
        let mut bounds = vec![0usize];
        let mut p = 0usize;
        while p < block.len() {
            let target = (p + SUB_BYTES).min(block.len());
            let q = if target == block.len() {
                block.len()
            } else {
                block[target..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(block.len(), |i| target + i + 1)
            };
            bounds.push(q);
            p = q;
        }
        let parsed: Vec<Parsed> = bounds
            .par_windows(2)
            .map(|w| syntax.parse(&block[w[0]..w[1]], w[0]))
            .collect();
        let line_of = |offset: usize| {
            lines_before + 1 + block[..offset].iter().filter(|&&b| b == b'\n').count() as u64
        };
        for part in &parsed {
            if let Some((off, msg)) = &part.error {
                return Err(Fail(Error::Parse {
                    path: name.to_string(),
                    line: line_of(*off),
                    message: msg.clone(),
                }));
            }
            if part.restart {
                return Err(Restart);
            }
        }
        cancel.check()?;
        for part in &parsed {
            match node_type {
                NodeType::Str => {
                    for pair in part.spans.chunks_exact(2) {
                        let mut ids = [0u32; 2];
                        for (k, &(off, len)) in pair.iter().enumerate() {
                            let s = &block[off as usize..(off + len) as usize];
                            ids[k] = interner.string(s).map_err(|e| match e {
                                Some(e) => Fail(e),
                                None => Fail(Error::Parse {
                                    path: name.to_string(),
                                    line: line_of(off as usize),
                                    message: "node name is not valid UTF-8".to_string(),
                                }),
                            })?;
                        }
                        src.push(ids[0]);
                        dst.push(ids[1]);
                    }
                }
                _ => {
                    for pair in part.ints.chunks_exact(2) {
                        src.push(interner.int(pair[0])?);
                        dst.push(interner.int(pair[1])?);
                    }
                }
            }
            weights.extend_from_slice(&part.weights);
        }
        lines_before += block.iter().filter(|&&b| b == b'\n').count() as u64;
        buf.drain(..cut);
    }
    let labels = match node_type {
        NodeType::Str => Labels::Str(interner.str_labels),
        _ => Labels::Int(interner.int_labels),
    };
    src.shrink_to_fit();
    dst.shrink_to_fit();
    Ok(EdgeList {
        src,
        dst,
        weights: opts.weight_column.map(|_| weights),
        labels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, opts: EdgeListOptions) -> Result<EdgeList> {
        parse_edgelist(text.as_bytes(), &opts, &Cancel::new())
    }

    #[test]
    fn whitespace_comments_first_appearance_order() {
        let el = parse(
            "# header\n10 20\n\n20\t5  # trailing\n% konect\n5 10\n",
            EdgeListOptions::default(),
        )
        .unwrap();
        assert_eq!(el.labels, Labels::Int(vec![10, 20, 5]));
        assert_eq!(el.src, vec![0, 1, 2]);
        assert_eq!(el.dst, vec![1, 2, 0]);
        assert_eq!(el.weights, None);
    }

    #[test]
    fn csv_header_weights_crlf_and_no_final_newline() {
        let opts = EdgeListOptions {
            skip_rows: 1,
            weight_column: Some(2),
            ..Default::default()
        };
        let el = parse("source,target,w\r\na,b,1.5\r\nb,c,2\r\nc,a,-3e2", opts).unwrap();
        assert_eq!(
            el.labels,
            Labels::Str(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(el.src, vec![0, 1, 2]);
        assert_eq!(el.dst, vec![1, 2, 0]);
        assert_eq!(el.weights, Some(vec![1.5, 2.0, -300.0]));
    }

    #[test]
    fn negative_and_huge_ints_use_the_hash_path() {
        let el = parse("-5 9000000000\n9000000000 7\n", EdgeListOptions::default()).unwrap();
        assert_eq!(el.labels, Labels::Int(vec![-5, 9_000_000_000, 7]));
        assert_eq!(el.src, vec![0, 1]);
        assert_eq!(el.dst, vec![1, 2]);
    }

    #[test]
    fn auto_switches_to_strings_and_int_mode_rejects() {
        let el = parse("1 2\n2 x\n", EdgeListOptions::default()).unwrap();
        assert_eq!(
            el.labels,
            Labels::Str(vec!["1".into(), "2".into(), "x".into()])
        );
        let opts = EdgeListOptions {
            node_type: NodeType::Int,
            ..Default::default()
        };
        let err = parse("1 2\n2 x\n", opts).unwrap_err();
        assert!(matches!(err, Error::Parse { line: 2, .. }), "{err:?}");
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("# c\n1 2\n3\n", EdgeListOptions::default()).unwrap_err();
        assert_eq!(
            err,
            Error::Parse {
                path: "<bytes>".into(),
                line: 3,
                message: "expected at least 2 fields (source and target), found 1".into()
            }
        );
        let opts = EdgeListOptions {
            weight_column: Some(2),
            ..Default::default()
        };
        let err = parse("1 2 0.5\n1 3 nan\n", opts.clone()).unwrap_err();
        assert!(matches!(err, Error::Parse { line: 2, .. }), "{err:?}");
        let err = parse("1 2 0.5\n1 3\n", opts).unwrap_err();
        assert!(matches!(err, Error::Parse { line: 2, .. }), "{err:?}");
        let err = parse_edgelist(
            b"a b\n\xff\xfe c\n",
            &EdgeListOptions::default(),
            &Cancel::new(),
        )
        .unwrap_err();
        assert!(matches!(err, Error::Parse { line: 2, .. }), "{err:?}");
    }

    #[test]
    fn empty_input() {
        let el = parse("", EdgeListOptions::default()).unwrap();
        assert!(el.src.is_empty() && el.labels.is_empty());
        let el = parse("# only a comment\n", EdgeListOptions::default()).unwrap();
        assert!(el.src.is_empty());
    }

    #[test]
    fn gzip_file_and_missing_file() {
        use std::io::Write;
        let dir = std::env::temp_dir().join(format!("ig-io-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("e.txt.gz");
        let mut enc =
            flate2::write::GzEncoder::new(File::create(&p).unwrap(), flate2::Compression::fast());
        enc.write_all(b"0 1\n1 2\n").unwrap();
        enc.finish().unwrap();
        let el = read_edgelist(&p, &EdgeListOptions::default(), &Cancel::new()).unwrap();
        assert_eq!(el.src, vec![0, 1]);
        assert!(matches!(
            read_edgelist(
                &dir.join("nope"),
                &EdgeListOptions::default(),
                &Cancel::new()
            ),
            Err(Error::Io { .. })
        ));
        assert!(matches!(
            read_edgelist(&dir, &EdgeListOptions::default(), &Cancel::new()),
            Err(Error::Io { .. })
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn same_result_on_one_and_four_threads() {
        let mut text = String::new();
        let mut x = 7u64;
        for i in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            text.push_str(&format!(
                "{} {} {}.5\n",
                x % 50_000,
                (x >> 20) % 50_000 + i % 3,
                i % 10
            ));
        }
        let opts = EdgeListOptions {
            weight_column: Some(2),
            ..Default::default()
        };
        let run = |k: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(k)
                .build()
                .unwrap()
                .install(|| parse(&text, opts.clone()).unwrap())
        };
        let (a, b) = (run(1), run(4));
        assert_eq!(a, b);
        assert_eq!(a.src.len(), 200_000);
    }
}
