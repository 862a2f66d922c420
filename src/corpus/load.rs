//! Finding and reading article files. Folders are walked with the `ignore` crate, so
//! `.gitignore` files and hidden files are honoured as in every other tool of this kind.
//! A file that cannot be read becomes a [`LoadError`]; the rest of the corpus is still read.

use super::filter::ArticleFilter;
use crate::confine::{link_outside_message, Place, Roots};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The message for a path argument that does not exist.
pub const NO_SUCH_PATH: &str = "no such file or folder";

/// A file read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as users should see it: as given, or relative to the folder argument.
    pub display: String,
    pub text: Arc<str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    /// Files that could not be used, with the reason. Empty files are listed too.
    pub errors: Vec<LoadError>,
}

/// The article files named by `paths`, not yet read: (path, display path), sorted by display
/// path, and what could not be walked.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<(PathBuf, String)>,
    pub errors: Vec<LoadError>,
}

/// Reads the articles named by `paths` (see [`find`]); `max_bytes` bounds the size of one
/// article.
pub fn load(paths: &[PathBuf], filter: &ArticleFilter, max_bytes: u64) -> Loaded {
    let found = find(paths, filter);
    let mut loaded = Loaded { files: Vec::new(), errors: found.errors };
    use rayon::prelude::*;
    let results: Vec<Result<SourceFile, LoadError>> = found
        .files
        .into_par_iter()
        .map(|(path, display)| read_article(path, display, max_bytes))
        .collect();
    for r in results {
        match r {
            Ok(f) => loaded.files.push(f),
            Err(e) => loaded.errors.push(e),
        }
    }
    loaded
}

/// The articles named by `paths` (files or folders; folders walked recursively with
/// [`walk_files`], so nothing outside a folder is read through a link in it; a file named in
/// `paths` is read wherever it is: the user named it). Of the files found in a folder, only
/// those `filter` accepts (matched relative to that folder) are articles; a file named in
/// `paths` is read whatever the filter says. Files come back sorted by display path, so that
/// output does not depend on the order the file system lists them in.
pub fn find(paths: &[PathBuf], filter: &ArticleFilter) -> Found {
    let mut found = Found::default();
    for root in paths {
        if root.is_dir() {
            let files = &mut found.files;
            found
                .errors
                .extend(find_in_folder(root, filter, |path, display| files.push((path, display))));
        } else if root.exists() {
            found.files.push((root.clone(), root.display().to_string()));
        } else {
            found
                .errors
                .push(LoadError { path: root.display().to_string(), message: NO_SUCH_PATH.into() });
        }
    }
    found.files.sort_by(|a, b| a.1.cmp(&b.1));
    found.files.dedup_by(|a, b| a.0 == b.0);
    found
}

/// The articles below the folder `root`, as [`find`] finds them, each handed to `found` (path,
/// display path) as soon as the walk meets it, in the walker's order (a folder's files have
/// distinct display paths: sorting them is the caller's); returns what could not be walked.
/// `crosswire check` analyses each file on the other cores while the walk goes on.
pub fn find_in_folder(
    root: &Path,
    filter: &ArticleFilter,
    mut found: impl FnMut(PathBuf, String),
) -> Vec<LoadError> {
    // the display of every file starts with the folder's: written once
    let shown = DisplayRoot::new(root);
    walk_files_each(root, &Roots::new([root]), |path| {
        // `accepts_walked` and `display_path` of one relative path, found once
        let Ok(rel) = path.strip_prefix(root) else { return };
        if filter.accepts_relative(&path, rel) {
            let display = shown.join(rel);
            found(path, display);
        }
    })
}

/// [`display_path`] of the files below one folder, from their paths relative to it.
struct DisplayRoot {
    /// What comes before the relative path: nothing for the folder `.`, else the folder and a
    /// separator (as `Path::join` adds one).
    prefix: String,
}

impl DisplayRoot {
    fn new(root: &Path) -> DisplayRoot {
        let mut prefix = String::new();
        if root != Path::new(".") {
            prefix = root.to_string_lossy().into_owned();
            if !prefix.is_empty() && !prefix.ends_with('/') {
                prefix.push('/');
            }
        }
        DisplayRoot { prefix }
    }

    /// `display_path(root, root.join(rel))`: a separator is ASCII, so the lossy text of the
    /// joined path is that of its two parts.
    fn join(&self, rel: &Path) -> String {
        let rel = rel.to_string_lossy();
        let mut s = String::with_capacity(self.prefix.len() + rel.len());
        s.push_str(&self.prefix);
        s.push_str(&rel);
        s
    }
}

