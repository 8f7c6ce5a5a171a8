//! Enrolment, staff side: the review queue, the members list, closing a
//! (project) union with its members moved to a fallback union, each union's
//! printable join poster, and the membership figures for the monthly report.

mod close;
mod figures;
mod members;
mod poster;
mod queue;
mod reveal;

pub use close::CloseUnion;
pub use figures::Figures;
pub use members::Members;
pub use poster::JoinPoster;
pub use queue::Queue;
