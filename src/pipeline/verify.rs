//! The tally behind `kmsg verify`: which record ids of an input topic reached a pipeline's
//! downstream topics (output and DLQ) not at all (lost), more often than they were in the
//! input (duplicated), and which downstream ids were never in the input (unexpected). Pure:
//! the command feeds it ids as it reads the topics.
//!
//! Memory stays bounded on large topics by never keeping an id itself: each id is reduced to
//! a 64-bit hash (SipHash-1-3, the standard library's hasher, fixed keys within one run) and
//! the input's hashes live in one sorted `Vec` of 16-byte entries (hash, copies in the
//! input, copies downstream), sized once from the topics' offsets: 10M ids take 160 MB, and
//! a downstream record costs one binary search. Downstream hashes not in the input are kept
//! as 8 bytes each until `finish` sorts and counts them. Two different ids can share a hash:
//! with n distinct ids the chance that any two do is about n²/2⁶⁵ (3·10⁻⁶ for 10M ids); a
//! shared hash would make two ids count as one, so a lost id could hide behind a delivered
//! one with the same hash, but never make a complete pipeline fail.
//!
//! The report still names exact ids: the command reads the topics a second time, only when
//! something was lost, duplicated or unexpected, and asks `class` of each record's hash to
//! pick out the first few of each kind with their ids and where they are.

use std::hash::Hasher;

use serde::Serialize;

/// The hash an id is tallied under.
pub fn id_hash(id: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(id);
    h.finish()
}

/// Where a record's id is: its key, or a field of its JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdSource {
    Key,
    /// A field of the JSON value: a top-level name, or a dotted path (`user.id`) when no
    /// top-level field has the whole name.
    Field(String),
}

impl IdSource {
    /// The id of a record with this key and value, or `None` when it has none (no key; a
    /// value that is not JSON, or has no such field, or has it as null). A string field's id
    /// is its text; any other JSON value's id is its JSON text.
    pub fn id<'a>(&self, key: Option<&'a [u8]>, value: Option<&[u8]>) -> Option<Id<'a>> {
        match self {
            IdSource::Key => key.map(Id::Borrowed),
            IdSource::Field(name) => field_id(value?, name).map(Id::Owned),
        }
    }

    /// How the report names the id source.
    pub fn describe(&self) -> String {
        match self {
            IdSource::Key => "the record key".into(),
            IdSource::Field(f) => format!("the JSON field {f:?} of the value"),
        }
    }
}

/// An id as bytes, borrowed from a record's key or extracted from its value.
pub enum Id<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
}

impl Id<'_> {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Id::Borrowed(b) => b,
            Id::Owned(v) => v,
        }
    }
}

fn field_id(value: &[u8], name: &str) -> Option<Vec<u8>> {
    let doc: serde_json::Value = serde_json::from_slice(value).ok()?;
    let obj = doc.as_object()?;
    let found = match obj.get(name) {
        Some(v) => v,
        None => {
            let mut at = &doc;
            for part in name.split('.') {
                at = at.as_object()?.get(part)?;
            }
            at
        }
    };
    match found {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone().into_bytes()),
        other => Some(other.to_string().into_bytes()),
    }
}

/// The printable form of an id: its text when it is UTF-8, else `0x` and its hex.
pub fn display_id(id: &[u8]) -> String {
    match std::str::from_utf8(id) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
            format!("0x{hex}")
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    hash: u64,
    input: u32,
    downstream: u32,
}

/// The input's ids, gathered before the downstream topics are read.
#[derive(Debug, Default)]
pub struct InputIds {
    entries: Vec<Entry>,
    records: u64,
}

impl InputIds {
    /// Room for `records` ids at once (the input's size from its offsets), so the one big
    /// vector is not grown by doubling.
    pub fn with_capacity(records: usize) -> Self {
        InputIds {
            entries: Vec::with_capacity(records),
            records: 0,
        }
    }

    /// One input record with this id hash.
    pub fn add(&mut self, hash: u64) {
        self.records += 1;
        self.entries.push(Entry {
            hash,
            input: 1,
            downstream: 0,
        });
    }

    /// Sorts the hashes and merges repeated ids into one entry each.
    pub fn seal(mut self) -> Tally {
        self.entries.sort_unstable_by_key(|e| e.hash);
        self.entries.dedup_by(|later, kept| {
            if later.hash == kept.hash {
                kept.input = kept.input.saturating_add(later.input);
                true
            } else {
                false
            }
        });
        self.entries.shrink_to_fit();
        Tally {
            entries: self.entries,
            input_records: self.records,
            downstream_records: 0,
            unexpected: Vec::new(),
            unexpected_sorted: true,
        }
    }
}

/// What one id turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// In the input as often as downstream.
    Delivered,
    /// In the input, nowhere downstream.
    Lost { input: u32 },
    /// Downstream more often than in the input.
    Duplicated { input: u32, downstream: u32 },
    /// Downstream, never in the input.
    Unexpected,
}

