//! Routes of the staff workspace.

use super::*;
use crate::{auth, i18n};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_context(crate::components::link::CurrentBundle("admin"));
    i18n::provide();
    auth::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <crate::components::status::NotFound/> }>
                <Route path=path!("/admin/login") view=Login/>
                <ParentRoute path=path!("/admin") view=AdminLayout>
                    <Route path=path!("") view=Home/>
                    <Route path=path!("unions") view=Unions/>
                    <Route path=path!("unions/:id/poster") view=JoinPoster/>
                    <Route path=path!("unions/:id/close") view=CloseUnion/>
                    <Route path=path!("unions/:id/edit") view=EditUnion/>
                    <Route path=path!("applications") view=Applications/>
                    <Route path=path!("members") view=Members/>
                    <Route path=path!("membership/figures") view=MembershipFigures/>
                    <Route path=path!("staff") view=StaffPage/>
                    <Route path=path!("audit") view=Audit/>
                    <Route path=path!("account") view=Account/>
                    <Route path=path!("stations") view=Stations/>
                    <Route path=path!("stations/new") view=NewStation/>
                    <Route path=path!("stations/recheck") view=StationRecheck/>
                    <Route path=path!("stations/import") view=StationImport/>
                    <Route path=path!("stations/:id") view=EditStation/>
                    <Route path=path!("stations/:id/poster") view=StationPoster/>
                    <Route path=path!("employers") view=Employers/>
                    <Route path=path!("employers/new") view=NewEmployer/>
                    <Route path=path!("jobs") view=AdminJobs/>
                    <Route path=path!("jobs/new") view=AdminNewJob/>
                    <Route path=path!("jobs/figures") view=JobsFigures/>
                    <Route path=path!("jobs/:id") view=AdminJob/>
                    <Route path=path!("job-reports") view=JobReports/>
                    <Route path=path!("job-fairs") view=JobFairs/>
                    <Route path=path!("benefits") view=BenefitProgrammes/>
                    <Route path=path!("benefits/new") view=NewBenefitProgramme/>
                    <Route path=path!("benefits/:id") view=BenefitProgramme/>
                    <Route path=path!("benefits/:id/edit") view=EditBenefitProgramme/>
                    <Route path=path!("benefit-applications") view=BenefitQueue/>
                    <Route path=path!("benefit-applications/:id") view=BenefitApplication/>
                    <Route path=path!("rights") view=RightsQueue/>
                    <Route path=path!("rights/overdue") view=RightsOverdue/>
                    <Route path=path!("rights/cases/:id") view=RightsCase/>
                    <Route path=path!("rights/cases/:id/print") view=RightsPrint/>
                    <Route path=path!("training") view=TrainingCourses/>
                    <Route path=path!("training/new") view=NewTrainingCourse/>
                    <Route path=path!("training/figures") view=TrainingFigures/>
                    <Route path=path!("training/sessions/:id") view=TrainingAttendance/>
                    <Route path=path!("training/sessions/:id/qr") view=TrainingSessionQr/>
                    <Route path=path!("training/:id") view=TrainingCourse/>
                    <Route path=path!("training/:id/edit") view=EditTrainingCourse/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
