//! Incremental runs: after an input's outputs are written, a small manifest
//! `<out>/.zhprint/<name>.json` records the input's content hash, the options'
//! key and the outputs; a later run with the same hash and key whose outputs are
//! all there skips the input. Written last and atomically, so a run killed
//! mid-input leaves no manifest and that input is redone.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::report::OutputFile;
use crate::convert::write_atomically;
use crate::Result;

/// The directory of the manifests, inside the output directory.
pub const DIR: &str = ".zhprint";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub input: String,
    /// sha256 of the page as decoded, and of its URL when fetched.
    pub input_sha256: String,
    /// sha256 of everything else the bytes depend on (see `batch::Options::key`).
    pub options: String,
    /// sha256 of the images embedded from a local page's directory, in order; none
    /// for a page without images, or fetched (its images are not fetched again to
    /// decide a rerun).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images_sha256: Option<String>,
    /// The outputs, `path` being the file's name in the output directory.
    pub outputs: Vec<OutputFile>,
}

pub fn path(out_dir: &Path, name: &str) -> PathBuf {
    out_dir.join(DIR).join(format!("{name}.json"))
}

/// The manifest of `name`, if there is a readable one.
pub fn read(out_dir: &Path, name: &str) -> Option<Manifest> {
    let bytes = std::fs::read(path(out_dir, name)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub fn write(out_dir: &Path, name: &str, manifest: &Manifest) -> Result<()> {
    let path = path(out_dir, name);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| crate::Error::Write {
            path: dir.display().to_string(),
            source,
        })?;
    }
    // A manifest always serializes: it holds only strings and numbers.
    let json = serde_json::to_vec_pretty(manifest).unwrap_or_default();
    write_atomically(&path, &json)
}

impl Manifest {
    /// Whether the outputs it lists are still there, with their sizes. Sizes
    /// and not hashes: rehashing every output would cost a good part of a
    /// conversion, and a file changed in place at the same size is not what
    /// an interrupted or repeated run produces.
    pub fn outputs_present(&self, out_dir: &Path) -> bool {
        !self.outputs.is_empty()
            && self
                .outputs
                .iter()
                .all(|o| std::fs::metadata(out_dir.join(&o.path)).is_ok_and(|m| m.len() == o.bytes))
    }
}

pub fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex(&hasher.finalize())
}

/// The plain sha256 of a file's bytes, as `sha256sum` prints it.
pub fn file_sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Removes temporary files (`.<file>.<pid>.tmp`) that a killed run left in the
/// output directory and its manifest directory. A file whose process still
/// runs belongs to a concurrent run (another shard writing to the same
/// directory) and is left alone. Returns how many were removed.
pub fn remove_stale_temporaries(out_dir: &Path) -> usize {
    let mut removed = 0;
    for dir in [out_dir.to_path_buf(), out_dir.join(DIR)] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(temporary_pid) else {
                continue;
            };
            if !process_alive(pid) && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

/// The pid in a temporary name as `convert::write_atomically` makes them.
fn temporary_pid(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, pid) = inner.rsplit_once('.')?;
    pid.parse().ok()
}

fn process_alive(pid: u32) -> bool {
    // Our own pid on a leftover file means an earlier process had it: nothing
    // of this run is in flight before the batch starts.
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        // No procfs to ask: only our own leftovers are known to be stale.
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names() {
        assert_eq!(temporary_pid(".report.pdf.4242.tmp"), Some(4242));
        assert_eq!(temporary_pid(".report.pdf.tmp"), None);
        assert_eq!(temporary_pid("report.pdf.4242.tmp"), None);
        assert_eq!(temporary_pid(".x.abc.tmp"), None);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn stale_temporaries_go_live_ones_stay() {
        let dir = std::env::temp_dir().join(format!("zhprint-stale-{}", std::process::id()));
        std::fs::create_dir_all(dir.join(DIR)).unwrap();
        let own = format!(".a.pdf.{}.tmp", std::process::id());
        // pid 1 always runs; u32::MAX - 1 is beyond any pid_max.
        let dead = format!(".a.docx.{}.tmp", u32::MAX - 1);
        for name in [own.as_str(), ".b.pdf.1.tmp", "keep.pdf"] {
            std::fs::write(dir.join(name), b"x").unwrap();
        }
        std::fs::write(dir.join(DIR).join(&dead), b"x").unwrap();
        assert_eq!(remove_stale_temporaries(&dir), 2);
        assert!(dir.join(".b.pdf.1.tmp").exists() && dir.join("keep.pdf").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
