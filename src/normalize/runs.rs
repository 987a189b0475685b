//! Handing a normalized paragraph back to the inline runs it was made of.
//!
//! A paragraph is normalized as one string, so that the rules see each run's
//! neighbours. The result is split back by counting Han characters, letters and
//! digits, which the F0 invariant says normalization never adds, removes or
//! reorders; the marks and spaces between two of them go to the run that held
//! marks there.

use super::chars::significant_count;

/// One stretch of non-significant input between two significant units: which
/// pieces contributed to it, and how many visible characters each.
type Gap = Vec<(usize, usize)>;

/// Splits `normalized` (the normalized concatenation of `pieces`) back into
/// pieces: each keeps its own Han characters, letters and digits, and the marks
/// and spaces between two of them go to the piece that held marks there.
/// `None` when the significant characters do not line up (then the caller
/// normalizes piece by piece).
pub fn distribute(pieces: &[&str], normalized: &str) -> Option<Vec<String>> {
    if pieces.len() == 1 {
        return Some(vec![normalized.to_string()]);
    }
    let mut unit_owner: Vec<usize> = Vec::new();
    let mut gaps: Vec<Gap> = vec![Vec::new()];
    for (piece_index, piece) in pieces.iter().enumerate() {
        for c in piece.chars() {
            let units = significant_count(c);
            if units == 0 {
                let visible = usize::from(!c.is_whitespace());
                let gap = gaps.last_mut()?;
                match gap.last_mut() {
                    Some((owner, weight)) if *owner == piece_index => *weight += visible,
                    _ => gap.push((piece_index, visible)),
                }
            } else {
                unit_owner.extend(std::iter::repeat_n(piece_index, units));
                gaps.extend(std::iter::repeat_with(Vec::new).take(units));
            }
        }
    }
    let total_out: usize = normalized.chars().map(significant_count).sum();
    if total_out != unit_owner.len() {
        return None;
    }
    let mut out = vec![String::new(); pieces.len()];
    let mut unit = 0;
    let mut pending: Vec<char> = Vec::new();
    for c in normalized.chars() {
        let units = significant_count(c);
        if units == 0 {
            pending.push(c);
            continue;
        }
        flush_gap(&pending, gaps.get(unit)?, &unit_owner, unit, &mut out);
        pending.clear();
        let owner = *unit_owner.get(unit)?;
        out[owner].push(c);
        unit += units;
    }
    flush_gap(&pending, gaps.get(unit)?, &unit_owner, unit, &mut out);
    Some(out)
}

/// Hands the output characters of one gap to the pieces that held that gap in
/// the input, in order, each up to the number of visible characters it had.
fn flush_gap(chars: &[char], gap: &Gap, unit_owner: &[usize], unit: usize, out: &mut [String]) {
    if chars.is_empty() {
        return;
    }
    if gap.is_empty() {
        // Marks appeared where the input had none ("㈠"→"（一）"): they belong
        // with the character before, or the one after at the start.
        let owner = unit
            .checked_sub(1)
            .and_then(|u| unit_owner.get(u))
            .or_else(|| unit_owner.get(unit))
            .copied()
            .unwrap_or(0);
        if let Some(piece) = out.get_mut(owner) {
            piece.extend(chars);
        }
        return;
    }
    let mut part = 0;
    let mut received = 0;
    for &c in chars {
        if !c.is_whitespace() {
            while part + 1 < gap.len() && received >= gap[part].1 {
                part += 1;
                received = 0;
            }
            received += 1;
        }
        if let Some(piece) = out.get_mut(gap[part].0) {
            piece.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distribute_keeps_each_run_its_own_characters() {
        assert_eq!(
            distribute(&["使用 Rust ", "语言"], "使用Rust语言"),
            Some(vec!["使用Rust".to_string(), "语言".to_string()])
        );
        assert_eq!(
            distribute(&["建设,", "工作"], "建设，工作"),
            Some(vec!["建设，".to_string(), "工作".to_string()])
        );
        assert_eq!(
            distribute(&["建设", ",工作"], "建设，工作"),
            Some(vec!["建设".to_string(), "，工作".to_string()])
        );
        assert_eq!(distribute(&["a", "b"], "abc"), None);
    }
}
