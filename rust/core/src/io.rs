//! The edge-list reader: whitespace, CSV or TSV text, optionally gzip-compressed, with comments,
//! an optional weight column and integer or string node names.
//!
//! # How it works
//!
//! The input is streamed in blocks cut after their last newline (the rest of the line is carried
//! into the next block). Blocks start at 1 MiB and double up to [`BLOCK_BYTES`], so small files
//! need small buffers and the first, miss-heavy block of a large file is short. While one block is
//! processed, the next one is read (and decompressed) by another rayon task.
//!
//! A block is split at newlines into sub-chunks of a fixed size (so the result never depends on
//! the number of threads). Each sub-chunk is tokenized in one pass over a byte-class table,
//! integer names and weights are parsed, and every name is looked up, read-only, in the name
//! table as it was at the start of the block. The names not found there ("misses") are then
//! inserted sequentially, in input order, so that dense ids follow the order of first
//! appearance (line by line, source before target): the node order of networkx's
//! `read_edgelist`. Only the misses, about one per distinct node, are sequential work.
//!
//! Integer names in `0..k` are interned through a direct table (`Vec<u32>`), where `k` grows
//! with the number of names read (at most twice the tokens seen so far), so a few huge ids never
//! allocate a huge table; other integers and string names go through a hash map with a
//! multiplicative hash.
//!
//! Memory: the output arrays, the name table and O(block) buffers (two blocks and the parsed
//! tokens of one); the text is never held whole. Line numbers for error messages are computed
//! only when an error occurs.

use std::collections::HashMap;
use std::fs::File;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use rayon::prelude::*;

use std::sync::atomic::{AtomicU64, Ordering};

use crate::builder::ChunkedBuilder;
use crate::cancel::Cancel;
use crate::csr::{BuildOptions, Csr, MAX_NODES};
use crate::error::{Error, Result};

/// Largest block read at once (bytes); blocks start at 1 MiB and double up to this.
pub const BLOCK_BYTES: usize = 32 << 20;
/// Longest line accepted (bytes). A longer line is a [`Error::Parse`] (usually a binary file).
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Internal sizes; tests shrink them to exercise block boundaries on small inputs.
#[derive(Debug, Clone, Copy)]
struct Limits {
    first_block: usize,
    max_block: usize,
    sub: usize,
    max_line: usize,
    max_nodes: u64,
    dense_min: usize,
}

const LIMITS: Limits = Limits {
    first_block: 1 << 20,
    max_block: BLOCK_BYTES,
    sub: 512 << 10,
    max_line: MAX_LINE_BYTES,
    max_nodes: MAX_NODES,
    dense_min: 1 << 16,
};

/// The direct table of integer names never exceeds this many entries (4 GiB).
const DENSE_MAX: usize = 1 << 30;

/// How node names are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeType {
    /// Integers if every name parses as a 64-bit integer, else strings. When a non-integer
    /// name appears, the input is read again from the start as strings.
    #[default]
    Auto,
    /// Integers (optional sign, decimal digits, leading zeros allowed: `007` is `7`); a name
    /// that is not a 64-bit integer is an error.
    Int,
    /// Strings (UTF-8), exactly as written.
    Str,
}

/// Options of [`read_edgelist`] and [`parse_edgelist`].
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeListOptions {
    /// Field separator. `None`: runs of spaces and tabs, or `,` (CSV) when the first data line
    /// contains a comma and splitting it at commas gives at least two fields none of which
    /// contains a space or tab. With an explicit separator, fields are trimmed of surrounding
    /// spaces and tabs (unless the separator is itself a space or tab), so TSV names may
    /// contain spaces. No quoting: a separator inside a name cannot be escaped.
    pub delimiter: Option<u8>,
    /// Comment characters: text from any of them to the end of the line is ignored, and lines
    /// left blank are skipped (networkx's rule; networkx takes one comment string, here each
    /// byte is a comment character). Default `#` and `%`. May not contain a newline, a space, a
    /// tab or the delimiter.
    pub comments: Vec<u8>,
    /// 0-based column of the weight (2 for `u v w` lines), at least 2; `None`: unweighted.
    /// Columns other than 0, 1 and this one are ignored.
    pub weight_column: Option<usize>,
    /// How node names are read.
    pub node_type: NodeType,
    /// Lines skipped at the top (a header), counted before comments and blank lines are
    /// looked at. A UTF-8 byte-order mark at the very start is always skipped.
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
    /// Source ids, one per data line.
    pub src: Vec<u32>,
    /// Target ids.
    pub dst: Vec<u32>,
    /// Weights, if a weight column was read.
    pub weights: Option<Vec<f64>>,
    /// `labels[id]` is the name of node `id`; ids are in order of first appearance.
    pub labels: Labels,
}

/// Read an edge list file, plain text or gzip (recognised by its magic bytes, whatever the
/// extension; concatenated gzip members are read as one stream).
///
/// Every data line holds a source name, a target name and optionally more columns; see
/// [`EdgeListOptions`] for separators, comments and headers. Node ids are assigned in order of
/// first appearance, line by line, source before target, as networkx's `read_edgelist` orders
/// its nodes, and `labels[id]` is the name of node `id`. Unlike networkx, a non-blank line
/// with fewer than two fields is an error rather than silently skipped.
///
/// # Arguments
/// * `path` – the file.
/// * `opts` – separator, comments, weight column, node type, header lines.
/// * `cancel` – checked once per block.
///
/// # Errors
/// * [`Error::Io`] if the file cannot be opened or read (missing, a directory, no permission,
///   corrupt or truncated gzip).
/// * [`Error::Parse`] with the 1-based line number for a line with fewer than two fields, an
///   empty name (CSV), a missing weight, a weight that is not a finite number, a name that is
///   not a 64-bit integer under [`NodeType::Int`], a name that is not UTF-8 (string names), or
///   a line longer than [`MAX_LINE_BYTES`].
/// * [`Error::InvalidParameter`] for `weight_column < 2`, a newline or `\r` as delimiter, or
///   comment characters that clash with the delimiter or with blanks.
/// * [`Error::TooLarge`] for more than `u32::MAX` distinct names.
/// * [`Error::Interrupted`] when `cancel` is set.
///
/// # Complexity
/// O(bytes) work, parallel except for the insertion of each distinct name (O(n) sequential
/// hash or table inserts). Memory: the output (8 bytes per edge, 16 with weights, plus the
/// names) and O([`BLOCK_BYTES`]) buffers. Gzip decompression runs on one thread, overlapped
/// with parsing. [`NodeType::Auto`] reads the input twice if a non-integer name appears.
/// The result is identical for any number of threads.
///
/// # Example
/// ```no_run
/// use impactgraph_core::{io::{read_edgelist, EdgeListOptions}, Cancel};
/// let el = read_edgelist("edges.txt.gz".as_ref(), &EdgeListOptions::default(), &Cancel::new()).unwrap();
/// println!("{} edges on {} nodes", el.src.len(), el.labels.len());
/// ```
pub fn read_edgelist(path: &Path, opts: &EdgeListOptions, cancel: &Cancel) -> Result<EdgeList> {
    read_file(path, opts, None, None, cancel, &LIMITS).map(|(el, _)| el)
}

/// How far a load is, for a progress display polled from another thread: the stage
/// ([`LoadProgress::READING`] or [`LoadProgress::BUILDING`]), and units done out of a total
/// (file bytes while reading, edges while building; a total of 0 means unknown).
#[derive(Debug, Default)]
pub struct LoadProgress {
    /// The current stage.
    pub stage: AtomicU64,
    /// Units done in the current stage.
    pub done: AtomicU64,
    /// Units in the current stage (0: unknown).
    pub total: AtomicU64,
}

impl LoadProgress {
    /// Reading (and parsing) the input; units are bytes of the file.
    pub const READING: u64 = 0;
    /// Placing the edges into the CSR; units are edges.
    pub const BUILDING: u64 = 1;

    /// Enter `stage` with `total` units.
    pub fn start(&self, stage: u64, total: u64) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage.store(stage, Ordering::Relaxed);
    }

    /// Add `k` units done.
    #[inline]
    pub fn add(&self, k: u64) {
        self.done.fetch_add(k, Ordering::Relaxed);
    }
}

/// Node names to dense ids in order of first appearance, fed in chunks: the name table of the
/// edge-list reader, for readers that decode names themselves (Parquet batches). All names are
/// integers or all are strings.
///
/// # Example
/// ```
/// use impactgraph_core::io::{Labels, NameTable};
/// let mut t = NameTable::new();
/// assert_eq!(t.ints(&[10, 20, 10]).unwrap(), vec![0, 1, 0]);
/// assert_eq!(t.ints(&[5, 20]).unwrap(), vec![2, 1]);
/// assert_eq!(t.lookup_ints(&[20, 5, 10]).unwrap(), vec![1, 2, 0]);
/// assert!(t.lookup_ints(&[7]).is_err());
/// assert_eq!(t.into_labels(), Labels::Int(vec![10, 20, 5]));
/// ```
pub struct NameTable {
    interner: Interner,
    kind: Option<NodeType>,
    seen: u64,
}

impl Default for NameTable {
    fn default() -> Self {
        Self::new()
    }
}