/// The input's ids with what was seen of them downstream.
#[derive(Debug)]
pub struct Tally {
    entries: Vec<Entry>,
    input_records: u64,
    downstream_records: u64,
    unexpected: Vec<u64>,
    unexpected_sorted: bool,
}

/// The totals of a finished tally (record counts of ids; records without an id are the
/// command's to count).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Input records with an id.
    pub input_records: u64,
    pub distinct_ids: u64,
    /// Downstream records with an id (output and DLQ together).
    pub downstream_records: u64,
    /// Distinct input ids found nowhere downstream.
    pub lost: u64,
    /// Distinct input ids found downstream more often than in the input.
    pub duplicated: u64,
    /// The copies beyond the input's count, over all duplicated ids.
    pub extra_copies: u64,
    /// Distinct ids downstream that the input does not hold.
    pub unexpected: u64,
    /// Downstream records with those ids.
    pub unexpected_records: u64,
}

impl Tally {
    fn find(&self, hash: u64) -> Option<usize> {
        self.entries.binary_search_by_key(&hash, |e| e.hash).ok()
    }

    /// One downstream record with this id hash.
    pub fn sight(&mut self, hash: u64) {
        self.downstream_records += 1;
        match self.find(hash) {
            Some(i) => {
                let e = &mut self.entries[i];
                e.downstream = e.downstream.saturating_add(1);
            }
            None => {
                self.unexpected.push(hash);
                self.unexpected_sorted = false;
            }
        }
    }

    /// The totals; sorts the unexpected hashes so that `class` can find them.
    pub fn finish(&mut self) -> Totals {
        if !self.unexpected_sorted {
            self.unexpected.sort_unstable();
            self.unexpected_sorted = true;
        }
        let mut t = Totals {
            input_records: self.input_records,
            distinct_ids: self.entries.len() as u64,
            downstream_records: self.downstream_records,
            unexpected_records: self.unexpected.len() as u64,
            ..Totals::default()
        };
        for e in &self.entries {
            if e.downstream == 0 {
                t.lost += 1;
            } else if e.downstream > e.input {
                t.duplicated += 1;
                t.extra_copies += u64::from(e.downstream - e.input);
            }
        }
        let mut previous = None;
        for &h in &self.unexpected {
            if previous != Some(h) {
                t.unexpected += 1;
                previous = Some(h);
            }
        }
        t
    }

    /// What the id with this hash turned out to be (after `finish`); `None` for an id seen
    /// neither in the input nor downstream.
    pub fn class(&self, hash: u64) -> Option<Class> {
        match self.find(hash) {
            Some(i) => {
                let e = self.entries[i];
                Some(if e.downstream == 0 {
                    Class::Lost { input: e.input }
                } else if e.downstream > e.input {
                    Class::Duplicated {
                        input: e.input,
                        downstream: e.downstream,
                    }
                } else {
                    Class::Delivered
                })
            }
            None => {
                debug_assert!(self.unexpected_sorted, "class before finish");
                self.unexpected
                    .binary_search(&hash)
                    .is_ok()
                    .then_some(Class::Unexpected)
            }
        }
    }
}

/// The outcome of the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Nothing lost (and, under exactly-once, nothing duplicated).
    Passed,
    /// Some input id is nowhere downstream.
    Lost,
    /// Under exactly-once, some id is downstream more often than in the input.
    Duplicated,
    /// The input has records but none with an id (no keys, or a wrong `--id-field`): the
    /// check checked nothing, which must not pass for a check that did.
    NoIds,
}

impl Verdict {
    pub fn passed(self) -> bool {
        self == Verdict::Passed
    }
}

