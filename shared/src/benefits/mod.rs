//! Benefits (服务与帮扶): the programmes unions run for their subtree — hardship
//! aid (困难帮扶), medical mutual aid (职工医疗互助), scholarships (金秋助学), the
//! four seasonal campaigns (四季送), free health checks — and the one
//! application form a worker follows to the money.
//!
//! | file | holds |
//! |---|---|
//! | `programme.rs` | a programme: kind, eligibility in plain words, documents, the amount rule, the window, the budget, who may apply, open/paused/closed |
//! | `application.rs` | the application form: the profile taken from enrolment, and each kind's own fields |
//! | `status.rs` | the status machine, its allowed moves, and each status in plain words with the next step and who handles it |
//! | `review.rs` | what staff send: start review, request documents, decide, confirm after 公示, record payments |
//! | `api.rs` | envelopes, lists, queries and the views of programmes and applications |
//! | `figures.rs` | the monthly figures per programme (人 apart from 人次, median days to a decision) and their CSV |
//! | `open_data.rs` | the HSDS-shaped public view of open programmes |
//! | `notice.rs` | the text a worker gets on each status change |
//! | `household.rs` | 困难职工档案: households on file, their category, review date and 脱困 closing |
//! | `hardship.rs` | the hardship self-check: the monthly figure per person and the category it falls in, with the numbers shown |
//! | `medical.rs` | medical mutual aid's deadlines: notice after discharge, and the 2-year claim limit |
//! | `routes.rs` | the capability's route table |
//!
//! Screens use the wire types here as they are, and the plain words from
//! `ApplicationStatus::step`, `Programme::amount_text`, `window_state` and
//! the deadline countdowns of `medical.rs`.

mod api;
mod application;
mod figures;
mod hardship;
mod household;
mod medical;
mod notice;
pub mod open_data;
mod programme;
mod review;
mod routes;
mod status;

pub use api::*;
pub use application::*;
pub use figures::*;
pub use hardship::*;
pub use household::*;
pub use medical::*;
pub use notice::*;
pub use programme::*;
pub use review::*;
pub use routes::*;
pub use status::*;

use crate::error::{finish, text_field};

/// A name with every character but the first and the last hidden, as a
/// public notice (公示) shows it: 王建国 → 王*国, 王五 → 王*, 欧阳小明 → 欧**明.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".into(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_for_the_public_notice() {
        assert_eq!(mask_name("王建国"), "王*国");
        assert_eq!(mask_name("王五"), "王*");
        assert_eq!(mask_name("欧阳小明"), "欧**明");
        assert_eq!(mask_name(" 李 "), "*");
        assert_eq!(mask_name(""), "");
    }
}
