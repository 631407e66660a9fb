//! The order of a merged list. A list is merged as a list, not as a set of
//! labels: the order comes from the side that reordered what both had (the
//! other machine's when both did), and each record only the other side has
//! is put after the record it followed there. So a move on one laptop and
//! an insertion on the other both survive, and nothing is lost or doubled.
//! Linear: a hash set and a hash map of the keys.

use std::collections::{HashMap, HashSet};

/// The keys of the merged list, each once, in order. Keys of base records
/// removed on a side still appear if the other side has them: whether such
/// a record stays is the record merge's to say.
pub(super) fn merged(base: &[u64], ours: &[u64], theirs: &[u64]) -> Vec<u64> {
    let (spine, other) = if reordered(base, theirs) { (theirs, ours) } else { (ours, theirs) };
    let in_spine: HashSet<u64> = spine.iter().copied().collect();
    // What only the other side has, gathered after the record it followed there.
    let mut after: HashMap<Option<u64>, Vec<u64>> = HashMap::new();
    let mut anchor = None;
    for &key in other {
        if in_spine.contains(&key) {
            anchor = Some(key);
        } else {
            after.entry(anchor).or_default().push(key);
        }
    }
    let mut out = Vec::with_capacity(spine.len() + other.len());
    let mut seen = HashSet::with_capacity(spine.len() + other.len());
    let mut emit = |keys: Option<Vec<u64>>, out: &mut Vec<u64>| {
        out.extend(keys.unwrap_or_default().into_iter().filter(|k| seen.insert(*k)));
    };
    emit(after.remove(&None), &mut out);
    for &key in spine {
        emit(Some(vec![key]), &mut out);
        emit(after.remove(&Some(key)), &mut out);
    }
    out
}

/// Whether `side` holds the records it shares with `base` in another order.
fn reordered(base: &[u64], side: &[u64]) -> bool {
    let (in_base, in_side): (HashSet<u64>, HashSet<u64>) =
        (base.iter().copied().collect(), side.iter().copied().collect());
    let shared_here = side.iter().filter(|k| in_base.contains(k));
    let shared_there = base.iter().filter(|k| in_side.contains(k));
    !shared_here.eq(shared_there)
}

#[cfg(test)]
mod tests {
    use super::merged;

    #[test]
    fn a_move_and_an_insertion_both_survive() {
        let base = [1, 2, 3, 4, 5];
        // Ours moved 4 before 2; theirs put 9 after 3.
        assert_eq!(merged(&base, &[1, 4, 2, 3, 5], &[1, 2, 3, 9, 4, 5]), vec![1, 4, 2, 3, 9, 5]);
        // The same the other way round.
        assert_eq!(merged(&base, &[1, 2, 3, 9, 4, 5], &[1, 4, 2, 3, 5]), vec![1, 4, 2, 3, 9, 5]);
    }

    #[test]
    fn additions_on_both_sides_follow_what_they_followed() {
        let base = [1, 2];
        assert_eq!(merged(&base, &[1, 2, 7], &[1, 2, 8]), vec![1, 2, 8, 7]);
        assert_eq!(merged(&base, &[0, 1, 2], &[1, 2]), vec![0, 1, 2]);
        assert_eq!(merged(&base, &[1, 2], &[6, 1, 2]), vec![6, 1, 2]);
    }

    #[test]
    fn both_reordered_keeps_the_other_machine_s_order() {
        assert_eq!(merged(&[1, 2, 3], &[3, 1, 2], &[2, 1, 3]), vec![2, 1, 3]);
    }

    #[test]
    fn a_removal_leaves_the_record_to_the_record_merge() {
        assert_eq!(merged(&[1, 2, 3], &[1, 3], &[1, 2, 3]), vec![1, 2, 3]);
        assert_eq!(merged(&[1, 2, 3], &[1, 3], &[1, 3]), vec![1, 3]);
    }
}