/// The verdict on a finished tally: lost ids fail; duplicates fail only under exactly-once
/// (at-least-once allows them; they are reported); an input of records without ids fails.
pub fn verdict(totals: &Totals, input_without_id: u64, exactly_once: bool) -> Verdict {
    if totals.input_records == 0 && input_without_id > 0 {
        Verdict::NoIds
    } else if totals.lost > 0 {
        Verdict::Lost
    } else if exactly_once && totals.duplicated > 0 {
        Verdict::Duplicated
    } else {
        Verdict::Passed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(input: &[&str], downstream: &[&str]) -> (Tally, Totals) {
        let mut ids = InputIds::with_capacity(input.len());
        for id in input {
            ids.add(id_hash(id.as_bytes()));
        }
        let mut t = ids.seal();
        for id in downstream {
            t.sight(id_hash(id.as_bytes()));
        }
        let totals = t.finish();
        (t, totals)
    }

    #[test]
    fn a_complete_pipeline_has_nothing_lost_or_duplicated() {
        let (t, totals) = tally(&["a", "b", "c"], &["c", "a", "b"]);
        assert_eq!(
            totals,
            Totals {
                input_records: 3,
                distinct_ids: 3,
                downstream_records: 3,
                ..Totals::default()
            }
        );
        assert_eq!(t.class(id_hash(b"a")), Some(Class::Delivered));
        assert_eq!(verdict(&totals, 0, true), Verdict::Passed);
    }

    #[test]
    fn ids_in_neither_output_nor_dlq_are_lost_and_fail_the_check() {
        let (t, totals) = tally(&["a", "b", "c", "d"], &["a", "c"]);
        assert_eq!((totals.lost, totals.duplicated), (2, 0));
        assert_eq!(t.class(id_hash(b"b")), Some(Class::Lost { input: 1 }));
        assert_eq!(t.class(id_hash(b"d")), Some(Class::Lost { input: 1 }));
        assert_eq!(verdict(&totals, 0, false), Verdict::Lost);
    }

    #[test]
    fn duplicates_pass_at_least_once_and_fail_exactly_once() {
        let (t, totals) = tally(&["a", "b", "c"], &["a", "b", "b", "c", "c", "c"]);
        assert_eq!(
            (totals.lost, totals.duplicated, totals.extra_copies),
            (0, 2, 3)
        );
        assert_eq!(
            t.class(id_hash(b"c")),
            Some(Class::Duplicated {
                input: 1,
                downstream: 3
            })
        );
        assert_eq!(verdict(&totals, 0, false), Verdict::Passed);
        assert_eq!(verdict(&totals, 0, true), Verdict::Duplicated);
    }

    #[test]
    fn an_id_the_input_holds_twice_may_arrive_twice() {
        let (t, totals) = tally(&["a", "a", "b"], &["a", "a", "b"]);
        assert_eq!(totals.input_records, 3);
        assert_eq!(totals.distinct_ids, 2);
        assert_eq!(totals.duplicated, 0);
        assert_eq!(t.class(id_hash(b"a")), Some(Class::Delivered));
        let (t, totals) = tally(&["a", "a"], &["a", "a", "a"]);
        assert_eq!((totals.duplicated, totals.extra_copies), (1, 1));
        assert_eq!(
            t.class(id_hash(b"a")),
            Some(Class::Duplicated {
                input: 2,
                downstream: 3
            })
        );
    }

    #[test]
    fn downstream_ids_the_input_lacks_are_unexpected_but_do_not_fail() {
        let (t, totals) = tally(&["a"], &["a", "x", "x", "y"]);
        assert_eq!((totals.unexpected, totals.unexpected_records), (2, 3));
        assert_eq!(t.class(id_hash(b"x")), Some(Class::Unexpected));
        assert_eq!(t.class(id_hash(b"zzz")), None);
        assert_eq!(verdict(&totals, 0, true), Verdict::Passed);
    }

    #[test]
    fn an_input_whose_records_all_lack_an_id_fails_and_some_without_do_not() {
        let (_, totals) = tally(&[], &[]);
        assert_eq!(verdict(&totals, 5, false), Verdict::NoIds);
        let (_, totals) = tally(&["a"], &["a"]);
        assert_eq!(verdict(&totals, 5, false), Verdict::Passed);
    }

    #[test]
    fn an_empty_input_and_downstream_pass() {
        let (_, totals) = tally(&[], &[]);
        assert_eq!(totals, Totals::default());
        assert_eq!(verdict(&totals, 0, true), Verdict::Passed);
    }

    #[test]
    fn ids_come_from_the_key_or_a_json_field() {
        let key = IdSource::Key;
        assert_eq!(key.id(Some(b"k1"), None).unwrap().bytes(), b"k1");
        assert!(key.id(None, Some(b"{}")).is_none());

        let field = IdSource::Field("message_id".into());
        let v = br#"{"message_id":"m-1","n":1}"#;
        assert_eq!(field.id(None, Some(v)).unwrap().bytes(), b"m-1");
        let num = IdSource::Field("n".into());
        assert_eq!(num.id(None, Some(v)).unwrap().bytes(), b"1");
        // Not JSON, not an object, no such field, null: no id (never a panic).
        assert!(field.id(None, Some(b"not json")).is_none());
        assert!(field.id(None, Some(b"[1,2]")).is_none());
        assert!(field.id(None, Some(br#"{"other":1}"#)).is_none());
        assert!(field.id(None, Some(br#"{"message_id":null}"#)).is_none());
        assert!(field.id(None, Some(&[0xff, 0xfe])).is_none());
        assert!(field.id(None, None).is_none());
    }

    #[test]
    fn a_dotted_field_is_a_path_unless_a_top_level_field_has_the_whole_name() {
        let path = IdSource::Field("user.id".into());
        let nested = br#"{"user":{"id":7}}"#;
        assert_eq!(path.id(None, Some(nested)).unwrap().bytes(), b"7");
        let flat = br#"{"user.id":"flat","user":{"id":7}}"#;
        assert_eq!(path.id(None, Some(flat)).unwrap().bytes(), b"flat");
        assert!(path.id(None, Some(br#"{"user":"x"}"#)).is_none());
    }

    #[test]
    fn ids_print_as_text_or_hex() {
        assert_eq!(display_id(b"abc"), "abc");
        assert_eq!(display_id(&[0xff, 0x01]), "0xff01");
    }
}
