//! Union enrolment and membership (入会, 会员): the registration form, the
//! consent it carries, the life of applications and memberships, member
//! numbers, union suggestions, member cards, and the API's wire types.

pub mod api;
pub mod card;
pub mod consent;
pub mod disclosure;
pub mod figures;
pub mod form;
pub mod leave;
pub mod lifecycle;
pub mod member_no;
mod routes;
pub mod spreadsheet;
pub mod suggest;
pub mod transfer;

pub use api::{
    Applicant, ApplicationList, ApplicationReply, ApplicationView, BulkDecision, BulkDecisionReply,
    ClosureReply, Decision, DecisionInput, DecisionOutcome, DecisionSkip, MemberHistory,
    MemberList, MemberRow, MembershipView, NewApplication, ReviewItem, ReviewQueue,
    ReviewQueueQuery, TimelineEntry, ValidDecision,
};
pub use card::{
    signing_payload, verify_path, MemberCard, MemberCardReply, VerifyFailure, VerifyLink,
    VerifyQuery, VerifyResult,
};
pub use consent::{
    ConsentSection, Retention, CONSENT_AGREE, CONSENT_SECTIONS, CONSENT_TITLE, CONSENT_VERSION,
};
pub use figures::{FigureTotals, FiguresQuery, MembershipFigures, MonthRange, MonthlyFigure};
pub use form::{validate_name, Consent, EmploymentForm, EnrolmentForm, ValidEnrolment};
pub use leave::{
    ConsentWithdrawal, ConsentWithdrawalReply, LeaveReason, LeaveRequest, ValidLeave,
    CONSENT_WITHDRAWAL_EFFECTS,
};
pub use lifecycle::{
    validate_rejection_reason, ApplicationKind, ApplicationStatus, MembershipEventKind,
    MembershipStatus,
};
pub use member_no::MemberNo;
pub use routes::*;
pub use suggest::{
    area_name, site_key, suggest, JoinArea, JoinAreas, SuggestQuery, Suggestion, SuggestionFit,
    UnionSuggestion, UnionSuggestions,
};
pub use transfer::{
    check_can_apply, check_closure, duplicate_application, CloseProjectInput, TransferRequest,
    ValidTransfer,
};

#[cfg(all(test, feature = "openapi"))]
mod schema_tests {
    use super::*;
    use schemars::{schema_for, JsonSchema};
    use serde_json::Value;

    fn schema<T: JsonSchema>() -> Value {
        schema_for!(T).to_value()
    }

    fn enum_values(v: &Value) -> Vec<String> {
        let mut out: Vec<String> = v["enum"]
            .as_array()
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        for alt in v["oneOf"].as_array().into_iter().flatten() {
            out.extend(
                alt["const"]
                    .as_str()
                    .map(String::from)
                    .into_iter()
                    .chain(enum_values(alt)),
            );
        }
        out
    }

    #[test]
    fn wire_types_have_snake_case_schemas_with_typed_times() {
        let form = schema::<NewApplication>();
        let form_props = &form["$defs"]["EnrolmentForm"]["properties"];
        for field in [
            "name",
            "id_number",
            "gender",
            "birth_date",
            "employment_form",
            "contact_address",
            "consent",
        ] {
            assert!(form_props.get(field).is_some(), "EnrolmentForm.{field}");
        }
        assert_eq!(
            form["$defs"]["Consent"]["properties"]["sensitive_info"]["type"],
            "boolean"
        );

        let app = schema::<ApplicationReply>();
        let view = &app["$defs"]["ApplicationView"]["properties"];
        assert_eq!(view["submitted_at"]["format"], "date-time");
        assert!(view.get("id_number").is_none() && view.get("id_number_masked").is_some());

        let history = schema::<MemberHistory>();
        let mut kinds = enum_values(&history["$defs"]["MembershipEventKind"]);
        let mut codes: Vec<&str> = MembershipEventKind::ALL.iter().map(|k| k.code()).collect();
        kinds.sort();
        codes.sort();
        assert_eq!(kinds, codes);

        for s in [
            schema::<ReviewQueue>(),
            schema::<BulkDecision>(),
            schema::<BulkDecisionReply>(),
            schema::<MembershipFigures>(),
            schema::<FiguresQuery>(),
            schema::<MemberCardReply>(),
            schema::<VerifyResult>(),
            schema::<VerifyQuery>(),
            schema::<UnionSuggestions>(),
            schema::<SuggestQuery>(),
            schema::<TransferRequest>(),
            schema::<CloseProjectInput>(),
            schema::<ClosureReply>(),
            schema::<MemberList>(),
            schema::<LeaveRequest>(),
            schema::<ConsentWithdrawal>(),
            schema::<ConsentWithdrawalReply>(),
        ] {
            assert_eq!(s["type"], "object", "{s}");
        }
        let card = schema::<MemberCardReply>();
        assert_eq!(
            card["$defs"]["MemberCard"]["properties"]["joined_on"]["format"],
            "date"
        );
    }
}
