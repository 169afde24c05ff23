//! Per-file facts cache: facts keyed by a hash of seam's build, the file's
//! path, kind and bytes. Entries are written atomically; an entry that does
//! not read back is ignored (and rewritten), never trusted.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{FileFacts, FileKind};

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

    fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    pub fn get(&self, key: &str, path: &str) -> Option<FileFacts> {
        let bytes = std::fs::read(self.entry(key)).ok()?;
        let facts: FileFacts = serde_json::from_slice(&bytes).ok()?;
        (facts.path == path).then_some(facts)
    }

    pub fn put(&self, key: &str, facts: &FileFacts) {
        let Ok(bytes) = serde_json::to_vec(facts) else {
            return;
        };
        let entry = self.entry(key);
        if let Some(parent) = entry.parent() {
            if std::fs::create_dir_all(parent).is_err() {
                return;
            }
        }
        let _ = write_atomic(&entry, &bytes);
    }
}

/// Writes a file so that readers see either the old or the new content,
/// never a truncated one: a temporary file in the same directory, renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_and_corruption() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let key = Cache::key("a.go", FileKind::Go, b"package a");
        assert!(cache.get(&key, "a.go").is_none());
        let facts = FileFacts::new("a.go", FileKind::Go);
        cache.put(&key, &facts);
        assert_eq!(cache.get(&key, "a.go"), Some(facts));
        // A corrupt entry is ignored.
        std::fs::write(cache.entry(&key), b"{ not json").unwrap();
        assert!(cache.get(&key, "a.go").is_none());
        // Same bytes under another path: another key.
        assert_ne!(key, Cache::key("b.go", FileKind::Go, b"package a"));
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
            cache.put(&key, &facts);
            assert_eq!(cache.get(&key, path).as_ref(), Some(&facts), "{path}");
        }
    }
}
