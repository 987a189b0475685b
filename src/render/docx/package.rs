//! Rewrites the zip docx-rs produced: replaces or patches parts, then writes every
//! entry deflated, in the same order, with one fixed timestamp and mode.
//!
//! docx-rs stores entries uncompressed and dates them with whatever
//! `zip::DateTime::default_for_write()` gives, which is the clock if any crate in
//! the build turns on zip's `time` feature. Re-writing here makes the bytes depend
//! on the input alone.
//!
//! The zip crate reads docx-rs's archive; the new one is written by [`Archive`]:
//! the zip crate's writer starts a fresh zlib encoder for every part, and setting
//! up its tables cost more than deflating the ~18 small parts of a document.

use std::io::{Cursor, Read};

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
    let mut out = Archive::new(time, input.len());
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
        out.add(&name, &bytes)?;
    }
    for (edit, used) in edits.iter().zip(&used) {
        match edit {
            Edit::Replace(part, new) if !used => out.add(part, new)?,
            Edit::Patch(part, _) if !used => return Err(format!("{part} is missing")),
            _ => {}
        }
    }
    out.finish()
}

/// A zip archive as a DOCX needs it (APPNOTE 6.3.10, no zip64): each part deflated,
/// or stored when deflating does not make it smaller (pictures), dated `time`, mode
/// 0644, names in UTF-8.
struct Archive {
    bytes: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
    date: u16,
    time: u16,
    compressor: libdeflater::Compressor,
    deflated: Vec<u8>,
}

const VERSION_NEEDED: u16 = 20;
/// Unix (3) in the high byte, so that readers take the mode from the external attributes.
const VERSION_MADE_BY: u16 = 3 << 8 | VERSION_NEEDED;
const UTF8_NAMES: u16 = 1 << 11;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
const REGULAR_FILE_0644: u32 = 0o100_644 << 16;

impl Archive {
    fn new(time: zip::DateTime, capacity: usize) -> Self {
        Archive {
            bytes: Vec::with_capacity(capacity / 2),
            central: Vec::new(),
            entries: 0,
            date: time.datepart(),
            time: time.timepart(),
            compressor: libdeflater::Compressor::new(libdeflater::CompressionLvl::default()),
            deflated: Vec::new(),
        }
    }