impl NameTable {
    /// An empty table.
    pub fn new() -> Self {
        NameTable {
            interner: Interner::new(&LIMITS),
            kind: None,
            seen: 0,
        }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.interner.len()
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn set_kind(&mut self, k: NodeType) -> Result<()> {
        match self.kind {
            Some(old) if old != k => Err(Error::param(
                "names",
                "integer and string names cannot be mixed in one table",
            )),
            _ => {
                self.kind = Some(k);
                Ok(())
            }
        }
    }

    /// The ids of integer names, new names numbered in order.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] after string names; [`Error::TooLarge`] beyond
    /// [`MAX_NODES`] names.
    pub fn ints(&mut self, names: &[i64]) -> Result<Vec<u32>> {
        self.set_kind(NodeType::Int)?;
        self.seen += names.len() as u64;
        self.interner.allow_dense(self.seen, 0);
        names.iter().map(|&v| self.interner.int(v)).collect()
    }

    /// The ids of integer names already in the table, looked up in parallel (a second pass
    /// over names that [`NameTable::ints`] has seen).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a name not in the table (or a table of string names).
    pub fn lookup_ints(&self, names: &[i64]) -> Result<Vec<u32>> {
        if self.kind == Some(NodeType::Str) {
            return Err(Error::param("names", "the table holds string names"));
        }
        const C: usize = 1 << 14;
        let mut out = vec![0u32; names.len()];
        out.par_chunks_mut(C)
            .zip(names.par_chunks(C))
            .for_each(|(o, n)| {
                for (x, &v) in o.iter_mut().zip(n) {
                    *x = self.interner.get_int(v);
                }
            });
        match crate::csr::first_position(&out, |x| x == UNSEEN) {
            None => Ok(out),
            Some(i) => Err(Error::param(
                "names",
                format!("name {} (position {i}) is not in the table", names[i]),
            )),
        }
    }

    /// The ids of string names, new names numbered in order.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] after integer names; [`Error::TooLarge`].
    pub fn strs<S: AsRef<str>>(&mut self, names: &[S]) -> Result<Vec<u32>> {
        self.set_kind(NodeType::Str)?;
        names
            .iter()
            .map(|s| {
                self.interner
                    .string(s.as_ref().as_bytes())
                    .map(|id| id.expect("a str is UTF-8"))
            })
            .collect()
    }

    /// The names by id.
    pub fn into_labels(self) -> Labels {
        let kind = self.kind.unwrap_or(NodeType::Int);
        self.interner.into_labels(kind)
    }
}

/// A reader that counts the bytes read into a [`LoadProgress`].
struct Counted<'p, R> {
    inner: R,
    progress: Option<&'p LoadProgress>,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        if let Some(p) = self.progress {
            p.add(k as u64);
        }
        Ok(k)
    }
}

/// Read an edge list file straight into a graph: the rules of [`read_edgelist`], but the ids
/// of each block are kept as one compact chunk and counted into a [`ChunkedBuilder`] while the
/// file is parsed, then the chunks are placed one by one, each freed as soon as it is placed.
/// The graph is identical to [`Csr::from_edges`] on [`read_edgelist`]'s arrays with
/// `num_nodes` = the number of labels.
///
/// # Arguments
/// * `path` – the file (plain text or gzip).
/// * `opts` – separator, comments, weight column, node type, header lines.
/// * `build` – directedness, duplicate and self-loop policy; `num_nodes` is ignored (the
///   number of distinct names).
/// * `progress` – updated with the bytes read, then with the edges placed.
/// * `cancel` – checked once per block and during the build.
///
/// # Errors
/// As [`read_edgelist`] and [`Csr::from_edges`] ([`Error::DuplicateEdge`]).
///
/// # Complexity
/// As [`read_edgelist`] plus the build. Peak memory: the CSR, one copy of the ids (8 bytes per
/// edge, 16 with weights) in chunks of one block, the names, the row counters and O(block)
/// buffers; the ids are freed chunk by chunk as the CSR is filled.
///
/// # Example
/// ```no_run
/// use impactgraph_core::{io::{read_edgelist_graph, EdgeListOptions}, BuildOptions, Cancel};
/// let (g, labels) = read_edgelist_graph("edges.txt.gz".as_ref(), &EdgeListOptions::default(),
///     &BuildOptions::default(), None, &Cancel::new()).unwrap();
/// println!("{} edges on {} nodes", g.num_edges(), labels.len());
/// ```
pub fn read_edgelist_graph(
    path: &Path,
    opts: &EdgeListOptions,
    build: &BuildOptions,
    progress: Option<&LoadProgress>,
    cancel: &Cancel,
) -> Result<(Csr, Labels)> {
    read_graph(path, opts, build, progress, cancel, &LIMITS)
}

fn read_graph(
    path: &Path,
    opts: &EdgeListOptions,
    build: &BuildOptions,
    progress: Option<&LoadProgress>,
    cancel: &Cancel,
    lim: &Limits,
) -> Result<(Csr, Labels)> {
    let (el, sink) = read_file(path, opts, Some(build), progress, cancel, lim)?;
    let sink = sink.ok_or_else(|| Error::graph("internal error: no chunks"))?;
    let g = sink.build(el.labels.len(), progress, cancel)?;
    Ok((g, el.labels))
}

/// Parse an edge list held in memory (text, not gzip); errors name the input `<bytes>`.
/// Same rules as [`read_edgelist`].
///
/// # Arguments
/// * `bytes` – the text.
/// * `opts` – separator, comments, weight column, node type, header lines.
/// * `cancel` – checked once per block.
///
/// # Errors
/// As [`read_edgelist`], without [`Error::Io`].
///
/// # Complexity
/// As [`read_edgelist`]; the text is copied block by block.
///
/// # Example
/// ```
/// use impactgraph_core::io::{parse_edgelist, EdgeListOptions, Labels};
/// use impactgraph_core::Cancel;
/// let opts = EdgeListOptions { weight_column: Some(2), ..Default::default() };
/// let el = parse_edgelist(b"# a comment\n10 20 0.5\n20\t5 2\n", &opts, &Cancel::new()).unwrap();
/// assert_eq!(el.labels, Labels::Int(vec![10, 20, 5]));
/// assert_eq!((el.src, el.dst), (vec![0, 1], vec![1, 2]));
/// assert_eq!(el.weights, Some(vec![0.5, 2.0]));
/// ```
pub fn parse_edgelist(bytes: &[u8], opts: &EdgeListOptions, cancel: &Cancel) -> Result<EdgeList> {
    parse_bytes(bytes, opts, cancel, &LIMITS)
}

fn parse_bytes(
    bytes: &[u8],
    opts: &EdgeListOptions,
    cancel: &Cancel,
    lim: &Limits,
) -> Result<EdgeList> {
    validate(opts)?;
    let size = bytes.len() as u64;
    let run = |nt| parse_stream(bytes, size, "<bytes>", opts, nt, None, cancel, lim);
    match run(opts.node_type) {
        Err(Restart) => run(NodeType::Str).map_err(ParseFailure::into_error),
        r => r.map_err(ParseFailure::into_error),
    }
    .map(|(el, _)| el)
}

/// Read a file into an edge list, or (with `build`) into chunks counted by a builder.
fn read_file(
    path: &Path,
    opts: &EdgeListOptions,
    build: Option<&BuildOptions>,
    progress: Option<&LoadProgress>,
    cancel: &Cancel,
    lim: &Limits,
) -> Result<(EdgeList, Option<Sink>)> {
    validate(opts)?;
    let name = path.display().to_string();
    let io_err = |e: std::io::Error| Error::Io {
        path: name.clone(),
        message: e.to_string(),
    };
    if path.is_dir() {
        return Err(Error::Io {
            path: name,
            message: "is a directory, not a file".into(),
        });
    }
    // The reader and the expected size of the text (gzip: three times the file).
    let open = || -> Result<(Box<dyn Read + Send>, u64)> {
        let mut f = File::open(path).map_err(io_err)?;
        let len = f.metadata().map_or(0, |m| m.len());
        if let Some(p) = progress {
            p.start(LoadProgress::READING, len);
        }
        let mut magic = [0u8; 2];
        let mut got = 0;
        while got < 2 {
            match f.read(&mut magic[got..]).map_err(io_err)? {
                0 => break,
                k => got += k,
            }
        }
        f.seek(SeekFrom::Start(0)).map_err(io_err)?;
        let f = Counted { inner: f, progress };
        if got == 2 && magic == [0x1f, 0x8b] {
            let gz = GzipReader(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
                1 << 20,
                f,
            )));
            Ok((Box::new(gz), len.saturating_mul(3)))
        } else {
            Ok((Box::new(f), len))
        }
    };
    let (reader, size) = open()?;
    match parse_stream(
        reader,
        size,
        &name,
        opts,
        opts.node_type,
        build,
        cancel,
        lim,
    ) {
        Err(Restart) => {
            let (reader, size) = open()?;
            parse_stream(reader, size, &name, opts, NodeType::Str, build, cancel, lim)
                .map_err(ParseFailure::into_error)
        }
        r => r.map_err(ParseFailure::into_error),
    }
}

/// The ids of one block, kept for the placement pass.
struct Chunk {
    src: Vec<u32>,
    dst: Vec<u32>,
    weights: Vec<f64>,
}

/// Chunks counted by a builder, waiting to be placed.
struct Sink {
    builder: ChunkedBuilder,
    chunks: Vec<Chunk>,
    weighted: bool,
}

impl Sink {
    /// Place every chunk in order, freeing each one, and finish the graph on `n` nodes.
    fn build(self, n: usize, progress: Option<&LoadProgress>, cancel: &Cancel) -> Result<Csr> {
        let Sink {
            mut builder,
            chunks,
            weighted,
        } = self;
        builder.start_placing(Some(n as u64))?;
        if let Some(p) = progress {
            p.start(LoadProgress::BUILDING, builder.num_counted());
        }
        for c in chunks {
            let w = weighted.then_some(&c.weights[..]);
            builder.place(&c.src, &c.dst, w, cancel)?;
            if let Some(p) = progress {
                p.add(c.src.len() as u64);
            }
            drop(c);
        }
        builder.finish(cancel)
    }
}

/// A gzip stream whose read errors say that the problem is in the compressed data.
struct GzipReader<R>(R);

