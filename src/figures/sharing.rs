//! Sharing the subjects of figures: the figures of one quantity, in an article and across the
//! articles about one event, have equal [`Subject`]s, and a figure-dense corpus keeps hundreds
//! of thousands of figures (10,000 generated articles: 380,000 compared figures, 25 subjects).
//! Each thread remembers the subjects it made lately and hands out the one it has when an equal
//! one comes; sharing saves memory and never changes a figure.

use super::frame::{Frame, Place, Scope, Slot, When};
use super::model::Subject;
use std::cell::RefCell;
use std::hash::Hasher;
use std::sync::Arc;

/// How many subjects a thread remembers: a direct-mapped cache, each subject in the entry its
/// fingerprint picks, so that a look-up is one comparison and memory stays bounded (a few
/// hundred kilobytes per thread). A subject whose entry another took is made again: shared
/// less, never wrong.
const REMEMBERED: usize = 1024;

thread_local! {
    static RECENT: RefCell<Vec<Option<Arc<Subject>>>> = const { RefCell::new(Vec::new()) };
}

/// The subject as figures share it: the one this thread made lately if it is equal, else a new
/// one. `None` for a figure the text says nothing of.
pub(super) fn shared(subject: Subject) -> Option<Arc<Subject>> {
    if subject.is_empty() {
        return None;
    }
    let entry = (fingerprint(&subject) % REMEMBERED as u64) as usize;
    RECENT.with_borrow_mut(|recent| {
        if recent.is_empty() {
            recent.resize(REMEMBERED, None);
        }
        // the subject is moved only when it is new (it is a few hundred bytes)
        if let Some(known) = recent[entry].as_ref().filter(|known| same_subject(known, &subject)) {
            return Some(known.clone());
        }
        let new = Arc::new(subject);
        recent[entry] = Some(new.clone());
        Some(new)
    })
}

/// A cheap hash of a subject, equal for equal subjects: the length and first byte of the
/// texts that tell subjects apart most often (hashing every slot in full cost more than the
/// rest of keeping a figure).
fn fingerprint(s: &Subject) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    let frame = s.frame.as_ref();
    for text in [
        s.counts.as_deref(),
        s.predicate.as_deref(),
        s.place.as_deref(),
        frame.and_then(|f| f.counted.as_deref()),
        frame.and_then(|f| f.event.as_deref()),
        frame.and_then(|f| f.place.as_ref()).map(|p| &*p.name),
    ] {
        h.write_u64(text.map_or(0, |t| {
            (t.len() as u64) << 8 | u64::from(t.as_bytes().first().copied().unwrap_or(0)) | 1 << 63
        }));
    }
    h.finish()
}

/// `a == b`, without reading the texts of slots that are the same word of the lexicon or the
/// same shared text.
fn same_subject(a: &Subject, b: &Subject) -> bool {
    let Subject { counts, predicate, place, frame } = a;
    same_slots(counts.as_ref(), b.counts.as_ref())
        && same_slots(predicate.as_ref(), b.predicate.as_ref())
        && *place == b.place
        && match (frame, &b.frame) {
            (Some(x), Some(y)) => same_frame(x, y),
            (None, None) => true,
            _ => false,
        }
}

fn same_frame(a: &Frame, b: &Frame) -> bool {
    // every field named, so that a field added to frames is not forgotten here
    let Frame { measured, counted, group, event, place, when, scope } = a;
    *measured == b.measured
        && same_slots(counted.as_ref(), b.counted.as_ref())
        && same_slots(group.as_ref(), b.group.as_ref())
        && same_slots(event.as_ref(), b.event.as_ref())
        && same_places(place.as_ref(), b.place.as_ref())
        && match (when, &b.when) {
            (When::Background(x), When::Background(y)) => same_slot(x, y),
            _ => *when == b.when,
        }
        && match (scope, &b.scope) {
            (Scope::Incident(x), Scope::Incident(y)) => same_slot(x, y),
            _ => *scope == b.scope,
        }
}

fn same_places(a: Option<&Place>, b: Option<&Place>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.level == y.level && same_slot(&x.name, &y.name),
        (None, None) => true,
        _ => false,
    }
}

fn same_slots(a: Option<&Slot>, b: Option<&Slot>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => same_slot(x, y),
        (None, None) => true,
        _ => false,
    }
}

fn same_slot(a: &Slot, b: &Slot) -> bool {
    match (a, b) {
        (Slot::Borrowed(x), Slot::Borrowed(y)) if std::ptr::eq(*x, *y) => true,
        (Slot::Owned(x), Slot::Owned(y)) if Arc::ptr_eq(x, y) => true,
        _ => **a == **b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{Measured, PlaceLevel};

    fn subject(event: Slot, place: &str, when: When) -> Subject {
        Subject {
            counts: Some("people".into()),
            predicate: Some("killed".into()),
            place: None,
            frame: Some(Frame {
                measured: Measured::People,
                counted: Some("people".into()),
                group: None,
                event: Some(event),
                place: Some(Place { name: place.to_string().into(), level: PlaceLevel::Locality }),
                when,
                scope: Scope::Whole,
            }),
        }
    }

    /// Equal subjects are shared whether their texts are the lexicon's or the article's, and
    /// subjects that differ in any slot are not.
    #[test]
    fn equal_subjects_are_shared_and_others_not() {
        let killed = || subject("killed".into(), "aleppo", When::Story);
        let a = shared(killed()).unwrap();
        let b = shared(subject("killed".to_string().into(), "aleppo", When::Story)).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        for other in [
            subject("injured".into(), "aleppo", When::Story),
            subject("killed".into(), "homs", When::Story),
            subject("killed".into(), "aleppo", When::Background("2003".into())),
        ] {
            assert_ne!(other, *a);
            let c = shared(other.clone()).unwrap();
            assert_eq!(*c, other);
            assert!(!Arc::ptr_eq(&a, &c));
        }
        assert_eq!(*shared(killed()).unwrap(), killed());
        assert_eq!(shared(Subject::default()), None);
    }
}
