//! Per-file facts cache: facts keyed by a hash of seam's build, the file's
//! path, kind and bytes. Entries are written atomically; an entry that does
//! not read back is ignored (and rewritten), never trusted.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{with_shared_path, ApiSurface, FileFacts, FileKind};

/// Changes whenever seam's sources change (set by build.rs).
pub const BUILD_ID: &str = env!("SEAM_BUILD_ID");

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// Opens (creating) a cache directory. `None` when it cannot be created:
    /// the run goes on without a cache.
    pub fn open(dir: &Path) -> Option<Cache> {
        std::fs::create_dir_all(dir).ok()?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            let _ = write_atomic(&ignore, b"# seam's facts cache\n*\n");
        }
        Some(Cache {
            dir: dir.to_path_buf(),
        })
    }

    pub fn key(path: &str, kind: FileKind, bytes: &[u8]) -> String {
        let mut h = blake3::Hasher::new();
        h.update(BUILD_ID.as_bytes());
        h.update(&[0]);
        h.update(path.as_bytes());
        h.update(&[0]);
        h.update(format!("{kind:?}").as_bytes());
        h.update(&[0]);
        h.update(bytes);
        h.finalize().to_hex().to_string()
    }

    /// An entry is two files: the facts, and beside them the drift-only
    /// API surface (`.api.mp`), read only when asked for — most runs
    /// have no baseline, and it is a quarter of the facts.
    fn entry(&self, key: &str, part: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}{part}.mp"))
    }

    /// The cached facts of a file; `with_api` also reads its API surface
    /// (else the facts come without it, as [`FileFacts::take_api_surface`]
    /// leaves them).
    pub fn get(&self, key: &str, path: &str, with_api: bool) -> Option<FileFacts> {
        with_shared_path(path, || {
            let bytes = std::fs::read(self.entry(key, "")).ok()?;
            let mut facts: FileFacts = decode(&bytes).ok()?;
            if facts.path != path {
                return None;
            }
            if with_api {
                let bytes = std::fs::read(self.entry(key, ".api")).ok()?;
                let api: ApiSurface = decode(&bytes).ok()?;
                facts.restore_api_surface(api);
            }
            Some(facts)
        })
    }

    pub fn put(&self, key: &str, facts: &mut FileFacts) {
        let api = facts.take_api_surface();
        let bytes = (encode(facts), encode(&api));
        facts.restore_api_surface(api);
        let (Some(core), Some(api)) = bytes else {
            return;
        };
        let entry = self.entry(key, "");
        if let Some(parent) = entry.parent() {
            if std::fs::create_dir_all(parent).is_err() {
                return;
            }
        }
        // The API part first: facts without it are never found complete.
        if write_entry(&self.entry(key, ".api"), &api).is_ok() {
            let _ = write_entry(&entry, &core);
        }
    }
}

/// An entry's content: MessagePack with field names (the facts skip empty
/// fields, so they need a self-describing format); decoding it takes a
/// quarter less CPU than JSON did, and the entries are smaller.
pub fn encode<T: serde::Serialize>(value: &T) -> Option<Vec<u8>> {
    rmp_serde::to_vec_named(value).ok()
}

/// Why an entry's content did not decode: either way the entry is a miss.
#[derive(Debug)]
pub enum BadEntry {
    /// Nested deeper than [`MAX_DEPTH`]: facts that deep (a Go type of 120
    /// pointers) are redone every run, which is slower but still right.
    TooDeep,
    Damaged(String),
}

/// Nesting an entry may have, as serde_json bounds it, so that a damaged
/// entry cannot overflow the stack.
pub const MAX_DEPTH: usize = 128;

pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, BadEntry> {
    let mut de = rmp_serde::Deserializer::from_read_ref(bytes);
    de.set_max_depth(MAX_DEPTH);
    T::deserialize(&mut de).map_err(|e| match e {
        rmp_serde::decode::Error::DepthLimitExceeded => BadEntry::TooDeep,
        e => BadEntry::Damaged(e.to_string()),
    })
}

