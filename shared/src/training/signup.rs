//! Sign-up and the waitlist. A sign-up takes a place while there is one and
//! nobody is waiting; otherwise it joins the end of the waitlist. When a place
//! frees (a cancellation, or staff adding places) the first on the waitlist is
//! promoted and told by SMS. The Worker does the counting inside one SQL
//! statement per change, so these rules are what its SQL encodes; the tests
//! here pin them down.

use super::course::{signup_window, Eligibility, SignupWindow};
use super::text_field;
use crate::error::FieldErrors;
use crate::lang::Text;
use crate::membership::validate_name;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_NAME: usize = 20;

crate::vocabulary! {
    /// Where a sign-up stands.
    pub enum EnrolmentStatus {
        Enrolled = "enrolled", "已报上", "Enrolled";
        Waitlisted = "waitlisted", "候补中", "On the waitlist";
        Cancelled = "cancelled", "已取消", "Cancelled";
    }
}

/// `POST /api/training/courses/{course_id}/enrolments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SignupInput {
    /// The trainee's real name as the certificate will carry it, 2–20 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub name: String,
}

impl SignupInput {
    /// The name by the enrolment form's rule (a real name, not a nickname).
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = text_field(&mut errors, "name", &self.name, 2, MAX_NAME);
        let name = if errors.is_empty() {
            errors
                .check("name", validate_name(&name))
                .unwrap_or_default()
        } else {
            name
        };
        super::finish(errors, name)
    }
}

/// Why a worker may not sign up now.
pub fn check_can_sign_up(
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    today: NaiveDate,
    eligibility: Eligibility,
    is_member: bool,
) -> Result<(), Text> {
    match signup_window(opens_on, closes_on, today) {
        SignupWindow::Open => {}
        w => return Err(w.label()),
    }
    if eligibility == Eligibility::MembersOnly && !is_member {
        return Err(Text::new(
            "这个班只收本工会的会员,请先入会",
            "This course is for members of this union; join the union first",
        ));
    }
    Ok(())
}

/// Where a new sign-up goes, given the course's places and who already holds them.
pub fn placement(places: u32, enrolled: u32, waitlisted: u32) -> EnrolmentStatus {
    if enrolled < places && waitlisted == 0 {
        EnrolmentStatus::Enrolled
    } else {
        EnrolmentStatus::Waitlisted
    }
}

/// How many of the waitlist to promote now: as many as there are free places.
pub fn promotions(places: u32, enrolled: u32, waitlisted: u32) -> u32 {
    places.saturating_sub(enrolled).min(waitlisted)
}

/// A queue of sign-ups, in the order the waitlist is served: by `queue_no`,
/// which a sign-up (or a sign-up again after cancelling) takes as one more
/// than the course's highest.
pub fn next_in_line<T>(waitlist: &[T], queue_no: impl Fn(&T) -> i64) -> Option<&T> {
    waitlist.iter().min_by_key(|e| queue_no(e))
}

/// A worker's place in the waitlist, 1 for the next to be promoted.
pub fn waitlist_position(my_queue_no: i64, queue_nos: impl IntoIterator<Item = i64>) -> u32 {
    1 + queue_nos.into_iter().filter(|n| *n < my_queue_no).count() as u32
}

/// Whether a sign-up can still be cancelled by its worker: not once assessed,
/// nor after the course has ended.
pub fn check_can_cancel(
    status: EnrolmentStatus,
    assessed: bool,
    ends_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), Text> {
    if status == EnrolmentStatus::Cancelled {
        return Ok(());
    }
    if assessed || today > ends_on {
        return Err(Text::new(
            "课程已经结束,不能再取消报名",
            "The course is over; the sign-up can no longer be cancelled",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::session::tests::d;
    use super::*;

    #[test]
    fn sign_ups_take_places_then_wait_in_order() {
        let places = 2;
        let (mut enrolled, mut waiting) = (0u32, Vec::<i64>::new());
        let mut queue = 0i64;
        let mut log = Vec::new();
        for who in ["甲", "乙", "丙", "丁"] {
            queue += 1;
            match placement(places, enrolled, waiting.len() as u32) {
                EnrolmentStatus::Enrolled => enrolled += 1,
                _ => waiting.push(queue),
            }
            log.push((who, enrolled, waiting.len()));
        }
        assert_eq!(
            log,
            [("甲", 1, 0), ("乙", 2, 0), ("丙", 2, 1), ("丁", 2, 2)]
        );
        assert_eq!(waitlist_position(3, waiting.clone()), 1);
        assert_eq!(waitlist_position(4, waiting.clone()), 2);
        // One cancels: exactly one place frees, the first in line gets it.
        enrolled -= 1;
        assert_eq!(promotions(places, enrolled, waiting.len() as u32), 1);
        assert_eq!(next_in_line(&waiting, |n| *n), Some(&3));
        // A waiting sign-up cancelling frees no place.
        assert_eq!(promotions(places, places, 1), 0);
        // Nobody jumps the queue: with anyone waiting, a free place goes to them, not a newcomer.
        assert_eq!(placement(places, 1, 1), EnrolmentStatus::Waitlisted);
        // Staff adding three places promote at most the waitlist.
        assert_eq!(promotions(5, 2, 2), 2);
    }

    #[test]
    fn the_window_and_membership_decide_who_may_sign_up() {
        let (o, c) = (d("2025-03-20"), d("2025-03-31"));
        assert!(check_can_sign_up(o, c, d("2025-03-25"), Eligibility::Open, false).is_ok());
        assert!(check_can_sign_up(o, c, d("2025-03-25"), Eligibility::MembersOnly, true).is_ok());
        assert!(
            check_can_sign_up(o, c, d("2025-03-25"), Eligibility::MembersOnly, false)
                .unwrap_err()
                .zh
                .contains("请先入会")
        );
        assert_eq!(
            check_can_sign_up(o, c, d("2025-04-01"), Eligibility::Open, true),
            Err(SignupWindow::Closed.label())
        );
        assert_eq!(
            check_can_sign_up(o, c, d("2025-03-19"), Eligibility::Open, true),
            Err(SignupWindow::NotYet.label())
        );
    }

    #[test]
    fn names_are_real_names() {
        assert_eq!(
            SignupInput {
                name: " 王秀英 ".into()
            }
            .validate()
            .unwrap(),
            "王秀英"
        );
        assert!(SignupInput { name: "王".into() }.validate().is_err());
        assert!(SignupInput {
            name: "user123".into()
        }
        .validate()
        .is_err());
        assert!(SignupInput {
            name: "王".repeat(21)
        }
        .validate()
        .is_err());
    }

    #[test]
    fn cancelling_ends_with_the_course() {
        let end = d("2025-04-04");
        assert!(check_can_cancel(EnrolmentStatus::Enrolled, false, end, d("2025-04-04")).is_ok());
        assert!(
            check_can_cancel(EnrolmentStatus::Waitlisted, false, end, d("2025-04-05")).is_err()
        );
        assert!(check_can_cancel(EnrolmentStatus::Enrolled, true, end, d("2025-04-01")).is_err());
        assert!(
            check_can_cancel(EnrolmentStatus::Cancelled, true, end, d("2025-05-01")).is_ok(),
            "a replay"
        );
    }
}
