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
//! | `reach.rs` | which cards staff see as candidates, distances in bands |
//! | `fair.rs` | job fairs and the monthly fair dates |
//! | `api.rs` | envelopes, lists, applicants, moderation, invitations, queries, figures |
//! | `routes.rs` | the capability's route table |

mod api;
mod card;
mod employer;
mod fair;
mod job;
pub mod matching;
pub mod reach;
mod routes;
mod search;
pub mod spreadsheet;
pub mod text_search;

pub use api::*;
pub use card::*;
pub use employer::*;
pub use fair::*;
pub use job::*;
pub use routes::*;
pub use search::*;

use crate::error::{finish, text_field};
use crate::trades::{Trade, TradeGroup};

/// The trades as one integer, a bit per trade (its place in `Trade::ALL`, which
/// only ever grows at the end): stored beside jobs and job cards so "has one of
/// these trades" is `(trade_mask & ?) <> 0` in SQL, inside the R*Tree too.
pub fn trade_mask(trades: impl IntoIterator<Item = Trade>) -> i64 {
    trades.into_iter().fold(0, |m, t| {
        m | (1i64 << Trade::ALL.iter().position(|x| *x == t).unwrap_or(0))
    })
}

/// The jobs worth scoring for a worker with these trades: the same trades and
/// the related ones (same group, `matching`'s "工种相近").
pub fn related_mask(trades: impl IntoIterator<Item = Trade>) -> i64 {
    let trades: Vec<Trade> = trades.into_iter().collect();
    let groups: Vec<TradeGroup> = trades
        .iter()
        .map(|t| t.group())
        .filter(|g| *g != TradeGroup::Other)
        .collect();
    trade_mask(
        trades.iter().copied().chain(
            Trade::ALL
                .iter()
                .copied()
                .filter(|t| groups.contains(&t.group())),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trade_masks_have_a_bit_per_trade_and_related_trades_share_a_group() {
        assert!(Trade::ALL.len() < 63, "a mask must fit in a positive i64");
        assert_eq!(trade_mask([Trade::ALL[0]]), 1);
        let m = trade_mask([Trade::Carpenter, Trade::Welder]);
        assert_ne!(m & trade_mask([Trade::Welder]), 0);
        assert_eq!(m & trade_mask([Trade::Cook]), 0);
        let related = related_mask([Trade::Carpenter]);
        assert_ne!(related & trade_mask([Trade::Mason]), 0, "same group");
        assert_eq!(related & trade_mask([Trade::Courier]), 0);
        assert_eq!(related_mask([Trade::Other]), trade_mask([Trade::Other]));
    }

    #[cfg(feature = "openapi")]
    #[test]
    fn wire_types_describe_themselves() {
        let job = schemars::schema_for!(JobEnvelope).to_value().to_string();
        // The contact phone is optional in the document: absent unless the viewer may call.
        assert!(job.contains("\"phone\""), "{job}");
        let contact = schemars::schema_for!(JobContact).to_value();
        assert_eq!(
            contact["required"],
            serde_json::json!(["name"]),
            "{contact}"
        );
        for needle in [
            "wage_min_fen",
            "settlement",
            "taken_down",
            "valid_until",
            "my_application",
        ] {
            assert!(job.contains(needle), "{needle}");
        }
        let matched = schemars::schema_for!(matching::MatchedJob)
            .to_value()
            .to_string();
        assert!(
            matched.contains("same_trade") && matched.contains("\"match\""),
            "{matched}"
        );
        let card = schemars::schema_for!(JobCardEnvelope)
            .to_value()
            .to_string();
        assert!(card.contains("available_from") && card.contains("years"));
        let fair = schemars::schema_for!(JobFairEnvelope)
            .to_value()
            .to_string();
        assert!(fair.contains("employers") && fair.contains("starts_at"));
        let employer = schemars::schema_for!(EmployerEnvelope)
            .to_value()
            .to_string();
        assert!(employer.contains("wage_record") && employer.contains("verified_by"));
        let query = schemars::schema_for!(JobSearchQuery).to_value().to_string();
        assert!(query.contains("highest_wage") && query.contains("radius_km"));
    }
}