impl<R: Read> Read for GzipReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            let msg = if e.kind() == std::io::ErrorKind::UnexpectedEof {
                "truncated gzip data".to_string()
            } else {
                format!("invalid gzip data: {e}")
            };
            std::io::Error::new(e.kind(), msg)
        })
    }
}

fn validate(opts: &EdgeListOptions) -> Result<()> {
    if let Some(k) = opts.weight_column {
        if k < 2 {
            return Err(Error::param(
                "weight_column",
                format!("must be 2 or more (columns 0 and 1 are the endpoints), got {k}"),
            ));
        }
    }
    if let Some(d) = opts.delimiter {
        if d == b'\n' || d == b'\r' {
            return Err(Error::param(
                "delimiter",
                "a line break cannot separate fields",
            ));
        }
        if opts.comments.contains(&d) {
            return Err(Error::param(
                "comments",
                format!("contains the delimiter {:?}", d as char),
            ));
        }
    }
    if let Some(&c) = opts
        .comments
        .iter()
        .find(|&&c| matches!(c, b'\n' | b'\r' | b' ' | b'\t'))
    {
        return Err(Error::param(
            "comments",
            format!("{:?} cannot start a comment", c as char),
        ));
    }
    Ok(())
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
            // Only `Auto` restarts, and the second pass reads strings, which never restart.
            Restart => Error::graph("internal error: edge-list parser restarted twice"),
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

const FX_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, x: u8) {
        self.write_u64(x as u64);
    }
    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(FX_K);
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
        // Fold the high bits down: hashbrown takes its bucket index from the low bits.
        self.0 ^ (self.0 >> 29)
    }
}
type FxBuild = BuildHasherDefault<FxHasher>;

// Byte classes of the tokenizer.
const NL: u8 = 1;
const BLANK: u8 = 2;
const SEP: u8 = 4;
const COMMENT: u8 = 8;

/// The tokenizer's view of the options.
struct Syntax {
    class: [u8; 256],
    delim: Option<u8>,
    weight_column: Option<usize>,
    node_type: NodeType,
}

impl Syntax {
    fn new(delim: Option<u8>, comments: &[u8], weight_column: Option<usize>, nt: NodeType) -> Self {
        let mut class = [0u8; 256];
        for b in [b' ', b'\t', b'\r'] {
            class[b as usize] = match delim {
                None => BLANK | SEP,
                Some(_) => BLANK,
            };
        }
        if let Some(d) = delim {
            class[d as usize] = SEP;
        }
        for &c in comments {
            class[c as usize] |= COMMENT;
        }
        class[b'\n' as usize] = NL;
        Syntax {
            class,
            delim,
            weight_column,
            node_type: nt,
        }
    }
}

/// Tokens of one sub-chunk, looked up in the name table as it was at the start of the block.
/// Kept from block to block so that its buffers are reused.
#[derive(Default)]
struct Parsed {
    /// Integer names, two per edge (scratch).
    ints: Vec<i64>,
    /// String names as (offset in the block, length), two per edge (scratch).
    spans: Vec<(u32, u32)>,
    /// Source and target ids; `UNSEEN` for the misses until they are inserted.
    src: Vec<u32>,
    dst: Vec<u32>,
    /// Integer names not found: (2 * edge + side, name).
    int_misses: Vec<(u32, i64)>,
    /// String names not found: (2 * edge + side, offset in the block, length).
    str_misses: Vec<(u32, u32, u32)>,
    weights: Vec<f64>,
    /// Newlines in the sub-chunk.
    lines: u64,
    /// Block offset of the first bad line and what is wrong with it.
    error: Option<(usize, String)>,
    /// A non-integer name under `Auto`.
    restart: bool,
}

impl Parsed {
    fn clear(&mut self) {
        self.ints.clear();
        self.spans.clear();
        self.src.clear();
        self.dst.clear();
        self.int_misses.clear();
        self.str_misses.clear();
        self.weights.clear();
        self.lines = 0;
        self.error = None;
        self.restart = false;
    }
}

/// Powers of ten up to 10^8.
const POW10: [u64; 9] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
];

/// Up to 8 leading ASCII digits of `chunk` (little-endian: the first byte is the lowest):
/// their count and their value (SWAR, after Lemire's "fast integer parsing").
#[inline(always)]
fn swar_digits(chunk: u64) -> (usize, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Bytes '0'..='9' become 0..=9 (xor never borrows across bytes).
    let a = chunk ^ (0x30 * ONES);
    // The high bit of each byte that is not a digit; bytes above the first one may be
    // disturbed by a carry, which does not matter.
    let bad = (a.wrapping_add(0x76 * ONES) | a) & (0x80 * ONES);
    let len = if bad == 0 {
        8
    } else {
        (bad.trailing_zeros() / 8) as usize
    };
    if len == 0 {
        return (0, 0);
    }
    // Move the digits to the high bytes: the low bytes become leading zeros.
    let mut v = a << (8 * (8 - len));
    v = v.wrapping_mul(10).wrapping_add(v >> 8);
    const MASK: u64 = 0x0000_00FF_0000_00FF;
    const MUL1: u64 = 0x000F_4240_0000_0064; // 100 + (1_000_000 << 32)
    const MUL2: u64 = 0x0000_2710_0000_0001; // 1 + (10_000 << 32)
    let v =
        ((v & MASK).wrapping_mul(MUL1)).wrapping_add(((v >> 16) & MASK).wrapping_mul(MUL2)) >> 32;
    (len, v)
}

/// Parse `[+-]digits` at `text[i..]` (with `i < text.len()`) with at most 18 digits (which
/// cannot overflow); the value and the position after the digits. Longer numbers take the
/// general path.
#[inline(always)]
fn fused_int(text: &[u8], mut i: usize) -> Option<(i64, usize)> {
    let neg = text[i] == b'-';
    if neg || text[i] == b'+' {
        i += 1;
    }
    let start = i;
    let mut v: u64 = 0;
    loop {
        if let Some(bytes) = text.get(i..i + 8) {
            let mut b = [0u8; 8];
            b.copy_from_slice(bytes);
            let (len, x) = swar_digits(u64::from_le_bytes(b));
            v = v.wrapping_mul(POW10[len]).wrapping_add(x);
            i += len;
            if len < 8 {
                break;
            }
        } else {
            while i < text.len() {
                let d = text[i].wrapping_sub(b'0');
                if d > 9 {
                    break;
                }
                v = v.wrapping_mul(10).wrapping_add(d as u64);
                i += 1;
            }
            break;
        }
    }
    if i == start || i - start > 18 {
        return None;
    }
    let v = v as i64;
    Some((if neg { -v } else { v }, i))
}

