//! The staff workspace under /admin: its own layout, scoped to a union subtree.

mod account;
mod app;
mod audit;
mod benefits;
mod home;
mod jobs;
mod layout;
mod login;
mod membership;
pub mod pages;
mod rights;
pub mod scope;
mod second_factor;
mod staff;
mod stations;
mod training;
mod union_edit;
mod unions;

pub use account::Account;
pub use app::App;
pub use audit::Audit;
pub use benefits::{
    ApplicationPage as BenefitApplication, EditProgramme as EditBenefitProgramme,
    NewProgramme as NewBenefitProgramme, ProgrammePage as BenefitProgramme,
    Programmes as BenefitProgrammes, Queue as BenefitQueue,
};
pub use home::Home;
pub use jobs::{
    Employers, Fairs as JobFairs, Figures as JobsFigures, JobPage as AdminJob, Jobs as AdminJobs,
    NewEmployer, NewJob as AdminNewJob, Reports as JobReports,
};
pub use layout::AdminLayout;
pub use login::Login;
pub use membership::{
    CloseUnion, Figures as MembershipFigures, JoinPoster, Members, Queue as Applications,
};
pub use rights::{
    CasePage as RightsCase, Overdue as RightsOverdue, PrintComplaint as RightsPrint,
    Queue as RightsQueue,
};
pub use staff::StaffPage;
pub use stations::{
    EditStation, Import as StationImport, NewStation, Poster as StationPoster,
    Recheck as StationRecheck, Stations,
};
pub use training::{
    AttendancePage as TrainingAttendance, CoursePage as TrainingCourse, Courses as TrainingCourses,
    EditCourse as EditTrainingCourse, Figures as TrainingFigures, NewCourse as NewTrainingCourse,
    SessionQr as TrainingSessionQr,
};
pub use union_edit::EditUnion;
pub use unions::Unions;