/// The files found under a folder, and what could not be walked.
#[derive(Debug, Default)]
pub struct Walked {
    /// Every file (of any name), in the walker's order.
    pub files: Vec<PathBuf>,
    pub errors: Vec<LoadError>,
}

/// Walks `root` as every crosswire walk does (the CLI's and the language server's): .gitignore
/// and hidden files honoured, symbolic links followed only while they stay `inside` (the folder
/// argument; the workspace folders when the server walks one of them or a folder below). A
/// link that leads outside (to a file or a folder) is reported in `errors` and neither read nor
/// walked into: users link articles within a folder, but a folder must not make crosswire read
/// what lies outside it.
pub fn walk_files(root: &Path, inside: &Roots) -> Walked {
    let mut files = Vec::new();
    let errors = walk_files_each(root, inside, |path| files.push(path));
    Walked { files, errors }
}

/// [`walk_files`], each file handed to `file` as the walker meets it; returns the errors.
fn walk_files_each(root: &Path, inside: &Roots, mut file: impl FnMut(PathBuf)) -> Vec<LoadError> {
    let mut errors = Vec::new();
    let roots = inside.clone();
    let outside: Arc<Mutex<Vec<LoadError>>> = Arc::default();
    let (sink, shown_root) = (outside.clone(), root.to_path_buf());
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(true)
        .require_git(false)
        // only links are checked: a path without one cannot leave the folder
        .filter_entry(move |entry| {
            if !entry.path_is_symlink() {
                return true;
            }
            match roots.place(entry.path()) {
                Place::Outside(target) => {
                    let e = LoadError {
                        path: display_path(&shown_root, entry.path()),
                        message: link_outside_message(&target),
                    };
                    sink.lock().unwrap_or_else(|p| p.into_inner()).push(e);
                    false
                }
                // inside; or broken, which the walker reports itself
                Place::Inside(_) | Place::Unresolved(_) => true,
            }
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => file(entry.into_path()),
            Ok(_) => {}
            Err(e) => errors.push(LoadError {
                path: error_path(&e).unwrap_or_else(|| root.display().to_string()),
                message: error_message(&e),
            }),
        }
    }
    errors.append(&mut outside.lock().unwrap_or_else(|p| p.into_inner()));
    errors
}

/// The path a user recognises: the folder argument joined with the path below it (the folder
/// `.` left out).
fn display_path(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) => DisplayRoot::new(root).join(rel),
        Err(_) => path.to_string_lossy().into_owned(),
    }
}

fn error_path(e: &ignore::Error) -> Option<String> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.display().to_string()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.display().to_string()),
        _ => None,
    }
}

