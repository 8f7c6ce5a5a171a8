//! Union enrolment and membership (入会, 会员): the registration form, the
//! consent it carries, the life of applications and memberships, member
//! numbers, union suggestions, member cards, and the API's wire types.

/// An enum stored in D1 and sent in JSON under the same snake_case code, with
/// its list, parser and bilingual label written once.
macro_rules! stored_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal, $zh:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value stored in D1 and sent in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            pub fn label(self) -> $crate::lang::Text {
                match self { $($name::$variant => $crate::lang::Text::new($zh, $en),)* }
            }
        }
    };
}

pub mod api;
pub mod card;
pub mod consent;
pub mod form;
pub mod lifecycle;
pub mod member_no;
pub mod suggest;
pub mod transfer;

pub use api::{
    Applicant, ApplicationList, ApplicationReply, ApplicationView, BulkDecision, BulkDecisionReply, ClosureReply, Decision, DecisionInput,
    DecisionOutcome, DecisionSkip, MemberHistory, MemberList, MemberRow, MembershipView, NewApplication, ReviewItem, ReviewQueue,
    ReviewQueueQuery, TimelineEntry, ValidDecision,
};
pub use card::{signing_payload, verify_path, MemberCard, MemberCardReply, VerifyFailure, VerifyLink, VerifyQuery, VerifyResult};
pub use consent::{ConsentSection, Retention, CONSENT_AGREE, CONSENT_SECTIONS, CONSENT_TITLE, CONSENT_VERSION};
pub use form::{validate_name, Consent, EmploymentForm, EnrolmentForm, ValidEnrolment};
pub use lifecycle::{validate_rejection_reason, ApplicationKind, ApplicationStatus, MembershipEventKind, MembershipStatus};
pub use member_no::MemberNo;
pub use suggest::{suggest, SuggestQuery, Suggestion, SuggestionFit, UnionSuggestion, UnionSuggestions};
pub use transfer::{check_can_apply, check_closure, duplicate_application, CloseProjectInput, TransferRequest, ValidTransfer};

