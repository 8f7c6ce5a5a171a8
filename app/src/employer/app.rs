//! Routes of the `employer` bundle.

use crate::components::layout::{provide_worker_app, WorkerLayout};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_worker_app("employer");
    view! {
        <Router>
            <Routes fallback=|| view! { <crate::components::status::NotFound/> }>
                <ParentRoute path=path!("") view=WorkerLayout>
                    <Route path=path!("employer") view=super::Mine/>
                    <Route path=path!("employer/register") view=super::Register/>
                    <Route path=path!("employer/:id") view=super::EmployerJobs/>
                    <Route path=path!("employer/:id/edit") view=super::EditEmployer/>
                    <Route path=path!("employer/:id/jobs/new") view=super::NewJob/>
                    <Route path=path!("employer/:id/jobs/:job_id") view=super::EditJob/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
