//! Rewrites the zip docx-rs produced: replaces or patches parts, then writes every
//! entry deflated, in the same order, with one fixed timestamp and mode.
//!
//! docx-rs stores entries uncompressed and dates them with whatever
//! `zip::DateTime::default_for_write()` gives, which is the clock if any crate in
//! the build turns on zip's `time` feature. Re-writing here makes the bytes depend
//! on the input alone.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;

/// What to do with one part.
pub enum Edit<'a> {
    /// Replace the part's bytes (or add the part when docx-rs wrote none).
    Replace(String, Vec<u8>),
    /// Apply a text patch to the part; the patch returns `None` when the text it
    /// expects is not there.
    Patch(&'a str, &'a dyn Fn(&str) -> Option<String>),
    /// Give the part another name, if it is there (docx-rs writes a picture used
    /// twice once).
    Rename(String, String),
    /// Leave the part out, if it is there.
    Drop(String),
}

/// `input` re-written with `edits` applied. Errors are plain strings for
/// `Error::Render`.
pub fn repack(input: &[u8], edits: &[Edit<'_>], time: zip::DateTime) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(input)).map_err(|e| e.to_string())?;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut used = vec![false; edits.len()];
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        // Word needs no directory entries; leaving them out keeps listings clean.
        if entry.is_dir() {
            continue;
        }
        let mut name = entry.name().to_string();
        if edits
            .iter()
            .any(|edit| matches!(edit, Edit::Drop(dropped) if *dropped == name))
        {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        for (edit, used) in edits.iter().zip(used.iter_mut()) {
            match edit {
                Edit::Replace(part, new) if *part == name => {
                    bytes = new.clone();
                    *used = true;
                }
                Edit::Patch(part, patch) if *part == name => {
                    let text =
                        String::from_utf8(bytes).map_err(|_| format!("{name} is not UTF-8"))?;
                    bytes = patch(&text)
                        .ok_or_else(|| format!("{name}: docx-rs wrote something unexpected"))?
                        .into_bytes();
                    *used = true;
                }
                _ => {}
            }
        }
        for edit in edits {
            if let Edit::Rename(from, to) = edit {
                if *from == name {
                    name.clone_from(to);
                }
            }
        }
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    for (edit, used) in edits.iter().zip(&used) {
        match edit {
            Edit::Replace(part, new) if !used => {
                out.start_file(part.as_str(), options)
                    .map_err(|e| e.to_string())?;
                out.write_all(new).map_err(|e| e.to_string())?;
            }
            Edit::Patch(part, _) if !used => return Err(format!("{part} is missing")),
            _ => {}
        }
    }
    out.finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}