fn error_message(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_message(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}; skipped", ancestor.display())
        }
        // never the pattern itself: an ignore file may be a link to a file that is not the
        // folder's to show (its lines would end up on stderr or in the editor)
        ignore::Error::Glob { err, .. } => format!("an invalid pattern in an ignore file ({err})"),
        ignore::Error::Partial(errs) => {
            errs.iter().map(error_message).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

/// Reads one article, refusing what cannot be prose: too large, binary, not UTF-8, empty.
pub fn read_article(
    path: PathBuf,
    display: String,
    max_bytes: u64,
) -> Result<SourceFile, LoadError> {
    let err = |message: String| LoadError { path: display.clone(), message };
    // the size from the open file, not the path: one path lookup per article, not two
    let mut file = std::fs::File::open(&path).map_err(|e| err(io_message(&e)))?;
    let meta = file.metadata().map_err(|e| err(io_message(&e)))?;
    let len = meta.len();
    if len > max_bytes {
        return Err(err(format!("{len} bytes is over the limit of {max_bytes} bytes for one article (limits.maxArticleBytes); skipped")));
    }
    let bytes: Arc<[u8]> = if meta.is_file() {
        read_size(&mut file, usize::try_from(len).unwrap_or(usize::MAX))
    } else {
        // a pipe or a device named on the command line: its size says nothing, read to the end
        // (and no further than the limit)
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(&mut file, max_bytes.saturating_add(1)),
            &mut bytes,
        )
        .map(|_| Arc::from(bytes))
    }
    .map_err(|e| err(io_message(&e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(err(format!("{} bytes is over the limit of {max_bytes} bytes for one article (limits.maxArticleBytes); skipped", bytes.len())));
    }
    let text = match decoded(&bytes) {
        // all of the bytes are the text (no byte-order mark): the buffer read is the article's
        // text as it is, not copied (the copy of every article was a few percent of `check`)
        Ok(text) if text.len() == bytes.len() => {
            let raw = Arc::into_raw(bytes);
            // SAFETY: `str` has the layout of `[u8]`, and `decoded` has just found all of these
            // bytes to be UTF-8 (the text it returned is as long as they are).
            unsafe { Arc::from_raw(raw as *const str) }
        }
        Ok(text) => Arc::from(text),
        // a web page may be in the legacy encoding it declares
        Err(utf8) if super::html::is_page_name(&display) => {
            Arc::from(super::html::decode_declared(&bytes, &utf8).map_err(err)?)
        }
        Err(utf8) => return Err(err(utf8)),
    };
    Ok(SourceFile { path, display, text })
}

/// The `size` bytes of a file just opened, as its metadata gave them: read until they are all
/// there, or until the file ends first. `read_to_end` asks the size and position again (two
/// more system calls per article) and reads once more to see the end. Read straight into the
/// shared buffer that becomes the article's text ([`read_article`]).
fn read_size(file: &mut std::fs::File, size: usize) -> std::io::Result<Arc<[u8]>> {
    use std::io::Read;
    // SAFETY: zeroed bytes are initialised `u8`s.
    let mut bytes = unsafe { Arc::<[u8]>::new_zeroed_slice(size).assume_init() };
    let buffer = Arc::get_mut(&mut bytes).expect("a buffer just made is not shared");
    let mut filled = 0;
    while filled < size {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    // a file that shrank since its size was asked (rare): what it held
    Ok(if filled < size { Arc::from(&bytes[..filled]) } else { bytes })
}

/// UTF-8 text (a byte-order mark is dropped), or the reason it is not usable.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    decoded(bytes).map(str::to_string)
}

/// [`decode`], borrowing the text: `read_article` shares the buffer it read as the text when the
/// text is all of it, and copies it once into an `Arc<str>` otherwise.
fn decoded(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err("looks like a binary file (it holds NUL bytes); skipped".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) if s.trim().is_empty() => Err("empty article; skipped".into()),
        Ok(s) => Ok(s),
        Err(e) => Err(format!("not valid UTF-8 (first bad byte at offset {}); skipped — convert it with `iconv -t UTF-8`", e.valid_up_to())),
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied; skipped".into(),
        std::io::ErrorKind::NotFound => "disappeared before it could be read; skipped".into(),
        _ => format!("{e}; skipped"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_refuses_binary_and_non_utf8_and_empty() {
        assert!(decode(b"abc\0def").unwrap_err().contains("binary"));
        assert!(decode(b"caf\xe9").unwrap_err().contains("UTF-8"));
        assert!(decode(b"  \n").unwrap_err().contains("empty"));
        assert_eq!(decode(b"\xEF\xBB\xBFhello").unwrap(), "hello");
    }

    /// The text read is the file's, shared as read or (after a byte-order mark) copied.
    #[test]
    fn articles_read_are_their_files_text() {
        let dir = tempfile::tempdir().unwrap();
        let read = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            read_article(path, name.into(), 1 << 20).map(|f| f.text.to_string())
        };
        assert_eq!(read("a.txt", "Syria’s 250,000\n".as_bytes()).unwrap(), "Syria’s 250,000\n");
        assert_eq!(read("b.txt", b"\xEF\xBB\xBFhello").unwrap(), "hello");
        assert!(read("c.txt", b"caf\xe9").unwrap_err().message.contains("UTF-8"));
        assert!(read("d.txt", b"").unwrap_err().message.contains("empty"));
        assert!(read("e.txt", &[b'x'; 100]).is_ok());
        let big = read_article(dir.path().join("e.txt"), "e.txt".into(), 99);
        assert!(big.unwrap_err().message.contains("over the limit"));
    }

    /// The display written from the relative path is the folder joined with it, as `Path::join`
    /// and `to_string_lossy` write it.
    #[test]
    fn displays_from_relative_paths_are_those_of_whole_paths() {
        use std::os::unix::ffi::OsStrExt;
        let odd = std::ffi::OsStr::from_bytes(b"caf\xe9");
        for root in [".", "./", "/tmp/x", "/tmp/x/", "a/./b", "a//b", "./a", "a/..", "/", "x/."] {
            let root = Path::new(root);
            for rel in [Path::new("00001.txt"), Path::new("news/a b.md"), Path::new(odd)] {
                let path = root.join(rel);
                let rel = path.strip_prefix(root).expect("below the root");
                // what users saw before the prefix was written once per folder
                let joined =
                    if root == Path::new(".") { rel.to_path_buf() } else { root.join(rel) };
                let expected = joined.to_string_lossy().into_owned();
                assert_eq!(DisplayRoot::new(root).join(rel), expected, "{path:?}");
                assert_eq!(display_path(root, &path), expected, "{path:?}");
            }
        }
    }
}