/// A cache entry, written atomically (a reader sees the old entry or the
/// whole new one) but not synced to disk: an entry lost or damaged by a
/// power cut does not decode, is ignored and redone. Syncing each entry
/// took two thirds of a run that fills the cache.
fn write_entry(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = temp_file_in(dir, ".entry.")?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A temporary file beside the one it will replace (so the rename stays on
/// one file system), named `<prefix>….seam-tmp`, readable as a file
/// created without seam would be.
fn temp_file_in(dir: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".seam-tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Writes a file so that readers see either the old or the new content,
/// never a truncated one: a temporary file in the same directory, renamed.
/// An interrupted or failed write leaves the old file as it was (a killed
/// process may leave its temporary `.NAME.*.seam-tmp` file beside it).
///
/// - A symlink is followed: the file it points to is replaced.
/// - What is not a regular file (`/dev/null`, `/dev/stdout`, a pipe) is
///   written in place: renaming over it would replace the device.
/// - A new file gets the usual permissions (0666 less the umask), a
///   replaced one keeps its own.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// [`write_atomic`] with the content written by `fill`; when `fill`
/// fails, the temporary file is removed and `path` is untouched.
fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(path)?;
            return fill(&mut f).and_then(|_| f.flush());
        }
        Ok(meta) => {
            let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            let real = if is_link {
                std::fs::canonicalize(path)?
            } else {
                path.to_path_buf()
            };
            Some((real, meta.permissions()))
        }
        Err(_) => None,
    };
    let path = target.as_ref().map_or(path, |(p, _)| p.as_path());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = temp_file_in(dir, &format!(".{name}."))?;
    if let Some((_, perms)) = &target {
        tmp.as_file().set_permissions(perms.clone())?;
    }
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fixture file's facts, API surface included, come back from an
    /// entry equal to what analysis made; and a decoded entry is never
    /// taken for another file's.
    #[test]
    fn every_fixture_reads_back_as_it_was_written() {
        fn files(dir: &Path, root: &Path, out: &mut Vec<(String, FileKind)>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    // hostile/ holds a file swc takes minutes over
                    if !p.ends_with("hostile") {
                        files(&p, root, out);
                    }
                } else if let Ok(rel) = p.strip_prefix(root) {
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    if let Some(kind) = crate::walk::classify(&rel) {
                        out.push((rel, kind));
                    }
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut all = Vec::new();
        files(&root, &root, &mut all);
        assert!(all.len() > 200, "{} files", all.len());
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let mut kinds = std::collections::BTreeSet::new();
        for (rel, kind) in &all {
            let bytes = std::fs::read(root.join(rel)).unwrap();
            let mut facts = crate::frontends::analyze(rel, *kind, &bytes);
            let whole = facts.clone();
            let key = Cache::key(rel, *kind, &bytes);
            cache.put(&key, &mut facts);
            assert_eq!(cache.get(&key, rel, true).as_ref(), Some(&whole), "{rel}");
            assert!(cache.get(&key, "elsewhere.go", true).is_none());
            kinds.insert(format!("{kind:?}"));
        }
        assert!(kinds.len() >= 6, "{kinds:?}");
    }

    /// A cut-short entry is a miss, and nesting past the limit is refused
    /// before it reaches the stack.
    #[test]
    fn truncated_and_too_deep_entries_are_misses() {
        let src = b"package a\n\ntype T struct{ A []map[string]*int `json:\"a\"` }\n";
        let facts = crate::frontends::analyze("a.go", FileKind::Go, src);
        let entry = encode(&facts).unwrap();
        assert!(decode::<FileFacts>(&entry).is_ok());
        for cut in 0..entry.len() {
            assert!(matches!(
                decode::<FileFacts>(&entry[..cut]),
                Err(BadEntry::Damaged(_))
            ));
        }
        let mut deep = serde_json::Value::Null;
        for _ in 0..MAX_DEPTH + 10 {
            deep = serde_json::Value::Array(vec![deep]);
        }
        let entry = encode(&deep).unwrap();
        assert!(matches!(
            decode::<serde_json::Value>(&entry),
            Err(BadEntry::TooDeep)
        ));
    }

    #[test]
    fn roundtrip_and_corruption() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let src = b"package a\n\nfunc Exported(n int) string { return \"\" }\n";
        let key = Cache::key("a.go", FileKind::Go, src);
        assert!(cache.get(&key, "a.go", true).is_none());
        let mut facts = crate::frontends::analyze("a.go", FileKind::Go, src);
        let whole = facts.clone();
        assert!(whole.surface.is_some(), "the file has an API surface");
        cache.put(&key, &mut facts);
        assert_eq!(facts, whole, "put leaves the facts as they were");
        assert_eq!(cache.get(&key, "a.go", true).as_ref(), Some(&whole));
        // Without the API surface: the facts as a check without a baseline keeps them.
        let mut lean = whole.clone();
        lean.take_api_surface();
        assert!(lean.surface.is_none());
        assert_eq!(cache.get(&key, "a.go", false), Some(lean.clone()));
        // A corrupt API part fails only the reads that need it.
        std::fs::write(cache.entry(&key, ".api"), b"{ not an entry").unwrap();
        assert!(cache.get(&key, "a.go", true).is_none());
        assert_eq!(cache.get(&key, "a.go", false), Some(lean));
        // A corrupt entry is ignored.
        std::fs::write(cache.entry(&key, ""), b"{ not an entry").unwrap();
        assert!(cache.get(&key, "a.go", false).is_none());
        // Same bytes under another path: another key.
        assert_ne!(key, Cache::key("b.go", FileKind::Go, b"package a"));
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// A write that fails halfway leaves the old file whole, and no
    /// temporary file behind.
    #[test]
    fn origins_read_back_share_their_path() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let src =
            b"package a\n\ntype T struct {\n\tA int\n\tB string\n}\n\nfunc F() {}\nfunc G() {}\n";
        let key = Cache::key("p/a.go", FileKind::Go, src);
        let mut facts = crate::frontends::analyze("p/a.go", FileKind::Go, src);
        cache.put(&key, &mut facts);
        let read = cache.get(&key, "p/a.go", false).unwrap();
        let go = read.go.as_ref().unwrap();
        let mut paths = go.funcs.iter().map(|f| &f.origin.path).collect::<Vec<_>>();
        paths.extend(go.types.iter().map(|t| &t.origin.path));
        assert_eq!(paths.len(), 3);
        assert!(paths.iter().all(|p| &***p == "p/a.go"));
        assert!(
            paths.windows(2).all(|w| std::sync::Arc::ptr_eq(w[0], w[1])),
            "one allocation for the file's path"
        );
        // Outside a cache read, nothing is shared by accident.
        let a: crate::model::Origin =
            serde_json::from_str(&serde_json::to_string(&go.funcs[0].origin).unwrap()).unwrap();
        assert!(!std::sync::Arc::ptr_eq(&a.path, paths[0]));
        assert_eq!(a, go.funcs[0].origin);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report.json");
        std::fs::write(&out, "old report\n").unwrap();
        let err = write_atomic_with(&out, |f| {
            f.write_all(b"{\"findings\": [")?;
            Err(std::io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old report\n");
        assert_eq!(names_in(dir.path()), ["report.json"]);
        // And one that succeeds replaces it whole.
        write_atomic(&out, b"new report\n").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new report\n");
        assert_eq!(names_in(dir.path()), ["report.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn permissions_of_new_and_replaced_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.sarif");
        write_atomic(&new, b"x").unwrap();
        let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        // What a plain `fs::write` gives (0666 less the umask), not the
        // 0600 of a temporary file.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, "x").unwrap();
        let expected = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected, "{mode:o} vs {expected:o}");
        let old = dir.path().join("old.sarif");
        std::fs::write(&old, "x").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&old, b"y").unwrap();
        let mode = std::fs::metadata(&old).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    /// `-o link` writes the file the link points to and keeps the link.
    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    /// `-o /dev/stdout`, `-o /dev/null`, a pipe: written in place, never
    /// replaced by a regular file (as root, a rename over `/dev/null`
    /// succeeds). Tested on a named pipe of our own.
    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no mkfifo");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(&fifo).unwrap())
        };
        write_atomic(&fifo, b"report\n").unwrap();
        assert_eq!(reader.join().unwrap(), b"report\n");
        assert!(std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo());
        assert_eq!(names_in(dir.path()), ["out.fifo"]);
    }

    /// Facts of every manifest kind read back from the cache as they were
    /// written (fuzz find: lockfile facts had two `kind` keys and were
    /// never read back, so lockfiles were re-parsed on every run).
    #[test]
    fn manifest_facts_survive_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let files: [(&str, FileKind, &str); 5] = [
            ("go.mod", FileKind::GoMod, "module x\n\ngo 1.22\n"),
            (
                "web/package.json",
                FileKind::PackageJson,
                r#"{"name":"w","dependencies":{"vue":"^3.4.0"}}"#,
            ),
            (
                "web/package-lock.json",
                FileKind::NpmLock,
                r#"{"lockfileVersion":3,"packages":{"":{"name":"w"},"node_modules/vue":{"version":"3.4.21"}}}"#,
            ),
            (
                "Cargo.lock",
                FileKind::CargoLock,
                "version = 3\n\n[[package]]\nname = \"a\"\nversion = \"0.1.0\"\n",
            ),
            ("web/.env", FileKind::Env, "VITE_API=/api\n"),
        ];
        for (path, kind, text) in files {
            let facts = crate::frontends::analyze(path, kind, text.as_bytes());
            assert!(
                facts.manifest.is_some() && facts.problems.is_empty(),
                "{facts:?}"
            );
            let key = Cache::key(path, kind, text.as_bytes());
            let mut stored = facts.clone();
            cache.put(&key, &mut stored);
            assert_eq!(cache.get(&key, path, true).as_ref(), Some(&facts), "{path}");
        }
    }
}
