//! Confinement: crosswire reads only inside the folders it was given (the workspace folders,
//! or the folders named on the command line). A folder is untrusted input: a symbolic link in
//! it may point anywhere, so a path is judged by where it really leads (its canonical path),
//! never by how it is spelled.

use std::path::{Path, PathBuf};

/// Where a path really leads, relative to the folders reading is confined to.
#[derive(Debug)]
pub enum Place {
    /// Inside one of the folders; the canonical path (read this, not the link, so that what
    /// was checked is what is read).
    Inside(PathBuf),
    /// Outside every folder: the canonical path it leads to. Never read.
    Outside(PathBuf),
    /// It cannot be resolved (missing, a broken link, no permission): nothing to read.
    Unresolved(std::io::Error),
}

/// The folders reading is confined to, canonicalised once.
#[derive(Debug, Clone, Default)]
pub struct Roots {
    canonical: Vec<PathBuf>,
}

impl Roots {
    /// A folder that cannot be canonicalised (it does not exist) holds nothing and is left out.
    pub fn new<'a>(folders: impl IntoIterator<Item = &'a Path>) -> Roots {
        Roots {
            canonical: folders.into_iter().filter_map(|f| std::fs::canonicalize(f).ok()).collect(),
        }
    }

    pub fn place(&self, path: &Path) -> Place {
        match std::fs::canonicalize(path) {
            Ok(real) if self.canonical.iter().any(|r| real.starts_with(r)) => Place::Inside(real),
            Ok(real) => Place::Outside(real),
            Err(e) => Place::Unresolved(e),
        }
    }
}

/// The reason given for a symbolic link in a walked folder that leads outside it.
pub fn link_outside_message(target: &Path) -> String {
    format!("symbolic link leads outside the folder (to {}); skipped", target.display())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_judged_by_where_it_leads() {
        let (root, elsewhere) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        std::fs::write(root.path().join("a.txt"), "a").unwrap();
        std::fs::write(elsewhere.path().join("b.txt"), "b").unwrap();
        std::os::unix::fs::symlink(root.path().join("a.txt"), root.path().join("in.txt")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("b.txt"), root.path().join("out.txt"))
            .unwrap();
        let roots = Roots::new([root.path()]);
        assert!(
            matches!(roots.place(&root.path().join("in.txt")), Place::Inside(p) if p.ends_with("a.txt"))
        );
        assert!(
            matches!(roots.place(&root.path().join("out.txt")), Place::Outside(p) if p.ends_with("b.txt"))
        );
        assert!(matches!(
            roots.place(&root.path().join("../x/../a.txt")),
            Place::Unresolved(_) | Place::Outside(_)
        ));
        assert!(matches!(roots.place(&root.path().join("missing.txt")), Place::Unresolved(_)));
        assert!(
            matches!(Roots::default().place(&root.path().join("a.txt")), Place::Outside(_)),
            "no folder: nothing is inside"
        );
    }
}
