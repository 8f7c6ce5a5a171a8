//! Routes of the `jobs` bundle.

use crate::components::layout::WorkerLayout;
use crate::components::link::CurrentBundle;
use crate::{auth, employer, i18n, outbox, pwa};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_context(CurrentBundle("jobs"));
    i18n::provide();
    pwa::provide();
    auth::provide();
    outbox::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <crate::components::status::NotFound/> }>
                <ParentRoute path=path!("") view=WorkerLayout>
                    <Route path=path!("jobs") view=super::search::Search/>
                    <Route path=path!("employer") view=employer::Mine/>
                    <Route path=path!("employer/register") view=employer::Register/>
                    <Route path=path!("employer/:id") view=employer::EmployerJobs/>
                    <Route path=path!("employer/:id/jobs/new") view=employer::NewJob/>
                    <Route path=path!("employer/:id/jobs/:job_id") view=employer::EditJob/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
