//! Jobs and gig matching (招工/零工市场): verified employers post jobs, workers
//! keep a job card (求职卡), both sides see their best matches with reasons in
//! plain words, and unions run job fairs (招聘会).
//!
//! | file | holds |
//! |---|---|
//! | `employer.rs` | employer registration, status, the employer's public record |
//! | `job.rs` | job input and rules, lifecycle, wire types, who sees the contact phone |
//! | `card.rs` | the worker's side: job card, applications, fake-ad reports |
//! | `search.rs` | `GET /api/jobs` query: filters, sort, seek cursor |
//! | `text_search.rs` | Chinese full-text search on D1 FTS5 (trigram + bigram tables) |
//! | `matching.rs` | the two-way match score and its reasons |
//! | `fair.rs` | job fairs and the monthly fair dates |

mod card;
mod employer;
mod fair;
mod job;
pub mod matching;
mod search;
pub mod text_search;

pub use card::*;
pub use employer::*;
pub use fair::*;
pub use job::*;
pub use search::*;

use crate::error::{why, FieldErrors};

/// Checks a free-text field's length in characters (after trimming) and returns it trimmed.
fn text_field(errors: &mut FieldErrors, field: &str, value: &str, min: usize, max: usize) -> String {
    let v = value.trim();
    let n = v.chars().count();
    if n == 0 && min > 0 {
        errors.add(field, why::required());
    } else if n < min {
        errors.add(field, why::too_short(min));
    } else if n > max {
        errors.add(field, why::too_long(max));
    }
    v.to_string()
}

/// `Ok(value)` when no field error was recorded.
fn finish<T>(errors: FieldErrors, value: T) -> Result<T, FieldErrors> {
    if errors.is_empty() { Ok(value) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields_are_trimmed_and_measured_in_characters() {
        let mut e = FieldErrors::new();
        assert_eq!(text_field(&mut e, "a", "  木工  ", 2, 4), "木工");
        assert!(e.is_empty());
        text_field(&mut e, "b", "木", 2, 4);
        text_field(&mut e, "c", "钢筋工程", 2, 3);
        text_field(&mut e, "d", "   ", 2, 4);
        text_field(&mut e, "e", "", 0, 4);
        assert_eq!(e.get("b"), Some(&why::too_short(2)));
        assert_eq!(e.get("c"), Some(&why::too_long(3)));
        assert_eq!(e.get("d"), Some(&why::required()));
        assert_eq!(e.get("e"), None);
    }

    #[cfg(feature = "openapi")]
    #[test]
    fn wire_types_describe_themselves() {
        let job = schemars::schema_for!(JobEnvelope).to_value().to_string();
        // The contact phone is optional in the document: absent unless the viewer may call.
        assert!(job.contains("\"phone\""), "{job}");
        let contact = schemars::schema_for!(JobContact).to_value();
        assert_eq!(contact["required"], serde_json::json!(["name"]), "{contact}");
        for needle in ["wage_min_fen", "settlement", "taken_down", "valid_until", "my_application"] {
            assert!(job.contains(needle), "{needle}");
        }
        let matched = schemars::schema_for!(matching::MatchedJob).to_value().to_string();
        assert!(matched.contains("same_trade") && matched.contains("\"match\""), "{matched}");
        let card = schemars::schema_for!(JobCardEnvelope).to_value().to_string();
        assert!(card.contains("available_from") && card.contains("years"));
        let fair = schemars::schema_for!(JobFairEnvelope).to_value().to_string();
        assert!(fair.contains("employers") && fair.contains("starts_at"));
        let employer = schemars::schema_for!(EmployerEnvelope).to_value().to_string();
        assert!(employer.contains("wage_record") && employer.contains("verified_by"));
        let query = schemars::schema_for!(JobSearchQuery).to_value().to_string();
        assert!(query.contains("highest_wage") && query.contains("radius_km"));
    }
}
