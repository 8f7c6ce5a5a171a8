//! Who may read or delete an attachment. Everyone else is told it does not
//! exist (404), so an id tried by a stranger reveals nothing.

use crate::accounts::Scope;
use crate::lang::Text;

/// Who is asking.
#[derive(Debug, Clone, Copy)]
pub enum Reader<'a> {
    Worker {
        user_id: i64,
    },
    /// Union staff acting for this scope (their union's subtree, or every union).
    Staff(&'a Scope),
}

/// What the decision needs to know of an attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding<'a> {
    pub owner_user_id: i64,
    /// The union of the record it is linked to; `None` while unlinked.
    pub union_path: Option<&'a str>,
}

/// The owner may always read their file. Staff may read it once it is linked
/// to a record whose union is in their scope — never a file still on its way
/// into a form, never another subtree's, and never one of a record no union
/// holds (a worker's own evidence locker: its path is not a union path, so not
/// even a platform admin's scope takes it in). No other worker may.
pub fn may_read(reader: Reader<'_>, holding: Holding<'_>) -> bool {
    match reader {
        Reader::Worker { user_id } => user_id == holding.owner_user_id,
        Reader::Staff(scope) => holding
            .union_path
            .is_some_and(|p| p.starts_with('/') && scope.contains(p)),
    }
}

/// Why a delete is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteRefusal {
    /// Not the owner's: answered as "not found".
    NotFound,
    /// Already part of a submitted record, which keeps it (409).
    Linked,
}

impl DeleteRefusal {
    pub fn message(self) -> Text {
        match self {
            DeleteRefusal::NotFound => Text::new("没有找到", "Not found"),
            DeleteRefusal::Linked => Text::new(
                "这个文件已随材料提交,不能删除",
                "This file was submitted with a record and can no longer be deleted",
            ),
        }
    }
}

/// The owner may delete a file until a record holds it.
pub fn may_delete(user_id: i64, owner_user_id: i64, linked: bool) -> Result<(), DeleteRefusal> {
    if user_id != owner_user_id {
        Err(DeleteRefusal::NotFound)
    } else if linked {
        Err(DeleteRefusal::Linked)
    } else {
        Ok(())
    }
}

/// Why a capability may not link a file to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    /// No such file of this person (another's, deleted, or expired unlinked).
    Unknown,
    /// Already part of another record.
    Elsewhere,
}

impl LinkRefusal {
    pub fn message(self) -> Text {
        match self {
            LinkRefusal::Unknown => Text::new(
                "有文件已失效,请重新上传",
                "A file is no longer available; upload it again",
            ),
            LinkRefusal::Elsewhere => Text::new(
                "有文件已用于另一份材料",
                "A file was already submitted with another record",
            ),
        }
    }
}

/// Where a file is now, as a link decision sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Linked<'a> {
    pub capability: &'a str,
    pub subject_id: i64,
}

/// Whether a file of `owner_user_id` may be linked to (`capability`,
/// `subject_id`) for `user_id`: theirs, and unlinked or already linked to
/// this very record (a replayed submission links again harmlessly).
pub fn may_link(
    user_id: i64,
    owner_user_id: i64,
    now_linked: Option<Linked<'_>>,
    capability: &str,
    subject_id: i64,
) -> Result<(), LinkRefusal> {
    if user_id != owner_user_id {
        return Err(LinkRefusal::Unknown);
    }
    match now_linked {
        None => Ok(()),
        Some(l) if l.capability == capability && l.subject_id == subject_id => Ok(()),
        Some(_) => Err(LinkRefusal::Elsewhere),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DISTRICT: &str = "/1/3/";
    const STREET: &str = "/1/3/20/";
    const GRASSROOTS: &str = "/1/3/20/31/";
    const SIBLING: &str = "/1/3/21/";

    fn held(owner: i64, path: Option<&str>) -> Holding<'_> {
        Holding {
            owner_user_id: owner,
            union_path: path,
        }
    }

    #[test]
    fn the_owner_reads_linked_or_not_and_no_other_worker_does() {
        let owner = Reader::Worker { user_id: 7 };
        let other = Reader::Worker { user_id: 8 };
        assert!(may_read(owner, held(7, None)));
        assert!(may_read(owner, held(7, Some(GRASSROOTS))));
        assert!(!may_read(other, held(7, None)));
        assert!(!may_read(other, held(7, Some(GRASSROOTS))));
    }

    #[test]
    fn staff_read_only_linked_files_of_their_subtree() {
        let street = Scope::under(STREET);
        let district = Scope::under(DISTRICT);
        let grassroots = Scope::under(GRASSROOTS);
        let sibling = Scope::under(SIBLING);
        let platform = Scope::everything();
        let linked = held(7, Some(GRASSROOTS));
        assert!(
            may_read(Reader::Staff(&grassroots), linked),
            "its own union"
        );
        assert!(may_read(Reader::Staff(&street), linked), "the union above");
        assert!(may_read(Reader::Staff(&district), linked), "two above");
        assert!(may_read(Reader::Staff(&platform), linked));
        assert!(!may_read(Reader::Staff(&sibling), linked), "a sibling");
        // A union below the record's sees nothing of it.
        let street_case = held(7, Some(STREET));
        assert!(!may_read(Reader::Staff(&grassroots), street_case));
        // Unlinked: on its way into a form, nobody's but the owner's.
        for scope in [&grassroots, &street, &platform] {
            assert!(!may_read(Reader::Staff(scope), held(7, None)));
        }
        // A record no union holds (the worker's own locker): the owner's alone.
        let private = held(7, Some("locker:private"));
        for scope in [&grassroots, &district, &platform] {
            assert!(!may_read(Reader::Staff(scope), private));
        }
        assert!(may_read(Reader::Worker { user_id: 7 }, private));
        // "/1/3/2" is not inside "/1/3/20/": paths end with a slash.
        assert!(!may_read(Reader::Staff(&street), held(7, Some("/1/3/2/"))));
    }

    #[test]
    fn only_the_owner_deletes_and_only_before_it_is_submitted() {
        assert_eq!(may_delete(7, 7, false), Ok(()));
        assert_eq!(may_delete(7, 7, true), Err(DeleteRefusal::Linked));
        assert_eq!(may_delete(8, 7, false), Err(DeleteRefusal::NotFound));
        assert_eq!(
            may_delete(8, 7, true),
            Err(DeleteRefusal::NotFound),
            "a stranger never learns it was submitted"
        );
        assert!(DeleteRefusal::Linked.message().en.contains("submitted"));
    }

    #[test]
    fn a_file_links_once_to_its_owners_record() {
        let here = Linked {
            capability: "benefits",
            subject_id: 5,
        };
        assert_eq!(may_link(7, 7, None, "benefits", 5), Ok(()));
        assert_eq!(may_link(7, 7, Some(here), "benefits", 5), Ok(()), "replay");
        assert_eq!(
            may_link(7, 7, Some(here), "benefits", 6),
            Err(LinkRefusal::Elsewhere)
        );
        assert_eq!(
            may_link(7, 7, Some(here), "rights", 5),
            Err(LinkRefusal::Elsewhere)
        );
        assert_eq!(
            may_link(8, 7, None, "benefits", 5),
            Err(LinkRefusal::Unknown)
        );
    }
}
