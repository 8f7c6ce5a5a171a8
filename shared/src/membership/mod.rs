//! Union enrolment and membership (入会, 会员): the registration form, the
//! consent it carries, the life of applications and memberships, member
//! numbers, union suggestions, member cards, and the API's wire types.

pub mod consent;
pub mod form;

pub use consent::{ConsentSection, Retention, CONSENT_AGREE, CONSENT_SECTIONS, CONSENT_TITLE, CONSENT_VERSION};
pub use form::{validate_name, Consent, EmploymentForm, EnrolmentForm, ValidEnrolment};