    fn add(&mut self, name: &str, data: &[u8]) -> Result<(), String> {
        let too_big = || format!("{name}: too large for a zip without zip64");
        self.deflated
            .resize(self.compressor.deflate_compress_bound(data.len()), 0);
        let written = self
            .compressor
            .deflate_compress(data, &mut self.deflated)
            .map_err(|e| format!("{name}: {e}"))?;
        let (method, stored) = if written < data.len() {
            (DEFLATED, &self.deflated[..written])
        } else {
            (STORED, data)
        };
        let crc = libdeflater::crc32(data);
        let size = u32::try_from(data.len()).map_err(|_| too_big())?;
        let packed = u32::try_from(stored.len()).map_err(|_| too_big())?;
        let offset = u32::try_from(self.bytes.len()).map_err(|_| too_big())?;
        let name_len = u16::try_from(name.len()).map_err(|_| format!("{name}: name too long"))?;
        self.entries = self
            .entries
            .checked_add(1)
            .ok_or_else(|| "too many parts for a zip without zip64".to_string())?;
        let flags = if name.is_ascii() { 0 } else { UTF8_NAMES };
        // The fields the local header and the central directory share, in order.
        let mut common = Vec::with_capacity(26);
        for half in [VERSION_NEEDED, flags, method, self.time, self.date] {
            common.extend_from_slice(&half.to_le_bytes());
        }
        for word in [crc, packed, size] {
            common.extend_from_slice(&word.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // no extra field

        self.bytes.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.bytes.extend_from_slice(&common);
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.extend_from_slice(stored);

        self.central
            .extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central
            .extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
        self.central.extend_from_slice(&common);
        // No comment, disk 0, no internal attributes.
        self.central.extend_from_slice(&[0; 6]);
        self.central
            .extend_from_slice(&REGULAR_FILE_0644.to_le_bytes());
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<u8>, String> {
        let too_big = || "too large for a zip without zip64".to_string();
        let start = u32::try_from(self.bytes.len()).map_err(|_| too_big())?;
        let size = u32::try_from(self.central.len()).map_err(|_| too_big())?;
        self.bytes.append(&mut self.central);
        self.bytes.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.bytes.extend_from_slice(&[0; 4]); // disk 0, central directory on disk 0
        self.bytes.extend_from_slice(&self.entries.to_le_bytes());
        self.bytes.extend_from_slice(&self.entries.to_le_bytes());
        self.bytes.extend_from_slice(&size.to_le_bytes());
        self.bytes.extend_from_slice(&start.to_le_bytes());
        self.bytes.extend_from_slice(&0u16.to_le_bytes()); // no comment
        Ok(self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn parts(bytes: &[u8]) -> Vec<(String, zip::CompressionMethod, Option<u32>, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index(i).unwrap();
                let mut data = Vec::new();
                entry.read_to_end(&mut data).unwrap();
                (
                    entry.name().to_string(),
                    entry.compression(),
                    entry.unix_mode(),
                    data,
                )
            })
            .collect()
    }

    #[test]
    fn archive_reads_back_with_names_modes_and_methods() {
        let time = zip::DateTime::from_date_and_time(2024, 3, 7, 0, 0, 0).unwrap();
        let xml = "<w:p>二〇二四年</w:p>".repeat(200).into_bytes();
        // Deflate cannot shrink random bytes: that part is stored.
        let mut state = 1u64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 56) as u8
            })
            .collect();
        let mut out = Archive::new(time, 0);
        out.add("word/document.xml", &xml).unwrap();
        out.add("word/media/图1.png", &noise).unwrap();
        out.add("empty.xml", b"").unwrap();
        let bytes = out.finish().unwrap();

        let read = parts(&bytes);
        let names: Vec<&str> = read.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(
            names,
            ["word/document.xml", "word/media/图1.png", "empty.xml"]
        );
        assert_eq!(read[0].1, zip::CompressionMethod::Deflated);
        assert_eq!(read[1].1, zip::CompressionMethod::Stored);
        assert_eq!(read[0].3, xml);
        assert_eq!(read[1].3, noise);
        assert!(read[2].3.is_empty());
        assert!(read.iter().all(|p| p.2 == Some(0o100_644)));
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        assert_eq!(archive.by_index(0).unwrap().last_modified(), Some(time));
        // Deflated well below the text's size.
        assert!(bytes.len() < xml.len() / 4 + noise.len() + 400);
    }

    #[test]
    fn repack_applies_edits_in_order() {
        let mut source = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in [("a.xml", "<a/>"), ("b.xml", "<b>x</b>"), ("c.xml", "<c/>")] {
            source.start_file(name, stored).unwrap();
            std::io::Write::write_all(&mut source, text.as_bytes()).unwrap();
        }
        let source = source.finish().unwrap().into_inner();
        let patch = |text: &str| Some(text.replace('x', "y"));
        let edits = [
            Edit::Drop("a.xml".into()),
            Edit::Patch("b.xml", &patch),
            Edit::Rename("c.xml".into(), "d.xml".into()),
            Edit::Replace("e.xml".into(), b"<e/>".to_vec()),
        ];
        let out = repack(&source, &edits, zip::DateTime::default()).unwrap();
        let read: Vec<(String, Vec<u8>)> = parts(&out).into_iter().map(|p| (p.0, p.3)).collect();
        assert_eq!(
            read,
            [
                ("b.xml".to_string(), b"<b>y</b>".to_vec()),
                ("d.xml".to_string(), b"<c/>".to_vec()),
                ("e.xml".to_string(), b"<e/>".to_vec()),
            ]
        );
        let missing = [Edit::Patch("z.xml", &patch)];
        assert_eq!(
            repack(&source, &missing, zip::DateTime::default()),
            Err("z.xml is missing".to_string())
        );
    }
}
