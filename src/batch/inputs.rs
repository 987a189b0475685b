//! Where a batch's inputs come from besides the command line (`--input-list`),
//! and which of them this worker takes (`--shard K/N`).

use std::io::Read;
use std::str::FromStr;

use crate::{Error, Result};

/// The inputs listed in `path` (`-`: stdin): one a line, blank lines and lines
/// starting with `#` skipped, surrounding whitespace trimmed.
pub fn read_input_list(path: &str) -> Result<Vec<String>> {
    let mut text = String::new();
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    if path == "-" {
        std::io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map_err(io)?;
    } else {
        text = std::fs::read_to_string(path).map_err(io)?;
    }
    Ok(parse_input_list(&text))
}

/// The inputs of an input list's text (see [`read_input_list`]).
pub fn parse_input_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// `--shard K/N`: the K-th (1-based) of N disjoint shares of the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("invalid shard {s:?}: expected K/N with 1 <= K <= N, e.g. 2/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = k.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether `input` falls in this shard. The hash is FNV-1a over the input's
    /// bytes: fixed across runs, machines and Rust versions (std's hasher is
    /// randomly seeded per process), so N workers agree without talking.
    pub fn contains(&self, input: &str) -> bool {
        fnv1a(input.as_bytes()) % self.count == self.index - 1
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_syntax() {
        assert_eq!("2/3".parse(), Ok(Shard { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_cover_every_input_once() {
        let inputs: Vec<String> = (0..1000).map(|i| format!("pages/{i}.html")).collect();
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { index: k, count: 3 }).collect();
        let mut sizes = [0; 3];
        for input in &inputs {
            let owners: Vec<usize> = (0..3).filter(|&s| shards[s].contains(input)).collect();
            assert_eq!(owners.len(), 1, "{input}");
            sizes[owners[0]] += 1;
        }
        // Shares are roughly even: no shard idle, none with most of the work.
        assert!(sizes.iter().all(|&n| (250..420).contains(&n)), "{sizes:?}");
    }

    #[test]
    fn fnv1a_is_the_published_function() {
        // Test vectors of the FNV reference (draft-eastlake-fnv).
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn list_skips_blanks_and_comments() {
        let text = "# archive\n a.html \n\n#b.html\nhttps://x.cn/1.html\r\n";
        assert_eq!(parse_input_list(text), ["a.html", "https://x.cn/1.html"]);
    }
}