/// Parse a decimal integer with optional sign; `None` if it is not a 64-bit integer.
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
    // 19 decimal digits never overflow u64.
    let mut v: u64 = 0;
    for &c in digits {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v * 10 + d as u64;
    }
    if neg {
        if v <= i64::MAX as u64 + 1 {
            Some((v as i64).wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(v).ok()
    }
}

/// Position just after the newline at or after `i` (or `text.len()`), and whether one was found.
#[inline]
fn after_newline(text: &[u8], i: usize) -> (usize, bool) {
    match text[i..].iter().position(|&b| b == b'\n') {
        Some(p) => (i + p + 1, true),
        None => (text.len(), false),
    }
}

fn lossy(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(&b[..b.len().min(40)]);
    if b.len() > 40 {
        format!("{s}...")
    } else {
        s.into_owned()
    }
}

impl Syntax {
    /// Tokenize the lines of `text`, which starts at byte `base` of its block, parse names and
    /// weights, and look the names up in `names` (read-only) into `out`.
    fn parse(&self, text: &[u8], base: usize, names: &Interner, out: &mut Parsed) {
        out.clear();
        let cls = &self.class;
        let c = |b: u8| cls[b as usize];
        let n = text.len();
        let est = n / 10 + 16;
        if self.node_type == NodeType::Str {
            out.spans.reserve(2 * est);
        } else {
            out.ints.reserve(2 * est);
        }
        if self.weight_column.is_some() {
            out.weights.reserve(est);
        }
        let need = self.weight_column.map_or(2, |k| k + 1);
        let wc = self.weight_column.unwrap_or(usize::MAX);
        let int_names = self.node_type != NodeType::Str;
        let stop = NL | SEP | COMMENT;
        // The commonest line, `int blanks int \n` in whitespace mode without weights, has a
        // fast path; anything else (or any doubt) takes the general one from the line start.
        let fast_lines = int_names && self.delim.is_none() && self.weight_column.is_none();
        let mut i = 0usize;
        while i < n {
            if fast_lines {
                if let Some((a, j)) = fused_int(text, i) {
                    if j < n && (text[j] == b' ' || text[j] == b'\t') {
                        let mut k = j + 1;
                        while k < n && (text[k] == b' ' || text[k] == b'\t') {
                            k += 1;
                        }
                        if k < n {
                            if let Some((b, j2)) = fused_int(text, k) {
                                if j2 < n && text[j2] == b'\n' {
                                    out.ints.push(a);
                                    out.ints.push(b);
                                    out.lines += 1;
                                    i = j2 + 1;
                                    continue;
                                }
                            }
                        }
                    }
                }
            }
            let line_start = i;
            while i < n && c(text[i]) & BLANK != 0 {
                i += 1;
            }
            if i == n || c(text[i]) & (NL | COMMENT) != 0 {
                // Blank or comment line.
                let (next, nl) = after_newline(text, i);
                out.lines += nl as u64;
                i = next;
                continue;
            }
            let mut f = [(0usize, 0usize); 3];
            let mut fast = [None::<i64>; 2];
            let mut count = 0usize;
            loop {
                let start = i;
                let mut quick = None;
                if int_names && count < 2 {
                    if let Some((v, j)) = fused_int(text, i) {
                        if j == n || c(text[j]) & stop != 0 {
                            quick = Some(v);
                            i = j;
                        }
                    }
                }
                if quick.is_none() {
                    while i < n && c(text[i]) & stop == 0 {
                        i += 1;
                    }
                }
                let mut end = i;
                if self.delim.is_some() {
                    while end > start && c(text[end - 1]) & BLANK != 0 {
                        end -= 1;
                    }
                }
                if count < 2 {
                    f[count] = (start, end);
                    fast[count] = quick;
                } else if count == wc {
                    f[2] = (start, end);
                }
                count += 1;
                if self.delim.is_some() {
                    if i < n && c(text[i]) & SEP != 0 {
                        i += 1;
                        while i < n && c(text[i]) & BLANK != 0 {
                            i += 1;
                        }
                        continue;
                    }
                    break;
                }
                while i < n && c(text[i]) & BLANK != 0 {
                    i += 1;
                }
                if i == n || c(text[i]) & (NL | COMMENT) != 0 {
                    break;
                }
            }
            let (next, nl) = if i < n && text[i] == b'\n' {
                (i + 1, true)
            } else {
                after_newline(text, i)
            };
            out.lines += nl as u64;
            i = next;
            let fail = |out: &mut Parsed, msg: String| {
                out.error = Some((base + line_start, msg));
            };
            if count < need {
                let sep = match self.delim {
                    None => "spaces or tabs".to_string(),
                    Some(d) => format!("{:?}", d as char),
                };
                let mut msg = if count < 2 {
                    format!("expected at least 2 fields (source and target) separated by {sep}, found {count}")
                } else {
                    format!("expected a weight in column {wc} (0-based), found only {count} fields")
                };
                let line = &text[line_start..i];
                if line.contains(&0) || std::str::from_utf8(line).is_err() {
                    msg.push_str(" (the line is not UTF-8 text: is this a binary file?)");
                }
                fail(out, msg);
                return;
            }
            for (k, &(s, e)) in f[..2].iter().enumerate() {
                if s == e {
                    let which = if k == 0 { "source" } else { "target" };
                    fail(out, format!("empty {which} name"));
                    return;
                }
            }
            for side in 0..2 {
                let (s, e) = f[side];
                if int_names {
                    match fast[side].or_else(|| parse_int(&text[s..e])) {
                        Some(v) => out.ints.push(v),
                        None if self.node_type == NodeType::Auto => {
                            out.restart = true;
                            return;
                        }
                        None => {
                            let msg = format!(
                                "node name {:?} is not a 64-bit integer",
                                lossy(&text[s..e])
                            );
                            fail(out, msg);
                            return;
                        }
                    }
                } else {
                    out.spans.push(((base + s) as u32, (e - s) as u32));
                }
            }
            if self.weight_column.is_some() {
                let tok = &text[f[2].0..f[2].1];
                let w = std::str::from_utf8(tok)
                    .ok()
                    .and_then(|s| s.parse::<f64>().ok());
                match w {
                    Some(w) if w.is_finite() => out.weights.push(w),
                    _ => {
                        let msg = format!("weight {:?} is not a finite number", lossy(tok));
                        fail(out, msg);
                        return;
                    }
                }
            }
        }
        self.look_up(text, base, names, out);
    }

    /// Look every name of `out` up in `names` (a tight loop of independent loads, so that
    /// many cache misses are in flight at once).
    fn look_up(&self, text: &[u8], base: usize, names: &Interner, out: &mut Parsed) {
        let edges = (out.ints.len() + out.spans.len()) / 2;
        out.src.reserve(edges);
        out.dst.reserve(edges);
        if self.node_type == NodeType::Str {
            for (k, pair) in out.spans.chunks_exact(2).enumerate() {
                for (side, &(o, l)) in pair.iter().enumerate() {
                    let s = o as usize - base;
                    let id = names.get_str(&text[s..s + l as usize]);
                    if id == UNSEEN {
                        out.str_misses.push(((2 * k + side) as u32, o, l));
                    }
                    if side == 0 {
                        out.src.push(id);
                    } else {
                        out.dst.push(id);
                    }
                }
            }
        } else {
            for (k, pair) in out.ints.chunks_exact(2).enumerate() {
                let (a, b) = (names.get_int(pair[0]), names.get_int(pair[1]));
                out.src.push(a);
                out.dst.push(b);
                if a == UNSEEN {
                    out.int_misses.push(((2 * k) as u32, pair[0]));
                }
                if b == UNSEEN {
                    out.int_misses.push(((2 * k + 1) as u32, pair[1]));
                }
            }
        }
    }
}

const UNSEEN: u32 = u32::MAX;

/// Bytes of a name kept inside the hash-map entry (so that a look-up reads one cache line,
/// not a pointer to a separate allocation).
const INLINE_NAME: usize = 22;

/// A string node name as a hash-map key: short names inline, longer ones on the heap. Hashes
/// and compares as its bytes, so the map can be queried with a `&[u8]`.
#[derive(Clone)]
enum NameKey {
    Inline(u8, [u8; INLINE_NAME]),
    Heap(Box<[u8]>),
}

impl NameKey {
    fn new(s: &[u8]) -> Self {
        if s.len() <= INLINE_NAME {
            let mut b = [0u8; INLINE_NAME];
            b[..s.len()].copy_from_slice(s);
            NameKey::Inline(s.len() as u8, b)
        } else {
            NameKey::Heap(s.into())
        }
    }

    #[inline]
    fn as_bytes(&self) -> &[u8] {
        match self {
            NameKey::Inline(len, b) => &b[..*len as usize],
            NameKey::Heap(b) => b,
        }
    }
}

impl std::borrow::Borrow<[u8]> for NameKey {
    #[inline]
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl std::hash::Hash for NameKey {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl PartialEq for NameKey {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for NameKey {}

/// Names → dense ids, in order of first appearance.
///
/// Invariant: an integer `v` with `0 <= v < dense.len()` is only ever in `dense`, never in
/// `ints` (growing `dense` moves such entries over).
struct Interner {
    dense: Vec<u32>,
    ints: HashMap<i64, u32, FxBuild>,
    strs: HashMap<NameKey, u32, FxBuild>,
    int_labels: Vec<i64>,
    num_strs: usize,
    max_nodes: u64,
    dense_min: usize,
    /// Largest size `dense` may grow to now (about twice the names read so far).
    dense_cap: usize,
}

impl Interner {
    fn new(lim: &Limits) -> Self {
        Interner {
            dense: Vec::new(),
            ints: HashMap::default(),
            strs: HashMap::default(),
            int_labels: Vec::new(),
            num_strs: 0,
            max_nodes: lim.max_nodes,
            dense_min: lim.dense_min,
            dense_cap: lim.dense_min,
        }
    }

    fn len(&self) -> usize {
        self.int_labels.len() + self.num_strs
    }

    /// Let the direct table grow to twice the larger of the names read so far and the names
    /// the input size suggests (one per 16 bytes), so that it never holds more than about
    /// half the input size in bytes (and a few huge ids in a small file stay in the hash map).
    fn allow_dense(&mut self, tokens_seen: u64, size_hint: u64) {
        let expect = tokens_seen.max(size_hint / 16);
        let cap = (expect.saturating_mul(2)).min(DENSE_MAX as u64) as usize;
        self.dense_cap = cap.max(self.dense_min).min(DENSE_MAX);
    }

    fn next_id(&self) -> Result<u32> {
        let len = self.len() as u64;
        if len >= self.max_nodes {
            return Err(too_many(self.max_nodes));
        }
        Ok(len as u32)
    }

    #[inline]
    fn get_int(&self, v: i64) -> u32 {
        if (v as u64) < self.dense.len() as u64 {
            self.dense[v as usize]
        } else if self.ints.is_empty() {
            UNSEEN
        } else {
            self.ints.get(&v).copied().unwrap_or(UNSEEN)
        }
    }

    #[inline]
    fn get_str(&self, s: &[u8]) -> u32 {
        self.strs.get(s).copied().unwrap_or(UNSEEN)
    }

    fn grow_dense(&mut self, want: usize) {
        let new_len = want.max(self.dense.len() * 2).min(self.dense_cap);
        let old = self.dense.len();
        self.dense.resize(new_len, UNSEEN);
        if !self.ints.is_empty() {
            let dense = &mut self.dense;
            self.ints.retain(|&k, &mut id| {
                if k >= old as i64 && k < new_len as i64 {
                    dense[k as usize] = id;
                    false
                } else {
                    true
                }
            });
        }
    }

    #[inline]
    fn int(&mut self, v: i64) -> Result<u32> {
        if v >= 0 && (v as u64) < self.dense_cap as u64 {
            let i = v as usize;
            if i >= self.dense.len() {
                self.grow_dense(i + 1);
            }
            let slot = self.dense[i];
            if slot != UNSEEN {
                return Ok(slot);
            }
            let id = self.next_id()?;
            self.dense[i] = id;
            self.int_labels.push(v);
            return Ok(id);
        }
        if let Some(&id) = self.ints.get(&v) {
            return Ok(id);
        }
        let id = self.next_id()?;
        self.ints.insert(v, id);
        self.int_labels.push(v);
        Ok(id)
    }

    /// `Ok(None)` if `s` is new and not UTF-8.
    #[inline]
    fn string(&mut self, s: &[u8]) -> Result<Option<u32>> {
        let len = self.len() as u64;
        match self.strs.entry(NameKey::new(s)) {
            std::collections::hash_map::Entry::Occupied(e) => Ok(Some(*e.get())),
            std::collections::hash_map::Entry::Vacant(e) => {
                if std::str::from_utf8(s).is_err() {
                    return Ok(None);
                }
                if len >= self.max_nodes {
                    return Err(too_many(self.max_nodes));
                }
                e.insert(len as u32);
                self.num_strs += 1;
                Ok(Some(len as u32))
            }
        }
    }

    fn into_labels(self, node_type: NodeType) -> Labels {
        match node_type {
            NodeType::Str => {
                let mut v = vec![String::new(); self.num_strs];
                for (k, id) in self.strs {
                    // Every key was checked to be UTF-8 when it was inserted.
                    v[id as usize] = String::from_utf8_lossy(k.as_bytes()).into_owned();
                }
                Labels::Str(v)
            }
            _ => Labels::Int(self.int_labels),
        }
    }
}

fn too_many(max_nodes: u64) -> Error {
    Error::TooLarge {
        message: format!("more than {max_nodes} distinct node names"),
    }
}

/// Streams a reader in blocks that end after a newline.
struct BlockReader<R> {
    reader: R,
    carry: Vec<u8>,
    eof: bool,
    first: bool,
    next_size: usize,
}

enum Block {
    Data,
    Done,
    LineTooLong,
}

impl<R: Read> BlockReader<R> {
    fn new(reader: R, lim: &Limits) -> Self {
        BlockReader {
            reader,
            carry: Vec::new(),
            eof: false,
            first: true,
            next_size: lim.first_block,
        }
    }

    /// Fill `buf` with the next block: the carried partial line, then new bytes up to the block
    /// size, cut after the last newline (everything at the end of the input).
    fn next(&mut self, buf: &mut Vec<u8>, lim: &Limits) -> std::io::Result<Block> {
        buf.clear();
        buf.append(&mut self.carry);
        let size = self.next_size;
        self.next_size = (size * 2).min(lim.max_block);
        // The carried bytes hold no newline.
        let mut scanned = buf.len();
        loop {
            if self.eof {
                return Ok(if buf.is_empty() {
                    Block::Done
                } else {
                    Block::Data
                });
            }
            let want = size;
            buf.reserve(want);
            let got = (&mut self.reader).take(want as u64).read_to_end(buf)?;
            if got < want {
                self.eof = true;
            }
            if self.first && (buf.len() >= 3 || self.eof) {
                self.first = false;
                if buf.starts_with(b"\xEF\xBB\xBF") {
                    buf.drain(..3);
                }
            }
            if self.eof {
                continue;
            }
            match buf[scanned..].iter().rposition(|&b| b == b'\n') {
                Some(p) => {
                    let cut = scanned + p + 1;
                    self.carry.extend_from_slice(&buf[cut..]);
                    buf.truncate(cut);
                    return Ok(Block::Data);
                }
                None => {
                    scanned = buf.len();
                    if scanned > lim.max_line {
                        return Ok(Block::LineTooLong);
                    }
                }
            }
        }
    }
}

/// Decide the separator from the first data line when none was given (see
/// [`EdgeListOptions::delimiter`]). `None` if the block holds no data line.
fn detect_delimiter(block: &[u8], comments: &[u8]) -> Option<Option<u8>> {
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    for line in block.split(|&b| b == b'\n') {
        let line = match line.iter().position(|b| comments.contains(b)) {
            Some(c) => &line[..c],
            None => line,
        };
        if line.iter().all(blank) {
            continue;
        }
        if !line.contains(&b',') {
            return Some(None);
        }
        let trim = |f: &[u8]| -> (usize, usize) {
            let s = f.iter().position(|b| !blank(b)).unwrap_or(f.len());
            let e = f.iter().rposition(|b| !blank(b)).map_or(s, |p| p + 1);
            (s, e)
        };
        let csv = line.split(|&b| b == b',').all(|f| {
            let (s, e) = trim(f);
            !f[s..e].iter().any(blank)
        });
        return Some(if csv { Some(b',') } else { None });
    }
    None
}

/// The state carried from block to block.
struct Reader<'a> {
    name: &'a str,
    opts: &'a EdgeListOptions,
    lim: &'a Limits,
    syntax: Option<Syntax>,
    node_type: NodeType,
    to_skip: usize,
    lines_before: u64,
    tokens_seen: u64,
    /// Expected bytes of text (see [`Interner::allow_dense`]).
    size_hint: u64,
    interner: Interner,
    src: Vec<u32>,
    dst: Vec<u32>,
    weights: Vec<f64>,
    /// Per-sub-chunk buffers, reused from block to block.
    parts: Vec<Parsed>,
    /// When building a graph: each block's ids become a chunk, counted at once.
    sink: Option<Sink>,
    cancel: &'a Cancel,
}

impl Reader<'_> {
    fn parse_error(&self, block: &[u8], offset: usize, message: String) -> ParseFailure {
        let line = self.lines_before
            + 1
            + block[..offset.min(block.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
        Fail(Error::Parse {
            path: self.name.to_string(),
            line,
            message,
        })
    }

    /// Parse one block (whole lines) and append its edges.
    fn consume(&mut self, buf: &[u8]) -> std::result::Result<(), ParseFailure> {
        let mut start = 0usize;
        while self.to_skip > 0 && start < buf.len() {
            let (next, nl) = after_newline(buf, start);
            start = next;
            self.lines_before += nl as u64;
            self.to_skip -= 1;
        }
        let block = &buf[start..];
        if self.syntax.is_none() {
            let delim = match self.opts.delimiter {
                Some(d) => Some(Some(d)),
                None => detect_delimiter(block, &self.opts.comments),
            };
            match delim {
                Some(d) => {
                    self.syntax = Some(Syntax::new(
                        d,
                        &self.opts.comments,
                        self.opts.weight_column,
                        self.node_type,
                    ))
                }
                None => {
                    // Only blank and comment lines so far.
                    self.lines_before += block.iter().filter(|&&b| b == b'\n').count() as u64;
                    return Ok(());
                }
            }
        }
        let Some(syntax) = &self.syntax else {
            return Ok(());
        };
        // Sub-chunks cut after a newline, at fixed sizes.
        let mut bounds = vec![0usize];
        let mut p = 0usize;
        while p < block.len() {
            let target = p + self.lim.sub;
            let q = if target >= block.len() {
                block.len()
            } else {
                after_newline(block, target).0
            };
            bounds.push(q);
            p = q;
        }
        // Tokenize, parse and look names up, in parallel, against the table as it was at the
        // start of the block.
        let mut parts = std::mem::take(&mut self.parts);
        parts.resize_with(bounds.len() - 1, Parsed::default);
        let interner = &self.interner;
        parts
            .par_iter_mut()
            .zip(bounds.par_windows(2))
            .for_each(|(part, w)| syntax.parse(&block[w[0]..w[1]], w[0], interner, part));
        let result = self.append(block, &mut parts);
        self.parts = parts;
        result
    }

    /// Check the parsed sub-chunks in order, insert their misses, append their edges.
    fn append(
        &mut self,
        block: &[u8],
        parts: &mut [Parsed],
    ) -> std::result::Result<(), ParseFailure> {
        for part in parts.iter() {
            if let Some((off, msg)) = &part.error {
                return Err(self.parse_error(block, *off, msg.clone()));
            }
            if part.restart {
                return Err(Restart);
            }
        }
        let edges: usize = parts.iter().map(|p| p.src.len()).sum();
        self.tokens_seen += 2 * edges as u64;
        self.interner.allow_dense(self.tokens_seen, self.size_hint);
        // Insert the misses in input order.
        let str_misses: usize = parts.iter().map(|p| p.str_misses.len()).sum();
        self.interner.strs.reserve(str_misses);
        for part in parts.iter_mut() {
            for &(key, v) in &part.int_misses {
                let id = self.interner.int(v)?;
                let slot = if key % 2 == 0 {
                    &mut part.src
                } else {
                    &mut part.dst
                };
                slot[(key / 2) as usize] = id;
            }
            for &(key, o, l) in &part.str_misses {
                let s = &block[o as usize..(o + l) as usize];
                match self.interner.string(s)? {
                    Some(id) => {
                        let slot = if key % 2 == 0 {
                            &mut part.src
                        } else {
                            &mut part.dst
                        };
                        slot[(key / 2) as usize] = id;
                    }
                    None => {
                        let msg = format!("node name {:?} is not valid UTF-8", lossy(s));
                        return Err(self.parse_error(block, o as usize, msg));
                    }
                }
            }
        }
        // Append, in parallel, each sub-chunk into its own range of the outputs (a new chunk
        // of exactly this block's size when building a graph).
        let (mut s_rest, mut d_rest, weights_out) = match self.sink.as_mut() {
            Some(sink) => {
                sink.chunks.push(Chunk {
                    src: vec![0; edges],
                    dst: vec![0; edges],
                    weights: Vec::with_capacity(if sink.weighted { edges } else { 0 }),
                });
                let c = sink.chunks.last_mut().expect("just pushed");
                (&mut c.src[..], &mut c.dst[..], &mut c.weights)
            }
            None => {
                let old = self.src.len();
                self.src.resize(old + edges, 0);
                self.dst.resize(old + edges, 0);
                (
                    &mut self.src[old..],
                    &mut self.dst[old..],
                    &mut self.weights,
                )
            }
        };
        let mut outs = Vec::with_capacity(parts.len());
        for part in parts.iter() {
            let k = part.src.len();
            let (s, s_tail) = std::mem::take(&mut s_rest).split_at_mut(k);
            let (d, d_tail) = std::mem::take(&mut d_rest).split_at_mut(k);
            outs.push((s, d));
            s_rest = s_tail;
            d_rest = d_tail;
        }
        parts
            .par_iter()
            .zip(outs.into_par_iter())
            .for_each(|(part, (s, d))| {
                s.copy_from_slice(&part.src);
                d.copy_from_slice(&part.dst);
            });
        for part in parts.iter() {
            weights_out.extend_from_slice(&part.weights);
            self.lines_before += part.lines;
        }
        if let Some(sink) = self.sink.as_mut() {
            let c = sink.chunks.last().expect("pushed above");
            sink.builder.count(&c.src, &c.dst, self.cancel)?;
            if edges == 0 {
                sink.chunks.pop();
            }
        }
        Ok(())
    }
}

/// Stream `reader` block by block; the next block is read while the current one is parsed.
#[allow(clippy::too_many_arguments)]
fn parse_stream<R: Read + Send>(
    reader: R,
    size_hint: u64,
    name: &str,
    opts: &EdgeListOptions,
    node_type: NodeType,
    build: Option<&BuildOptions>,
    cancel: &Cancel,
    lim: &Limits,
) -> std::result::Result<(EdgeList, Option<Sink>), ParseFailure> {
    let io_err = |e: std::io::Error| {
        Fail(Error::Io {
            path: name.to_string(),
            message: e.to_string(),
        })
    };
    let mut blocks = BlockReader::new(reader, lim);
    let mut state = Reader {
        name,
        opts,
        lim,
        syntax: None,
        node_type,
        to_skip: opts.skip_rows,
        lines_before: 0,
        tokens_seen: 0,
        size_hint,
        interner: Interner::new(lim),
        src: Vec::new(),
        dst: Vec::new(),
        weights: Vec::new(),
        parts: Vec::new(),
        sink: match build {
            Some(b) => Some(Sink {
                builder: ChunkedBuilder::new(
                    &BuildOptions {
                        num_nodes: None,
                        ..*b
                    },
                    opts.weight_column.is_some(),
                )?,
                chunks: Vec::new(),
                weighted: opts.weight_column.is_some(),
            }),
            None => None,
        },
        cancel,
    };
    let mut cur = Vec::new();
    let mut next = Vec::new();
    let mut status = blocks.next(&mut cur, lim).map_err(io_err)?;
    loop {
        match status {
            Block::Done => break,
            Block::LineTooLong => {
                let msg = format!(
                    "line longer than {} bytes (is this a binary file?)",
                    lim.max_line
                );
                return Err(state.parse_error(&[], 0, msg));
            }
            Block::Data => {}
        }
        cancel.check()?;
        let (read, done) = rayon::join(|| blocks.next(&mut next, lim), || state.consume(&cur));
        done?;
        status = read.map_err(io_err)?;
        std::mem::swap(&mut cur, &mut next);
    }
    cancel.check()?;
    let labels = state.interner.into_labels(node_type);
    let mut src = state.src;
    let mut dst = state.dst;
    src.shrink_to_fit();
    dst.shrink_to_fit();
    Ok((
        EdgeList {
            src,
            dst,
            weights: opts.weight_column.map(|_| state.weights),
            labels,
        },
        state.sink,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn parse(text: &str, opts: EdgeListOptions) -> Result<EdgeList> {
        parse_edgelist(text.as_bytes(), &opts, &Cancel::new())
    }

    fn opts() -> EdgeListOptions {
        EdgeListOptions::default()
    }

    fn weighted() -> EdgeListOptions {
        EdgeListOptions {
            weight_column: Some(2),
            ..Default::default()
        }
    }

    fn strs(v: &[&str]) -> Labels {
        Labels::Str(v.iter().map(|s| s.to_string()).collect())
    }

    /// Tiny blocks, sub-chunks and tables, so that every boundary is crossed.
    const TINY: Limits = Limits {
        first_block: 7,
        max_block: 61,
        sub: 5,
        max_line: 1000,
        max_nodes: MAX_NODES,
        dense_min: 4,
    };

    fn tmp_dir(tag: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("ig-io-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn line_of(r: Result<EdgeList>) -> u64 {
        match r {
            Err(Error::Parse { line, .. }) => line,
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    fn message_of(r: Result<EdgeList>) -> String {
        match r {
            Err(e) => e.to_string(),
            Ok(el) => panic!("expected an error, got {el:?}"),
        }
    }

    // Lines: 10-20, 20-5, 5-10 (comments and a blank line between).
    //   10 ── 20
    //    \    /
    //      5
    #[test]
    fn whitespace_tabs_comments_first_appearance_order() {
        let el = parse(
            "# header\n10 20\n\n   \t \n20\t\t5  # trailing\n% konect\n  5   10\n",
            opts(),
        )
        .unwrap();
        assert_eq!(el.labels, Labels::Int(vec![10, 20, 5]));
        assert_eq!(el.src, vec![0, 1, 2]);
        assert_eq!(el.dst, vec![1, 2, 0]);
        assert_eq!(el.weights, None);
    }

    #[test]
    fn extra_columns_are_ignored_unless_weight() {
        let el = parse("1 2 x y\n2 3 z\n", opts()).unwrap();
        assert_eq!(el.labels, Labels::Int(vec![1, 2, 3]));
        let o = EdgeListOptions {
            weight_column: Some(3),
            ..Default::default()
        };
        let el = parse("1 2 x 0.5 y\n2 3 z 7\n", o).unwrap();
        assert_eq!(el.weights, Some(vec![0.5, 7.0]));
    }

    #[test]
    fn csv_header_weights_crlf_and_no_final_newline() {
        let o = EdgeListOptions {
            skip_rows: 1,
            weight_column: Some(2),
            ..Default::default()
        };
        let el = parse("source,target,w\r\na,b,1.5\r\nb , c,2\r\nc,a,-3e2", o).unwrap();
        assert_eq!(el.labels, strs(&["a", "b", "c"]));
        assert_eq!(el.src, vec![0, 1, 2]);
        assert_eq!(el.dst, vec![1, 2, 0]);
        assert_eq!(el.weights, Some(vec![1.5, 2.0, -300.0]));
    }

    #[test]
    fn csv_detection_needs_comma_separated_fields_without_blanks() {
        let el = parse("1, 2\n2,3\n", opts()).unwrap();
        assert_eq!(el.labels, Labels::Int(vec![1, 2, 3]));
        // Commas inside whitespace-separated names: not CSV.
        let el = parse("Smith,J Doe,K\n", opts()).unwrap();
        assert_eq!(el.labels, strs(&["Smith,J", "Doe,K"]));
        // A whitespace file: a later comma is part of a name.
        let el = parse("a b\nc,d e\n", opts()).unwrap();
        assert_eq!(el.labels, strs(&["a", "b", "c,d", "e"]));
    }

    #[test]
    fn explicit_tab_delimiter_keeps_spaces_in_names() {
        let o = EdgeListOptions {
            delimiter: Some(b'\t'),
            ..Default::default()
        };
        let el = parse("New York\tLos Angeles\r\n Boston \tNew York\n", o).unwrap();
        assert_eq!(el.labels, strs(&["New York", "Los Angeles", "Boston"]));
        assert_eq!((el.src, el.dst), (vec![0, 2], vec![1, 0]));
    }

    #[test]
    fn long_and_unicode_string_names() {
        // Names of 22 bytes (kept inline), 23 and 60 bytes (on the heap), sharing prefixes.
        let a22 = "a".repeat(22);
        let a23 = "a".repeat(23);
        let a60 = format!("{}b", "a".repeat(59));
        let text = format!("{a22} {a23}\n{a60} {a22}\n{a23} {a60}\nzoë 東京\n東京 {a60}\n");
        let el = parse(&text, opts()).unwrap();
        assert_eq!(el.labels, strs(&[&a22, &a23, &a60, "zoë", "東京"]));
        assert_eq!((el.src, el.dst), (vec![0, 2, 1, 3, 4], vec![1, 0, 2, 4, 2]));
    }

    #[test]
    fn int_names_with_gaps_negatives_and_extremes() {
        let el = parse(
            "-5 9000000000\n9000000000 7\n007 +7\n-9223372036854775808 9223372036854775807\n",
            opts(),
        )
        .unwrap();
        assert_eq!(
            el.labels,
            Labels::Int(vec![-5, 9_000_000_000, 7, i64::MIN, i64::MAX])
        );
        assert_eq!(el.src, vec![0, 1, 2, 3]);
        assert_eq!(el.dst, vec![1, 2, 2, 4]);
        // One past i64::MAX is a string under Auto and an error under Int.
        let el = parse("1 9223372036854775808\n", opts()).unwrap();
        assert_eq!(el.labels, strs(&["1", "9223372036854775808"]));
        let o = EdgeListOptions {
            node_type: NodeType::Int,
            ..Default::default()
        };
        assert_eq!(line_of(parse("1 2\n1 9223372036854775808\n", o)), 2);
    }

    #[test]
    fn auto_switches_to_strings_even_late_and_int_mode_rejects() {
        let el = parse("1 2\n2 x\n", opts()).unwrap();
        assert_eq!(el.labels, strs(&["1", "2", "x"]));
        let o = EdgeListOptions {
            node_type: NodeType::Int,
            ..Default::default()
        };
        let err = parse("1 2\n2 x\n", o).unwrap_err();
        assert_eq!(
            err,
            Error::Parse {
                path: "<bytes>".into(),
                line: 2,
                message: "node name \"x\" is not a 64-bit integer".into()
            }
        );
        // The non-integer name in a later block: the whole input is read again as strings.
        let mut text: String = (0..50).map(|i| format!("{i} {}\n", i + 1)).collect();
        text.push_str("50 fifty\n");
        let el = parse_bytes(text.as_bytes(), &opts(), &Cancel::new(), &TINY).unwrap();
        let Labels::Str(l) = &el.labels else {
            panic!("expected strings")
        };
        assert_eq!(l.len(), 52);
        assert_eq!((l[0].as_str(), l[51].as_str()), ("0", "fifty"));
        let o = EdgeListOptions {
            node_type: NodeType::Str,
            ..Default::default()
        };
        assert_eq!(parse("007 7\n", o).unwrap().labels, strs(&["007", "7"]));
    }

    #[test]
    fn every_error_names_its_line() {
        let err = parse("# c\n1 2\n3\n", opts()).unwrap_err();
        assert_eq!(
            err,
            Error::Parse {
                path: "<bytes>".into(),
                line: 3,
                message:
                    "expected at least 2 fields (source and target) separated by spaces or tabs, found 1"
                        .into()
            }
        );
        assert_eq!(line_of(parse("1 2 0.5\n1 3 nan\n", weighted())), 2);
        assert_eq!(line_of(parse("1 2 0.5\n1 3 inf\n", weighted())), 2);
        assert_eq!(line_of(parse("1 2 0.5\n1 3 1e999\n", weighted())), 2);
        assert_eq!(line_of(parse("1 2 0.5\n\n1 3 x\n", weighted())), 3);
        assert!(message_of(parse("1 2 0.5\n1 3 nan\n", weighted())).contains("not a finite number"));
        let r = parse("1 2 0.5\n# c\n1 3\n", weighted());
        assert!(message_of(r).contains("<bytes>:3: expected a weight in column 2"));
        let r = parse_edgelist(b"a b\n\xff\xfe c\n", &opts(), &Cancel::new());
        assert!(
            message_of(r).contains("<bytes>:2: node name \"\u{fffd}\u{fffd}\" is not valid UTF-8")
        );
        let r = parse_edgelist(b"1 2 1\n1 2 \xff\n", &weighted(), &Cancel::new());
        assert_eq!(line_of(r), 2);
        let r = parse("a,b\n,c\n", opts());
        assert!(message_of(r).contains("<bytes>:2: empty source name"));
        assert_eq!(line_of(parse("a,b\nc,\n", opts())), 2);
        let r = parse("a,b\nc d\n", opts());
        assert!(message_of(r).contains("separated by ','"));
        let r = parse_edgelist(b"1 2\n\x00\x01\xff\n", &opts(), &Cancel::new());
        assert!(message_of(r).contains(":2: expected at least 2 fields"));
        let r = parse_edgelist(b"1 2\n\x00\x01\xff\n", &opts(), &Cancel::new());
        assert!(message_of(r).contains("is this a binary file?"));
        // Line numbers count skipped header rows, comments, blank lines and CRLF lines.
        let o = EdgeListOptions {
            skip_rows: 2,
            ..Default::default()
        };
        assert_eq!(line_of(parse("h1\nh2\r\n1 2\r\n\r\n# x\n3\r\n", o)), 6);
    }

    #[test]
    fn errors_in_later_blocks_and_sub_chunks_name_their_line() {
        let mut text: String = (0..300).map(|i| format!("{i} {}\n", i * 7)).collect();
        text.push_str("5\n");
        text.push_str("6 7\n");
        let r = parse_bytes(text.as_bytes(), &opts(), &Cancel::new(), &TINY);
        assert_eq!(line_of(r), 301);
        // The first bad line wins, whatever the thread count.
        text.push_str("8\n");
        let r = parse_bytes(text.as_bytes(), &opts(), &Cancel::new(), &TINY);
        assert_eq!(line_of(r), 301);
    }

    #[test]
    fn too_long_lines_and_too_many_nodes() {
        let mut text = String::from("1 2\n3 4\n");
        text.push_str(&"9".repeat(2000));
        text.push_str(" 1\n");
        let r = parse_bytes(text.as_bytes(), &opts(), &Cancel::new(), &TINY);
        assert!(message_of(r).contains("<bytes>:3: line longer than 1000 bytes"));
        let lim = Limits {
            max_nodes: 3,
            ..LIMITS
        };
        let r = parse_bytes(b"1 2\n2 3\n3 4\n", &opts(), &Cancel::new(), &lim);
        assert!(matches!(r, Err(Error::TooLarge { .. })), "{r:?}");
        let ok = parse_bytes(b"1 2\n2 3\n3 1\n", &opts(), &Cancel::new(), &lim).unwrap();
        assert_eq!(ok.labels.len(), 3);
        let r = parse_bytes(b"a b\nc d\n", &opts(), &Cancel::new(), &lim);
        assert!(matches!(r, Err(Error::TooLarge { .. })), "{r:?}");
    }

    #[test]
    fn bad_options() {
        let bad = [
            EdgeListOptions {
                weight_column: Some(1),
                ..Default::default()
            },
            EdgeListOptions {
                delimiter: Some(b'\n'),
                ..Default::default()
            },
            EdgeListOptions {
                delimiter: Some(b'#'),
                ..Default::default()
            },
            EdgeListOptions {
                comments: b"# ".to_vec(),
                ..Default::default()
            },
        ];
        for o in bad {
            let r = parse("1 2\n", o.clone());
            assert!(
                matches!(r, Err(Error::InvalidParameter { .. })),
                "{o:?}: {r:?}"
            );
        }
        // No comment characters at all.
        let o = EdgeListOptions {
            comments: Vec::new(),
            ..Default::default()
        };
        assert_eq!(parse("#a b\n", o).unwrap().labels, strs(&["#a", "b"]));
    }

    #[test]
    fn empty_inputs_and_bom() {
        for text in ["", "\n", "# only a comment\n", "  \r\n\t\n", "\u{feff}"] {
            let el = parse(text, opts()).unwrap();
            assert!(el.src.is_empty() && el.labels.is_empty(), "{text:?}");
            assert_eq!(el.labels, Labels::Int(vec![]));
        }
        let el = parse("", weighted()).unwrap();
        assert_eq!(el.weights, Some(vec![]));
        let el = parse("\u{feff}1 2\n", opts()).unwrap();
        assert_eq!(el.labels, Labels::Int(vec![1, 2]));
        let o = EdgeListOptions {
            skip_rows: 5,
            ..Default::default()
        };
        assert!(parse("a\nb\n", o).unwrap().src.is_empty());
    }

    #[test]
    fn gzip_files_missing_files_and_directories() {
        let dir = tmp_dir("gz");
        let p = dir.join("e.txt.gz");
        let mut enc =
            flate2::write::GzEncoder::new(File::create(&p).unwrap(), flate2::Compression::fast());
        enc.write_all(b"# c\n0 1 0.5\n1 2 2\n").unwrap();
        enc.finish().unwrap();
        let el = read_edgelist(&p, &weighted(), &Cancel::new()).unwrap();
        assert_eq!((el.src, el.dst), (vec![0, 1], vec![1, 2]));
        assert_eq!(el.weights, Some(vec![0.5, 2.0]));
        // Recognised by magic bytes, not by name; two concatenated members form one stream.
        let q = dir.join("plain-name.txt");
        let mut bytes = Vec::new();
        for part in [&b"5 6\n"[..], &b"6 7\n"[..]] {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            enc.write_all(part).unwrap();
            bytes.extend(enc.finish().unwrap());
        }
        std::fs::write(&q, &bytes).unwrap();
        let el = read_edgelist(&q, &opts(), &Cancel::new()).unwrap();
        assert_eq!(el.labels, Labels::Int(vec![5, 6, 7]));
        // Truncated and corrupt gzip.
        std::fs::write(&q, &bytes[..bytes.len() / 2 - 3]).unwrap();
        let r = read_edgelist(&q, &opts(), &Cancel::new());
        assert!(
            matches!(&r, Err(Error::Io { message, .. }) if message.contains("gzip")),
            "{r:?}"
        );
        let mut corrupt = bytes.clone();
        for b in &mut corrupt[10..20] {
            *b ^= 0x5a;
        }
        std::fs::write(&q, &corrupt).unwrap();
        let r = read_edgelist(&q, &opts(), &Cancel::new());
        assert!(
            matches!(&r, Err(Error::Io { .. }) | Err(Error::Parse { .. })),
            "{r:?}"
        );
        // A plain file, a missing file, a directory, a one-byte file.
        let t = dir.join("e.txt");
        std::fs::write(&t, "a b\n").unwrap();
        assert_eq!(
            read_edgelist(&t, &opts(), &Cancel::new()).unwrap().labels,
            strs(&["a", "b"])
        );
        std::fs::write(&t, "\x1f").unwrap();
        assert_eq!(line_of(read_edgelist(&t, &opts(), &Cancel::new())), 1);
        let r = read_edgelist(&dir.join("nope"), &opts(), &Cancel::new());
        assert!(
            matches!(&r, Err(Error::Io { path, .. }) if path.ends_with("nope")),
            "{r:?}"
        );
        let r = read_edgelist(&dir, &opts(), &Cancel::new());
        assert!(message_of(r).contains("is a directory"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn binary_garbage_is_an_error_never_a_panic() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for round in 0..50 {
            let len = 1 + round * 97;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x >> 24) as u8
                })
                .collect();
            for lim in [&LIMITS, &TINY] {
                for o in [opts(), weighted()] {
                    // Ok is possible for a lucky short input; the point is no panic.
                    let _ = parse_bytes(&bytes, &o, &Cancel::new(), lim);
                }
            }
        }
    }

    #[test]
    fn fused_int_agrees_with_parse_int_for_every_length_and_end() {
        let digits = b"9071523468109372854619";
        for len in 1..=20 {
            for sign in ["", "-", "+"] {
                for end in ["", " ", "\n", "x", "\t7", ",", "/", ":"] {
                    for pad in [0usize, 3, 9] {
                        let mut t = Vec::from(sign.as_bytes());
                        t.extend_from_slice(&digits[..len]);
                        let tok_end = t.len();
                        t.extend_from_slice(end.as_bytes());
                        t.extend(std::iter::repeat_n(b'5', pad).take(if end.is_empty() {
                            0
                        } else {
                            pad
                        }));
                        let want = parse_int(&t[..tok_end]).filter(|_| len <= 18);
                        let got = fused_int(&t, 0);
                        assert_eq!(got.map(|g| g.0), want, "{:?}", String::from_utf8_lossy(&t));
                        if let Some((_, j)) = got {
                            assert_eq!(j, tok_end);
                        }
                    }
                }
            }
        }
        assert_eq!(fused_int(b"-", 0), None);
        assert_eq!(fused_int(b"+x", 0), None);
        assert_eq!(fused_int(b"00000000000000000001 ", 0), None); // 20 digits: general path
        assert_eq!(parse_int(b"00000000000000000001"), None);
        assert_eq!(fused_int(b"000000000000000001 ", 0), Some((1, 18)));
        assert_eq!(
            swar_digits(u64::from_le_bytes(*b"12345678")),
            (8, 12_345_678)
        );
        assert_eq!(swar_digits(u64::from_le_bytes(*b"0042 \n\n\n")), (4, 42));
        assert_eq!(swar_digits(u64::from_le_bytes(*b"\xff1234567")), (0, 0));
    }

    #[test]
    fn cancelled_token_interrupts() {
        let c = Cancel::new();
        c.cancel();
        assert_eq!(
            parse_edgelist(b"1 2\n", &opts(), &c).unwrap_err(),
            Error::Interrupted
        );
    }

    /// An obviously correct reader for whitespace text: split each line, intern in order.
    fn reference(text: &str, weight: bool) -> EdgeList {
        let all_int = text
            .lines()
            .map(|l| l.split('#').next().unwrap())
            .flat_map(|l| l.split_whitespace().take(2))
            .all(|t| t.parse::<i64>().is_ok());
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        let (mut src, mut dst, mut w) = (Vec::new(), Vec::new(), Vec::new());
        for line in text.lines() {
            let f: Vec<&str> = line.split('#').next().unwrap().split_whitespace().collect();
            if f.is_empty() {
                continue;
            }
            let mut id = |t: &str| {
                let key = if all_int {
                    t.parse::<i64>().unwrap().to_string()
                } else {
                    t.to_string()
                };
                *ids.entry(key.clone()).or_insert_with(|| {
                    names.push(key);
                    (names.len() - 1) as u32
                })
            };
            src.push(id(f[0]));
            dst.push(id(f[1]));
            if weight {
                w.push(f[2].parse::<f64>().unwrap());
            }
        }
        let labels = if all_int {
            Labels::Int(names.iter().map(|s| s.parse().unwrap()).collect())
        } else {
            Labels::Str(names)
        };
        EdgeList {
            src,
            dst,
            weights: weight.then_some(w),
            labels,
        }
    }

    fn generated(lines: usize, seed: u64, strings: bool) -> String {
        let mut x = seed | 1;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut text = String::new();
        for i in 0..lines {
            let r = next();
            // Mostly small ids, some huge and negative ones (hash path), some comments.
            let name = |v: u64| -> String {
                match v % 50 {
                    0 => format!("{}", (v as i64) >> 3),
                    1 => format!("-{}", v % 1000),
                    _ if strings => format!("n{}", v % 3000),
                    _ => format!("{}", v % (1000 + i as u64)),
                }
            };
            let (a, b) = (name(r), name(r >> 17));
            match r % 97 {
                0 => text.push_str("# comment line\n"),
                1 => text.push('\n'),
                _ => {}
            }
            let sep = if r % 5 == 0 { "\t " } else { " " };
            let eol = if r % 7 == 0 { "\r\n" } else { "\n" };
            text.push_str(&format!("{a}{sep}{b} {}.25{eol}", i % 13));
        }
        text
    }

    #[test]
    fn graph_path_equals_from_edges_on_the_edge_list() {
        use crate::Duplicates;
        let dir = tmp_dir("graphpath");
        for (seed, strings) in [(5, false), (13, true)] {
            let text = generated(2000, seed, strings);
            // Integer names, then one string name at the end: `Auto` restarts as strings.
            let late = format!("{text}x y 1.5\n");
            for (k, body) in [text.as_str(), late.as_str()].into_iter().enumerate() {
                let p = dir.join(format!("g{seed}_{k}.txt"));
                std::fs::write(&p, body).unwrap();
                for o in [opts(), weighted()] {
                    let el = read_file(&p, &o, None, None, &Cancel::new(), &LIMITS)
                        .unwrap()
                        .0;
                    for (directed, self_loops, duplicates) in [
                        (false, true, Duplicates::Sum),
                        (true, false, Duplicates::First),
                        (true, true, Duplicates::Sum),
                        (false, false, Duplicates::Error),
                    ] {
                        let b = BuildOptions {
                            directed,
                            self_loops,
                            duplicates,
                            num_nodes: Some(el.labels.len() as u64),
                            ..BuildOptions::default()
                        };
                        let want = Csr::from_edges(
                            &el.src,
                            &el.dst,
                            el.weights.as_deref(),
                            &b,
                            &Cancel::new(),
                        );
                        for lim in [LIMITS, TINY] {
                            let progress = LoadProgress::default();
                            let got = read_graph(&p, &o, &b, Some(&progress), &Cancel::new(), &lim);
                            match (&want, got) {
                                (Ok(w), Ok((g, labels))) => {
                                    assert_eq!(&g, w);
                                    assert_eq!(labels, el.labels);
                                    assert_eq!(
                                        progress.stage.load(Ordering::Relaxed),
                                        LoadProgress::BUILDING
                                    );
                                    assert_eq!(
                                        progress.done.load(Ordering::Relaxed),
                                        el.src.len() as u64
                                    );
                                }
                                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                                (a, b) => panic!("{a:?} vs {b:?}"),
                            }
                        }
                    }
                }
            }
        }
        // Progress while reading counts the file's bytes (compressed for gzip).
        let p = dir.join("small.txt");
        std::fs::write(&p, "1 2\n2 3\n").unwrap();
        let progress = LoadProgress::default();
        let el = read_file(&p, &opts(), None, Some(&progress), &Cancel::new(), &LIMITS).unwrap();
        assert_eq!(el.0.src.len(), 2);
        assert_eq!(progress.done.load(Ordering::Relaxed), 8);
        assert_eq!(progress.total.load(Ordering::Relaxed), 8);
        // Errors are those of the reader.
        let bad = dir.join("bad.txt");
        std::fs::write(&bad, "1 2\n3\n").unwrap();
        let e = read_graph(
            &bad,
            &opts(),
            &BuildOptions::default(),
            None,
            &Cancel::new(),
            &TINY,
        )
        .unwrap_err();
        assert!(matches!(e, Error::Parse { line: 2, .. }), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn matches_the_reference_across_block_sizes() {
        for (seed, strings) in [(3, false), (11, true)] {
            let text = generated(3000, seed, strings);
            let want = reference(&text, true);
            for lim in [LIMITS, TINY] {
                let got = parse_bytes(text.as_bytes(), &weighted(), &Cancel::new(), &lim).unwrap();
                assert_eq!(got, want);
            }
            // The same text gzip-compressed in a file.
            let dir = tmp_dir(&format!("ref{seed}"));
            let p = dir.join("g.txt.gz");
            let mut enc = flate2::write::GzEncoder::new(
                File::create(&p).unwrap(),
                flate2::Compression::fast(),
            );
            enc.write_all(text.as_bytes()).unwrap();
            enc.finish().unwrap();
            assert_eq!(
                read_file(&p, &weighted(), None, None, &Cancel::new(), &TINY)
                    .unwrap()
                    .0,
                want
            );
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }

    #[test]
    fn skip_rows_across_blocks() {
        let mut text: String = (0..40).map(|i| format!("header {i} x\n")).collect();
        text.push_str("1 2\n2 3\n");
        let o = EdgeListOptions {
            skip_rows: 40,
            ..Default::default()
        };
        let el = parse_bytes(text.as_bytes(), &o, &Cancel::new(), &TINY).unwrap();
        assert_eq!(el.labels, Labels::Int(vec![1, 2, 3]));
        // CSV detection after a long comment header.
        let mut text: String = (0..40).map(|i| format!("# comment {i}\n")).collect();
        text.push_str("a,b\nb,c\n");
        let el = parse_bytes(text.as_bytes(), &opts(), &Cancel::new(), &TINY).unwrap();
        assert_eq!(el.labels, strs(&["a", "b", "c"]));
    }

    #[test]
    fn dense_table_grows_without_changing_ids() {
        // Ids first met beyond the table's cap go to the hash map, then move into the table.
        let text = "100 3\n3 1000\n1000 5\n5 100\n100 1000\n7 8\n9 10\n11 12\n13 100\n";
        let want = reference(text, false);
        let got = parse_bytes(text.as_bytes(), &opts(), &Cancel::new(), &TINY).unwrap();
        assert_eq!(got, want);
        // A few huge ids never allocate a huge table.
        let el = parse("0 1000000000\n", opts()).unwrap();
        assert_eq!(el.labels, Labels::Int(vec![0, 1_000_000_000]));
        let mut i = Interner::new(&LIMITS);
        i.allow_dense(2, 16);
        i.int(0).unwrap();
        i.int(1_000_000_000).unwrap();
        assert!(i.dense.len() <= LIMITS.dense_min);
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
        let strings = generated(50_000, 5, true);
        let run = |k: usize, text: &str, lim: &Limits| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(k)
                .build()
                .unwrap()
                .install(|| parse_bytes(text.as_bytes(), &weighted(), &Cancel::new(), lim).unwrap())
        };
        let small = Limits {
            first_block: 1 << 12,
            max_block: 1 << 16,
            sub: 1 << 10,
            ..LIMITS
        };
        for lim in [LIMITS, small] {
            let (a, b) = (run(1, &text, &lim), run(4, &text, &lim));
            assert_eq!(a, b);
            assert_eq!(a.src.len(), 200_000);
            assert_eq!(a, reference(&text, true));
            assert_eq!(run(1, &strings, &lim), run(4, &strings, &lim));
        }
    }
}
